// Property tests (fast-check, fixed seeds, bounded runs). Three families:
// 1. token soups and mutated real scenarios never make parse + plan throw or report an
//    internal error;
// 2. random valid scenarios — rolling and Recreate strategies, HPAs (autoscaling/v1 and v2),
//    loads, kubectl actions, explanations — keep the controllers' invariants at every recorded step;
// 3. the same scenario gives the same result on a rerun and when several run at once.
// Random scenarios may declare nodes (zero to four, small or large, under the cluster
// autoscaler) and inject faults of any length. To cover a new kind, node or fault: add its
// statements to `action` (and its invariant to `checkInvariants`); the generators compose.
import { readdirSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { messages as dslMessages } from "../../src/dsl/messages.ts";
import type { DeploymentSummary, HPASummary, Point, Trace } from "../../src/engine/trace.ts";
import { checkWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { resultToJson } from "../../src/scenario/result.ts";

const SEED = 20240517;

/** Parse and plan; what must never happen is a throw or an internal-error diagnostic. */
function checkNoInternalError(text: string): void {
  const r = checkWith(defaultServices, text, "p.scn", { host: memoryHost({}) });
  for (const d of r.diagnostics) {
    expect(d.code).not.toBe(dslMessages.internalError.code);
    expect(d.message).not.toMatch(/internal error|\n\s+at \S+:\d+:\d+/);
  }
}

const WORDS = [
  "at",
  "after",
  "0s",
  "15s",
  "1m",
  "99999d",
  "1ms",
  "apply",
  "deploy",
  "manifest",
  "=",
  "<<YAML",
  "YAML",
  "file",
  '"x.yaml"',
  "kubectl",
  "get",
  "pods",
  "create",
  "deployment",
  "web",
  "--image=nginx",
  "--replicas=3",
  "--replicas=2147483648",
  "scale",
  "patch",
  "-p",
  "'{\"__proto__\":{}}'",
  "load",
  "cpu",
  "180%",
  "500m",
  "ramp",
  "to",
  "over",
  "steps",
  "every",
  "memory",
  "50Mi",
  "per",
  "pod",
  "requests",
  "100/s",
  "metric",
  "off",
  "expect",
  "replicas",
  "3",
  "within",
  "for",
  "always",
  "never",
  "from",
  "==",
  ">=",
  "!=",
  "hpa",
  "condition",
  "event",
  '"New size"',
  "rollout",
  "complete",
  "run",
  "until",
  "set",
  "hpa.sync-period",
  "limits.pods",
  "cluster.nodes",
  "constructor",
  "__proto__",
  "toString",
  ";",
  "\n",
  "#",
  "watch",
  "explain",
  "deployment/web",
  "scenario",
  '"t"',
  // Nodes, faults, traffic files, namespaces and CRDs (the forms of the second round).
  "nodes",
  "with",
  "named",
  "pool-a",
  "autoscale",
  "provision",
  "scale-down",
  "fault",
  "crash",
  "image",
  "unready",
  "down",
  "scale-updates",
  "node",
  "1e400s",
  "0",
  "-1",
  "99999999999999999999",
  '"t.csv"',
  "series",
  "column",
  "sum",
  "times",
  "-n",
  "prod",
  "prod/deployment/web",
  "namespace",
  "crd",
  "customresourcedefinitions",
];

describe("parse and plan never fail inside (fast-check)", () => {
  it("token soups", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 40 }), (words) => {
        checkNoInternalError(words.join(" "));
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  const real = readdirSync("scenarios")
    .filter((f) => f.endsWith(".scn"))
    .map((f) => readFileSync(`scenarios/${f}`, "utf8"));

  it("mutations of the walk-through scenarios", () => {
    const mutation = fc.record({
      which: fc.nat(real.length - 1),
      at: fc.nat(),
      len: fc.nat(40),
      insert: fc.string({ maxLength: 20 }),
      op: fc.constantFrom("delete", "insert", "duplicate", "swap-lines"),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        let text = real[ms[0].which];
        for (const m of ms) {
          const i = m.at % (text.length + 1);
          if (m.op === "delete") text = text.slice(0, i) + text.slice(i + m.len);
          else if (m.op === "insert") text = text.slice(0, i) + m.insert + text.slice(i);
          else if (m.op === "duplicate") text = text.slice(0, i) + text.slice(i, i + m.len) + text.slice(i);
          else {
            const lines = text.split("\n");
            const a = m.at % lines.length;
            const b = (m.at + m.len) % lines.length;
            [lines[a], lines[b]] = [lines[b], lines[a]];
            text = lines.join("\n");
          }
        }
        checkNoInternalError(text);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

// ── random valid scenarios ──

interface Gen {
  replicas: number;
  /** Declared capacity: `nodes COUNT with cpu CPU memory 4Gi`, under the cluster autoscaler up to `max`. */
  nodes?: { count: number; cpu: number; max?: number };
  strategy: { kind: "Recreate" } | { kind: "RollingUpdate"; maxSurge: string; maxUnavailable: string };
  hpa?: { api: "v1" | "v2"; min: number; max: number };
  actions: { t: number; line: string }[];
}

const intOrPercent = fc.oneof(fc.nat(3).map(String), fc.constantFrom("0%", "10%", "25%", "50%", "100%"));

const strategy = fc.oneof(
  fc.constant({ kind: "Recreate" as const }),
  fc
    .record({ maxSurge: intOrPercent, maxUnavailable: intOrPercent })
    // Both zero is refused by the API server (validation: "may not be 0 when maxSurge is 0").
    .filter((s) => !(/^0%?$/.test(s.maxSurge) && /^0%?$/.test(s.maxUnavailable)))
    .map((s) => ({ kind: "RollingUpdate" as const, ...s })),
);

const action = fc.oneof(
  fc.nat(5).map((n) => `kubectl set image deployment/web web=nginx:1.${n}`),
  fc.integer({ min: 0, max: 12 }).map((n) => `kubectl scale deployment web --replicas=${n}`),
  fc.constant("kubectl rollout undo deployment/web"),
  fc.constant("kubectl rollout restart deployment/web"),
  fc.constantFrom(
    "load cpu 50%",
    "load cpu 300%",
    "load cpu 900%",
    "load cpu 100% ramp to 600% over 2m",
    "load off",
  ),
  fc.constant("kubectl get deploy,rs,hpa"),
  // The explainer reads the finished trace: its text joins the rerun and concurrency checks.
  fc.constant("explain deployment/web"),
  // Faults: crashes, failing probes (an error of the run here: no readinessProbe), metrics
  // and scale-write outages, of any length.
  fc
    .record({ pods: fc.integer({ min: 1, max: 4 }), d: fc.constantFrom("1ms", "10s", "2m", "99m") })
    .map(({ pods, d }) => `fault crash deployment/web ${pods} pod${pods === 1 ? "" : "s"} for ${d}`),
  fc.constantFrom(
    "fault crash image nginx:1.0 for 1m",
    "fault unready deployment/web 1 pod for 30s",
    "fault metrics down for 2m",
    "fault scale-updates for 1m",
    "fault scale-updates hpa/web for 1m",
  ),
);

const gen: fc.Arbitrary<Gen> = fc.record(
  {
    replicas: fc.integer({ min: 1, max: 8 }),
    strategy,
    nodes: fc.record(
      {
        count: fc.integer({ min: 0, max: 4 }),
        cpu: fc.constantFrom(0.1, 0.25, 1, 4),
        max: fc.integer({ min: 1, max: 6 }),
      },
      { requiredKeys: ["count", "cpu"] },
    ),
    hpa: fc.record({
      api: fc.constantFrom("v1" as const, "v2" as const),
      min: fc.integer({ min: 1, max: 3 }),
      max: fc.integer({ min: 3, max: 10 }),
    }),
    actions: fc.array(fc.record({ t: fc.integer({ min: 1, max: 40 }).map((x) => x * 15), line: action }), {
      maxLength: 6,
    }),
  },
  { requiredKeys: ["replicas", "strategy", "actions"] },
);

/** An IntOrString as YAML writes it: 2 (an int), "25%" (a string). */
const yamlIntOrString = (v: string): string => (v.endsWith("%") ? JSON.stringify(v) : v);

function scenarioText(g: Gen): string {
  const strategyYaml =
    g.strategy.kind === "Recreate"
      ? "  strategy:\n    type: Recreate\n"
      : `  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: ${yamlIntOrString(g.strategy.maxSurge)}\n      maxUnavailable: ${yamlIntOrString(g.strategy.maxUnavailable)}\n`;
  const hpa = !g.hpa
    ? ""
    : g.hpa.api === "v1"
      ? `---\napiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: ${g.hpa.min}\n  maxReplicas: ${g.hpa.max}\n  targetCPUUtilizationPercentage: 60\n`
      : `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: ${g.hpa.min}\n  maxReplicas: ${g.hpa.max}\n  metrics:\n  - type: Resource\n    resource: {name: cpu, target: {type: Utilization, averageUtilization: 60}}\n`;
  const yaml = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: ${g.replicas}\n${strategyYaml}  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.0\n        resources:\n          requests: {cpu: 100m}\n${hpa}`;
  const actions = [...g.actions].sort((a, b) => a.t - b.t).map((a) => `at ${a.t}s ${a.line}`);
  const nodes = !g.nodes
    ? ""
    : `nodes ${g.nodes.count} with cpu ${g.nodes.cpu} memory 4Gi\n` +
      (g.nodes.max !== undefined && g.nodes.max >= g.nodes.count
        ? `autoscale nodes from ${g.nodes.count} to ${g.nodes.max} provision 30s\n`
        : "");
  return `${nodes}manifest m = <<YAML\n${yaml}YAML\nat 0s apply m\n${actions.join("\n")}\nexpect replicas >= 0 always\nrun for 12m\n`;
}

/** intstr.GetScaledValueFromIntOrPercent: a percentage of `total`, rounded up or down. */
const scaled = (v: string, total: number, roundUp: boolean): number => {
  if (!v.endsWith("%")) return Number(v);
  const x = (Number(v.slice(0, -1)) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
};

function checkInvariants(g: Gen, trace: Trace): void {
  const dep = trace.series.Deployment["web"] as Point<DeploymentSummary>[];
  // No negative counts, ever (status fields are counts of pods: apps/v1 DeploymentStatus).
  for (const p of dep)
    for (const k of ["replicas", "pods", "ready", "available", "updated", "unavailable"] as const)
      expect(p.value[k], `${k} at ${p.t}`).toBeGreaterThanOrEqual(0);
  for (const series of Object.values(trace.series.ReplicaSet))
    for (const p of series) expect(p.value.replicas).toBeGreaterThanOrEqual(0);

  // HPA-written replicas stay within [minReplicas, maxReplicas] (horizontal.go
  // normalizeDesiredReplicas clamps to the bounds), unless scaling is disabled because the
  // target was scaled to 0 (horizontal.go: "scaling is disabled since the replica count of
  // the target is zero"), when desired stays 0.
  for (const series of Object.values(trace.series.HorizontalPodAutoscaler))
    for (const p of series as Point<HPASummary>[]) {
      const v = p.value;
      if (!v.exists || v.desiredReplicas === 0) continue;
      expect(v.desiredReplicas, `desired at ${p.t}`).toBeGreaterThanOrEqual(v.minReplicas);
      expect(v.desiredReplicas, `desired at ${p.t}`).toBeLessThanOrEqual(v.maxReplicas);
    }

  // Rolling updates without anything else resizing the Deployment (no HPA, no scale):
  // pods ≤ replicas + maxSurge (rolling.go reconcileNewReplicaSet / NewRSNewReplicas: "the
  // total number of pods … does not exceed desired + maxSurge"), and once the first rollout
  // is complete, available ≥ replicas − maxUnavailable (reconcileOldReplicaSets keeps
  // "minAvailable = desired - maxUnavailable"). Recreate makes no such promise.
  const resized = g.hpa !== undefined || g.actions.some((a) => a.line.includes("scale"));
  // Faults and scarce capacity take pods away, so only the surge bound holds then.
  const disrupted = g.nodes !== undefined || g.actions.some((a) => a.line.startsWith("fault"));
  if (g.strategy.kind === "RollingUpdate" && !resized) {
    const surge = scaled(g.strategy.maxSurge, g.replicas, true);
    let unavailable = scaled(g.strategy.maxUnavailable, g.replicas, false);
    // deployment_util.go ResolveFenceposts: both zero → maxUnavailable 1.
    if (surge === 0 && unavailable === 0) unavailable = 1;
    let reached = false;
    for (const p of dep) {
      expect(p.value.pods, `pods at ${p.t}`).toBeLessThanOrEqual(g.replicas + surge);
      if (p.value.available >= g.replicas) reached = true;
      if (reached && !disrupted)
        expect(p.value.available, `available at ${p.t}`).toBeGreaterThanOrEqual(g.replicas - unavailable);
    }
  }
}

describe("random valid scenarios keep Kubernetes' invariants (fast-check)", () => {
  it("at every recorded step", async () => {
    await fc.assert(
      fc.asyncProperty(gen, async (g) => {
        const r = await runScenario({ text: scenarioText(g), file: "gen.scn" });
        expect(r.status, JSON.stringify(r.diagnostics.map((d) => d.message))).not.toBe("error");
        expect(r.failures.filter((f) => /internal error/.test(f.message))).toEqual([]);
        checkInvariants(g, r.trace!);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 300_000);

  it("give identical results on a rerun and when run concurrently", async () => {
    const gens = fc.sample(gen, { seed: SEED, numRuns: 4 });
    const texts = gens.map(scenarioText);
    const json = (r: Awaited<ReturnType<typeof runScenario>>) => JSON.stringify(resultToJson(r));
    const first: string[] = [];
    for (const t of texts) first.push(json(await runScenario({ text: t, file: "gen.scn" })));
    const again = await Promise.all(texts.map((t) => runScenario({ text: t, file: "gen.scn" })));
    expect(again.map(json)).toEqual(first);
  }, 300_000);
});
