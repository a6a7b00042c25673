/**
 * `kubectl describe daemonset` (k8s.io/kubectl/pkg/describe/describe.go DaemonSetDescriber,
 * describeDaemonSet): selector, node selector, labels, annotations, the scheduling counts from
 * the status (the DaemonSet controller's), the pods it controls by phase, the
 * pod template, then the Events.
 */
import { describePodTemplate, eventsFor, namespaceOf, podsStatusLine } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import { formatLabels, obj, podTemplate, selectorAsSelectorText, stringMap } from "../stored/fields.ts";

export function describeDaemonSet(ds: KubeObject, ctx: DescribeContext): string {
  const raw = ds as unknown as Record<string, unknown>;
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  const template = obj(spec.template);
  const n = (k: string) => String(typeof status[k] === "number" ? status[k] : 0);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ds.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(ds)}\n`);
  w.write(0, `Selector:\t${selectorAsSelectorText(spec.selector)}\n`);
  w.write(0, `Node-Selector:\t${formatLabels(stringMap(obj(template.spec).nodeSelector))}\n`);
  printLabelsMultiline(w, "Labels", ds.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${n("desiredNumberScheduled")}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${n("currentNumberScheduled")}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${n("updatedNumberScheduled")}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${n("numberAvailable")}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${n("numberMisscheduled")}\n`);
  w.write(0, `Pods Status:\t${podsStatusLine(ds, ctx.objects.list("Pod", namespaceOf(ds)))}\n`);
  describePodTemplate(w, podTemplate(template));
  eventsFor(w, ds, ctx);
  return w.toString();
}
