/**
 * Run under Deno by deno.test.ts: imports the core straight from src/ (.ts imports, no build),
 * parses and runs a scenario and builds chart specs, then prints one JSON line the test reads.
 * Only `--allow-read --allow-env` are granted: the core must not need files, processes or
 * the network.
 */
import { memoryHost, runScenario } from "../../src/scenario/index.ts";
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

// A traffic replay: a CSV beside the scenario, read through the injected host.
const replay = await runScenario(
  {
    file: "shop/replay.scn",
    text: [
      "at 0s kubectl create deployment web --image=nginx:1.25 --replicas=2",
      'at 10s load requests file "day.csv" cost 2m per request',
      "expect dropped == 0 from 10s to 2m",
      "expect latency p95 <= 100ms from 10s to 2m",
      "run until 2m",
    ].join("\n"),
  },
  {
    host: memoryHost({
      "shop/day.csv":
        "timestamp,rps\n2024-03-04T10:00:00Z,20\n2024-03-04T10:00:30Z,60\n2024-03-04T10:01:00Z,30\n",
    }),
  },
);

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
    traffic: {
      status: replay.status,
      diagnostics: replay.diagnostics.map(
        (d) => `${d.file}:${d.span.line}:${d.span.col} ${d.code}: ${d.message}`,
      ),
      expectations: replay.expectations.map((e) => e.passed),
      replayed: [
        ...new Set(
          (replay.trace?.load.web ?? []).flatMap((p) => (p.value.requests ? [p.value.requests.offered] : [])),
        ),
      ],
    },
  }),
);
