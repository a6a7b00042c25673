/**
 * PodTopologySpread (pkg/scheduler/framework/plugins/podtopologyspread, v1.28), filter and score.
 *
 * - The constraints: the pod's own `topologySpreadConstraints` with whenUnsatisfiable
 *   DoNotSchedule are the filter's, ScheduleAnyway the score's (common.go
 *   filterTopologySpreadConstraints; defaults: minDomains 1, nodeAffinityPolicy Honor,
 *   nodeTaintsPolicy Ignore; matchLabelKeys add the pod's values for those keys to the
 *   selector). A pod without constraints gets the cluster's defaults, "system defaulting"
 *   (plugin.go systemDefaultConstraints): hostname maxSkew 3 and zone maxSkew 5, both
 *   ScheduleAnyway, whose selector is the pod's Services' and controller's
 *   (helper/spread.go DefaultSelector); a pod that nothing selects has none.
 * - Filter (filtering.go): every node with all the constraints' topology keys, and that the
 *   inclusion policies keep, adds its matching pods (same namespace, not terminating) to its
 *   domain. A node fails a constraint when matching pods in its domain + 1 (if the pod
 *   matches its own selector) − the smallest domain's count > maxSkew; the smallest count is
 *   0 while there are fewer domains than minDomains. A node missing a topology key fails as
 *   UnschedulableAndUnresolvable ("… (missing required label)").
 * - Score (scoring.go): each node scores Σ count × log(domains + 2) + (maxSkew − 1), rounded
 *   (for hostname the count is the node's own pods and the domains the feasible nodes), and
 *   the scores are reversed: 100 × (max + min − s) / max, so the emptiest domain gets 100.
 *   With the system defaults a node without a zone label still scores by hostname.
 *
 * Example: zones a (2 matching pods), b (1), c (0), maxSkew 1, DoNotSchedule: a node in c
 * passes (0 + 1 − 0 = 1), in b fails (1 + 1 − 0 = 2 > 1), in a fails.
 *
 * Two constraints on the same key are counted each on its own (1.28 shared the count by key).
 */
import { controllerOf } from "../../k8s/owners.ts";
import { findUntoleratedTaint, isFilterTaint, matchesRequiredNodeAffinity } from "../../k8s/scheduling.ts";
import type { Node, Pod, TopologySpreadConstraint } from "../../k8s/types.ts";
import type { FilterStatus } from "./filters.ts";
import type { SchedulingListers } from "./listers.ts";
import type { NodeInfo } from "./nodeInfo.ts";
import { mergeLabelSet, selectorEmpty, selectorMatches, type Selector } from "./selector.ts";

export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = `${ErrReasonConstraintsNotMatch} (missing required label)`;

/** v1.LabelHostname and v1.LabelTopologyZone (well_known_labels.go). */
export const LabelHostname = "kubernetes.io/hostname";
export const LabelTopologyZone = "topology.kubernetes.io/zone";

/** plugin.go systemDefaultConstraints: what a pod without constraints is spread by. */
export const SYSTEM_DEFAULT_CONSTRAINTS: readonly TopologySpreadConstraint[] = [
  { topologyKey: LabelHostname, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 3 },
  { topologyKey: LabelTopologyZone, whenUnsatisfiable: "ScheduleAnyway", maxSkew: 5 },
];

/** math.MaxInt32: criticalPaths' start, the minimum when no domain exists. */
const MAX_INT32 = 2147483647;

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: "Honor" | "Ignore";
  nodeTaintsPolicy: "Honor" | "Ignore";
}

type Action = TopologySpreadConstraint["whenUnsatisfiable"];

const namespaceOf = (p: Pod): string => p.metadata.namespace ?? "default";

/** filterTopologySpreadConstraints: the constraints of one action, with their defaults. */
function ofAction(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Record<string, string>,
  action: Action,
): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector: Selector = c.labelSelector ?? null;
    const keys: Record<string, string> = {};
    for (const k of c.matchLabelKeys ?? []) if (Object.hasOwn(podLabels, k)) keys[k] = podLabels[k];
    if (Object.keys(keys).length) selector = mergeLabelSet(keys, selector);
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy ?? "Honor",
      nodeTaintsPolicy: c.nodeTaintsPolicy ?? "Ignore",
    });
  }
  return out;
}

/**
 * helper/spread.go DefaultSelector: the selectors of the Services in the pod's namespace that
 * select it (a Service without a selector selects nothing), merged with its controller's
 * (a ReplicaSet's or StatefulSet's spec.selector).
 * Example: Service app=web and ReplicaSet web-5d8f (app=web, pod-template-hash=5d8f) →
 * app=web,pod-template-hash=5d8f.
 */
export function defaultSelector(pod: Pod, listers: SchedulingListers): Selector {
  const ns = namespaceOf(pod);
  const set: Record<string, string> = {};
  const labels = pod.metadata.labels ?? {};
  for (const svc of listers.services(ns)) {
    const sel = svc.spec.selector;
    if (!sel) continue;
    if (Object.entries(sel).every(([k, v]) => labels[k] === v)) Object.assign(set, sel);
  }
  const fromSet: Selector = { matchLabels: set };
  const owner = controllerOf(pod);
  if (!owner || owner.apiVersion !== "apps/v1") return fromSet;
  const controller =
    owner.kind === "ReplicaSet"
      ? listers.replicaSet(ns, owner.name)
      : owner.kind === "StatefulSet"
        ? listers.statefulSet(ns, owner.name)
        : undefined;
  return controller ? mergeLabelSet(set, controller.spec.selector ?? null) : fromSet;
}

/** The pod's constraints of one action: its own, or the system defaults with DefaultSelector. */
export function spreadConstraints(pod: Pod, action: Action, listers: SchedulingListers): SpreadConstraint[] {
  const own = pod.spec.topologySpreadConstraints ?? [];
  const labels = pod.metadata.labels ?? {};
  if (own.length) return ofAction(own, labels, action);
  const defaults = ofAction(SYSTEM_DEFAULT_CONSTRAINTS, labels, action);
  if (!defaults.length) return [];
  const selector = defaultSelector(pod, listers);
  if (selector === null || selectorEmpty(selector)) return [];
  return defaults.map((c) => ({ ...c, selector }));
}

/** matchNodeInclusionPolicies: Honor keeps only nodes the pod's node affinity / taint tolerations accept. */
function includesNode(c: SpreadConstraint, pod: Pod, node: Node): boolean {
  if (c.nodeAffinityPolicy === "Honor" && !matchesRequiredNodeAffinity(pod, node)) return false;
  if (
    c.nodeTaintsPolicy === "Honor" &&
    findUntoleratedTaint(node.spec?.taints, pod.spec.tolerations, isFilterTaint) !== undefined
  )
    return false;
  return true;
}

const hasAllKeys = (node: Node, cs: readonly SpreadConstraint[]): boolean =>
  cs.every((c) => Object.hasOwn(node.metadata.labels ?? {}, c.topologyKey));

/**
 * Counts already made, by pod list, then by selector and namespace, with the list's length
 * when counted. A node's list of pods is shared between scheduling cycles while nothing on the
 * node changes (cache.ts) and only ever grows by a pod added at its end (nodeInfo.ts addPod),
 * so a count made at the same length is still right: each cycle then costs a look-up per node
 * instead of a walk over every pod in the cluster.
 */
const counted = new WeakMap<readonly Pod[], Map<string, Map<string, { length: number; n: number }>>>();
/** A selector's text, the key of its counts (one cycle's constraints hold the same selector object). */
const selectorTexts = new WeakMap<object, string>();

/** countPodsMatchSelector: pods of the namespace the selector matches, not terminating (#87621); an empty selector counts none. */
export function countMatching(pods: readonly Pod[], selector: Selector, namespace: string): number {
  if (selector === null || selectorEmpty(selector)) return 0;
  let bySelector = counted.get(pods);
  if (!bySelector) counted.set(pods, (bySelector = new Map()));
  let text = selectorTexts.get(selector);
  if (text === undefined) selectorTexts.set(selector, (text = JSON.stringify(selector)));
  // By the selector's text (one string per cycle, its hash computed once), then the namespace.
  let byNamespace = bySelector.get(text);
  if (!byNamespace) bySelector.set(text, (byNamespace = new Map()));
  const known = byNamespace.get(namespace);
  if (known && known.length === pods.length) return known.n;
  const n = countPods(pods, selector, namespace);
  byNamespace.set(namespace, { length: pods.length, n });
  return n;
}

function countPods(pods: readonly Pod[], selector: Selector & object, namespace: string): number {
  let n = 0;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp !== undefined || namespaceOf(p) !== namespace) continue;
    if (selectorMatches(selector, p.metadata.labels)) n += 1;
  }
  return n;
}

/** PreFilter's state: per constraint, matching pods per domain and the global minimum. */
export interface SpreadFilterState {
  constraints: SpreadConstraint[];
  /** Per constraint: domain (topology value) → matching pods. */
  matchNum: Map<string, number>[];
}

export function preFilterSpread(
  pod: Pod,
  infos: readonly NodeInfo[],
  listers: SchedulingListers,
): SpreadFilterState {
  const constraints = spreadConstraints(pod, "DoNotSchedule", listers);
  const matchNum = constraints.map(() => new Map<string, number>());
  const ns = namespaceOf(pod);
  for (const info of infos) {
    const node = info.node;
    if (!hasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!includesNode(c, pod, node)) return;
      const value = node.metadata.labels![c.topologyKey];
      matchNum[i].set(value, (matchNum[i].get(value) ?? 0) + countMatching(info.boundPods, c.selector, ns));
    });
  }
  return { constraints, matchNum };
}

/** minMatchNum: the smallest domain's count, or 0 while there are fewer domains than minDomains. */
export function minMatchNum(domains: ReadonlyMap<string, number>, minDomains: number): number {
  if (domains.size < minDomains) return 0;
  let min = MAX_INT32;
  for (const n of domains.values()) if (n < min) min = n;
  return min;
}

/** What the filter found for one constraint on one node (explain prints it). */
export interface SkewCheck {
  topologyKey: string;
  domain: string;
  matchNum: number;
  selfMatch: number;
  minMatch: number;
  maxSkew: number;
}

/** Filter: the first constraint the node breaks, with the numbers. */
export function checkSpread(
  state: SpreadFilterState,
  pod: Pod,
  info: NodeInfo,
): { status: FilterStatus; check?: SkewCheck } | undefined {
  const labels = info.node.metadata.labels ?? {};
  for (let i = 0; i < state.constraints.length; i++) {
    const c = state.constraints[i];
    if (!Object.hasOwn(labels, c.topologyKey))
      return { status: { code: "UnschedulableAndUnresolvable", reasons: [ErrReasonNodeLabelNotMatch] } };
    const domain = labels[c.topologyKey];
    const check: SkewCheck = {
      topologyKey: c.topologyKey,
      domain,
      matchNum: state.matchNum[i].get(domain) ?? 0,
      selfMatch: selectorMatches(c.selector, pod.metadata.labels) ? 1 : 0,
      minMatch: minMatchNum(state.matchNum[i], c.minDomains),
      maxSkew: c.maxSkew,
    };
    if (check.matchNum + check.selfMatch - check.minMatch > c.maxSkew)
      return { status: { code: "Unschedulable", reasons: [ErrReasonConstraintsNotMatch] }, check };
  }
  return undefined;
}

/** topologyNormalizingWeight: log(domains + 2), so the counts of small topologies are not watered down. */
export const topologyNormalizingWeight = (size: number): number => Math.log(size + 2);

/** scoreForCount: count × weight + (maxSkew − 1). */
export const scoreForCount = (count: number, maxSkew: number, weight: number): number =>
  count * weight + (maxSkew - 1);

/**
 * PreScore, Score and NormalizeScore over the feasible nodes; undefined when the plugin skips
 * (no ScheduleAnyway constraint), which adds nothing to any node.
 */
export function spreadScores(
  pod: Pod,
  feasible: readonly NodeInfo[],
  all: readonly NodeInfo[],
  listers: SchedulingListers,
): number[] | undefined {
  const constraints = spreadConstraints(pod, "ScheduleAnyway", listers);
  if (!constraints.length) return undefined;
  // Only the pod's own constraints require every key on a node (scoring.go requireAllTopologies).
  const requireAll = (pod.spec.topologySpreadConstraints ?? []).length > 0;
  const ignored = new Set<string>();
  const counts = constraints.map(() => new Map<string, number>());
  for (const info of feasible) {
    const node = info.node;
    if (requireAll && !hasAllKeys(node, constraints)) {
      ignored.add(node.metadata.name);
      continue;
    }
    constraints.forEach((c, i) => {
      if (c.topologyKey === LabelHostname) return;
      const value = node.metadata.labels?.[c.topologyKey] ?? "";
      if (!counts[i].has(value)) counts[i].set(value, 0);
    });
  }
  const weights = constraints.map((c, i) =>
    topologyNormalizingWeight(
      c.topologyKey === LabelHostname ? feasible.length - ignored.size : counts[i].size,
    ),
  );
  const ns = namespaceOf(pod);
  for (const info of all) {
    const node = info.node;
    if (requireAll && !hasAllKeys(node, constraints)) continue;
    constraints.forEach((c, i) => {
      if (!includesNode(c, pod, node)) return;
      const value = node.metadata.labels?.[c.topologyKey] ?? "";
      const n = counts[i].get(value);
      if (n === undefined) return;
      counts[i].set(value, n + countMatching(info.boundPods, c.selector, ns));
    });
  }
  const raw = feasible.map((info) => {
    if (ignored.has(info.node.metadata.name)) return 0;
    const labels = info.node.metadata.labels ?? {};
    let score = 0;
    constraints.forEach((c, i) => {
      if (!Object.hasOwn(labels, c.topologyKey)) return;
      const count =
        c.topologyKey === LabelHostname
          ? countMatching(info.boundPods, c.selector, ns)
          : (counts[i].get(labels[c.topologyKey]) ?? 0);
      score += scoreForCount(count, c.maxSkew, weights[i]);
    });
    return Math.round(score);
  });
  return normalizeSpread(
    raw,
    feasible.map((f) => ignored.has(f.node.metadata.name)),
  );
}

/**
 * NormalizeScore: fewer matching pods is better, 100 × (max + min − s) / max (integer
 * division); all zero → 100; ignored nodes 0. Example: [2, 3, 5] → [100, 80, 40].
 */
export function normalizeSpread(raw: readonly number[], ignored: readonly boolean[]): number[] {
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  raw.forEach((s, i) => {
    if (ignored[i]) return;
    if (s < min) min = s;
    if (s > max) max = s;
  });
  return raw.map((s, i) => {
    if (ignored[i]) return 0;
    if (max === 0) return 100;
    return Math.trunc((100 * (max + min - s)) / max);
  });
}
