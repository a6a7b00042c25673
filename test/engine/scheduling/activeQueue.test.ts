/**
 * The scheduling queue's activeQ order, PrioritySort (pkg/scheduler/framework/plugins/
 * queuesort/priority_sort.go Less: higher spec.priority first, then the pod that entered the
 * queue first), as the timers of one instant hand out their turns (activeQueue.ts).
 */
import { describe, expect, it } from "vitest";
import { ActiveQueue, ActiveQueues } from "../../../src/engine/scheduling/activeQueue.ts";

/** Fire each timer in the order set, as the event queue does; `own` is still its pod's. */
function fire(q: ActiveQueues, t: number, timers: string[], live = (_: string) => true): string[] {
  const tried = new Set<string>();
  const out: string[] = [];
  for (const own of timers) {
    const next = q.next(t, tried.has(own) || !live(own) ? undefined : own, (n) => live(n) && !tried.has(n));
    if (next === undefined) continue;
    tried.add(next);
    out.push(next);
  }
  return out;
}

describe("PrioritySort at one instant", () => {
  it("tries the pod of higher priority first, whatever order its timer was set in", () => {
    const q = new ActiveQueues();
    q.add(95, "low-1", 0);
    q.add(95, "low-2", 0);
    q.add(95, "high", 1000);
    expect(fire(q, 95, ["low-1", "low-2", "high"])).toEqual(["high", "low-1", "low-2"]);
  });

  it("keeps the order pods entered the queue among equal priorities (each timer tries its own pod)", () => {
    const q = new ActiveQueues();
    for (const name of ["a", "b", "c"]) q.add(10, name, 0);
    expect(fire(q, 10, ["a", "b", "c"])).toEqual(["a", "b", "c"]);
  });

  it("orders negative priorities below the default 0", () => {
    const q = new ActiveQueues();
    q.add(5, "best-effort", -10);
    q.add(5, "default", 0);
    expect(fire(q, 5, ["best-effort", "default"])).toEqual(["default", "best-effort"]);
  });

  it("a timer whose pod has gone tries nothing unless a turn is owed to it", () => {
    const q = new ActiveQueues();
    q.add(3, "gone", 0);
    q.add(3, "here", 0);
    expect(fire(q, 3, ["gone", "here"], (n) => n !== "gone")).toEqual(["here"]);
    const r = new ActiveQueues();
    r.add(3, "a", 0);
    expect(r.next(3, undefined, () => true)).toBeUndefined();
  });

  it("instants are separate: a pod due later does not jump an earlier instant's queue", () => {
    const q = new ActiveQueues();
    q.add(1, "early", 0);
    q.add(2, "late-high", 1000);
    expect(fire(q, 1, ["early"])).toEqual(["early"]);
    expect(fire(q, 2, ["late-high"])).toEqual(["late-high"]);
  });
});

describe("ActiveQueue (the heap)", () => {
  it("pops by priority, then by entry, skipping dead entries", () => {
    const h = new ActiveQueue();
    const entries = [
      { name: "p0-a", priority: 0, seq: 0 },
      { name: "p5", priority: 5, seq: 1 },
      { name: "p0-b", priority: 0, seq: 2 },
      { name: "p9", priority: 9, seq: 3 },
      { name: "p5-dead", priority: 5, seq: 4 },
    ];
    for (const e of entries) h.push(e);
    const out: string[] = [];
    for (let e = h.pop((x) => x.name !== "p5-dead"); e; e = h.pop((x) => x.name !== "p5-dead"))
      out.push(e.name);
    expect(out).toEqual(["p9", "p5", "p0-a", "p0-b"]);
  });
});
