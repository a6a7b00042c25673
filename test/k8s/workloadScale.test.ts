import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { specReplicasScale } from "../../src/k8s/kinds/workloadScale.ts";
import type { Deployment } from "../../src/k8s/types.ts";

// registry/apps/deployment/storage.go ScaleREST.Update: the scale's replicas written into a copy
// of the stored object, which then goes through the Deployment's own update.
describe("specReplicasScale().withReplicas", () => {
  const scale = specReplicasScale<Deployment>();
  // JSON data as the API server stores it: no `__proto__` key at any depth (refused at the door).
  const clean = (v: unknown): boolean =>
    typeof v !== "object" ||
    v === null ||
    Object.keys(v).every((k) => k !== "__proto__" && clean((v as never)[k]));
  const key = fc.string().filter((k) => k !== "__proto__");
  const json = fc.dictionary(key, fc.jsonValue().filter(clean));

  it("gives what two structured clones gave: the same JSON, keys in the same order, replicas set", () => {
    fc.assert(
      fc.property(json, json, json, fc.nat(), (top, metadata, spec, replicas) => {
        const o = { ...top, metadata, spec } as unknown as Deployment;
        const before = JSON.stringify(o);
        const want = { ...structuredClone(o), spec: { ...structuredClone(o.spec), replicas } };
        const got = scale.withReplicas(o, replicas);
        expect(JSON.stringify(got)).toBe(JSON.stringify(want));
        expect(got.spec.replicas).toBe(replicas);
        expect(JSON.stringify(o)).toBe(before);
      }),
    );
  });

  it("shares nothing with the stored object", () => {
    const o = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", annotations: { a: "1" } },
      spec: { replicas: 1, template: { spec: { containers: [{ name: "app", image: "x" }] } } },
    } as unknown as Deployment;
    const got = scale.withReplicas(o, 3);
    expect(got.metadata).not.toBe(o.metadata);
    expect(got.metadata.annotations).not.toBe(o.metadata.annotations);
    expect(got.spec.template).not.toBe(o.spec.template);
    expect(got.spec.template.spec.containers[0]).not.toBe(o.spec.template.spec.containers[0]);
    expect(o.spec.replicas).toBe(1);
  });
});
