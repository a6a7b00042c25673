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
 *     explain(result, "hpa/web", { at: "5m" });   // why it scaled, or didn't
 *     await display(result, "why");     // the HPA's layers: proposal, stabilized, limit, applied
 */
import type { ChartKind, DashboardOptions, TopLevelSpec } from "../charts/index.ts";
import type { Diagnostic } from "../dsl/diagnostic.ts";
import { formatReport } from "../scenario/report.ts";
import type { ScenarioResult } from "../scenario/result.ts";
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
  whyChart,
  compareChart,
  CompareQuantity,
} from "../charts/index.ts";
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
