/**
 * A simulated metrics-server (metrics.k8s.io) and custom/external metrics adapter.
 *
 * metrics-server scrapes every `metrics.resolution` (15 s). A CPU sample is the average usage
 * over the window since the previous scrape — it needs two cumulative points, so a pod's first
 * sample comes at the second scrape after it started running; memory is the working set at the
 * scrape. The HPA reads the latest sample. The reaction delay of seed 001's "why fast scale-up
 * isn't fast" comes out of this: a load step at t=20 with scrapes at 15, 30, 45 first shows
 * fully at the sample of t=45 (the 30 sample averages 10 s of load over 15 s), and the HPA
 * sees it at its next sync.
 *
 * Example: a pod Running from t=2, load 0 → 180m at t=20, scrapes at 15, 30, 45: no sample at
 * 15 (first point), 120m at 30 ((10 s × 180m)/15 s), 180m at 45.
 *
 * Custom and external metrics come through their own pipeline (customMetrics.ts: Prometheus
 * scrapes and prometheus-adapter's queries); the client the HPA reads serves both.
 */
import type { LabelSelector, Pod, Time } from "../../k8s/types.ts";
import { qualifiedName, qualifiedNameOf } from "../../k8s/namespaces.ts";
import type { StoreView } from "../controller.ts";
import type { Settings } from "../settings.ts";
import { scrapedMemory, type ScrapePoint, type WorkloadModel } from "../workload/loadModel.ts";
import { containerSplit, type ContainerSplit } from "../workload/containerShares.ts";
import type { CustomMetricsPipeline } from "./customMetrics.ts";
import type { Windows } from "../faults/index.ts";
import { serviceUnavailable } from "../faults/index.ts";
import type { CustomMetricSample, MetricsClient, PodResourceSample } from "./types.ts";

/**
 * What the resource metrics API answers while metrics-server is down: its APIService has no
 * endpoint, and the aggregator answers 503 (the HPA's metrics client wraps it as "unable to
 * fetch metrics from resource metrics API: …", metrics/client.go GetResourceMetric).
 */
export const METRICS_API_DOWN = serviceUnavailable("get", "pods.metrics.k8s.io");

/** Round up like Quantity.MilliValue() does for nanocores, ignoring float noise. */
const ceilMilli = (x: number): number => Math.ceil(x - 1e-6);

/**
 * The per-container values of a sample, shared by the pods a scrape found with the same values:
 * the pods of a workload mostly run the same containers under the same load, so one frozen
 * object serves them all instead of one per pod per scrape. Each pod's values are still
 * computed from its own integral; only equal results share an object.
 */
class SharedContainers {
  private last: { split: readonly ContainerSplit[]; values: PodResourceSample["containers"] } | undefined;

  of(split: readonly ContainerSplit[], cpu: number, memory: number): PodResourceSample["containers"] {
    const last = this.last;
    if (last && sameSplit(last.split, split)) {
      let same = true;
      for (const c of split) {
        const v = last.values[c.name];
        if (v.cpu !== ceilMilli(cpu * c.cpu) || v.memory !== Math.round(memory * c.memory)) {
          same = false;
          break;
        }
      }
      if (same) return last.values;
    }
    const values: PodResourceSample["containers"] = {};
    for (const c of split)
      values[c.name] = Object.freeze({ cpu: ceilMilli(cpu * c.cpu), memory: Math.round(memory * c.memory) });
    this.last = { split, values: Object.freeze(values) };
    return values;
  }
}

/** Two pods' container splits alike: the same names and shares in the same order. */
function sameSplit(a: readonly ContainerSplit[], b: readonly ContainerSplit[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i].name !== b[i].name || a[i].cpu !== b[i].cpu || a[i].memory !== b[i].memory) return false;
  return true;
}

/** What a scrape reads of a Running pod. */
interface RunningPod {
  /** Qualified name (namespaces.ts), the key of its point and sample. */
  name: string;
  podName: string;
  nodeName: string | undefined;
  split: readonly ContainerSplit[];
  /**
   * The pod's state in the workload model and its point, as last looked up, with the spread
   * and the point generation they were looked up in: both stay the same objects until the
   * load is spread anew or a point is forgotten, so a scrape of an unchanged list looks
   * neither up again.
   */
  state: ScrapePoint | undefined;
  stateSpread: number;
  point: Point | undefined;
  pointGeneration: number;
}

/** A pod's last cumulative CPU point, with the start of the container run it counts and the scrape that last saw it. */
interface Point {
  t: Time;
  integral: number;
  since: Time | undefined;
  scrape: number;
}

/** The Running pods of a pods list, and the nodes they are on. */
interface Running {
  pods: readonly RunningPod[];
  nodes: readonly string[];
}

/** The Running pods of a pods list (a fresh record for each, nothing looked up yet). */
function runningPods(list: readonly Pod[]): Running {
  const pods = list
    .filter((p) => p.status.phase === "Running")
    .map((p): RunningPod => ({
      name: qualifiedNameOf(p),
      podName: p.metadata.name,
      nodeName: p.spec.nodeName,
      split: containerSplit(p),
      state: undefined,
      stateSpread: -1,
      point: undefined,
      pointGeneration: -1,
    }));
  const nodes = [...new Set(pods.flatMap((p) => (p.nodeName === undefined ? [] : [p.nodeName])))];
  return { pods, nodes };
}

export class MetricsServer {
  /**
   * Each pod's last cumulative CPU point, with the start of the container run it counts and
   * the scrape that last saw the pod running (a pod no scrape sees is forgotten).
   */
  private points = new Map<string, Point>();
  /** Counts the times points were forgotten: a RunningPod's remembered point is stale once it moves. */
  private pointGeneration = 0;
  /**
   * The Running pods of a pods list, kept per list the store keeps (frozen): a scrape every
   * 15 s reads the same list until a pod is written. Per server, as the records remember
   * this server's points.
   */
  private readonly runningOfList = new WeakMap<readonly Pod[], Running>();
  /** Scrapes so far: the `scrape` stamp of the points the current one saw. */
  private scrapes = 0;
  private latest = new Map<string, PodResourceSample>();
  private now: Time = 0;
  private settings: Settings | undefined;

  constructor(
    private readonly workload: WorkloadModel,
    private readonly custom: CustomMetricsPipeline,
    /** When metrics-server is down (`fault metrics down`): no scrapes, and its API answers 503. */
    private readonly outages?: Windows,
    /** Whether a node's kubelet is down at t (`fault node … down`): its pods cannot be scraped. */
    private readonly nodeDown?: (node: string, t: Time) => boolean,
  ) {}

  /** Whether metrics-server is down at t. */
  down(t: Time): boolean {
    return this.outages?.covers(t) ?? false;
  }

  /**
   * One scrape at `now` of every Running pod (the workload must be observed up to now). Down,
   * it scrapes nothing and forgets what it had: a metrics-server that comes back starts from
   * no points, so a pod's CPU rate is known again only at its second scrape. A container that
   * restarted since the last point starts its counters again, so its first window after the
   * restart gives no sample either (metrics-server needs two points of one container run).
   */
  scrape(store: StoreView, settings: Settings, now: Time): void {
    this.workload.advance(now);
    this.now = now;
    if (this.down(now)) {
      this.points.clear();
      this.pointGeneration++;
      this.latest.clear();
      return;
    }
    const retain = settings["memory.retain"];
    const scrape = ++this.scrapes;
    const shared = new SharedContainers();
    let stamped = 0;
    const list = store.listAll("Pod");
    let running = this.runningOfList.get(list);
    if (!running) {
      running = runningPods(list);
      if (Object.isFrozen(list)) this.runningOfList.set(list, running);
    }
    const spread = this.workload.spreadGeneration;
    // The nodes whose kubelet is down now, asked once per node (many pods share a node).
    const downNodes = new Set(running.nodes.filter((node) => this.nodeDown?.(node, now)));
    for (const pod of running.pods) {
      const name = pod.name;
      // A node whose kubelet is down answers no scrape: its pods have no sample meanwhile.
      if (downNodes.size > 0 && pod.nodeName !== undefined && downNodes.has(pod.nodeName)) continue;
      if (pod.stateSpread !== spread) {
        pod.state = this.workload.scrapePoint(name);
        pod.stateSpread = spread;
      }
      const point = pod.state;
      if (point === undefined) continue;
      const { integral, runningSince: since } = point;
      if (pod.pointGeneration !== this.pointGeneration) {
        pod.point = this.points.get(name);
        pod.pointGeneration = this.pointGeneration;
      }
      const prev = pod.point;
      if (prev && prev.since !== since) this.latest.delete(name);
      const usable = prev !== undefined && prev.t < now && prev.since === since;
      const window = usable ? now - prev.t : 0;
      const prevIntegral = usable ? prev.integral : 0;
      if (prev) {
        prev.t = now;
        prev.integral = integral;
        prev.since = since;
        prev.scrape = scrape;
      } else {
        pod.point = { t: now, integral, since, scrape };
        this.points.set(name, pod.point);
      }
      stamped++;
      if (!usable) continue;
      const cpu = (integral - prevIntegral) / window;
      const memory = scrapedMemory(point, retain) * 1000;
      const containers = shared.of(pod.split, cpu, memory);
      // The pod's sample record is written over, not made anew: one object per pod per
      // scrape that lives until the next scrape is what V8 pretenures and then collects only
      // in full collections (most of the x10 day's peak RSS). The HPA reads the samples within
      // its sync; `sample` hands others a copy.
      const sample = this.latest.get(name);
      if (sample) {
        sample.timestamp = now;
        sample.window = window;
        sample.containers = containers;
      } else this.latest.set(name, { pod: pod.podName, timestamp: now, window, containers });
    }
    // A sample is only ever kept beside its pod's point: forgetting the point forgets both.
    // (Every pod the loop stamped has a point of its own, so when it stamped them all none is stale.)
    if (stamped === this.points.size) return;
    for (const [name, point] of this.points)
      if (point.scrape !== scrape) {
        this.points.delete(name);
        this.latest.delete(name);
      }
    this.pointGeneration++;
  }

  /** The time (and settings) custom metrics are queried at: the HPA's sync. */
  setClock(now: Time, settings: Settings): void {
    this.now = now;
    this.settings = settings;
  }

  /** The latest sample of a pod, by its qualified name (for tests, kubectl top and the explainer). */
  sample(pod: string): PodResourceSample | undefined {
    const s = this.latest.get(pod);
    return s && { ...s };
  }

  /** The metrics APIs as an HPA of `namespace` reads them (at the time setClock gave). */
  client(namespace: string): MetricsClient {
    const latest = this.latest;
    const custom = this.custom;
    const at = (): { now: Time; settings: Settings } => {
      if (!this.settings) throw new Error("metrics client used before setClock");
      return { now: this.now, settings: this.settings };
    };
    const down = () => this.down(this.now);
    return {
      resourceSamples(podNames: readonly string[]): PodResourceSample[] | { error: string } {
        if (down()) return { error: METRICS_API_DOWN.message };
        const samples: PodResourceSample[] = [];
        for (const n of podNames) {
          const s = latest.get(qualifiedName(namespace, n));
          if (s) samples.push(s);
        }
        return samples;
      },
      podsMetric(metricName: string, podNames: readonly string[]): CustomMetricSample[] {
        const { now, settings } = at();
        return custom.podsMetric(namespace, metricName, podNames, settings, now);
      },
      objectMetric(kind: string, name: string, metricName: string): number | undefined {
        const { now, settings } = at();
        return custom.objectMetric(namespace, kind, name, metricName, settings, now);
      },
      externalMetric(metricName: string, selector: LabelSelector | undefined): number[] | undefined {
        const { now, settings } = at();
        return custom.externalMetric(namespace, metricName, selector, settings, now);
      },
    };
  }
}
