import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { copyWith } from "../../src/k8s/clone.ts";

describe("copyWith", () => {
  it("gives what { ...obj, ...fields } gives, JSON text and key order included", () => {
    // JSON data as the API server stores it: no `__proto__` key (refused at the door).
    const key = fc.string().filter((k) => k !== "__proto__");
    const json = fc.dictionary(key, fc.jsonValue());
    fc.assert(
      fc.property(json, json, (obj, fields) => {
        const copy = copyWith(obj, fields);
        const spread = { ...obj, ...fields };
        expect(Object.keys(copy)).toEqual(Object.keys(spread));
        expect(JSON.stringify(copy)).toBe(JSON.stringify(spread));
        expect(copy).not.toBe(obj);
      }),
    );
  });

  it("leaves the object it copies as it was", () => {
    // A pod's spec when the scheduler binds it (the pods/binding subresource sets nodeName).
    const spec = { containers: [{ name: "app", image: "nginx:1.25" }], schedulerName: "default-scheduler" };
    const bound = copyWith(spec, { nodeName: "node-1" });
    expect(bound).toEqual({ ...spec, nodeName: "node-1" });
    expect(spec).not.toHaveProperty("nodeName");
    expect(bound.containers).toBe(spec.containers);
  });
});
