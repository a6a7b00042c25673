// The Job controller (pkg/controller/job/job_controller.go syncJob, manageJob,
// trackJobStatusAndRemoveFinalizers; backoff_utils.go; indexed_job_utils.go), the
// TTL-after-finished controller (pkg/controller/ttlafterfinished), the kubelet's end of a Job's
// pod (kubelet_pods.go getPhase), and the API server's admission of a Job
// (pkg/apis/batch/v1/defaults.go SetDefaults_Job, pkg/registry/batch/job/strategy.go
// generateSelector, validation.go ValidateJob) — run in a simulated cluster, timed to the second.
import { describe, expect, it } from "vitest";
import { backoffRemaining, finishedTime } from "../../src/engine/controllers/job/index.ts";
import { firstPendingIndexes, indexesText, parseIndexes } from "../../src/engine/controllers/job/indexes.ts";
import { jobWatches } from "../../src/engine/controllers/job/watches.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { admit } from "../../src/k8s/admission.ts";
import { fieldErrorString } from "../../src/k8s/fieldErrors.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { Job } from "../../src/k8s/kinds/job/types.ts";
import type { KubeObject, Pod } from "../../src/k8s/types.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { cluster, getJob, jobEvents, jobOf, podsOf, type Obj } from "./jobCluster.ts";
import type { WatchEvent } from "../../src/engine/store.ts";
import type { StoreView } from "../../src/engine/controller.ts";

const jobManifest = (name: string, spec: Obj = {}, podSpec: Obj = {}): Obj =>
  jobOf({ name: "work", image: "busybox:1.36", command: ["sleep", "5"] }, name, spec, podSpec);
const conditionTypes = (j: Job): string[] => (j.status?.conditions ?? []).map((c) => `${c.type}=${c.status}`);

describe("admission of a Job", () => {
  it("defaults the counts, the mode and the policies, and generates the selector and labels from the uid", () => {
    const s = cluster(jobManifest("migrate"));
    const j = getJob(s, "migrate");
    const uid = j.metadata.uid!;
    // SetDefaults_Job: completions and parallelism 1 when both are unset; backoffLimit 6.
    expect(j.spec).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 6,
      completionMode: "NonIndexed",
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: "TerminatingOrFailed",
    });
    // generateSelector: both label forms on the template, the prefixed uid in the selector.
    expect(j.spec.selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": uid } });
    expect(j.spec.template.metadata?.labels).toEqual({
      "batch.kubernetes.io/controller-uid": uid,
      "batch.kubernetes.io/job-name": "migrate",
      "controller-uid": uid,
      "job-name": "migrate",
    });
    // A Job without labels shows its template's (SetDefaults_Job again on read).
    expect(j.metadata.labels).toEqual(j.spec.template.metadata?.labels);
  });

  it("keeps a Job's own labels, and defaults parallelism alone when completions is given", () => {
    const m = jobManifest("seed", { completions: 3 });
    (m.metadata as Obj).labels = { team: "data" };
    const j = getJob(cluster(m), "seed");
    expect(j.metadata.labels).toEqual({ team: "data" });
    expect(j.spec).toMatchObject({ completions: 3, parallelism: 1 });
  });

  it("refuses a template without OnFailure or Never, and a selector without manualSelector", () => {
    const bad = jobManifest("x", { selector: { matchLabels: { app: "x" } } }, { restartPolicy: undefined });
    const { errors } = admit(bad, undefined, { kinds: builtinKinds });
    expect(errors.map(fieldErrorString)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      'spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
    ]);
  });

  it("requires completions for an Indexed Job", () => {
    const { errors } = admit(jobManifest("x", { completionMode: "Indexed", parallelism: 2 }), undefined, {
      kinds: builtinKinds,
    });
    expect(errors.map(fieldErrorString)).toEqual([
      "spec.completions: Required value: when completion mode is Indexed",
    ]);
  });
});

describe("a Job that runs to completion", () => {
  // Created at 0; the kubelet starts the container at 3 (pod.startup 2 s, image pull 1 s); it
  // runs `sleep 5` and exits 0 at 8; the pod event is synced a second later (syncJobBatchPeriod).
  it("creates one pod, counts it when it succeeds, and completes a second later", () => {
    const s = cluster(jobManifest("migrate"));
    s.runUntil(7.5);
    expect(getJob(s, "migrate").status).toMatchObject({ active: 1, ready: 1, startTime: 0 });
    const [pod] = podsOf(s, "migrate");
    expect(pod.metadata.name).toMatch(/^migrate-[a-z0-9]{5}$/);
    expect(pod.metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    s.runUntil(8.5);
    const done = podsOf(s, "migrate")[0];
    // getPhase: every container exited 0 → Succeeded; the container Terminated, reason Completed.
    expect(done.status.phase).toBe("Succeeded");
    expect(done.status.containerStatuses?.[0].state?.terminated).toMatchObject({
      exitCode: 0,
      reason: "Completed",
      finishedAt: 8,
    });
    expect(conditionTypes(getJob(s, "migrate"))).toEqual([]);
    s.runUntil(9);
    const j = getJob(s, "migrate");
    expect(conditionTypes(j)).toEqual(["SuccessCriteriaMet=True", "Complete=True"]);
    expect(j.status).toMatchObject({
      succeeded: 1,
      active: 0,
      completionTime: 9,
      uncountedTerminatedPods: {},
    });
    // The tracking finalizer is off once the pod is counted.
    expect(podsOf(s, "migrate")[0].metadata.finalizers).toBeUndefined();
    expect(jobEvents(s, "migrate")).toEqual([
      `SuccessfulCreate: Created pod: ${pod.metadata.name}`,
      "Completed: Job completed",
    ]);
    expect(runKubectl("get jobs", s).stdout).toBe(
      [
        "NAME      STATUS     COMPLETIONS   DURATION   AGE",
        "migrate   Complete   1/1           9s         9s",
        "",
      ].join("\n"),
    );
    expect(runKubectl("get pods", s).stdout.split("\n")[1]).toMatch(
      /^migrate-\w{5}\s+0\/1\s+Completed\s+0\s+9s$/,
    );
  });

  it("runs job.runtime seconds when the command does not say", () => {
    const s = new Simulation({ settings: { "job.runtime": 30 } });
    applyObjects(
      [
        jobManifest(
          "seed",
          {},
          { containers: [{ name: "work", image: "busybox:1.36", command: ["./seed"] }] },
        ),
      ] as unknown as KubeObject[],
      s,
      "j.yaml",
    );
    // Started at 3 (pod.startup, then the image pull), exits 0 at 33, counted at 34.
    s.runUntil(32.9);
    expect(podsOf(s, "seed")[0].status.phase).toBe("Running");
    s.runUntil(34);
    expect(conditionTypes(getJob(s, "seed"))).toEqual(["SuccessCriteriaMet=True", "Complete=True"]);
  });

  it("keeps parallelism pods running until completions have succeeded", () => {
    const s = cluster(jobManifest("batch", { completions: 5, parallelism: 2 }));
    s.runUntil(1);
    expect(podsOf(s, "batch")).toHaveLength(2);
    // Two succeed at 8, counted at 9: two more, which start at 11 (the image is on their
    // nodes now) and end at 16, counted at 17: one more (5 - 4), ending at 24, counted at 25.
    s.runUntil(9);
    expect(podsOf(s, "batch")).toHaveLength(4);
    s.runUntil(19);
    expect(podsOf(s, "batch")).toHaveLength(5);
    expect(getJob(s, "batch").status).toMatchObject({ succeeded: 4, active: 1 });
    s.runUntil(40);
    expect(getJob(s, "batch").status).toMatchObject({ succeeded: 5, completionTime: 25 });
    expect(runKubectl("get jobs", s).stdout.split("\n")[1]).toMatch(/^batch\s+Complete\s+5\/5\s+25s/);
  });

  it("gives an Indexed Job's pods their index: name, annotation, label, hostname and JOB_COMPLETION_INDEX", () => {
    const s = cluster(jobManifest("idx", { completions: 3, parallelism: 3, completionMode: "Indexed" }));
    s.runUntil(1);
    const pods = podsOf(s, "idx").sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    expect(pods.map((p) => p.metadata.name.replace(/-\w{5}$/, ""))).toEqual(["idx-0", "idx-1", "idx-2"]);
    expect(pods[1].metadata.annotations).toEqual({ "batch.kubernetes.io/job-completion-index": "1" });
    expect(pods[1].metadata.labels?.["batch.kubernetes.io/job-completion-index"]).toBe("1");
    expect(pods[1].spec.hostname).toBe("idx-1");
    expect(pods[1].spec.containers[0].env).toEqual([
      {
        name: "JOB_COMPLETION_INDEX",
        valueFrom: {
          fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
        },
      },
    ]);
    s.runUntil(9);
    expect(getJob(s, "idx").status).toMatchObject({ completedIndexes: "0-2", succeeded: 3 });
  });
});

describe("a Job whose pods fail", () => {
  it("replaces a failed pod after the 10 s back-off, counted from the failure", () => {
    const s = cluster(
      jobManifest(
        "flaky",
        { backoffLimit: 2 },
        { containers: [{ name: "work", image: "busybox:1.36", command: ["sleep", "30"] }] },
      ),
    );
    s.runUntil(5);
    s.inject({ kind: "crash", target: { kind: "Job", name: "flaky" }, pods: 1 });
    // The container exits 1 at 5 (restartPolicy Never: the pod is Failed); the sync at 6 sees
    // one failure at 5 and waits 10 - 1 = 9 s.
    s.runUntil(14.9);
    expect(podsOf(s, "flaky")).toHaveLength(1);
    expect(podsOf(s, "flaky")[0].status.phase).toBe("Failed");
    expect(getJob(s, "flaky").status).toMatchObject({ failed: 1 });
    s.runUntil(15);
    expect(podsOf(s, "flaky")).toHaveLength(2);
    s.runUntil(60);
    expect(conditionTypes(getJob(s, "flaky"))).toEqual(["SuccessCriteriaMet=True", "Complete=True"]);
    expect(getJob(s, "flaky").status).toMatchObject({ succeeded: 1, failed: 1 });
  });

  it("fails with BackoffLimitExceeded once failed exceeds backoffLimit, FailureTarget first", () => {
    const s = cluster(
      jobManifest("doomed", { backoffLimit: 1 }, { containers: [{ name: "work", image: "bad:1" }] }),
    );
    s.inject({ kind: "crashImage", image: "bad:1" });
    s.runUntil(120);
    const j = getJob(s, "doomed");
    expect(conditionTypes(j)).toEqual(["FailureTarget=True", "Failed=True"]);
    expect(j.status?.conditions?.[1]).toMatchObject({
      reason: "BackoffLimitExceeded",
      message: "Job has reached the specified backoff limit",
    });
    expect(j.status).toMatchObject({ failed: 2, active: 0 });
    expect(j.status?.completionTime).toBeUndefined();
    expect(jobEvents(s, "doomed").at(-1)).toBe(
      "BackoffLimitExceeded: Job has reached the specified backoff limit",
    );
    expect(runKubectl("get jobs", s).stdout.split("\n")[1]).toMatch(/^doomed\s+Failed\s+0\/1/);
  });

  it("under OnFailure restarts the container in the pod, and fails when the restarts reach backoffLimit", () => {
    const s = cluster(
      jobManifest(
        "retry",
        { backoffLimit: 2 },
        { restartPolicy: "OnFailure", containers: [{ name: "work", image: "bad:1" }] },
      ),
    );
    s.inject({ kind: "crashImage", image: "bad:1" });
    s.runUntil(300);
    const j = getJob(s, "retry");
    // One pod all along: pastBackoffLimitOnFailure counts its restarts, not failed pods.
    const events = jobEvents(s, "retry");
    expect(events.filter((e) => e.startsWith("SuccessfulCreate"))).toHaveLength(1);
    expect(j.status?.conditions?.at(-1)).toMatchObject({ type: "Failed", reason: "BackoffLimitExceeded" });
    // The active pod is deleted when the Job fails, and counted as failed.
    expect(events.filter((e) => e.startsWith("SuccessfulDelete"))).toHaveLength(1);
    expect(podsOf(s, "retry")).toEqual([]);
    expect(j.status).toMatchObject({ failed: 1 });
  });

  it("fails with DeadlineExceeded after activeDeadlineSeconds, deleting its pods", () => {
    const s = cluster(
      jobManifest(
        "slow",
        { activeDeadlineSeconds: 20 },
        { containers: [{ name: "work", image: "busybox:1.36", command: ["sleep", "100"] }] },
      ),
    );
    s.runUntil(20);
    const j = getJob(s, "slow");
    expect(j.status?.conditions?.map((c) => `${c.type}:${c.reason}`)).toEqual([
      "FailureTarget:DeadlineExceeded",
    ]);
    // Deleted at 20 s with the default 30 s grace: deletionTimestamp is now + grace
    // (pkg/registry/rest/delete.go BeforeDelete).
    expect(podsOf(s, "slow")[0].metadata.deletionTimestamp).toBe(50);
    // Failed once the pod has stopped (pod.shutdown 1 s): delayTerminalCondition.
    s.runUntil(30);
    expect(conditionTypes(getJob(s, "slow"))).toEqual(["FailureTarget=True", "Failed=True"]);
    expect(getJob(s, "slow").status?.conditions?.[1].message).toBe(
      "Job was active longer than specified deadline",
    );
  });
});

describe("a suspended Job", () => {
  // syncJob: a suspended Job gets Suspended=True (JobSuspended) and no pods or startTime; resumed,
  // Suspended=False (JobResumed), its startTime is now and it creates its pods.
  it("makes no pods until it is resumed", () => {
    const s = cluster(jobManifest("later", { suspend: true }));
    s.runUntil(5);
    const j = getJob(s, "later");
    expect(podsOf(s, "later")).toEqual([]);
    expect(j.status?.startTime).toBeUndefined();
    expect(j.status?.conditions?.map((c) => `${c.type}=${c.status}:${c.reason}`)).toEqual([
      "Suspended=True:JobSuspended",
    ]);
    expect(runKubectl("get jobs", s).stdout.split("\n")[1]).toMatch(/^later\s+Suspended\s+0\/1\s+5s$/);
    s.at(10, "resume", () => {
      expect(runKubectl(`patch job later -p '{"spec":{"suspend":false}}'`, s).exitCode).toBe(0);
    });
    s.runUntil(10);
    const resumed = getJob(s, "later");
    expect(resumed.status?.conditions?.map((c) => `${c.type}=${c.status}:${c.reason}`)).toEqual([
      "Suspended=False:JobResumed",
    ]);
    expect(resumed.status?.startTime).toBe(10);
    expect(podsOf(s, "later")).toHaveLength(1);
    // manageJob creates the pod before syncJob records Resumed.
    const pod = podsOf(s, "later")[0].metadata.name;
    expect(jobEvents(s, "later")).toEqual([
      "Suspended: Job suspended",
      `SuccessfulCreate: Created pod: ${pod}`,
      "Resumed: Job resumed",
    ]);
  });
});

describe("the TTL-after-finished controller", () => {
  it("deletes a finished Job ttlSecondsAfterFinished later, and its pods with it", () => {
    const s = cluster(jobManifest("tmp", { ttlSecondsAfterFinished: 30 }));
    s.runUntil(38.9);
    expect(getJob(s, "tmp")).toBeDefined();
    s.runUntil(39);
    expect(getJob(s, "tmp")).toBeUndefined();
    s.runUntil(40);
    expect(podsOf(s, "tmp")).toEqual([]);
  });
});

describe("pure pieces", () => {
  it("writes completed indexes as orderedIntervals.String does", () => {
    expect(indexesText([0, 1, 2, 4])).toBe("0-2,4");
    expect(indexesText([3, 4])).toBe("3,4");
    expect(indexesText([])).toBe("");
    expect([...parseIndexes("0-2,4,9", 5)]).toEqual([0, 1, 2, 4]);
    expect(firstPendingIndexes(new Set([0, 2]), 2, 5)).toEqual([1, 3]);
  });

  it("doubles the pod-failure back-off per failure since the last success, up to 10 minutes", () => {
    const job = { spec: { podReplacementPolicy: "TerminatingOrFailed" } } as unknown as Job;
    const pod = (phase: string, finishedAt: number): Pod =>
      ({
        metadata: { name: "p", creationTimestamp: 0 },
        spec: { containers: [] },
        status: {
          phase,
          containerStatuses: [{ name: "c", state: { terminated: { exitCode: 1, finishedAt } } }],
        },
      }) as unknown as Pod;
    expect(backoffRemaining([pod("Failed", 100)], job, 105)).toBe(5);
    expect(backoffRemaining([pod("Failed", 90), pod("Failed", 100)], job, 105)).toBe(15);
    expect(backoffRemaining([pod("Failed", 90), pod("Succeeded", 95), pod("Failed", 100)], job, 105)).toBe(5);
    expect(
      backoffRemaining(
        Array.from({ length: 9 }, (_, i) => pod("Failed", i)),
        job,
        10,
      ),
    ).toBe(600 - 2);
    expect(finishedTime(pod("Failed", 42), 50)).toBe(42);
  });

  it("wakes nobody for a pod without a Job owner, and its Job a second later otherwise", () => {
    const route = jobWatches[0].route;
    const store = {} as StoreView;
    const pod = (owner?: string): Pod =>
      ({
        metadata: {
          name: "p",
          namespace: "prod",
          ...(owner ? { ownerReferences: [{ kind: owner, name: "x", controller: true }] } : {}),
        },
      }) as unknown as Pod;
    expect(
      route({ type: "MODIFIED", object: pod("ReplicaSet"), old: pod("ReplicaSet") } as WatchEvent, store),
    ).toEqual([]);
    expect(route({ type: "ADDED", object: pod("Job") } as WatchEvent, store)).toEqual([
      { key: "prod/x", after: 1 },
    ]);
  });
});
