/**
 * Owner references as the controllers use them (apimachinery metav1.GetControllerOf,
 * NewControllerRef). Objects are matched by UID when both sides carry one, by kind and name
 * otherwise (objects built by hand in tests and vectors often have no UID yet).
 */
import type { ObjectMeta, OwnerReference } from "../../../k8s/types.ts";

export function getControllerOf(meta: ObjectMeta): OwnerReference | undefined {
  return meta.ownerReferences?.find((r) => r.controller === true);
}

/** Is `meta` controlled by the object `owner` of kind `kind`? */
export function isControlledBy(meta: ObjectMeta, kind: string, owner: ObjectMeta): boolean {
  const ref = getControllerOf(meta);
  if (ref === undefined || ref.kind !== kind) return false;
  if (ref.uid && owner.uid) return ref.uid === owner.uid;
  return ref.name === owner.name;
}

/** NewControllerRef: controller=true and blockOwnerDeletion=true, as every controller sets them. */
export function newControllerRef(apiVersion: string, kind: string, owner: ObjectMeta): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.name,
    uid: owner.uid ?? "",
    controller: true,
    blockOwnerDeletion: true,
  };
}
