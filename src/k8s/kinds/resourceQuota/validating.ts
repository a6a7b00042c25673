/**
 * The validating admission plug-ins that read a namespace's policy objects, in kube-apiserver's
 * order: LimitRanger's checks of a pod or a claim (limitRange/admission.ts), then ResourceQuota
 * (admission.ts). They run once the object is defaulted, validated and named (a generated name
 * included: rest.AdmissionToValidateObjectFunc), so their messages name it by its final name.
 * A namespace without LimitRanges or quotas costs two empty lists.
 */
import type { KubeObject, Time } from "../../types.ts";
import { groupResource, type ObjectReader } from "../descriptor.ts";
import { claimResizeRefusal } from "../storageClass/resize.ts";
import type { KindRegistry } from "../registry.ts";
import { claimLimitRangeRefusal, limitRangeRefusal } from "../limitRange/admission.ts";
import { admitToQuotas } from "./admission.ts";
import { evaluatorOf } from "./usage.ts";

/**
 * The Forbidden message, or undefined once every quota tracking the object has been charged
 * through `charge(quota, used)` (the quota's new status.used).
 */
export function validatingAdmission(
  obj: KubeObject,
  namespace: string,
  objects: ObjectReader,
  kinds: KindRegistry,
  now: Time,
  charge: (quota: KubeObject, used: Record<string, string>) => void,
): string | undefined {
  if (namespace === "") return undefined;
  const name = obj.metadata.name;
  // By the registry's key: another group's kind of the name (Knative's Service) is not core's.
  if (obj.kind === "Pod" && kinds.keyOf(obj) === "Pod") {
    const ranges = objects.list("LimitRange", namespace);
    const refused = ranges.length > 0 ? limitRangeRefusal(obj, ranges, name) : undefined;
    if (refused !== undefined) return refused;
  } else if ((obj.kind as string) === "PersistentVolumeClaim" && kinds.keyOf(obj) === obj.kind) {
    const ranges = objects.list("LimitRange", namespace);
    const refused = ranges.length > 0 ? claimLimitRangeRefusal(obj, ranges, name) : undefined;
    if (refused !== undefined) return refused;
  }
  const quotas = objects.list("ResourceQuota", namespace);
  if (quotas.length === 0) return undefined;
  const d = kinds.forObject(obj);
  if (!d) return undefined;
  const decision = admitToQuotas(obj, quotas, evaluatorOf(d), `${groupResource(d)} "${name}"`, now);
  if ("refused" in decision) return decision.refused;
  for (const [quota, used] of decision.charged) charge(quota, used);
  return undefined;
}

/**
 * Quota admission of an update (checkRequest's Update branch). Only the Service and
 * PersistentVolumeClaim evaluators handle updates (services.go, persistent_volume_claims.go
 * Handles: Create or Update; the pod evaluator and the object counts: Create only), and only a
 * growth is charged: a Service made NodePort or LoadBalancer, a claim's storage raised.
 */
export function validatingUpdateAdmission(
  obj: KubeObject,
  old: KubeObject,
  objects: ObjectReader,
  kinds: KindRegistry,
  now: Time,
  charge: (quota: KubeObject, used: Record<string, string>) => void,
): string | undefined {
  const kind: string = obj.kind;
  if ((kind !== "Service" && kind !== "PersistentVolumeClaim") || kinds.keyOf(obj) !== kind) return undefined;
  const namespace = old.metadata.namespace ?? "";
  // LimitRanger checks a claim's updates too, unless the claim is being deleted (runLimitFunc).
  if (kind === "PersistentVolumeClaim" && old.metadata.deletionTimestamp === undefined) {
    const ranges = objects.list("LimitRange", namespace);
    const refused = ranges.length > 0 ? claimLimitRangeRefusal(obj, ranges, old.metadata.name) : undefined;
    if (refused !== undefined) return refused;
  }
  // PersistentVolumeClaimResize runs between LimitRanger and ResourceQuota (storageClass/resize.ts).
  if (kind === "PersistentVolumeClaim") {
    const refused = claimResizeRefusal(obj, old, objects);
    if (refused !== undefined) return refused;
  }
  const quotas = objects.list("ResourceQuota", namespace);
  if (quotas.length === 0) return undefined;
  const d = kinds.forObject(obj);
  if (!d) return undefined;
  const named = `${groupResource(d)} "${old.metadata.name}"`;
  const decision = admitToQuotas(obj, quotas, evaluatorOf(d), named, now, old);
  if ("refused" in decision) return decision.refused;
  for (const [quota, used] of decision.charged) charge(quota, used);
  return undefined;
}
