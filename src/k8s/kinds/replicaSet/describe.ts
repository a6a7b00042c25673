/** `kubectl describe replicaset` (describe.go ReplicaSetDescriber). */
import { selectorToString } from "../../labels.ts";
import type { ReplicaSet } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import {
  controllerLine,
  describePodTemplate,
  eventsFor,
  namespaceOf,
  podsStatusLine,
} from "../../printing/describe.ts";

export function describeReplicaSet(rs: ReplicaSet, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${rs.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(rs)}\n`);
  w.write(0, `Selector:\t${selectorToString(rs.spec.selector)}\n`);
  printLabelsMultiline(w, "Labels", rs.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
  const by = controllerLine(rs);
  if (by) w.write(0, `Controlled By:\t${by}\n`);
  w.write(0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec.replicas} desired\n`);
  w.write(0, `Pods Status:\t${podsStatusLine(rs, ctx.objects.list("Pod", rs.metadata.namespace ?? ""))}\n`);
  describePodTemplate(w, rs.spec.template);
  if (rs.status?.conditions?.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for (const c of rs.status.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason}\n`);
  }
  eventsFor(w, rs, ctx);
  return w.toString();
}
