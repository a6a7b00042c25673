/**
 * Owner references as the controllers use them (apimachinery metav1.GetControllerOf,
 * NewControllerRef). Objects are matched by UID when both sides carry one, by kind and name
 * otherwise (objects built by hand in tests and vectors often have no UID yet).
 */
import type { ObjectMeta, OwnerReference } from "../../../k8s/types.ts";

/**
 * GetControllerOf: the first owner reference with controller=true. A loop, not `find` with a
 * closure: it is asked of every pod a ReplicaSet's sync reads and of each controller's claims.
 */
export function getControllerOf(meta: ObjectMeta): OwnerReference | undefined {
  const refs = meta.ownerReferences;
  if (refs === undefined || refs === null) return undefined;
  for (let i = 0; i < refs.length; i++) if (refs[i].controller === true) return refs[i];
  return undefined;
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
