/**
 * `kubectl describe pvc` (k8s.io/kubectl/pkg/describe/describe.go
 * PersistentVolumeClaimDescriber, describePersistentVolumeClaim, printPersistentVolumeClaim,
 * getPodsForPVC): the class, status, volume, labels, annotations, finalizers, capacity and
 * access modes (both empty until the claim is bound to a volume), volume mode and data source
 * when set, the pods that mount it or own it ("Used By"), the conditions, then the Events.
 */
import { humanDuration } from "../../duration.ts";
import { printClaimSource } from "../../printing/claimSource.ts";
import { quantityText } from "../../printing/quantityText.ts";
import { eventsFor, namespaceOf } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import { accessModesText, storageClassOf } from "../persistentVolume/storage.ts";
import { goList, list, obj, str, timeText } from "../stored/fields.ts";

/** status.phase; a claim no volume controller has looked at yet is Pending. */
export const pvcPhase = (o: Record<string, unknown> | KubeObject): string =>
  str(obj((o as Record<string, unknown>).status).phase) || "Pending";

/** "Status:\tTerminating (lasts 5s)" while being deleted, else the phase. */
function statusText(o: KubeObject, now: number): string {
  const since = o.metadata.deletionTimestamp;
  if (since !== undefined) return `Terminating (lasts ${humanSince(now, since)})`;
  return pvcPhase(o);
}

const humanSince = (now: number, t: number) => humanDuration(now - t);

export function describePersistentVolumeClaim(pvc: KubeObject, ctx: DescribeContext): string {
  const raw = pvc as unknown as Record<string, unknown>;
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  const ns = namespaceOf(pvc);
  // getPodsForPVC: pods of the namespace with a volume naming this claim, and the pods among its
  // owners (a generic ephemeral volume's claim is owned by its pod), in name order.
  const owners = new Set(
    (pvc.metadata.ownerReferences ?? []).filter((r) => r.kind === "Pod").map((r) => r.uid),
  );
  const usedBy = ctx.objects
    .list("Pod", ns)
    .filter(
      (p) =>
        list((p.spec as unknown as Record<string, unknown>).volumes).some(
          (v) => str(obj(obj(v).persistentVolumeClaim).claimName) === pvc.metadata.name,
        ) || owners.has(p.metadata.uid ?? ""),
    )
    .map((p) => p.metadata.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

  const w = new PrefixWriter();
  w.write(0, `Name:\t${pvc.metadata.name}\n`);
  w.write(0, `Namespace:\t${ns}\n`);
  w.write(0, `StorageClass:\t${storageClassOf(pvc)}\n`);
  w.write(0, `Status:\t${statusText(pvc, ctx.now)}\n`);
  w.write(0, `Volume:\t${str(spec.volumeName)}\n`);
  printLabelsMultiline(w, "Labels", pvc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pvc.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pvc.metadata.finalizers)}\n`);
  const bound = str(spec.volumeName) !== "";
  const storage = str(obj(status.capacity).storage);
  w.write(0, `Capacity:\t${bound && storage ? quantityText(storage) : ""}\n`);
  w.write(0, `Access Modes:\t${bound ? accessModesText(status.accessModes) : ""}\n`);
  printClaimSource(w, spec);
  w.write(0, "Used By:\t");
  if (!usedBy.length) w.write(0, "<none>\n");
  usedBy.forEach((name, i) => w.write(0, `${i ? "\t" : ""}${name}\n`));
  const conditions = list(status.conditions).map(obj);
  if (conditions.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions)
      w.write(
        1,
        `${str(c.type)} \t${str(c.status)} \t${zeroTime(c.lastProbeTime)} \t${zeroTime(c.lastTransitionTime)} \t${str(c.reason)} \t${str(c.message)}\n`,
      );
  }
  eventsFor(w, pvc, ctx);
  return w.toString();
}

/** A metav1.Time's Format(RFC1123Z); the zero time when unset, as Go formats it. */
const zeroTime = (v: unknown): string => timeText(v) ?? "Mon, 01 Jan 0001 00:00:00 +0000";
