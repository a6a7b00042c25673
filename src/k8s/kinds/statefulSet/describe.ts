/**
 * `kubectl describe statefulset` (kubectl/pkg/describe/describe.go StatefulSetDescriber,
 * describeStatefulSet and describeVolumeClaimTemplates).
 */
import { selectorToString } from "../../labels.ts";
import { quantityText } from "../../printing/quantityText.ts";
import type { PersistentVolumeClaimTemplate, StatefulSet } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
  type Writer,
} from "../../printing/describeWriter.ts";
import { describePodTemplate, eventsFor, podsStatusLine } from "../../printing/describe.ts";
import { namespaceOf } from "../../namespaces.ts";

export function describeStatefulSet(sts: StatefulSet, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sts.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(sts)}\n`);
  w.write(0, `CreationTimestamp:\t${rfc1123z(sts.metadata.creationTimestamp ?? 0)}\n`);
  w.write(0, `Selector:\t${selectorToString(sts.spec.selector)}\n`);
  printLabelsMultiline(w, "Labels", sts.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", sts.metadata.annotations);
  w.write(0, `Replicas:\t${sts.spec.replicas} desired | ${sts.status?.replicas ?? 0} total\n`);
  w.write(0, `Update Strategy:\t${sts.spec.updateStrategy.type}\n`);
  const ru = sts.spec.updateStrategy.rollingUpdate;
  if (ru?.partition !== undefined) {
    w.write(1, `Partition:\t${ru.partition}\n`);
    if (ru.maxUnavailable !== undefined) w.write(1, `MaxUnavailable:\t${ru.maxUnavailable}\n`);
  }
  w.write(0, `Pods Status:\t${podsStatusLine(sts, ctx.objects.list("Pod", namespaceOf(sts)))}\n`);
  describePodTemplate(w, sts.spec.template);
  describeVolumeClaimTemplates(w, sts.spec.volumeClaimTemplates ?? []);
  eventsFor(w, sts, ctx);
  return w.toString();
}

/**
 * describeVolumeClaimTemplates: name, storage class (spec.storageClassName, else the beta
 * annotation, else ""), labels, annotations, the storage request ("<default>" without one) and
 * the access modes as Go prints a slice: "[ReadWriteOnce]".
 */
function describeVolumeClaimTemplates(w: Writer, templates: readonly PersistentVolumeClaimTemplate[]): void {
  if (templates.length === 0) {
    w.write(0, "Volume Claims:\t<none>\n");
    return;
  }
  w.write(0, "Volume Claims:\n");
  for (const pvc of templates) {
    const annotations = pvc.metadata.annotations ?? {};
    const storageClass =
      pvc.spec?.storageClassName ?? annotations["volume.beta.kubernetes.io/storage-class"] ?? "";
    w.write(1, `Name:\t${pvc.metadata.name}\n`);
    w.write(1, `StorageClass:\t${storageClass}\n`);
    printLabelsMultiline(w, "Labels", pvc.metadata.labels, "  ");
    printLabelsMultiline(w, "Annotations", pvc.metadata.annotations, "  ");
    const storage = pvc.spec?.resources?.requests?.storage;
    w.write(1, `Capacity:\t${storage === undefined ? "<default>" : quantityText(storage)}\n`);
    w.write(1, `Access Modes:\t[${(pvc.spec?.accessModes ?? []).join(" ")}]\n`);
  }
}
