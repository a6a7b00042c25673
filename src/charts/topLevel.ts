/**
 * The frame every chart shares: schema, title and subtitle, size, and a restrained look
 * (no view border, light grid, muted axis text) so the data carries the ink.
 */
import type { Time } from "../k8s/types.ts";
import { Color } from "./palette.ts";
import { timeX } from "./timeAxis.ts";
import type { Layer, TopLevelSpec } from "./vl.ts";

export const VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json";

/** The chart configuration: fonts the PNG renderer has (DejaVu Sans), quiet axes. */
export const CHART_CONFIG = {
  font: "DejaVu Sans, Helvetica, Arial, sans-serif",
  view: { stroke: null },
  background: "#ffffff",
  padding: 8,
  title: { anchor: "start", fontSize: 14, subtitleFontSize: 11, subtitleColor: "#495057", offset: 8 },
  axis: {
    labelColor: "#495057",
    titleColor: "#343a40",
    domainColor: "#adb5bd",
    tickColor: "#adb5bd",
    gridColor: "#e9ecef",
    labelFontSize: 10,
    titleFontSize: 11,
    titleFontWeight: "normal",
  },
  legend: {
    labelFontSize: 10,
    titleFontSize: 11,
    titleFontWeight: "normal",
    symbolSize: 80,
    titleLimit: 260,
    labelLimit: 260,
  },
} as const;

/** A title with an optional subtitle, or just the subtitle's text when there is no title. */
export function chartTitle(title: string | undefined, subtitle: string) {
  return title ? { text: title, subtitle } : { text: subtitle };
}

/** A layer that says there is nothing to draw, so an empty chart explains itself. */
export function emptyLayer(message: string, end: Time): Layer {
  return {
    data: { values: [{ t: end / 2, message }] },
    mark: { type: "text", fontSize: 12, color: Color.limit },
    encoding: { x: timeX(end), y: { value: 40 }, text: { field: "message" } },
  };
}

export function topLevel(parts: {
  title: string | undefined;
  subtitle: string;
  width: number;
  height: number;
  layers: Layer[];
  end: Time;
}): TopLevelSpec {
  const layers = parts.layers.length > 0 ? parts.layers : [emptyLayer(parts.subtitle, parts.end)];
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(parts.title, parts.subtitle),
    width: parts.width,
    height: parts.height,
    config: CHART_CONFIG,
    layer: layers,
  };
}
