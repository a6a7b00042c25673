// alignByIdentity (src/engine/controllers/listAlign.ts): a value derived from a stored object
// may be carried to a later list only from the very same object (stored objects are never
// changed in place), so every index it gives must hold that object; the store's lists (creation
// order, a written object in its place) are where it finds them all.
import { describe, expect, it } from "vitest";
import { alignByIdentity } from "../../src/engine/controllers/listAlign.ts";
import { intn, mulberry32 } from "../../src/engine/rng.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

let serial = 0;
const obj = (name: string, namespace = "default"): KubeObject =>
  ({
    kind: "Pod",
    metadata: { name, namespace, resourceVersion: String(++serial) },
  }) as unknown as KubeObject;

describe("alignByIdentity", () => {
  it("finds every object kept in a store-shaped list: written in place, removed, created", () => {
    const prev = Array.from({ length: 40 }, (_, i) => obj(`p${i}`));
    const next = prev.filter((_, i) => i % 7 !== 3).map((o, i) => (i % 5 === 0 ? obj(o.metadata.name) : o));
    next.push(obj("new-1"), obj("new-2"));
    const from = alignByIdentity(Object.freeze(prev), Object.freeze(next));
    next.forEach((o, i) => {
      const same = prev.indexOf(o);
      const named = prev.findIndex((p) => p.metadata.name === o.metadata.name);
      // Kept: found; written: found as written over its old self, or only not found; new: not found.
      if (same >= 0) expect(from[i]).toBe(same);
      else if (named >= 0) expect([-1, -2 - named]).toContain(from[i]);
      else expect(from[i]).toBe(-1);
    });
    // Written in place with nothing removed before it: seen as written over its old self.
    expect(from[0]).toBe(-2);
  });

  it("gives only indexes of the same object, whatever the two lists are", () => {
    const rng = mulberry32(15);
    const pool = Array.from({ length: 60 }, (_, i) => obj(`p${i}`, i % 9 === 0 ? "prod" : "default"));
    let prev = pool.slice(0, 30);
    for (let round = 0; round < 400; round++) {
      let next = prev.filter(() => intn(rng, 10) > 0);
      // Runs removed, objects written in place, new ones, and now and then another order.
      if (intn(rng, 4) === 0) next.splice(intn(rng, next.length + 1), intn(rng, 15));
      next = next.map((o) => (intn(rng, 8) === 0 ? obj(o.metadata.name, o.metadata.namespace) : o));
      for (let n = intn(rng, 4); n > 0; n--) next.push(pool[intn(rng, pool.length)]);
      if (intn(rng, 10) === 0) next.reverse();
      const from = alignByIdentity(Object.freeze([...prev]), Object.freeze([...next]));
      expect(from.length).toBe(next.length);
      next.forEach((o, i) => {
        if (from[i] >= 0) expect(prev[from[i]]).toBe(o);
        // Written over an object of the same name and namespace.
        else if (from[i] <= -2) {
          const over = prev[-2 - from[i]];
          expect([over.metadata.name, over.metadata.namespace]).toEqual([
            o.metadata.name,
            o.metadata.namespace,
          ]);
          expect(over).not.toBe(o);
        }
      });
      prev = next;
    }
  });

  it("carries nothing between lists that are not frozen: their objects may be changed in place", () => {
    const list = [obj("a"), obj("b")];
    expect([...alignByIdentity(list, list)]).toEqual([-1, -1]);
    expect([...alignByIdentity(Object.freeze([...list]), list)]).toEqual([-1, -1]);
  });
});
