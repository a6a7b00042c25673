/**
 * Pod priority: the Priority admission plug-in (plugin/pkg/admission/priority/admission.go
 * admitPod, v1.28) and corev1helpers.PodPriority.
 *
 * On create, a pod's spec.priorityClassName is resolved to spec.priority and
 * spec.preemptionPolicy from its PriorityClass (the built-in system-node-critical and
 * system-cluster-critical included); a pod without one takes the globalDefault class (the one
 * with the lowest value if several claim it). A class that does not exist is refused:
 * `pods "web-1" is forbidden: no PriorityClass with name high was found`; so is a pod whose
 * own spec.priority differs from its class's. On update the stored values are kept.
 *
 * A pod that no class applies to keeps no spec.priority and counts as priority 0, as
 * DefaultPriorityWhenNoDefaultClassExists (Kubernetes writes the 0 into the spec; Replicast
 * leaves it out so pods print as they did before PriorityClasses were modelled).
 */
import { SYSTEM_PRIORITY_CLASSES, asPriorityClass } from "./kinds/priorityClass/index.ts";
import type { KubeObject, Pod } from "./types.ts";

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export const podPriority = (pod: Pod): number => (pod.spec.priority as number | undefined) ?? 0;

/** The pod's preemptionPolicy, PreemptLowerPriority when unset. */
export const podPreemptionPolicy = (pod: Pod): string =>
  (pod.spec.preemptionPolicy as string | undefined) ?? "PreemptLowerPriority";

/** admitPod on create: the pod with its priority resolved (a copy when it changes), or the Forbidden message. */
export function admitPodPriority(
  pod: KubeObject,
  classes: readonly KubeObject[],
): { object: KubeObject } | { refused: string } {
  const spec = (pod as { spec?: Record<string, unknown> }).spec;
  if (!spec || typeof spec !== "object") return { object: pod };
  const forbidden = (why: string) => `pods "${pod.metadata.name}" is forbidden: ${why}`;
  const named = typeof spec.priorityClassName === "string" ? spec.priorityClassName : "";
  let resolved: { name: string; value: number; policy: string } | undefined;
  if (named === "") {
    let best: ReturnType<typeof asPriorityClass> | undefined;
    for (const o of classes) {
      const pc = asPriorityClass(o);
      if (pc.globalDefault && (best === undefined || pc.value < best.value)) best = pc;
    }
    if (best)
      resolved = {
        name: best.metadata.name,
        value: best.value,
        policy: best.preemptionPolicy ?? "PreemptLowerPriority",
      };
  } else {
    const stored = classes.find((o) => o.metadata.name === named);
    if (stored) {
      const pc = asPriorityClass(stored);
      resolved = { name: named, value: pc.value, policy: pc.preemptionPolicy ?? "PreemptLowerPriority" };
    } else if (Object.hasOwn(SYSTEM_PRIORITY_CLASSES, named))
      resolved = { name: named, value: SYSTEM_PRIORITY_CLASSES[named], policy: "PreemptLowerPriority" };
    else return { refused: forbidden(`no PriorityClass with name ${named} was found`) };
  }
  if (!resolved) return { object: pod };
  if (typeof spec.priority === "number" && spec.priority !== resolved.value)
    return {
      refused: forbidden(
        `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${resolved.value} from the given PriorityClass name`,
      ),
    };
  if (typeof spec.preemptionPolicy === "string" && spec.preemptionPolicy !== resolved.policy)
    return {
      refused: forbidden(
        `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${resolved.policy} from the given PriorityClass name`,
      ),
    };
  const resolvedSpec = {
    ...spec,
    priorityClassName: resolved.name,
    priority: resolved.value,
    preemptionPolicy: resolved.policy,
  };
  return { object: { ...pod, spec: resolvedSpec } as KubeObject };
}
