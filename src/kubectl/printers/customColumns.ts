/**
 * `-o custom-columns=HEADER:PATH,…` (kubectl/pkg/cmd/get/customcolumn.go): one column per
 * `HEADER:PATH`, the path relaxed to a JSONPath action (`metadata.name`, `.metadata.name`,
 * `{metadata.name}` and `{.metadata.name}` all become `{.metadata.name}`), every value it
 * finds printed as Go's fmt.Sprint prints it and joined with commas, `<none>` when it finds
 * none. Example: `kubectl get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName`.
 */
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import { jsonPathResults } from "../jsonpath.ts";
import { escapeTerminal } from "./terminal.ts";

export interface CustomColumn {
  header: string;
  /** The JSONPath action, `{.metadata.name}`. */
  fieldSpec: string;
}

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** RelaxedJSONPathExpression; an error text for a path it cannot read. */
export function relaxedJsonPath(path: string): string | { error: string } {
  if (path === "") return path;
  const m = RELAXED.exec(path);
  if (!m)
    return {
      error:
        "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
    };
  return `{.${m[1] ?? m[2]}}`;
}

/** NewCustomColumnsPrinterFromSpec: the columns, or kubectl's error. */
export function parseCustomColumns(spec: string): CustomColumn[] | { error: string } {
  if (spec === "") return { error: "error: custom-columns format specified but no custom columns given" };
  const columns: CustomColumn[] = [];
  for (const part of spec.split(",")) {
    const colon = part.indexOf(":");
    if (colon < 0)
      return { error: `error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>` };
    const fieldSpec = relaxedJsonPath(part.slice(colon + 1));
    if (typeof fieldSpec !== "string") return fieldSpec;
    columns.push({ header: part.slice(0, colon), fieldSpec });
  }
  return columns;
}

/**
 * fmt.Sprint of an unstructured value: a map as `map[k:v …]` with its keys sorted, a list as
 * `[a b]`, null as `<nil>`. Example: labels {app: "web", tier: "fe"} → `map[app:web tier:fe]`.
 */
export function goSprint(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goSprint).join(" ")}]`;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort();
    return `map[${keys.map((k) => `${k}:${goSprint(o[k])}`).join(" ")}]`;
  }
  return String(v);
}

/**
 * The table of `objects` (wire forms): a header line unless `noHeaders`, a row per object.
 * `widths`: the column widths a watch's tabwriter remembers (updated in place).
 */
export function customColumnsText(
  columns: readonly CustomColumn[],
  objects: readonly unknown[],
  noHeaders: boolean,
  widths?: number[],
): string {
  let text = noHeaders ? "" : `${columns.map((c) => c.header).join("\t")}\n`;
  for (const obj of objects) {
    const cells = columns.map((c) => {
      const results = jsonPathResults(c.fieldSpec, obj);
      if (results.length === 0 || results[0].length === 0) return "<none>";
      return results
        .flat()
        .map((v) => escapeTerminal(goSprint(v)))
        .join(",");
    });
    text += `${cells.join("\t")}\n`;
  }
  return tabwrite(text, widths ? { ...GET_TABWRITER, rememberWidths: widths } : GET_TABWRITER);
}
