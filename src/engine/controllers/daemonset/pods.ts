/**
 * The pods a DaemonSet makes: pkg/controller/daemon/util/daemonset_util.go (CreatePodTemplate,
 * AddOrUpdateDaemonPodTolerations, ReplaceDaemonSetPodNodeNameNodeAffinity, GetTargetNodeName,
 * IsPodUpdated) and controller_utils.go GetPodFromTemplate (generateName `<ds>-`, the set as
 * controlling owner).
 */
import { deepClone } from "../../../k8s/clone.ts";
import {
  DaemonSetLabels,
  TEMPLATE_GENERATION_ANNOTATION,
  type DaemonSet,
} from "../../../k8s/kinds/daemonSet/types.ts";
import type { Affinity, Pod, PodSpec, Time, Toleration } from "../../../k8s/types.ts";
import { newControllerRef } from "../replicaset/controllerRef.ts";

/**
 * AddOrUpdateDaemonPodTolerations: every daemon pod tolerates the node lifecycle's taints, so
 * that a node's trouble neither evicts it nor keeps it from being placed: not-ready and
 * unreachable NoExecute, disk-, memory- and pid-pressure and unschedulable NoSchedule, and
 * network-unavailable NoSchedule for a pod on the host network.
 */
function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const t = (key: string, effect: "NoExecute" | "NoSchedule"): Toleration => ({
    key: `node.kubernetes.io/${key}`,
    operator: "Exists",
    effect,
  });
  const out = [
    t("not-ready", "NoExecute"),
    t("unreachable", "NoExecute"),
    t("disk-pressure", "NoSchedule"),
    t("memory-pressure", "NoSchedule"),
    t("pid-pressure", "NoSchedule"),
    t("unschedulable", "NoSchedule"),
  ];
  if (hostNetwork) out.push(t("network-unavailable", "NoSchedule"));
  return out;
}

/**
 * AddOrUpdateTolerationInPodSpec for each daemon toleration: one that matches an existing
 * toleration (same key, operator, value and effect) replaces it, any other is appended.
 */
export function withDaemonTolerations(spec: PodSpec): PodSpec {
  const tolerations = [...(spec.tolerations ?? [])];
  for (const add of daemonTolerations(spec.hostNetwork === true)) {
    const i = tolerations.findIndex(
      (t) =>
        (t.key ?? "") === add.key &&
        (t.operator ?? "Equal") === add.operator &&
        (t.value ?? "") === "" &&
        (t.effect ?? "") === add.effect,
    );
    if (i >= 0) tolerations[i] = add;
    else tolerations.push(add);
  }
  return { ...spec, tolerations };
}

/**
 * ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes the one term
 * `metadata.name In [node]` (preferred terms and the other affinities stay), which binds the
 * pod to its node through the scheduler's NodeAffinity filter.
 */
export function pinnedAffinity(affinity: Affinity | undefined, node: string): Affinity {
  const required = {
    nodeSelectorTerms: [{ matchFields: [{ key: "metadata.name", operator: "In" as const, values: [node] }] }],
  };
  return {
    ...(affinity ?? {}),
    nodeAffinity: {
      ...(affinity?.nodeAffinity ?? {}),
      requiredDuringSchedulingIgnoredDuringExecution: required,
    },
  };
}

/**
 * The daemon pod for one node: CreatePodTemplate (the template with the daemon tolerations and
 * the pod-template-generation and controller-revision-hash labels), the node affinity pinned
 * to the node. `bind` also names the node in spec.nodeName: the implicit nodes of a cluster
 * without declared nodes have no kube-scheduler to read the affinity, so the controller binds
 * as it did before ScheduleDaemonSetPods (Kubernetes 1.11).
 * Example: DaemonSet "agent", hash 6d4f9c7b8, node-2 → generateName "agent-", labels
 * {…template, controller-revision-hash: 6d4f9c7b8, pod-template-generation: "1"}.
 */
export function newDaemonPod(ds: DaemonSet, hash: string, node: string, now: Time, bind: boolean): Pod {
  const template = ds.spec.template;
  const meta = template.metadata ?? {};
  const labels: Record<string, string> = { ...(meta.labels ?? {}) };
  const generation = ds.metadata.annotations?.[TEMPLATE_GENERATION_ANNOTATION];
  if (generation !== undefined) labels[DaemonSetLabels.templateGeneration] = generation;
  if (hash) labels[DaemonSetLabels.revisionHash] = hash;
  const spec = withDaemonTolerations(deepClone(template.spec));
  spec.affinity = pinnedAffinity(spec.affinity, node);
  if (bind) spec.nodeName = node;
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "",
      generateName: `${ds.metadata.name}-`,
      creationTimestamp: now,
      labels,
      ownerReferences: [newControllerRef("apps/v1", "DaemonSet", ds.metadata)],
    },
    spec,
    status: { phase: "Pending" },
  };
  if (meta.annotations && Object.keys(meta.annotations).length > 0)
    pod.metadata.annotations = { ...meta.annotations };
  if (ds.metadata.namespace !== undefined) pod.metadata.namespace = ds.metadata.namespace;
  return pod;
}

/**
 * GetTargetNodeName: the pod's node, or — while it is unscheduled — the one its required
 * affinity names (`metadata.name In [one node]`); undefined when neither says.
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec.nodeName) return pod.spec.nodeName;
  const terms =
    pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? [])
    for (const r of term.matchFields ?? [])
      if (r.key === "metadata.name" && r.operator === "In")
        return r.values?.length === 1 ? r.values[0] : undefined;
  return undefined;
}

/**
 * IsPodUpdated: the pod carries the current revision's hash. (Upstream also accepts a matching
 * pod-template-generation label, but compares it with fmt.Sprint of a pointer — an address —
 * so only the hash ever matches; Replicast keeps that.)
 */
export const isPodUpdated = (pod: Pod, hash: string): boolean =>
  hash !== "" && pod.metadata.labels?.[DaemonSetLabels.revisionHash] === hash;

/**
 * podByCreationTimestampAndPhase: scheduled pods first, then the oldest, then by name.
 */
export function byCreationTimestampAndPhase(a: Pod, b: Pod): number {
  const sa = a.spec.nodeName ? 0 : 1;
  const sb = b.spec.nodeName ? 0 : 1;
  if (sa !== sb) return sa - sb;
  const ta = a.metadata.creationTimestamp ?? 0;
  const tb = b.metadata.creationTimestamp ?? 0;
  if (ta !== tb) return ta - tb;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
}
