/**
 * The parts events and decisions repeat, kept once in the trace: the involved object (a pod's half dozen
 * events — Scheduled, Pulled, Created, Started, Killing — each carried a copy) and the
 * messages many objects share ("Created container app": one text per event before). The ×10
 * bench day records 88,675 events about 13,000 objects; they are most of what its trace keeps.
 *
 * Exact: an involved object is shared only with one that is the same tree (sharedSummaries.ts
 * sameTree), a message only with an equal text. The trace is read-only (docs/architecture.md).
 */
import type { KubeEvent } from "../k8s/types.ts";
import type { Decision } from "./trace.ts";
import { sameTree } from "./sharedSummaries.ts";

/** Messages kept per reason, at most this many: a reason whose messages name each object (Scheduled) stops there. */
const MESSAGES_PER_REASON = 64;

export class SharedEvents {
  /** The involved object of each object's events, by uid, while the object exists. */
  private readonly involved = new Map<string, KubeEvent["involvedObject"]>();
  private readonly messages = new Map<string, Map<string, string>>();

  /** The event to record: `e` (the caller's fresh record) with its repeated parts shared. */
  share(e: KubeEvent): KubeEvent {
    const involved = e.involvedObject;
    const uid = involved.uid;
    if (uid !== undefined) {
      const kept = this.involved.get(uid);
      if (kept !== undefined && sameTree(kept, involved)) e.involvedObject = kept;
      else {
        // The trace keeps the uid after the object is gone: one flat text, not the pieces
        // it was made of. The emitter's object takes it too (the same text), so that its
        // object's next events are this one at a glance.
        if (!Object.isFrozen(involved)) involved.uid = flatText(uid, "-");
        this.involved.set(uid, involved);
      }
    }
    let byText = this.messages.get(e.reason);
    if (byText === undefined) this.messages.set(e.reason, (byText = new Map()));
    const message = byText.get(e.message);
    if (message !== undefined) e.message = message;
    else if (byText.size < MESSAGES_PER_REASON) byText.set(e.message, e.message);
    return e;
  }

  /** An object was deleted: its later events (if any) start a new copy. */
  forget(uid: string | undefined): void {
    if (uid !== undefined) this.involved.delete(uid);
  }
}

/**
 * `text` as one string of its characters. A text made by concatenation (a uid's five groups,
 * each made a character at a time) stays in V8 as a tree of its pieces, one object per piece:
 * about 320 bytes for a uid instead of 56, 4.1 MB for the ×10 day's 13,000 pods. Splitting at a
 * separator the text holds and joining again makes one flat copy; a text without it comes
 * back as it is. The same characters either way. (Not for messages: their pieces, a pod's
 * name, are kept anyway by others, and a flat copy of each was larger than the tree.)
 */
function flatText(text: string, separator: string): string {
  return text.split(separator).join(separator);
}

/**
 * Decisions' inputs, a field equal (as a tree) to the same field of the last decision of the
 * same controller, object and action taking that one's value: an HPA sync records its
 * tolerances, metrics and events as the sync before did, 5,760 times a day. The inputs are
 * copied when a field is shared (a controller may keep the object it passed).
 */
export class SharedDecisions {
  private readonly last = new Map<string, Record<string, unknown>>();

  /** The decision to record: `d` (the caller's fresh record) with its inputs' repeated fields shared. */
  share(d: Decision): Decision {
    const key = `${d.controller}\u0000${d.object}\u0000${d.action}`;
    const last = this.last.get(key);
    const inputs = d.inputs;
    if (last !== undefined) {
      let copy: Record<string, unknown> | undefined;
      for (const field of Object.keys(inputs)) {
        const v = inputs[field];
        if (typeof v !== "object" || v === null || !Object.hasOwn(last, field)) continue;
        const before = last[field];
        if (v !== before && sameTree(v, before)) (copy ??= { ...inputs })[field] = before;
      }
      if (copy !== undefined) d.inputs = copy;
    }
    this.last.set(key, d.inputs);
    return d;
  }
}
