import { describe, expect, it } from "vitest";
import { EventQueue } from "../../src/engine/queue.ts";

describe("EventQueue (SimPy Environment: heap keyed (time, priority, seq))", () => {
  it("runs events by time, then priority, then the order scheduled", () => {
    const q = new EventQueue();
    const ran: string[] = [];
    const add = (t: number, p: number, name: string) =>
      q.schedule(t, p, () => ran.push(`${name}@${q.now}`), name);
    add(5, 1, "a");
    add(5, 0, "b");
    add(2, 9, "c");
    add(5, 1, "d");
    add(0, 3, "e");
    q.runUntil(10);
    expect(ran).toEqual(["e@0", "c@2", "b@5", "a@5", "d@5"]);
    expect(q.now).toBe(10);
  });

  it("peek is Infinity when empty and the next time otherwise", () => {
    const q = new EventQueue();
    expect(q.peek()).toBe(Infinity);
    expect(q.step()).toBe(false);
    q.schedule(3, 0, () => undefined);
    expect(q.peek()).toBe(3);
    expect(q.step()).toBe(true);
    expect(q.now).toBe(3);
    expect(q.peek()).toBe(Infinity);
  });

  it("runUntil includes events at exactly t and leaves later ones", () => {
    const q = new EventQueue();
    const ran: number[] = [];
    for (const t of [1, 2, 3, 4]) q.schedule(t, 0, () => ran.push(t));
    q.runUntil(3);
    expect(ran).toEqual([1, 2, 3]);
    expect(q.peek()).toBe(4);
    expect(q.now).toBe(3);
  });

  it("events scheduled while running at the same instant still run in this runUntil", () => {
    const q = new EventQueue();
    const ran: string[] = [];
    q.schedule(1, 1, () => {
      ran.push("first");
      q.schedule(q.now, 0, () => ran.push("urgent follow-up"));
      q.schedule(q.now, 1, () => ran.push("normal follow-up"));
    });
    q.schedule(1, 1, () => ran.push("second"));
    q.runUntil(1);
    expect(ran).toEqual(["first", "urgent follow-up", "second", "normal follow-up"]);
  });

  it("cancel drops an event; cancelling one that ran is a no-op", () => {
    const q = new EventQueue();
    const ran: string[] = [];
    const a = q.schedule(1, 0, () => ran.push("a"));
    const b = q.schedule(2, 0, () => ran.push("b"));
    q.cancel(b);
    expect(q.peek()).toBe(1);
    q.runUntil(1);
    q.cancel(a);
    q.runUntil(5);
    expect(ran).toEqual(["a"]);
    expect(q.size).toBe(0);
  });

  it.each([
    ["schedule in the past", (q: EventQueue) => q.schedule(1, 0, () => undefined), /already at t=5s/],
    ["run backwards", (q: EventQueue) => q.runUntil(4), /already at t=5s/],
    ["schedule at NaN", (q: EventQueue) => q.schedule(NaN, 0, () => undefined), /cannot schedule/],
  ])("refuses to %s", (_name, act, message) => {
    const q = new EventQueue();
    q.runUntil(5);
    expect(() => act(q)).toThrow(message);
  });

  it("cost grows with events, not simulated time: a year with 3 events takes 3 steps", () => {
    const q = new EventQueue();
    let steps = 0;
    for (const t of [10, 86_400, 31_536_000]) q.schedule(t, 0, () => steps++);
    q.runUntil(31_536_000);
    expect(steps).toBe(3);
  });

  it("is deterministic: many events with ties replay in the same order", () => {
    const order = () => {
      const q = new EventQueue();
      const ran: number[] = [];
      for (let i = 0; i < 500; i++) q.schedule((i * 7919) % 13, (i * 31) % 3, () => ran.push(i));
      q.runUntil(100);
      return ran;
    };
    const a = order();
    expect(a).toEqual(order());
    expect(a).toHaveLength(500);
    // Sorted by (time, priority, index): the heap agrees with a stable sort.
    const expected = [...Array(500).keys()].sort(
      (x, y) => ((x * 7919) % 13) - ((y * 7919) % 13) || ((x * 31) % 3) - ((y * 31) % 3) || x - y,
    );
    expect(a).toEqual(expected);
  });

  describe("scheduleStep: a step for many objects at one instant in one entry", () => {
    it("joins steps scheduled one after the other, and runs them in order", () => {
      const q = new EventQueue();
      const ran: string[] = [];
      const start = (pod: string, n: number) => ran.push(`${pod}${n}@${q.now}`);
      q.scheduleStep(3, 1, start, "a", 1, "start");
      q.scheduleStep(3, 1, start, "b", 2, "start");
      q.scheduleStep(3, 1, start, "c", 3, "start");
      expect(q.size).toBe(1);
      q.runUntil(3);
      expect(ran).toEqual(["a1@3", "b2@3", "c3@3"]);
    });

    it("does not join across another entry, another time, priority or step", () => {
      const q = new EventQueue();
      const ran: string[] = [];
      const step = (pod: string) => ran.push(pod);
      const other = (pod: string) => ran.push(`other ${pod}`);
      q.scheduleStep(3, 1, step, "a", 0, "s");
      q.schedule(3, 1, () => ran.push("plain"));
      q.scheduleStep(3, 1, step, "b", 0, "s");
      q.scheduleStep(4, 1, step, "c", 0, "s");
      q.scheduleStep(4, 2, step, "d", 0, "s");
      q.scheduleStep(4, 2, other, "e", 0, "s");
      expect(q.size).toBe(6);
      q.runUntil(4);
      expect(ran).toEqual(["a", "plain", "b", "c", "d", "other e"]);
    });

    it("hands the rest back when a member schedules something that runs first at that instant", () => {
      const q = new EventQueue();
      const ran: string[] = [];
      const step = (pod: string) => {
        ran.push(pod);
        if (pod === "b") q.schedule(q.now, 0, () => ran.push("urgent"));
        q.schedule(q.now, 1, () => ran.push(`after ${pod}`));
      };
      for (const pod of ["a", "b", "c"]) q.scheduleStep(2, 1, step, pod, 0, "s");
      q.runUntil(2);
      // As three entries of their own: b's urgent follow-up (priority 0) runs before c.
      expect(ran).toEqual(["a", "b", "urgent", "c", "after a", "after b", "after c"]);
    });

    it("runs its hooks around each batch, and ends them before a handed-back batch lets another entry run", () => {
      const q = new EventQueue();
      const ran: string[] = [];
      q.batchHooks = { begin: () => ran.push("begin"), end: () => ran.push("end") };
      const step = (pod: string) => {
        ran.push(pod);
        if (pod === "b") q.schedule(q.now, 0, () => ran.push("urgent"));
      };
      for (const pod of ["a", "b", "c"]) q.scheduleStep(2, 1, step, pod, 0, "s");
      q.schedule(2, 1, () => ran.push("plain"));
      q.runUntil(2);
      expect(ran).toEqual(["begin", "a", "b", "end", "urgent", "begin", "c", "end", "plain"]);
    });

    it("runs every mix of steps and entries exactly as entries of their own would", () => {
      // A seeded mix: steps of two kinds and plain entries over 3 times and 2 priorities,
      // some scheduling more while they run; the batched queue must give the plain order.
      const run = (batched: boolean): string[] => {
        const q = new EventQueue();
        const ran: string[] = [];
        let x = 12345;
        const draw = (n: number): number => {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          return (x >>> 8) % n;
        };
        const steps = [0, 1].map((k) => (id: string, depth: number): void => {
          ran.push(`${k}:${id}@${q.now}`);
          if (depth < 2 && draw(3) === 0) add(`${id}.`, depth + 1, q.now);
        });
        const add = (id: string, depth: number, from: number): void => {
          const t = from + draw(3);
          const p = draw(2);
          const kind = draw(3);
          if (kind === 2) q.schedule(t, p, () => ran.push(`plain:${id}@${q.now}`));
          else if (batched) q.scheduleStep(t, p, steps[kind], id, depth, "s");
          else q.schedule(t, p, () => steps[kind](id, depth));
        };
        for (let i = 0; i < 300; i++) add(String(i), 0, 0);
        q.runUntil(10);
        return ran;
      };
      const plain = run(false);
      expect(plain.length).toBeGreaterThan(300);
      expect(run(true)).toEqual(plain);
    });
  });
});
