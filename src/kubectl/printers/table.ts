/**
 * `kubectl get` tables: each kind's columns and cells come from its descriptor (the
 * server-side table printers, src/k8s/kinds/<kind>/table.ts); kubectl adds a column per
 * -L label and LABELS for --show-labels, and lays the cells out with the tabwriter (min width
 * 6, padding 3).
 */
import type { KindDescriptor, PrintOptions, TargetsStyle } from "../../k8s/kinds/descriptor.ts";
import { labelsToString } from "../../k8s/labels.ts";
import { age } from "../../k8s/printing/table.ts";
import type { KubeObject, Time } from "../../k8s/types.ts";

export interface TableOptions {
  now: Time;
  wide?: boolean;
  showLabels?: boolean;
  /** `-L KEY`: a column per label key, after the kind's own columns. */
  labelColumns?: readonly string[];
  targetsStyle?: TargetsStyle;
  /** The kubectl minor version it prints as (PrintOptions.printersMinor). */
  printersMinor?: number;
}

const labelValue = (labels: Record<string, string> | undefined, key: string): string =>
  labels !== undefined && Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] : "";

/** `-L a,b -L c`: pflag's string slice splits each value on commas. */
export const labelColumnsOf = (flag: unknown): string[] =>
  Array.isArray(flag) ? flag.flatMap((v: string) => v.split(",")).filter((k) => k !== "") : [];

const printOptions = (opts: TableOptions): PrintOptions => ({
  now: opts.now,
  wide: !!opts.wide,
  targetsStyle: opts.targetsStyle,
  printersMinor: opts.printersMinor,
});

/**
 * A kind without a table printer prints what a CustomResourceDefinition without
 * additionalPrinterColumns prints: NAME and AGE (apiextensions-apiserver's tableconvertor).
 */
const DEFAULT_COLUMNS = { header: ["NAME", "AGE"], wide: [] as string[] };

/**
 * A -L column is headed by the key's last path segment in capitals (`app.kubernetes.io/name` ->
 * NAME) and holds the label's value, empty where the object has none; LABELS stays last
 * (cli-runtime printers/tableprinter.go formatLabelHeaders, labelValues).
 */
const labelColumnHeader = (key: string) => (key.split("/").at(-1) ?? key).toUpperCase();

/**
 * The header of a table of `kind`; `apiVersion` is the version its objects were read in (a
 * CRD's columns are its versions', stored/crd.ts).
 */
export function headerCells(
  kind: KindDescriptor,
  opts: Pick<TableOptions, "wide" | "showLabels" | "labelColumns" | "targetsStyle" | "printersMinor"> & {
    apiVersion?: string;
  },
): string[] {
  const c = kind.table?.columns?.(opts) ?? kind.table ?? DEFAULT_COLUMNS;
  return [
    ...c.header,
    ...(opts.wide ? c.wide : []),
    ...(opts.labelColumns ?? []).map(labelColumnHeader),
    ...(opts.showLabels ? ["LABELS"] : []),
  ];
}

export function rowCells(kind: KindDescriptor, obj: KubeObject, opts: TableOptions): string[] {
  const cells = kind.table
    ? kind.table.cells(obj, printOptions(opts))
    : [obj.metadata.name, age(opts.now, obj.metadata.creationTimestamp)];
  for (const key of opts.labelColumns ?? []) cells.push(labelValue(obj.metadata.labels, key));
  if (opts.showLabels) cells.push(labelsToString(obj.metadata.labels) || "<none>");
  return cells;
}
