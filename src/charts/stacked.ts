/**
 * The shape the load and request charts share: parts of a whole stacked as step areas (CPU
 * served and unserved; requests served and dropped), with the whole drawn over them as a line
 * (demand; offered), on one y axis.
 */
import { Color } from "./palette.ts";
import { timeX } from "./timeAxis.ts";
import type { Layer, Row } from "./vl.ts";

export interface StackedWithTotal {
  end: number;
  areaRows: Row[];
  totalRows: Row[];
  /** The y axis title, e.g. "CPU (millicores)". */
  axisTitle: string;
  /** The legend's title, e.g. "deployment/web CPU". */
  legendTitle: string;
  parts: Record<string, { label: string; color: string }>;
  /** The tooltip titles of a part's value and of the total, and their d3 format. */
  valueTitle: string;
  totalTitle: string;
  format: string;
}

export function stackedWithTotal(s: StackedWithTotal): Layer[] {
  const y = { field: "value", type: "quantitative" as const, title: s.axisTitle };
  return [
    {
      data: { values: s.areaRows },
      mark: { type: "area", interpolate: "step-after", opacity: 0.8 },
      encoding: {
        x: timeX(s.end),
        y: { ...y, stack: "zero" },
        color: {
          field: "series",
          type: "nominal",
          title: s.legendTitle,
          scale: {
            domain: Object.values(s.parts).map((p) => p.label),
            range: Object.values(s.parts).map((p) => p.color),
          },
          legend: { orient: "right" },
        },
        order: { field: "order", type: "quantitative" },
        tooltip: [
          { field: "time", title: "time" },
          { field: "series", title: "part" },
          { field: "value", title: s.valueTitle, format: s.format },
        ],
      },
    },
    {
      data: { values: s.totalRows },
      mark: { type: "line", interpolate: "step-after", strokeWidth: 1.5, color: Color.ink },
      encoding: {
        x: timeX(s.end),
        y,
        tooltip: [
          { field: "time", title: "time" },
          { field: "value", title: s.totalTitle, format: s.format },
        ],
      },
    },
  ];
}
