/**
 * Run under Deno by deno.test.ts: imports the core straight from src/ (.ts imports, no build),
 * parses and runs a scenario and builds chart specs, then prints one JSON line the test reads.
 * Only `--allow-read --allow-env` are granted: the core must not need files, processes or
 * the network.
 */
import { runScenario } from "../../src/scenario/index.ts";
import { chartSpec, dashboardPanels, ChartKind } from "../../src/charts/index.ts";
import { explainDeployment, explanationText } from "../../src/explain/index.ts";

const text = `
scenario "Deno smoke"
at 0s  kubectl create deployment web --image=nginx:1.25 --replicas=2
at 30s kubectl set image deployment/web nginx=nginx:1.26
at 30s expect deployment/web image nginx=nginx:1.26 within 1m
at 30s expect rollout deployment/web complete within 1m
run until 2m
`;

const result = await runScenario({ text, file: "deno.scn" });
const trace = result.trace;
const specs = trace
  ? Object.keys(ChartKind).map((kind) => ({
      kind,
      spec: chartSpec(trace, kind as ChartKind, { title: result.title }),
    }))
  : [];

console.log(
  JSON.stringify({
    runtime: typeof (globalThis as { Deno?: unknown }).Deno === "object" ? "deno" : "other",
    status: result.status,
    title: result.title ?? null,
    diagnostics: result.diagnostics.map((d) => `${d.code}: ${d.message}`),
    expectations: result.expectations.map((e) => ({ text: e.text, passed: e.passed })),
    end: trace?.end ?? null,
    replicaSets: trace ? Object.keys(trace.series.ReplicaSet).length : 0,
    panels: trace ? dashboardPanels(trace) : [],
    explanation: trace ? explanationText(explainDeployment(trace, "web", { from: 30, to: 30 })) : [],
    charts: specs.map(({ kind, spec }) => ({
      kind,
      schema: (spec as { $schema?: string }).$schema,
      json: JSON.stringify(spec).length,
    })),
  }),
);
