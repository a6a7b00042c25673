/**
 * Where each object of a new list was in the list before it, by identity.
 *
 * The store hands out a new frozen list after any write, in creation order, with a written
 * object in its old place, a new one at the end and a removed one taken out: two lists read a
 * moment apart are mostly the same objects in the same order. A reader that derives a value
 * per object (a pure function of the object: stored objects are never changed in place) can
 * carry the values of the objects it saw before and read only the others, and comparing the
 * lists' entries touches no object. Only the speed rests on that order: a value is carried
 * only from the very same object, so any two lists give the values reading would give.
 *
 * Only between frozen lists: the store's (and lists derived from them and frozen the same
 * way), whose objects are never changed in place. A list a test builds of objects it changes
 * in place (a stand-in kubelet setting a pod's status) carries nothing.
 */
import type { KubeObject } from "../../k8s/types.ts";

/** How far past its expected place an object is looked for (comparing list entries only). */
const SCAN = 512;
/** Objects found nowhere near their place before the old list is indexed for look-ups. */
const LOOK_UP_AFTER = 16;

/**
 * For each object of `next`, its index in `prev` when the same object is there; when it was
 * written in its place, -2 - the index of the object it replaced (of the same name); else -1.
 */
export function alignByIdentity(prev: readonly KubeObject[], next: readonly KubeObject[]): Int32Array {
  const from = new Int32Array(next.length);
  if (!Object.isFrozen(prev) || !Object.isFrozen(next)) return from.fill(-1);
  let j = 0;
  let misses = 0;
  let index: Map<KubeObject, number> | undefined;
  for (let i = 0; i < next.length; i++) {
    const x = next[i];
    if (j < prev.length && prev[j] === x) {
      from[i] = j++;
      continue;
    }
    if (index === undefined) {
      // Past the old list's end: a new object.
      if (j >= prev.length) {
        from[i] = -1;
        continue;
      }
      // Written in its place: the old object at `j` has its name.
      if (sameName(prev[j], x)) {
        from[i] = writtenOver(j);
        j++;
        continue;
      }
      // Objects of `prev` removed before it: further on.
      const end = Math.min(prev.length, j + SCAN);
      let k = j + 1;
      while (k < end && prev[k] !== x) k++;
      if (k < end) {
        from[i] = k;
        j = k + 1;
        continue;
      }
      if (++misses < LOOK_UP_AFTER) {
        from[i] = -1;
        continue;
      }
      // Lists of another shape: find the rest by look-up.
      index = new Map();
      for (let k2 = 0; k2 < prev.length; k2++) index.set(prev[k2], k2);
    }
    const at = index.get(x);
    from[i] = at ?? -1;
    if (at !== undefined) j = at + 1;
  }
  return from;
}

const sameName = (a: KubeObject, b: KubeObject): boolean =>
  a.metadata.name === b.metadata.name && a.metadata.namespace === b.metadata.namespace;

/** The mark of an object written over the one at `k` of the old list (alignByIdentity). */
export const writtenOver = (k: number): number => -2 - k;
