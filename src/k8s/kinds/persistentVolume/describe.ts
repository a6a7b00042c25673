/**
 * `kubectl describe pv` (k8s.io/kubectl/pkg/describe/describe.go describePersistentVolume,
 * printVolumeNodeAffinity and the print*VolumeSource functions): labels, annotations,
 * finalizers, class, status, claim, reclaim policy, access modes, volume mode when set,
 * capacity, node affinity, message, the source in kubectl's words, then the Events.
 */
import { humanDuration } from "../../duration.ts";
import { quantityText } from "../../printing/quantityText.ts";
import { eventsFor } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type Writer,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import { goList, list, obj, str, strings, type Obj } from "../stored/fields.ts";
import { accessModesText, storageClassOf } from "./storage.ts";

/** status.phase; the registry's PrepareForCreate starts a volume Pending. */
export const pvPhase = (o: Record<string, unknown> | KubeObject): string =>
  str(obj((o as Record<string, unknown>).status).phase) || "Pending";

const b = (v: unknown): string => String(v === true);
const n = (v: unknown): string => (typeof v === "number" ? String(v) : "0");

/**
 * The sources kubectl describes (one `Type:` line and its fields at level 2, as
 * printHostPathVolumeSource, printNFSVolumeSource, … write them); a source not listed here
 * prints as kubectl prints one it does not know: `<unknown>`.
 */
const SOURCES: readonly [string, (s: Obj) => string][] = [
  [
    "hostPath",
    (s) =>
      `Type:\tHostPath (bare host directory volume)\n    Path:\t${str(s.path)}\n    HostPathType:\t${str(s.type) || "<none>"}\n`,
  ],
  [
    "gcePersistentDisk",
    (s) =>
      `Type:\tGCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)\n    PDName:\t${str(s.pdName)}\n    FSType:\t${str(s.fsType)}\n    Partition:\t${n(s.partition)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
  ],
  [
    "awsElasticBlockStore",
    (s) =>
      `Type:\tAWSElasticBlockStore (a Persistent Disk resource in AWS)\n    VolumeID:\t${str(s.volumeID)}\n    FSType:\t${str(s.fsType)}\n    Partition:\t${n(s.partition)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
  ],
  [
    "nfs",
    (s) =>
      `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${str(s.server)}\n    Path:\t${str(s.path)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
  ],
  [
    "local",
    (s) =>
      `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${str(s.path)}\n`,
  ],
  [
    "csi",
    (s) =>
      `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${str(s.driver)}\n    FSType:\t${str(s.fsType)}\n    VolumeHandle:\t${str(s.volumeHandle)}\n    ReadOnly:\t${b(s.readOnly)}\n`,
  ],
];

/**
 * printCSIPersistentVolumeAttributesMultiline: sorted `k=v` cut at 140 characters. Every piece
 * is written at level 2, so each value carries the level's indent after the tab too, and a
 * continuation line the indent twice before it — as kubectl prints them.
 */
function printVolumeAttributes(w: Writer, attrs: Obj): void {
  w.write(2, "VolumeAttributes:\t");
  const keys = Object.keys(attrs).sort();
  if (!keys.length) {
    w.write(0, "<none>\n");
    return;
  }
  keys.forEach((k, i) => {
    if (i) {
      w.write(2, "");
      w.write(2, "\t");
    }
    const line = `${k}=${str(attrs[k])}`;
    w.write(2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

/** printVolumeNodeAffinity: each required term's match expressions, `key op [v1, v2]`. */
function printNodeAffinity(w: Writer, affinity: unknown): void {
  w.write(0, "Node Affinity:\t");
  const required = obj(affinity).required;
  if (required === undefined || required === null) {
    w.write(0, "<none>\n");
    return;
  }
  w.write(0, "\n");
  w.write(1, "Required Terms:\t");
  const terms = list(obj(required).nodeSelectorTerms).map(obj);
  if (!terms.length) {
    w.write(0, "<none>\n");
    return;
  }
  w.write(0, "\n");
  terms.forEach((term, i) => {
    w.write(2, `Term ${i}:\t`);
    const reqs = list(term.matchExpressions).map(obj);
    if (!reqs.length) {
      w.write(0, "<none>\n");
      return;
    }
    reqs.forEach((r, j) => {
      if (j) w.write(2, "\t");
      const values = strings(r.values);
      const expr = `${str(r.key)} ${str(r.operator).toLowerCase()}`;
      w.write(0, `${values.length ? `${expr} [${values.join(", ")}]` : expr}\n`);
    });
  });
}

export function describePersistentVolume(pv: KubeObject, ctx: DescribeContext): string {
  const raw = pv as unknown as Obj;
  const spec = obj(raw.spec);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pv.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", pv.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", pv.metadata.annotations);
  w.write(0, `Finalizers:\t${goList(pv.metadata.finalizers)}\n`);
  w.write(0, `StorageClass:\t${storageClassOf(pv)}\n`);
  const since = pv.metadata.deletionTimestamp;
  w.write(
    0,
    `Status:\t${since !== undefined ? `Terminating (lasts ${humanDuration(ctx.now - since)})` : pvPhase(pv)}\n`,
  );
  const ref = spec.claimRef === undefined ? undefined : obj(spec.claimRef);
  w.write(0, `Claim:\t${ref ? `${str(ref.namespace)}/${str(ref.name)}` : ""}\n`);
  w.write(0, `Reclaim Policy:\t${str(spec.persistentVolumeReclaimPolicy)}\n`);
  w.write(0, `Access Modes:\t${accessModesText(spec.accessModes)}\n`);
  if (spec.volumeMode !== undefined) w.write(0, `VolumeMode:\t${str(spec.volumeMode)}\n`);
  const storage = str(obj(spec.capacity).storage);
  w.write(0, `Capacity:\t${storage ? quantityText(storage) : "0"}\n`);
  printNodeAffinity(w, spec.nodeAffinity);
  w.write(0, `Message:\t${str(obj(raw.status).message)}\n`);
  w.write(0, "Source:\n");
  const source = SOURCES.find(([field]) => spec[field] !== undefined);
  if (source) {
    w.write(2, source[1](obj(spec[source[0]])));
    if (source[0] === "csi") printVolumeAttributes(w, obj(obj(spec.csi).volumeAttributes));
  } else w.write(1, "<unknown>\n");
  eventsFor(w, pv, ctx);
  return w.toString();
}
