// `replicast explain FILE prod/hpa/api`: a target outside default is written as the language
// writes it (NAMESPACE/KIND/NAME), and names the object the trace keys by qualified name
// (docs/namespaces.md); default/KIND/NAME is KIND/NAME.
import { describe, expect, it } from "vitest";
import { explainTarget, resolveExplainTarget } from "../../src/explain/index.ts";
import { runScenario } from "../../src/scenario/node.ts";

describe("explain a namespaced target", () => {
  it("reads NAMESPACE/KIND/NAME, and tells the two namespaces' HPAs apart", async () => {
    const trace = (await runScenario({ path: "scenarios/namespaces.scn" })).trace!;
    expect(resolveExplainTarget("prod/hpa/api", trace)).toEqual({ ok: true, kind: "hpa", name: "prod/api" });
    expect(resolveExplainTarget("staging/hpa/api", trace)).toEqual({
      ok: true,
      kind: "hpa",
      name: "staging/api",
    });
    // Only prod is loaded: its HPA rescaled, staging's never did.
    const rescales = (name: string) =>
      explainTarget(trace, "hpa", name)
        .entries.filter((e) => e.kind === "step")
        .map((e) => (e.kind === "step" ? e.lines.join(" ") : ""))
        .filter((l) => l.includes("New size")).length;
    expect(rescales("prod/api")).toBeGreaterThan(0);
    expect(rescales("staging/api")).toBe(0);
  });

  it("refuses a malformed or unknown target as before", async () => {
    const trace = (await runScenario({ path: "scenarios/namespaces.scn" })).trace!;
    expect(resolveExplainTarget("prod//api", trace)).toEqual({ ok: false, error: "syntax" });
    expect(resolveExplainTarget("a/b/c/d", trace)).toEqual({ ok: false, error: "syntax" });
    expect(resolveExplainTarget("api", trace)).toEqual({ ok: false, error: "syntax" });
    expect(resolveExplainTarget("hpa/api", trace)).toMatchObject({ ok: false, error: "name", name: "api" });
  });
});
