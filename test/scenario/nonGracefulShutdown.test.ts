/**
 * scenarios/nodes/non-graceful-shutdown.scn: kubernetes.io "Node Shutdowns" § Non-graceful node
 * shutdown handling, run through the whole engine. The out-of-service taint makes the taint
 * eviction controller delete the node's pods (pkg/controller/tainteviction processPodOnNode: no
 * toleration), and the pod GC's next check force-deletes them (pkg/controller/podgc
 * gc_controller.go gcTerminating: the node is NotReady and tainted node.kubernetes.io/out-of-service).
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/node.ts";

describe("non-graceful node shutdown", async () => {
  const r = await runScenario({ path: "scenarios/nodes/non-graceful-shutdown.scn" });
  const output = (command: string, time: number) =>
    r.output.find((o) => o.command === command && o.time === time)?.text ?? "";
  const events = (reason: string) =>
    r.trace!.events.filter((e) => e.reason === reason).map((e) => [e.time, e.involvedObject.name, e.message]);

  it("passes", () => {
    expect(r.expectations.map((e) => [e.text, e.passed])).toEqual([
      ["expect statefulset/db ready == 2 within 30s", true],
      ["expect statefulset/db ready == 1 within 41s", true],
      ["expect statefulset/db ready == 2 within 30s", true],
    ]);
  });

  it("the taint gets db-1 deleted at once; it stays Terminating (no kubelet) until the pod GC's 2m20s check", () => {
    expect(events("TaintManagerEviction")).toEqual([[120, "db-1", "Marking for deletion Pod default/db-1"]]);
    expect(output("kubectl get pods -o wide", 120)).toBe(
      [
        "NAME   READY   STATUS        RESTARTS   AGE    IP           NODE     NOMINATED NODE   READINESS GATES",
        "db-0   1/1     Running       0          2m     10.244.1.2   node-1   <none>           <none>",
        "db-1   1/1     Terminating   0          117s   10.244.2.2   node-2   <none>           <none>",
      ].join("\n"),
    );
  });

  it("the taint eviction controller marks db-1 DisruptionTarget before deleting it (addConditionAndDeletePod)", () => {
    expect(output("kubectl describe pod db-1", 120)).toContain(
      [
        "Conditions:",
        "  Type               Status",
        "  Initialized        True ",
        "  Ready              False ",
        "  ContainersReady    True ",
        "  PodScheduled       True ",
        "  DisruptionTarget   True ",
      ].join("\n"),
    );
  });

  it("the StatefulSet makes db-1 again once the old one is gone, on the node that is up", () => {
    expect(events("SuccessfulCreate").filter(([, , m]) => String(m).includes("db-1"))).toEqual([
      [3, "db", "create Pod db-1 in StatefulSet db successful"],
      [140, "db", "create Pod db-1 in StatefulSet db successful"],
    ]);
    expect(output("kubectl get pods -o wide", 150)).toBe(
      [
        "NAME   READY   STATUS    RESTARTS   AGE     IP           NODE     NOMINATED NODE   READINESS GATES",
        "db-0   1/1     Running   0          2m30s   10.244.1.2   node-1   <none>           <none>",
        "db-1   1/1     Running   0          10s     10.244.1.3   node-1   <none>           <none>",
      ].join("\n"),
    );
  });
});
