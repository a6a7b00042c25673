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

/**
 * Misses in a row, with the reason's table full, after which its messages are no longer looked
 * up. Sharing a message saves memory only (the same characters either way), so where it stops
 * changes no record.
 */
const MISSES_WHEN_FULL = 128;

/** One reason's messages kept for sharing, and its misses in a row since its table filled. */
interface KeptMessages {
  readonly byText: Map<string, string>;
  missesWhenFull: number;
}

export class SharedEvents {
  /** The involved object of each object's events, by uid, while the object exists. */
  private readonly involved = new Map<string, KubeEvent["involvedObject"]>();
  private readonly messages = new Map<string, KeptMessages>();
  /**
   * The last event's involved object as it came, and the one it was recorded with. An emitter
   * that keeps one involved object per object (the kubelet's Pulled, Created, Started) hands the
   * same one for events in a row: 50,694 of the x10 day's 88,675 events, each a look-up by uid
   * and a sameTree that found what the event before found. Exact: nothing changed the uid's
   * entry since (only `share` and `forget` do, and `forget` drops this), and an involved object
   * is never changed once recorded (the trace is read-only).
   */
  private lastInvolved: KubeEvent["involvedObject"] | undefined;
  private lastKept: KubeEvent["involvedObject"] | undefined;

  /** The event to record: `e` (the caller's fresh record) with its repeated parts shared. */
  share(e: KubeEvent): KubeEvent {
    const involved = e.involvedObject;
    if (involved === this.lastInvolved) e.involvedObject = this.lastKept!;
    else {
      const uid = involved.uid;
      if (uid !== undefined) {
        const kept = this.involved.get(uid);
        // The trace keeps the uid after the object is gone, as the one flat text names.ts
        // newUid makes (String.fromCharCode of its 36 codes): kept as it comes.
        if (kept !== undefined && sameTree(kept, involved)) e.involvedObject = kept;
        else this.involved.set(uid, involved);
      }
      this.lastInvolved = involved;
      this.lastKept = e.involvedObject;
    }
    let kept = this.messages.get(e.reason);
    if (kept === undefined) this.messages.set(e.reason, (kept = { byText: new Map(), missesWhenFull: 0 }));
    // A reason whose messages name each object (Scheduled, SuccessfulCreate) fills its table and
    // then never finds a message in it: each look-up hashed a new text for nothing. Past
    // MISSES_WHEN_FULL misses in a row with the table full, its messages are kept as they come.
    if (kept.missesWhenFull >= MISSES_WHEN_FULL) return e;
    const byText = kept.byText;
    const message = byText.get(e.message);
    if (message !== undefined) {
      e.message = message;
      kept.missesWhenFull = 0;
    } else if (byText.size < MESSAGES_PER_REASON) byText.set(e.message, e.message);
    else kept.missesWhenFull++;
    return e;
  }

  /** An object was deleted: its later events (if any) start a new copy. */
  forget(uid: string | undefined): void {
    if (uid === undefined) return;
    this.involved.delete(uid);
    this.lastInvolved = this.lastKept = undefined;
  }
}

/**
 * Decisions' inputs, a field equal (as a tree) to the same field of the last decision of the
 * same controller, object and action taking that one's value: an HPA sync records its
 * tolerances, metrics and events as the sync before did, 5,760 times a day. The inputs are
 * copied when a field is shared (a controller may keep the object it passed).
 */
export class SharedDecisions {
  /** By controller, object and action, maps in turn (as decisionLog.ts): no key text made per decision. */
  private readonly last = new Map<string, Map<string, Map<string, Record<string, unknown>>>>();

  /** The decision to record: `d` (the caller's fresh record) with its inputs' repeated fields shared. */
  share(d: Decision): Decision {
    let byObject = this.last.get(d.controller);
    if (byObject === undefined) this.last.set(d.controller, (byObject = new Map()));
    let byAction = byObject.get(d.object);
    if (byAction === undefined) byObject.set(d.object, (byAction = new Map()));
    const last = byAction.get(d.action);
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
    byAction.set(d.action, d.inputs);
    return d;
  }
}
