// The fidelity runner (src/fidelity): verdicts come from data only, every expected field is
// compared, unknown fields fail. The vectors themselves pass or fail in one place — the
// `replicast fidelity` step of `npm test` (docs/fidelity.md); here each vector is run only in
// mutated form, to show that its runner would notice a wrong expectation.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseVectors, runVector, VECTOR_KINDS, type Vector } from "../src/fidelity/index.ts";

const FILES = ["vectors/deploy-vectors.json", "vectors/hpa-vectors.json"];
const load = (file: string): Vector[] => {
  const v = parseVectors(readFileSync(file, "utf8"), file);
  if (!Array.isArray(v)) throw new Error(v.message);
  return v;
};
const all = FILES.flatMap(load);
const bySource = (source: string) => {
  const v = all.find((x) => x.source === source);
  if (!v) throw new Error(`no vector ${source}`);
  return structuredClone(v);
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Values that are one of a pair in the format: mutate to the other one, not to nonsense. */
const SWAPS: Record<string, string> = {
  unchanged: "refreshed",
  refreshed: "unchanged",
  True: "False",
  False: "True",
};

/**
 * Every way of making `x` wrong at one place: each leaf changed (number +1, boolean flipped,
 * string changed, null → 0), each list one (wrong) element longer, each object one field richer.
 */
function* mutations(x: Json, path: string): Generator<{ path: string; value: Json }> {
  if (x === null) yield { path, value: 0 };
  else if (typeof x === "number") yield { path, value: x + 1 };
  else if (typeof x === "boolean") yield { path, value: !x };
  else if (typeof x === "string") yield { path, value: SWAPS[x] ?? `${x}~` };
  else if (Array.isArray(x)) {
    for (const [i, e] of x.entries())
      for (const m of mutations(e, `${path}[${i}]`))
        yield { path: m.path, value: x.map((y, j) => (j === i ? m.value : y)) as Json };
    // A copy of the last element would be a true statement as often as not; a wrong one is not.
    const wrong = x.length > 0 ? [...mutations(x[x.length - 1], "")].at(-1)!.value : 0;
    yield { path: `${path}[+]`, value: [...x, wrong] };
  } else {
    for (const [k, e] of Object.entries(x))
      for (const m of mutations(e, `${path}.${k}`)) yield { path: m.path, value: { ...x, [k]: m.value } };
    yield { path: `${path}.mutationExtra`, value: { ...x, mutationExtra: 1 } };
  }
}

describe("the fidelity runner", () => {
  it("knows every kind in the shipped vector files", () => {
    expect(all.filter((v) => !VECTOR_KINDS.has(v.kind)).map((v) => v.kind)).toEqual([]);
    expect(all.length).toBe(139 + 166);
  });

  it("fails a vector of unknown kind rather than skipping it", () => {
    const out = runVector({ source: "x_test.go:TestX", kind: "noSuchKind", inputs: {}, expected: {} });
    expect(out.pass).toBe(false);
    expect(out.message).toContain('unknown vector kind "noSuchKind"');
  });

  it("reports a file that is not a list of vectors, and runs none of it", () => {
    expect(parseVectors("{", "bad.json")).toMatchObject({
      file: "bad.json",
      message: expect.stringMatching(/^not JSON/),
    });
    expect(parseVectors("{}", "bad.json")).toMatchObject({ message: "expected a JSON array of vectors" });
    expect(parseVectors('[{"kind": 1}]', "bad.json")).toMatchObject({
      message: "vector 0 needs a string field `source`",
    });
    expect(
      parseVectors(
        '[{"source": "s", "kind": "k", "inputs": {}, "expected": {}, "verdict": "pass"}]',
        "b.json",
      ),
    ).toMatchObject({
      message: 'vector 0 has field "verdict", which the vector format does not have',
    });
  });

  it("fails an expected field it does not know instead of skipping it", () => {
    const v = bySource("horizontal_test.go:TestAvoidUnnecessaryUpdates");
    (v.expected as Record<string, unknown>).scaleWrites = 0;
    expect(runVector(v)).toMatchObject({
      pass: false,
      message: expect.stringContaining('expected field "scaleWrites" is not known'),
    });
  });

  it("fails an input field it does not know, at any depth", () => {
    const v = bySource("horizontal_test.go:TestConditionFailedGetScale");
    (v.inputs as { faults: Record<string, string> }).faults.listPods = "error";
    expect(runVector(v)).toMatchObject({
      pass: false,
      message: expect.stringContaining('inputs.faults field "listPods"'),
    });
    const d = structuredClone(all.find((x) => x.kind === "rollback")!);
    (d.inputs as { replicaSets: Record<string, unknown>[] }).replicaSets[0].template = "equals deployment";
    expect(runVector(d)).toMatchObject({ pass: false, message: expect.stringContaining('field "template"') });
  });

  // The vectors whose prose the old runner read to set a case up or decide it: their verdicts
  // must not move when notes and source say something else entirely, or nothing.
  it.each([
    "horizontal_test.go:TestConditionInvalidSelectorUnparsable",
    "horizontal_test.go:TestConditionAmbiguousSelectorWhenFullSelectorOverlapBetweenHPAs",
    "horizontal_test.go:TestConditionFailedGetScale",
    "horizontal_test.go:TestAvoidUnnecessaryUpdates",
    "horizontal_test.go:TestEventNotCreated",
    "pkg/controller/deployment/progress_test.go:TestSyncRolloutStatus/General: do not estimate progress of deployment with only one active ReplicaSet",
    "pkg/controller/deployment/deployment_controller_test.go:TestReentrantRollback",
    "pkg/controller/deployment/deployment_controller_test.go:TestSyncDeploymentCreatesReplicaSet",
  ])("decides %s from its fields alone", (source) => {
    const v = bySource(source);
    const verdict = (x: Vector) => runVector(x).pass;
    const decoy = {
      ...v,
      source: "horizontal_test.go:TestAvoidUnnecessaryUpdates",
      notes: "unparsable; GET of the scale subresource fails; Another HPA; No event expected; unchanged",
    };
    const bare = { ...v, source: "", notes: undefined };
    expect([verdict(v), verdict(decoy), verdict(bare)]).toEqual([true, true, true]);
  });

  // Every vector, every expected field: a wrong expectation must fail its runner.
  for (const file of FILES) {
    it(`fails every mutation of every expected field in ${file}`, () => {
      const survivors: string[] = [];
      let count = 0;
      for (const [i, v] of load(file).entries()) {
        for (const m of mutations(v.expected as Json, "expected")) {
          count++;
          const out = runVector({ ...v, expected: m.value }, i);
          if (out.pass) survivors.push(`${v.id ?? `#${i}`} ${v.source}: ${m.path}`);
        }
      }
      expect(survivors).toEqual([]);
      expect(count).toBeGreaterThan(load(file).length * 2);
    });
  }
});
