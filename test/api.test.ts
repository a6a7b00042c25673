/**
 * The package's front door as users import it: `import { … } from "replicast"` resolves
 * through package.json "exports" (the "node" condition: dist/node.js) to the built package.
 * README's "The TypeScript API" shows these calls.
 */
import type * as Replicast from "replicast";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "./built.ts";

let api: typeof Replicast;

beforeAll(async () => {
  ensureBuilt();
  api = await import("replicast");
}, 180_000);

describe('import … from "replicast" (Node)', () => {
  it("parseScenario: the AST or every diagnostic, and the statements either way", () => {
    const ok = api.parseScenario(
      "at 0s kubectl create deployment web --image=nginx\nexpect replicas 1",
      "a.scn",
    );
    expect(ok.diagnostics).toEqual([]);
    expect(ok.scenario?.statements.map((s) => s.kind)).toEqual(["kubectl", "expect"]);
    const bad = api.parseScenario("kubectl get pods\nexpect replcas 1", "b.scn");
    expect(bad.scenario).toBeUndefined();
    expect(bad.statements.map((s) => s.kind)).toEqual(["kubectl"]);
    expect(api.formatDiagnostic(bad.diagnostics[0], "kubectl get pods\nexpect replcas 1")).toContain(
      "b.scn:2:8: error: unknown quantity `replcas`",
    );
  });

  it("runScenario({ path }) reads the file and the manifests beside it", async () => {
    const r = await api.runScenario({ path: "scenarios/quickstart.scn" });
    expect(r).toMatchObject({ file: "scenarios/quickstart.scn", passed: true, status: "passed" });
    expect(r.expectations).toHaveLength(1);
  });

  it("runScenario({ text, file }) runs text, as the README shows", async () => {
    const r = await api.runScenario({
      file: "inline.scn",
      text: "at 0s kubectl create deployment web --image=nginx --replicas=3\nexpect available 3 within 10s",
    });
    expect(r.passed).toBe(true);
    expect(api.resultToJson(r)).toMatchObject({ file: "inline.scn", passed: true });
  });

  it("exports what the README and docs/architecture.md promise, and nothing internal", () => {
    const promised = ["runScenario", "parseScenario", "formatDiagnostic", "resultToJson", "Simulation"];
    const alsoPromised = [
      "runKubectl",
      "chartSpec",
      "valueAt",
      "builtinKinds",
      "builtinCommands",
      "emptyResult",
      "timeSeries",
    ];
    for (const name of [...promised, ...alsoPromised]) expect(api).toHaveProperty(name);
    for (const name of ["EventQueue", "Store", "mulberry32", "Priority", "SimApiServer", "defaultServices"])
      expect(api).not.toHaveProperty(name);
  });

  it("drives a simulated cluster with kubectl, as the README shows", () => {
    const sim = new api.Simulation();
    sim.at(0, "create", () => void api.runKubectl("create deployment web --image=nginx --replicas=3", sim));
    sim.runUntil(60);
    expect(api.runKubectl("get deploy", sim).stdout).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           60s\n",
    );
    expect(api.chartSpec(sim.trace(), "rollout")).toHaveProperty("$schema");
  });

  it("an unreadable path is an unusable result, not an exception", async () => {
    const r = await api.runScenario({ path: "scenarios/no-such.scn" });
    expect(r).toMatchObject({ passed: false, status: "error" });
    expect(r.diagnostics[0].message).toBe('cannot read file "scenarios/no-such.scn": no such file');
  });
});
