/**
 * `kubectl describe limitrange` (k8s.io/kubectl/pkg/describe/describe.go describeLimitRange,
 * describeLimitRangeSpec) and the limits section of `kubectl describe namespace`
 * (DescribeLimitRanges): a row per limit and resource with Min, Max, Default Request, Default
 * Limit and Max Limit/Request Ratio, "-" where unset. kubectl walks a Go map for the resources of
 * one limit, so its order varies from run to run; Replicast prints them in name order. A limit
 * range has no Events section.
 */
import { namespaceOf } from "../../printing/describe.ts";
import { PrefixWriter, type Writer } from "../../printing/describeWriter.ts";
import { quantityText } from "../../printing/quantityText.ts";
import type { KubeObject } from "../../types.ts";
import { list, obj, str } from "../stored/fields.ts";

const HEADER = "Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n";
const RULE = "----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n";

function describeLimitRangeSpec(w: Writer, lr: KubeObject, prefix: string): void {
  for (const item of list(obj((lr as unknown as Record<string, unknown>).spec).limits).map(obj)) {
    const columns = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio].map(
      obj,
    );
    const resources = [...new Set(columns.flatMap((c) => Object.keys(c)))].sort();
    for (const r of resources) {
      const cells = columns.map((c) => (c[r] === undefined ? "-" : quantityText(c[r] as string)));
      w.write(0, `${prefix}${str(item.type)}\t${r}\t${cells.join("\t")}\n`);
    }
  }
}

export function describeLimitRange(lr: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${lr.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(lr)}\n`);
  w.write(0, HEADER);
  w.write(0, RULE);
  describeLimitRangeSpec(w, lr, "");
  return w.toString();
}

/** DescribeLimitRanges: every limit range of the namespace merged into one table, or "No LimitRange resource.". */
export function describeLimitRanges(w: Writer, ranges: readonly KubeObject[]): void {
  if (!ranges.length) {
    w.write(0, "No LimitRange resource.\n");
    return;
  }
  w.write(0, `Resource Limits\n ${HEADER}`);
  w.write(0, ` ${RULE}`);
  for (const lr of ranges) describeLimitRangeSpec(w, lr, " ");
}
