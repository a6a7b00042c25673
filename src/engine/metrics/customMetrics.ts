/**
 * Custom and external metrics as a cluster serves them: Prometheus scrapes the pods, and
 * prometheus-adapter answers the HPA's custom.metrics.k8s.io / external.metrics.k8s.io
 * queries from what Prometheus holds. Nothing is delayed by hand; the delay comes out of the
 * pipeline, as metrics-server's does for CPU:
 *
 * - Prometheus scrapes every `metrics.custom-scrape-interval` (its global scrape_interval
 *   defaults to 1m; docs "Configuration"), at multiples of it from t = 0, every Running pod
 *   of a workload whose load feeds a custom metric. A pod's series disappears at the first
 *   scrape after the pod is gone (a staleness marker).
 * - A gauge (`load metric NAME V`) is the latest scraped sample, as an instant query returns
 *   it, for up to 5 minutes (Prometheus' --query.lookback-delta default). `load metric NAME
 *   total V` is the workload's total spread over its Ready pods: each Ready pod reports
 *   V / Ready pods at the scrape, the others 0, as a per-pod rate would.
 * - Request traffic is counted per pod (http_requests_total: the requests each Ready pod
 *   receives). The adapter serves it as a Pods metric by rate() over
 *   `metrics.custom-rate-window` (prometheus-adapter's config-gen --rate-interval defaults
 *   to 5m; its default rule `^(.*)_total$` → `${1}` names it http_requests, and its
 *   walkthrough's rule http_requests_per_second), evaluated at the HPA's query time by
 *   extrapolatedRate (promql.ts). A pod with fewer than two samples in the window has no
 *   value yet: the HPA counts it as missing.
 * - Object metrics read a workload's value (a request rate: the sum of its pods' rates);
 *   external metrics the values of every workload that serves the name.
 * - The adapter's metric list is taken as known (its --metrics-relist-interval, 10m by
 *   default, only delays metric names that are new to Prometheus; a scenario's metrics are
 *   those of an application already deployed).
 * - Values carry the adapter's timestamp (the query's time) and the window the HPA's client
 *   assumes when the adapter sets none, `metrics.custom-window` (1m).
 *
 * Pods and workloads are known by their qualified names (`web-…`, `prod/web-…`); the HPA's
 * queries name pods of its own namespace.
 *
 * Worked example (defaults): 750 requests/s to 3 pods Ready from 2 s; scrapes at 60, 120, …;
 * at 120 each pod's rate(…[5m]) is 250 × 118/300 ≈ 98/s (a young series, promql.ts); it
 * reads the full 250/s once its samples span the window.
 */
import { parseQualifiedName, qualifiedName, qualifiedNameOf } from "../../k8s/namespaces.ts";
import type { LabelSelector, Pod, Time } from "../../k8s/types.ts";
import type { StoreView } from "../controller.ts";
import type { Settings } from "../settings.ts";
import type { WorkloadModel } from "../workload/loadModel.ts";
import { extrapolatedRate, type CounterSample } from "./promql.ts";
import type { CustomMetricSample } from "./types.ts";

/**
 * The Pods metric names request traffic serves: http_requests (prometheus-adapter's default
 * naming of http_requests_total) and http_requests_per_second (its walkthrough's), and the
 * plain requests_per_second.
 */
export const REQUEST_RATE_METRICS: readonly string[] = [
  "http_requests_per_second",
  "http_requests",
  "requests_per_second",
];

/** Prometheus' --query.lookback-delta default: an instant query sees samples up to 5 minutes old. */
export const LOOKBACK_DELTA = 300;

const isRunning = (p: Pod): boolean => p.status.phase === "Running";

/**
 * An adapter that answers some external.metrics.k8s.io queries itself (KEDA's metrics adapter,
 * engine/controllers/keda: those whose selector names a ScaledObject): values in milli, or
 * undefined for a query it leaves to prometheus-adapter.
 */
export type ExternalMetricsAdapter = (
  namespace: string,
  metric: string,
  selector: LabelSelector | undefined,
  now: Time,
) => number[] | undefined;

export class CustomMetricsPipeline {
  /** The next scrape, once some load feeds custom metrics. */
  private nextAt: Time | undefined;
  /** Per pod: its request counter's samples, as far back as a rate window reaches. */
  private readonly counters = new Map<string, CounterSample[]>();
  /** Metric → pod → the latest scraped gauge sample. */
  private readonly podGauges = new Map<string, Map<string, CounterSample>>();
  /** Deployment → metric → the latest scraped value of the workload (the total for `total`). */
  private readonly objectGauges = new Map<string, Map<string, CounterSample>>();

  /** An adapter asked before this pipeline's own external metrics (serveExternalMetrics). */
  externalAdapter: ExternalMetricsAdapter | undefined;

  constructor(private readonly workload: WorkloadModel) {}

  private interval(settings: Settings): number {
    return Math.max(1e-3, settings["metrics.custom-scrape-interval"]);
  }

  /** The next scrape instant after `now`, while some load feeds custom metrics. */
  nextScrape(now: Time): Time | undefined {
    if (!this.workload.hasCustomMetrics()) return undefined;
    return this.nextAt !== undefined && this.nextAt > now ? this.nextAt : undefined;
  }

  /**
   * Scrape if one is due at `now`. The first scrape is at the first multiple of the interval
   * at or after the load that needs it; the loop is woken at each (nextScrape).
   */
  maybeScrape(store: StoreView, settings: Settings, now: Time): void {
    if (!this.workload.hasCustomMetrics()) {
      this.nextAt = undefined;
      return;
    }
    const interval = this.interval(settings);
    this.nextAt ??= Math.ceil(now / interval - 1e-9) * interval;
    if (now < this.nextAt) return;
    this.scrape(store, settings, now);
    this.nextAt = (Math.floor(now / interval + 1e-9) + 1) * interval;
  }

  private scrape(store: StoreView, settings: Settings, now: Time): void {
    this.workload.advance(now);
    const keepFrom = now - settings["metrics.custom-rate-window"] - 2 * this.interval(settings);
    const withRequests = new Set(this.workload.deploymentsWithRequests());
    const alive = new Set<string>();
    const podsOf = new Map<string, string[]>();
    for (const pod of store.listAll("Pod").filter(isRunning)) {
      const name = qualifiedNameOf(pod);
      const d = this.workload.deploymentOf(name);
      if (d === undefined) continue;
      alive.add(name);
      (podsOf.get(d) ?? podsOf.set(d, []).get(d)!).push(name);
      if (!withRequests.has(d)) continue;
      const samples = this.counters.get(name) ?? [];
      samples.push({ t: now, v: this.workload.requestCount(name) ?? 0 });
      while (samples.length > 0 && samples[0].t <= keepFrom) samples.shift();
      this.counters.set(name, samples);
    }
    for (const [d, pods] of podsOf) {
      const ready = pods.filter((p) => this.workload.servesTraffic(p)).length;
      for (const metric of this.workload.metricNames(d)) {
        const channel = this.workload.metric(d, metric)!;
        const value = this.workload.metricValue(d, metric, now)!;
        const byPod = this.podGauges.get(metric) ?? this.podGauges.set(metric, new Map()).get(metric)!;
        for (const p of pods) {
          const v = !channel.total ? value : this.workload.servesTraffic(p) ? value / ready : 0;
          byPod.set(p, { t: now, v });
        }
        const objects = this.objectGauges.get(d) ?? this.objectGauges.set(d, new Map()).get(d)!;
        objects.set(metric, { t: now, v: value });
      }
    }
    // Series of pods that are gone (or no longer carry the load) go stale.
    for (const name of [...this.counters.keys()]) if (!alive.has(name)) this.counters.delete(name);
    for (const byPod of this.podGauges.values())
      for (const name of [...byPod.keys()]) if (!alive.has(name)) byPod.delete(name);
  }

  private fresh(s: CounterSample | undefined, now: Time): number | undefined {
    return s !== undefined && now - s.t <= LOOKBACK_DELTA ? s.v : undefined;
  }

  /** A pod's request rate (per second) at `now`, if Prometheus has enough of its samples. */
  private podRate(pod: string, settings: Settings, now: Time): number | undefined {
    const samples = this.counters.get(pod);
    return samples ? extrapolatedRate(samples, now, settings["metrics.custom-rate-window"]) : undefined;
  }

  /** Whether a workload's request traffic serves this metric name (and no `load metric` sets it). */
  private fromRequests(deployment: string, metric: string): boolean {
    return (
      REQUEST_RATE_METRICS.includes(metric) &&
      this.workload.metric(deployment, metric) === undefined &&
      this.workload.deploymentsWithRequests().includes(deployment)
    );
  }

  /** A workload's value of a metric as an object: its gauge, or the sum of its pods' request rates (milli). */
  private workloadValue(
    deployment: string,
    metric: string,
    settings: Settings,
    now: Time,
  ): number | undefined {
    if (this.workload.metric(deployment, metric) !== undefined)
      return this.fresh(this.objectGauges.get(deployment)?.get(metric), now);
    if (!this.fromRequests(deployment, metric)) return undefined;
    let total: number | undefined;
    for (const [pod] of this.counters) {
      if (this.workload.deploymentOf(pod) !== deployment) continue;
      const r = this.podRate(pod, settings, now);
      if (r !== undefined) total = (total ?? 0) + r;
    }
    return total === undefined ? undefined : total * 1000;
  }

  /** custom.metrics.k8s.io: the metric for each of these pods (of one namespace) that has a value. */
  podsMetric(
    namespace: string,
    metric: string,
    podNames: readonly string[],
    settings: Settings,
    now: Time,
  ): CustomMetricSample[] {
    const out: CustomMetricSample[] = [];
    const window = settings["metrics.custom-window"];
    for (const podName of podNames) {
      const pod = qualifiedName(namespace, podName);
      const d = this.workload.deploymentOf(pod);
      if (d === undefined) continue;
      let value: number | undefined;
      if (this.workload.metric(d, metric) !== undefined)
        value = this.fresh(this.podGauges.get(metric)?.get(pod), now);
      else if (this.fromRequests(d, metric)) {
        const r = this.podRate(pod, settings, now);
        value = r === undefined ? undefined : r * 1000;
      }
      if (value !== undefined) out.push({ pod: podName, valueMilli: value, timestamp: now, window });
    }
    return out;
  }

  /**
   * custom.metrics.k8s.io for an object of a namespace: the described Deployment's value, or
   * the one workload's of that namespace that serves the name.
   */
  objectMetric(
    namespace: string,
    kind: string,
    name: string,
    metric: string,
    settings: Settings,
    now: Time,
  ): number | undefined {
    if (kind === "Deployment") {
      const v = this.workloadValue(qualifiedName(namespace, name), metric, settings, now);
      if (v !== undefined) return v;
    }
    const serving = this.serving(namespace, metric);
    return serving.length === 1 ? this.workloadValue(serving[0], metric, settings, now) : undefined;
  }

  /** external.metrics.k8s.io (a namespaced query): the value of every workload of the namespace that serves the name. */
  externalMetric(
    namespace: string,
    metric: string,
    selector: LabelSelector | undefined,
    settings: Settings,
    now: Time,
  ): number[] | undefined {
    const served = this.externalAdapter?.(namespace, metric, selector, now);
    if (served !== undefined) return served.length > 0 ? served : undefined;
    const values = this.serving(namespace, metric)
      .map((d) => this.workloadValue(d, metric, settings, now))
      .filter((v): v is number => v !== undefined);
    return values.length > 0 ? values : undefined;
  }

  /** The workloads of a namespace that serve a metric name: by `load metric`, else by request traffic. */
  private serving(namespace: string, metric: string): string[] {
    const inNamespace = (d: string) => parseQualifiedName(d).namespace === namespace;
    const set = this.workload.deploymentsWithMetric(metric).filter(inNamespace);
    if (set.length > 0) return set;
    return REQUEST_RATE_METRICS.includes(metric)
      ? this.workload.deploymentsWithRequests().filter(inNamespace)
      : [];
  }
}
