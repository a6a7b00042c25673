import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseVectors, runVector } from "../src/fidelity/index.ts";

describe("fidelity runner", () => {
  it("fails a vector of unknown kind rather than skipping it", () => {
    const out = runVector({ source: "x_test.go:TestX", kind: "noSuchKind", inputs: {}, expected: {} });
    expect(out.pass).toBe(false);
    expect(out.message).toContain('unknown vector kind "noSuchKind"');
  });

  it("reports a malformed file as a failure", () => {
    expect(parseVectors("{", "bad.json")).toMatchObject({ pass: false, kind: "file" });
    expect(parseVectors('[{"kind": 1}]', "bad.json")).toMatchObject({ pass: false });
  });

  // The fixtures are facts transcribed from Kubernetes v1.28 unit tests (see each vector's source).
  for (const file of ["deploy-vectors.json", "hpa-vectors.json"]) {
    it(`every vector in ${file} passes`, () => {
      const vectors = parseVectors(readFileSync(`test/fixtures/${file}`, "utf8"), file);
      if (!Array.isArray(vectors)) throw new Error(vectors.message);
      const failures = vectors.map(runVector).filter((o) => !o.pass);
      expect(failures).toEqual([]);
      expect(vectors.length).toBeGreaterThan(100);
    });
  }
});
