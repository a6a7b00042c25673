/**
 * The PersistentVolumeClaimResize validating admission plug-in
 * (plugin/pkg/admission/storage/persistentvolume/resize admission.go Validate, allowResize): an
 * update that grows a claim's spec.resources.requests.storage is refused unless the claim is
 * Bound and its class (unchanged by the update) exists with `allowVolumeExpansion: true`. kind's
 * `standard` class does not set it, so growing a claim on kind is refused.
 * kube-apiserver runs it after LimitRanger and before ResourceQuota (AllOrderedPlugins).
 */
import type { ObjectReader } from "../descriptor.ts";
import type { KubeObject } from "../../types.ts";
import { isQuantityError, parseQuantity, type Quantity } from "../../quantity.ts";
import { obj, str } from "../stored/fields.ts";
import { storageClassOf } from "../persistentVolume/storage.ts";

/** requests[storage], zero when absent or malformed (validation answers for those). */
function requestedStorage(claim: KubeObject): Quantity {
  const spec = obj((claim as unknown as { spec?: unknown }).spec);
  const raw = obj(obj(spec.resources).requests).storage;
  const q = parseQuantity(typeof raw === "number" ? raw : str(raw) || "0");
  return isQuantityError(q) ? (parseQuantity("0") as Quantity) : q;
}

/** Why the plug-in refuses the update (`persistentvolumeclaims "x" is forbidden: …`), if it does. */
export function claimResizeRefusal(
  claim: KubeObject,
  old: KubeObject,
  objects: ObjectReader,
): string | undefined {
  if (requestedStorage(claim).cmp(requestedStorage(old)) <= 0) return undefined;
  const forbidden = (why: string) => `persistentvolumeclaims "${old.metadata.name}" is forbidden: ${why}`;
  if (str(obj((old as unknown as { status?: unknown }).status).phase) !== "Bound")
    return forbidden("Only bound persistent volume claims can be expanded");
  const cls = storageClassOf(claim);
  const sc = cls === "" || storageClassOf(old) !== cls ? undefined : objects.get("StorageClass", "", cls);
  if ((sc as { allowVolumeExpansion?: unknown } | undefined)?.allowVolumeExpansion !== true)
    return forbidden(
      "only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize",
    );
  return undefined;
}
