// The scale-down's keys (ranking.ts) are carried from the last sort for a pod that is the same
// object: the victims, in order, must be those of getPodsToDelete (replica_set.go) sorting by
// ActivePodsWithRanks.Less (controller_utils.go) over that list alone, whatever came before —
// over a run of frozen lists that keep, rewrite, drop and add pods, with the time moving (log
// buckets) and the ranks changing (related pods per node), both gates on and off; and with some
// node's count past 2^17 now and then, where the sort compares rule by rule (ranking.ts
// SortKey.head).
import { describe, expect, it } from "vitest";
import {
  getPodsToDeleteOnNodes,
  podDeletionLess,
  rankByPodsOnNode,
  sortByLess,
  type RankingGates,
} from "../../../src/engine/controllers/replicaset/ranking.ts";
import { intn, mulberry32 } from "../../../src/engine/rng.ts";
import type { Pod } from "../../../src/k8s/types.ts";

describe("getPodsToDeleteOnNodes over a run of lists", () => {
  it.each([
    [7, true, false],
    [8, false, false],
    [9, true, true],
  ])("deletes as sorting each list alone does (seed %i, gates %s, huge ranks %s)", (seed, on, huge) => {
    const rng = mulberry32(seed);
    const gates: RankingGates = { podDeletionCost: on, logarithmicScaleDown: on };
    const nodes = ["n1", "n2", "n3", undefined];
    let serial = 0;
    const make = (now: number): Pod => {
      const name = `p${serial++}`;
      const ready = rng.next() < 0.8;
      // Few distinct times, so that buckets and times tie and the later rules decide.
      const created = now - [0, 100, 100, 5000][intn(rng, 4)];
      return {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name,
          uid: `u${intn(rng, 1000)}`,
          creationTimestamp: created,
          ...(rng.next() < 0.1 ? { annotations: { "controller.kubernetes.io/pod-deletion-cost": "7" } } : {}),
        },
        spec: { containers: [{ name: "app", image: "nginx" }], nodeName: nodes[intn(rng, nodes.length)] },
        status: {
          phase: rng.next() < 0.9 ? "Running" : "Pending",
          conditions: [{ type: "Ready", status: ready ? "True" : "False", lastTransitionTime: created + 10 }],
          containerStatuses: [{ name: "app", restartCount: intn(rng, 2) }],
        },
      } as Pod;
    };
    let now = 10_000;
    let pods: Pod[] = Array.from({ length: 60 }, () => make(now));
    let carried = 0;
    for (let step = 0; step < 60; step++) {
      now += [0, 1, 3000][intn(rng, 3)];
      const next = pods.filter(() => rng.next() < 0.95);
      for (let i = 0; i < next.length; i++)
        if (rng.next() < 0.1) next[i] = { ...next[i], status: { ...next[i].status, phase: "Running" } };
      for (let k = intn(rng, 5); k > 0; k--) next.push(make(now));
      const list = Object.freeze(next);
      const kept = list.filter((p) => pods.includes(p)).length;
      if (kept > 0) carried++;
      pods = next;
      const podsOnNode = new Map<string, number>();
      for (const p of list)
        if (rng.next() < 0.8)
          podsOnNode.set(p.spec.nodeName ?? "", (podsOnNode.get(p.spec.nodeName ?? "") ?? 0) + 1);
      if (huge && step % 3 === 0) podsOnNode.set("n3", 2 ** 17 + intn(rng, 3));
      // A node counted in the last sort and not in this one: its pods rank 0 now.
      if (step % 4 === 1) podsOnNode.delete(nodes[intn(rng, nodes.length)] ?? "");
      const diff = 1 + intn(rng, list.length - 1);
      const want = sortByLess(rankByPodsOnNode(list, podsOnNode), (a, b) => podDeletionLess(a, b, now, gates))
        .slice(0, diff)
        .map((r) => r.pod.metadata.name);
      const got = getPodsToDeleteOnNodes(list, podsOnNode, diff, now, gates).map((p) => p.metadata.name);
      expect(got).toEqual(want);
    }
    expect(carried).toBeGreaterThan(50);
  });
});
