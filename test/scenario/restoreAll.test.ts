/**
 * A namespace saved with `kubectl get all -o yaml` and applied to a new cluster
 * (test/fixtures/repos/cluster-export/restore-all.scn, all.yaml): every item keeps the old
 * cluster's uid, ownerReferences and, for the pod, spec.nodeName. Found here: the restored
 * ReplicaSets and pod were kept and ran beside the Deployment's own (3 ReplicaSets and 3 pods
 * for a Deployment of 1), where a real cluster keeps 1 and 1.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

const FILE = "test/fixtures/repos/cluster-export/restore-all.scn";

describe("a namespace restored from `kubectl get all -o yaml`", async () => {
  const r = await runScenario({ text: nodeHost().readFile(FILE)!, file: FILE }, { host: nodeHost() });
  const printed = (time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text.split("\n");

  it("creates every item, as kubectl says, and the run passes", () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[14, true]]);
    expect(printed(0)).toEqual([
      "pod/api-7c5ddbdf54-x2k9p created",
      "service/api created",
      "deployment.apps/api created",
      "replicaset.apps/api-5d847fd86c created",
      "replicaset.apps/api-7c5ddbdf54 created",
    ]);
  });

  it("the garbage collector deletes what names an absent owner: one ReplicaSet and one pod are the Deployment's own", () => {
    // garbagecollector.go attemptToDeleteItem: the created objects got new uids, so the
    // ownerReferences in the file name no object (isDangling); the ReplicaSets go at once and
    // the bound pod terminates.
    const at0 = printed(0, 1)!;
    expect(at0.filter((l) => l.startsWith("replicaset.apps/")).map((l) => l.split(/\s+/)[0])).toEqual([
      "replicaset.apps/api-54cdfc95f7",
    ]);
    expect(
      at0
        .find((l) => l.startsWith("pod/api-7c5ddbdf54-x2k9p"))
        ?.split(/\s+/)
        .slice(0, 3),
    ).toEqual(["pod/api-7c5ddbdf54-x2k9p", "0/1", "Terminating"]);
  });

  it("the restored pod, on a node of the old cluster, stays Terminating until the pod GC at 60 s", () => {
    // No kubelet on kind-worker2 stops it; podgc gc_controller.go gcOrphaned force-deletes it
    // 40 s after the 20 s check first misses the node.
    expect(printed(59)?.find((l) => l.startsWith("api-7c5ddbdf54-x2k9p"))).toContain("Terminating");
    expect(printed(60)?.filter((l) => l.startsWith("pod/"))).toEqual([
      "pod/api-54cdfc95f7-7cdgx   1/1     Running   0          60s",
    ]);
    expect(printed(60)?.filter((l) => l.startsWith("replicaset.apps/"))).toHaveLength(1);
  });
});
