/**
 * `kubectl describe priorityclass` (k8s.io/kubectl/pkg/describe/describe.go
 * describePriorityClass): value, global default, preemption policy, description, the
 * annotations on one line (labels.FormatLabels), then the Events.
 */
import { eventsFor } from "../../printing/describe.ts";
import { PrefixWriter } from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import { formatLabels, str } from "../stored/fields.ts";

export function describePriorityClass(o: KubeObject, ctx: DescribeContext): string {
  const pc = o as unknown as Record<string, unknown>;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${o.metadata.name}\n`);
  w.write(0, `Value:\t${str(pc.value)}\n`);
  w.write(0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
  w.write(0, `PreemptionPolicy:\t${str(pc.preemptionPolicy)}\n`);
  w.write(0, `Description:\t${str(pc.description)}\n`);
  w.write(0, `Annotations:\t${formatLabels(o.metadata.annotations ?? {})}\n`);
  eventsFor(w, o, ctx);
  return w.toString();
}
