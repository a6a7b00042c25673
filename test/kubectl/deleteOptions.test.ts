/**
 * `kubectl delete`'s --grace-period, --now, --force and --cascade (kubectl/pkg/cmd/delete
 * delete.go Complete, Validate and PrintObj; delete_flags.go parseCascadingFlag), what the API
 * server and the garbage collector make of them (apiserver rest/delete.go BeforeDelete,
 * registry/store.go, pkg/registry/core/pod/strategy.go CheckGracefulDelete,
 * garbagecollector.go), and `kubectl replace --force` (replace.go forceReplace).
 */
import { describe, expect, it } from "vitest";
import { FOREGROUND_DELETION } from "../../src/engine/apiserver.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Deployment, Pod, ReplicaSet } from "../../src/k8s/types.ts";
import { cascadingStrategy, deleteGracePeriod } from "../../src/kubectl/commands/deleteOptions.ts";
import type { KubectlResult } from "../../src/kubectl/index.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const started = () => {
  const sim = new Simulation();
  runKubectl("create deployment web --image=nginx:1.25 --replicas=2", sim);
  sim.runUntil(30);
  return sim;
};
const pods = (sim: Simulation) => sim.api.list("Pod", "default") as readonly Pod[];
const replicaSets = (sim: Simulation) => sim.api.list("ReplicaSet", "default") as readonly ReplicaSet[];

describe("the grace period kubectl sends (delete.go Complete)", () => {
  const period = (line: string) => {
    const parsed = parseKubectl(`kubectl delete pod web ${line}`);
    return parsed.command ? deleteGracePeriod(parsed.command) : parsed.diagnostics;
  };
  const cases: [string, ReturnType<typeof deleteGracePeriod>][] = [
    ["", -1],
    ["--grace-period=10", 10],
    // 0 without --force is turned into 1: no accidental force deletion.
    ["--grace-period=0", 1],
    ["--grace-period=0 --force", 0],
    // --force alone means "now".
    ["--force", 0],
    ["--now", 1],
  ];
  for (const [flags, want] of cases) it(flags || "(none)", () => expect(period(flags)).toEqual(want));

  it("refuses --now with --grace-period and --force with a positive period, before deleting anything", () => {
    for (const [line, message] of [
      [
        "kubectl delete pod web --now --grace-period=5",
        "error: --now and --grace-period cannot be specified together",
      ],
      [
        "kubectl delete pod web --force --grace-period=5",
        "error: --force and --grace-period greater than 0 cannot be specified together",
      ],
    ]) {
      const parsed = parseKubectl(line);
      expect(parsed.diagnostics.map((d) => d.message)).toEqual([message]);
    }
  });
});

describe("--cascade (delete_flags.go parseCascadingFlag)", () => {
  it("reads the three policies, and Go's booleans with a deprecation warning", () => {
    expect(cascadingStrategy(undefined)).toEqual({ policy: "Background" });
    expect(cascadingStrategy("foreground")).toEqual({ policy: "Foreground" });
    expect(cascadingStrategy("orphan")).toEqual({ policy: "Orphan" });
    expect(cascadingStrategy("false")).toEqual({
      policy: "Orphan",
      warning:
        "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n",
    });
    expect(cascadingStrategy("t")).toMatchObject({ policy: "Background" });
  });
  it("`--cascade` alone is background and takes no next word (NoOptDefVal)", () => {
    const parsed = parseKubectl("kubectl delete --cascade deployment web");
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.command?.flags.cascade).toBe("background");
    expect(parsed.command?.names).toEqual(["web"]);
  });
  it("anything else is kubectl's error, pointing at the flag", () => {
    const parsed = parseKubectl("kubectl delete deployment web --cascade=all");
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([
      'error: invalid cascade value (all). Must be "background", "foreground", or "orphan"',
    ]);
  });
});

describe("deleting a pod with a grace period (pod strategy CheckGracefulDelete)", () => {
  it("--grace-period=N marks the pod with N seconds instead of its own 30", () => {
    const sim = started();
    const [pod] = pods(sim);
    expect(runKubectl(`delete pod ${pod.metadata.name} --grace-period=7`, sim)).toMatchObject({
      exitCode: 0,
      stdout: `pod "${pod.metadata.name}" deleted\n`,
    });
    const marked = sim.api.get("Pod", "default", pod.metadata.name) as Pod;
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(7);
  });

  it("deletionTimestamp is the end of the grace period: get -o yaml shows it, describe's 'lasts' is <invalid> until then", () => {
    // rest/delete.go BeforeDelete sets now + gracePeriodSeconds; kubectl describe.go prints
    // translateTimestampSince(deletionTimestamp), and duration.HumanDuration of a time more
    // than a second ahead is "<invalid>" (kubernetes/kubernetes#74790).
    const sim = started();
    const [pod] = pods(sim);
    const name = pod.metadata.name;
    runKubectl(`delete pod ${name} --grace-period=20`, sim);
    const yaml = runKubectl(`get pod ${name} -o yaml`, sim).stdout;
    expect(yaml).toContain("  deletionGracePeriodSeconds: 20\n");
    expect(yaml).toMatch(/\n {2}deletionTimestamp: "\d{4}-\d\d-\d\dT\d\d:00:50Z"\n/);
    const status = (out: string) =>
      out.split("\n").filter((l) => /^(Status|Termination Grace Period):/.test(l));
    expect(status(runKubectl(`describe pod ${name}`, sim).stdout)).toEqual([
      "Status:                    Terminating (lasts <invalid>)",
      "Termination Grace Period:  20s",
    ]);
  });

  it("--grace-period=0 --force removes it from the API at once, with kubectl's warning", () => {
    const sim = started();
    const [pod] = pods(sim);
    const r = runKubectl(`delete pod ${pod.metadata.name} --grace-period=0 --force`, sim);
    expect(r).toMatchObject({
      exitCode: 0,
      stdout: `pod "${pod.metadata.name}" force deleted\n`,
      stderr:
        "warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n",
    });
    expect(sim.api.get("Pod", "default", pod.metadata.name)).toBeUndefined();
    // The ReplicaSet replaces it at the same instant.
    sim.runUntil(sim.now);
    expect(pods(sim)).toHaveLength(2);
    // The kubelet still kills its container when it sees the pod gone (kubelet.go
    // HandlePodRemoves → pod_workers.go SyncPodKill → kuberuntime_container.go killContainer).
    const killing = sim.events.filter((e) => e.reason === "Killing");
    expect(killing.map((e) => [e.involvedObject.name, e.message])).toEqual([
      [pod.metadata.name, "Stopping container nginx"],
    ]);
  });

  it("a second delete may only shorten the grace period (rest/delete.go BeforeDelete)", () => {
    const sim = new Simulation({ settings: { "pod.shutdown": 30 } });
    runKubectl("create deployment web --image=nginx:1.25 --replicas=1", sim);
    sim.runUntil(30);
    const [pod] = pods(sim);
    const name = pod.metadata.name;
    runKubectl(`delete pod ${name}`, sim);
    runKubectl(`delete pod ${name} --grace-period=60`, sim);
    expect((sim.api.get("Pod", "default", name) as Pod).metadata.deletionGracePeriodSeconds).toBe(30);
    sim.runUntil(35);
    runKubectl(`delete pod ${name} --grace-period=10`, sim);
    expect((sim.api.get("Pod", "default", name) as Pod).metadata.deletionGracePeriodSeconds).toBe(10);
    // deletionTimestamp, the end of the grace period, moves from 30 + 30 to 30 + 10.
    expect((sim.api.get("Pod", "default", name) as Pod).metadata.deletionTimestamp).toBe(40);
    // The kubelet now stops it 10 s after the first delete, not 30 s.
    sim.runUntil(39);
    expect(sim.api.get("Pod", "default", name)).toBeDefined();
    sim.runUntil(40);
    expect(sim.api.get("Pod", "default", name)).toBeUndefined();
  });
});

describe("cascading deletion (garbagecollector.go)", () => {
  it("--cascade=orphan: the ReplicaSet goes alone and its pods lose their owner", () => {
    const sim = started();
    const [rs] = replicaSets(sim);
    const r = runKubectl(`delete rs ${rs.metadata.name} --cascade=orphan`, sim);
    expect(r).toMatchObject({ exitCode: 0, stdout: `replicaset.apps "${rs.metadata.name}" deleted\n` });
    const orphans = pods(sim).filter((p) => p.metadata.deletionTimestamp === undefined);
    expect(orphans).toHaveLength(2);
    expect(orphans.every((p) => p.metadata.ownerReferences === undefined)).toBe(true);
  });

  it("--cascade=foreground: the Deployment and its ReplicaSet stay until the last pod is gone", () => {
    const sim = started();
    expect(runKubectl("delete deployment web --cascade=foreground", sim)).toMatchObject({
      exitCode: 0,
      stdout: 'deployment.apps "web" deleted\n',
    });
    const d = sim.api.get("Deployment", "default", "web") as Deployment;
    expect(d.metadata.finalizers).toEqual([FOREGROUND_DELETION]);
    expect(d.metadata.deletionTimestamp).toBe(30);
    // markAsDeleting bumps the generation of an object that tracks it.
    expect(d.metadata.generation).toBe(2);
    const [rs] = replicaSets(sim);
    expect(rs.metadata.finalizers).toEqual([FOREGROUND_DELETION]);
    expect(pods(sim).every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true);
    // No controller makes new pods meanwhile; once the pods are gone, the owners follow.
    sim.runUntil(120);
    expect(pods(sim)).toEqual([]);
    expect(replicaSets(sim)).toEqual([]);
    expect(sim.api.get("Deployment", "default", "web")).toBeUndefined();
  });

  it("background (the default) removes the Deployment and its ReplicaSet at once", () => {
    const sim = started();
    runKubectl("delete deployment web", sim);
    expect(sim.api.get("Deployment", "default", "web")).toBeUndefined();
    expect(replicaSets(sim)).toEqual([]);
  });
});

describe("kubectl replace --force (replace.go forceReplace)", () => {
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: solo
spec:
  terminationGracePeriodSeconds: 5
  containers:
  - name: app
    image: busybox:1.36
    command: ["sleep", "3600"]
`;
  const readFile = (p: string) => (p === "solo.yaml" ? pod : undefined);
  function follow(sim: Simulation, line: string): { t: number; r: KubectlResult }[] {
    const out: { t: number; r: KubectlResult }[] = [];
    let r = runKubectl(line, sim, { readFile });
    out.push({ t: sim.now, r });
    while (r.follow) {
      const f = r.follow;
      sim.runUntil(sim.now + f.after);
      r = f.run(sim);
      out.push({ t: sim.now, r });
    }
    return out;
  }

  it("deletes, waits until the pod is gone, then creates it anew", () => {
    const sim = new Simulation({ settings: { "pod.shutdown": 30 } });
    runKubectl("create -f solo.yaml", sim, { readFile });
    sim.runUntil(20);
    const uid = sim.api.get("Pod", "default", "solo")?.metadata.uid;
    const steps = follow(sim, "replace --force -f solo.yaml");
    expect(steps[0].r.stdout).toBe('pod "solo" deleted\n');
    const last = steps[steps.length - 1];
    // Its own grace period of 5 s, checked every second.
    expect(last.t).toBe(25);
    expect(last.r).toMatchObject({ exitCode: 0, stdout: "pod/solo replaced\n" });
    expect(sim.api.get("Pod", "default", "solo")?.metadata.uid).not.toBe(uid);
  });

  it("what does not exist yet is created after `No resources found`", () => {
    const sim = new Simulation();
    const steps = follow(sim, "replace --force -f solo.yaml");
    expect(steps).toHaveLength(1);
    expect(steps[0].r).toMatchObject({ exitCode: 0, stdout: "No resources found\npod/solo replaced\n" });
  });

  it("gives up after --timeout", () => {
    const sim = new Simulation({ settings: { "pod.shutdown": 30 } });
    runKubectl("create -f solo.yaml", sim, { readFile });
    sim.runUntil(20);
    const steps = follow(sim, "replace --force --timeout=2s -f solo.yaml");
    const last = steps[steps.length - 1];
    expect(last.t).toBe(22);
    expect(last.r).toMatchObject({ exitCode: 1, stderr: "error: timed out waiting for the condition\n" });
  });

  it("the delete flags need --force (replace.go Validate)", () => {
    for (const [line, message] of [
      ["kubectl replace -f solo.yaml --grace-period=3", "error: --grace-period must have --force specified"],
      ["kubectl replace -f solo.yaml --timeout=1m", "error: --timeout must have --force specified"],
      [
        "kubectl replace -f solo.yaml --force --dry-run=client",
        "error: --dry-run can not be used when --force is set",
      ],
    ]) {
      const parsed = parseKubectl(line);
      expect(parsed.diagnostics.map((d) => d.message)).toContain(message);
    }
  });
});

describe("finalizers hold a deleted object (registry/store.go Delete and ShouldDeleteDuringUpdate)", () => {
  it("a pod stays past its grace period until `kubectl patch` takes the finalizer off", () => {
    const sim = new Simulation();
    sim.api.create({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "web", finalizers: ["example.com/keep"] },
      spec: { containers: [{ name: "app", image: "nginx:1.27" }] },
    } as unknown as Pod);
    sim.runUntil(10);
    expect(runKubectl("delete pod web", sim).stdout).toBe('pod "web" deleted\n');
    // Long after the 30 s grace period the kubelet's delete (period 0) has left it stored.
    sim.runUntil(100);
    // Its container stopped (exit 0 within the grace period) and the kubelet made it Succeeded
    // (kubelet/stopped.ts); printers.go printPod shows a finished pod's reason, not Terminating.
    expect(runKubectl("get pods", sim).stdout).toMatch(/^web\s+0\/1\s+Completed\s+0\s+100s$/m);
    expect(sim.api.get("Pod", "default", "web")?.metadata).toMatchObject({
      deletionTimestamp: 10,
      deletionGracePeriodSeconds: 0,
    });
    const patched = runKubectl(`patch pod web -p '{"metadata":{"finalizers":null}}' --type=merge`, sim);
    expect(patched.stdout).toBe("pod/web patched\n");
    expect(sim.api.get("Pod", "default", "web")).toBeUndefined();
    expect(runKubectl("get pods", sim).stderr).toBe("No resources found in default namespace.\n");
  });
});
