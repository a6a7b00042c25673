/**
 * Two mutating admission plug-ins kube-apiserver runs on a create, before ResourceQuota charges
 * the object:
 *
 * - DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault admission.go
 *   Admit): a claim that names no class (no spec.storageClassName, no beta annotation) gets the
 *   cluster's default class, storageutil.GetDefaultClass's: of the classes annotated
 *   `storageclass.kubernetes.io/is-default-class: "true"`, the newest, of two as new the first
 *   by name. No default class: the claim is left without one. A claim written with
 *   `storageClassName: ""` asks for no class and keeps it.
 * - StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection):
 *   every claim gets the finalizer kubernetes.io/pvc-protection, every volume
 *   kubernetes.io/pv-protection, unless it has it already.
 */
import type { ObjectReader } from "../descriptor.ts";
import type { KubeObject } from "../../types.ts";
import { isDefaultClass } from "./index.ts";

const BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

/** The default class's name, or undefined without one (GetDefaultClass). */
export function defaultClassName(reader: ObjectReader): string | undefined {
  let best: KubeObject | undefined;
  for (const sc of reader.listAll("StorageClass")) {
    if (!isDefaultClass(sc)) continue;
    const t = sc.metadata.creationTimestamp ?? 0;
    const bt = best?.metadata.creationTimestamp ?? 0;
    if (best === undefined || t > bt || (t === bt && sc.metadata.name < best.metadata.name)) best = sc;
  }
  return best?.metadata.name;
}

function addFinalizer(o: KubeObject, finalizer: string): void {
  const list = o.metadata.finalizers ?? [];
  if (!list.includes(finalizer)) o.metadata.finalizers = [...list, finalizer];
}

/** Both plug-ins on an admitted object about to be created (changed in place). */
export function storageAdmission(o: KubeObject, reader: ObjectReader): void {
  const kind: string = o.kind;
  if (kind === "PersistentVolumeClaim") {
    const spec = ((o as unknown as { spec?: Record<string, unknown> }).spec ??= {});
    if (spec.storageClassName === undefined && o.metadata.annotations?.[BETA_CLASS] === undefined) {
      const name = defaultClassName(reader);
      if (name !== undefined) spec.storageClassName = name;
    }
    addFinalizer(o, "kubernetes.io/pvc-protection");
  } else if (kind === "PersistentVolume") addFinalizer(o, "kubernetes.io/pv-protection");
}
