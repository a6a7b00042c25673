// A StatefulSet's explanation reads the StatefulSet controller's decisions: each pod created in
// ordinal order with the OrderedReady rule that allowed it, and the syncs that stopped at a
// pod not yet Running and Ready folded into a line (stateful_set_control.go processReplica).
import { describe, expect, it } from "vitest";
import { explainKindOf, explainTarget, resolveExplainTarget } from "../../src/explain/index.ts";
import { runScenario } from "../../src/scenario/node.ts";

describe("explain statefulset/NAME", () => {
  it("the kind registry's words name it", () => {
    expect(["statefulset", "statefulsets", "sts", "StatefulSet.apps"].map(explainKindOf)).toEqual([
      "statefulset",
      "statefulset",
      "statefulset",
      "statefulset",
    ]);
    expect(explainKindOf("rs")).toBeUndefined();
  });

  it("tells the ordered scale-up pod by pod", async () => {
    const trace = (await runScenario({ path: "scenarios/statefulset-hpa.scn" })).trace!;
    expect(resolveExplainTarget("sts/consumer", trace)).toEqual({
      ok: true,
      kind: "statefulset",
      name: "consumer",
    });
    const e = explainTarget(trace, "statefulset", "consumer", { from: 135, to: 160 });
    expect(e.target).toBe("statefulset/consumer");
    const text = e.entries.map((x) => (x.kind === "step" ? `${x.t} ${x.lines.join(" / ")}` : x.line));
    expect(text[0]).toMatch(
      /^135 created Pod consumer-2 \(ordinal 2\) at revision consumer-\w+ \/ OrderedReady: /,
    );
    expect(text[1]).toMatch(
      /^2m15s–2m20s, \d+ syncs: StatefulSet consumer is waiting for Pod consumer-2 to be Running and Ready$/,
    );
    // consumer-2 waits for its claim's volume (local-path's provisioning, storage.provision-time
    // 2 s, docs/storage.md), then lands on node-3, which pulls the image first (1 s).
    expect(text[2]).toMatch(/^150 created Pod consumer-3 /);
  });
});
