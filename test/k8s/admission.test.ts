// The admission entry point: input checks, immutability on update, no mutation of input.
import { describe, expect, it } from "vitest";
import { admit } from "../../src/k8s/admission.ts";
import { deepClone } from "../../src/k8s/clone.ts";
import { formatInvalid } from "../../src/k8s/fieldErrors.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

const pod = (image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { containers: [{ name: "c", image, ...extra }] },
});

describe("admit", () => {
  it("refuses input that is not an object, or lacks kind/apiVersion", () => {
    expect(admit("nope").errors[0]).toMatchObject({ type: "Invalid" });
    expect(admit({ apiVersion: "v1", metadata: { name: "x" } }).errors[0]).toMatchObject({
      field: "kind",
      type: "Required",
    });
    expect(admit({ kind: "Pod", metadata: { name: "x" } }).errors[0]).toMatchObject({
      field: "apiVersion",
      type: "Required",
    });
  });

  it("reports the version an object was written in", () => {
    expect(admit(pod("busybox")).sourceApiVersion).toBe("v1");
  });

  it("lets a running pod change only its image (ValidatePodUpdate)", () => {
    const old = admit(pod("busybox:1")).object as KubeObject;
    expect(admit(pod("busybox:2"), old).errors).toEqual([]);
    const r = admit(pod("busybox:1", { command: ["sleep", "1"] }), old);
    expect(formatInvalid("Pod", "p", r.errors)).toMatch(
      /^The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });

  it("reports every error of an object with more bad labels than a call has arguments", () => {
    // The errors are gathered without push(...errors), which overflows the stack past ~120,000.
    const n = 150_000;
    const labels: Record<string, string> = {};
    for (let i = 0; i < n; i++) labels[`bad key ${i}`] = "x";
    const r = admit({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", labels },
      spec: { containers: [] },
    });
    expect(r.errors.filter((e) => e.field === "metadata.labels")).toHaveLength(n);
  });

  it("never changes its input", () => {
    const raw = pod("nginx");
    const before = deepClone(raw);
    admit(raw);
    expect(raw).toEqual(before);
  });
});

describe("deepClone", () => {
  it("copies nested data without sharing", () => {
    const a = { x: [1, { y: "z" }], n: null, b: true };
    const b = deepClone(a);
    expect(b).toEqual(a);
    (b.x[1] as { y: string }).y = "changed";
    expect((a.x[1] as { y: string }).y).toBe("z");
  });
});
