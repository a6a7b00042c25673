/**
 * The resource types kubectl can name here, with the spellings kubectl's RESTMapper accepts
 * (plural, singular, short names, `plural.group`, `Kind`) and the two ways kubectl prints
 * them: `deployment.apps/NAME created` (singular.group, from the printers' operation
 * messages) and `deployments.apps "NAME" not found` (plural.group, from the API server's
 * StatusError).
 */
import type { Kind } from "../k8s/types.ts";

export interface ResourceType {
  kind: Kind;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  /** API group, "" for the core group. */
  group: string;
  version: string;
}

export const RESOURCE_TYPES: readonly ResourceType[] = [
  {
    kind: "Deployment",
    plural: "deployments",
    singular: "deployment",
    shortNames: ["deploy"],
    group: "apps",
    version: "v1",
  },
  {
    kind: "ReplicaSet",
    plural: "replicasets",
    singular: "replicaset",
    shortNames: ["rs"],
    group: "apps",
    version: "v1",
  },
  { kind: "Pod", plural: "pods", singular: "pod", shortNames: ["po"], group: "", version: "v1" },
  {
    kind: "HorizontalPodAutoscaler",
    plural: "horizontalpodautoscalers",
    singular: "horizontalpodautoscaler",
    shortNames: ["hpa"],
    group: "autoscaling",
    version: "v2",
  },
  { kind: "Service", plural: "services", singular: "service", shortNames: ["svc"], group: "", version: "v1" },
  {
    kind: "ConfigMap",
    plural: "configmaps",
    singular: "configmap",
    shortNames: ["cm"],
    group: "",
    version: "v1",
  },
];

/**
 * Resolve a TYPE word as kubectl does (case-insensitively): `deploy`, `deployment`,
 * `deployments`, `deployments.apps`, `deployment.v1.apps`, `Deployment`.
 */
export function resolveResourceType(word: string): ResourceType | undefined {
  const w = word.toLowerCase();
  for (const r of RESOURCE_TYPES) {
    const names = [r.plural, r.singular, ...r.shortNames, r.kind.toLowerCase()];
    if (names.includes(w)) return r;
    if (r.group) {
      for (const n of [r.plural, r.singular, r.kind.toLowerCase()]) {
        if (w === `${n}.${r.group}` || w === `${n}.${r.version}.${r.group}`) return r;
      }
    }
  }
  return undefined;
}

export function resourceTypeOfKind(kind: Kind): ResourceType {
  const r = RESOURCE_TYPES.find((t) => t.kind === kind);
  if (!r) throw new Error(`no resource type for kind ${kind}`);
  return r;
}

/** `deployment.apps`, `pod`: the prefix of `deployment.apps/NAME created`. */
export const kindPrefix = (r: ResourceType): string => (r.group ? `${r.singular}.${r.group}` : r.singular);

/** `deployments.apps`, `pods`: how the API server names the resource in a StatusError. */
export const groupResource = (r: ResourceType): string => (r.group ? `${r.plural}.${r.group}` : r.plural);

/** `apps/v1`, `v1`, `autoscaling/v2`. */
export const apiVersionOf = (r: ResourceType): string => (r.group ? `${r.group}/${r.version}` : r.version);

/** Every spelling kubectl would accept, for did-you-mean hints. */
export function allResourceSpellings(): string[] {
  return RESOURCE_TYPES.flatMap((r) => [r.plural, r.singular, ...r.shortNames]);
}
