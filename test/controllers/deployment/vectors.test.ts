// Every Deployment/ReplicaSet vector transcribed from Kubernetes v1.28's unit tests, one case
// each, named by its upstream source; the runner calls the product's own functions.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEPLOY_KINDS, runDeployVector, type DeployVector } from "../../../src/fidelity/deploy.ts";

const vectors = JSON.parse(readFileSync("test/fixtures/deploy-vectors.json", "utf8")) as DeployVector[];

describe("deploy-vectors.json", () => {
  it("holds the 139 transcribed vectors", () => {
    expect(vectors.length).toBe(139);
  });

  for (const v of vectors) {
    it(`${v.kind}: ${v.source}`, () => {
      expect(runDeployVector(v)).toEqual({ pass: true });
    });
  }

  it("has a runner for every kind in the file", () => {
    const kinds = new Set(vectors.map((v) => v.kind));
    expect([...kinds].filter((k) => !DEPLOY_KINDS.has(k))).toEqual([]);
  });

  it("fails a vector of a kind it does not know", () => {
    const out = runDeployVector({ source: "x", kind: "noSuchKind", inputs: {}, expected: {} });
    expect(out.pass).toBe(false);
    expect(out.message).toContain("noSuchKind");
  });

  it("fails a vector whose expectation is wrong", () => {
    const v = vectors.find((x) => x.kind === "fenceposts")!;
    const wrong = { ...v, expected: { ...(v.expected as object), surge: 99 } };
    expect(runDeployVector(wrong).pass).toBe(false);
  });
});
