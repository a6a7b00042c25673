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
 */
export function getPodFromTemplate(rs: ReplicaSet, now: Time): Pod {
  const template = rs.spec.template;
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "",
      generateName: `${rs.metadata.name}-`,
      creationTimestamp: now,
      labels: { ...(meta.labels ?? {}) },
      ownerReferences: [newControllerRef("apps/v1", "ReplicaSet", rs.metadata)],
    },
    spec: template.spec,
    status: { phase: "Pending" },
  };
  if (meta.annotations && Object.keys(meta.annotations).length > 0)
    pod.metadata.annotations = { ...meta.annotations };
  if (rs.metadata.namespace !== undefined) pod.metadata.namespace = rs.metadata.namespace;
  return pod;
}
