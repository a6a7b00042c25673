/**
 * Notebook helpers (`replicast/notebook`): show a run's chart and report in a Jupyter
 * notebook running the tslab (or Deno) kernel.
 *
 *     import { runScenario } from "replicast";
 *     import { display, report } from "replicast/notebook";
 *     const result = runScenario({ text: `at 0s apply deploy; at 60s load cpu 180%; expect replicas 3 within 30s` });
 *     report(result);
 *     await display(result);            // the dashboard
 *     await display(result, "hpa");     // one chart by name, or pass a Vega-Lite spec
 *     const s = series(result);          // plain arrays: s.deployments.web.latencyP95, s.hpas.web.desired
 *     explain(result, "hpa/web", { at: "5m" });   // why it scaled, or didn't
 *     await display(result, "why");     // the HPA's layers: proposal, stabilized, limit, applied
 */
import type { ChartKind, DashboardOptions, TopLevelSpec } from "../charts/index.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import { formatReport } from "../scenario/report.ts";
import type { ScenarioResult } from "../scenario/result.ts";
import { timeSeries, type TimeSeries } from "../scenario/timeSeries.ts";
import { chartBundle } from "./bundle.ts";
import type { Chartable, MimeBundle } from "./bundle.ts";
import { kernelSink } from "./kernel.ts";
import type { DisplaySink } from "./kernel.ts";

export { chartBundle, textSummary, VEGA_LITE_MIME, SVG_MIME, TEXT_MIME } from "./bundle.ts";
export { explain, explanation, type ExplainWhen } from "./explain.ts";
export type { Explanation, ExplainEntry } from "../explain/index.ts";
export type { Chartable, MimeBundle } from "./bundle.ts";
export type { DisplaySink } from "./kernel.ts";
export {
  ChartKind,
  chartSpec,
  dashboard,
  rolloutChart,
  hpaChart,
  metricChart,
  loadChart,
  latencyChart,
  requestsChart,
  whyChart,
  compareChart,
  CompareQuantity,
} from "../charts/index.ts";
export type { TimeSeries, WorkloadSeries, HpaSeries } from "../scenario/timeSeries.ts";
export type {
  TopLevelSpec,
  ChartOptions,
  DashboardOptions,
  CompareRun,
  CompareOptions,
} from "../charts/index.ts";

/**
 * Show a chart of the run as one display_data message carrying the Vega-Lite spec, its SVG and
 * a text summary (see bundle.ts). Outside a kernel, prints the text summary. Resolves to
 * nothing, so a cell ending in `await display(r)` shows the chart and no echo of its value
 * (`chartBundle` gives the bundle itself).
 */
export async function display(
  result: Chartable,
  chart: ChartKind | TopLevelSpec = "dashboard",
  opts: DashboardOptions & { sink?: DisplaySink } = {},
): Promise<void> {
  const { sink = kernelSink(), ...chartOpts } = opts;
  const bundle: MimeBundle = await chartBundle(result, chart, chartOpts);
  if (sink) await sink({ ...bundle });
  else console.log(bundle["text/plain"]);
}

/**
 * The run's time series as plain arrays, one time axis per workload and per HPA (value[i]
 * holds from t[i] until t[i + 1]): replicas, ready pods, CPU, requests offered, served and
 * dropped, latency percentiles, each HPA metric — what `replicast run --json` prints as
 * `series`. Throws for a result that did not run (it has no trace).
 */
export function series(result: Pick<ScenarioResult, "trace" | "file">): TimeSeries {
  if (!result.trace)
    throw new Error(`${result.file} did not run: it has no time series (see its diagnostics)`);
  return timeSeries(result.trace);
}

/**
 * Pod-minutes of a workload over the run (or [from, to]): the integral of its pods, what a
 * replay costs in capacity. Example: 3 pods for 10 minutes, then 5 for 10 → 80.
 */
export function podMinutes(s: TimeSeries, deployment: string, from = 0, to = s.end): number {
  const w = s.deployments[deployment];
  if (!w) return 0;
  let total = 0;
  for (let i = 0; i < w.t.length; i++) {
    const a = Math.max(w.t[i], from);
    const b = Math.min(i + 1 < w.t.length ? w.t[i + 1] : to, to);
    if (b > a) total += (w.pods[i] ?? 0) * (b - a);
  }
  return total / 60;
}

/** A diagnostic as one line, `FILE:LINE:COL: error RC1001: message`, with its hint below. */
export function diagnosticLine(d: Diagnostic): string {
  const head = `${d.file}:${d.span.line}:${d.span.col}: ${d.severity} ${d.code}: ${d.message}`;
  return d.hint ? `${head}\n  hint: ${d.hint}` : head;
}

/** The run's text report (timeline, expectations, summary), diagnostics first when it could not run. */
export function reportText(result: ScenarioResult): string {
  const diagnostics = result.diagnostics.map(diagnosticLine);
  return (diagnostics.length > 0 ? diagnostics.join("\n") + "\n" : "") + formatReport(result);
}

/** Print the run's text report into the notebook. */
export function report(result: ScenarioResult): void {
  console.log(reportText(result));
}
