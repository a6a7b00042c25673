/**
 * Every seed HPA scenario and every trap, explained sync by sync: each HPA sync's explanation
 * carries the numbers the controller recorded in its decision (the same numbers, read, not
 * recomputed), prints them at the stage they belong to, and agrees with what the controller
 * did — the SuccessfulRescale event it emitted (horizontal.go: "New size: %d; reason: %s")
 * and the Deployment's spec.replicas afterwards. Every Deployment step agrees with its
 * ScalingReplicaSet event (sync.go scaleReplicaSet: "Scaled up replica set %s to %d from %d").
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { HpaSyncDecision } from "../../src/engine/controllers/hpa/decision.ts";
import { valueAt, type Trace } from "../../src/engine/trace.ts";
import {
  explainDeployment,
  explainHpa,
  explanationText,
  hpaSyncs,
  type ExplainStep,
  type HpaNumbers,
} from "../../src/explain/index.ts";
import { qualifiedName } from "../../src/k8s/namespaces.ts";
import { runScenario } from "../../src/scenario/node.ts";

const seeds = readdirSync("scenarios")
  .filter((f) => f.endsWith(".scn"))
  .map((f) => `scenarios/${f}`);
const traps = readdirSync("scenarios/traps")
  .filter((f) => f.endsWith(".scn"))
  .map((f) => `scenarios/traps/${f}`);

const traces = new Map<string, Promise<Trace>>();
const traceOf = (file: string): Promise<Trace> => {
  if (!traces.has(file))
    traces.set(
      file,
      runScenario({ path: file }).then((r) => r.trace!),
    );
  return traces.get(file)!;
};

/** The scenarios that make an HPA: every trap, and the seeds that apply one or `kubectl autoscale`. */
const hpaFiles = [...seeds, ...traps].filter((f) =>
  /HorizontalPodAutoscaler|kubectl autoscale/.test(readFileSync(f, "utf8")),
);

describe("which scenarios are explained", () => {
  it("every trap and every seed with an HPA", () => {
    expect(traps.length).toBeGreaterThanOrEqual(6);
    // The traps without an HPA: a rollout alone, the cluster autoscaler alone, image pulls.
    const withoutHpa = [
      "scenarios/traps/liveness-probe-kills-slow-starter.scn",
      "scenarios/traps/statefulset-max-unavailable.scn",
      "scenarios/traps/untagged-image-pulled-for-every-pod.scn",
    ];
    expect(hpaFiles).toEqual(
      expect.arrayContaining([
        ...traps.filter((t) => !withoutHpa.includes(t)),
        "scenarios/hpa-behavior.scn",
        "scenarios/hpa-cpu.scn",
        "scenarios/statefulset-hpa.scn",
      ]),
    );
  });
});

describe.each(hpaFiles)("%s, HPA sync by sync", (file) => {
  it("each sync's explanation has the decision's numbers, at their stages, and matches what the controller did", async () => {
    const trace = await traceOf(file);
    const hpas = Object.keys(trace.series.HorizontalPodAutoscaler);
    expect(hpas.length).toBeGreaterThan(0);
    for (const hpa of hpas) {
      const syncs = hpaSyncs(trace, hpa);
      expect(syncs.length).toBeGreaterThan(0);
      for (const s of syncs) {
        const sameInstant = syncs.filter((x) => x.t === s.t);
        const e = explainHpa(trace, hpa, { at: s.t });
        const steps = e.entries.filter((x): x is ExplainStep => x.kind === "step");
        expect(steps).toHaveLength(sameInstant.length);
        const step = steps[sameInstant.indexOf(s)];
        checkStep(step, s.inputs, trace, hpa, s.t);
      }
    }
  });

  it("the whole run: every sync is in a block or a folded line, and a folded line's replicas held", async () => {
    const trace = await traceOf(file);
    for (const hpa of Object.keys(trace.series.HorizontalPodAutoscaler)) {
      const e = explainHpa(trace, hpa);
      const counted = e.entries.reduce((n, x) => n + (x.kind === "step" ? 1 : x.count), 0);
      expect(counted).toBe(hpaSyncs(trace, hpa).length);
      expect(e.decisions).toBe(counted);
      for (const x of e.entries) {
        if (x.kind === "step") {
          // Only changes get a block in a range; the rest fold.
          expect(x.action).toBe("scaled");
          continue;
        }
        const m = /at (\d+) replicas?:/.exec(x.line);
        const inRange = hpaSyncs(trace, hpa).filter((s) => s.t >= x.from && s.t <= x.to);
        for (const s of inRange) {
          expect(s.inputs.rescale).not.toBe(true);
          if (m) expect(s.inputs.currentReplicas).toBe(Number(m[1]));
        }
      }
      expect(explanationText(e)[0]).toContain(`hpa/${hpa}`);
    }
  });
});

function checkStep(step: ExplainStep, d: HpaSyncDecision, trace: Trace, hpa: string, t: number): void {
  const n = step.numbers as unknown as HpaNumbers;
  // The numbers are the decision's, stage by stage.
  expect(n.currentReplicas).toBe(d.currentReplicas);
  expect(n.proposal).toBe(d.prenormalizedDesiredReplicas);
  expect(n.stabilized).toBe(d.normalization?.stabilization.stabilizedRecommendation);
  expect(n.desiredReplicas).toBe(d.desiredReplicas);
  expect(n.metrics.map((m) => [m.ratio, m.proposal, m.error])).toEqual(
    (d.metrics ?? []).map((m) => [m.ratio, m.proposal, m.error]),
  );
  const lines = step.lines;
  const line = (label: string) => lines.find((l) => l.startsWith(label.padEnd(11)));
  // …and printed where they belong.
  if (d.prenormalizedDesiredReplicas !== undefined) {
    expect(line("proposal")).toMatch(new RegExp(`^proposal +${d.prenormalizedDesiredReplicas}\\b`));
    expect(line("stabilized")).toMatch(
      new RegExp(`^stabilized +${d.normalization!.stabilization.stabilizedRecommendation}\\b`),
    );
    expect(line("limits")).toMatch(new RegExp(`^limits +${d.desiredReplicas} — `));
  }
  for (const m of d.metrics ?? [])
    if (m.proposal !== undefined && m.calculation?.path === "fast")
      expect(lines.join("\n")).toContain(`= ${m.proposal}`);
  if (d.normalization?.path === "behavior" && d.normalization.rate.limit !== undefined)
    expect(line("policies")).toContain(
      `limit ${d.normalization.rate.policyLimit ?? d.normalization.rate.limit}`,
    );
  // What the controller did, from the trace's own records.
  const rescales = trace.events.filter(
    (ev) =>
      ev.time === t &&
      ev.reason === "SuccessfulRescale" &&
      ev.involvedObject.kind === "HorizontalPodAutoscaler" &&
      // The trace keys an object outside `default` by namespace/name.
      qualifiedName(ev.involvedObject.namespace, ev.involvedObject.name) === hpa,
  );
  if (d.scaleError !== undefined) {
    // The API refused the write: nothing was applied, FailedRescale says so.
    expect(step.action).toBe("failed");
    expect(step.title).toContain(`${d.currentReplicas} → ${d.desiredReplicas}: the write was refused`);
    expect(line("decision")).toContain(`refused — ${d.scaleError}`);
    expect(rescales).toEqual([]);
  } else if (d.rescale) {
    expect(step.action).toBe("scaled");
    expect(step.title).toContain(`${d.currentReplicas} → ${d.desiredReplicas}`);
    expect(rescales.map((ev) => ev.message)).toContain(n.event);
    expect(n.event).toMatch(new RegExp(`^New size: ${d.desiredReplicas}; reason: `));
    expect(line("decision")).toContain(`write spec.replicas ${d.desiredReplicas} (was ${d.currentReplicas})`);
    expect(lines).toContain(`event       Normal SuccessfulRescale: ${n.event}`);
    // The scale target's spec.replicas (a Deployment's or a StatefulSet's summary) is the new size.
    // "Kind/name", or "Kind/namespace/name" outside `default`: the trace's own key after the kind.
    const slash = d.target!.indexOf("/");
    const [kind, target] = [d.target!.slice(0, slash), d.target!.slice(slash + 1)];
    const scaled = valueAt(trace.series[kind][target], t) as { replicas?: number } | undefined;
    expect(scaled?.replicas).toBe(d.desiredReplicas);
  } else {
    expect(step.action).not.toBe("scaled");
    if (d.currentReplicas !== undefined) expect(step.title).toContain(`at ${d.currentReplicas}`);
  }
}

describe.each([...seeds, ...traps])("%s, Deployment steps", (file) => {
  it("every step is the ReplicaSet change the controller announced", async () => {
    const trace = await traceOf(file);
    for (const name of Object.keys(trace.series.Deployment)) {
      const e = explainDeployment(trace, name);
      for (const x of e.entries) {
        if (x.kind !== "step") continue;
        const m = /^(grew|shrank) ReplicaSet (\S+) (\d+) → (\d+)$/.exec(x.title);
        if (x.action === "create-rs") {
          const c = /^created ReplicaSet (\S+) \(revision (\d+)\) with (\d+) replicas?$/.exec(x.title)!;
          expect(c).not.toBeNull();
          if (Number(c[3]) > 0)
            expect(eventsAt(trace, x.t)).toContain(`Scaled up replica set ${c[1]} to ${c[3]}`);
          continue;
        }
        if (!m) continue;
        const [, verb, rs, from, to] = m;
        expect(eventsAt(trace, x.t)).toContain(
          `Scaled ${verb === "grew" ? "up" : "down"} replica set ${rs} to ${to} from ${from}`,
        );
        const room = x.lines.find((l) => l.includes("room for"));
        if (room) expect(room).toMatch(new RegExp(`= ${Number(to) - Number(from)}$`));
      }
    }
  });
});

const eventsAt = (trace: Trace, t: number): string[] =>
  trace.events.filter((ev) => ev.time === t && ev.reason === "ScalingReplicaSet").map((ev) => ev.message);
