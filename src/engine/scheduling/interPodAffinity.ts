/**
 * InterPodAffinity (pkg/scheduler/framework/plugins/interpodaffinity, v1.28), filter and score.
 *
 * A term (framework/types.go AffinityTerm) selects pods by labelSelector in its namespaces —
 * the pod's own when the term names none and has no namespaceSelector; a namespaceSelector
 * adds the namespaces whose labels it matches (`{}` all of them) — and a domain by
 * topologyKey: the nodes sharing the key's value with the node of a selected pod.
 *
 * Filter (filtering.go), in this order on each node:
 * - required pod affinity: the node has every term's key and, for every term, a pod matching
 *   all the terms in its domain — "node(s) didn't match pod affinity rules",
 *   UnschedulableAndUnresolvable. The first pod of a group that attracts itself passes when
 *   no pod anywhere matches and it matches its own terms (so a Deployment with affinity to
 *   its own label can start).
 * - required pod anti-affinity: no pod matching a term in the node's domain of that term —
 *   "node(s) didn't match pod anti-affinity rules", Unschedulable.
 * - the existing pods' required anti-affinity: no pod whose term matches this pod in the
 *   node's domain of that term — "node(s) didn't satisfy existing pods anti-affinity rules".
 *
 * Score (scoring.go): per topology domain, + weight for each preferred affinity term of the
 * pod that an existing pod matches, − weight for each preferred anti-affinity term, + 1
 * (hardPodAffinityWeight) for each required affinity term of an existing pod that this pod
 * matches, ± weight for the existing pods' preferred terms that match this pod; a node sums
 * its domains' values; normalised 100 × (s − min) / (max − min).
 *
 * Example: web pods with required anti-affinity to app=web on kubernetes.io/hostname, three
 * nodes, two already holding a web pod: only the third passes; with three web pods placed a
 * fourth is Pending: "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules."
 */
import type { Node, Pod, PodAffinityTerm } from "../../k8s/types.ts";
import type { FilterStatus } from "./filters.ts";
import type { SchedulingListers } from "./listers.ts";
import type { NodeInfo } from "./nodeInfo.ts";
import { selectorMatches, type Selector } from "./selector.ts";

export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";
export const ErrReasonExistingAntiAffinityRulesNotMatch =
  "node(s) didn't satisfy existing pods anti-affinity rules";
/** InterPodAffinityArgs.hardPodAffinityWeight's default (apis/config/v1 defaults.go). */
export const HARD_POD_AFFINITY_WEIGHT = 1;

interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  namespaceSelector: Selector;
  selector: Selector;
  topologyKey: string;
}

interface WeightedTerm extends AffinityTerm {
  weight: number;
}

const namespaceOf = (p: Pod): string => p.metadata.namespace ?? "default";

/** newAffinityTerm with getNamespacesFromPodAffinityTerm. */
function affinityTerm(pod: Pod, t: PodAffinityTerm): AffinityTerm {
  const own = !t.namespaces?.length && t.namespaceSelector === undefined;
  return {
    namespaces: new Set(own ? [namespaceOf(pod)] : (t.namespaces ?? [])),
    namespaceSelector: t.namespaceSelector ?? null,
    selector: t.labelSelector ?? null,
    topologyKey: t.topologyKey,
  };
}

/** The four kinds of term a pod carries (framework.NewPodInfo). */
interface PodTerms {
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: WeightedTerm[];
  preferredAntiAffinity: WeightedTerm[];
}

/** Each pod's terms, made once (framework.PodInfo holds them the same way). */
const termsByPod = new WeakMap<Pod, PodTerms>();

function termsOf(pod: Pod): PodTerms {
  let terms = termsByPod.get(pod);
  if (!terms) termsByPod.set(pod, (terms = makeTerms(pod)));
  return terms;
}

const hasAny = (t: PodTerms): boolean =>
  t.requiredAffinity.length > 0 ||
  t.requiredAntiAffinity.length > 0 ||
  t.preferredAffinity.length > 0 ||
  t.preferredAntiAffinity.length > 0;

/**
 * NodeInfo.PodsWithAffinity and PodsWithRequiredAntiAffinity: the node's pods that carry any
 * pod affinity term, and those with a required anti-affinity term — the only existing pods
 * the plugin looks at unless the incoming pod has terms of its own (filtering.go
 * getExistingAntiAffinityCounts, scoring.go PreScore). Kept by pod list, with its length (a
 * node's list only grows at its end: nodeInfo.ts addPod).
 */
const affinityPodsByList = new WeakMap<
  readonly Pod[],
  { length: number; withAffinity: Pod[]; withRequiredAntiAffinity: Pod[] }
>();

function affinityPods(pods: readonly Pod[]): { withAffinity: Pod[]; withRequiredAntiAffinity: Pod[] } {
  const known = affinityPodsByList.get(pods);
  if (known && known.length === pods.length) return known;
  const withAffinity = pods.filter((p) => hasAny(termsOf(p)));
  const made = {
    length: pods.length,
    withAffinity,
    withRequiredAntiAffinity: withAffinity.filter((p) => termsOf(p).requiredAntiAffinity.length > 0),
  };
  affinityPodsByList.set(pods, made);
  return made;
}

function makeTerms(pod: Pod): PodTerms {
  const a = pod.spec.affinity;
  const weighted = (list: { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined) =>
    (list ?? []).map((w) => ({ ...affinityTerm(pod, w.podAffinityTerm), weight: w.weight }));
  return {
    requiredAffinity: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) =>
      affinityTerm(pod, t),
    ),
    requiredAntiAffinity: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map(
      (t) => affinityTerm(pod, t),
    ),
    preferredAffinity: weighted(a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinity: weighted(a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

/** AffinityTerm.Matches: the pod is in the term's namespaces (or its namespace's labels match) and its labels match. */
function termMatches(t: AffinityTerm, pod: Pod, nsLabels: Record<string, string>): boolean {
  if (!t.namespaces.has(namespaceOf(pod)) && !selectorMatches(t.namespaceSelector, nsLabels)) return false;
  return selectorMatches(t.selector, pod.metadata.labels);
}

/** podMatchesAllAffinityTerms: there are terms and the pod matches every one. */
function matchesAll(terms: readonly AffinityTerm[], pod: Pod, nsLabels: Record<string, string>): boolean {
  return terms.length > 0 && terms.every((t) => termMatches(t, pod, nsLabels));
}

const pairKey = (key: string, value: string): string => `${key}\u0000${value}`;

/** topologyToMatchedTermCount.update: count the node's domain of the key, if it has the key. */
function bump(counts: Map<string, number>, node: Node, key: string): void {
  const labels = node.metadata.labels ?? {};
  if (!Object.hasOwn(labels, key)) return;
  const k = pairKey(key, labels[key]);
  counts.set(k, (counts.get(k) ?? 0) + 1);
}

export interface AffinityFilterState {
  terms: PodTerms;
  /** Domains holding a pod whose required anti-affinity term matches the incoming pod. */
  existingAntiAffinity: Map<string, number>;
  /** Domains holding pods matching all the incoming pod's required affinity terms. */
  affinity: Map<string, number>;
  /** Domains holding pods matching one of its required anti-affinity terms. */
  antiAffinity: Map<string, number>;
  /** The incoming pod matches its own affinity terms. */
  selfMatch: boolean;
}

/** PreFilter; undefined when the plugin skips (no required term either way). */
export function preFilterAffinity(
  pod: Pod,
  infos: readonly NodeInfo[],
  listers: SchedulingListers,
): AffinityFilterState | undefined {
  const terms = termsOf(pod);
  const ownLabels = listers.namespaceLabels(namespaceOf(pod));
  const state: AffinityFilterState = {
    terms,
    existingAntiAffinity: new Map(),
    affinity: new Map(),
    antiAffinity: new Map(),
    selfMatch: matchesAll(terms.requiredAffinity, pod, ownLabels),
  };
  // Without required terms of its own, the pod is only kept out by existing pods' anti-affinity.
  const incoming = terms.requiredAffinity.length > 0 || terms.requiredAntiAffinity.length > 0;
  for (const info of infos) {
    const existingPods = incoming ? info.boundPods : affinityPods(info.boundPods).withRequiredAntiAffinity;
    for (const existing of existingPods) {
      // getExistingAntiAffinityCounts: the existing pod's terms against the incoming pod.
      for (const t of termsOf(existing).requiredAntiAffinity)
        if (termMatches(t, pod, ownLabels)) bump(state.existingAntiAffinity, info.node, t.topologyKey);
      // getIncomingAffinityAntiAffinityCounts: the incoming pod's terms against the existing pod.
      const nsLabels = listers.namespaceLabels(namespaceOf(existing));
      if (matchesAll(terms.requiredAffinity, existing, nsLabels))
        for (const t of terms.requiredAffinity) bump(state.affinity, info.node, t.topologyKey);
      for (const t of terms.requiredAntiAffinity)
        if (termMatches(t, existing, nsLabels)) bump(state.antiAffinity, info.node, t.topologyKey);
    }
  }
  if (
    state.existingAntiAffinity.size === 0 &&
    !terms.requiredAffinity.length &&
    !terms.requiredAntiAffinity.length
  )
    return undefined;
  return state;
}

/**
 * getUnschedulablePodsWithMatchingAffinityTerm (internal/queue/scheduling_queue.go): a
 * waiting pod has a required affinity term that the assigned pod matches.
 */
export function attractedBy(waiting: Pod, assigned: Pod, listers: SchedulingListers): boolean {
  const nsLabels = listers.namespaceLabels(namespaceOf(assigned));
  return termsOf(waiting).requiredAffinity.some((t) => termMatches(t, assigned, nsLabels));
}

/** satisfyPodAffinity: every term's domain on this node holds a matching pod (or the self-match exception). */
function satisfiesAffinity(state: AffinityFilterState, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  let podsExist = true;
  for (const t of state.terms.requiredAffinity) {
    if (!Object.hasOwn(labels, t.topologyKey)) return false;
    if ((state.affinity.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) <= 0) podsExist = false;
  }
  return podsExist || (state.affinity.size === 0 && state.selfMatch);
}

/** satisfyPodAntiAffinity */
function satisfiesAntiAffinity(state: AffinityFilterState, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  return !state.terms.requiredAntiAffinity.some(
    (t) =>
      Object.hasOwn(labels, t.topologyKey) &&
      (state.antiAffinity.get(pairKey(t.topologyKey, labels[t.topologyKey])) ?? 0) > 0,
  );
}

/** satisfyExistingPodsAntiAffinity: none of the node's label pairs is a domain an existing pod keeps this pod out of. */
function satisfiesExistingAntiAffinity(state: AffinityFilterState, node: Node): boolean {
  return !Object.entries(node.metadata.labels ?? {}).some(
    ([k, v]) => (state.existingAntiAffinity.get(pairKey(k, v)) ?? 0) > 0,
  );
}

/** Filter */
export function checkAffinity(state: AffinityFilterState, info: NodeInfo): FilterStatus | undefined {
  if (!satisfiesAffinity(state, info.node))
    return { code: "UnschedulableAndUnresolvable", reasons: [ErrReasonAffinityRulesNotMatch] };
  if (!satisfiesAntiAffinity(state, info.node))
    return { code: "Unschedulable", reasons: [ErrReasonAntiAffinityRulesNotMatch] };
  if (!satisfiesExistingAntiAffinity(state, info.node))
    return { code: "Unschedulable", reasons: [ErrReasonExistingAntiAffinityRulesNotMatch] };
  return undefined;
}

/**
 * PreScore, Score and NormalizeScore over the feasible nodes; undefined when the plugin skips
 * (no term of either pod touches any domain).
 */
export function affinityScores(
  pod: Pod,
  feasible: readonly NodeInfo[],
  all: readonly NodeInfo[],
  listers: SchedulingListers,
): number[] | undefined {
  const terms = termsOf(pod);
  const ownLabels = listers.namespaceLabels(namespaceOf(pod));
  // topologyKey → value → score (scoreMap).
  const topology = new Map<string, Map<string, number>>();
  const add = (
    t: AffinityTerm,
    weight: number,
    matched: Pod,
    nsLabels: Record<string, string>,
    node: Node,
  ) => {
    if (!termMatches(t, matched, nsLabels)) return;
    const labels = node.metadata.labels ?? {};
    if (!Object.hasOwn(labels, t.topologyKey)) return;
    let values = topology.get(t.topologyKey);
    if (!values) topology.set(t.topologyKey, (values = new Map()));
    const v = labels[t.topologyKey];
    values.set(v, (values.get(v) ?? 0) + weight);
  };
  // Unless the pod has preferred terms, only the existing pods with terms of their own count.
  const preferred = terms.preferredAffinity.length > 0 || terms.preferredAntiAffinity.length > 0;
  for (const info of all) {
    const node = info.node;
    if (!hasLabels(node)) continue;
    for (const existing of preferred ? info.boundPods : affinityPods(info.boundPods).withAffinity) {
      // processExistingPod
      const nsLabels = listers.namespaceLabels(namespaceOf(existing));
      for (const t of terms.preferredAffinity) add(t, t.weight, existing, nsLabels, node);
      for (const t of terms.preferredAntiAffinity) add(t, -t.weight, existing, nsLabels, node);
      const theirs = termsOf(existing);
      for (const t of theirs.requiredAffinity) add(t, HARD_POD_AFFINITY_WEIGHT, pod, ownLabels, node);
      for (const t of theirs.preferredAffinity) add(t, t.weight, pod, ownLabels, node);
      for (const t of theirs.preferredAntiAffinity) add(t, -t.weight, pod, ownLabels, node);
    }
  }
  if (topology.size === 0) return undefined;
  const raw = feasible.map((info) => {
    const labels = info.node.metadata.labels ?? {};
    let s = 0;
    for (const [key, values] of topology) if (Object.hasOwn(labels, key)) s += values.get(labels[key]) ?? 0;
    return s;
  });
  return normalizeAffinity(raw);
}

/** Whether the node has a label (without building the list of its keys). */
function hasLabels(node: Node): boolean {
  for (const key in node.metadata.labels) if (Object.hasOwn(node.metadata.labels, key)) return true;
  return false;
}

/** NormalizeScore: 100 × (s − min) / (max − min), truncated; all equal → 0. Example: [−5, 0, 5] → [0, 50, 100]. */
export function normalizeAffinity(raw: readonly number[]): number[] {
  const min = Math.min(...raw);
  const max = Math.max(...raw);
  const diff = max - min;
  return raw.map((s) => (diff > 0 ? Math.trunc(100 * ((s - min) / diff)) : 0));
}
