/** `kubectl describe namespace` (describe.go NamespaceDescriber, describeNamespace). */
import type { KubeObject } from "../../types.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { DescribeContext } from "../descriptor.ts";
import { describeLimitRanges } from "../limitRange/describe.ts";
import { describeResourceQuotas } from "../resourceQuota/describe.ts";
import { list, obj, str, timeText } from "../stored/fields.ts";
import { phaseOf } from "./index.ts";

/**
 * describeNamespace: name, labels, annotations and phase, the conditions when there are any,
 * then the namespace's ResourceQuotas (DescribeResourceQuotas) and LimitRanges
 * (DescribeLimitRanges), each "No …" when it has none. A namespace has no Events section.
 */
export function describeNamespace(ns: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ns.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ns.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ns.metadata.annotations);
  w.write(0, `Status:\t${phaseOf(ns)}\n`);
  const conditions = list(obj((ns as unknown as Record<string, unknown>).status).conditions).map(obj);
  if (conditions.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t------------------\t------\t-------\n");
    for (const c of conditions)
      w.write(
        1,
        `${str(c.type)}\t${str(c.status)}\t${timeText(c.lastTransitionTime) ?? "Mon, 01 Jan 0001 00:00:00 +0000"}\t${str(c.reason)}\t${str(c.message)}\n`,
      );
  }
  w.write(0, "\n");
  describeResourceQuotas(w, ctx.objects.list("ResourceQuota", ns.metadata.name));
  w.write(0, "\n");
  describeLimitRanges(w, ctx.objects.list("LimitRange", ns.metadata.name));
  return w.toString();
}
