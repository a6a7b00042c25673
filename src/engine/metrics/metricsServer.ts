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
import { alignByIdentity, writtenOver } from "../controllers/listAlign.ts";
import { alignPods } from "../controllers/hpa/groupPods.ts";
import {
  scrapedMemory,
  type ScrapePoint,
  type ScrapeSlot,
  type WorkloadModel,
} from "../workload/loadModel.ts";
import { containerSplit, type ContainerSplit } from "../workload/containerShares.ts";
import type { CustomMetricsPipeline } from "./customMetrics.ts";
import type { Windows } from "../faults/index.ts";
import { serviceUnavailable } from "../faults/index.ts";
import type { CustomMetricSample, MetricsClient, PodResourceSample, ResourceSampleView } from "./types.ts";

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
 * object serves them all instead of one per pod per scrape. (A pod whose values did not change
 * since its last sample keeps that sample's object: MetricsServer.scrape.) Each pod's values
 * are still computed from its own integral; only equal results share an object.
 */
class SharedContainers {
  private last: { split: readonly ContainerSplit[]; values: PodResourceSample["containers"] } | undefined;

  of(split: readonly ContainerSplit[], cpu: number, memory: number): PodResourceSample["containers"] {
    const last = this.last;
    if (last && sameSplit(last.split, split) && holds(last.values, split, cpu, memory)) return last.values;
    const values: PodResourceSample["containers"] = {};
    for (let i = 0; i < split.length; i++) {
      const c = split[i];
      values[c.name] = Object.freeze({ cpu: ceilMilli(cpu * c.cpu), memory: Math.round(memory * c.memory) });
    }
    this.last = { split, values: Object.freeze(values) };
    return values;
  }
}

/**
 * Whether a values object made for this split holds what a pod at this CPU and memory would get.
 * (Splits are frozen, and V8 iterates a frozen array with `for … of` through an iterator object
 * and a result object per element even in optimised code: every group of every scrape asks.)
 */
function holds(
  values: PodResourceSample["containers"],
  split: readonly ContainerSplit[],
  cpu: number,
  memory: number,
): boolean {
  for (let i = 0; i < split.length; i++) {
    const c = split[i];
    const v = values[c.name];
    if (v.cpu !== ceilMilli(cpu * c.cpu) || v.memory !== Math.round(memory * c.memory)) return false;
  }
  return true;
}

/** Two pods' container splits alike: the same names and shares in the same order. */
function sameSplit(a: readonly ContainerSplit[], b: readonly ContainerSplit[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++)
    if (a[i].name !== b[i].name || a[i].cpu !== b[i].cpu || a[i].memory !== b[i].memory) return false;
  return true;
}

/** Whether a pod with this scrape state and split belongs to a group: see Group. */
const alike = (g: Group, state: ScrapePoint, split: readonly ContainerSplit[]): boolean =>
  g.state.run === state.run &&
  g.split === split &&
  Object.is(g.state.runningSince, state.runningSince) &&
  Object.is(g.state.memoryBytes, state.memoryBytes) &&
  Object.is(g.state.retainedBytes, state.retainedBytes);

/**
 * Whether every group's pods are still alike after a spread that gave no pod a new state
 * object (the same pods, points and nodes): each pod's state is one of its group's states, so
 * the groups a regrouping would make are these (or coarser only where pods have no point yet;
 * a group's sample is computed from its own values, so equal groups apart give equal samples).
 */
function stillAlike(groups: readonly Group[]): boolean {
  for (const g of groups) {
    const s = g.states[0];
    for (let i = 1; i < g.states.length; i++) {
      const t = g.states[i];
      if (
        t.run !== s.run ||
        !Object.is(t.runningSince, s.runningSince) ||
        !Object.is(t.memoryBytes, s.memoryBytes) ||
        !Object.is(t.retainedBytes, s.retainedBytes)
      )
        return false;
    }
  }
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
   * Its record in a server's `points` as last found (MetricsServer.recordOf), and the map it
   * is in: a regrouping read every running pod's record by name, in a map of ten thousand.
   */
  record: PodPoint | undefined;
  recordIn: ReadonlyMap<string, PodPoint> | undefined;
}

/**
 * A last cumulative CPU point, with the start of the container run it counts and the scrape
 * that last saw it, and the latest sample: its window and containers' values, stamped at the
 * point's time (a sample is made only at the scrape that stamps the point, and a point
 * re-stamped at the same instant keeps it). One point stands for the pods of a scrape group
 * (see Group), which have the same values.
 */
interface Point {
  t: Time;
  integral: number;
  since: Time | undefined;
  scrape: number;
  /** The sample's containers' values; undefined while there is no sample. */
  containers: PodResourceSample["containers"] | undefined;
  /** The container split the values were made for. */
  split: readonly ContainerSplit[] | undefined;
  window: number;
  /**
   * The CPU rate and working set (milli-bytes) the last usable scrape computed, with which
   * `containers` is known to hold (holds): NaN when none is. A steady load gives the same two
   * numbers, bit for bit, at nearly every scrape.
   */
  cpu: number;
  memory: number;
  /** How many records of `points` have it (those of pods gone included, until forgotten). */
  refs: number;
}

/**
 * A copy of a point with `refs` records, made field by field as a scrape makes a point. (An
 * object spread's copy has a map whose number fields are generalised to tagged values: each
 * number a scrape stored into it after was a new heap number, most of the 6.1 MB a scrape
 * allocated in a warm day, where a point made by a literal has double fields written in place.)
 */
const copyPoint = (p: Point, refs: number): Point => ({
  t: p.t,
  integral: p.integral,
  since: p.since,
  scrape: p.scrape,
  containers: p.containers,
  split: p.split,
  window: p.window,
  cpu: p.cpu,
  memory: p.memory,
  refs,
});

/** A pod's point: its own record, the point it shares with its scrape group. */
interface PodPoint {
  podName: string;
  point: Point;
  /** Out of `points` (forgotten): a record is never put back. */
  gone: boolean;
}

/** A pod's sample, as the metrics API serves it. */
const sampleOf = (p: PodPoint | undefined): PodResourceSample | undefined =>
  p?.point.containers && {
    pod: p.podName,
    timestamp: p.point.t,
    window: p.point.window,
    containers: p.point.containers,
  };

/**
 * Pods a scrape treats as one: the same run of the workload model (the same integral bits),
 * the same container run start, working set and container split, and the same last point
 * (or none yet). Each pod's sample is the same function of the same values, so a scrape
 * computes it once per group and the pods share the point (and the sample with it).
 */
interface Group {
  state: ScrapePoint;
  /**
   * The workload model's state objects of its pods, each once (`state` first): the model
   * rewrites a state in place for all the pods that share it, so the group holds across a
   * spread while these are still alike.
   */
  states: ScrapePoint[];
  split: readonly ContainerSplit[];
  /**
   * Its pods while it has no point (a scrape gives each of them a record of the point it
   * makes); a group with a point re-points its pods' records, and lists none of them.
   */
  pods: RunningPod[];
  /** The group's own point, once a scrape made or took one. */
  point: Point | undefined;
}

/** The Running pods of a pods list, and the nodes they are on. */
interface Running {
  /** The pods list they were read from, and each one's place in it (aligned with `pods`). */
  list: readonly Pod[];
  pods: RunningPod[];
  at: number[];
  /** Each pod of the list's record when it is Running (aligned with `list`). */
  byPlace: (RunningPod | undefined)[];
  nodes: readonly string[];
}

/** What a scrape reads of a pod: a pure function of the pod object (never changed in place). */
const runningPodRecord = (p: Pod): RunningPod => ({
  name: qualifiedNameOf(p),
  podName: p.metadata.name,
  nodeName: p.spec.nodeName,
  split: containerSplit(p),
  record: undefined,
  recordIn: undefined,
});

/**
 * The records of the pods of lists that carry nothing from one to the next (lists not frozen:
 * listAlign.ts), kept per pod object. The store's lists carry a pod's record to the next list
 * themselves, and a record kept here too would outlive its use by as long as the pod lives.
 */
const runningPodOf = new WeakMap<Pod, RunningPod>();

function runningPod(p: Pod, frozenList: boolean): RunningPod {
  if (frozenList) return runningPodRecord(p);
  let pod = runningPodOf.get(p);
  if (!pod) runningPodOf.set(p, (pod = runningPodRecord(p)));
  return pod;
}

/**
 * The Running pods of a pods list. What a pod of `last`'s list was (its record, or not
 * Running) is carried to the very same pod object of this one (listAlign.ts): a pure function
 * of the object, read again only for the pods written or created since. Over a list the load
 * model laid out (`slots`, aligned with it: every scrape after pods changed, as the spread comes
 * first), the record is kept with the model's record of the pod instead, and the two lists are
 * not aligned (keptRunningPod). Written into the
 * arrays of `retired` when given (a Running nothing reads any more, not `last`): they are
 * refilled by index and cut to length, where new ones per list lived long enough to be
 * promoted and die in the old generation.
 */
function runningPods(
  list: readonly Pod[],
  last: Running | undefined,
  retired: Running | undefined,
  slots: readonly ScrapeSlot[] | undefined,
): Running {
  const pods: RunningPod[] = retired?.pods ?? [];
  const at: number[] = retired?.at ?? [];
  const byPlace: (RunningPod | undefined)[] = retired?.byPlace ?? [];
  let count = 0;
  const frozen = Object.isFrozen(list);
  // The workload's records of this very list's pods, by place, when it laid the list out (a
  // scrape after a spread over it): each keeps the pod's record, so the lists need no aligning.
  const kept = frozen ? slots : undefined;
  const from = last !== undefined && kept === undefined ? alignByIdentity(last.list, list) : undefined;
  // The nodes in the order their first pod comes (see NodesSeen).
  const nodes = new NodesSeen();
  for (let i = 0; i < list.length; i++) {
    const was = from !== undefined ? from[i] : -1;
    let pod: RunningPod | undefined;
    if (kept !== undefined) pod = keptRunningPod(list[i], kept[i]);
    else if (was >= 0) pod = last!.byPlace[was];
    else {
      const p = list[i];
      if (p.status.phase === "Running") {
        // A status written over a Running pod keeps its spec, name and namespace, all a record
        // holds (its split is kept per containers list): the record is the old one's.
        const over = was <= -2 ? writtenOver(was) : -1;
        const old = over >= 0 ? last!.byPlace[over] : undefined;
        pod = old !== undefined && last!.list[over].spec === p.spec ? old : runningPod(p, frozen);
      }
    }
    byPlace[i] = pod;
    if (pod === undefined) continue;
    pods[count] = pod;
    at[count] = i;
    count++;
    if (pod.nodeName !== undefined) nodes.add(pod.nodeName);
  }
  byPlace.length = list.length;
  pods.length = count;
  at.length = count;
  return { list, pods, at, byPlace, nodes: nodes.list };
}

/**
 * A pod's record when Running, from the workload's record of it (a pure function of the pod
 * object, as runningPods carries it): the record kept there for this very object, or for one
 * this was written over keeping its spec (a status write; the slot is the same pod's, by name).
 */
function keptRunningPod(p: Pod, slot: ScrapeSlot): RunningPod | undefined {
  if (p.status.phase !== "Running") return undefined;
  const was = slot.scrapeKeptFor;
  if (was !== p) {
    if (was === undefined || was.spec !== p.spec) slot.scrapeKept = runningPodRecord(p);
    slot.scrapeKeptFor = p;
  }
  return slot.scrapeKept as RunningPod;
}

/** How many nodes are looked for in the list itself before a set is kept beside it. */
const FEW_NODES = 8;

/**
 * Distinct node names in the order first added. Each Running pod of every new pods list adds
 * its node, and a cluster mostly has a few: the list is searched with string comparisons
 * (a pod's node name is mostly the very string of its node's), where a Set hashed the name;
 * past a few nodes, a Set finds them.
 */
class NodesSeen {
  readonly list: string[] = [];
  private set: Set<string> | undefined;

  add(node: string): void {
    const list = this.list;
    if (this.set !== undefined) {
      if (this.set.has(node)) return;
      this.set.add(node);
    } else {
      for (let i = 0; i < list.length; i++) if (list[i] === node) return;
      if (list.length === FEW_NODES) this.set = new Set([...list, node]);
    }
    list.push(node);
  }
}

/** The runs of consecutive pods of a names list that find the same point (or none), at a layout. */
interface PointRuns {
  layout: number;
  ends: Int32Array;
  points: (Point | undefined)[];
}

function pointRuns(records: readonly (PodPoint | undefined)[], layout: number): PointRuns {
  const ends: number[] = [];
  const points: (Point | undefined)[] = [];
  for (let i = 0; i < records.length; i++) {
    const point = records[i]?.point;
    if (points.length > 0 && points[points.length - 1] === point) ends[ends.length - 1] = i + 1;
    else {
      points.push(point);
      ends.push(i + 1);
    }
  }
  return { layout, ends: Int32Array.from(ends), points };
}

/** The scrape groups of a pods list, and what they were made from. */
interface Groups {
  running: Running;
  spread: number;
  /** The workload model's statesGeneration: the pods' state objects are those the groups were made from. */
  states: number;
  /** The server's clearings (MetricsServer.clearings): the groups' points are in `points`. */
  clearings: number;
  /** The nodes whose kubelet was down (their pods are in no group), joined. */
  down: string;
  groups: readonly Group[];
  /** The pods in the groups. */
  size: number;
}

export class MetricsServer {
  /**
   * Each pod's last cumulative CPU point, with the start of the container run it counts, the
   * scrape that last saw the pod running (a pod no scrape sees is forgotten) and its latest
   * sample (a sample is only ever kept beside its pod's point: forgetting one forgets both).
   */
  private points = new Map<string, PodPoint>();
  /** The scrape groups of the last scrape, kept while what they were made from is the same. */
  private grouped: Groups | undefined;
  /**
   * Counts the times every point was forgotten at once (metrics-server down): the groups'
   * points are then gone from `points`, and the next scrape groups the pods anew. (A scrape
   * that forgets the points of pods it did not stamp leaves the groups whole: see scrape.)
   */
  private clearings = 0;
  /** Counts the records put into `points` (each under a name that had none). */
  private puts = 0;
  /**
   * The Running pods of the last list read: the next list carries what it can from them, and
   * a scrape every 15 s reads the same list (frozen: the store keeps it) until a pod is written.
   */
  private lastRunning: Running | undefined;
  /**
   * The Running before the last, whose arrays the next list's take: by then nothing reads it
   * (the scrape groups are made again from each new Running).
   */
  private retiredRunning: Running | undefined;
  /**
   * Moves whenever a pod's record may point to another point, or a record comes or goes
   * (regrouping, a first point, forgetting): while it stays, the point each pod name finds is
   * the same object (its values change in place), so runs of pods sharing one can be kept.
   */
  private layout = 0;
  /** Scrapes so far: the `scrape` stamp of the points the current one saw. */
  private scrapes = 0;
  /**
   * Moves whenever a sample comes, goes, or changes in anything but its timestamp (its
   * containers' values object or its window): a scrape of a steady load only re-stamps the
   * samples, and a reader that computed from them can tell it need not read them again.
   */
  private generation = 0;
  /** The time of the last scrape: no sample's timestamp is later. */
  private stampedUpTo: Time = -Infinity;
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
    // Asked at every scrape and at every read of the metrics API (each HPA sync): a run with no
    // outage declared makes no closure for `covers` each time.
    const outages = this.outages;
    return outages !== undefined && !outages.empty && outages.covers(t);
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
      for (const { point } of this.points.values())
        if (point.containers) {
          this.generation++;
          break;
        }
      this.points.forEach((record) => (record.gone = true));
      this.points.clear();
      this.clearings++;
      this.layout++;
      return;
    }
    this.stampedUpTo = now;
    const retain = settings["memory.retain"];
    const scrape = ++this.scrapes;
    // Made when a group's values change (a steady scrape changes none).
    let shared: SharedContainers | undefined;
    const list = store.listAll("Pod");
    let running = this.lastRunning;
    if (running === undefined || running.list !== list || !Object.isFrozen(list)) {
      running = runningPods(list, this.lastRunning, this.retiredRunning, this.workload.scrapePointsOf(list));
      this.retiredRunning = this.lastRunning;
      this.lastRunning = running;
    }
    // The nodes whose kubelet is down now, asked once per node (many pods share a node).
    const down = this.downNodes(running.nodes, now);
    let grouped = this.grouped;
    if (
      grouped === undefined ||
      grouped.running !== running ||
      grouped.states !== this.workload.statesGeneration ||
      grouped.clearings !== this.clearings ||
      grouped.down !== down ||
      (grouped.spread !== this.workload.spreadGeneration && !stillAlike(grouped.groups))
    ) {
      grouped = this.grouped = this.group(running, down);
      this.layout++;
    } else grouped.spread = this.workload.spreadGeneration;
    // By index (see holds): `for … of` makes an iterator and a result object per group at every
    // scrape in the tiers below the optimiser.
    const groups = grouped.groups;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g];
      const { run, runningSince: since } = group.state;
      const integral = run.integral;
      const prev = group.point;
      if (prev === undefined) {
        const point: Point = {
          t: now,
          integral,
          since,
          scrape,
          containers: undefined,
          split: undefined,
          window: 0,
          cpu: NaN,
          memory: NaN,
          refs: group.pods.length,
        };
        group.point = point;
        for (const pod of group.pods) {
          const record: PodPoint = { podName: pod.podName, point, gone: false };
          this.points.set(pod.name, record);
          this.puts++;
          this.keepRecord(pod, record);
        }
        this.layout++;
        continue;
      }
      if (prev.since !== since && prev.containers) {
        prev.containers = undefined;
        this.generation++;
      }
      const usable = prev.t < now && prev.since === since;
      const window = now - prev.t;
      const prevIntegral = prev.integral;
      prev.t = now;
      prev.integral = integral;
      prev.since = since;
      prev.scrape = scrape;
      if (!usable) continue;
      const cpu = (integral - prevIntegral) / window;
      const memory = scrapedMemory(group.state, retain) * 1000;
      // Values that did not change keep their object: the sample is known unchanged by
      // identity (the generation stays). holds is a function of the values, the split, the
      // rate and the working set, so the very numbers it last held with hold again unread.
      const kept = prev.containers;
      if (kept && prev.split === group.split && prev.window === window) {
        if (cpu === prev.cpu && memory === prev.memory) continue;
        if (holds(kept, group.split, cpu, memory)) {
          prev.cpu = cpu;
          prev.memory = memory;
          continue;
        }
      }
      prev.containers = (shared ??= new SharedContainers()).of(group.split, cpu, memory);
      prev.split = group.split;
      prev.window = window;
      prev.cpu = cpu;
      prev.memory = memory;
      this.generation++;
    }
    const stamped = grouped.size;
    // Forgetting a point forgets its sample. (Every pod the loop stamped has a point of its
    // own, so when it stamped them all none is stale.) The groups stay as they are: a group's
    // point has no record but its pods' (group: a group keeps its point only with every record
    // of it, else takes a copy for its pods alone; a point made here is its pods' alone), and
    // this scrape stamped them all, so no record forgotten is a group's pod's or has its point.
    // Grouped again, the same pods would find the same states and points: the same groups.
    if (stamped === this.points.size) return;
    // forEach, not `for (const [name, record] of …)`: V8 makes an entry array per pod for that.
    this.points.forEach((record, name, points) => {
      const point = record.point;
      if (point.scrape !== scrape) {
        record.gone = true;
        points.delete(name);
        point.refs--;
        if (point.containers) this.generation++;
      }
    });
    this.layout++;
  }

  /**
   * A running pod's record in `points` (what `points.get` of its name gives), as its RunningPod
   * keeps it from this map: a record is in the map under its name until it is gone (marked as
   * it leaves), and one is put in only under a name that has none. The scrape that puts a
   * record keeps it on its pod's RunningPod (a pod found without one is given one then).
   */
  private recordOf(pod: RunningPod): PodPoint | undefined {
    const kept = pod.record;
    if (kept !== undefined && !kept.gone && pod.recordIn === this.points) return kept;
    const record = this.points.get(pod.name);
    if (record !== undefined) this.keepRecord(pod, record);
    return record;
  }

  private keepRecord(pod: RunningPod, record: PodPoint): void {
    pod.record = record;
    pod.recordIn = this.points;
  }

  /** The nodes of `nodes` whose kubelet is down at `now`, joined by NUL ("" for none, most scrapes). */
  private downNodes(nodes: readonly string[], now: Time): string {
    const nodeDown = this.nodeDown;
    if (nodeDown === undefined) return "";
    let down = "";
    let any = false;
    for (let i = 0; i < nodes.length; i++)
      if (nodeDown(nodes[i], now)) {
        down = any ? `${down}\u0000${nodes[i]}` : nodes[i];
        any = true;
      }
    return down;
  }

  /**
   * The scrape groups of the running pods (those on a node in `down` aside): pods with the
   * same run, container run start, working set, split and last point. Each group takes a copy
   * of its pods' last point for its own: pods that shared a point may part now, and a pod in
   * no group keeps the old one, which no scrape stamps again (it is forgotten). A group with
   * every record of its last point keeps that point itself: no other record reads it.
   */
  private group(running: Running, down: string): Groups {
    const downNodes = new Set(down === "" ? [] : down.split("\u0000"));
    const groups: Group[] = [];
    // Each group with its pods' point records (when it has a point): they are re-pointed below
    // without a second look-up by name.
    const withRecords: { group: Group; records: PodPoint[] }[] = [];
    const byPoint = new Map<Point | undefined, { group: Group; records: PodPoint[] }[]>();
    // The entry the previous pod went to: pods of one run come one after another in a pods
    // list, and a pod that goes where the previous one went needs no look-up of its point's
    // entries. It is the entry the look-up would find: no two entries of one point are alike.
    let previous: { group: Group; records: PodPoint[] } | undefined;
    let size = 0;
    // Each pod's state by its place in the list when the last spread laid out this very list
    // (the state its name would find), else by its name.
    const byPlace = this.workload.scrapePointsOf(running.list);
    const pods = running.pods;
    for (let i = 0; i < pods.length; i++) {
      const pod = pods[i];
      // A node whose kubelet is down answers no scrape: its pods have no sample meanwhile.
      if (downNodes.size > 0 && pod.nodeName !== undefined && downNodes.has(pod.nodeName)) continue;
      const state =
        byPlace !== undefined ? byPlace[running.at[i]].state : this.workload.scrapePoint(pod.name);
      if (state === undefined) continue;
      size++;
      const record = this.recordOf(pod);
      const last = record?.point;
      let entry =
        previous !== undefined && previous.group.point === last && alike(previous.group, state, pod.split)
          ? previous
          : undefined;
      if (!entry) {
        let entries = byPoint.get(last);
        if (!entries) byPoint.set(last, (entries = []));
        for (const e of entries)
          if (alike(e.group, state, pod.split)) {
            entry = e;
            break;
          }
        if (!entry) {
          entry = { group: { state, states: [state], split: pod.split, pods: [], point: last }, records: [] };
          entries.push(entry);
          groups.push(entry.group);
          withRecords.push(entry);
        }
      }
      previous = entry;
      const g = entry.group;
      if (last === undefined) g.pods.push(pod);
      if (state !== g.states[g.states.length - 1] && !g.states.includes(state)) g.states.push(state);
      // A pod with a point has its record (a point is only ever kept beside its pod's record).
      if (record !== undefined) entry.records.push(record);
    }
    for (const { group: g, records } of withRecords) {
      const last = g.point;
      // A group that has every record of its point keeps it: no pod parts from it. (Copied and
      // re-pointed, each record was a store of a young object into an old one.)
      if (last === undefined || records.length === last.refs) continue;
      const point = (g.point = copyPoint(last, records.length));
      last.refs -= records.length;
      for (const record of records) record.point = point;
    }
    return {
      running,
      spread: this.workload.spreadGeneration,
      states: this.workload.statesGeneration,
      clearings: this.clearings,
      down,
      groups,
      size,
    };
  }

  /**
   * What an unchanged answer of the resource metrics API can be known by: the generation of
   * the samples' values, and the time no sample's timestamp is past.
   */
  get samplesState(): { generation: number; stampedUpTo: Time } {
    const last = this.lastSamplesState;
    if (last !== undefined && last.generation === this.generation && last.stampedUpTo === this.stampedUpTo)
      return last;
    return (this.lastSamplesState = Object.freeze({
      generation: this.generation,
      stampedUpTo: this.stampedUpTo,
    }));
  }

  /** The last samplesState given: every HPA sync asks, and it changes at most once a scrape. */
  private lastSamplesState: { readonly generation: number; readonly stampedUpTo: Time } | undefined;

  /** The time (and settings) custom metrics are queried at: the HPA's sync. */
  setClock(now: Time, settings: Settings): void {
    this.now = now;
    this.settings = settings;
  }

  /** The latest sample of a pod, by its qualified name (for tests, kubectl top and the explainer). */
  sample(pod: string): PodResourceSample | undefined {
    return sampleOf(this.points.get(pod));
  }

  /** The metrics APIs as the HPAs of a namespace read them, one per namespace. */
  private readonly clients = new Map<string, MetricsClient>();

  /** The metrics APIs as an HPA of `namespace` reads them (at the time setClock gave). */
  client(namespace: string): MetricsClient {
    let client = this.clients.get(namespace);
    if (!client) this.clients.set(namespace, (client = this.newClient(namespace)));
    return client;
  }

  private newClient(namespace: string): MetricsClient {
    const points = this.points;
    const custom = this.custom;
    const at = (): { now: Time; settings: Settings } => {
      if (!this.settings) throw new Error("metrics client used before setClock");
      return { now: this.now, settings: this.settings };
    };
    const down = () => this.down(this.now);
    const layout = () => this.layout;
    // The runs of each names list asked (a selected pods list's, kept while the list is).
    const runsOf = new WeakMap<readonly string[], PointRuns>();
    // The record each name of the last pods list asked by runs found, and the count of records
    // put then (recordsOf).
    let lastRecords: { pods: readonly Pod[]; records: (PodPoint | undefined)[]; puts: number } | undefined;
    /**
     * The record `points` holds for each of the names (those of `pods`, in its order, when
     * given). A pod of the last pods list asked, or one written over one of them (the same name),
     * has the record it had until that record is gone, and a pod that had none still has none
     * while no record was put in (as MetricsServer.recordOf): new pods lists come with every pod
     * write, and each name was looked up in a map of ten thousand.
     */
    const recordsOf = (podNames: readonly string[], pods: readonly Pod[] | undefined) => {
      const puts = this.puts;
      const last = lastRecords;
      const asked = pods !== undefined && pods.length === podNames.length ? pods : undefined;
      // alignPods: the HPA that asks has aligned the same two lists (its pods' views and requests).
      const from = asked !== undefined && last !== undefined ? alignPods(last.pods, asked) : undefined;
      const records = new Array<PodPoint | undefined>(podNames.length);
      for (let i = 0; i < podNames.length; i++) {
        const was = from !== undefined ? from[i] : -1;
        const k = was >= 0 ? was : was <= -2 ? writtenOver(was) : -1;
        let record = k >= 0 ? last!.records[k] : undefined;
        if (k < 0 || (record !== undefined ? record.gone : last!.puts !== puts))
          record = points.get(keyOf(podNames[i]));
        records[i] = record;
      }
      if (asked !== undefined) lastRecords = { pods: asked, records, puts };
      return records;
    };
    // A pod's key in `points`: its name in `default` (qualifiedName), else kept per name, as an
    // HPA asks for the same pods' samples at every sync and the key would be a new string each
    // time. Kept within a bound (names of pods long gone go when it is reached).
    const keys = new Map<string, string>();
    const keyOf =
      qualifiedName(namespace, "") === ""
        ? (name: string) => name
        : (name: string) => {
            let key = keys.get(name);
            if (key === undefined) {
              if (keys.size >= 2 * points.size + 1024) keys.clear();
              keys.set(name, (key = qualifiedName(namespace, name)));
            }
            return key;
          };
    return {
      resourceSamples(podNames: readonly string[]): PodResourceSample[] | { error: string } {
        if (down()) return { error: METRICS_API_DOWN.message };
        const samples: PodResourceSample[] = [];
        for (const n of podNames) {
          const s = sampleOf(points.get(keyOf(n)));
          if (s) samples.push(s);
        }
        return samples;
      },
      resourceSampleViews(podNames, views): number | { error: string } {
        if (down()) return { error: METRICS_API_DOWN.message };
        let sampled = 0;
        for (let i = 0; i < podNames.length; i++) {
          const point = points.get(keyOf(podNames[i]))?.point;
          // What sampleOf would answer for the pod, read without making it: a point with
          // containers' values is a view of its sample.
          if (point === undefined || !point.containers) views[i] = undefined;
          else {
            views[i] = point as ResourceSampleView;
            sampled++;
          }
        }
        return sampled;
      },
      resourceSampleRuns(podNames, pods) {
        if (down()) return { error: METRICS_API_DOWN.message };
        let runs = runsOf.get(podNames);
        if (runs === undefined || runs.layout !== layout()) {
          runs = pointRuns(recordsOf(podNames, pods), layout());
          runsOf.set(podNames, runs);
        }
        // What resourceSampleViews would answer for each run's pods, read now: a point with
        // containers' values is a view of its sample.
        const views = new Array<ResourceSampleView | undefined>(runs.points.length);
        for (let k = 0; k < views.length; k++) {
          const point = runs.points[k];
          views[k] = point !== undefined && point.containers ? (point as ResourceSampleView) : undefined;
        }
        return { ends: runs.ends, views };
      },
      resourceSamplesState: () => (down() ? undefined : this.samplesState),
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
