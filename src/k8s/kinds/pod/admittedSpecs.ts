/**
 * A pod spec's defaulted form and its validation, kept for the few specs admitted last: every
 * pod a ReplicaSet creates from one template brings the same spec (a copy of the template's,
 * pkg/controller/controller_utils.go GetPodFromTemplate), and the API server defaulted and
 * validated that same spec again for each of them (1,291 times in the bench day).
 *
 * Exact: SetDefaults_Pod's part in the spec (defaults.ts defaultSpecOfPod) and ValidatePodSpec
 * read nothing but the spec, so an equal spec — the same keys in the same order, equal scalars,
 * the same holes (`sameData`) — has the same defaulted form and the same errors, in the same
 * order. A spec with errors is not kept (its errors carry its own values). The kept form is
 * shared by every pod admitted from it and frozen: admission's callers read it (the API server
 * stores a copy, apiserver.ts runAdmission), none may change it in place.
 */
import type { FieldError } from "../../fieldErrors.ts";
import { defaultSpecOfPod } from "../../defaults.ts";
import { deepClone, deepFreeze } from "../../clone.ts";
import { validatePodSpec } from "../../validatePod.ts";

type Obj = Record<string, unknown>;

/** A rolling update admits pods of two templates in turns; a few more cover several Deployments. */
const KEPT = 4;

interface Kept {
  /** A private copy of the spec as it came. */
  raw: unknown;
  spec: Obj;
}

export interface AdmittedSpec {
  spec: Obj;
  errors: FieldError[];
}

export class AdmittedPodSpecs {
  /** Most recently added first. */
  private readonly kept: Kept[] = [];

  /** The spec defaulted (a copy, or a kept frozen one) and its errors, at field path `spec`. */
  admit(raw: unknown): AdmittedSpec {
    for (const k of this.kept) if (sameData(raw, k.raw)) return { spec: k.spec, errors: [] };
    const spec = defaultSpecOfPod(raw);
    const errors = validatePodSpec(spec, "spec");
    if (errors.length === 0 && typeof raw === "object" && raw !== null) {
      this.kept.unshift({ raw: deepClone(raw), spec: deepFreeze(spec) });
      if (this.kept.length > KEPT) this.kept.pop();
    }
    return { spec, errors };
  }
}

/**
 * Equal as data a copy keeps (clone.ts deepClone): the same prototype, own enumerable keys in
 * the same order, array holes at the same places, scalars the same (Object.is).
 */
export function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    if (a.length !== bs.length) return false;
    for (let i = 0; i < a.length; i++) if (i in a !== i in bs || !sameData(a[i], bs[i])) return false;
    return true;
  }
  const ao = a as Obj;
  const bo = b as Obj;
  // a's keys on a shared stack, not an Object.keys array per object: the API server compares
  // every pod it is asked to create with the one before (apiserver.ts admitPod). for…in lists
  // own keys in Object.keys' order (then inherited ones, which hasOwn leaves out). The stack's
  // top is kept apart from its length: cut back to 0 after each comparison, the array let go of
  // its backing store and grew a new one for the next (5.7 MB of the ×10 bench day's garbage).
  const base = keyTop;
  for (const k in ao) if (Object.hasOwn(ao, k)) keyStack[keyTop++] = k;
  const end = keyTop;
  let same = true;
  let i = base;
  for (const k in bo) {
    if (!Object.hasOwn(bo, k)) continue;
    if (i === end || keyStack[i] !== k) {
      same = false;
      break;
    }
    i++;
  }
  if (i !== end) same = false;
  for (let j = base; same && j < end; j++) same = sameData(ao[keyStack[j]], bo[keyStack[j]]);
  keyTop = base;
  return same;
}

/** sameData's keys of the objects it is comparing, outermost first, below `keyTop`. */
const keyStack: string[] = [];
let keyTop = 0;
