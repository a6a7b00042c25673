/**
 * A StatefulSet pod's identity: its ordinal, name, labels and claim volumes, as
 * pkg/controller/statefulset/stateful_set_utils.go defines them (Kubernetes 1.28:
 * getParentNameAndOrdinal, getStartOrdinal, getEndOrdinal, podInOrdinalRange, getPodName,
 * getPersistentVolumeClaimName, isMemberOf, identityMatches, storageMatches, initIdentity,
 * updateIdentity, updateStorage, newStatefulSetPod, newVersionedStatefulSetPod).
 */
import { StatefulSetLabels } from "../../../k8s/kinds/statefulSet/labels.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { Pod, StatefulSet, Time } from "../../../k8s/types.ts";
import { newControllerRef } from "../replicaset/controllerRef.ts";

/** statefulPodRegex: "(.*)-([0-9]+)$". */
const STATEFUL_POD = /^(.*)-([0-9]+)$/;

/**
 * getParentNameAndOrdinal: the parent's name and the ordinal from a pod's name; "" and -1
 * when the name has no trailing ordinal (or one too large for an int32).
 * Examples: "web-0" → ["web", 0]; "my-db-12" → ["my-db", 12]; "web" → ["", -1];
 * "web-99999999999" → ["web", -1].
 */
export function parentNameAndOrdinal(name: string): [string, number] {
  const m = STATEFUL_POD.exec(name);
  if (!m) return ["", -1];
  const n = Number(m[2]);
  return [m[1], n <= 2147483647 ? n : -1];
}

/** getOrdinal: -1 for a pod the StatefulSet did not name. */
export const ordinalOf = (pod: Pod): number => parentNameAndOrdinal(pod.metadata.name)[1];

/** getStartOrdinal: spec.ordinals.start, else 0. */
export const startOrdinal = (set: StatefulSet): number => set.spec.ordinals?.start ?? 0;

/** getEndOrdinal: the last ordinal in range (inclusive). Example: start 0, 3 replicas → 2. */
export const endOrdinal = (set: StatefulSet): number => startOrdinal(set) + set.spec.replicas - 1;

/** podInOrdinalRange: start ≤ ordinal ≤ end. */
export function inOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = ordinalOf(pod);
  return o >= startOrdinal(set) && o <= endOrdinal(set);
}

/** getPodName: "web-2". */
export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name}-${ordinal}`;

/** getPersistentVolumeClaimName: "<template>-<set>-<ordinal>", e.g. "www-web-0". */
export const claimName = (set: StatefulSet, template: string, ordinal: number): string =>
  `${template}-${set.metadata.name}-${ordinal}`;

/** isMemberOf: the pod's name says it belongs to this set. */
export const isMemberOf = (set: StatefulSet, pod: Pod): boolean =>
  parentNameAndOrdinal(pod.metadata.name)[0] === set.metadata.name;

/** identityMatches: a member of the set, in its namespace, carrying the pod-name label. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const [parent, ordinal] = parentNameAndOrdinal(pod.metadata.name);
  return (
    ordinal >= 0 &&
    parent === set.metadata.name &&
    pod.metadata.name === podName(set, ordinal) &&
    namespaceOf(pod) === namespaceOf(set) &&
    pod.metadata.labels?.[StatefulSetLabels.podName] === pod.metadata.name
  );
}

interface ClaimVolume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  [other: string]: unknown;
}

const volumesOf = (pod: Pod): ClaimVolume[] => (pod.spec.volumes as ClaimVolume[] | undefined) ?? [];

/** storageMatches: every claim template has its volume, naming this ordinal's claim. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map(volumesOf(pod).map((v) => [v.name, v]));
  return (set.spec.volumeClaimTemplates ?? []).every(
    (t) =>
      volumes.get(t.metadata.name)?.persistentVolumeClaim?.claimName ===
      claimName(set, t.metadata.name, ordinal),
  );
}

/**
 * updateIdentity: name, namespace, and the pod-name and pod-index labels (PodIndexLabel is
 * beta and on in 1.28).
 */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  pod.metadata.name = podName(set, ordinal);
  pod.metadata.namespace = namespaceOf(set);
  pod.metadata.labels = {
    ...(pod.metadata.labels ?? {}),
    [StatefulSetLabels.podName]: pod.metadata.name,
    [StatefulSetLabels.podIndex]: String(ordinal),
  };
}

/**
 * updateStorage: one volume per claim template, named after the template and pointing at this
 * ordinal's claim; the pod's other volumes stay, a conflicting one is replaced. Upstream walks
 * a Go map (random order); here the templates' order, so runs are reproducible.
 */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  const templates = set.spec.volumeClaimTemplates ?? [];
  if (templates.length === 0) return;
  const names = new Set(templates.map((t) => t.metadata.name));
  const claims: ClaimVolume[] = templates.map((t) => ({
    name: t.metadata.name,
    persistentVolumeClaim: { claimName: claimName(set, t.metadata.name, ordinal) },
  }));
  pod.spec.volumes = [...claims, ...volumesOf(pod).filter((v) => !names.has(v.name))];
}

/**
 * newStatefulSetPod: the template's labels, annotations and spec (GetPodFromTemplate), the set
 * as controller, then initIdentity (updateIdentity, plus spec.hostname = the pod's name and
 * spec.subdomain = serviceName, set only at creation) and updateStorage.
 * Example: set "web" (serviceName "nginx"), ordinal 1 → pod "web-1", hostname "web-1",
 * subdomain "nginx", labels + statefulset.kubernetes.io/pod-name=web-1, apps.kubernetes.io/pod-index=1.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number, now: Time): Pod {
  const meta = set.spec.template.metadata ?? {};
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: podName(set, ordinal),
      creationTimestamp: now,
      labels: { ...(meta.labels ?? {}) },
      ownerReferences: [newControllerRef("apps/v1", "StatefulSet", set.metadata)],
    },
    spec: structuredClone(set.spec.template.spec),
    status: { phase: "Pending" },
  };
  if (meta.annotations && Object.keys(meta.annotations).length > 0)
    pod.metadata.annotations = { ...meta.annotations };
  updateIdentity(set, pod);
  pod.spec.hostname = pod.metadata.name;
  pod.spec.subdomain = set.spec.serviceName;
  updateStorage(set, pod);
  return pod;
}

/** setPodRevision: the controller-revision-hash label. */
export function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [StatefulSetLabels.revision]: revision };
}

/** getPodRevision: "" for a pod without the label. */
export const podRevision = (pod: Pod): string => pod.metadata.labels?.[StatefulSetLabels.revision] ?? "";

/**
 * newVersionedStatefulSetPod: which revision a new pod of this ordinal gets. Ordinals below the
 * partition get the current revision; so do, for a RollingUpdate set written without a
 * rollingUpdate block, ordinals below start + status.currentReplicas. Everything else — every
 * OnDelete pod among them — gets the update revision. (Upstream's condition reads
 * `A && (B) || (C)`, which Go groups as `(A && B) || C`; kept as Go evaluates it.)
 * Example: partition 2, ordinals 0..3 → 0 and 1 current, 2 and 3 update.
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
  now: Time,
): Pod {
  const strategy = currentSet.spec.updateStrategy;
  const ru = strategy.rollingUpdate;
  const useCurrent =
    (strategy.type === "RollingUpdate" &&
      ru === undefined &&
      ordinal < startOrdinal(currentSet) + (currentSet.status?.currentReplicas ?? 0)) ||
    (ru !== undefined && ordinal < startOrdinal(currentSet) + (ru.partition ?? 0));
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal, now);
  setPodRevision(pod, useCurrent ? currentRevision : updateRevision);
  return pod;
}
