/**
 * Rendering chart specs to files (Node only: reads the vega builds from node_modules and
 * writes files). Compile with vega-lite, run a vega View with the "none" renderer and take
 * its SVG — no canvas needed (text widths are estimated). PNG goes through resvg with DejaVu
 * Sans named explicitly, or text falls back to a serif face or vanishes. HTML is standalone:
 * the vega and vega-lite builds are inlined, so the page draws with no network, and the
 * pre-rendered SVG is in the page for readers with scripts off.
 */
import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { Trace } from "../engine/trace.ts";
import { chartSpec } from "./index.ts";
import type { ChartKind, DashboardOptions } from "./index.ts";
import type { TopLevelSpec } from "./vl.ts";

/** The file formats `writeChart` picks by extension. */
export const ChartFormat = {
  ".svg": "svg",
  ".png": "png",
  ".html": "html",
  ".vl.json": "vega-lite",
} as const;
export type ChartExtension = keyof typeof ChartFormat;

/** The format for a path, by its extension; undefined for anything else. */
export function chartFormat(path: string): (typeof ChartFormat)[ChartExtension] | undefined {
  const lower = path.toLowerCase();
  const ext = (Object.keys(ChartFormat) as ChartExtension[])
    .sort((a, b) => b.length - a.length)
    .find((e) => lower.endsWith(e));
  return ext === undefined ? undefined : ChartFormat[ext];
}

export const PNG_FONT = "DejaVu Sans";

/** The chart as SVG text. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG bytes, at `scale` × its CSS size (2 by default, sharp on high-DPI screens). */
export async function renderPng(spec: TopLevelSpec, scale = 2): Promise<Uint8Array> {
  const svg = await renderSvg(spec);
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    background: "#ffffff",
    font: { loadSystemFonts: true, defaultFontFamily: PNG_FONT, sansSerifFamily: PNG_FONT },
  });
  return resvg.render().asPng();
}

const require = createRequire(import.meta.url);

function bundledScript(pkg: "vega" | "vega-lite"): string {
  const file = pkg === "vega" ? "vega/build/vega.min.js" : "vega-lite/build/vega-lite.min.js";
  // "</script" inside inlined code would end the script element early.
  return readFileSync(require.resolve(file), "utf8").replace(/<\/script/gi, "<\\/script");
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Standalone HTML: live, with tooltips, when scripts run; the static SVG otherwise. Works offline. */
export async function renderHtml(spec: TopLevelSpec, title = "Replicast chart"): Promise<string> {
  const svg = await renderSvg(spec);
  const json = JSON.stringify(spec).replace(/</g, "\\u003c");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;margin:16px;background:#fff}#chart svg{max-width:100%;height:auto}</style>
</head>
<body>
<div id="chart">${svg}</div>
<script>${bundledScript("vega")}</script>
<script>${bundledScript("vega-lite")}</script>
<script>
(function () {
  var spec = ${json};
  var el = document.getElementById("chart");
  var view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "svg", container: el, hover: true });
  el.innerHTML = "";
  view.runAsync();
})();
</script>
</body>
</html>
`;
}

/** What `writeChart` needs of a run: its trace and, optionally, the scenario's title. */
export interface ChartSource {
  trace: Trace;
  title?: string;
}

/**
 * Write a run's chart to `path`, the format chosen by extension: .svg, .png, .html or
 * .vl.json (the Vega-Lite spec itself). The chart is the dashboard unless `kind` says otherwise.
 * Throws on any other extension, naming the ones it knows.
 */
export async function writeChart(
  result: ChartSource,
  path: string,
  kind: ChartKind = "dashboard",
  opts: DashboardOptions = {},
): Promise<void> {
  const format = chartFormat(path);
  if (format === undefined)
    throw new Error(
      `cannot tell the chart format of "${path}": use one of ${Object.keys(ChartFormat).join(", ")}`,
    );
  const spec = chartSpec(result.trace, kind, { title: result.title, ...opts });
  await mkdir(dirname(path), { recursive: true });
  switch (format) {
    case "svg":
      return writeFile(path, await renderSvg(spec));
    case "png":
      return writeFile(path, await renderPng(spec));
    case "html":
      return writeFile(path, await renderHtml(spec, result.title));
    case "vega-lite":
      return writeFile(path, JSON.stringify(spec, null, 2) + "\n");
  }
}
