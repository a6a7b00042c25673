/**
 * Namespace-qualified targets (docs/namespaces.md): `prod/deployment/web` names web in prod;
 * the target's name is its qualified name, `prod/web`, as the trace keys it; in `default` it
 * is the plain name.
 */
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/dsl/index.ts";

const targetOf = (line: string) => {
  const r = parseScenario(line, "t.scn");
  const s = r.statements[0] as { target?: { kind: string; name?: string } };
  return { target: s?.target && { kind: s.target.kind, name: s.target.name }, diagnostics: r.diagnostics };
};

describe("namespace-qualified targets", () => {
  it("read NAMESPACE/KIND/NAME, any kind word", () => {
    expect(targetOf("expect prod/deployment/web replicas 3").target).toEqual({
      kind: "Deployment",
      name: "prod/web",
    });
    expect(targetOf("expect staging/hpa/api desired 2").target).toEqual({
      kind: "HorizontalPodAutoscaler",
      name: "staging/api",
    });
    expect(targetOf("load shop-prod/deploy.apps/api cpu 50%").target).toEqual({
      kind: "Deployment",
      name: "shop-prod/api",
    });
  });

  it("name default's objects by their plain name", () => {
    expect(targetOf("expect default/deployment/web replicas 3").target).toEqual({
      kind: "Deployment",
      name: "web",
    });
    expect(targetOf("expect deployment/web replicas 3").target).toEqual({ kind: "Deployment", name: "web" });
  });

  it("put the caret of an unknown kind on the kind word, after the namespace", () => {
    const { diagnostics } = targetOf("expect prod/deplyment/web replicas 3");
    expect(diagnostics.map((d) => [d.span.col, d.span.length])).toEqual([[13, 9]]);
    expect(diagnostics[0].message).toContain("deplyment");
  });
});
