// The Events the API server holds after client-go's EventCorrelator
// (k8s.io/client-go/tools/record/events_cache.go: defaultAggregateMaxEvents 10 within
// defaultAggregateIntervalInSeconds 600, defaultSpamBurst 25 refilled at defaultSpamQPS 1/300,
// maxLruCacheEntries 4096; record.go recordEvent creates an Event again when its patch finds
// none), the cluster-autoscaler's own correlator options (cluster-autoscaler
// utils/kubernetes/events.go: burst 1 per reason and object) and kube-apiserver's --event-ttl 1h.
import { describe, expect, it } from "vitest";
import {
  EVENT_TTL_SECONDS,
  eventDraws,
  eventHistory,
  type StoredEvent,
} from "../../src/k8s/eventCorrelator.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { EVENT_AGGREGATE_STREAM, runKubectl } from "../../src/kubectl/run.ts";
import { mulberry32 } from "../../src/engine/rng.ts";
import type { KubeEvent } from "../../src/k8s/types.ts";

function emit(
  time: number,
  message: string,
  o: { source?: string; reason?: string; type?: "Normal" | "Warning"; kind?: string; name?: string } = {},
): KubeEvent {
  return {
    time,
    type: o.type ?? "Normal",
    reason: o.reason ?? "SuccessfulCreate",
    message,
    involvedObject: {
      kind: o.kind ?? "ReplicaSet",
      namespace: "default",
      name: o.name ?? "web-abc",
      uid: "u1",
    },
    source: o.source ?? "replicaset-controller",
  };
}

const row = (e: StoredEvent) => [e.message, e.count, e.firstTimestamp, e.lastTimestamp];
const created = (n: number, t = 0) =>
  Array.from({ length: n }, (_, i) => emit(t, `Created pod: web-abc-${i + 1}`));

describe("the recorder's correlator: similar events combined", () => {
  it("keeps nine distinct messages apart and combines the tenth on", () => {
    const h = eventHistory(created(12));
    const live = h.live(0);
    expect(live.slice(0, 9).map((e) => e.message)).toEqual(
      Array.from({ length: 9 }, (_, i) => `Created pod: web-abc-${i + 1}`),
    );
    expect(live.slice(9).map(row)).toEqual([
      ["(combined from similar events): Created pod: web-abc-12", 3, 0, 0],
    ]);
    expect(h.writes.map((w) => w.kind)).toEqual([...Array(10).fill("created"), "updated", "updated"]);
  });

  it("starts over when no similar event came for more than 600 s, not at 600 s exactly", () => {
    const nine = created(9);
    const at600 = eventHistory([...nine, emit(600, "Created pod: late")]).live(600);
    expect(at600.at(-1)!.message).toBe("(combined from similar events): Created pod: late");
    const at601 = eventHistory([...nine, emit(601, "Created pod: late")]).live(601);
    expect(at601.at(-1)!.message).toBe("Created pod: late");
  });

  it("counts identical events into one Event", () => {
    const failed = (t: number) =>
      emit(t, "the HPA was unable to compute the replica count", {
        reason: "FailedGetScale",
        type: "Warning",
      });
    const live = eventHistory([failed(60), failed(75), failed(90), failed(165)]).live(200);
    expect(live.map(row)).toEqual([["the HPA was unable to compute the replica count", 4, 60, 165]]);
  });
});

describe("the recorder's spam filter: 25 writes per source and object, then one per 300 s", () => {
  it("writes the first 25 of a burst and counts the rest into the next write", () => {
    const same = (t: number) =>
      emit(t, "Back-off restarting failed container", {
        reason: "BackOff",
        type: "Warning",
        kind: "Pod",
        name: "p",
        source: "kubelet",
      });
    const h = eventHistory([...Array.from({ length: 30 }, () => same(0)), same(299), same(300)]);
    expect(h.writes.filter((w) => w.kind === "skipped")).toHaveLength(6);
    expect(h.writes.at(-1)).toMatchObject({ kind: "updated" });
    // 25 written, 5 + 1 skipped yet observed, and this one.
    expect(h.live(300).map(row)).toEqual([["Back-off restarting failed container", 32, 0, 300]]);
  });

  it("leaves a 990-pod scale-up with nine Events and one combined, counted to the 25th write", () => {
    const live = eventHistory(created(990)).live(0);
    expect(live).toHaveLength(10);
    expect(row(live[9])).toEqual(["(combined from similar events): Created pod: web-abc-25", 16, 0, 0]);
  });

  it("keeps a bucket per source and object", () => {
    const other = Array.from({ length: 5 }, (_, i) => emit(0, `Created pod: db-${i}`, { name: "db-abc" }));
    const h = eventHistory([...created(30), ...other]);
    expect(h.writes.slice(30).map((w) => w.kind)).toEqual(Array(5).fill("created"));
  });

  it("forgets what it kept of an object pushed out of its LRUs of 4096 keys", () => {
    const burst = created(30);
    const others = Array.from({ length: 4096 }, (_, i) => emit(0, "Created pod: x", { name: `rs-${i}` }));
    const after = emit(1, "Created pod: web-abc-31");
    expect(eventHistory([...burst, after]).writes.at(-1)!.kind).toBe("skipped");
    // Its aggregate record went with it, so the emission is an Event of its own again.
    const evicted = eventHistory([...burst, ...others, after]);
    expect(evicted.writes.at(-1)!.kind).toBe("created");
    expect(evicted.live(1).at(-1)!.message).toBe("Created pod: web-abc-31");
  });

  it("does not filter the scheduler's events.k8s.io Events: identical ones are counted", () => {
    const failed = (t: number) =>
      emit(t, "0/3 nodes are available: 3 Insufficient cpu.", {
        reason: "FailedScheduling",
        type: "Warning",
        kind: "Pod",
        name: "p",
        source: "default-scheduler",
      });
    const live = eventHistory(Array.from({ length: 40 }, (_, i) => failed(i))).live(40);
    expect(live.map(row)).toEqual([["0/3 nodes are available: 3 Insufficient cpu.", 40, 0, 39]]);
  });

  it("lets the cluster-autoscaler write one event per reason and object every 300 s", () => {
    const ca = (t: number, reason: string) =>
      emit(t, `pod triggered scale-up: [pool 1->2 (max: 5)]`, {
        reason,
        kind: "Pod",
        name: "p",
        source: "cluster-autoscaler",
      });
    const h = eventHistory([
      ca(0, "TriggeredScaleUp"),
      ca(10, "TriggeredScaleUp"),
      ca(10, "NotTriggerScaleUp"),
      ca(300, "TriggeredScaleUp"),
    ]);
    expect(h.writes.map((w) => w.kind)).toEqual(["created", "skipped", "created", "updated"]);
    expect(h.live(300).map(row)[0]).toEqual(["pod triggered scale-up: [pool 1->2 (max: 5)]", 3, 0, 300]);
  });
});

describe("the API server's Event TTL", () => {
  it("drops an Event an hour after its last write and makes it again, same name, on the next", () => {
    const e = (t: number) =>
      emit(t, "Scaled up replica set web-abc to 3", {
        reason: "ScalingReplicaSet",
        kind: "Deployment",
        name: "web",
        source: "deployment-controller",
      });
    expect(eventHistory([e(0)]).live(EVENT_TTL_SECONDS - 1)).toHaveLength(1);
    expect(eventHistory([e(0)]).live(EVENT_TTL_SECONDS)).toHaveLength(0);
    const again = eventHistory([e(0), e(4000)]);
    expect(again.writes.map((w) => w.kind)).toEqual(["created", "created"]);
    expect(again.live(4000).map((x) => [x.count, x.firstTimestamp, x.lastTimestamp, x.seq])).toEqual([
      [2, 0, 4000, 0],
    ]);
  });

  it("reads a growing emission list where it left off, with the same answer as a fresh read", () => {
    const all = created(40);
    const growing: KubeEvent[] = all.slice(0, 12);
    const first = eventHistory(growing);
    growing.push(...all.slice(12));
    expect(eventHistory(growing)).toBe(first);
    expect(eventHistory(growing).live(0)).toEqual(eventHistory([...all]).live(0));
  });
});

describe("the message a full aggregate record drops (EventAggregate's record.localKeys.PopAny)", () => {
  // Go's map iteration starts at a random element: PopAny drops any of the ten messages. The
  // run's seeded stream picks it (eventDraws); a draw of 0.55 of ten picks the sixth.
  const ten = created(10);
  const again = (n: number) => emit(1, `Created pod: web-abc-${n}`);
  const last = (events: KubeEvent[], draws?: number) => {
    if (draws !== undefined) eventDraws(events, () => ({ next: () => draws }));
    // The Event the repeat wrote: the only one written at 1 s.
    return eventHistory(events)
      .live(1)
      .find((e) => e.lastTimestamp === 1)!;
  };

  it("drawn: a message still kept is counted into its own Event; the dropped one is combined", () => {
    expect(row(last([...ten, again(1)], 0.55))).toEqual(["Created pod: web-abc-1", 2, 0, 1]);
    expect(row(last([...ten, again(6)], 0.55))).toEqual([
      "(combined from similar events): Created pod: web-abc-6",
      2,
      0,
      1,
    ]);
  });

  it("without a stream (no run), the oldest is dropped", () => {
    expect(row(last([...ten, again(1)]))).toEqual([
      "(combined from similar events): Created pod: web-abc-1",
      2,
      0,
      1,
    ]);
  });

  it("kubectl draws from the run's seed, on a stream of its own: the dropped message follows the seed", () => {
    // Which of the ten a repeat finds combined: the one dropped.
    const dropped = (seed: number) =>
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((n) => {
        const s = new Simulation({ settings: { seed } });
        (s.events as KubeEvent[]).push(...ten, again(n));
        runKubectl("get events", s);
        return eventHistory(s.events)
          .live(1)
          .some((e) => e.lastTimestamp === 1 && e.message.startsWith("(combined"));
      });
    for (const seed of [1, 2, 3, 42]) {
      const drawn = Math.floor(mulberry32(seed ^ EVENT_AGGREGATE_STREAM).next() * 10) + 1;
      expect(dropped(seed)).toEqual([drawn]);
    }
  });
});

describe("each kubelet's own correlator (pkg/kubelet/kubelet.go makeEventRecorder: one broadcaster per kubelet)", () => {
  const scheduled = (pod: string, node: string): KubeEvent => ({
    time: 0,
    type: "Normal",
    reason: "Scheduled",
    message: `Successfully assigned default/${pod} to ${node}`,
    involvedObject: { kind: "Pod", namespace: "default", name: pod, uid: `uid-${pod}` },
    source: "default-scheduler",
  });
  const pulled = (pod: string, time: number, n = 0): KubeEvent => ({
    time,
    type: "Normal",
    reason: "Pulling",
    message: `Pulling image "app:${n}"`,
    involvedObject: { kind: "Pod", namespace: "default", name: pod, uid: `uid-${pod}` },
    source: "kubelet",
  });
  // web-1 on node-1 sees nine distinct messages; then 4096 pods' events fill an LRU; then a
  // tenth message for web-1 is combined only while web-1's aggregate record is still kept.
  const run = (othersNode: string) => [
    scheduled("web-1", "node-1"),
    ...Array.from({ length: 9 }, (_, i) => pulled("web-1", 1, i)),
    ...Array.from({ length: 4096 }, (_, i) => scheduled(`other-${i}`, othersNode)),
    ...Array.from({ length: 4096 }, (_, i) => pulled(`other-${i}`, 2)),
    pulled("web-1", 3, 9),
  ];
  const tenth = (events: KubeEvent[]) =>
    eventHistory(events)
      .live(3)
      .find((e) => e.lastTimestamp === 3)!.message;

  it("pods on other nodes do not push a pod's records out of its kubelet's LRUs", () => {
    expect(tenth(run("node-2"))).toBe('(combined from similar events): Pulling image "app:9"');
  });

  it("pods on the same node do (maxLruCacheEntries 4096)", () => {
    expect(tenth(run("node-1"))).toBe('Pulling image "app:9"');
  });
});
