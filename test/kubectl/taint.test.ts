/**
 * `kubectl taint` (kubectl/pkg/cmd/taint/taint.go Complete, Validate, updateTaints; utils.go
 * parseTaint, ParseTaints, ReorganizeTaints) and what the cluster does with the taints: the
 * scheduler's TaintToleration filter and the taint eviction controller.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Node, Pod } from "../../src/k8s/types.ts";
import { parseTaints, reorganizeTaints, taintString } from "../../src/kubectl/commands/taint.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

describe("ParseTaints (utils.go)", () => {
  const cases: [string[], ReturnType<typeof parseTaints>][] = [
    [
      ["dedicated=gpu:NoSchedule"],
      { add: [{ key: "dedicated", value: "gpu", effect: "NoSchedule" }], remove: [] },
    ],
    [["dedicated=:NoExecute"], { add: [{ key: "dedicated", effect: "NoExecute" }], remove: [] }],
    [
      ["dedicated:NoSchedule-", "gpu-"],
      { add: [], remove: [{ key: "dedicated", effect: "NoSchedule" }, { key: "gpu" }] },
    ],
    // An effect is required to add a taint.
    [["dedicated"], "invalid taint spec: dedicated"],
    [["a=b:Sometimes"], "invalid taint effect: Sometimes, unsupported taint effect"],
    [["a=b=c:NoSchedule"], "invalid taint spec: a=b=c:NoSchedule"],
    [
      ["a=1:NoSchedule", "a=2:NoSchedule"],
      "duplicated taints with the same key and effect: {a 2 NoSchedule <nil>}",
    ],
  ];
  for (const [specs, want] of cases) it(specs.join(" "), () => expect(parseTaints(specs)).toEqual(want));
});

describe("ReorganizeTaints (utils.go)", () => {
  const old = [{ key: "a", value: "1", effect: "NoSchedule" as const }];
  it("tainted, untainted, modified", () => {
    expect(reorganizeTaints(old, false, [{ key: "b", effect: "NoExecute" }], []).operation).toBe("tainted");
    expect(reorganizeTaints(old, false, [], [{ key: "a" }])).toEqual({
      operation: "untainted",
      taints: [],
      errors: [],
    });
    expect(reorganizeTaints(old, true, [{ key: "a", value: "2", effect: "NoSchedule" }], [])).toEqual({
      operation: "modified",
      taints: [{ key: "a", value: "2", effect: "NoSchedule" }],
      errors: [],
    });
  });
  it("a removal that finds nothing is an error naming the taint (Taint.ToString)", () => {
    expect(reorganizeTaints(old, false, [], [{ key: "a", effect: "NoExecute" }]).errors).toEqual([
      'taint "a:NoExecute" not found',
    ]);
    expect(taintString({ key: "k", value: "v", effect: "NoSchedule" })).toBe("k=v:NoSchedule");
  });
});

describe("kubectl taint on a cluster with nodes", () => {
  const cluster = () => {
    const sim = new Simulation({ capacity: true });
    sim.addNodes({ name: "node", cpu: 4000, memory: 16 * 2 ** 30, maxPods: 110 }, 2);
    runKubectl("create deployment web --image=nginx:1.25 --replicas=4", sim);
    sim.runUntil(30);
    return sim;
  };
  const podsOn = (sim: Simulation, node: string) =>
    (sim.api.list("Pod", "default") as readonly Pod[]).filter(
      (p) => p.spec.nodeName === node && p.metadata.deletionTimestamp === undefined,
    );

  it("NoExecute: the node's pods without a toleration are evicted and come back on the other node", () => {
    const sim = cluster();
    expect(podsOn(sim, "node-1").length).toBeGreaterThan(0);
    expect(runKubectl("taint nodes node-1 dedicated=gpu:NoExecute", sim).stdout).toBe(
      "node/node-1 tainted\n",
    );
    expect((sim.api.get("Node", "", "node-1") as Node).spec?.taints).toContainEqual({
      key: "dedicated",
      value: "gpu",
      effect: "NoExecute",
    });
    sim.runUntil(60);
    expect(podsOn(sim, "node-1")).toEqual([]);
    expect(podsOn(sim, "node-2")).toHaveLength(4);
  });

  it("without --overwrite an existing key and effect is refused; KEY- removes every effect of the key", () => {
    const sim = cluster();
    runKubectl("taint nodes node-1 dedicated=gpu:NoSchedule", sim);
    expect(runKubectl("taint nodes node-1 dedicated=cpu:NoSchedule", sim).stderr).toBe(
      "error: Node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n",
    );
    expect(runKubectl("taint nodes node-1 dedicated=cpu:NoSchedule --overwrite", sim).stdout).toBe(
      "node/node-1 modified\n",
    );
    expect(runKubectl("taint nodes node-1 dedicated-", sim).stdout).toBe("node/node-1 untainted\n");
    expect((sim.api.get("Node", "", "node-1") as Node).spec?.taints).toBeUndefined();
  });

  it("what Complete and Validate refuse, before anything changes", () => {
    const messages = (line: string) => parseKubectl(line).diagnostics.map((d) => d.message);
    expect(messages("kubectl taint pods web a=b:NoSchedule")).toEqual([
      'error: invalid resource type pods, only ["node" "nodes"] are supported',
    ]);
    expect(messages("kubectl taint nodes a=b:NoSchedule")).toEqual([
      "error: at least one resource name must be specified since 'all' parameter is not set",
    ]);
    expect(messages("kubectl taint nodes n1 a=b:NoSchedule n2")).toEqual([
      "error: all resources must be specified before taint changes: n2",
    ]);
    expect(messages("kubectl taint nodes n1 a=b:NoSchedule a-")).toEqual([
      'error: can not both modify and remove the following taint(s) in the same command: {"a":""}',
    ]);
    const d = parseKubectl("kubectl taint nodes n1 dedicated:NoSchedule").diagnostics;
    expect(d.map((x) => x.message)).toEqual(["error: at least one taint update is required"]);
    expect(d[0].hint).toContain("`dedicated=:NoSchedule`");
  });
});
