/**
 * One metric's proposal with its status, condition and error texts, as
 * computeReplicasForMetric and the computeStatusFor*Metric functions of horizontal.go build
 * them; and the max over all metrics (computeReplicasForMetrics).
 *
 * Error texts nest as upstream nests them. A cpu utilization metric with no samples gives the
 * Warning event FailedGetResourceMetric "failed to get cpu utilization: unable to get metrics
 * for resource cpu: no metrics returned from resource metrics API", the condition message "the
 * HPA was unable to compute the replica count: <that>", and the metric error "failed to get cpu
 * resource metric value: <that>" that FailedComputeMetricsReplicas reports.
 */
import type {
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
  Pod,
  Time,
} from "../../../k8s/types.ts";
import type {
  CustomMetricSample,
  MetricsClient,
  PodResourceSample,
  ResourceSampleView,
} from "../../metrics/types.ts";
import type {
  PodMetric,
  PodMetricsByPod,
  PodMetricsByRun,
  PodMetricsInfo,
  ReadinessConfig,
  Stability,
} from "./groupPods.ts";
import { podNamesOf } from "./groupPods.ts";
import { unableToCompute, type ReasonMessage } from "./messages.ts";
import { goLabelSelector, metricDisplayName } from "./metricNames.ts";
import { formatMilli, parseMilli } from "./quantity.ts";
import {
  getExternalMetricReplicas,
  getExternalPerPodMetricReplicas,
  getObjectMetricReplicas,
  getMetricReplicas,
  getObjectPerPodMetricReplicas,
  getRawResourceReplicas,
  getResourceReplicas,
  readyPodsCount,
  type CalcExplain,
  type MetricsAnswer,
  type Tolerances,
} from "./replicaCalc.ts";
import type { Scale } from "./scaleClient.ts";

export interface MetricContext {
  namespace: string;
  scale: Scale;
  /** Pods selected by the target's selector, in creation order. */
  pods: readonly Pod[];
  client: MetricsClient;
  tolerances: Tolerances;
  readiness: ReadinessConfig;
  now: Time;
}

export type MetricOutcome =
  | { ok: true; replicas: number; metricName: string; status: MetricStatus; explain: CalcExplain }
  | {
      ok: false;
      /** The error computeReplicasForMetric returns (goes into FailedComputeMetricsReplicas). */
      error: string;
      /** ScalingActive=False condition for this metric. */
      condition: ReasonMessage;
      /** The Warning event getUnableComputeReplicaCountCondition records (absent for none). */
      event?: { reason: string; message: string };
    };

function failure(reason: string, conditionErr: string, error: string): MetricOutcome {
  return {
    ok: false,
    error,
    condition: unableToCompute(reason, conditionErr),
    event: { reason, message: conditionErr },
  };
}

/** The API resource a custom-metrics adapter names in its errors, e.g. "deployments.apps". */
function resourceOfKind(kind: string, apiVersion: string | undefined): string {
  const group = apiVersion?.includes("/") ? apiVersion.split("/")[0] : "";
  const lower = kind.toLowerCase();
  const plural = lower.endsWith("s")
    ? `${lower}es`
    : lower.endsWith("y")
      ? `${lower.slice(0, -1)}ies`
      : `${lower}s`;
  return group ? `${plural}.${group}` : plural;
}

/**
 * metrics.k8s.io samples as the resource metrics client (metrics/client.go GetResourceMetric)
 * turns them into pod values: the named container's usage (getContainerMetrics), or the sum
 * over containers (getPodMetrics); a pod missing the resource is left out (it becomes a
 * "missing" pod). Errors, as upstream words them:
 * - the API's own error (metrics-server down) → "unable to fetch metrics from resource
 *   metrics API: the server is currently unable to handle the request (get pods.metrics.k8s.io)";
 * - no PodMetrics at all for the selector → "no metrics returned from resource metrics API"
 *   (the replica calculator's "did not receive metrics for targeted pods (pods might be
 *   unready)" is a different case: samples came, but only for unready or ignored pods);
 * - a sample without the named container → "failed to get container metrics: container app
 *   not present in metrics for pod default/web-1".
 */
export function resourceMetricsFromSamples(
  samples: readonly PodResourceSample[] | { error: string },
  resource: string,
  container: string | undefined,
  namespace = "default",
  reuse?: object,
): MetricsAnswer {
  if ("error" in samples)
    return { error: `unable to fetch metrics from resource metrics API: ${samples.error}` };
  if (samples.length === 0) return { error: "no metrics returned from resource metrics API" };
  const cacheKey = `${resource}\u0000${container ?? ""}`;
  let known = reuse && reusedInfo.get(reuse);
  const kept = known?.get(cacheKey);
  if (kept) {
    const first = samples[0].pod;
    for (const info of kept)
      if (info.size === samples.length && info.keys().next().value === first) {
        const again = refill(info, samples, resource, container);
        if (again) return again;
      }
  }
  const info = podMetricsInfo(samples, resource, container, namespace);
  if (reuse && info instanceof Map) {
    if (!known) reusedInfo.set(reuse, (known = new Map()));
    const maps = known.get(cacheKey) ?? [];
    known.set(cacheKey, [info, ...maps.slice(0, KEPT_INFO - 1)]);
  }
  return info;
}

/**
 * The maps of the last answers for a resource (by the key the caller gives: its namespace's
 * metrics client), kept to be refilled: an HPA asks for the same pods' samples at every sync,
 * and building a map of thousands of pods anew at every sync is most of its cost. A refill
 * checks every key against the samples' pods in their order and overwrites every value, so any
 * kept map with those keys serves: they are kept per client rather than per pods list (a new
 * list comes with every pod write, most of them status writes that keep the names), a few per
 * resource for the namespace's HPAs over different pods. A refill that meets another pod midway
 * has changed values only, never keys. The calculator writes to the map it is given only to
 * fill in missing pods (replicaCalc.ts proposeFromGroups; readyMetrics copies it first when pods
 * are set aside as unready or ignored), which adds keys a later refill checks like the others;
 * it never keeps the map past the sync.
 */
const reusedInfo = new WeakMap<object, Map<string, PodMetricsInfo[]>>();

/** Maps kept per client and resource. */
const KEPT_INFO = 4;

/**
 * The kept map with these samples' values, when it has exactly their pods in their order (a
 * map iterates in the order its keys came, and a fresh one would); undefined when they differ in pods or a
 * sample lacks the resource or container (then the map is built anew, errors included).
 */
function refill(
  info: PodMetricsInfo,
  samples: readonly PodResourceSample[],
  resource: string,
  container: string | undefined,
): PodMetricsInfo | undefined {
  if (info.size !== samples.length) return undefined;
  const keys = info.keys();
  let last: { sample: PodResourceSample; metric: PodMetric } | undefined;
  for (const s of samples) {
    if (keys.next().value !== s.pod) return undefined;
    if (last && sharesMetric(s, last.sample)) {
      info.set(s.pod, last.metric);
      continue;
    }
    const value = sampleValue(s, resource, container);
    if (value === undefined) return undefined;
    const metric = Object.freeze({ value, timestamp: s.timestamp, window: s.window });
    info.set(s.pod, metric);
    last = { sample: s, metric };
  }
  return info;
}

/** Whether a sample has the same containers object (metricsServer.ts SharedContainers), timestamp and window as another, so the two pods share one PodMetric. */
const sharesMetric = (s: PodResourceSample, other: PodResourceSample): boolean =>
  s.containers === other.containers && s.timestamp === other.timestamp && s.window === other.window;

/** A sample's value of the resource: the named container's, else the sum over containers; undefined when missing. */
const sampleValue = (
  s: PodResourceSample,
  resource: string,
  container: string | undefined,
): number | undefined => containersValue(s.containers, resource, container);

function containersValue(
  containers: PodResourceSample["containers"],
  resource: string,
  container: string | undefined,
): number | undefined {
  const pick = (c: { cpu: number; memory: number }) =>
    resource === "cpu" ? c.cpu : resource === "memory" ? c.memory : undefined;
  if (container) {
    const c = containers[container];
    return c ? pick(c) : undefined;
  }
  let value = 0;
  for (const c of Object.values(containers)) {
    const v = pick(c);
    if (v === undefined) return undefined;
    value += v;
  }
  return value;
}

/**
 * A resource answer held by the selected pods' index (replicaCalc.ts MetricsByPod), when it
 * can be: every sample is of a selected pod, in the pods' order (metrics-server answers for
 * the names asked, in their order), and each has the resource (and the named container) —
 * then podMetricsInfo's map is exactly these metrics under the pods' names, its errors and
 * left-out pods cannot arise, and the calculation needs no map of hundreds of pods. Pods
 * whose samples share their containers' values and window share one metric, as there.
 * Undefined otherwise: the map is made.
 */
function samplesByPod(
  samples: readonly PodResourceSample[],
  names: readonly string[],
  resource: string,
  container: string | undefined,
): PodMetricsByPod | undefined {
  if (samples.length === 0) return undefined;
  const byPod = new Array<PodMetric | undefined>(names.length).fill(undefined);
  let j = 0;
  let last: { sample: PodResourceSample; metric: PodMetric } | undefined;
  for (let i = 0; i < names.length && j < samples.length; i++) {
    const s = samples[j];
    if (s.pod !== names[i]) continue;
    j++;
    if (last && sharesMetric(s, last.sample)) {
      byPod[i] = last.metric;
      continue;
    }
    if (container && !s.containers[container]) return undefined;
    const value = sampleValue(s, resource, container);
    if (value === undefined) return undefined;
    const metric = Object.freeze({ value, timestamp: s.timestamp, window: s.window });
    byPod[i] = metric;
    last = { sample: s, metric };
  }
  return j === samples.length ? byPod : undefined;
}

/**
 * samplesByPod of the answer the client gives as views by pod index (resourceSampleViews),
 * when it can: in the pods' order by construction, and no sample object is made per pod.
 * The same metrics, shared alike: a pod whose sample has the containers' values object,
 * timestamp and window of the last metric made shares it (sharesMetric). Undefined when the
 * client cannot, the API answers an error or no sample, or a sample lacks the resource or
 * container: the caller then reads the list (resourceSamples), as before.
 */
function viewedByPod(
  client: MetricsClient,
  names: readonly string[],
  resource: string,
  container: string | undefined,
): PodMetricsByPod | undefined {
  if (client.resourceSampleViews === undefined) return undefined;
  // The views are replaced by the metrics in place: one array for both.
  const byPod: (ResourceSampleView | PodMetric | undefined)[] = new Array(names.length).fill(undefined);
  const sampled = client.resourceSampleViews(names, byPod as (ResourceSampleView | undefined)[]);
  if (typeof sampled !== "number" || sampled === 0) return undefined;
  let lastView: ResourceSampleView | undefined;
  let last: PodMetric | undefined;
  for (let i = 0; i < byPod.length; i++) {
    const view = byPod[i] as ResourceSampleView | undefined;
    if (view === undefined) continue;
    if (
      lastView !== undefined &&
      (view === lastView ||
        (view.containers === lastView.containers && view.t === lastView.t && view.window === lastView.window))
    ) {
      byPod[i] = last;
      continue;
    }
    const value = containersValue(view.containers, resource, container);
    if (value === undefined) return undefined;
    byPod[i] = last = Object.freeze({ value, timestamp: view.t, window: view.window });
    lastView = view;
  }
  return byPod as PodMetricsByPod;
}

/**
 * viewedByPod of the answer the client gives by runs of pods sharing a view
 * (resourceSampleRuns): one metric per run, shared alike as there. Undefined where viewedByPod
 * is (the client cannot, the API answers an error or no sample, a sample lacks the resource or
 * container): the caller then reads by pod, which comes to the same answer or error.
 */
function sampledByRun(
  client: MetricsClient,
  pods: readonly Pod[],
  names: readonly string[],
  resource: string,
  container: string | undefined,
): PodMetricsByRun | undefined {
  if (client.resourceSampleRuns === undefined) return undefined;
  const answer = client.resourceSampleRuns(names, pods);
  if ("error" in answer) return undefined;
  const { views } = answer;
  const metrics = new Array<PodMetric | undefined>(views.length);
  let lastView: ResourceSampleView | undefined;
  let last: PodMetric | undefined;
  for (let k = 0; k < views.length; k++) {
    const view = views[k];
    if (view === undefined) {
      metrics[k] = undefined;
      continue;
    }
    if (
      lastView !== undefined &&
      (view === lastView ||
        (view.containers === lastView.containers && view.t === lastView.t && view.window === lastView.window))
    ) {
      metrics[k] = last;
      continue;
    }
    const value = containersValue(view.containers, resource, container);
    if (value === undefined) return undefined;
    metrics[k] = last = Object.freeze({ value, timestamp: view.t, window: view.window });
    lastView = view;
  }
  return lastView !== undefined ? { ends: answer.ends, metrics } : undefined;
}

function podMetricsInfo(
  samples: readonly PodResourceSample[],
  resource: string,
  container: string | undefined,
  namespace: string,
): MetricsAnswer {
  const info: PodMetricsInfo = new Map();
  // Pods whose samples share their containers' values (metricsServer.ts SharedContainers) and
  // window share one frozen PodMetric: the calculator only reads it.
  let last: { sample: PodResourceSample; metric: PodMetric } | undefined;
  for (const s of samples) {
    if (last && sharesMetric(s, last.sample)) {
      info.set(s.pod, last.metric);
      continue;
    }
    if (container && !s.containers[container])
      return {
        error: `failed to get container metrics: container ${container} not present in metrics for pod ${namespace}/${s.pod}`,
      };
    const value = sampleValue(s, resource, container);
    if (value !== undefined) {
      const metric = Object.freeze({ value, timestamp: s.timestamp, window: s.window });
      info.set(s.pod, metric);
      last = { sample: s, metric };
    } else last = undefined;
  }
  return info;
}

/**
 * custom.metrics.k8s.io per-pod values as the custom metrics client (metrics/client.go
 * GetRawMetric) returns them; none at all → "no metrics returned from custom metrics API".
 */
export function podsMetricsFromSamples(samples: readonly CustomMetricSample[]): MetricsAnswer {
  if (samples.length === 0) return { error: "no metrics returned from custom metrics API" };
  return new Map(
    samples.map((s) => [s.pod, { value: s.valueMilli, timestamp: s.timestamp, window: s.window }]),
  );
}

/**
 * A resource metric's outcome, kept per selected pods' names list (the store's list for the
 * same pods) and everything else it was computed from, with the samples' generation it read
 * and the grouping's bounds (groupPods.ts Stability).
 */
interface KeptOutcome {
  key: OutcomeKey;
  generation: number;
  stableWhile: Stability;
  outcome: MetricOutcome;
}

/** Everything but the pods and samples a resource metric's outcome is computed from. */
interface OutcomeKey {
  namespace: string;
  sourceType: string;
  name: string;
  container: string;
  averageValue: string;
  averageUtilization: number | "";
  specReplicas: number;
  scaleDown: number;
  scaleUp: number;
  cpuInitializationPeriod: number;
  initialReadinessDelay: number;
}

const sameKey = (a: OutcomeKey, b: OutcomeKey): boolean =>
  a.namespace === b.namespace &&
  a.sourceType === b.sourceType &&
  a.name === b.name &&
  a.container === b.container &&
  a.averageValue === b.averageValue &&
  a.averageUtilization === b.averageUtilization &&
  a.specReplicas === b.specReplicas &&
  a.scaleDown === b.scaleDown &&
  a.scaleUp === b.scaleUp &&
  a.cpuInitializationPeriod === b.cpuInitializationPeriod &&
  a.initialReadinessDelay === b.initialReadinessDelay;

/** Outcomes kept per pods, a few keys each (an HPA's metrics; a bound for changing targets). */
const KEPT_PER_PODS = 8;
const keptOutcomes = new WeakMap<readonly string[], KeptOutcome[]>();

/**
 * A resource metric's outcome for the same pods, target, current size, tolerances and
 * readiness flags, when the samples kept their values since (only their timestamps moved) and
 * the grouping cannot have changed: the replica calculation is then the same function of the
 * same values (replicaCalc.ts reads the clock only through groupPods, and a filled-in sample's
 * timestamp never reaches the outcome), so an HPA over a steady load does not read hundreds of
 * samples at every sync to reach the same proposal and status.
 */
function keptResourceOutcome(
  mc: MetricContext,
  podNames: readonly string[],
  key: OutcomeKey,
): { outcome?: MetricOutcome; keep(outcome: MetricOutcome, stableWhile: Stability): void } {
  const state = mc.client.resourceSamplesState?.();
  if (state === undefined || !Object.isFrozen(mc.pods)) return { keep: () => {} };
  let known = keptOutcomes.get(podNames);
  if (!known) keptOutcomes.set(podNames, (known = []));
  const at = known.findIndex((k) => sameKey(k.key, key));
  const kept = at < 0 ? undefined : known[at];
  const keep = (outcome: MetricOutcome, stableWhile: Stability) => {
    const entry = { key, generation: state.generation, stableWhile, outcome };
    if (at >= 0) known[at] = entry;
    else if (known.push(entry) > KEPT_PER_PODS) known.shift();
    keptAs.set(outcome, entry);
  };
  if (
    kept &&
    kept.generation === state.generation &&
    mc.now < kept.stableWhile.nowBefore &&
    state.stampedUpTo < kept.stableWhile.stampsBefore
  )
    return { outcome: kept.outcome, keep };
  return { keep };
}

/** Each kept outcome's entry: what it was computed from, and how long it holds. */
const keptAs = new WeakMap<MetricOutcome, KeptOutcome>();

/**
 * Whether computeReplicasForMetric would now give an outcome equal to `outcome`, a resource
 * metric's outcome it gave before for the same pods list and the same key (the same HPA
 * spec, scale size, flags: the caller knows them the same): the samples' generation it was
 * computed at still holds and so do the grouping's bounds — exactly the test
 * keptResourceOutcome makes before taking it, without the key. An outcome that was never
 * kept (a failure, another source) never holds.
 */
export function outcomeHolds(outcome: MetricOutcome, client: MetricsClient, now: Time): boolean {
  const kept = keptAs.get(outcome);
  if (kept === undefined) return false;
  const state = client.resourceSamplesState?.();
  return (
    state !== undefined &&
    kept.generation === state.generation &&
    now < kept.stableWhile.nowBefore &&
    state.stampedUpTo < kept.stableWhile.stampsBefore
  );
}

function resourceMetric(
  mc: MetricContext,
  sourceType: "Resource" | "ContainerResource",
  name: string,
  container: string | undefined,
  target: MetricTarget,
): MetricOutcome {
  // The names from the pods' views (kept per stored list, carried from the last list's by
  // identity): the grouping reads the same views, so a new list's pods are read once.
  const podNames = podNamesOf(mc.pods);
  const { tolerances, readiness } = mc;
  const kept = keptResourceOutcome(mc, podNames, {
    namespace: mc.namespace,
    sourceType,
    name,
    container: container ?? "",
    averageValue: target.averageValue ?? "",
    averageUtilization: target.averageUtilization ?? "",
    specReplicas: mc.scale.specReplicas,
    scaleDown: tolerances.scaleDown,
    scaleUp: tolerances.scaleUp,
    cpuInitializationPeriod: readiness.cpuInitializationPeriod,
    initialReadinessDelay: readiness.initialReadinessDelay,
  });
  if (kept.outcome) return kept.outcome;
  const reason = sourceType === "Resource" ? "FailedGetResourceMetric" : "FailedGetContainerResourceMetric";
  const outer = (e: string) =>
    sourceType === "Resource"
      ? `failed to get ${name} resource metric value: ${e}`
      : `failed to get ${container} container metric value: ${e}`;
  // Read only when needed: the utilization path mostly reads them sample by sample instead.
  let samples: PodResourceSample[] | { error: string } | undefined;
  const samplesOf = () => (samples ??= mc.client.resourceSamples(podNames));
  const fetched = () => resourceMetricsFromSamples(samplesOf(), name, container, mc.namespace, mc.client);
  // computeStatusForResourceMetricGeneric (horizontal.go) reports every resource's average as
  // resource.NewMilliQuantity(raw, resource.DecimalSI), memory included: kubectl then prints
  // 555745280 (bytes) or 1333333333m, never 530Mi.
  const quantity = (milli: number) => formatMilli(milli, "DecimalSI");
  const displayName = metricDisplayName({
    type: sourceType,
    resource: { name, target },
    containerResource: { name, container: container ?? "", target },
  } as MetricSpec);
  const statusOf = (current: MetricValueStatus): MetricStatus =>
    sourceType === "Resource"
      ? { type: "Resource", resource: { name, current } }
      : { type: "ContainerResource", containerResource: { name, container: container ?? "", current } };

  if (target.averageValue !== undefined) {
    const targetUsage = parseMilli(target.averageValue) ?? 0;
    const err = (e: string) => `failed to get ${name} usage: ${e}`;
    const r = getRawResourceReplicas({
      currentReplicas: mc.scale.specReplicas,
      tolerances: mc.tolerances,
      pods: mc.pods,
      readiness: mc.readiness,
      now: mc.now,
      metrics: fetched(),
      targetUsage,
      resource: name,
    });
    if (!r.ok) return failure(reason, err(r.error), outer(err(r.error)));
    const outcome: MetricOutcome = {
      ok: true,
      replicas: r.replicas,
      metricName: displayName,
      status: statusOf({ averageValue: quantity(r.usage) }),
      explain: r.explain,
    };
    kept.keep(outcome, r.stableWhile);
    return outcome;
  }
  if (target.averageUtilization === undefined) {
    const e =
      "invalid resource metric source: neither an average utilization target nor an average value (usage) target was set";
    return failure(reason, e, outer(e));
  }
  const err = (e: string) => `failed to get ${name} utilization: ${e}`;
  const byRun = sampledByRun(mc.client, mc.pods, podNames, name, container);
  let byPod = byRun === undefined ? viewedByPod(mc.client, podNames, name, container) : undefined;
  if (byRun === undefined && byPod === undefined) {
    const listed = samplesOf();
    if (!("error" in listed)) byPod = samplesByPod(listed, podNames, name, container);
  }
  // Every field written out, not spread from a shared part: in the baseline tier (a few
  // hundred computing syncs a day never reach the optimiser) a spread with more fields after
  // it goes through the runtime and makes a new hidden class at each call.
  const p = getResourceReplicas({
    currentReplicas: mc.scale.specReplicas,
    tolerances: mc.tolerances,
    pods: mc.pods,
    readiness: mc.readiness,
    now: mc.now,
    metrics: byRun !== undefined ? { byRun } : byPod !== undefined ? { byPod } : fetched(),
    targetUtilization: target.averageUtilization,
    resource: name,
    container,
  });
  if (!p.ok) return failure(reason, err(p.error), outer(err(p.error)));
  const outcome: MetricOutcome = {
    ok: true,
    replicas: p.replicas,
    metricName: displayName,
    status: statusOf({ averageUtilization: p.utilization, averageValue: quantity(p.rawAverageValue) }),
    explain: p.explain,
  };
  kept.keep(outcome, p.stableWhile);
  return outcome;
}

/** computeReplicasForMetric for one spec.metrics entry. */
export function computeReplicasForMetric(spec: MetricSpec, mc: MetricContext): MetricOutcome {
  const { scale } = mc;
  switch (spec.type) {
    case "Resource":
      return resourceMetric(mc, "Resource", spec.resource!.name, undefined, spec.resource!.target);
    case "ContainerResource":
      return resourceMetric(
        mc,
        "ContainerResource",
        spec.containerResource!.name,
        spec.containerResource!.container,
        spec.containerResource!.target,
      );
    case "Pods": {
      const name = spec.pods!.metric.name;
      const samples = mc.client.podsMetric(
        name,
        mc.pods.map((p) => p.metadata.name),
      );
      const outer = (e: string) => `failed to get pods metric value: ${e}`;
      const r = getMetricReplicas({
        currentReplicas: scale.specReplicas,
        tolerances: mc.tolerances,
        pods: mc.pods,
        readiness: mc.readiness,
        now: mc.now,
        metrics: podsMetricsFromSamples(samples),
        targetUsage: parseMilli(spec.pods!.target.averageValue) ?? 0,
        metricName: name,
      });
      if (!r.ok) return failure("FailedGetPodsMetric", r.error, outer(r.error));
      return {
        ok: true,
        replicas: r.replicas,
        metricName: metricDisplayName(spec),
        status: {
          type: "Pods",
          pods: { metric: { ...spec.pods!.metric }, current: { averageValue: formatMilli(r.usage) } },
        },
        explain: r.explain,
      };
    }
    case "Object": {
      const o = spec.object!;
      const outer = (e: string) => `failed to get object metric value: ${e}`;
      const value = mc.client.objectMetric(o.describedObject.kind, o.describedObject.name, o.metric.name);
      const fetchErr =
        `unable to get metric ${o.metric.name}: ${o.describedObject.kind} on ${mc.namespace} ${o.describedObject.name}/` +
        `unable to fetch metrics from custom metrics API: the server could not find the metric ${o.metric.name} for ` +
        `${resourceOfKind(o.describedObject.kind, o.describedObject.apiVersion)} ${o.describedObject.name}`;
      const base = { describedObject: { ...o.describedObject }, metric: { ...o.metric } };
      if (o.target.type === "Value" && o.target.value !== undefined) {
        if (value === undefined) return failure("FailedGetObjectMetric", fetchErr, outer(fetchErr));
        const r = getObjectMetricReplicas(
          scale.specReplicas,
          readyPodsCount(mc.pods),
          value,
          parseMilli(o.target.value) ?? 0,
          mc.tolerances,
        );
        return {
          ok: true,
          replicas: r.replicas,
          metricName: metricDisplayName(spec),
          status: { type: "Object", object: { ...base, current: { value: formatMilli(r.usage) } } },
          explain: r.explain,
        };
      }
      if (o.target.type === "AverageValue" && o.target.averageValue !== undefined) {
        if (value === undefined)
          return failure(
            "FailedGetObjectMetric",
            fetchErr,
            outer(`failed to get ${o.metric.name} object metric: ${fetchErr}`),
          );
        const r = getObjectPerPodMetricReplicas(
          scale.statusReplicas,
          value,
          parseMilli(o.target.averageValue) ?? 0,
          mc.tolerances,
        );
        return {
          ok: true,
          replicas: r.replicas,
          metricName: metricDisplayName(spec),
          status: { type: "Object", object: { ...base, current: { averageValue: formatMilli(r.usage) } } },
          explain: r.explain,
        };
      }
      const e = "invalid object metric source: neither a value target nor an average value target was set";
      return failure("FailedGetObjectMetric", e, outer(e));
    }
    case "External": {
      const x = spec.external!;
      const values = mc.client.externalMetric(x.metric.name, x.metric.selector);
      const fetchErr =
        `unable to get external metric ${mc.namespace}/${x.metric.name}/${goLabelSelector(x.metric.selector)}: ` +
        `no metrics returned from external metrics API`;
      const base = { metric: { ...x.metric } };
      if (x.target.averageValue !== undefined) {
        const outer = (e: string) =>
          `failed to get ${x.metric.name} external metric value: failed to get ${x.metric.name} external metric: ${e}`;
        if (values === undefined) return failure("FailedGetExternalMetric", fetchErr, outer(fetchErr));
        const r = getExternalPerPodMetricReplicas(
          scale.statusReplicas,
          values,
          parseMilli(x.target.averageValue) ?? 0,
          mc.tolerances,
        );
        return {
          ok: true,
          replicas: r.replicas,
          metricName: metricDisplayName(spec),
          status: {
            type: "External",
            external: { ...base, current: { averageValue: formatMilli(r.usage) } },
          },
          explain: r.explain,
        };
      }
      if (x.target.value !== undefined) {
        const outer = (e: string) =>
          `failed to get ${x.metric.name} external metric value: failed to get external metric ${x.metric.name}: ${e}`;
        if (values === undefined) return failure("FailedGetExternalMetric", fetchErr, outer(fetchErr));
        const r = getExternalMetricReplicas(
          scale.specReplicas,
          readyPodsCount(mc.pods),
          values,
          parseMilli(x.target.value) ?? 0,
          mc.tolerances,
        );
        return {
          ok: true,
          replicas: r.replicas,
          metricName: metricDisplayName(spec),
          status: { type: "External", external: { ...base, current: { value: formatMilli(r.usage) } } },
          explain: r.explain,
        };
      }
      const e = "invalid external metric source: neither a value target nor an average value target was set";
      return failure(
        "FailedGetExternalMetric",
        e,
        `failed to get ${x.metric.name} external metric value: ${e}`,
      );
    }
    default: {
      const e = `unknown metric source type "${String((spec as { type: unknown }).type)}"`;
      return failure("InvalidMetricSourceType", e, e);
    }
  }
}
