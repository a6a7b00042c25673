/**
 * Owner references as the controllers' watch handlers read them (metav1.GetControllerOf).
 */
import type { KubeObject, OwnerReference } from "./types.ts";

/** The controller owner reference, if any: the one with `controller: true`. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}
