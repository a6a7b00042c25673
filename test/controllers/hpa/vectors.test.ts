// Every HPA vector transcribed from Kubernetes' own tests (replica_calculator_test.go,
// horizontal_test.go, pkg/apis/autoscaling/v2/defaults_test.go), one case each, named by its source.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HPA_KINDS, runHpaVector, type HpaVector } from "../../../src/fidelity/hpa.ts";

const vectors = JSON.parse(
  readFileSync(new URL("../../fixtures/hpa-vectors.json", import.meta.url), "utf8"),
) as (HpaVector & { id: string })[];

describe("hpa-vectors.json", () => {
  it("holds the 166 vectors, every one of a kind the runner checks", () => {
    expect(vectors).toHaveLength(166);
    expect(vectors.filter((v) => !HPA_KINDS.has(v.kind)).map((v) => v.kind)).toEqual([]);
  });

  it.each(vectors.map((v) => [`${v.id} ${v.source}`, v] as const))("%s", (_name, v) => {
    const outcome = runHpaVector(v);
    expect(outcome.message ?? "").toBe("");
    expect(outcome.pass).toBe(true);
  });

  it("fails a vector of an unknown kind instead of skipping it", () => {
    expect(runHpaVector({ source: "x", kind: "nonsense", inputs: {}, expected: {} }).pass).toBe(false);
  });

  it("fails a vector whose expectation is wrong", () => {
    const v = structuredClone(vectors.find((x) => x.kind === "replicaCalc")!);
    (v.expected as { desiredReplicas: number }).desiredReplicas += 1;
    expect(runHpaVector(v).pass).toBe(false);
  });
});
