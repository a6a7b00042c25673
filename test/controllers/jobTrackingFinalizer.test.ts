// The Job tracking finalizer (batch.kubernetes.io/job-tracking, pkg/controller/job
// job_controller.go): the API server keeps a deleted pod that carries it (registry/store.go
// Delete: pendingFinalizers) until the Job controller has counted the pod and taken the
// finalizer off (trackJobStatusAndRemoveFinalizers), so that no pod leaves uncounted; the pods
// of a deleted Job, and pods orphaned by `--cascade=orphan`, lose it through syncOrphanPod
// (deleteJob → cleanupPodFinalizers, deletePod → enqueueOrphanPod).
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { KubeObject, Pod } from "../../src/k8s/types.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { getJob, jobOf, type Obj } from "./jobCluster.ts";

const FINALIZER = "batch.kubernetes.io/job-tracking";

function clusterWith(settings: Record<string, number>, job: Obj): Simulation {
  const s = new Simulation({ settings });
  expect(applyObjects([job] as unknown as KubeObject[], s, "job.yaml").stderr).toBe("");
  return s;
}

const sleeper = (seconds: number) => ({
  name: "work",
  image: "busybox:1.36",
  command: ["sleep", `${seconds}`],
});
const pods = (s: Simulation): Pod[] => s.api.list("Pod", "default") as Pod[];
const podNamed = (s: Simulation, name: string): Pod | undefined =>
  s.api.get("Pod", "default", name) as Pod | undefined;
const kubectl = (s: Simulation, line: string): string => {
  const r = runKubectl(line, s);
  expect(r.stderr).toBe("");
  return r.stdout;
};

describe("a deleted pod of a Job stays until the Job controller has counted it", () => {
  it("Terminating with the finalizer until the sync a second later counts it failed; then its grace period runs out", () => {
    // pod.shutdown 10 s: the container takes 10 s to stop, so the count comes first.
    const s = clusterWith(
      { "pod.shutdown": 10 },
      jobOf(sleeper(20), "migrate", { parallelism: 2, completions: 3 }),
    );
    s.runUntil(5);
    const victim = pods(s)[0].metadata.name;
    expect(kubectl(s, `delete pod ${victim} --wait=false`)).toBe(`pod "${victim}" deleted\n`);
    s.runUntil(5.5);
    const yaml = kubectl(s, `get pod ${victim} -o yaml`);
    expect(yaml).toContain(
      [
        "  deletionGracePeriodSeconds: 30",
        '  deletionTimestamp: "2024-01-01T00:00:35Z"',
        "  finalizers:",
        "  - batch.kubernetes.io/job-tracking",
        "  generateName: migrate-",
      ].join("\n"),
    );
    expect(kubectl(s, "get pods")).toBe(
      [
        "NAME            READY   STATUS        RESTARTS   AGE",
        `${victim}   0/1     Terminating   0          5s`,
        `${pods(s)[1].metadata.name}   1/1     Running       0          5s`,
        "",
      ].join("\n"),
    );
    // syncJobBatchPeriod later: counted as failed (isPodFailed: deleted, not Succeeded), the
    // finalizer off, the pod still stopping.
    s.runUntil(6);
    expect(getJob(s, "migrate").status).toMatchObject({ failed: 1, terminating: 1, active: 0 });
    expect(podNamed(s, victim)?.metadata.finalizers).toBeUndefined();
    s.runUntil(15);
    expect(podNamed(s, victim)).toBeUndefined();
    s.runUntil(60);
    // Counted once: 3 succeeded, the deleted one failed.
    expect(getJob(s, "migrate").status).toMatchObject({
      succeeded: 3,
      failed: 1,
      uncountedTerminatedPods: {},
    });
    expect(kubectl(s, "get job migrate")).toBe(
      [
        "NAME      STATUS     COMPLETIONS   DURATION   AGE",
        "migrate   Complete   3/3           48s        60s",
        "",
      ].join("\n"),
    );
  });

  it("podReplacementPolicy Failed: the pod stays with the kubelet's Failed status until counted, so the failure is not lost", () => {
    // terminationGracePeriodSeconds 1 with pod.shutdown 1: the container is killed (137), the
    // phase Failed (kubelet_pods.go getPhase), written before the kubelet's final delete.
    const s = clusterWith(
      {},
      jobOf(sleeper(20), "migrate", { podReplacementPolicy: "Failed" }, { terminationGracePeriodSeconds: 1 }),
    );
    s.runUntil(5);
    const victim = pods(s)[0].metadata.name;
    kubectl(s, `delete pod ${victim} --wait=false`);
    s.runUntil(5.5);
    // Only a Failed pod counts under this policy: nothing yet.
    expect(getJob(s, "migrate").status?.failed).toBeUndefined();
    expect(podNamed(s, victim)?.metadata.finalizers).toEqual([FINALIZER]);
    s.runUntil(6);
    expect(podNamed(s, victim)).toBeUndefined();
    expect(getJob(s, "migrate").status).toMatchObject({ failed: 1 });
    s.runUntil(60);
    expect(getJob(s, "migrate").status).toMatchObject({ succeeded: 1, failed: 1 });
  });
});

describe("the orphans' finalizers (syncOrphanPod)", () => {
  it("deleting a running Job takes the finalizer off its pods at once: they stop and go", () => {
    const s = clusterWith({}, jobOf(sleeper(100), "migrate", { parallelism: 2, completions: 4 }));
    s.runUntil(5);
    expect(kubectl(s, "delete job migrate --wait=false")).toBe('job.batch "migrate" deleted\n');
    // The garbage collector deletes the pods with their grace period; the Job's deletion wakes
    // its key at once (deleteJob: enqueueSyncJobImmediately, cleanupPodFinalizers).
    s.runUntil(5);
    expect(pods(s).map((p) => [p.metadata.deletionTimestamp, p.metadata.finalizers])).toEqual([
      [35, undefined],
      [35, undefined],
    ]);
    s.runUntil(6);
    expect(runKubectl("get pods", s).stderr).toBe("No resources found in default namespace.\n");
  });

  it("--cascade=orphan: the pods keep running, without owner or finalizer", () => {
    const s = clusterWith({}, jobOf(sleeper(100), "migrate", { parallelism: 2, completions: 4 }));
    s.runUntil(5);
    kubectl(s, "delete job migrate --cascade=orphan");
    s.runUntil(6);
    expect(pods(s).map((p) => [p.status.phase, p.metadata.ownerReferences, p.metadata.finalizers])).toEqual([
      ["Running", undefined, undefined],
      ["Running", undefined, undefined],
    ]);
  });
});
