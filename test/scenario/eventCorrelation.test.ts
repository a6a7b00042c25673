/**
 * scenarios/events-burst.scn end to end: what `kubectl describe rs` and
 * `kubectl get events` print of a burst of pod creations once client-go's EventCorrelator
 * (tools/record/events_cache.go: 10 similar events within 600 s combined, 25 writes per
 * source and object then one per 300 s) has written them (src/k8s/eventCorrelator.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const file = join(import.meta.dirname, "../../scenarios/events-burst.scn");
const r = runWith(defaultServices, readFileSync(file, "utf8"), "events.scn", { host: memoryHost({}) });
const output = (command: string, time: number) =>
  r.output.find((o) => o.command === command && o.time === time)!.text;

describe("a scale-up's events as the API server keeps them", () => {
  it("emits one SuccessfulCreate per pod: the run's own record keeps every one", () => {
    expect(r.status).toBe("passed");
    const creates = r.trace!.events.filter((e) => e.reason === "SuccessfulCreate");
    expect(creates).toHaveLength(31);
  });

  it("describes the ReplicaSet with nine Events and one combined, counted to its 25th write", () => {
    const text = output("kubectl describe rs", 120);
    const events = text.slice(text.indexOf("Events:")).split("\n");
    expect(events.slice(1, 3)).toEqual([
      "  Type    Reason            Age                 From                   Message",
      "  ----    ------            ----                ----                   -------",
    ]);
    expect(events.slice(3).filter((l) => l !== "")).toHaveLength(10);
    expect(events[3]).toMatch(
      /^ {2}Normal {2}SuccessfulCreate {2}2m {18}replicaset-controller {2}Created pod: web-\w+-\w{5}$/,
    );
    expect(events[12]).toMatch(
      /^ {2}Normal {2}SuccessfulCreate {2}60s \(x16 over 60s\) {2}replicaset-controller {2}\(combined from similar events\): Created pod: web-\w+-\w{5}$/,
    );
  });

  it("writes the combined Event again five minutes on with every creation counted", () => {
    const rows = output("kubectl get events --field-selector involvedObject.kind=ReplicaSet -o wide", 450)
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(/ {2,}/));
    expect(rows).toHaveLength(10);
    // LAST SEEN, TYPE, REASON, OBJECT, SOURCE, MESSAGE, FIRST SEEN, COUNT, NAME (no SUBOBJECT).
    const combined = rows[9];
    expect([combined[0], combined[6], combined[7]]).toEqual(["30s", "6m30s", "22"]);
    expect(combined[5]).toMatch(/^\(combined from similar events\): Created pod: /);
    expect(rows.slice(0, 9).every((row) => row[7] === "1")).toBe(true);
  });
});
