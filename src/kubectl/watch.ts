/**
 * `kubectl get -w` (kubectl/pkg/cmd/get/get.go watch()): the objects are printed first, then
 * every change the watch delivers is printed by the same printer, on the same tabwriter.
 *
 * - A table prints its header once; a change prints one more row, aligned to the columns
 *   printed so far (kubectl's tabwriter remembers column widths across the watch; a wider
 *   cell widens its column from then on).
 * - `-o name|yaml|json|jsonpath|custom-columns` print each object, and then each change, as
 *   that printer prints one object: YAML documents separated by `---` (cli-runtime
 *   printers/yaml.go counts what it printed), JSON objects one after another (json.go), a
 *   custom-columns header once (customcolumn.go remembers the type it printed last).
 * - `--output-watch-events` wraps each object in a metav1.WatchEvent: a table gets an EVENT
 *   column first (tableprinter.go formatEventType, `ADDED   ` padded to 8), JSON prints the
 *   event compact on one line (json.go marshals a WatchEvent without indenting), YAML
 *   `object:` then `type:` (sigs.k8s.io/yaml sorts the keys); the existing objects are
 *   ADDED events. The name printer prints the object's name alone.
 *
 * Example (seed 000, `kubectl get hpa -w`): after the header row
 *   "hpa-mem   Deployment/hpa-mem   0%/60%    1         10        1          2m55s"
 * a change prints "hpa-mem   Deployment/hpa-mem   80%/60%   1         10        1          4m1s".
 */
import type { Cluster } from "../engine/cluster.ts";
import { kindPrefix } from "../k8s/kinds/descriptor.ts";
import { DEFAULT_NAMESPACE } from "../k8s/namespaces.ts";
import type { KubeObject } from "../k8s/types.ts";
import { GET_TABWRITER, tabwrite } from "../text/tabwriter.ts";
import { goTemplateResult, toYAMLText } from "./commands/output.ts";
import { executeJsonPath, JsonPathError } from "./jsonpath.ts";
import { customColumnsText } from "./printers/customColumns.ts";
import { headerCells, rowCells } from "./printers/table.ts";
import type { WatchColumns } from "./result.ts";
import { parseSelector } from "./selectorParse.ts";
import { selectByFields } from "./fieldSelector.ts";
import { labelsMatch } from "../k8s/labels.ts";
import { toJSONText, toWire } from "./serialize.ts";
import { inVersion } from "../k8s/kinds/stored/crd.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchRowOptions extends WatchColumns {
  /** Widths remembered from what was printed before (WatchRequest.columnWidths); updated in place. */
  columnWidths?: number[];
}

/** tableprinter.go formattedEventType: padded to one width, so the EVENT column does not move. */
export const formatEventType = (type: string): string =>
  type === "ADDED" ? "ADDED   " : type === "DELETED" ? "DELETED " : type;

/**
 * encoding/json's Marshal, compact: what the JSON printer writes for a WatchEvent. Go escapes
 * `<`, `>`, `&` and the two JavaScript line separators, which JSON.stringify leaves as they are.
 */
export const goCompactJSON = (v: unknown): string =>
  JSON.stringify(v).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );

/** metav1.WatchEvent as the printers see it: `{type, object}`. */
const watchEvent = (type: string, object: unknown) => ({ type, object });

/** One change as the watch prints it; `header` when it is the first thing the watch prints. */
export interface WatchChange {
  text: string;
  /** The table's or custom columns' header, when nothing was printed before (it comes first). */
  header?: string;
}

/**
 * What a `get -w` prints for one object: the first listing (every existing object, `ADDED`)
 * or a change the watch delivered. `options.printed` and `options.columnWidths` carry what the
 * watch printed before and are updated in place.
 */
export function formatWatchChange(
  kind: string,
  object: KubeObject,
  cluster: Cluster,
  options: WatchRowOptions = {},
  type: WatchEventType = "MODIFIED",
): WatchChange {
  // A custom resource reads in the version the watch asked for (conversion None: apiVersion only).
  const read = options.readVersion === undefined ? object : inVersion(object, options.readVersion);
  const event = filtered(read, options, type);
  if (!event) return { text: "" };
  const change = printChange(kind, event.object, cluster, options, event.type);
  const filter = options.lineFilter;
  if (!filter) return change;
  const header = change.header === undefined ? "" : filter(change.header);
  return { text: filter(change.text), ...(header !== "" ? { header } : {}) };
}

/**
 * What the API server sends this watch of a change, if anything. Without selectors, the change
 * itself, when it is in the watch's namespace. With a label or field selector, the watch cache
 * filters both states (apiserver cacher.go convertToWatchEvent): an object that passes now and
 * did not before is ADDED (relabelled into the selector), one that passed before and does not
 * now is DELETED, shown as it was before the change (relabelled out, or deleted); one that
 * passes both times is MODIFIED.
 */
function filtered(
  object: KubeObject,
  options: WatchRowOptions,
  type: WatchEventType,
): { object: KubeObject; type: WatchEventType } | undefined {
  const passed = options.passed;
  if (!passed) return delivered(object, options) ? { object, type } : undefined;
  const key = `${object.metadata.namespace ?? ""}/${object.metadata.name}`;
  const before = passed.get(key);
  if (type !== "DELETED" && delivered(object, options)) {
    passed.set(key, object);
    return { object, type: before ? "MODIFIED" : "ADDED" };
  }
  passed.delete(key);
  return before ? { object: before, type: "DELETED" } : undefined;
}

/** Whether the API server sends this change to the watch: its namespace, its label and field selectors. */
function delivered(object: KubeObject, options: WatchRowOptions): boolean {
  if (options.namespace !== undefined && (object.metadata.namespace ?? "") !== options.namespace)
    return false;
  if (options.selector !== undefined) {
    const sel = parseSelector(options.selector);
    if (typeof sel === "string" || !labelsMatch(sel, object.metadata.labels)) return false;
  }
  if (options.fieldSelector !== undefined) {
    const kept = selectByFields([object], object.kind, options.fieldSelector, (o) => o, {
      resource: "",
      labelSelector: "",
    });
    if ("error" in kept || kept.length === 0) return false;
  }
  return true;
}

function printChange(
  kind: string,
  object: KubeObject,
  cluster: Cluster,
  options: WatchRowOptions,
  type: WatchEventType,
): WatchChange {
  const first = options.printed !== undefined && !options.printed.any;
  if (options.printed) options.printed.any = true;
  const out = options.output;
  if (!out) return tableChange(kind, object, cluster, options, type, first);
  const wire = () => toWire(object, cluster.kinds.forObject(object)?.omitEmpty ?? []);
  const data = () => (options.watchEvents ? watchEvent(type, wire()) : wire());
  switch (out.kind) {
    case "name":
      return { text: `${kindPrefix(cluster.kinds.ofObject(object))}/${object.metadata.name}\n` };
    case "yaml": {
      // yaml.Marshal of a WatchEvent goes through JSON and back: its keys come out sorted.
      const doc = options.watchEvents ? { object: wire(), type } : wire();
      return { text: `${first || options.printed === undefined ? "" : "---\n"}${toYAMLText(doc)}` };
    }
    case "json":
      return { text: options.watchEvents ? `${goCompactJSON(data())}\n` : toJSONText(data()) };
    case "go-template": {
      const r = goTemplateResult(out.template, data());
      return { text: r.exitCode === 0 ? r.stdout : `${r.stderr.trimEnd()}\n` };
    }
    case "jsonpath":
      try {
        return { text: executeJsonPath(out.template, data()) };
      } catch (e) {
        if (e instanceof JsonPathError)
          return { text: `error: error parsing jsonpath ${out.template}, ${e.message}\n` };
        throw e;
      }
    case "custom-columns": {
      const widths = options.columnWidths ?? [];
      const lines = customColumnsText(out.columns, [data()], options.noHeaders === true, widths).split("\n");
      if (options.noHeaders) return { text: lines[0] + "\n" };
      return first ? { text: lines[1] + "\n", header: lines[0] + "\n" } : { text: lines[1] + "\n" };
    }
  }
}

function tableChange(
  kind: string,
  object: KubeObject,
  cluster: Cluster,
  options: WatchRowOptions,
  type: WatchEventType,
  first: boolean,
): WatchChange {
  const opts = { ...options, now: cluster.now };
  const descriptor = cluster.kinds.of(kind);
  const header = headerCells(descriptor, { ...opts, apiVersion: object.apiVersion });
  const row = rowCells(descriptor, object, opts);
  if (options.allNamespaces) {
    header.unshift("NAMESPACE");
    row.unshift(object.metadata.namespace ?? DEFAULT_NAMESPACE);
  }
  if (options.watchEvents) {
    header.unshift("EVENT");
    row.unshift(formatEventType(type));
  }
  // Without remembered widths, the header's widths stand in (what kubectl printed first).
  const widths = options.columnWidths ?? [];
  const lines = tabwrite(`${options.noHeaders ? "" : header.join("\t") + "\n"}${row.join("\t")}\n`, {
    ...GET_TABWRITER,
    rememberWidths: widths,
  }).split("\n");
  if (options.noHeaders) return { text: lines[0] + "\n" };
  return first ? { text: lines[1] + "\n", header: lines[0] + "\n" } : { text: lines[1] + "\n" };
}

/** One `get -w` row for a changed object, aligned to the columns printed so far. */
export function formatWatchRow(
  kind: string,
  object: KubeObject,
  cluster: Cluster,
  options: WatchRowOptions = {},
  type: WatchEventType = "MODIFIED",
): string {
  const change = formatWatchChange(kind, object, cluster, options, type);
  return (change.header ?? "") + change.text;
}

/**
 * The first listing of a `get -w` printed by another printer than kubectl's plain table, or
 * with `--output-watch-events`: get.go prints the list's items one by one (each an ADDED
 * event), then flushes the tabwriter once, so a table's or custom columns' rows are aligned
 * together. `options.printed` and `columnWidths` start the watch's state.
 */
export function formatWatchListing(
  kind: string,
  objects: readonly KubeObject[],
  cluster: Cluster,
  options: WatchRowOptions,
): string {
  if (!objects.length) return "";
  const out = options.output;
  const widths = options.columnWidths ?? [];
  if (!out || out.kind === "custom-columns") {
    if (options.printed) options.printed.any = true;
    if (out) {
      const data = objects.map((o) => {
        const wire = toWire(o, cluster.kinds.forObject(o)?.omitEmpty ?? []);
        return options.watchEvents ? watchEvent("ADDED", wire) : wire;
      });
      return customColumnsText(out.columns, data, options.noHeaders === true, widths);
    }
    const opts = { ...options, now: cluster.now };
    const descriptor = cluster.kinds.of(kind);
    const prefix = (o: KubeObject) => [
      ...(options.watchEvents ? [formatEventType("ADDED")] : []),
      ...(options.allNamespaces ? [o.metadata.namespace ?? DEFAULT_NAMESPACE] : []),
    ];
    const header = [
      ...(options.watchEvents ? ["EVENT"] : []),
      ...(options.allNamespaces ? ["NAMESPACE"] : []),
      ...headerCells(descriptor, { ...opts, apiVersion: objects[0].apiVersion }),
    ];
    const rows = objects.map((o) => [...prefix(o), ...rowCells(descriptor, o, opts)]);
    const lines = [...(options.noHeaders ? [] : [header]), ...rows];
    return tabwrite(lines.map((cells) => cells.join("\t") + "\n").join(""), {
      ...GET_TABWRITER,
      rememberWidths: widths,
    });
  }
  let text = "";
  for (const o of objects) text += formatWatchChange(kind, o, cluster, options, "ADDED").text;
  return text;
}
