/**
 * A run's result makes its event records from the trace's events when `events` is first read
 * (src/scenario/result.ts withEventsFrom), and the report reads the trace's events without
 * making them (eventsOf). What `--json` prints and what a reader of `events` gets are the
 * records as before, in their place among the result's keys.
 */
import { describe, expect, it } from "vitest";
import { memoryHost, runScenario } from "../../src/scenario/index.ts";
import {
  eventRecords,
  eventsOf,
  resultToJson,
  withEventsFrom,
  type ScenarioResult,
} from "../../src/scenario/result.ts";
import { formatReport } from "../../src/scenario/report.ts";

// A Deployment scaled up and down: ReplicaSet, Deployment and pod events.
const SCENARIO =
  "at 0s kubectl create deployment web --image=nginx --replicas=2\nat 30s kubectl scale deployment web --replicas=1";

async function run(): Promise<ScenarioResult> {
  const r = await runScenario({ text: SCENARIO, file: "events.scn" }, { host: memoryHost({}) });
  expect(r.diagnostics).toEqual([]);
  return r;
}

/** Whether the result's `events` is still to be made (an accessor, not the records). */
const pending = (r: ScenarioResult): boolean =>
  typeof Object.getOwnPropertyDescriptor(r, "events")?.get === "function";

describe("a result's event records", () => {
  it("are made when first read, from the trace's events, and kept", async () => {
    const r = await run();
    expect(pending(r)).toBe(true);
    const records = r.events;
    expect(pending(r)).toBe(false);
    expect(r.events).toBe(records);
    expect(records).toEqual(eventRecords(r.trace!.events));
    expect(records.map((e) => e.reason)).toContain("ScalingReplicaSet");
  });

  it("keep their place among the result's keys, in JSON too", async () => {
    const r = await run();
    expect(Object.keys(r).slice(0, 9)).toEqual([
      "file",
      "title",
      "passed",
      "status",
      "duration",
      "expectations",
      "events",
      "output",
      "failures",
    ]);
    const made = await run();
    void made.events;
    expect(JSON.stringify(resultToJson(r))).toBe(JSON.stringify(resultToJson(made)));
  });

  it("are not made by the report, which prints the same text either way", async () => {
    const r = await run();
    const text = formatReport(r, undefined, { podEvents: true });
    expect(pending(r)).toBe(true);
    const made = await run();
    void made.events;
    expect(pending(made)).toBe(false);
    expect(formatReport(made, undefined, { podEvents: true })).toBe(text);
    expect(text).toContain("SuccessfulCreate");
  });

  it("are read one at a time as the trace holds them", async () => {
    const r = await run();
    const at = eventsOf(r);
    const expected = eventRecords(r.trace!.events);
    expect(at.length).toBe(expected.length);
    for (let i = 0; i < at.length; i++) expect(at.at(i)).toEqual(expected[i]);
    expect(at.at(at.length)).toBeUndefined();
    expect(pending(r)).toBe(true);
  });

  it("give the fields the report looks at before printing as their records hold them, made or not", async () => {
    const r = await run();
    // Kinds whose object text starts "pod/" or nearly does: the kind is lower-cased, then "/".
    const odd = ["Pod", "POD", "Po", "Pods", "pod/x", "", "Deployment"].map((kind, i) => ({
      ...r.trace!.events[0],
      type: i % 2 ? ("Warning" as const) : ("Normal" as const),
      involvedObject: { ...r.trace!.events[0].involvedObject, kind, name: i === 4 ? "" : "d/web" },
    }));
    const events = [...r.trace!.events, ...odd];
    const expected = eventRecords(events);
    const made = withEventsFrom({ ...r, events: [] }, events);
    void made.events;
    for (const result of [withEventsFrom({ ...r, events: [] }, events), made]) {
      const at = eventsOf(result);
      expect(at.length).toBe(expected.length);
      for (let i = 0; i < at.length; i++) {
        expect(at.time(i)).toBe(expected[i].time);
        expect(at.reason(i)).toBe(expected[i].reason);
        expect(at.warning(i)).toBe(expected[i].type === "Warning");
        expect(at.ofPod(i)).toBe(expected[i].object.startsWith("pod/"));
      }
    }
    expect(expected.filter((e) => e.object.startsWith("pod/")).length).toBeGreaterThan(2);
  });

  it("may be replaced, as a plain property", async () => {
    const r = await run();
    r.events = [];
    expect(r.events).toEqual([]);
    expect(eventsOf(r).length).toBe(0);
  });
});
