/**
 * The MIME bundle a chart cell shows: the Vega-Lite spec (drawn live by JupyterLab, VS Code
 * and nteract), the same chart as SVG (for classic Notebook and code-host previews, which do
 * not draw Vega-Lite), and a one-line text summary (for terminals and `jupyter nbconvert
 * --to markdown`). Frontends pick the richest type they support, so all three travel in one
 * display_data message rather than three.
 */
import { chartSpec } from "../charts/index.ts";
import type { ChartKind, DashboardOptions, TopLevelSpec } from "../charts/index.ts";
import { renderSvg } from "../charts/render.ts";
import type { Trace } from "../engine/trace.ts";
import { summary } from "../scenario/report.ts";
import type { ScenarioResult } from "../scenario/result.ts";

export const VEGA_LITE_MIME = "application/vnd.vegalite.v5+json";
export const SVG_MIME = "image/svg+xml";
export const TEXT_MIME = "text/plain";

export interface MimeBundle {
  [VEGA_LITE_MIME]: TopLevelSpec;
  [SVG_MIME]: string;
  [TEXT_MIME]: string;
}

/** What can be charted: a scenario's result, or any `{ trace, title? }`. */
export type Chartable = Pick<ScenarioResult, "trace" | "title"> | { trace: Trace; title?: string };

const isScenarioResult = (r: Chartable): r is ScenarioResult => "status" in r && "expectations" in r;

/** The one-line text form: the run's summary ("PASS  3 expectations: …") or the chart's title. */
export function textSummary(result: Chartable, spec: TopLevelSpec): string {
  const t = spec.title;
  const title =
    typeof t === "string" ? t : typeof t === "object" && t !== null && "text" in t ? String(t.text) : "chart";
  return isScenarioResult(result) ? `${result.title ?? result.file}: ${summary(result)}` : title;
}

/**
 * The bundle for a result: `chart` names a chart (default: the dashboard) or is a spec of
 * your own. Throws when the result has no trace (the scenario could not run), saying so.
 */
export async function chartBundle(
  result: Chartable,
  chart: ChartKind | TopLevelSpec = "dashboard",
  opts: DashboardOptions = {},
): Promise<MimeBundle> {
  let spec: TopLevelSpec;
  if (typeof chart === "string") {
    if (!result.trace)
      throw new Error("nothing to chart: the scenario did not run (see report(result) for why)");
    spec = chartSpec(result.trace, chart, { title: result.title, ...opts });
  } else spec = chart;
  return {
    [VEGA_LITE_MIME]: spec,
    [SVG_MIME]: await renderSvg(spec),
    [TEXT_MIME]: textSummary(result, spec),
  };
}
