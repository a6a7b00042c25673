// A diagnostics-only plan takes what planning a kept line's expectation or load found for each
// copy of that line (src/dsl/lineMemo.ts records which statements are copies of which; plan.ts's
// second pass). Its diagnostics must be those of planning every copy again, on every scenario
// of the repository said three times over (the third time copies the second) and on random
// files of repeated near-miss lines, broken ones included; and a list changed since the parse
// returned it is planned statement by statement.
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/dsl/index.ts";
import { copiesOf, copyRelation, KEPT, NOT_COPIED } from "../../src/dsl/lineMemo.ts";
import { checkWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import type { FileHost } from "../../src/scenario/host.ts";
import type { ScenarioServices } from "../../src/scenario/services.ts";
import { nearMissStatement, scenarioCorpus } from "../dsl/corpus.ts";

/** The services with the parse's lists copied: no copy relation is known for them. */
const unrecorded: ScenarioServices = {
  ...defaultServices,
  parseScenario: (text, file, options) => {
    const r = defaultServices.parseScenario(text, file, options);
    const statements = [...r.statements];
    return { ...r, statements, ...(r.scenario ? { scenario: { ...r.scenario, statements } } : {}) };
  },
};

/** The diagnostics-only check's result as JSON, with the copies' plans taken and planned again. */
function bothChecks(text: string, host: FileHost): { taken: string; again: string } {
  const options = { host, diagnosticsOnly: true };
  const taken = checkWith(defaultServices, text, "s.scn", options);
  const again = checkWith(unrecorded, text, "s.scn", options);
  return {
    taken: JSON.stringify([taken.ok, taken.diagnostics]),
    again: JSON.stringify([again.ok, again.diagnostics]),
  };
}

function expectSame(text: string, host: FileHost, what: string): void {
  const { taken, again } = bothChecks(text, host);
  expect(taken, what).toBe(again);
}

/** How many statements of `text`'s parse are copies. */
function copiedStatements(text: string): number {
  const statements = parseScenario(text, "s.scn").statements;
  const copies = copiesOf(statements);
  let n = 0;
  for (let i = 0; copies !== undefined && i < statements.length; i++)
    if (copyRelation(copies, statements, i) >= 0) n++;
  return n;
}

const header = `scenario "copied plans"
manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: app, image: "app:1", resources: {requests: {cpu: 100m}}}
---
apiVersion: v1
kind: Service
metadata: {name: front}
spec:
  selector: {app: web}
YAML
at 0s apply web
kubectl autoscale deployment web --cpu-percent=60 --min=1 --max=10
`;

// Loads and expectations of every outcome: on the only Deployment, on a named one, on one the
// scenario never makes (warned of at the end), through a Service, with a bare CPU amount or a %
// of unserved CPU (warned of at once), on a pool no statement declares, and broken ones.
const statements = [
  "load cpu 150%",
  "load cpu 100% ramp to 400% over 5m",
  "load memory 50Mi per pod on 2 pods for 5m",
  "load deployment/web cpu 12",
  "load deployment/ghost cpu 100%",
  "load deployment/ghost cpu 200m",
  "at 10m load deployment/ghost memory 50Mi per pod for 1m",
  "load service/front cpu 200m",
  "load off",
  "expect replicas >= 2 within 2m",
  "expect hpa utilization <= 70% for 2m",
  "expect deployment/ghost replicas >= 1 within 1m",
  "expect service/front replicas >= 1 within 1m",
  "expect unserved <= 10% always",
  "expect nodes pool >= 1 within 5m",
  "expect rollout deployment/web complete within 5m",
  "expect image app=app:v2",
  'expect event "New size:" within 1m',
  "after 30s",
];
const words = [
  "ghost",
  "web",
  "front",
  "pool",
  "hpa",
  "12",
  "45m",
  "3h",
  "-1",
  "within",
  "for",
  "%",
  "service/front",
];

describe("a copied line's plan", () => {
  it("is the one planning it again gives, on every scenario of the repository said three times", () => {
    const host = nodeHost();
    const files = scenarioCorpus({ bench: false });
    expect(files.length).toBeGreaterThan(300);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      expectSame(`${text}\n${text}\n${text}`, host, file);
    }
  });

  it("is the one planning it again gives, on random files of repeated near-miss lines", () => {
    const host = memoryHost({});
    let copied = 0;
    const warned = new Set<string>();
    fc.assert(
      fc.property(
        // Mostly whole statements: a file with an error warns of no unknown object at all.
        fc.array(
          fc.oneof(
            { arbitrary: fc.constantFrom(...statements), weight: 4 },
            { arbitrary: nearMissStatement(statements, words), weight: 1 },
          ),
          { minLength: 2, maxLength: 8 },
        ),
        fc.array(fc.nat(), { minLength: 10, maxLength: 40 }),
        (lines, picks) => {
          const text = header + picks.map((p) => lines[p % lines.length]).join("\n") + "\n";
          copied += copiedStatements(text);
          expectSame(text, host, text);
          const r = checkWith(defaultServices, text, "s.scn", { host, diagnosticsOnly: true });
          for (const d of r.diagnostics) warned.add(d.code);
        },
      ),
      { numRuns: 300, seed: 18 },
    );
    // Copies reached the warnings their kept line's plan decides: an object the scenario never
    // makes (RC4012), a pool none declares (RC4041), a % of unserved CPU (RC4024).
    for (const code of ["RC4012", "RC4041", "RC4024"]) expect([...warned]).toContain(code);
    // The files copied lines: the shortcut was taken, not only the full path.
    expect(copied).toBeGreaterThan(1000);
  });

  it("is taken from the kept line's plan only while the list holds what the parse returned", () => {
    const text = `${header}${"expect deployment/ghost replicas >= 1 within 1m\nload cpu 150%\n".repeat(4)}`;
    const statements = parseScenario(text, "s.scn").statements;
    const copies = copiesOf(statements)!;
    const kinds = statements.map((_, i) => copyRelation(copies, statements, i));
    // The first round is read, the second kept, the third and fourth copy the second.
    expect(kinds.filter((k) => k === KEPT)).toHaveLength(2);
    expect(kinds.filter((k) => k >= 0)).toHaveLength(4);
    const copy = kinds.findIndex((k) => k >= 0);
    const kept = kinds[copy];
    // A kept statement replaced in the list: its copies are no longer taken for copies.
    statements[kept] = { ...statements[kept] };
    expect(copyRelation(copies, statements, copy)).toBe(NOT_COPIED);
    // Nor is a copy replaced in the list.
    const other = kinds.findLastIndex((k) => k >= 0 && k !== kept);
    statements[other] = { ...statements[other] };
    expect(copyRelation(copies, statements, other)).toBe(NOT_COPIED);
    // A list the parse did not return has no copies.
    expect(copiesOf([...statements])).toBeUndefined();
    // Each copy of the unknown Deployment's expectation is warned of at its own line.
    const { diagnostics } = checkWith(defaultServices, text, "s.scn", { diagnosticsOnly: true });
    expect(diagnostics.filter((d) => d.code === "RC4012").map((d) => d.span.line)).toEqual([23, 25, 27, 29]);
  });

  it("lasts as long from each copy's own time as the kept line's", () => {
    // The kept load (the second round's, at 2m) ends at 7m; the copies at 3m and 4m end at 8m
    // and 9m: only they take the end (9m and the minute after) past the 8m limit.
    const round = "after 1m\nload cpu 100% ramp to 400% over 5m\n";
    const text = `${header}set limits.duration = 8m\n${round.repeat(4)}`;
    expect(copiedStatements(text)).toBe(4);
    const { diagnostics } = checkWith(defaultServices, text, "s.scn", { diagnosticsOnly: true });
    expect(diagnostics.map((d) => d.code)).toContain("RC4030");
    expectSame(text, memoryHost({}), text);
    const shorter = text.replace("set limits.duration = 8m", "set limits.duration = 10m");
    expect(checkWith(defaultServices, shorter, "s.scn", { diagnosticsOnly: true }).diagnostics).toEqual([]);
  });
});
