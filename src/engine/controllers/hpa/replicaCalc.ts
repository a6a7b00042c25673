/**
 * The replica calculator: one metric's proposal from metric values and the selected pods,
 * as pkg/controller/podautoscaler/replica_calculator.go and metrics/utilization.go compute it.
 * Pure functions: they never read a clock (`now` is a parameter) and never touch the store.
 *
 * Integer rules (docs/kubernetes/hpa-semantics.md §5, §9), each with a worked example:
 * - utilization is an integer percent, truncated: usage 1000m+1400m over requests 2×2000m
 *   → floor(240000/4000) = 60 %; against a 30 % target the ratio is 60/30 = 2.0;
 * - the fast path asks ceil(ratio × readyPods): ceil(2.0 × 2) = 4;
 * - a Pods metric averages with integer division: (50000+10000+30000)/3 = 30000 milli;
 * - Object/External AverageValue report ceil(total / status.replicas): ceil(20000/3) = 6667.
 * - Tolerance is an inclusive band: with 0.1 a ratio of 1.1 is "within", 1.1000001 is not.
 */
import type { Pod } from "../../../k8s/types.ts";
import type {
  GroupedPods,
  PodMetric,
  PodMetricsByPod,
  PodMetricsByRun,
  ReadyRun,
  PodMetricsInfo,
  ReadinessConfig,
  Stability,
} from "./groupPods.ts";
import { alignPods, groupPods, podNamesOf } from "./groupPods.ts";
import { parseMilli } from "./quantity.ts";
import { dict } from "../../../k8s/safeKeys.ts";
import { writtenOver } from "../listAlign.ts";

const MAX_INT32 = 2147483647;

/** Scale-up and scale-down tolerances on the usage ratio (upstream `Tolerances`). */
export interface Tolerances {
  scaleDown: number;
  scaleUp: number;
}

/** isWithin: 1 − down ≤ ratio ≤ 1 + up, both ends inclusive. Example: {0.1, 0.1}, 0.9 → true. */
export const isWithin = (t: Tolerances, ratio: number): boolean =>
  1.0 - t.scaleDown <= ratio && ratio <= 1.0 + t.scaleUp;

export type Failure = { ok: false; error: string };

/** How a proposal was reached, for the trace's explainer. */
export interface CalcExplain {
  path: "fast" | "slow" | "tolerance" | "value" | "averageValue" | "fromZero";
  ratio: number;
  newRatio?: number;
  withinTolerance: boolean;
  /** The slow path returned current because the filled-in ratio crossed 1 (or its count did). */
  directionFlip?: boolean;
  readyPodCount?: number;
  /** Values assumed for missing and unready pods on the slow path (milli). */
  filled?: Record<string, number>;
  /**
   * Pods set aside (unready, missing, ignored) and why. Ready pods whose samples were used
   * are only counted (readyPodCount): listing them would make a 1000-pod day's trace huge.
   */
  groups?: GroupedPods["why"];
  /** Number of entries the slow path's ceil multiplies by. */
  entries?: number;
}

/** Integer division of non-negative integers, exact (Go's int64 `/`). */
const idiv = (a: number, b: number): number => (a - (a % b)) / b;
const ceilInt32 = (x: number): number => (x > MAX_INT32 ? MAX_INT32 : Math.ceil(x));

// ------------------------------------------------------------------ requests

/**
 * calculateRequests: per pod, the sum of the resource's requests of its app containers and
 * restartable (sidecar) init containers — or only the named container's request.
 * Example: containers of 250m and 250m → 500m; a container without a cpu request fails with
 * "missing request for cpu in container nginx of Pod web-1".
 */
export function calculateRequests(
  pods: readonly Pod[],
  container: string | undefined,
  resource: string,
): PodsRequests | Failure {
  const key = `${container ?? ""}\u0000${resource}`;
  // Only a list the store keeps (frozen, never refilled) is remembered: an HPA syncs over the
  // same selected pods until one of them is written.
  if (!Object.isFrozen(pods)) return podsRequests(pods, container, resource, undefined);
  let known = requestsOfPods.get(pods);
  if (!known) requestsOfPods.set(pods, (known = new Map()));
  let requests = known.get(key);
  if (requests === undefined) {
    requests = podsRequests(pods, container, resource, lastRequests.get(key));
    if (!("ok" in requests)) lastRequests.set(key, requests);
    known.set(key, requests);
  }
  return requests;
}

/**
 * A pods list's requests for one container and resource: each pod's by the list's index, and
 * the map by pod name (upstream's podRequests) made only when the map-reading paths ask.
 */
export class PodsRequests {
  private byName: Map<string, number> | undefined;

  constructor(
    readonly pods: readonly Pod[],
    /** The request of the pod at each index. */
    readonly byPod: Float64Array,
  ) {}

  /** The map of every pod's request by name, as calculateRequests upstream builds it. */
  map(): ReadonlyMap<string, number> {
    if (this.byName === undefined) {
      const names = podNamesOf(this.pods);
      const map = new Map<string, number>();
      for (let i = 0; i < names.length; i++) map.set(names[i], this.byPod[i]);
      this.byName = map;
    }
    return this.byName;
  }

  private prefixSums: Float64Array | null | undefined;

  /**
   * Σ of the requests of the pods before each index (length + 1 entries), when every request
   * is a non-negative integer and their total at most Number.MAX_SAFE_INTEGER: then every
   * such sum, and the difference of two, is exact, so a run's total is the same number
   * whatever order its terms are added in. Null otherwise.
   */
  prefix(): Float64Array | null {
    if (this.prefixSums === undefined) this.prefixSums = exactPrefixSums(this.byPod);
    return this.prefixSums;
  }
}

/** The prefix sums of non-negative integers with a safe total (PodsRequests.prefix); null otherwise. */
export function exactPrefixSums(values: ArrayLike<number>): Float64Array | null {
  const prefix = new Float64Array(values.length + 1);
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isInteger(v) || v < 0) return null;
    total += v;
    prefix[i + 1] = total;
  }
  return total <= Number.MAX_SAFE_INTEGER ? prefix : null;
}

/**
 * The last requests made for a stored pods list, by container and resource. A new pods list
 * comes with every pod write and holds mostly the very pod objects of the last one: their
 * requests are carried by index (listAlign.ts) instead of being looked up again pod by pod.
 */
const lastRequests = new Map<string, PodsRequests>();

/** The requests of a selected pods list, by container and resource. */
const requestsOfPods = new WeakMap<readonly Pod[], Map<string, PodsRequests | Failure>>();

function podsRequests(
  pods: readonly Pod[],
  container: string | undefined,
  resource: string,
  last: PodsRequests | undefined,
): PodsRequests | Failure {
  const byPod = new Float64Array(pods.length);
  // A pod that is the same object as one of the last list has its request (a stored pod is
  // never changed in place), and so has one written over a pod of the last list with its very
  // spec (a status write keeps it: the request is a function of the spec); only a failing pod
  // ends the walk, and a carried pod never failed, so the first failing pod in the list's
  // order is the one named, as in a walk of every pod.
  const from = last !== undefined ? alignPods(last.pods, pods) : undefined;
  for (let i = 0; i < pods.length; i++) {
    const was = from !== undefined ? from[i] : -1;
    if (was >= 0) {
      byPod[i] = last!.byPod[was];
      continue;
    }
    const pod = pods[i];
    const over = was <= -2 ? writtenOver(was) : -1;
    if (over >= 0 && last!.pods[over].spec === pod.spec) {
      byPod[i] = last!.byPod[over];
      continue;
    }
    const request = specRequest(pod.spec, container, resource);
    if (typeof request !== "number")
      return {
        ok: false,
        error:
          "missing" in request
            ? `missing request for ${resource} in container ${request.missing} of Pod ${pod.metadata.name}`
            : `container ${container} not found in Pod ${pod.metadata.name}`,
      };
    byPod[i] = request;
  }
  return new PodsRequests(pods, byPod);
}

type PodRequest = number | { missing: string } | { notFound: true };

/**
 * One pod's request, read from its spec. (Not kept per spec object: the pods read are those
 * not carried from the last list, nearly all of them created since, whose spec no one had read,
 * and a weak map's entry per pod cost more than the read.)
 */
function specRequest(spec: Pod["spec"], container: string | undefined, resource: string): PodRequest {
  // The app containers, then the restartable init containers, in their order: read in place,
  // as every pod created is read once (no arrays made per pod).
  const main = spec.containers;
  const init = spec.initContainers;
  const count = main.length + (init !== undefined ? init.length : 0);
  let request = 0;
  for (let i = 0; i < count; i++) {
    const c = i < main.length ? main[i] : init![i - main.length];
    if (i >= main.length && c.restartPolicy !== "Always") continue;
    if (!container || container === c.name) {
      const q = parseMilli(c.resources?.requests?.[resource]);
      if (q === undefined) return { missing: c.name };
      request += q;
    }
    if (container === c.name) return request;
  }
  return container ? { notFound: true } : request;
}

/**
 * GetResourceUtilizationRatio (metrics/utilization.go): samples of pods without a request are
 * skipped; utilization = trunc(100·Σusage/Σrequest); rawAverageValue = trunc(Σusage/n).
 */
export function getResourceUtilizationRatio(
  metrics: PodMetricsInfo,
  requests: ReadonlyMap<string, number>,
  targetUtilization: number,
): UtilizationRatio | Failure {
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (const [pod, m] of metrics) {
    const r = requests.get(pod);
    if (r === undefined) continue;
    metricsTotal += m.value;
    requestsTotal += r;
    n++;
  }
  return utilizationRatio(metricsTotal, requestsTotal, n, targetUtilization);
}

type UtilizationRatio = { ratio: number; utilization: number; rawAverageValue: number };

function utilizationRatio(
  metricsTotal: number,
  requestsTotal: number,
  n: number,
  targetUtilization: number,
): UtilizationRatio | Failure {
  if (requestsTotal === 0) return { ok: false, error: "no metrics returned matched known pods" };
  const utilization = idiv(metricsTotal * 100, requestsTotal);
  return { ratio: utilization / targetUtilization, utilization, rawAverageValue: idiv(metricsTotal, n) };
}

/**
 * The sums getResourceUtilizationRatio takes, over the ready pods' metrics held by pod index:
 * the map it walks (readyMetrics) holds exactly the ready pods' samples, in the pods' order (see
 * MetricsByPod), so these are the same terms added in the same order; every pod of the list
 * has its request, as in the map.
 */
function readyTotalsByPod(
  pods: readonly Pod[],
  byPod: PodMetricsByPod,
  readyAt: Uint8Array,
  requests: PodsRequests,
): Totals {
  const request = requests.byPod;
  let metricsTotal = 0;
  let requestsTotal = 0;
  let n = 0;
  for (let i = 0; i < pods.length; i++) {
    if (readyAt[i] === 0) continue;
    metricsTotal += byPod[i]!.value;
    requestsTotal += request[i];
    n++;
  }
  return { metrics: metricsTotal, requests: requestsTotal, n };
}

/** The sums the utilization ratio is made of. */
export interface Totals {
  metrics: number;
  requests: number;
  n: number;
}

/**
 * The ready pods' Σ usage and Σ request, and their count, over runs of ready pods with the
 * same usage: the sums readyTotalsByPod takes pod by pod in the pods' order. Taken as
 * count × value per run and a difference of the requests' prefix sums when those are exact:
 * every usage and request a non-negative integer and the total usage at most
 * Number.MAX_SAFE_INTEGER. Then every partial sum of either order is an integer no larger
 * than its total, so both orders add exactly and give the same numbers. (Usage is millicores
 * or milli-bytes, whole by construction, so a total past 2^53 — thousands of pods of
 * gigabytes — is where it falls back.) Otherwise pod by pod in the pods' order, as there.
 */
export function readyTotals(
  runs: readonly ReadyRun[],
  request: Float64Array,
  prefix: Float64Array | null,
): Totals {
  if (prefix !== null) {
    let metrics = 0;
    let requests = 0;
    let n = 0;
    let exact = true;
    for (const { start, end, value } of runs) {
      if (!Number.isInteger(value) || value < 0) exact = false;
      metrics += (end - start) * value;
      requests += prefix[end] - prefix[start];
      n += end - start;
    }
    if (exact && metrics <= Number.MAX_SAFE_INTEGER) return { metrics, requests, n };
  }
  let metrics = 0;
  let requests = 0;
  let n = 0;
  for (const { start, end, value } of runs)
    for (let i = start; i < end; i++) {
      metrics += value;
      requests += request[i];
      n++;
    }
  return { metrics, requests, n };
}

/** GetMetricUsageRatio: usage = trunc(Σ/n), ratio = usage / target. */
export function getMetricUsageRatio(
  metrics: PodMetricsInfo,
  targetUsage: number,
): { ratio: number; usage: number } {
  let total = 0;
  for (const m of metrics.values()) total += m.value;
  const usage = Math.trunc(total / metrics.size);
  return { ratio: usage / targetUsage, usage };
}

// ------------------------------------------------------------------ Resource / ContainerResource

export interface PodCalcInput {
  currentReplicas: number;
  tolerances: Tolerances;
  /** The pods the target's selector selects. */
  pods: readonly Pod[];
  /** Latest samples by pod name (a copy is made: this is not changed). */
  metrics: PodMetricsInfo;
  readiness: ReadinessConfig;
  now: number;
}

/**
 * What the resource metrics client answered (metrics/client.go GetResourceMetric): each pod's
 * sample, or its error — "no metrics returned from resource metrics API" when the metrics API
 * returned no PodMetrics at all for the selector.
 */
export type MetricsAnswer = PodMetricsInfo | { error: string };

/**
 * The resource metrics client's answer held by the selected pods' index
 * (computeMetrics.ts samplesByPod): every sample is of a selected pod and they come in the
 * pods' order, so the answer's map is these metrics under the pods' names in that order,
 * which the calculation reads by index, its slow path included (slowPathByIndex).
 */
export interface MetricsByPod {
  byPod: PodMetricsByPod;
}

/** The same answer held by runs of the selected pods that share a sample (groupPods.ts PodMetricsByRun). */
export interface MetricsByRun {
  byRun: PodMetricsByRun;
}

export interface ResourceProposal {
  ok: true;
  replicas: number;
  utilization: number;
  rawAverageValue: number;
  explain: CalcExplain;
  /** The grouping's bounds (groupPods.ts Stability): the only way the clock enters the proposal. */
  stableWhile: Stability;
}

/**
 * GetResourceReplicas for a Utilization target. Fast path when no pod is missing and it is not
 * a scale-up with unready pods; otherwise the slow path fills in missing pods (scale-down:
 * request × max(100, target)/100; scale-up: 0) and, on a scale-up, unready pods at 0, and keeps
 * current when the recomputed ratio is within tolerance or points the other way.
 *
 * Example (TestReplicaCalcMissingMetricsUnreadyChange): target 50 %, samples 900m (ready) and
 * 200m (unready, left out), one ready pod missing, requests 2000m each: ratio 45/50 = 0.9 is a
 * scale-down with a missing pod → slow path fills it at 2000m → (900+2000)/4000 = 72 % → ratio
 * 1.44 > 1 flips direction → keep 3.
 */
export function getResourceReplicas(
  input: Omit<PodCalcInput, "metrics"> & {
    metrics: MetricsAnswer | MetricsByPod | MetricsByRun;
    targetUtilization: number;
    resource: string;
    container?: string;
  },
): ResourceProposal | Failure {
  const answer = input.metrics;
  // The metrics client's error comes first, wrapped as GetResourceReplicas wraps it.
  if (!(answer instanceof Map) && "error" in answer)
    return {
      ok: false,
      error: `unable to get metrics for resource ${input.resource}: ${answer.error}`,
    };
  if (input.pods.length === 0)
    return { ok: false, error: "no pods returned by selector while calculating replica count" };
  const byPod = answer instanceof Map || !("byPod" in answer) ? undefined : answer.byPod;
  const byRun = answer instanceof Map || !("byRun" in answer) ? undefined : answer.byRun;
  const groups = groupPods(
    input.pods,
    answer instanceof Map ? answer : (byPod ?? byRun!),
    input.resource,
    input.readiness,
    input.now,
  );
  // The samples the calculation uses; by pod or run, those of the ready pods (readyMetrics
  // keeps every sampled pod not set aside: the ready group, readyPodCount of them), with no map.
  const metrics = answer instanceof Map ? readyMetrics(answer, groups) : undefined;
  if ((metrics?.size ?? groups.readyPodCount) === 0)
    return { ok: false, error: "did not receive metrics for targeted pods (pods might be unready)" };
  const requests = calculateRequests(input.pods, input.container, input.resource);
  if ("ok" in requests) return requests;
  if (metrics !== undefined) {
    const first = getResourceUtilizationRatio(metrics, requests.map(), input.targetUtilization);
    if ("ok" in first) return first;
    const proposal = proposeFromGroups(input, groups, () => metrics, first.ratio, {
      missingOnScaleDown: (pod) =>
        idiv((requests.map().get(pod) ?? 0) * Math.max(100, input.targetUtilization), 100),
      recompute: () => {
        const second = getResourceUtilizationRatio(metrics, requests.map(), input.targetUtilization);
        return "ok" in second ? second : second.ratio;
      },
    });
    if ("ok" in proposal) return proposal;
    const { utilization, rawAverageValue } = first;
    return proposalOf(utilization, rawAverageValue, proposal, groups.stableWhile);
  }
  const ready =
    byPod !== undefined
      ? readyTotalsByPod(input.pods, byPod, groups.readyAt!, requests)
      : readyTotals(groups.readyRuns!, requests.byPod, requests.prefix());
  const first = utilizationRatio(ready.metrics, ready.requests, ready.n, input.targetUtilization);
  if ("ok" in first) return first;
  const { ratio, utilization, rawAverageValue } = first;
  const proposal = slowPathByIndex(input, ready, groups, requests, ratio, input.targetUtilization);
  if ("ok" in proposal) return proposal;
  return proposalOf(utilization, rawAverageValue, proposal, groups.stableWhile);
}

/**
 * A utilization proposal with its fields in the order `{ ok, utilization, rawAverageValue,
 * ...proposal, stableWhile }` gives them (proposeFromGroups makes `replicas` then `explain`),
 * written out: a spread between fields goes through the runtime in the baseline tier.
 */
const proposalOf = (
  utilization: number,
  rawAverageValue: number,
  proposal: { replicas: number; explain: CalcExplain },
  stableWhile: Stability,
): ResourceProposal => ({
  ok: true,
  utilization,
  rawAverageValue,
  replicas: proposal.replicas,
  explain: proposal.explain,
  stableWhile,
});

/**
 * proposeFromGroups over the metrics held by pod index or by run, its slow path without a
 * map: the map the slow path fills in (readyMetrics of the answer's map) holds the ready
 * pods' samples in the pods' order, then each filled-in pod in the order it is filled, so its
 * recomputed ratio adds the same terms in the same order as the ready pods' totals (`ready`:
 * taken in the pods' order, or equal to those, readyTotals) followed by the filled-in pods,
 * each with its own request; its size is the ready pods' count and the filled-in pods'.
 */
function slowPathByIndex(
  input: { currentReplicas: number; tolerances: Tolerances; now: number; pods: readonly Pod[] },
  ready: Totals,
  groups: GroupedPods,
  requests: PodsRequests,
  ratio: number,
  targetUtilization: number,
): { replicas: number; explain: CalcExplain } | Failure {
  const request = requests.byPod;
  // The place of each pod set aside (only those are filled in), found once the slow path runs.
  let indexOf: Map<string, number> | undefined;
  const at = (pod: string): number => {
    if (indexOf === undefined) {
      indexOf = new Map();
      const names = podNamesOf(input.pods);
      const readyAt = groups.readyAt;
      if (readyAt !== undefined) {
        for (let i = 0; i < names.length; i++) if (readyAt[i] === 0) indexOf.set(names[i], i);
      } else {
        let i = 0;
        for (const run of groups.readyRuns!) {
          for (; i < run.start; i++) indexOf.set(names[i], i);
          i = run.end;
        }
        for (; i < names.length; i++) indexOf.set(names[i], i);
      }
    }
    return indexOf.get(pod)!;
  };
  const filledAt: number[] = [];
  const filledValue: number[] = [];
  // Made only when the slow path asks (a few syncs a day): an object literal with a getter is
  // made by the runtime, as a dictionary, at every call until the optimiser takes the function.
  const filledIn = () => ({
    set(pod: string, metric: PodMetric) {
      filledAt.push(at(pod));
      filledValue.push(metric.value);
    },
    get size() {
      return groups.readyPodCount + filledAt.length;
    },
  });
  return proposeFromGroups(input, groups, filledIn, ratio, {
    missingOnScaleDown: (pod) => idiv(request[at(pod)] * Math.max(100, targetUtilization), 100),
    recompute: () => {
      let metricsTotal = ready.metrics;
      let requestsTotal = ready.requests;
      let n = ready.n;
      for (let k = 0; k < filledAt.length; k++) {
        metricsTotal += filledValue[k];
        requestsTotal += request[filledAt[k]];
        n++;
      }
      const second = utilizationRatio(metricsTotal, requestsTotal, n, targetUtilization);
      return "ok" in second ? second : second.ratio;
    },
  });
}

/**
 * GetRawResourceReplicas: a Resource AverageValue target — the metrics client's answer (its
 * error wrapped as "unable to get metrics for resource cpu: …"), then calcPlainMetricReplicas.
 */
export function getRawResourceReplicas(
  input: Omit<PodCalcInput, "metrics"> & { metrics: MetricsAnswer; targetUsage: number; resource: string },
): PlainProposal | Failure {
  if (!(input.metrics instanceof Map))
    return {
      ok: false,
      error: `unable to get metrics for resource ${input.resource}: ${input.metrics.error}`,
    };
  return calcPlainMetricReplicas({ ...input, metrics: input.metrics });
}

/**
 * GetMetricReplicas: a Pods metric — the custom metrics client's answer (its error wrapped as
 * "unable to get metric qps: …"), then calcPlainMetricReplicas.
 */
export function getMetricReplicas(
  input: Omit<PodCalcInput, "metrics"> & { metrics: MetricsAnswer; targetUsage: number; metricName: string },
): PlainProposal | Failure {
  if (!(input.metrics instanceof Map))
    return { ok: false, error: `unable to get metric ${input.metricName}: ${input.metrics.error}` };
  return calcPlainMetricReplicas({ ...input, metrics: input.metrics, resource: "" });
}

export interface PlainProposal {
  ok: true;
  replicas: number;
  usage: number;
  explain: CalcExplain;
  /** The grouping's bounds (groupPods.ts Stability): the only way the clock enters the proposal. */
  stableWhile: Stability;
}

/**
 * calcPlainMetricReplicas: Resource AverageValue targets and Pods metrics. Same fast and slow
 * paths as utilization, except that a missing pod on a scale-down is assumed to use exactly
 * the target. Example: samples 50000/10000/30000 against 15000 → usage 30000, ratio 2 →
 * ceil(2 × 3) = 6.
 */
export function calcPlainMetricReplicas(
  input: PodCalcInput & { targetUsage: number; resource: string },
): PlainProposal | Failure {
  if (input.pods.length === 0)
    return { ok: false, error: "no pods returned by selector while calculating replica count" };
  const groups = groupPods(input.pods, input.metrics, input.resource, input.readiness, input.now);
  const metrics = readyMetrics(input.metrics, groups);
  if (metrics.size === 0)
    return { ok: false, error: "did not receive metrics for targeted pods (pods might be unready)" };
  const { ratio, usage } = getMetricUsageRatio(metrics, input.targetUsage);
  const proposal = proposeFromGroups(input, groups, () => metrics, ratio, {
    missingOnScaleDown: () => input.targetUsage,
    recompute: () => getMetricUsageRatio(metrics, input.targetUsage).ratio,
  });
  if ("ok" in proposal) return proposal;
  return { ok: true, usage, ...proposal, stableWhile: groups.stableWhile };
}

/**
 * The samples the calculation uses: those of the pods neither ignored nor unready
 * (replica_calculator.go removeMetricsForPods). A copy, which the slow path fills in, whenever
 * a pod is set aside; the caller's own map, unchanged, when none is — the slow path runs only
 * with a missing or unready pod, so it never writes to the caller's map, and a sync over
 * hundreds of ready pods copies none of their samples.
 */
function readyMetrics(metrics: PodMetricsInfo, groups: GroupedPods): PodMetricsInfo {
  if (groups.ignored.size === 0 && groups.unready.size === 0 && groups.missing.size === 0) return metrics;
  const copy = new Map(metrics);
  for (const p of groups.ignored) copy.delete(p);
  for (const p of groups.unready) copy.delete(p);
  return copy;
}

/**
 * The fast and slow paths GetResourceReplicas and calcPlainMetricReplicas share
 * (replica_calculator.go), given the first usage ratio over the ready pods' samples:
 * 1. Fast path — no missing pod, and not a scale-up with unready pods: current when within
 *    tolerance, else ceil(ratio × readyPodCount).
 * 2. Slow path — fill in missing pods (scale-down: `missingOnScaleDown`; scale-up: 0; ratio
 *    exactly 1: nothing) and, on a scale-up, unready pods at 0; recompute the ratio.
 * 3. Keep current when the new ratio is within tolerance or points the other way, or when
 *    ceil(newRatio × entries) would move against it; else ceil(newRatio × entries).
 * `metricsFor` gives the calculator's own copy, read by the slow path only, which adds the
 * filled-in samples to it (by pod index: a record of them, slowPathByIndex).
 */
function proposeFromGroups(
  input: { currentReplicas: number; tolerances: Tolerances; now: number },
  groups: GroupedPods,
  metricsFor: () => { set(pod: string, metric: PodMetric): unknown; readonly size: number },
  ratio: number,
  slowPath: { missingOnScaleDown: (pod: string) => number; recompute: () => number | Failure },
): { replicas: number; explain: CalcExplain } | Failure {
  const current = input.currentReplicas;
  const explain: CalcExplain = {
    path: "fast",
    ratio,
    withinTolerance: isWithin(input.tolerances, ratio),
    readyPodCount: groups.readyPodCount,
    groups: groups.setAside,
  };
  const scaleUpWithUnready = groups.unready.size > 0 && ratio > 1.0;
  if (!scaleUpWithUnready && groups.missing.size === 0) {
    if (explain.withinTolerance) return { replicas: current, explain: { ...explain, path: "tolerance" } };
    return { replicas: Math.ceil(ratio * groups.readyPodCount), explain };
  }

  const metrics = metricsFor();
  const filled: Record<string, number> = dict();
  const fill = (pod: string, value: number) => {
    metrics.set(pod, { value, timestamp: input.now, window: 0 });
    filled[pod] = value;
  };
  if (ratio < 1.0) for (const pod of groups.missing) fill(pod, slowPath.missingOnScaleDown(pod));
  else if (ratio > 1.0) for (const pod of groups.missing) fill(pod, 0);
  if (scaleUpWithUnready) for (const pod of groups.unready) fill(pod, 0);

  const newRatio = slowPath.recompute();
  if (typeof newRatio !== "number") return newRatio;
  const slow: CalcExplain = {
    ...explain,
    path: "slow",
    newRatio,
    withinTolerance: isWithin(input.tolerances, newRatio),
    filled,
    entries: metrics.size,
  };
  const flipped = (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0);
  if (slow.withinTolerance || flipped)
    return { replicas: current, explain: { ...slow, directionFlip: flipped } };
  const newReplicas = Math.ceil(newRatio * metrics.size);
  if ((newRatio < 1.0 && newReplicas > current) || (newRatio > 1.0 && newReplicas < current))
    return { replicas: current, explain: { ...slow, directionFlip: true } };
  return { replicas: newReplicas, explain: slow };
}

// ------------------------------------------------------------------ Object / External

/** Pods that are Running with Ready=True: the count Object/External Value targets multiply by. */
export function readyPodsCount(pods: readonly Pod[]): number {
  return pods.filter(
    (p) =>
      p.status.phase === "Running" &&
      p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
  ).length;
}

/**
 * getUsageRatioReplicaCount: with current ≠ 0, current when within tolerance, else
 * ceil(ratio × readyPods) (capped at MaxInt32); with current = 0 (scale from zero),
 * ceil(ratio) with no tolerance and no pod count. Example: value 20000 / target 10000 from 0
 * replicas → 2.
 */
export function getUsageRatioReplicaCount(
  currentReplicas: number,
  readyReplicas: number,
  ratio: number,
  tolerances: Tolerances,
): { replicas: number; explain: CalcExplain } {
  if (currentReplicas !== 0) {
    const within = isWithin(tolerances, ratio);
    if (within)
      return { replicas: currentReplicas, explain: { path: "tolerance", ratio, withinTolerance: true } };
    return {
      replicas: ceilInt32(ratio * readyReplicas),
      explain: { path: "value", ratio, withinTolerance: false, readyPodCount: readyReplicas },
    };
  }
  return { replicas: Math.ceil(ratio), explain: { path: "fromZero", ratio, withinTolerance: false } };
}

/** GetObjectMetricReplicas (Value target): ratio = value / target. */
export function getObjectMetricReplicas(
  currentReplicas: number,
  readyReplicas: number,
  usage: number,
  targetUsage: number,
  tolerances: Tolerances,
): { replicas: number; usage: number; explain: CalcExplain } {
  return {
    ...getUsageRatioReplicaCount(currentReplicas, readyReplicas, usage / targetUsage, tolerances),
    usage,
  };
}

/**
 * GetObjectPerPodMetricReplicas (AverageValue target), based on status.replicas: ratio =
 * value / (target × statusReplicas); outside tolerance → ceil(value / target); reported
 * average = ceil(value / statusReplicas). Example: 20000 over 3 pods at 5000 → ratio 1.33 →
 * 4 replicas, average 6667.
 */
export function getObjectPerPodMetricReplicas(
  statusReplicas: number,
  usage: number,
  targetAverageUsage: number,
  tolerances: Tolerances,
): { replicas: number; usage: number; explain: CalcExplain } {
  const ratio = usage / (targetAverageUsage * statusReplicas);
  const within = isWithin(tolerances, ratio);
  const replicas = within ? statusReplicas : ceilInt32(usage / targetAverageUsage);
  return {
    replicas,
    usage: Math.ceil(usage / statusReplicas),
    explain: { path: "averageValue", ratio, withinTolerance: within },
  };
}

const MAX_INT64_APPROX = Number.MAX_SAFE_INTEGER;
/** Σ of the series values, capped (upstream caps at MaxInt64; we cap where doubles stay exact). */
export function sumSeries(values: readonly number[]): number {
  let total = 0;
  for (const v of values) {
    total += v;
    if (total > MAX_INT64_APPROX) return MAX_INT64_APPROX;
  }
  return total;
}

/** GetExternalMetricReplicas (Value target): total = Σ series, then as an Object Value. */
export function getExternalMetricReplicas(
  currentReplicas: number,
  readyReplicas: number,
  values: readonly number[],
  targetUsage: number,
  tolerances: Tolerances,
): { replicas: number; usage: number; explain: CalcExplain } {
  return getObjectMetricReplicas(currentReplicas, readyReplicas, sumSeries(values), targetUsage, tolerances);
}

/** GetExternalPerPodMetricReplicas (AverageValue target): total = Σ series, then as Object AverageValue. */
export function getExternalPerPodMetricReplicas(
  statusReplicas: number,
  values: readonly number[],
  targetUsagePerPod: number,
  tolerances: Tolerances,
): { replicas: number; usage: number; explain: CalcExplain } {
  return getObjectPerPodMetricReplicas(statusReplicas, sumSeries(values), targetUsagePerPod, tolerances);
}
