/**
 * The pod a ReplicaSet asks the API server to create: controller_utils.go GetPodFromTemplate.
 */
import type { Pod, ReplicaSet, Time } from "../../../k8s/types.ts";
import { newControllerRef } from "./controllerRef.ts";

/**
 * Labels, annotations and spec come from the template; the name is left to the API server
 * (generateName `<rs>-` plus a 5-character suffix); the ReplicaSet is the controlling owner.
 * Example: ReplicaSet "web-5d847fd86c" → generateName "web-5d847fd86c-" → "web-5d847fd86c-xhvf7".
 *
 * The spec is the stored template's itself, not Go's DeepCopy of it: the request is read, never
 * changed (the API server admits a copy of it and stores a copy of what admission gave), and
 * a stored object is never changed in place. The API server then tells a request alike the
 * last one by that identity instead of comparing the specs (apiserver.ts admitPod).
 *
 * Every other part is the request's own and frozen: GetPodFromTemplate gives each create of a
 * sync the same data (the ReplicaSet and the time are the sync's), so one request serves all
 * of them (index.ts createBatch), and the API server holds a request it knows cannot change as
 * the last one admitted, telling the next create alike by identity (apiserver.ts `sealed`).
 */
export function getPodFromTemplate(rs: ReplicaSet, now: Time): Pod {
  const template = rs.spec.template;
  const meta = template.metadata ?? {};
  const metadata: Pod["metadata"] = {
    name: "",
    generateName: `${rs.metadata.name}-`,
    creationTimestamp: now,
    labels: Object.freeze({ ...(meta.labels ?? {}) }),
    ownerReferences: Object.freeze([
      Object.freeze(newControllerRef("apps/v1", "ReplicaSet", rs.metadata)),
    ]) as Pod["metadata"]["ownerReferences"],
  };
  if (meta.annotations && Object.keys(meta.annotations).length > 0)
    metadata.annotations = Object.freeze({ ...meta.annotations });
  if (rs.metadata.namespace !== undefined) metadata.namespace = rs.metadata.namespace;
  return Object.freeze({
    apiVersion: "v1",
    kind: "Pod",
    metadata: Object.freeze(metadata),
    spec: template.spec,
    status: Object.freeze({ phase: "Pending" }),
  }) as Pod;
}
