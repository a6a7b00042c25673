/**
 * One HPA sync, as reconcileAutoscaler in pkg/controller/podautoscaler/horizontal.go runs it
 * (docs/kubernetes/hpa-semantics.md §2). The outline:
 *
 * 1. read the target's /scale through `ctx.scales` (an API error: FailedGetScale, stop);
 * 2. record the initial recommendation the first time this HPA is seen;
 * 3. short-circuit on a zero, above-max or below-min target, else compute every metric's
 *    proposal and take the max (prenormalizedDesiredReplicas);
 * 4. normalize: legacy path without behavior, behavior path with it
 *    (→ stabilizedRecommendation → desiredReplicas);
 * 5. write spec.replicas through `ctx.scales` if it changes (an API error: FailedRescale,
 *    AbleToScale False FailedUpdateScale, desiredReplicas kept), then the status if it
 *    differs, with the events upstream records.
 *
 * The controller orchestrates; the arithmetic lives in replicaCalc.ts and normalize.ts.
 * Every sync also yields a Decision whose inputs hold the whole calculation.
 */
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerBehavior,
  HorizontalPodAutoscalerCondition,
  HorizontalPodAutoscalerStatus,
  KubeEvent,
  MetricStatus,
  Pod,
  Time,
} from "../../../k8s/types.ts";
import { defaultHPABehavior } from "../../../k8s/hpaBehaviorDefaults.ts";
import {
  involvedObjectOf,
  namespaceOf,
  parseQualifiedName,
  qualifiedName,
  qualifiedNameOf,
} from "../../../k8s/namespaces.ts";
import type { ReconcileResult, Write } from "../../controller.ts";
import { isApiError } from "../../cluster.ts";
import {
  parseLabelSelector,
  requirementsMatch,
  type SelectorRequirement,
} from "../../../k8s/labelSelectorParse.ts";
import type { Settings } from "../../settings.ts";
import type { MetricsClient } from "../../metrics/types.ts";
import { setCondition, type HPAConditionType } from "./conditions.ts";
import {
  computeReplicasForMetric,
  outcomeHolds,
  type MetricContext,
  type MetricOutcome,
} from "./computeMetrics.ts";
import {
  metricCurrentOf,
  metricTargetOf,
  type HpaMetricDecision,
  type HpaNormalization,
  type HpaSyncDecision,
} from "./decision.ts";
import {
  HPA_EVENT_SOURCE,
  MISSING_SELECTOR,
  READY_FOR_NEW_SCALE,
  SCALE_DOWN_STABILIZED,
  SCALING_DISABLED,
  SUCCEEDED_GET_SCALE,
  failedGetScale,
  failedRescaleEvent,
  failedUpdateScale,
  invalidMetricsError,
  succeededRescale,
  successfulRescaleEvent,
  validMetricFound,
  type ReasonMessage,
} from "./messages.ts";
import {
  ABOVE_MAX_REPLICAS,
  ALL_METRICS_BELOW_TARGET,
  BELOW_MIN_REPLICAS,
  aboveTarget,
  metricDisplayName,
} from "./metricNames.ts";
import {
  calculateScaleUpLimit,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
  type TimestampedRecommendation,
} from "./normalize.ts";
import { parseFloatQuantity } from "./quantity.ts";
import type { Tolerances } from "./replicaCalc.ts";
import type { HPAReconcileContext, HPASelectors, Scale } from "./scaleClient.ts";
import { storeScaleEvent, type ScaleEvents } from "./scaleEvents.ts";
import { sameTree } from "../../sharedSummaries.ts";
import { declareRepeat } from "../../decisionLog.ts";
import { alignPods } from "./groupPods.ts";

/** kube-controller-manager's HPA flags (seconds for durations). */
export interface HPAConfig {
  tolerance: number;
  cpuInitializationPeriod: number;
  initialReadinessDelay: number;
  downscaleStabilizationWindow: number;
  /** Legacy path's scale-up cap factor (production 2; upstream's unit tests use 8). */
  scaleUpLimitFactor: number;
  scaleUpLimitMinimum: number;
}

export function hpaConfigFromSettings(s: Settings): HPAConfig {
  return {
    // The config defaulting treats 0 as unset.
    tolerance: s["hpa.tolerance"] || 0.1,
    cpuInitializationPeriod: s["hpa.cpu-initialization-period"],
    initialReadinessDelay: s["hpa.initial-readiness-delay"],
    downscaleStabilizationWindow: s["hpa.downscale-stabilization"],
    scaleUpLimitFactor: s["hpa.scale-up-limit-factor"],
    scaleUpLimitMinimum: s["hpa.scale-up-limit-minimum"],
  };
}

/** What the controller keeps in memory per HPA (not in the store). */
export interface HPAState {
  /** Unstabilized recommendations; undefined until the controller first handles the HPA. */
  recommendations?: TimestampedRecommendation[];
  scaleEvents: ScaleEvents;
  /**
   * The last status a sync built that was found equal to the stored status of `hpa` (so not
   * written): a later sync of the same stored object whose status has the same parts needs
   * no comparison (see unchangedStatus).
   */
  unchangedStatus?: { hpa: HorizontalPodAutoscaler; status: HorizontalPodAutoscalerStatus };
  /** The last sync, when it changed nothing (QuietSync). */
  quiet?: QuietSync;
  /**
   * The inputs of this HPA's last "hpa-sync" decision as the sync gave them: the next such
   * decision takes its fields where they are the same tree (see shareInputs).
   */
  lastSyncInputs?: HpaSyncDecision;
}

/**
 * A sync that changed nothing — every metric computed, the size kept, no event, the status
 * equal to the stored one — with what it read. A later sync that reads the same (by identity:
 * the stored HPA, the run's flags, the scale's values, the store's pods list and the other
 * HPAs' selectors, every metric's outcome object) reaches the same proposal, so the same
 * status, conditions and decision but for the normalization (its window ages with the clock,
 * and horizontal.go runs it at every sync): reconcileHPA then runs only that, and repeats the
 * rest (see quietReadsHold).
 *
 * A sync that changed only its status (a new utilization: every load change ends in one) is
 * kept too, with the status it wrote and no `unchanged` yet: the stored HPA it read is then
 * gone, and the next sync reads the object the write made. Once that object is found to be
 * the one it read with the written status (adoptWrittenStatus), the record stands for a quiet
 * sync of it: a full sync of it would find that very status again, equal to the stored one.
 */
interface QuietSync {
  hpa: HorizontalPodAutoscaler;
  /** The status the sync wrote, until the stored object that holds it is adopted as `hpa`. */
  written?: HorizontalPodAutoscalerStatus;
  config: HPAConfig;
  specReplicas: number;
  statusReplicas: number;
  selector: string;
  /** The store's pods list of the namespace, and the pods the selector selected of it. */
  podsList: readonly Pod[];
  pods: readonly Pod[];
  /** The other HPAs' validated selectors (hpaSelectors), in the registry's order. */
  others: OtherSelectors;
  /** The parsed selector (what the sync returns for hpaSelectors). */
  requirements: SelectorRequirement[];
  /** The metrics client the outcomes came from. */
  client: MetricsClient;
  outcomes: readonly MetricOutcome[];
  prenormalizedDesiredReplicas: number;
  metricName: string;
  /** The decision's object ("HorizontalPodAutoscaler/" and the HPA's key). */
  object: string;
  /**
   * The status found equal to the stored one (its conditions are compared again); undefined
   * while the sync's own status write is not adopted (`written`).
   */
  unchanged: HPAState["unchangedStatus"];
  summary: string;
  inputs: HpaSyncDecision;
  /**
   * The inputs repeatQuietSync recorded on the legacy path, by their window (normalize.ts
   * keeps a window with the same entries as one object): a steady HPA's window comes round
   * again, and the same tree need not be made and kept anew.
   */
  repeats?: Map<readonly unknown[], HpaSyncDecision>;
}

export const newHPAState = (): HPAState => ({ scaleEvents: { up: [], down: [] } });

/** tolerancesForHpa: the flag, overridden per side by behavior.scale{Up,Down}.tolerance. */
export function tolerancesForHpa(hpa: HorizontalPodAutoscaler, tolerance: number): Tolerances {
  const t = { scaleDown: tolerance, scaleUp: tolerance };
  const b = hpa.spec.behavior;
  const down = parseFloatQuantity(b?.scaleDown?.tolerance);
  const up = parseFloatQuantity(b?.scaleUp?.tolerance);
  if (down !== undefined) t.scaleDown = down;
  if (up !== undefined) t.scaleUp = up;
  return t;
}

/**
 * Whether two statuses serialise to the same JSON up to key order (keys holding undefined are
 * left out, as JSON.stringify leaves them), so two statuses compare as DeepEqual does. Walks
 * the objects instead of serialising them: every HPA compares its status at every sync.
 */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null)
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bs = b as unknown[];
    return a.length === bs.length && a.every((x, i) => sameJson(x, bs[i]));
  }
  // The same keys with defined values, each the same, counted without a copy of either.
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  let defined = 0;
  for (const k of Object.keys(ao)) {
    const v = ao[k];
    if (v === undefined) continue;
    defined++;
    const w = bo[k];
    if (w === undefined || !Object.hasOwn(bo, k) || !sameJson(v, w)) return false;
  }
  for (const k of Object.keys(bo)) if (bo[k] !== undefined) defined--;
  return defined === 0;
}

/**
 * Whether two statuses that baseStatus and finish built from the same stored HPA object have
 * the same parts, each compared so that the same parts serialise alike: the same numbers and
 * times, the same metric status objects (computeMetrics.ts keeps a metric's outcome, its
 * status included, while everything it was computed from holds), and conditions with the same
 * values. A condition entry is the stored one or setCondition's copy of it with these five
 * fields replaced (or new, with only them): from the same stored list, entries of the same
 * type at the same place carry the same other fields. Strict where sameJson is lenient, never
 * the other way: a true here means sameJson would say true.
 */
function sameStatusParts(a: HorizontalPodAutoscalerStatus, b: HorizontalPodAutoscalerStatus): boolean {
  if (
    a.currentReplicas !== b.currentReplicas ||
    a.desiredReplicas !== b.desiredReplicas ||
    a.lastScaleTime !== b.lastScaleTime
  )
    return false;
  const am = a.currentMetrics;
  const bm = b.currentMetrics;
  if (am !== bm) {
    if (am === undefined || bm === undefined || am.length !== bm.length) return false;
    for (let i = 0; i < am.length; i++) if (am[i] !== bm[i]) return false;
  }
  return sameConditions(a.conditions ?? [], b.conditions ?? []);
}

/** Conditions lists alike entry by entry (see sameStatusParts). */
function sameConditions(
  ac: readonly HorizontalPodAutoscalerCondition[],
  bc: readonly HorizontalPodAutoscalerCondition[],
): boolean {
  if (ac === bc) return true;
  if (ac.length !== bc.length) return false;
  for (let i = 0; i < ac.length; i++) {
    const x = ac[i];
    const y = bc[i];
    if (x === y) continue;
    if (
      x.type !== y.type ||
      x.status !== y.status ||
      x.reason !== y.reason ||
      x.message !== y.message ||
      x.lastTransitionTime !== y.lastTransitionTime
    )
      return false;
  }
  return true;
}

const sameItems = <T>(a: readonly T[], b: readonly T[]): boolean =>
  a.length === b.length && a.every((x, i) => x === b[i]);

type OtherSelectors = readonly (readonly [string, readonly SelectorRequirement[]])[];

const NO_OTHERS: OtherSelectors = Object.freeze([]);

/**
 * The validated selectors of the HPAs but `self`, in the registry's order. Without another
 * HPA (the common case: the registry holds this one's at most) no entry is listed, and no
 * array of them made: a spread of the map, then a filter with a closure, cost each computing
 * sync some µs below the optimiser.
 */
function otherSelectors(selectors: HPASelectors, self: string): OtherSelectors {
  if (selectors.size === 0 || (selectors.size === 1 && selectors.has(self))) return NO_OTHERS;
  const others: (readonly [string, readonly SelectorRequirement[]])[] = [];
  for (const entry of selectors) if (entry[0] !== self) others.push(entry);
  return others;
}

/**
 * Whether a sync reads what a quiet one read before its metrics: the same stored HPA object
 * (its spec, status and conditions: the store never changes an object in place), the same
 * flags, the same scale (spec.replicas, status.replicas, selector), the same pods list of the
 * namespace (the store hands out a new frozen list after any pod write) and the same other
 * HPAs' selectors — so validateAndParseSelector selects the same pods and finds the same
 * ambiguity, none.
 */
function quietReadsHold(
  q: QuietSync,
  ctx: HPAReconcileContext,
  hpa: HorizontalPodAutoscaler,
  scale: Scale,
  config: HPAConfig,
): q is QuietSync & { unchanged: NonNullable<HPAState["unchangedStatus"]> } {
  if (q.hpa !== hpa) adoptWrittenStatus(q, hpa);
  if (
    q.hpa !== hpa ||
    q.unchanged === undefined ||
    q.config !== config ||
    q.specReplicas !== scale.specReplicas ||
    q.statusReplicas !== scale.statusReplicas ||
    q.selector !== scale.selector ||
    q.podsList !== ctx.store.list("Pod", namespaceOf(hpa))
  )
    return false;
  const self = qualifiedNameOf(hpa);
  const selectors = ctx.hpaSelectors;
  // No other HPA then, and none now: the registry holds this one's selector at most. (An HPA
  // alone in its cluster, the common case, then makes no iterator and no entry per sync.)
  if (q.others.length === 0) return selectors.size === 0 || (selectors.size === 1 && selectors.has(self));
  let i = 0;
  for (const [key, selector] of selectors) {
    if (key === self) continue;
    const other = q.others[i++];
    if (other === undefined || other[0] !== key || other[1] !== selector) return false;
  }
  return i === q.others.length;
}

/**
 * Takes `hpa` as the object a quiet record's sync read when it is that object with the status
 * the sync wrote, as the API server's status subresource makes it (apiserver.ts commitStatus:
 * every field the old object's own, the metadata's too but for a new resourceVersion, and the
 * status as sent: the very object, the write being `own`; a copy of it, equal, from a status
 * write that is not): then everything a sync reads of the HPA is what that sync read,
 * but the status, whose conditions, times and metrics are what it wrote. A full sync of it
 * runs the same steps on the same values: each condition is set to the status it holds, so it
 * keeps its transition time, and the status it builds is the written one again — equal to the
 * stored one, so it writes nothing (updateStatusIfNeeded) and is quiet. Any other write since
 * (a spec or label edit, another status) fails the comparison, and the sync runs in full.
 */
function adoptWrittenStatus(q: QuietSync, hpa: HorizontalPodAutoscaler): void {
  const written = q.written;
  if (
    written === undefined ||
    !writtenOver(q.hpa, hpa) ||
    (hpa.status !== written && !sameJson(hpa.status, written))
  )
    return;
  q.hpa = hpa;
  q.unchanged = { hpa, status: written };
  q.written = undefined;
}

/**
 * Whether `after` is `before` with its status replaced and a new resourceVersion: the same
 * fields, each the same value by identity, status and metadata.resourceVersion aside.
 */
function writtenOver(before: HorizontalPodAutoscaler, after: HorizontalPodAutoscaler): boolean {
  return (
    sameFieldsBut(before as object, after as object, "status", "metadata") &&
    sameFieldsBut(before.metadata, after.metadata, "resourceVersion", "resourceVersion")
  );
}

/** Whether two objects have the same own fields, each the same by identity, two of them aside. */
function sameFieldsBut(before: object, after: object, but: string, or: string): boolean {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  let fields = 0;
  for (const key of Object.keys(a)) {
    if (key === but || key === or) continue;
    fields++;
    if (a[key] !== b[key] || !Object.hasOwn(b, key)) return false;
  }
  for (const key of Object.keys(b)) if (key !== but && key !== or) fields--;
  return fields === 0;
}

interface Sync {
  hpa: HorizontalPodAutoscaler;
  /** The scale's selector once validateAndParseSelector accepted it. */
  selector?: SelectorRequirement[];
  now: Time;
  conditions: HorizontalPodAutoscalerCondition[];
  events: Omit<KubeEvent, "time">[];
  /** The decision's inputs: the whole calculation (decision.ts). */
  inputs: HpaSyncDecision;
}

function condition(s: Sync, type: HPAConditionType, status: "True" | "False", rm: ReasonMessage) {
  s.conditions = setCondition(s.conditions, type, status, rm, s.now);
}

function event(s: Sync, type: "Normal" | "Warning", reason: string, message: string) {
  s.events.push({
    type,
    reason,
    message,
    involvedObject: involvedObjectOf(s.hpa),
    source: HPA_EVENT_SOURCE,
  });
}

/**
 * The pods of a list a selector selects, kept per list and selector text: the store hands out
 * the same (frozen) list until a pod changes, and an HPA syncs every 15 s over hundreds of pods.
 * (Exported for its test.)
 */
const selections = new WeakMap<readonly Pod[], Map<string, readonly Pod[]>>();

export function selected(
  list: readonly Pod[],
  text: string,
  selector: readonly SelectorRequirement[],
): readonly Pod[] {
  if (!Object.isFrozen(list)) return list.filter((p) => requirementsMatch(selector, p.metadata.labels));
  let known = selections.get(list);
  if (!known) selections.set(list, (known = new Map()));
  let pods = known.get(text);
  if (!pods) known.set(text, (pods = matching(list, text, selector)));
  return pods;
}

/**
 * Whether each pod of the last list selected by a selector text matched it. A new list comes
 * with every pod write and holds mostly the very pod objects of the last one, and a pod
 * written over (a status write) nearly always keeps its labels object: a pod's match is a
 * function of its labels, so it is carried (listAlign.ts) instead of worked out again.
 */
const lastMatches = new Map<string, { list: readonly Pod[]; matched: Uint8Array }>();

function matching(
  list: readonly Pod[],
  text: string,
  selector: readonly SelectorRequirement[],
): readonly Pod[] {
  const last = lastMatches.get(text);
  const from = last !== undefined ? alignPods(last.list, list) : undefined;
  const matched = new Uint8Array(list.length);
  let count = 0;
  for (let i = 0; i < list.length; i++) {
    const pod = list[i];
    const was = from !== undefined ? from[i] : -1;
    let match: boolean;
    if (was >= 0) match = last!.matched[was] === 1;
    else if (was < -1 && last!.list[-2 - was].metadata.labels === pod.metadata.labels)
      match = last!.matched[-2 - was] === 1;
    else match = requirementsMatch(selector, pod.metadata.labels);
    if (match) {
      matched[i] = 1;
      count++;
    }
  }
  // A bound on what a long-lived process (a notebook) keeps: selectors are few.
  if (lastMatches.size >= 64 && !lastMatches.has(text)) lastMatches.clear();
  lastMatches.set(text, { list, matched });
  // Every pod selected: the list itself (frozen, the same pods in the same order), so that the
  // views and requests carried from the last selection align the lists the selection did.
  if (count === list.length) return list;
  const pods = new Array<Pod>(count);
  for (let i = 0, k = 0; k < count; i++) if (matched[i] === 1) pods[k++] = list[i];
  return Object.freeze(pods);
}

/** Whether a selector selects any pod of a list, kept per (frozen) list and selector. */
const anySelected = new WeakMap<readonly Pod[], WeakMap<readonly SelectorRequirement[], boolean>>();

function selectsAny(pods: readonly Pod[], selector: readonly SelectorRequirement[]): boolean {
  const compute = () => pods.some((p) => requirementsMatch(selector, p.metadata.labels));
  if (!Object.isFrozen(pods)) return compute();
  let known = anySelected.get(pods);
  if (!known) anySelected.set(pods, (known = new WeakMap()));
  let any = known.get(selector);
  if (any === undefined) known.set(selector, (any = compute()));
  return any;
}

/**
 * A selector string as labels.Parse reads it, kept by text: an HPA parses its target's
 * selector at every sync, and the answer is never changed by its readers.
 */
const parsedSelectors = new Map<string, ReturnType<typeof parseLabelSelector>>();

function parsedSelector(text: string): ReturnType<typeof parseLabelSelector> {
  let parsed = parsedSelectors.get(text);
  if (parsed === undefined) {
    // A bound on what a long-lived process (a notebook) keeps: selectors are few.
    if (parsedSelectors.size >= 256) parsedSelectors.clear();
    parsedSelectors.set(text, (parsed = parseLabelSelector(text)));
  }
  return parsed;
}

/**
 * validateAndParseSelector: the scale's selector string must be there and parse
 * (labels.Parse), and the pods it selects must be controlled by this HPA alone — the HPAs
 * whose last validated selector selects any of them (hpasControllingPodsUnderSelector),
 * counting this one with the selector just parsed, which the controller then remembers for
 * the other HPAs' checks (whether or not this one turns out ambiguous).
 *
 * Example: pods labelled name=test-pod, and test-hpa-2's remembered selector name=test-pod →
 * AmbiguousSelector "pods by selector name=test-pod are controlled by multiple HPAs:
 * [default/test-hpa default/test-hpa-2]".
 */
function selectPods(
  ctx: HPAReconcileContext,
  s: Sync,
  scale: Scale,
): { pods: readonly Pod[] } | { error: string } {
  if (scale.selector === "") {
    event(s, "Warning", "SelectorRequired", "selector is required");
    condition(s, "ScalingActive", "False", MISSING_SELECTOR);
    return { error: "selector is required" };
  }
  const parsed = parsedSelector(scale.selector);
  if ("error" in parsed) {
    const msg = `couldn't convert selector into a corresponding internal selector object: ${parsed.error}`;
    event(s, "Warning", "InvalidSelector", msg);
    condition(s, "ScalingActive", "False", { reason: "InvalidSelector", message: msg });
    return { error: msg };
  }
  const selector = parsed.requirements;
  // Remembered before the ambiguity check, as upstream's PutSelector is: an ambiguous HPA
  // makes the others ambiguous too.
  s.selector = selector;
  const ns = namespaceOf(s.hpa);
  const pods = selected(ctx.store.list("Pod", ns), scale.selector, selector);
  // The HPAs of this namespace (the BiMultimap matches within a namespace) whose selector
  // selects any of these pods: this one with the selector just parsed when there are pods
  // (its selector selects each), and the others with the selector they were last validated
  // with. Only a second one makes the selector ambiguous.
  const self = qualifiedNameOf(s.hpa);
  let hpas: string[] | undefined;
  if (pods.length > 0)
    for (const [key, sel] of ctx.hpaSelectors)
      if (key !== self && parseQualifiedName(key).namespace === ns && selectsAny(pods, sel))
        (hpas ??= [`${ns}/${s.hpa.metadata.name}`]).push(`${ns}/${parseQualifiedName(key).name}`);
  if (hpas) {
    hpas.sort();
    const msg = `pods by selector ${scale.selector} are controlled by multiple HPAs: [${hpas.join(" ")}]`;
    event(s, "Warning", "AmbiguousSelector", msg);
    condition(s, "ScalingActive", "False", { reason: "AmbiguousSelector", message: msg });
    return { error: msg };
  }
  return { pods };
}

interface MetricsResult {
  /** -1: the HPA cannot act (every metric failed, or some failed and the rest would scale down). */
  replicas: number;
  metricName: string;
  statuses: MetricStatus[];
  error?: string;
}

/** What every metric of a sync is computed from (computeReplicasForMetric's arguments). */
function metricContext(
  s: Sync,
  scale: Scale,
  pods: readonly Pod[],
  client: MetricsClient,
  config: HPAConfig,
): MetricContext {
  return {
    namespace: namespaceOf(s.hpa),
    scale,
    pods,
    client,
    tolerances: tolerancesForHpa(s.hpa, config.tolerance),
    readiness: {
      cpuInitializationPeriod: config.cpuInitializationPeriod,
      initialReadinessDelay: config.initialReadinessDelay,
    },
    now: s.now,
  };
}

/** Each spec.metrics entry's outcome (computeReplicasForMetric has no other effect). */
const metricOutcomes = (hpa: HorizontalPodAutoscaler, mc: MetricContext): MetricOutcome[] =>
  (hpa.spec.metrics ?? []).map((spec) => computeReplicasForMetric(spec, mc));

/**
 * A sync's selection and metric context made before computeReplicasForMetrics, by reconcileHPA's
 * quiet check: what selectPods and metricContext would give again (see computeReplicasForMetrics).
 */
interface KnownSelection {
  pods: readonly Pod[];
  requirements: SelectorRequirement[];
  mc: MetricContext;
}

/**
 * computeReplicasForMetrics: the max over the valid proposals, and the error rule of §2.7.
 * `computed`: the outcomes of this sync's metrics, when they were computed already, with the
 * selection and context they were computed from (`known`: reconcileHPA's quiet check, when the
 * sync reads what a quiet sync read — the same pods list, selector text and other HPAs'
 * selectors — so selectPods would select those very pods again, parse the same requirements
 * and find no ambiguity, as that sync's did: quietReadsHold).
 */
function computeReplicasForMetrics(
  ctx: HPAReconcileContext,
  s: Sync,
  scale: Scale,
  client: MetricsClient,
  config: HPAConfig,
  computed?: readonly MetricOutcome[],
  known?: KnownSelection,
): MetricsResult & { pods?: readonly Pod[]; outcomes?: readonly MetricOutcome[] } {
  let pods: readonly Pod[];
  if (known !== undefined) {
    s.selector = known.requirements;
    pods = known.pods;
  } else {
    const selected = selectPods(ctx, s, scale);
    if ("error" in selected) return { replicas: -1, metricName: "", statuses: [], error: selected.error };
    pods = selected.pods;
  }
  const specs = s.hpa.spec.metrics ?? [];
  const statuses: MetricStatus[] = [];
  let replicas = 0;
  let metricName = "";
  let invalid = 0;
  let firstInvalid: Extract<MetricOutcome, { ok: false }> | undefined;
  const perMetric: HpaMetricDecision[] = [];
  const mc = known !== undefined ? known.mc : metricContext(s, scale, pods, client, config);
  s.inputs.tolerances = mc.tolerances;
  s.inputs.podsSelected = pods.length;
  const outcomes = computed ?? metricOutcomes(s.hpa, mc);
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    const out = outcomes[i];
    if (!out.ok) {
      // Zero-valued status keeps currentMetrics aligned with spec.metrics, as upstream's slice does.
      statuses.push({ type: "" } as unknown as MetricStatus);
      if (out.event) event(s, "Warning", out.event.reason, out.event.message);
      if (invalid === 0) firstInvalid = out;
      invalid++;
      perMetric.push({ type: spec.type, name: metricDisplayName(spec), error: out.error });
      continue;
    }
    statuses.push(out.status);
    perMetric.push({
      type: spec.type,
      name: out.metricName,
      target: metricTargetOf(spec),
      current: metricCurrentOf(out.status),
      proposal: out.replicas,
      ratio: out.explain.ratio,
      withinTolerance: out.explain.withinTolerance,
      calculation: out.explain,
    });
    if (replicas === 0 || out.replicas > replicas) {
      replicas = out.replicas;
      metricName = out.metricName;
    }
  }
  s.inputs.metrics = perMetric;
  const error = firstInvalid ? invalidMetricsError(invalid, specs.length, firstInvalid.error) : undefined;
  if (firstInvalid && (invalid >= specs.length || replicas < scale.specReplicas)) {
    if (invalid < specs.length) s.inputs.refusedProposal = replicas;
    condition(s, "ScalingActive", "False", firstInvalid.condition);
    return { replicas: -1, metricName: "", statuses, error };
  }
  condition(s, "ScalingActive", "True", validMetricFound(metricName));
  return { replicas, metricName, statuses, error, pods, outcomes };
}

interface NormalizeArgs {
  now: Time;
  currentReplicas: number;
  prenormalizedDesiredReplicas: number;
  minReplicas: number;
  maxReplicas: number;
  config: HPAConfig;
}

/**
 * normalizeDesiredReplicas (legacy path, no behavior): the downscale window's max, then min,
 * max and the 2×/4 scale-up cap; sets AbleToScale and ScalingLimited as upstream does.
 */
function normalizeDesiredReplicas(
  s: Sync,
  a: NormalizeArgs,
  state: HPAState,
): { replicas: number; state: HPAState } {
  const stab = stabilizeRecommendation({
    now: a.now,
    windowSeconds: a.config.downscaleStabilizationWindow,
    desiredReplicas: a.prenormalizedDesiredReplicas,
    recommendations: state.recommendations ?? [],
  });
  condition(
    s,
    "AbleToScale",
    "True",
    stab.replicas !== a.prenormalizedDesiredReplicas ? SCALE_DOWN_STABILIZED : READY_FOR_NEW_SCALE,
  );
  const rules = convertDesiredReplicasWithRules(
    a.currentReplicas,
    stab.replicas,
    a.minReplicas,
    a.maxReplicas,
    a.config.scaleUpLimitFactor,
    a.config.scaleUpLimitMinimum,
  );
  condition(s, "ScalingLimited", rules.replicas === stab.replicas ? "False" : "True", rules);
  s.inputs.normalization = {
    path: "legacy",
    stabilization: {
      windowSeconds: a.config.downscaleStabilizationWindow,
      window: stab.window,
      stabilizedRecommendation: stab.replicas,
      reason: (stab.replicas !== a.prenormalizedDesiredReplicas ? SCALE_DOWN_STABILIZED : READY_FOR_NEW_SCALE)
        .reason,
    },
    limit: {
      scaleUpLimit: calculateScaleUpLimit(
        a.currentReplicas,
        a.config.scaleUpLimitFactor,
        a.config.scaleUpLimitMinimum,
      ),
      reason: rules.reason,
      message: rules.message,
    },
    desiredReplicas: rules.replicas,
  };
  return { replicas: rules.replicas, state: { ...state, recommendations: stab.recommendations } };
}

/**
 * normalizeDesiredReplicasWithBehaviors, upstream's four steps in two calls:
 * 1. stabilize (clamp current into the windows' lowest and highest recommendations),
 * 2. apply the policies' rate limits against the recorded scale events,
 * 3. and 4. cap by maxReplicas / floor by minReplicas in the same step.
 * A nil scaleDown window is the controller's --horizontal-pod-autoscaler-downscale-stabilization.
 */
function normalizeDesiredReplicasWithBehaviors(
  s: Sync,
  a: NormalizeArgs,
  behavior: HorizontalPodAutoscalerBehavior,
  state: HPAState,
): { replicas: number; state: HPAState } {
  const upWindow = behavior.scaleUp?.stabilizationWindowSeconds ?? 0;
  const downWindow = behavior.scaleDown?.stabilizationWindowSeconds ?? a.config.downscaleStabilizationWindow;
  const stab = stabilizeRecommendationWithBehaviors({
    now: a.now,
    currentReplicas: a.currentReplicas,
    desiredReplicas: a.prenormalizedDesiredReplicas,
    scaleUpWindowSeconds: upWindow,
    scaleDownWindowSeconds: downWindow,
    recommendations: state.recommendations ?? [],
  });
  condition(
    s,
    "AbleToScale",
    "True",
    stab.replicas !== a.prenormalizedDesiredReplicas ? stab : READY_FOR_NEW_SCALE,
  );
  const rate = convertDesiredReplicasWithBehaviorRate({
    now: a.now,
    currentReplicas: a.currentReplicas,
    desiredReplicas: stab.replicas,
    minReplicas: a.minReplicas,
    maxReplicas: a.maxReplicas,
    scaleUp: behavior.scaleUp ?? {},
    scaleDown: behavior.scaleDown ?? {},
    scaleUpEvents: state.scaleEvents.up,
    scaleDownEvents: state.scaleEvents.down,
  });
  condition(s, "ScalingLimited", rate.replicas === stab.replicas ? "False" : "True", rate);
  s.inputs.normalization = {
    path: "behavior",
    stabilization: {
      scaleUpWindowSeconds: upWindow,
      scaleDownWindowSeconds: downWindow,
      window: stab.window,
      upRecommendation: stab.upRecommendation,
      downRecommendation: stab.downRecommendation,
      stabilizedRecommendation: stab.replicas,
      reason: stab.reason,
    },
    rate: {
      limit: rate.limit,
      policyLimit: rate.policyLimit,
      selectPolicy: rate.selectPolicy,
      policies: rate.policies,
      reason: rate.reason,
      message: rate.message,
    },
    desiredReplicas: rate.replicas,
  };
  return { replicas: rate.replicas, state: { ...state, recommendations: stab.recommendations } };
}

/** A few words on why a sync left the size alone, for the decision's summary line. */
function whyNoChange(s: Sync, currentReplicas: number): string {
  if (s.inputs.shortCircuit) return String(s.inputs.shortCircuit);
  if (s.inputs.prenormalizedDesiredReplicas === currentReplicas) {
    const metrics = (s.inputs.metrics ?? []) as { withinTolerance?: boolean }[];
    return metrics.some((m) => m.withinTolerance === false)
      ? "proposal equals the current size"
      : "within tolerance";
  }
  const ableToScale = s.conditions.find((c) => c.type === "AbleToScale");
  const limited = s.conditions.find((c) => c.type === "ScalingLimited" && c.status === "True");
  return limited?.reason ?? ableToScale?.reason ?? "no change";
}

/** Where a legacy repeat's inputs differ from the recorded ones (repeatQuietSync). */
const WINDOW_PATH: readonly string[] = Object.freeze(["normalization", "stabilization", "window"]);

/**
 * A quiet sync repeated without its generic steps: when it reads what the last quiet sync read
 * (quietReadsHold), every metric's outcome still holds (computeMetrics.ts outcomeHolds: what
 * computeReplicasForMetric would give again is equal to it) and the stabilization — the one
 * step that reads the clock — recommends what it recommended at that sync, everything else
 * the full sync computes is the same function of the same values, so it is taken from there:
 *
 * - legacy path: convertDesiredReplicasWithRules reads current, the stabilized count, min,
 *   max and the flags, all the same, so its count (current: the sync was quiet), reasons and
 *   scale-up limit are those recorded; only the window's list and ages are new;
 * - behavior path: only when the stabilized count is current, so
 *   convertDesiredReplicasWithBehaviorRate returns it as DesiredWithinRange without reading a
 *   scale event (the one place the clock enters it); the windows' lowest and highest
 *   recommendations are recorded anew, the stabilization's reason is a function of the
 *   stabilized count, the proposal and current, all the same.
 *
 * The conditions are then set by the same calls with the same statuses, reasons and messages
 * on the same stored list, so they come out as that sync's, which equalled the stored ones: a
 * lastTransitionTime is `now` only for a condition that is new or flips, and each of these
 * types is set to one status per sync, so at that sync none was new or flipped (else the
 * status would have differed from the stored one) and none is now. Undefined when it does
 * not apply: reconcileHPA then takes the quiet check's general path, or the full sync.
 */
function repeatQuietSync(
  q: QuietSync,
  ctx: HPAReconcileContext,
  state: HPAState,
  hpa: HorizontalPodAutoscaler,
  scale: Scale,
  metrics: MetricsClient,
  config: HPAConfig,
): { result: ReconcileResult; state: HPAState; selector?: SelectorRequirement[] } | undefined {
  const recorded = q.inputs.normalization;
  const recommendations = state.recommendations;
  if (
    recorded === undefined ||
    recommendations === undefined ||
    q.client !== metrics ||
    !quietReadsHold(q, ctx, hpa, scale, config)
  )
    return undefined;
  const now = ctx.now;
  // By index: until the optimiser takes it (most of a cold day), `for … of` makes an iterator
  // and a result object per step at every quiet sync.
  const outcomes = q.outcomes;
  for (let i = 0; i < outcomes.length; i++) if (!outcomeHolds(outcomes[i], metrics, now)) return undefined;
  let normalization: HpaNormalization;
  let next: TimestampedRecommendation[];
  let inputs: HpaSyncDecision | undefined;
  if (recorded.path === "legacy") {
    const stab = stabilizeRecommendation({
      now,
      windowSeconds: recorded.stabilization.windowSeconds,
      desiredReplicas: q.prenormalizedDesiredReplicas,
      recommendations,
    });
    if (stab.replicas !== recorded.stabilization.stabilizedRecommendation) return undefined;
    // The inputs differ from the recorded ones by the window only: with its very window they
    // are the same tree, the recorded inputs themselves (the trace is read-only).
    const window = stab.window;
    inputs = window === recorded.stabilization.window ? q.inputs : q.repeats?.get(window);
    if (inputs === undefined) {
      normalization = { ...recorded, stabilization: { ...recorded.stabilization, window } };
      inputs = { ...q.inputs, normalization };
      // A bound: a window that keeps changing (a rising recommendation) is not seen again.
      if (q.repeats === undefined || q.repeats.size >= 64) q.repeats = new Map();
      q.repeats.set(window, inputs);
    }
    // Made as the recorded inputs with the window alone replaced: the decision log keeps it as
    // a repeat of those without walking both (decisionLog.ts declareRepeat).
    if (inputs !== q.inputs) declareRepeat(inputs, q.inputs, WINDOW_PATH);
    normalization = inputs.normalization!;
    next = stab.recommendations;
  } else {
    const stab = stabilizeRecommendationWithBehaviors({
      now,
      currentReplicas: scale.specReplicas,
      desiredReplicas: q.prenormalizedDesiredReplicas,
      scaleUpWindowSeconds: recorded.stabilization.scaleUpWindowSeconds,
      scaleDownWindowSeconds: recorded.stabilization.scaleDownWindowSeconds,
      recommendations,
    });
    if (
      stab.replicas !== scale.specReplicas ||
      stab.replicas !== recorded.stabilization.stabilizedRecommendation
    )
      return undefined;
    normalization = {
      ...recorded,
      stabilization: {
        ...recorded.stabilization,
        window: stab.window,
        upRecommendation: stab.upRecommendation,
        downRecommendation: stab.downRecommendation,
      },
    };
    next = stab.recommendations;
  }
  inputs ??= { ...q.inputs, normalization };
  const result: ReconcileResult = {
    writes: [],
    events: [],
    decisions: [
      {
        controller: "hpa",
        object: q.object,
        action: "hpa-sync",
        summary: q.summary,
        inputs: inputs as Record<string, unknown>,
      },
    ],
  };
  return {
    result,
    state: {
      recommendations: next,
      scaleEvents: state.scaleEvents,
      unchangedStatus: q.unchanged,
      quiet: q,
      lastSyncInputs: inputs,
    },
    selector: q.requirements,
  };
}

/**
 * A sync's decision inputs take the fields of the last "hpa-sync" decision's that are the same
 * tree (sharedSummaries.ts sameTree): the recorder shares them so anyway (sharedEvents.ts
 * SharedDecisions), and a quiet sync that repeats these inputs then hands it the very objects
 * it recorded last, which it recognises without walking them.
 */
function shareInputs(inputs: HpaSyncDecision, last: HpaSyncDecision | undefined): void {
  if (last === undefined) return;
  const fields = inputs as Record<string, unknown>;
  const before = last as Record<string, unknown>;
  for (const field of Object.keys(fields)) {
    const v = fields[field];
    if (typeof v !== "object" || v === null || !Object.hasOwn(before, field)) continue;
    const w = before[field];
    if (v !== w && sameTree(v, w)) fields[field] = w;
  }
}

/**
 * One HPA sync. `state` is this HPA's in-memory state; the new one comes back, with the
 * selector the sync validated (for `ctx.hpaSelectors` from then on) when it got that far.
 * The scale subresource is read and written through `ctx.scales` during the sync, as upstream's
 * scale client is; the status write and the events come back in the result.
 */
export function reconcileHPA(
  ctx: HPAReconcileContext,
  key: string,
  state: HPAState,
  metrics: MetricsClient,
  config: HPAConfig,
): { result: ReconcileResult; state: HPAState; selector?: SelectorRequirement[] } {
  const { namespace, name } = parseQualifiedName(key);
  const hpa = ctx.store.get("HorizontalPodAutoscaler", namespace, name);
  if (!hpa) return { result: { writes: [], events: [], decisions: [] }, state };
  const now = ctx.now;
  const ref = hpa.spec.scaleTargetRef;
  // 1. The scale subresource (read once: a quiet sync reads it too).
  // scaleTargetRef names a target in the HPA's own namespace.
  const scale = ctx.scales.get(namespace, ref);
  if (state.quiet !== undefined && !isApiError(scale)) {
    const repeated = repeatQuietSync(state.quiet, ctx, state, hpa, scale, metrics, config);
    if (repeated !== undefined) return repeated;
  }
  const result: ReconcileResult = { writes: [], events: [], decisions: [] };
  const s: Sync = {
    hpa,
    now,
    // setCondition never changes a list or an entry in place: the stored ones are shared.
    conditions: hpa.status?.conditions ?? [],
    events: [],
    inputs: {},
  };
  // What finish learnt of the status, and the sync if it changed nothing, for the next sync.
  let unchangedStatus: HPAState["unchangedStatus"];
  // The status written, when finish wrote one that baseStatus built.
  let written: HorizontalPodAutoscalerStatus | undefined;
  let quiet: QuietSync | undefined;
  let lastSyncInputs = state.lastSyncInputs;
  const done = (st: HPAState) => {
    st.unchangedStatus = unchangedStatus;
    st.quiet = quiet;
    st.lastSyncInputs = lastSyncInputs;
    return { result, state: st, selector: s.selector };
  };
  const oldStatus = hpa.status ?? { currentReplicas: 0, desiredReplicas: 0 };
  const objectKey = `HorizontalPodAutoscaler/${key}`;
  let newState: HPAState = {
    // Recommendations are never changed in place (normalize.ts gives new lists).
    recommendations: state.recommendations,
    scaleEvents: state.scaleEvents,
    unchangedStatus: undefined,
    quiet: undefined,
    lastSyncInputs: undefined,
  };

  /** `built`: the status is baseStatus's (it has only the parts sameStatusParts compares). */
  const finish = (
    status: HorizontalPodAutoscalerStatus,
    writes: Write[],
    action: string,
    summary: string,
    built = true,
  ): void => {
    status.conditions = s.conditions;
    // updateStatusIfNeeded: written only when it differs from the stored status. A status with
    // the same parts as the one the last sync found equal to this same stored object (never
    // changed in place) is equal too, without walking either.
    const kept = state.unchangedStatus;
    if (built && kept !== undefined && kept.hpa === hpa && sameStatusParts(kept.status, status))
      unchangedStatus = kept;
    else if (sameJson(oldStatus, status)) unchangedStatus = built ? { hpa, status } : undefined;
    // The status subresource takes only .status from the object it is sent. The status is
    // given up (`own`): nothing here changes a status, or a part of one, once built (the
    // stored parts it shares are never changed in place either), so the API server stores
    // this very object, and the next sync's adoption knows it by identity.
    else {
      writes.push({ op: "updateStatus", object: { ...hpa, status }, own: true });
      if (built) written = status;
    }
    result.writes = writes;
    result.events = s.events;
    s.inputs.events = s.events.map((e) => ({ type: e.type, reason: e.reason, message: e.message }));
    if (action === "hpa-sync") {
      shareInputs(s.inputs, state.lastSyncInputs);
      lastSyncInputs = s.inputs;
    }
    result.decisions.push({
      controller: "hpa",
      object: objectKey,
      action,
      summary,
      inputs: s.inputs as Record<string, unknown>,
    });
  };
  const baseStatus = (
    current: number,
    desired: number,
    statuses?: MetricStatus[],
  ): HorizontalPodAutoscalerStatus => {
    const st: HorizontalPodAutoscalerStatus = { currentReplicas: current, desiredReplicas: desired };
    if (oldStatus.lastScaleTime !== undefined) st.lastScaleTime = oldStatus.lastScaleTime;
    if (statuses && statuses.length > 0) st.currentMetrics = statuses;
    return st;
  };

  s.inputs.target = `${ref.kind}/${qualifiedName(namespace, ref.name)}`;
  if (isApiError(scale)) {
    event(s, "Warning", "FailedGetScale", scale.message);
    condition(s, "AbleToScale", "False", failedGetScale(scale.message));
    const st = { ...oldStatus, conditions: s.conditions };
    finish(st, [], "hpa-sync", `cannot get the scale of ${ref.kind}/${ref.name}: ${scale.message}`, false);
    return done(newState);
  }
  condition(s, "AbleToScale", "True", SUCCEEDED_GET_SCALE);
  const currentReplicas = scale.specReplicas;
  // 2. The first sync remembers the current size: a scale-down then waits for the window.
  if (newState.recommendations === undefined)
    newState.recommendations = [{ recommendation: currentReplicas, timestamp: now }];
  const minReplicas = hpa.spec.minReplicas ?? 1;
  const maxReplicas = hpa.spec.maxReplicas;
  Object.assign(s.inputs, {
    currentReplicas,
    statusReplicas: scale.statusReplicas,
    minReplicas,
    maxReplicas,
    selector: scale.selector,
  });

  // 3. Short-circuits, else the metrics.
  let desiredReplicas = 0;
  let rescaleReason = "";
  let rescale = true;
  let statuses: MetricStatus[] | undefined;
  // What the metrics were computed from, when every one was.
  let read: Pick<QuietSync, "pods" | "outcomes" | "prenormalizedDesiredReplicas" | "metricName"> | undefined;
  // The HPA as the API server stores it: behavior defaulted when given (SetDefaults_HorizontalPodAutoscalerBehavior).
  const behavior = defaultHPABehavior(hpa.spec.behavior);
  if (currentReplicas === 0 && minReplicas !== 0) {
    rescale = false;
    condition(s, "ScalingActive", "False", SCALING_DISABLED);
    s.inputs.shortCircuit = "scaling disabled: the target has zero replicas";
  } else if (currentReplicas > maxReplicas) {
    rescaleReason = ABOVE_MAX_REPLICAS;
    desiredReplicas = maxReplicas;
    s.inputs.shortCircuit = rescaleReason;
  } else if (currentReplicas < minReplicas) {
    rescaleReason = BELOW_MIN_REPLICAS;
    desiredReplicas = minReplicas;
    s.inputs.shortCircuit = rescaleReason;
  } else {
    // The metrics of a sync that reads what the last quiet one read (QuietSync).
    const q = state.quiet;
    let computed: readonly MetricOutcome[] | undefined;
    let known: KnownSelection | undefined;
    if (q !== undefined && quietReadsHold(q, ctx, hpa, scale, config)) {
      known = {
        pods: q.pods,
        requirements: q.requirements,
        mc: metricContext(s, scale, q.pods, metrics, config),
      };
      computed = metricOutcomes(hpa, known.mc);
      if (sameItems(computed, q.outcomes)) {
        // The same proposal from the same status: normalize it (on a trial, so that a sync
        // that turns out not quiet starts afresh) and, if that keeps the size with the same
        // conditions, the status is the one found equal to the stored one.
        const trial: Sync = { ...s, inputs: {} };
        condition(trial, "ScalingActive", "True", validMetricFound(q.metricName));
        const args: NormalizeArgs = {
          now,
          currentReplicas,
          prenormalizedDesiredReplicas: q.prenormalizedDesiredReplicas,
          minReplicas,
          maxReplicas,
          config,
        };
        const normalized = behavior
          ? normalizeDesiredReplicasWithBehaviors(trial, args, behavior, newState)
          : normalizeDesiredReplicas(trial, args, newState);
        if (
          normalized.replicas === currentReplicas &&
          sameConditions(trial.conditions, q.unchanged.status.conditions ?? [])
        ) {
          s.selector = q.requirements;
          const inputs = { ...q.inputs, normalization: trial.inputs.normalization };
          result.decisions.push({
            controller: "hpa",
            object: objectKey,
            action: "hpa-sync",
            summary: q.summary,
            inputs,
          });
          unchangedStatus = q.unchanged;
          quiet = q;
          lastSyncInputs = inputs;
          return done(normalized.state);
        }
      }
    }
    const m = computeReplicasForMetrics(ctx, s, scale, metrics, config, computed, known);
    statuses = m.statuses;
    if (m.error !== undefined) s.inputs.metricsError = m.error;
    if (m.replicas === -1) {
      // Nothing to act on: keep the old desired count, record what we saw.
      event(s, "Warning", "FailedComputeMetricsReplicas", m.error ?? "");
      finish(
        baseStatus(currentReplicas, oldStatus.desiredReplicas, statuses),
        [],
        "hpa-sync",
        `cannot compute: ${m.error}`,
      );
      return done(newState);
    }
    const prenormalizedDesiredReplicas = m.replicas;
    desiredReplicas = prenormalizedDesiredReplicas;
    if (desiredReplicas > currentReplicas) rescaleReason = aboveTarget(m.metricName);
    if (desiredReplicas < currentReplicas) rescaleReason = ALL_METRICS_BELOW_TARGET;
    s.inputs.prenormalizedDesiredReplicas = prenormalizedDesiredReplicas;
    s.inputs.metricName = m.metricName;
    // 4. Normalization.
    const args: NormalizeArgs = {
      now,
      currentReplicas,
      prenormalizedDesiredReplicas,
      minReplicas,
      maxReplicas,
      config,
    };
    const normalized = behavior
      ? normalizeDesiredReplicasWithBehaviors(s, args, behavior, newState)
      : normalizeDesiredReplicas(s, args, newState);
    newState = normalized.state;
    desiredReplicas = normalized.replicas;
    rescale = desiredReplicas !== currentReplicas;
    if (m.error === undefined && m.pods !== undefined && m.outcomes !== undefined)
      read = { pods: m.pods, outcomes: m.outcomes, prenormalizedDesiredReplicas, metricName: m.metricName };
  }
  s.inputs.desiredReplicas = rescale ? desiredReplicas : currentReplicas;

  // 5. Scale, status, events.
  const writes: Write[] = [];
  let status: HorizontalPodAutoscalerStatus;
  let summary: string;
  if (rescale) {
    const updated = ctx.scales.update({ ...scale, specReplicas: desiredReplicas });
    if (isApiError(updated)) {
      // reconcileAutoscaler's failed Scales().Update: Warning FailedRescale "New size: N;
      // reason: R; error: E", AbleToScale False FailedUpdateScale, status.desiredReplicas kept
      // (setCurrentReplicasInStatus), no lastScaleTime, no scale event stored. currentMetrics
      // carry this sync's values, as the metrics-failure path here does (newer upstream's
      // setCurrentReplicasAndMetricsInStatus; v1.28 kept the previous ones).
      event(
        s,
        "Warning",
        "FailedRescale",
        failedRescaleEvent(desiredReplicas, rescaleReason, updated.message),
      );
      condition(s, "AbleToScale", "False", failedUpdateScale(updated.message));
      s.inputs.rescale = true;
      s.inputs.rescaleReason = rescaleReason;
      s.inputs.scaleError = updated.message;
      finish(
        baseStatus(currentReplicas, oldStatus.desiredReplicas, statuses),
        [],
        "hpa-sync",
        `cannot scale ${ref.kind}/${ref.name} ${currentReplicas} → ${desiredReplicas}: ${updated.message}`,
      );
      return done(newState);
    }
    condition(s, "AbleToScale", "True", succeededRescale(desiredReplicas));
    event(s, "Normal", "SuccessfulRescale", successfulRescaleEvent(desiredReplicas, rescaleReason));
    newState = {
      ...newState,
      // Upstream stores the event with the HPA's API-defaulted behavior; without behavior, none.
      scaleEvents: storeScaleEvent(behavior, newState.scaleEvents, currentReplicas, desiredReplicas, now),
    };
    status = baseStatus(currentReplicas, desiredReplicas, statuses);
    status.lastScaleTime = now;
    summary = `scale ${ref.kind}/${ref.name} ${currentReplicas} → ${desiredReplicas} (${rescaleReason})`;
  } else {
    desiredReplicas = currentReplicas;
    status = baseStatus(currentReplicas, desiredReplicas, statuses);
    summary = `keep ${ref.kind}/${ref.name} at ${currentReplicas} (${whyNoChange(s, currentReplicas)})`;
  }
  s.inputs.rescale = rescale;
  s.inputs.rescaleReason = rescaleReason;
  finish(status, writes, rescale ? "scale" : "hpa-sync", summary);
  if (
    !rescale &&
    read !== undefined &&
    s.selector &&
    s.events.length === 0 &&
    (unchangedStatus !== undefined || written !== undefined)
  )
    quiet = {
      hpa,
      written: unchangedStatus === undefined ? written : undefined,
      config,
      specReplicas: scale.specReplicas,
      statusReplicas: scale.statusReplicas,
      selector: scale.selector,
      podsList: ctx.store.list("Pod", namespaceOf(hpa)),
      others: otherSelectors(ctx.hpaSelectors, qualifiedNameOf(hpa)),
      requirements: s.selector,
      client: metrics,
      ...read,
      object: objectKey,
      unchanged: unchangedStatus,
      summary,
      inputs: s.inputs,
    };
  return done(newState);
}
