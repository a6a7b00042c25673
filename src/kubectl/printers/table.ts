/**
 * `kubectl get` tables: each kind's columns and cells come from its descriptor (the
 * server-side table printers, src/k8s/kinds/<kind>/table.ts); kubectl adds LABELS for
 * --show-labels and lays the cells out with the tabwriter (min width 6, padding 3).
 */
import type { KindDescriptor, PrintOptions, TargetsStyle } from "../../k8s/kinds/descriptor.ts";
import { labelsToString } from "../../k8s/labels.ts";
import { age } from "../../k8s/printing/table.ts";
import type { KubeObject, Time } from "../../k8s/types.ts";

export interface TableOptions {
  now: Time;
  wide?: boolean;
  showLabels?: boolean;
  targetsStyle?: TargetsStyle;
}

const printOptions = (opts: TableOptions): PrintOptions => ({
  now: opts.now,
  wide: !!opts.wide,
  targetsStyle: opts.targetsStyle,
});

/**
 * A kind without a table printer prints what a CustomResourceDefinition without
 * additionalPrinterColumns prints: NAME and AGE (apiextensions-apiserver's tableconvertor).
 */
const DEFAULT_COLUMNS = { header: ["NAME", "AGE"], wide: [] as string[] };

export function headerCells(kind: KindDescriptor, opts: Pick<TableOptions, "wide" | "showLabels">): string[] {
  const c = kind.table ?? DEFAULT_COLUMNS;
  return [...c.header, ...(opts.wide ? c.wide : []), ...(opts.showLabels ? ["LABELS"] : [])];
}

export function rowCells(kind: KindDescriptor, obj: KubeObject, opts: TableOptions): string[] {
  const cells = kind.table
    ? kind.table.cells(obj, printOptions(opts))
    : [obj.metadata.name, age(opts.now, obj.metadata.creationTimestamp)];
  if (opts.showLabels) cells.push(labelsToString(obj.metadata.labels) || "<none>");
  return cells;
}
