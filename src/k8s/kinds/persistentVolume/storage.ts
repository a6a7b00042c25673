/**
 * The storage helpers kubectl's printers and describers share (k8s.io/kubectl/pkg/util/storage
 * storage.go): access modes abbreviated in a fixed order, and the class of a volume or claim
 * (the beta annotation first).
 */
import type { KubeObject } from "../../types.ts";
import { obj, str, strings } from "../stored/fields.ts";

/** GetAccessModesAsString: duplicates dropped, always in the order RWO, ROX, RWX, RWOP. */
export function accessModesText(modes: unknown): string {
  const have = new Set(strings(modes));
  return (
    [
      ["ReadWriteOnce", "RWO"],
      ["ReadOnlyMany", "ROX"],
      ["ReadWriteMany", "RWX"],
      ["ReadWriteOncePod", "RWOP"],
    ] as const
  )
    .filter(([mode]) => have.has(mode))
    .map(([, short]) => short)
    .join(",");
}

/** v1.BetaStorageClassAnnotation */
const BETA_CLASS = "volume.beta.kubernetes.io/storage-class";

/** GetPersistentVolumeClass / GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName. */
export function storageClassOf(o: KubeObject): string {
  const ann = o.metadata.annotations ?? {};
  if (Object.hasOwn(ann, BETA_CLASS)) return ann[BETA_CLASS];
  return str(obj((o as unknown as Record<string, unknown>).spec).storageClassName);
}
