/**
 * Printing objects the way `kubectl get -o …` prints them: tables (with or without `wide`),
 * `name` (`deployment.apps/web`), `yaml` and `json` (one object, or a `List` when the
 * command listed a type), and JSONPath templates.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { kindPrefix, type KindDescriptor, type TargetsStyle } from "../../k8s/kinds/descriptor.ts";
import { DEFAULT_NAMESPACE } from "../../k8s/namespaces.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { goYamlText } from "../goYaml.ts";
import { executeJsonPath, JsonPathError } from "../jsonpath.ts";
import { executeGoTemplate, GoTemplateError } from "../goTemplate.ts";
import type { ParsedCommand } from "../command.ts";
import { headerCells, labelColumnsOf, rowCells } from "../printers/table.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import { toJSONText, toWire, toWireList } from "../serialize.ts";
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import { customColumnsText } from "../printers/customColumns.ts";
import { sortedKeys } from "../../k8s/sortedKeys.ts";

/**
 * Go's yaml (sigs.k8s.io/yaml over yaml.v2), written by goYaml.ts: block style, lists not
 * indented under their key, strings that would read as timestamps, numbers or booleans
 * double-quoted (`creationTimestamp: "2024-01-01T00:00:30Z"`), `25%` plain, `'*'` and
 * `'a: b'` single-quoted, long strings folded past column 80.
 */
export function toYAMLText(v: unknown): string {
  return goYamlText(v);
}

export interface TableResult {
  text: string;
  widths: number[];
}

/** A table of objects of one kind, header first (unless noHeaders). */
export function table(
  kind: KindDescriptor,
  objects: readonly KubeObject[],
  opts: {
    now: number;
    wide?: boolean;
    showLabels?: boolean;
    labelColumns?: readonly string[];
    noHeaders?: boolean;
    targetsStyle?: TargetsStyle;
    printersMinor?: number;
    /** Prefix names with their type (`deployment.apps/web`), as `get TYPE1,TYPE2` does. */
    withKind?: boolean;
    /** `-A`: a NAMESPACE column first. */
    allNamespaces?: boolean;
  },
): TableResult {
  const prefix = opts.withKind ? `${kindPrefix(kind)}/` : "";
  const rows = objects.map((o) => {
    const cells = rowCells(kind, o, opts);
    cells[0] = prefix + cells[0];
    return opts.allNamespaces ? [o.metadata.namespace ?? DEFAULT_NAMESPACE, ...cells] : cells;
  });
  const head = headerCells(kind, { ...opts, apiVersion: objects[0]?.apiVersion });
  const header = opts.allNamespaces ? ["NAMESPACE", ...head] : head;
  const lines = [...(opts.noHeaders ? [] : [header]), ...rows];
  const widths: number[] = [];
  const text = tabwrite(lines.map((cells) => cells.join("\t") + "\n").join(""), {
    ...GET_TABWRITER,
    rememberWidths: widths,
  });
  return { text, widths };
}

/**
 * `--dry-run=client -o …`: the object exactly as kubectl built it, before any server saw it —
 * no namespace, `creationTimestamp: null` (metav1.Time's zero value marshals as null), in the
 * API version kubectl sends (autoscaling/v1 for `kubectl autoscale`).
 */
export function printClientObject(
  obj: Record<string, unknown>,
  kind: KindDescriptor,
  cmd: ParsedCommand,
): KubectlResult {
  const out = cmd.output ?? { kind: "name" };
  const data = sortedKeys(obj);
  const name = (obj.metadata as { name: string }).name;
  switch (out.kind) {
    case "yaml":
      return ok(toYAMLText(omitManagedFields(data, cmd)), true);
    case "json":
      return ok(toJSONText(omitManagedFields(data, cmd)), true);
    case "jsonpath":
      return ok(executeJsonPath(out.template, data), true);
    case "go-template":
      return goTemplateResult(out.template, data);
    case "custom-columns":
      return ok(customColumnsText(out.columns, [data], cmd.flags["no-headers"] === true), true);
    default:
      return ok(`${kindPrefix(kind)}/${name}\n`, true);
  }
}

/**
 * printers.OmitManagedFieldsPrinter, which JSONYamlPrintFlags puts in front of the json and yaml
 * printers unless --show-managed-fields: metadata.managedFields left out (of a List's items too).
 */
function omitManagedFields(data: unknown, cmd: ParsedCommand): unknown {
  if (cmd.flags["show-managed-fields"] === true || typeof data !== "object" || data === null) return data;
  const omit = (o: unknown): unknown => {
    const meta = (o as { metadata?: Record<string, unknown> } | null)?.metadata;
    if (!meta || !("managedFields" in meta)) return o;
    const { managedFields: _, ...rest } = meta;
    return { ...(o as object), metadata: rest };
  };
  const items = (data as { items?: unknown }).items;
  return Array.isArray(items) ? { ...data, items: items.map(omit) } : omit(data);
}

export function printObjects(
  objects: readonly KubeObject[],
  cmd: ParsedCommand,
  cluster: Cluster,
  single: boolean,
  targetsStyle?: TargetsStyle,
): KubectlResult {
  const out = cmd.output ?? { kind: "table", wide: false };
  const omitEmptyOf = (o: KubeObject) => cluster.kinds.forObject(o)?.omitEmpty ?? [];
  const wire = () =>
    single && objects.length === 1
      ? toWire(objects[0], omitEmptyOf(objects[0]))
      : toWireList(objects, omitEmptyOf);
  switch (out.kind) {
    case "name":
      return ok(
        objects.map((o) => `${kindPrefix(cluster.kinds.ofObject(o))}/${o.metadata.name}\n`).join(""),
        true,
      );
    case "yaml":
      return ok(toYAMLText(omitManagedFields(wire(), cmd)), true);
    case "json":
      return ok(toJSONText(omitManagedFields(wire(), cmd)), true);
    case "jsonpath": {
      const data = wire();
      try {
        return ok(executeJsonPath(out.template, data), true);
      } catch (e) {
        if (e instanceof JsonPathError)
          return fail(`error: error parsing jsonpath ${out.template}, ${e.message}`, true);
        throw e;
      }
    }
    case "go-template":
      return goTemplateResult(out.template, wire());
    case "custom-columns": {
      if (!objects.length) return ok("", true);
      const rows = objects.map((o) => toWire(o, omitEmptyOf(o)));
      return ok(customColumnsText(out.columns, rows, cmd.flags["no-headers"] === true), true);
    }
    case "table": {
      if (!objects.length) return ok("", true);
      const t = table(cluster.kinds.ofObject(objects[0]), objects, {
        now: cluster.now,
        wide: out.wide,
        showLabels: cmd.flags["show-labels"] === true,
        labelColumns: labelColumnsOf(cmd.flags["label-columns"]),
        noHeaders: cmd.flags["no-headers"] === true,
        allNamespaces: cmd.allNamespaces && cluster.kinds.ofObject(objects[0]).namespaced,
        targetsStyle,
        printersMinor: cmd.version,
      });
      return ok(t.text, true);
    }
  }
}

/**
 * `-o go-template`: printers/template.go. A template Go cannot parse is get's `error parsing
 * template T, ERR`; one that fails on the object is `error executing template "T": ERR`
 * (kubectl first prints the template and the raw data for debugging: left out here).
 */
export function goTemplateResult(template: string, data: unknown): KubectlResult {
  try {
    return ok(executeGoTemplate(template, data), true);
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    return fail(
      e.stage === "parse"
        ? `error: error parsing template ${template}, ${e.message}\n`
        : `error: error executing template ${JSON.stringify(template)}: ${e.message}`,
      true,
    );
  }
}
