/**
 * The API refusing the HPA's scale writes (src/engine/faults/api.ts; horizontal.go's failure
 * branch: Warning FailedRescale, AbleToScale False FailedUpdateScale, status.desiredReplicas
 * kept): the explanation says what the HPA wanted and that the write was refused, and the
 * layered chart applies nothing for those syncs.
 */
import { describe, expect, it } from "vitest";
import { whyRows, WhyLine } from "../../src/charts/index.ts";
import type { Simulation } from "../../src/engine/simulation.ts";
import { explainHpa, explanationText, type ExplainStep } from "../../src/explain/index.ts";
import { runWith } from "../../src/scenario/api.ts";
import { createSimulation, defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { WEB_DEPLOYMENT_YAML } from "../fixtures/manifests.ts";

const CONFLICT = 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified';

function run() {
  const services = {
    ...defaultServices,
    createSimulation(settings: Parameters<typeof createSimulation>[0]) {
      const sim = createSimulation(settings) as Simulation & ReturnType<typeof createSimulation>;
      sim.faults.api.add({
        verb: "update",
        resource: "scale",
        from: 120,
        until: 180,
        error: { reason: "Conflict", message: CONFLICT },
      });
      return sim;
    },
  };
  const text = [
    `apply <<YAML\n${WEB_DEPLOYMENT_YAML}YAML`,
    "at 1m kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=10",
    "at 2m load cpu 150%",
    "run for 2m",
  ].join("\n");
  return runWith(services, text, "refused.scn", { host: memoryHost({}) });
}

describe("a refused scale write, explained", () => {
  const r = run();
  const trace = r.trace!;

  it("each refused sync says what was wanted and why nothing changed, with the FailedRescale event", () => {
    const failed = trace.events.filter((e) => e.reason === "FailedRescale");
    expect(failed.length).toBeGreaterThan(0);
    const t = failed[0].time;
    const e = explainHpa(trace, "web", { at: t });
    const step = e.entries[0] as ExplainStep;
    expect(step.action).toBe("failed");
    expect(step.title).toBe("could not scale Deployment/web 1 → 3: the write was refused");
    expect(step.lines.join("\n")).toContain(`write spec.replicas 3 (was 1): refused — ${CONFLICT}`);
    expect(step.lines).toContain(`event       Warning FailedRescale: ${failed[0].message}`);
  });

  it("a stretch folds the refusals into one line, then shows the scale-up once writes go through", () => {
    const text = explanationText(explainHpa(trace, "web", { from: 120, to: 240 })).join("\n");
    expect(text).toMatch(/2m\d*s?–2m45s, \d syncs at 1 replica: wanted 3, but the scale write was refused: /);
    expect(text).toMatch(/\n {2}3m\d*s? {2}scaled Deployment\/web 1 → 3\n/);
  });

  it("the chart applies nothing while the writes are refused", () => {
    const rows = whyRows(trace, "web");
    const refused = trace.decisions.filter(
      (d) => d.controller === "hpa" && d.inputs.scaleError !== undefined,
    );
    for (const d of refused) {
      const applied = rows.find((x) => x.t === d.t && x.series === WhyLine.applied.label);
      expect(applied?.value).toBe(d.inputs.currentReplicas);
    }
  });
});
