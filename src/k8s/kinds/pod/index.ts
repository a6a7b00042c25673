/**
 * v1 Pod: defaulted and validated as pkg/apis/core (defaults.go SetDefaults_Pod,
 * validation.go ValidatePod, ValidatePodUpdate), Pending on create
 * (pkg/registry/core/pod/strategy.go PrepareForCreate), deleted gracefully once bound to a node
 * (CheckGracefulDelete: deletionGracePeriodSeconds = terminationGracePeriodSeconds, default 30).
 */
import { forbidden, type FieldError } from "../../fieldErrors.ts";
import { defaultPod, PodDefaults } from "../../defaults.ts";
import type { Pod } from "../../types.ts";
import { isDNS1123Subdomain, validateObjectMeta } from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { AdmittedPodSpecs } from "./admittedSpecs.ts";
import { describePod } from "./describe.ts";
import { podSummarizer, type PodSummary } from "./summary.ts";
import { podTable } from "./table.ts";
import { BUILTIN_FIELDS } from "../../knownFields.ts";
import { isObj, type Obj } from "../../jsonObject.ts";

/**
 * ValidatePodUpdate, reduced to what a simulator can hit: only a container's image (and a few
 * fields Replicast does not model) may change in a running pod.
 */
function validatePodUpdate(next: Obj, prev: Obj): FieldError[] {
  const strip = (spec: unknown): string => {
    if (!isObj(spec)) return "";
    const copy: Obj = { ...spec, nodeName: undefined };
    if (Array.isArray(copy.containers))
      copy.containers = copy.containers.map((c) => (isObj(c) ? { ...c, image: undefined } : c));
    return JSON.stringify(copy);
  };
  if (strip(next.spec) === strip(prev.spec)) return [];
  return [
    forbidden(
      "spec",
      "pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations), `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    ),
  ];
}

/** The specs admitted last, defaulted and validated once (admittedSpecs.ts): the same for every cluster. */
const admittedSpecs = new AdmittedPodSpecs();

export const PodKind: KindDescriptor<Pod, PodSummary> = {
  kind: "Pod",
  group: "",
  versions: ["v1"],
  namespaced: true,
  plural: "pods",
  singular: "pod",
  shortNames: ["po"],
  categories: ["all"],
  prose: "a Pod",
  simulated: true,
  fields: BUILTIN_FIELDS.pod,
  strategy: {
    tracksGeneration: false,
    initialStatus: () => ({ phase: "Pending" }),
    admit(raw, _apiVersion, old) {
      const admitted = admittedSpecs.admit(raw.spec);
      const object = defaultPod(raw, admitted.spec);
      const errors = [...validateObjectMeta(object.metadata, isDNS1123Subdomain), ...admitted.errors];
      if (old !== undefined) for (const e of validatePodUpdate(object, old as unknown as Obj)) errors.push(e);
      return { object, errors };
    },
    // pkg/registry/core/pod/strategy.go CheckGracefulDelete: the request's period, else the
    // pod's own; an unscheduled pod, or one already terminated (Succeeded, Failed), goes at
    // once. rest/delete.go BeforeDelete asks it only of a pod not yet being deleted (one being
    // deleted may only have its period shortened), makes a negative request 1 s, and the
    // generic store deletes at once what is left with 0 (registry/store.go
    // updateForGracefulDeletionAndFinalizers).
    gracefulDeletion: (pod, requested) => {
      if (!pod.spec.nodeName) return undefined;
      const phase = pod.status.phase;
      if ((phase === "Succeeded" || phase === "Failed") && pod.metadata.deletionTimestamp === undefined)
        return undefined;
      if (requested === undefined)
        return pod.spec.terminationGracePeriodSeconds ?? PodDefaults.terminationGracePeriodSeconds;
      return requested === 0 ? undefined : Math.max(requested, 1);
    },
  },
  language: { word: "pod", words: ["pod", "pods", "po"], bare: false },
  table: podTable,
  describe: describePod,
  summary: podSummarizer,
};
