/**
 * The workload model: what each pod of a loaded workload (a Deployment, a StatefulSet, or the
 * Ready endpoints of a Service in front of several, by its load key: types.ts loadKey) uses, from the `load` statements (workload/types.ts LoadSpec), as
 * a function of time.
 *
 * - `cpu`: total demand (millicores, or a % of ONE pod's CPU request = the template's container
 *   requests summed), optionally ramping linearly, spread evenly over the Ready pods (Ready=True,
 *   not terminating: the Service's endpoints). With no Ready pod it is all unserved.
 * - `requests`: rps × cost per request, spread like `cpu` (default cost
 *   DEFAULT_COST_MILLI_PER_REQUEST). The rate may be a signal replayed from data; each Ready
 *   pod counts the requests it receives (rps / Ready pods), the counter Prometheus scrapes
 *   for the request-rate metrics, and the serving model (serving.ts) turns rate and capacity
 *   into latency and drops.
 * - `cpuSignal`: total demand replayed from data, on the `cpu` channel.
 * - `cpuPerPod`: fixed usage in every Running pod.
 * - `cpuPerPod` with `startupFor` (`load cpu 800m per pod at startup for 90s`): usage added to
 *   each pod for its first D seconds after its containers started running (a JVM warm-up),
 *   ready or not — a channel of its own, beside the steady per-pod usage.
 * - `memoryPerPod`: working set per Running pod, optionally on the first N pods by creation,
 *   optionally for a duration; with `memory.retain` a pod never gives memory back (seed 001).
 * - `metric`: custom metric values, constants or signals, per pod or a total spread over the
 *   Ready pods (see metrics/customMetrics.ts).
 * - A CPU limit (every container limited) caps a pod's usage; the excess is unserved.
 * - `pod.cpu-baseline` / `pod.memory-baseline` are added to every Running pod (default 0, so
 *   usage is exactly the load).
 *
 * Each pod keeps its cumulative CPU-seconds and requests; they are advanced exactly (ramps
 * and caps are integrated in closed form) only when something changes or someone reads
 * them. A replayed signal wakes the loop at each change of value (nextWakeup), so a week of
 * samples costs one re-spread per change, never one per second.
 */
import type {
  Deployment,
  KubeObject,
  LabelSelector,
  Pod,
  PodTemplateSpec,
  Service,
  Time,
} from "../../k8s/types.ts";
import type { StoreView } from "../controller.ts";
import type { WriteJournal } from "../store.ts";
import type { Settings } from "../settings.ts";
import type { LoadSummary, RequestSummary } from "../trace.ts";
import { labelsMatch, selectorFromSet } from "../../k8s/labels.ts";
import {
  DEFAULT_NAMESPACE,
  namespaceOf,
  parseQualifiedName,
  qualifiedName,
  qualifiedNameOf,
} from "../../k8s/namespaces.ts";
import { controllerOf } from "../../k8s/owners.ts";
import { parseMilli } from "../controllers/hpa/quantity.ts";
import { constant, integrateCapped, rampAt, rampEnd, type Ramp } from "./ramp.ts";
import { serve, type ServingInput } from "./serving.ts";
import { constantSignal, nextSignalChange, signalAt, type Signal } from "./signal.ts";
import { sameForSpread } from "./spreadPods.ts";
import { endpointShares, loadedWorkload, type CpuAmount, type LoadedKind, type LoadSpec } from "./types.ts";
import { dict } from "../../k8s/safeKeys.ts";

/** A value over time: a signal started at `since`. */
interface Replay {
  signal: Signal;
  since: Time;
}

/** A custom metric the load sets: per pod, or a total spread over the Ready pods. */
export interface MetricChannel extends Replay {
  total: boolean;
}

interface Channels {
  cpu?: { amount: CpuAmount; rampTo?: CpuAmount; rampOver?: number; since: Time } | { milli: Replay };
  requests?: { rps: Replay; costMilliPerRequest: number };
  cpuPerPod?: CpuAmount;
  cpuAtStartup?: { amount: CpuAmount; seconds: number };
  memory?: { bytes: number; onPods?: number; until?: Time };
  metrics: Map<string, MetricChannel>;
}

const replay = (value: number | Signal, since: Time): Replay => ({
  signal: typeof value === "number" ? constantSignal(value) : value,
  since,
});

const valueOf = (r: Replay, now: Time): number => signalAt(r.signal, r.since, now);

/**
 * The cumulative CPU-seconds and requests of the pods that have had the same inputs since the
 * same values: pods created together under one load, mostly. Their integrals are the same
 * bits, advanced by the same increments, so they are kept and advanced once (the "cohort" of
 * issue #15); a spread gives pods whose inputs part new runs, each from the values of the one
 * they leave.
 */
interface Run {
  integral: number;
  lastT: Time;
  /** Requests received (while Ready), up to lastT: http_requests_total. */
  requests: number;
  offset: number;
  scale: number;
  cap: number;
  demand: Ramp;
  requestRate: number;
}

/** What a pod's CPU is between two changes: min(cap, offset + scale × demand(t)). */
interface PodCpu {
  deployment: string | undefined;
  /** Under a Service's load: the workload the pod belongs to ("Deployment/web"), for its share. */
  owner?: string;
  /** Its cumulative CPU-seconds and requests, shared with the pods of the same run. */
  run: Run;
  offset: number;
  scale: number;
  cap: number;
  demand: Ramp;
  memoryBytes: number;
  retainedBytes: number;
  /** When the pod's containers started running (the start of its warm-up). */
  runningSince: Time;
  /** The end of the pod's warm-up spike while it is on, for nextWakeup. */
  spikeUntil?: Time;
  /** Requests per second it receives now: the workload's rate over its Ready pods. */
  requestRate: number;
  /** The CPU it serves requests with: its limit, else its request, else one core (serving.ts). */
  servingMilli: number;
  /** The spread that made this state. */
  spread: number;
}

/** Whether a run has these inputs: the same bits (Object.is) and the same demand object. */
const sameRunInputs = (
  r: Run,
  offset: number,
  scale: number,
  cap: number,
  demand: Ramp,
  requestRate: number,
): boolean =>
  Object.is(r.offset, offset) &&
  Object.is(r.scale, scale) &&
  Object.is(r.cap, cap) &&
  Object.is(r.requestRate, requestRate) &&
  r.demand === demand;

/** Who carries which load among a pods list's running pods (WorkloadModel.layoutOf). */
interface SpreadLayout {
  list: readonly Pod[];
  /** Per load key, in order: the key, and its workload's namespace and selector when it has one. */
  sources: readonly string[];
  running: readonly Pod[];
  facts: readonly KeptFacts[];
  /** The load key of each running pod's workload (aligned with `running`), if any. */
  ownerKeys: readonly (string | undefined)[];
  readyCount: ReadonlyMap<string, number>;
  /** Each running pod's rank among its workload's running pods by list order (aligned; 0 without one). */
  memoryRank: readonly number[];
}

/** CPU a pod serves requests with when its containers set neither a limit nor a request: one core. */
export const DEFAULT_SERVING_MILLI = 1000;

const ZERO = constant(0);

/**
 * The workload a pod belongs to, as "Kind/name": its controller, and a ReplicaSet's own
 * controller (the Deployment) when it has one. Example: web-7d4b9-x2x4q → "Deployment/web".
 */
function ownerWorkload(store: StoreView, pod: Pod): string {
  const ref = controllerOf(pod);
  if (!ref) return `Pod/${pod.metadata.name}`;
  if (ref.kind === "ReplicaSet") {
    const rs = store.get("ReplicaSet", namespaceOf(pod), ref.name);
    const up = rs ? controllerOf(rs) : undefined;
    if (up) return `${up.kind}/${up.name}`;
  }
  return `${ref.kind}/${ref.name}`;
}

/**
 * A loaded workload as the model reads it: the pods that carry its load, and the pod template
 * "a % of one pod's request" reads (none for a Service: the plan refuses a percentage there).
 */
interface Workload {
  /** Its pods are in its own namespace. */
  namespace: string;
  selector: LabelSelector;
  template?: PodTemplateSpec;
}

/**
 * The workload a load key names, read from its stored object (types.ts loadKey). A Service's
 * pods are those its selector picks; a Service without a selector has no endpoints the model
 * could know.
 */
function workloadFrom(
  kind: LoadedKind,
  namespace: string,
  stored: KubeObject | undefined,
): Workload | undefined {
  if (stored === undefined) return undefined;
  if (kind === "Service") {
    const selector = (stored as Service).spec.selector;
    return selector && Object.keys(selector).length > 0
      ? { namespace, selector: selectorFromSet(selector) }
      : undefined;
  }
  const w = stored as Deployment;
  return { namespace, selector: w.spec.selector, template: w.spec.template };
}

/**
 * A load key's workload as last read (WorkloadModel.workloadOf): the stored object it was read
 * from, and its source (the key, with the workload's namespace and selector when it is stored:
 * what a layout is kept by).
 */
interface KeptWorkload {
  stored: KubeObject | undefined;
  workload: Workload | undefined;
  source: string;
}

/** Sum of the containers' quantities of a resource; undefined when a container has none. */
function containersSum(
  pod: { spec: { containers: Pod["spec"]["containers"] } },
  field: "requests" | "limits",
  resource: string,
) {
  let total = 0;
  // Indexed: a stored pod's containers list is frozen, which `for … of` iterates with garbage.
  const containers = pod.spec.containers;
  for (let i = 0; i < containers.length; i++) {
    const q = parseMilli(containers[i].resources?.[field]?.[resource]);
    if (q === undefined) return undefined;
    total += q;
  }
  return total;
}

/**
 * A pod whose containers run: phase Running and at least one container running. A pod whose
 * only container crashed stays Running (restartPolicy Always) but uses nothing until the
 * kubelet restarts it. (A pod whose status lists no containers counts by its phase.)
 */
const isRunning = (p: Pod): boolean => {
  if (p.status.phase !== "Running") return false;
  const statuses = p.status.containerStatuses;
  if (statuses === undefined) return true;
  for (let i = 0; i < statuses.length; i++) if (statuses[i].state?.running !== undefined) return true;
  return false;
};

/**
 * When a pod's containers started: the earliest running.startedAt, else status.startTime.
 * (Loops, not map/filter/reduce: layoutOf inlines these, and the intermediate arrays' elements
 * kinds — whole and fractional start times — sent its optimised code back to be compiled again.)
 */
const runningSince = (p: Pod): Time | undefined => {
  const statuses = p.status.containerStatuses;
  let earliest: Time | undefined;
  if (statuses !== undefined)
    for (let i = 0; i < statuses.length; i++) {
      const t = statuses[i].state?.running?.startedAt;
      if (t !== undefined) earliest = earliest === undefined ? t : Math.min(earliest, t);
    }
  return earliest !== undefined ? earliest : p.status.startTime;
};

const isReady = (p: Pod): boolean => {
  if (p.metadata.deletionTimestamp !== undefined) return false;
  const conditions = p.status.conditions;
  if (conditions === undefined) return false;
  for (let i = 0; i < conditions.length; i++) {
    const c = conditions[i];
    if (c.type === "Ready" && c.status === "True") return true;
  }
  return false;
};

/**
 * Whether two runs' CPU integrals grow by the same amount up to any instant: the same inputs
 * from the same time. `a` is given with the time it was advanced from (`aT`): the rest of a
 * run's inputs are set when it is made (WorkloadModel.respread's runOf) and never change.
 */
const sameIncrementInputs = (a: Run, aT: Time, b: Run): boolean =>
  // Object.is: equal bits, so that even a zero's sign cannot differ between the two.
  Object.is(aT, b.lastT) &&
  Object.is(a.offset, b.offset) &&
  Object.is(a.scale, b.scale) &&
  Object.is(a.cap, b.cap) &&
  (a.demand === b.demand ||
    (Object.is(a.demand.from, b.demand.from) &&
      Object.is(a.demand.to, b.demand.to) &&
      Object.is(a.demand.start, b.demand.start) &&
      Object.is(a.demand.over, b.demand.over)));

/**
 * Whether two pods' states before a spread are alike in all the spread reads of them (its run,
 * container start and memory): two pods alike in these and in their facts get equal states.
 */
const sameStateBefore = (a: PodCpu | undefined, b: PodCpu | undefined): boolean =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.run === b.run &&
    Object.is(a.runningSince, b.runningSince) &&
    Object.is(a.memoryBytes, b.memoryBytes) &&
    Object.is(a.retainedBytes, b.retainedBytes));

/** What the spread reads of a pod. */
interface PodFacts {
  /** Qualified name (namespaces.ts). */
  name: string;
  running: boolean;
  ready: boolean;
  since: Time | undefined;
  /** Its containers' CPU limits and requests summed; undefined when a container has none. */
  limit: number | undefined;
  request: number | undefined;
}

/** A pod's facts as of the pod object they were read from, and the layout that last saw it. */
interface KeptFacts extends PodFacts {
  pod: Pod;
  seen: number;
  /**
   * Where a layout listed it (an index into that layout's list), and the pods gone
   * (WorkloadModel.removals) when it was set: it is now at `at` less at most the pods gone
   * since (a pod only moves up, as pods before it go).
   */
  at: number;
  atRemovals: number;
  /** Its running state while it has one (it is then WorkloadModel.pods' entry under its name). */
  state: PodCpu | undefined;
  /**
   * The index of the load key it carries among the loads' workloads (-1: none), as of the
   * layout sources `ownerOf` counts (WorkloadModel.sourcesSeen), for this pod object.
   */
  owner: number;
  ownerOf: number;
  /** The spread group its state is (undefined while it has none): the pods that share the state. */
  group: SpreadGroup | undefined;
  /**
   * Ascends in list order over the listed pods (layoutOf renumbers any that would not): the
   * place of a pod that runs for the first time among the pods map's entries.
   */
  seq: number;
  /** No longer stored, found by a relayout (its record is then forgotten). */
  removed: boolean;
  /** Its place in the pods map's order while it is an entry there (WorkloadModel.order). */
  ord: number;
  /** The store slot number it is kept under in WorkloadModel.factsByNumber (-1: none). */
  id: number;
  /** What a scrape keeps of the pod, and the pod object it read it from (ScrapeSlot). */
  scrapeKept: object | undefined;
  scrapeKeptFor: Pod | undefined;
}

/**
 * A listed pod as a scrape reads it (WorkloadModel.scrapePointsOf): its running state, and a
 * slot for what the scrape derives from the pod object, kept with the pod's own record for as
 * long as the pod is listed (the record outlives the pod's writes: one per pod, not per object).
 */
export interface ScrapeSlot {
  readonly state: ScrapePoint | undefined;
  scrapeKept: object | undefined;
  scrapeKeptFor: Pod | undefined;
}

/**
 * Where the stretch of `list` from `at` that holds the very pods `old` holds from `j` ends (pods
 * in their places: none written or gone), their records moved up in `listed` (aligned with
 * `old`) by the pods gone before them, `j - at`. Most of a relayout's steps are these: a
 * function of its own, and this small, is optimised after far fewer of them than the
 * relayout (V8 asks more of a larger function), which a day calls only a few hundred times.
 */
function samePlaces(
  list: readonly Pod[],
  at: number,
  old: readonly Pod[],
  j: number,
  listed: KeptFacts[],
): number {
  const shift = j - at;
  const end = Math.min(list.length, old.length - shift);
  let k = at;
  if (shift === 0) while (k < end && list[k] === old[k]) k++;
  else
    while (k < end && list[k] === old[k + shift]) {
      listed[k] = listed[k + shift];
      k++;
    }
  return k;
}

/** Whether two pods have the same qualified name (namespaces.ts): the same pod, written again. */
const sameQualifiedName = (a: Pod, b: Pod): boolean =>
  a.metadata.name === b.metadata.name &&
  (a.metadata.namespace === b.metadata.namespace || qualifiedNameOf(a) === qualifiedNameOf(b));

/** A pod's namespace as the store keys it (its journal's namespaces). */
const storeNamespace = (p: Pod): string => p.metadata.namespace || DEFAULT_NAMESPACE;

/** A pod's facts, read from its stored object (never changed in place). */
const factsOf = (p: Pod, name: string, seen: number): KeptFacts => ({
  name,
  running: isRunning(p),
  ready: isReady(p),
  since: runningSince(p),
  limit: containersSum(p, "limits", "cpu"),
  request: containersSum(p, "requests", "cpu"),
  pod: p,
  seen,
  at: -1,
  atRemovals: 0,
  state: undefined,
  owner: -1,
  ownerOf: -1,
  group: undefined,
  seq: 0,
  removed: false,
  ord: -1,
  id: -1,
  scrapeKept: undefined,
  scrapeKeptFor: undefined,
});

/**
 * A pod's facts read again from a new object of it: rewritten in place, one record per pod,
 * not one per pod object (a pod is written half a dozen times).
 */
function readFacts(f: KeptFacts, p: Pod): void {
  // The limit and request are sums over the containers list alone: a bind writes the spec
  // (its nodeName) and keeps the list, a status write keeps the whole spec.
  const containers = f.pod.spec.containers === p.spec.containers;
  // The load key is a function of the pod's namespace and labels (ownerOf): a status write
  // keeps the labels object, and the pod's name (so its namespace) is the same.
  if (f.pod.metadata.labels !== p.metadata.labels || f.pod.metadata.namespace !== p.metadata.namespace)
    f.ownerOf = -1;
  f.pod = p;
  f.running = isRunning(p);
  f.ready = isReady(p);
  f.since = runningSince(p);
  if (!containers) {
    f.limit = containersSum(p, "limits", "cpu");
    f.request = containersSum(p, "requests", "cpu");
  }
}

/** What the pods of one loaded workload share in a spread. */
interface SharedSpread {
  ch: Channels | undefined;
  /** A Service's load: each pod's own workload is kept for its share of the traffic. */
  service: boolean;
  /** The demand each Ready pod takes its share of. */
  demand: Ramp;
  rps: number;
  /** Steady per-pod CPU, and the warm-up spike's, millicores. */
  perPod: number;
  spike: number;
}

/**
 * What a spread reads of one loaded workload besides its pods (SharedSpread, and the memory
 * channel), as numbers and the demand object (WorkloadModel.keptDemand gives an equal demand
 * the same object): a spread over the same layout from the same inputs gives every pod the
 * state it has.
 */
interface SpreadInputs {
  key: string;
  demand: Ramp;
  rps: number;
  perPod: number;
  spike: number;
  /** The warm-up's length, when the workload has one. */
  spikeSeconds: number | undefined;
  memoryBytes: number | undefined;
  memoryOnPods: number | undefined;
  /** Whether the memory channel is on now (before its `for D` ends). */
  memoryOn: boolean;
}

/** Whether two spreads read the same of every loaded workload (Object.is: the same bits). */
function sameSpreadInputs(a: readonly SpreadInputs[], b: readonly SpreadInputs[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (
      x.key !== y.key ||
      x.demand !== y.demand ||
      !Object.is(x.rps, y.rps) ||
      !Object.is(x.perPod, y.perPod) ||
      !Object.is(x.spike, y.spike) ||
      !Object.is(x.spikeSeconds, y.spikeSeconds) ||
      !Object.is(x.memoryBytes, y.memoryBytes) ||
      !Object.is(x.memoryOnPods, y.memoryOnPods) ||
      x.memoryOn !== y.memoryOn
    )
      return false;
  }
  return true;
}

/** What the last spread was made from (WorkloadModel.respread): the same again changes no pod's state. */
interface LastSpread {
  /** The pods list and load sources (layoutOf) it was made over. */
  list: readonly Pod[];
  sources: readonly string[];
  baseline: number;
  memoryBaseline: number;
  inputs: readonly SpreadInputs[];
}

/**
 * Pods of one spread that read the same (their workload, readiness, container start, limit,
 * request, memory and state before) and so have one state object (WorkloadModel.respread).
 */
interface SpreadGroup {
  /** The state its pods share. */
  state: PodCpu;
  key: string | undefined;
  /** Their facts' readiness, limit and request (PodFacts). */
  ready: boolean;
  limit: number | undefined;
  request: number | undefined;
  /** How many running pods have the state. */
  members: number;
}

/** Consecutive entries of the pods map (in its order) in one spread group. */
interface Stretch {
  group: SpreadGroup;
  count: number;
}

/**
 * `sum` with `value` added `times` times, one addition after another: the bits a sum pod by
 * pod gives. Adding zero to a sum that is not -0 leaves its bits; integers whose partial sums
 * all stay safe (they lie between `sum` and the total: `value` has one sign) add exactly, so
 * the product gives the same total; anything else is added once per pod.
 */
export function addTimes(sum: number, value: number, times: number): number {
  if (times === 0 || (value === 0 && !Object.is(sum, -0))) return sum;
  const product = value * times;
  const total = sum + product;
  if (
    Number.isInteger(sum) &&
    Number.isInteger(value) &&
    Math.abs(sum) <= Number.MAX_SAFE_INTEGER &&
    Math.abs(product) <= Number.MAX_SAFE_INTEGER &&
    Math.abs(total) <= Number.MAX_SAFE_INTEGER
  )
    return total;
  for (let i = 0; i < times; i++) sum += value;
  return sum;
}

/** A workload's summary as last computed, and what it holds for (WorkloadModel.summaries). */
interface KeptSummary {
  spreads: number;
  /** The `load` statements taken so far (a summary reads the channels beyond what a spread does). */
  loads: number;
  template: PodTemplateSpec | undefined;
  baseline: number;
  retain: boolean;
  /** It holds for any instant from `from` until before `until`. */
  from: Time;
  until: Time;
  summary: LoadSummary;
}

/** The loaded workloads' keys, namespaces and selectors, in the order the loads came (WorkloadModel.ownersOf). */
interface Owners {
  keys: string[];
  namespaces: string[];
  selectors: LabelSelector[];
}

/** The store's journal of writes (the engine's Store has one; a test's store may not). */
interface JournaledStore {
  journalOf(kind: string): WriteJournal;
  byNumber?(kind: string): (id: number) => Pod | undefined;
}

/** A pod's load key index (KeptFacts.owner): the first workload whose selector picks it in its namespace. */
function ownerOf(f: KeptFacts, owners: Owners, sourcesCount: number): void {
  const p = f.pod;
  const namespace = p.metadata.namespace || DEFAULT_NAMESPACE;
  let owner = -1;
  for (let k = 0; k < owners.keys.length && owner < 0; k++)
    if (owners.namespaces[k] === namespace && labelsMatch(owners.selectors[k], p.metadata.labels)) owner = k;
  f.owner = owner;
  f.ownerOf = sourcesCount;
}

const sameStrings = (a: readonly string[], b: readonly string[]): boolean => {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/** A running pod's state under a spread (WorkloadModel.respread's stateOf). */
type StateOf = (
  key: string | undefined,
  factsReady: boolean,
  since: Time,
  limit: number | undefined,
  request: number | undefined,
  memory: number,
  owner: string | undefined,
  known: PodCpu | undefined,
  into?: PodCpu,
) => PodCpu;

/** Whether a ramp stays at its value from `now` on (rampAt gives `to` from its end on). */
const settled = (r: Ramp, now: Time): boolean => r.over <= 0 || now >= r.start + r.over;

/** A running pod's CPU usage at `now`, millicores. */
const cpuOf = (p: PodCpu, now: Time): number => Math.min(p.cap, p.offset + p.scale * rampAt(p.demand, now));

/** A running pod's working set, bytes (the retained peak when memory is retained). */
const memoryOf = (p: Pick<PodCpu, "memoryBytes" | "retainedBytes">, retain: boolean): number =>
  retain ? Math.max(p.retainedBytes, p.memoryBytes) : p.memoryBytes;

/** A running pod's state as a scrape reads it: read-only, and only until the next advance or spread. */
export type ScrapePoint = Readonly<Pick<PodCpu, "run" | "runningSince" | "memoryBytes" | "retainedBytes">>;

/** The working set of a scrape point, bytes (the retained peak when memory is retained). */
export const scrapedMemory = (p: ScrapePoint, retain: boolean): number => memoryOf(p, retain);

/** Workloads (Deployments) and pods are known by their qualified names: `web`, `prod/web` (src/k8s/namespaces.ts). */
export class WorkloadModel {
  /**
   * `perPod`: summaries read every pod's state, one after another (the reference the sums
   * per stretch are held to in the tests).
   */
  constructor(private readonly perPod = false) {}

  private channels = new Map<string, Channels>();
  /**
   * The running pods' facts (whose `state` is their running state), by qualified name, in the
   * order they first ran: a spread that gives pods new state objects writes no entry.
   */
  private pods = new Map<string, KeptFacts>();
  /**
   * The group of each pods map entry by its place in the map's order (KeptFacts.ord), undefined
   * where an entry left: the order a summary adds the pods' values in, read without the
   * records (a record per pod, scattered in the heap, was most of a summary's time).
   */
  private order: (SpreadGroup | undefined)[] = [];
  /** `order` as stretches of entries in one group, made again after it changes (summaries). */
  private stretches: Stretch[] | undefined;
  /** The runs of the running pods (each once): what advance moves. */
  private runs: readonly Run[] = [];
  /** Counts the spreads: a pod's state changes (in place) only at one, so scrapePoint's readers keep it until the next. */
  private spreads = 0;
  /** What the last spread that changed the pods' states was made from. */
  private lastSpread: LastSpread | undefined;
  /**
   * The groups every running pod is in (its facts' `group`), and the frozen pods list and
   * sources they were spread over; undefined after a spread over a list that is not frozen.
   */
  private groups: SpreadGroup[] = [];
  private groupsOver: { list: readonly Pod[]; sources: readonly string[] } | undefined;
  /** Counts the spreads that gave pods new state objects (pod by pod); the others rewrite a group's in place. */
  private statesMade = 0;
  /** Counts the `load` statements (setLoad): a summary reads the channels itself. */
  private loads = 0;
  /**
   * The last summary per workload, with what it was computed from and the span of time it
   * holds for (see summaries): a summary is read at every scrape, the load changes every few
   * minutes.
   */
  private summaryKept = new Map<string, KeptSummary>();
  /** Each load key's workload kind, namespace and name, parsed once (partsOf). */
  private readonly keyParts = new Map<string, { kind: LoadedKind; namespace: string; name: string }>();
  /** Each load key's workload as last read (workloadOf). */
  private readonly workloadsKept = new Map<string, KeptWorkload>();
  /** The last record summaries gave (frozen), and how many workloads it has. */
  private lastSummaries: Readonly<Record<string, LoadSummary>> | undefined;
  private lastSummariesSize = 0;
  /** Each load key's demand as the last spread made it: an equal one is given the same object, so runs can go on. */
  private demands = new Map<string, Ramp>();
  /** Who carries which load among the running pods, as the last spread found it (layoutOf). */
  private layout: SpreadLayout | undefined;
  /** The last layout's sources, and how many different sources the layouts have seen (KeptFacts.ownerOf). */
  private sourcesSeen: { sources: readonly string[]; count: number; owners: Owners | undefined } = {
    sources: [],
    count: 0,
    owners: undefined,
  };
  /** The load keys KeptFacts.owner indexes, as of the last layout. */
  private ownerKeysOf: readonly string[] = [];
  /** Counts the layouts (layoutOf): the last one that saw each pod's facts. */
  private layouts = 0;
  /** What the spread reads of each listed pod, by qualified name. */
  private readonly facts = new Map<string, KeptFacts>();
  /**
   * Records of `facts` by the store slot number a journal entry gave for their pod: the
   * journal's readers find a pod's record with an array read and a check of its name, where
   * the map hashed a qualified name per pod written. Only records still in `facts` (forget).
   */
  private readonly factsByNumber: (KeptFacts | undefined)[] = [];
  /** The facts of every pod of the last layout's list, in its order (layoutOf); and the array the next one fills. */
  private listed: KeptFacts[] = [];
  private unlisted: KeptFacts[] = [];
  /** The pods list `listed` is aligned with. */
  private listedFrom: readonly Pod[] | undefined;
  /**
   * The store's journal of pod writes, and its position when `listedFrom` was read (-1: not
   * known): a relayout reads again only the pods written since.
   */
  private journal: WriteJournal | undefined;
  private journalMark = -1;
  /** How far podsChanged found the pods written since journalMark alike for the spread. */
  private checkedMark = -1;
  /**
   * The journal's position up to which `firstWritten` takes the pods written since journalMark
   * (-1: it cannot), and the lowest place, in the last layout's list, any of them can be at:
   * every pod before it is the one the last layout listed there (podsChanged and relayout
   * read the journal; each entry is read once).
   */
  private scanned = -1;
  private firstWritten = Infinity;
  /**
   * Whether the journal's readers (podsChanged, firstWrittenSince) have read a removal since
   * journalMark. Until they have, a pod created since the mark has no record: `facts` holds the
   * records of the pods listed at the mark, and a pod of such a name is created again only after
   * its removal, whose entry comes first; every entry from the mark on is read by one reader or
   * the other, in order. So its entry is passed over without looking for its record by name.
   */
  private removedSince = false;
  /** Counts the pods a layout found gone (KeptFacts.atRemovals). */
  private removals = 0;
  /** Counts the facts records numbered in list order (KeptFacts.seq). */
  private seqs = 0;
  /** The last layout's arrays (SpreadLayout), refilled by the next. */
  private readonly running: Pod[] = [];
  private readonly runningFacts: KeptFacts[] = [];
  private readonly ownerKeys: (string | undefined)[] = [];
  private readonly memoryRank: number[] = [];
  /** The ends of the pods' warm-up spikes, ascending (set at each spread, as the spikes are): nextWakeup reads them at every event. */
  private spikeEnds: readonly Time[] = [];
  /** The last serving model result per workload, by its inputs: they change far less often than summaries are read. */
  private served = new Map<string, { key: string; summary: RequestSummary }>();

  /** Resolve a CPU amount against one pod's request (template containers summed). */
  private milli(a: CpuAmount, d: Workload | undefined): number {
    if ("milli" in a) return a.milli;
    const req = d?.template ? (containersSum(d.template, "requests", "cpu") ?? 0) : 0;
    return (a.percentOfRequest / 100) * req;
  }

  /** Requests per second offered to a workload at `now`. */
  private rps(ch: Channels | undefined, now: Time): number {
    return ch?.requests ? valueOf(ch.requests.rps, now) : 0;
  }

  private demandRamp(ch: Channels | undefined, d: Workload | undefined, now: Time): Ramp {
    if (!ch) return ZERO;
    const req = ch.requests ? this.rps(ch, now) * ch.requests.costMilliPerRequest : 0;
    if (!ch.cpu) return constant(req);
    if ("milli" in ch.cpu) return constant(valueOf(ch.cpu.milli, now) + req);
    const from = this.milli(ch.cpu.amount, d) + req;
    if (!ch.cpu.rampTo) return constant(from, ch.cpu.since);
    return { from, to: this.milli(ch.cpu.rampTo, d) + req, start: ch.cpu.since, over: ch.cpu.rampOver ?? 0 };
  }

  /** A `load` statement at `now`. */
  setLoad(store: StoreView, settings: Settings, now: Time, deployment: string, spec: LoadSpec): void {
    this.advance(now);
    this.loads++;
    const ch: Channels = this.channels.get(deployment) ?? { metrics: new Map<string, MetricChannel>() };
    switch (spec.kind) {
      case "cpu":
        ch.cpu = { amount: spec.amount, rampTo: spec.rampTo, rampOver: spec.rampOver, since: now };
        break;
      case "cpuSignal":
        ch.cpu = { milli: replay(spec.milli, now) };
        break;
      case "requests":
        ch.requests = { rps: replay(spec.rps, now), costMilliPerRequest: spec.costMilliPerRequest };
        break;
      case "cpuPerPod":
        if (spec.startupFor !== undefined)
          ch.cpuAtStartup = { amount: spec.amount, seconds: spec.startupFor };
        else ch.cpuPerPod = spec.amount;
        break;
      case "memoryPerPod":
        ch.memory = {
          bytes: spec.bytes,
          onPods: spec.onPods,
          until: spec.duration !== undefined ? now + spec.duration : undefined,
        };
        break;
      case "metric":
        ch.metrics.set(spec.name, { ...replay(spec.valueMilli, now), total: spec.total === true });
        break;
      case "off":
        this.channels.set(deployment, { metrics: new Map() });
        this.respread(store, settings, now);
        return;
    }
    this.channels.set(deployment, ch);
    this.respread(store, settings, now);
  }

  /** Pods or readiness changed at `now`: account up to now, then spread the load anew. */
  observe(store: StoreView, settings: Settings, now: Time): void {
    this.advance(now);
    this.respread(store, settings, now);
  }

  /** Accumulate every pod's CPU-seconds and requests up to `now` under the current spread. */
  advance(now: Time): void {
    // The pods of a workload mostly share their inputs (the same demand, share, offset and cap
    // since the same instant): the increment is computed once for a run of such pods and added
    // to each pod's own integral — the same function of the same inputs, so the same bits.
    // A run stands for all its pods: their integrals are the same bits, so one addition gives
    // each the bits its own would.
    // The run the increment was computed for, and the time it was advanced from (no record of
    // its inputs is made: advance runs at every scrape and event).
    let last: Run | undefined;
    let lastT = 0;
    let increment = 0;
    const runs = this.runs;
    for (let i = 0; i < runs.length; i++) {
      const r = runs[i];
      if (now > r.lastT) {
        if (last === undefined || !sameIncrementInputs(last, lastT, r)) {
          increment = integrateCapped(r.demand, r.offset, r.scale, r.cap, r.lastT, now);
          last = r;
          lastT = r.lastT;
        }
        r.integral += increment;
        r.requests += r.requestRate * (now - r.lastT);
      }
      r.lastT = Math.max(r.lastT, now);
    }
  }

  private respread(store: StoreView, settings: Settings, now: Time): void {
    const baseline = settings["pod.cpu-baseline"];
    const memBaseline = settings["pod.memory-baseline"];
    // The workload of each load key as stored now (its template may have changed), and who
    // carries which load among the running pods (kept while the pods and selectors are the same).
    const workloads = new Map<string, Workload | undefined>();
    const sources: string[] = [];
    for (const key of this.channels.keys()) {
      const kept = this.workloadOf(store, key);
      workloads.set(key, kept.workload);
      sources.push(kept.source);
    }
    const list = store.listAll("Pod");
    const frozen = Object.isFrozen(list);
    // What every pod of a workload shares, worked out once per workload (for every workload a
    // pod can carry the load of: those stored): the pods of one workload then share one demand
    // object (the same values as one per pod).
    const shared = new Map<string, SharedSpread>();
    const inputs: SpreadInputs[] = [];
    let service = false;
    for (const [key, d] of workloads) {
      if (d === undefined) continue;
      const ch = this.channels.get(key);
      const w: SharedSpread = {
        ch,
        service: loadedWorkload(key).kind === "Service",
        demand: this.keptDemand(key, this.demandRamp(ch, d, now), now),
        rps: this.rps(ch, now),
        perPod: ch?.cpuPerPod ? this.milli(ch.cpuPerPod, d) : 0,
        spike: ch?.cpuAtStartup ? this.milli(ch.cpuAtStartup.amount, d) : 0,
      };
      shared.set(key, w);
      service ||= w.service;
      const m = ch?.memory;
      inputs.push({
        key,
        demand: w.demand,
        rps: w.rps,
        perPod: w.perPod,
        spike: w.spike,
        spikeSeconds: ch?.cpuAtStartup?.seconds,
        memoryBytes: m?.bytes,
        memoryOnPods: m?.onPods,
        memoryOn: m !== undefined && (m.until === undefined || now < m.until),
      });
    }
    // The same layout (the same pods, with the same facts, carrying the same loads) under the
    // same inputs gives every running pod the state it has: each pod's inputs are those it had,
    // its state is what the last spread computed from them, and a run with the inputs it has
    // goes on. The clock enters a pod's state only through its warm-up (on until its end, all
    // ends kept in spikeEnds, each after the last spread), the memory channel's end (memoryOn)
    // and a new pod's start (there is none in the same layout). A Service's pods also read their
    // owners from the store, so those are spread again. Nothing is written, and the spread
    // generation stays: scrapes keep their groups.
    const last = this.lastSpread;
    if (
      last !== undefined &&
      !service &&
      frozen &&
      last.list === list &&
      sameStrings(last.sources, sources) &&
      Object.is(last.baseline, baseline) &&
      Object.is(last.memoryBaseline, memBaseline) &&
      (this.spikeEnds.length === 0 || this.spikeEnds[0] > now) &&
      sameSpreadInputs(last.inputs, inputs)
    )
      return;
    this.lastSpread = { list, sources, baseline, memoryBaseline: memBaseline, inputs };
    const spread = ++this.spreads;
    // The runs of this spread, by the run each leaves (undefined: a pod seen running for the
    // first time, from 0 at now): pods that leave one run with the same inputs form one.
    const runsFrom = new Map<Run | undefined, Run[]>();
    const runs: Run[] = [];
    // A run whose pods keep its inputs goes on as it is; pods that part take new runs from its
    // values as they are now.
    const runOf = (
      from: Run | undefined,
      offset: number,
      scale: number,
      cap: number,
      demand: Ramp,
      requestRate: number,
    ): Run => {
      let made = runsFrom.get(from);
      if (!made) runsFrom.set(from, (made = []));
      for (const r of made) if (sameRunInputs(r, offset, scale, cap, demand, requestRate)) return r;
      const r: Run =
        from !== undefined && sameRunInputs(from, offset, scale, cap, demand, requestRate)
          ? from
          : {
              integral: from?.integral ?? 0,
              lastT: from?.lastT ?? now,
              requests: from?.requests ?? 0,
              offset,
              scale,
              cap,
              demand,
              requestRate,
            };
      made.push(r);
      runs.push(r);
      return r;
    };
    // The ends of the running pods' warm-ups (every pod kept after this spread is one of them).
    const ends = new Set<Time>();
    // The Ready running pods per load key (set below, before any state is made).
    let readyCount: ReadonlyMap<string, number> = new Map<string, number>();
    // A running pod's state under this spread, from what it reads: its workload's key and
    // shares, its readiness, container start, limit, request and memory, its owner under a
    // Service, and its state before (none for a pod seen running for the first time). Written
    // into `into` when given (a state rewritten in place: no new state object and copy of it).
    const stateOf: StateOf = (key, factsReady, since, limit, request, memory, owner, known, into) => {
      const w = key !== undefined ? shared.get(key) : undefined;
      const ch = w?.ch;
      const n = key !== undefined ? (readyCount.get(key) ?? 0) : 0;
      // A key is one of the workloads stored (layoutOf), and has its shares.
      const ready = w !== undefined && factsReady && n > 0;
      // A container that restarted is a new process: the memory it held is gone.
      const prev = known && known.runningSince === since ? known : undefined;
      const spike = ch?.cpuAtStartup;
      const spikeUntil = spike && now < since + spike.seconds ? since + spike.seconds : undefined;
      if (spikeUntil !== undefined) ends.add(spikeUntil);
      const perPod = (w?.perPod ?? 0) + (spike && spikeUntil !== undefined ? w!.spike : 0);
      const offset = baseline + perPod;
      const scale = ready ? 1 / n : 0;
      const cap = limit ?? Infinity;
      const demand = ready ? w!.demand : ZERO;
      const requestRate = ready ? w!.rps / n : 0;
      const run = runOf(known?.run, offset, scale, cap, demand, requestRate);
      const retainedBytes = Math.max(prev?.retainedBytes ?? 0, prev?.memoryBytes ?? 0, memory);
      const servingMilli = limit ?? request ?? DEFAULT_SERVING_MILLI;
      if (into === undefined)
        return {
          deployment: key,
          owner,
          run,
          offset,
          scale,
          cap,
          demand,
          memoryBytes: memory,
          retainedBytes,
          runningSince: since,
          spikeUntil,
          requestRate,
          servingMilli,
          spread,
        };
      into.deployment = key;
      into.owner = owner;
      into.run = run;
      into.offset = offset;
      into.scale = scale;
      into.cap = cap;
      into.demand = demand;
      into.memoryBytes = memory;
      into.retainedBytes = retainedBytes;
      into.runningSince = since;
      into.spikeUntil = spikeUntil;
      into.requestRate = requestRate;
      into.servingMilli = servingMilli;
      into.spread = spread;
      return into;
    };
    // No input tells two pods of a group apart (a Service's owners, a memory rank): a group's
    // pods read the same, so its state is worked out once for all of them.
    const byGroup = !service && inputs.every((x) => x.memoryOnPods === undefined);
    const over = this.groupsOver;
    if (byGroup && frozen && over !== undefined && over.list === list && sameStrings(over.sources, sources)) {
      // The same pods with the same facts as the spread that made the groups: each group's
      // state is rewritten in place, in the order of the groups (the order runs are made in
      // does not change their bits: a run is a function of the run it leaves and its inputs).
      // Readers keep a state only until the next spread (ScrapePoint).
      readyCount = this.readyByGroup();
      this.rewriteGroups(shared, memBaseline, now, stateOf);
      this.runs = runs;
      this.keepSpikeEnds(ends);
      return;
    }
    const moved =
      byGroup && frozen && over !== undefined && sameStrings(over.sources, sources)
        ? this.relayout(store, list, workloads, sources)
        : undefined;
    if (moved !== undefined) {
      this.spreadMoved(moved, shared, memBaseline, now, stateOf, (counts) => (readyCount = counts));
      this.groupsOver = { list, sources };
      this.statesMade++;
      this.runs = runs;
      this.keepSpikeEnds(ends);
      return;
    }
    const layout = this.layoutOf(store, workloads, list, sources);
    const { running, facts: runningFacts, ownerKeys, memoryRank } = layout;
    readyCount = layout.readyCount;
    // Pod by pod, in list order: a pod that reads the same as the one before it (pods created
    // together come one after another) takes the state made for it, so the pods of a group
    // share one state object, made anew (a state may be shared by pods that part now: the old
    // one is read, never written, here).
    this.statesMade++;
    const groups: SpreadGroup[] = [];
    let group: SpreadGroup | undefined;
    let groupKnown: PodCpu | undefined;
    let groupMemory = 0;
    let groupOwner: string | undefined;
    for (let i = 0; i < running.length; i++) {
      const facts = runningFacts[i];
      const key = ownerKeys[i];
      const w = key !== undefined ? shared.get(key) : undefined;
      // The pod's state is the one its facts point to: the pods map's entry under its name.
      const known = facts.state;
      const since = facts.since ?? known?.runningSince ?? now;
      let memory = memBaseline;
      const m = w?.ch?.memory;
      if (
        m &&
        (m.until === undefined || now < m.until) &&
        (m.onPods === undefined || memoryRank[i] < m.onPods)
      )
        memory += m.bytes;
      const owner = w?.service ? ownerWorkload(store, running[i]) : undefined;
      if (
        group === undefined ||
        !sameStateBefore(known, groupKnown) ||
        key !== group.key ||
        facts.ready !== group.ready ||
        !Object.is(since, group.state.runningSince) ||
        !Object.is(facts.limit, group.limit) ||
        !Object.is(facts.request, group.request) ||
        !Object.is(memory, groupMemory) ||
        owner !== groupOwner
      ) {
        const state = stateOf(key, facts.ready, since, facts.limit, facts.request, memory, owner, known);
        group = { state, key, ready: facts.ready, limit: facts.limit, request: facts.request, members: 0 };
        groups.push(group);
        groupKnown = known;
        groupMemory = memory;
        groupOwner = owner;
      }
      group.members++;
      facts.state = group.state;
      if (known === undefined) this.joinPods(facts, group);
      else this.regroup(facts, group);
    }
    this.groups = groups;
    this.groupsOver = frozen ? { list, sources } : undefined;
    // Every running pod has a state of this spread: any other is a pod no longer running.
    if (this.pods.size !== running.length)
      // By value (its name is its key): V8 makes an entry array per pod for `[name, f]`.
      for (const f of this.pods.values())
        if (f.state === undefined || f.state.spread !== spread) this.leavePods(f);
    this.runs = runs;
    this.keepSpikeEnds(ends);
  }

  /**
   * The warm-up ends of a spread, ascending. The last spread's array is kept when they are the
   * same: nextWakeup's kept answers hold while it is (and a run without warm-ups has none at
   * every spread, where each made a new empty array, and nextWakeup computed its answer again).
   */
  private keepSpikeEnds(ends: ReadonlySet<Time>): void {
    const last = this.spikeEnds;
    if (ends.size === 0 && last.length === 0) return;
    const sorted = [...ends].sort((a, b) => a - b);
    if (sorted.length === last.length && sorted.every((t, i) => Object.is(t, last[i]))) return;
    this.spikeEnds = sorted;
  }

  /** A pod runs for the first time in the pods map: it is its last entry, in `group`. */
  private joinPods(f: KeptFacts, group: SpreadGroup): void {
    this.pods.set(f.name, f);
    f.ord = this.order.length;
    this.order.push(group);
    f.group = group;
    this.stretches = undefined;
  }

  /** A pods map entry moves to another group (it keeps its place). */
  private regroup(f: KeptFacts, group: SpreadGroup): void {
    f.group = group;
    if (this.order[f.ord] !== group) {
      this.order[f.ord] = group;
      this.stretches = undefined;
    }
  }

  /** A pod no longer runs: its entry leaves the pods map. */
  private leavePods(f: KeptFacts): void {
    this.pods.delete(f.name);
    this.order[f.ord] = undefined;
    f.ord = -1;
    f.state = undefined;
    f.group = undefined;
    this.stretches = undefined;
  }

  /**
   * The pods map's entries as stretches in one group, in its order. `order` is renumbered from
   * the map once the places left outnumber the entries (each place is then paid for once).
   */
  private stretchesOf(): readonly Stretch[] {
    if (this.stretches !== undefined) return this.stretches;
    const order = this.order;
    if (order.length > 2 * this.pods.size + 64) {
      let at = 0;
      for (const f of this.pods.values()) {
        f.ord = at;
        order[at++] = f.group;
      }
      order.length = at;
    }
    const stretches: Stretch[] = [];
    let last: Stretch | undefined;
    for (let i = 0; i < order.length; i++) {
      const g = order[i];
      if (g === undefined) continue;
      if (last !== undefined && last.group === g) last.count++;
      else stretches.push((last = { group: g, count: 1 }));
    }
    this.stretches = stretches;
    return stretches;
  }

  /** The Ready running pods per load key, counted by group (every running pod is in one). */
  private readyByGroup(): Map<string, number> {
    const counts = new Map<string, number>();
    const groups = this.groups;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      if (g.key !== undefined && g.ready && g.members > 0)
        counts.set(g.key, (counts.get(g.key) ?? 0) + g.members);
    }
    return counts;
  }

  /** Each group's state worked out once and rewritten in place (its pods read the same). */
  private rewriteGroups(
    shared: ReadonlyMap<string, SharedSpread>,
    memBaseline: number,
    now: Time,
    stateOf: StateOf,
  ): void {
    const groups = this.groups;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      const known = g.state;
      const m = g.key !== undefined ? shared.get(g.key)?.ch?.memory : undefined;
      const memory =
        memBaseline + (m !== undefined && (m.until === undefined || now < m.until) ? m.bytes : 0);
      stateOf(g.key, g.ready, known.runningSince, g.limit, g.request, memory, undefined, known, known);
    }
  }

  /**
   * A spread after a relayout (its `moved`: the facts records written since the last layout,
   * each once): a written pod whose facts read as its group's stays in it; one that stops
   * running or is gone leaves it and the pods map; any other running pod takes a state of its
   * own, made from the state it had (none: it runs for the first time, and joins the pods map
   * in list order), shared with the written pods before it that read the same. Then every
   * group left is rewritten in place. The written pods' states are made first, from the
   * states they leave as those were. What each pod gets is what the spread pod by pod gives
   * it: the same function of the same facts, load and state before.
   */
  private spreadMoved(
    moved: readonly KeptFacts[],
    shared: ReadonlyMap<string, SharedSpread>,
    memBaseline: number,
    now: Time,
    stateOf: StateOf,
    setReady: (counts: ReadonlyMap<string, number>) => void,
  ): void {
    const keys = this.ownerKeysOf;
    const movers: KeptFacts[] = [];
    const moverSince: number[] = [];
    for (let i = 0; i < moved.length; i++) {
      const f = moved[i];
      const g = f.group;
      if (f.removed || !f.running) {
        if (g !== undefined) g.members--;
        if (f.state !== undefined) this.leavePods(f);
        f.state = undefined;
        f.group = undefined;
        continue;
      }
      const key = f.owner >= 0 ? keys[f.owner] : undefined;
      const since = f.since ?? f.state?.runningSince ?? now;
      if (
        g !== undefined &&
        key === g.key &&
        f.ready === g.ready &&
        Object.is(since, g.state.runningSince) &&
        Object.is(f.limit, g.limit) &&
        Object.is(f.request, g.request)
      )
        continue;
      if (g !== undefined) g.members--;
      movers.push(f);
    }
    // In list order: the pods map takes those that run for the first time in it.
    movers.sort((a, b) => a.seq - b.seq);
    const counts = this.readyByGroup();
    for (let i = 0; i < movers.length; i++) {
      const f = movers[i];
      const key = f.owner >= 0 ? keys[f.owner] : undefined;
      if (key !== undefined && f.ready) counts.set(key, (counts.get(key) ?? 0) + 1);
      moverSince.push(f.since ?? f.state?.runningSince ?? now);
    }
    setReady(counts);
    const made: SpreadGroup[] = [];
    let group: SpreadGroup | undefined;
    let groupKnown: PodCpu | undefined;
    for (let i = 0; i < movers.length; i++) {
      const f = movers[i];
      const key = f.owner >= 0 ? keys[f.owner] : undefined;
      const known = f.state;
      const since = moverSince[i];
      if (
        group === undefined ||
        known !== groupKnown ||
        key !== group.key ||
        f.ready !== group.ready ||
        !Object.is(since, group.state.runningSince) ||
        !Object.is(f.limit, group.limit) ||
        !Object.is(f.request, group.request)
      ) {
        const m = key !== undefined ? shared.get(key)?.ch?.memory : undefined;
        const memory =
          memBaseline + (m !== undefined && (m.until === undefined || now < m.until) ? m.bytes : 0);
        const state = stateOf(key, f.ready, since, f.limit, f.request, memory, undefined, known);
        group = { state, key, ready: f.ready, limit: f.limit, request: f.request, members: 0 };
        made.push(group);
        groupKnown = known;
      }
      group.members++;
      f.state = group.state;
      if (known === undefined) this.joinPods(f, group);
      else this.regroup(f, group);
    }
    // The groups left (the written pods' states are made: their old ones can be rewritten).
    const groups = this.groups;
    let n = 0;
    for (let i = 0; i < groups.length; i++) if (groups[i].members > 0) groups[n++] = groups[i];
    groups.length = n;
    this.rewriteGroups(shared, memBaseline, now, stateOf);
    for (let i = 0; i < made.length; i++) groups.push(made[i]);
  }

  /**
   * The demand a load key had at the last spread when this one is equal to it from `now` on,
   * else this one: every field the same bits, or both settled by now at the same value. A
   * settled ramp is read only from now on (a run's integral is advanced to now before a spread,
   * so integrateCapped splits at no point of it, and rampAt gives `to`), so a `load cpu 500m`
   * repeated later, whose ramp starts at its own statement, gives the pods the same demand.
   */
  private keptDemand(key: string, demand: Ramp, now: Time): Ramp {
    const kept = this.demands.get(key);
    if (
      kept !== undefined &&
      ((Object.is(kept.from, demand.from) &&
        Object.is(kept.to, demand.to) &&
        Object.is(kept.start, demand.start) &&
        Object.is(kept.over, demand.over)) ||
        (settled(kept, now) && settled(demand, now) && Object.is(kept.to, demand.to)))
    )
      return kept;
    this.demands.set(key, demand);
    return demand;
  }

  /**
   * Who carries which load among the running pods of the store's pods list: the running pods
   * in list (creation) order with their facts, each one's load key (the first workload, in
   * the order the loads came, whose selector picks it: a Deployment's selector picks pods of
   * its own namespace), the Ready pods per key and each pod's rank among its workload's running
   * pods. Kept while the list (frozen: a new one after any pod write) and every load key's
   * namespace and selector are the same: a `load` statement every few minutes re-spreads over
   * the same pods.
   */
  private layoutOf(
    store: StoreView,
    workloads: ReadonlyMap<string, Workload | undefined>,
    list: readonly Pod[],
    sources: readonly string[],
  ): SpreadLayout {
    const kept = this.layout;
    if (kept !== undefined && kept.list === list && sameStrings(kept.sources, sources)) return kept;
    // The arrays are the model's own, refilled: a layout lives until the next one, long enough
    // to be promoted, and at ten thousand pods four new arrays per layout were old-generation
    // garbage. Only the spread that asked reads them, before the next layout. They are written
    // by index and cut to length at the end, never emptied first: V8 gives an array whose length
    // is set to 0 a new, empty backing store, so refilling it grew a new one pod by pod.
    const seen = ++this.layouts;
    const running = this.running;
    const facts = this.runningFacts;
    let count = 0;
    // Each pod's facts are found where the last layout listed them: the store lists pods in
    // creation order and a write keeps a pod's place, so the pod at `prev` of the last list is
    // mostly this one, and a pod found by name (a pod before it went) moves `prev` past its
    // own last place. A record found in place is the one the name finds: the map holds one per
    // name, and every record of the last list is in it.
    const last = this.listed;
    const listed = this.unlisted;
    let prev = 0;
    let lastSeq = 0;
    for (let at = 0; at < list.length; at++) {
      const p = list[at];
      let f: KeptFacts | undefined;
      if (prev < last.length && (last[prev].pod === p || sameQualifiedName(last[prev].pod, p)))
        f = last[prev++];
      else {
        const name = qualifiedNameOf(p);
        f = this.facts.get(name);
        if (f === undefined) this.facts.set(name, (f = factsOf(p, name, seen)));
        else if (f.seen === seen - 1 && f.at >= prev) prev = f.at + 1;
      }
      f.at = at;
      f.atRemovals = this.removals;
      listed[at] = f;
      if (f.pod !== p) readFacts(f, p);
      f.seen = seen;
      if (f.seq <= lastSeq) f.seq = ++this.seqs;
      lastSeq = f.seq;
      if (f.running) {
        running[count] = p;
        facts[count] = f;
        count++;
      }
    }
    listed.length = list.length;
    running.length = count;
    facts.length = count;
    this.listed = listed;
    this.listedFrom = list;
    this.unlisted = last;
    const journal = (store as Partial<JournaledStore>).journalOf?.("Pod");
    this.journal = journal;
    this.journalMark = journal !== undefined && Object.isFrozen(list) ? journal.end : -1;
    this.scanned = this.journalMark;
    this.firstWritten = Infinity;
    this.removedSince = false;
    // Pods no longer listed are forgotten.
    if (this.facts.size > list.length)
      for (const f of this.facts.values()) if (f.seen !== seen) this.forget(f);
    // The load key of the workload whose load each running pod carries: the first, in the
    // order the loads came, whose selector picks it among the pods of its namespace (the
    // store's namespace of a pod: its own, `default` when it has none). A function of the pod
    // object and of the sources, so kept in its facts while both are the same.
    const owners = this.ownersOf(workloads, sources);
    const keys = owners.keys;
    this.ownerKeysOf = keys;
    const sourcesCount = this.sourcesSeen.count;
    const ownerKeys = this.ownerKeys;
    ownerKeys.length = running.length;
    // Per key (by its index): the Ready pods, and the running pods so far (each pod's rank).
    const ready = new Array<number>(keys.length).fill(0);
    const podsSoFar = new Array<number>(keys.length).fill(0);
    const memoryRank = this.memoryRank;
    memoryRank.length = running.length;
    for (let i = 0; i < running.length; i++) {
      const f = facts[i];
      if (f.ownerOf !== sourcesCount) ownerOf(f, owners, sourcesCount);
      const k = f.owner;
      let rank = 0;
      if (k >= 0) {
        if (f.ready) ready[k]++;
        rank = podsSoFar[k]++;
      }
      ownerKeys[i] = k >= 0 ? keys[k] : undefined;
      memoryRank[i] = rank;
    }
    const readyCount = new Map<string, number>();
    for (let k = 0; k < keys.length; k++) if (ready[k] > 0) readyCount.set(keys[k], ready[k]);
    const layout = { list, sources, running, facts, ownerKeys, readyCount, memoryRank };
    if (Object.isFrozen(list)) this.layout = layout;
    return layout;
  }

  /**
   * The loaded workloads a pod's load key is looked for among (KeptFacts.owner indexes
   * them), counting a change of sources (KeptFacts.ownerOf).
   */
  private ownersOf(workloads: ReadonlyMap<string, Workload | undefined>, sources: readonly string[]): Owners {
    const seen = this.sourcesSeen;
    if (seen.owners !== undefined && sameStrings(seen.sources, sources)) return seen.owners;
    const owners: Owners = { keys: [], namespaces: [], selectors: [] };
    for (const [key, d] of workloads) {
      if (d === undefined) continue;
      owners.keys.push(key);
      owners.namespaces.push(d.namespace || DEFAULT_NAMESPACE);
      owners.selectors.push(d.selector);
    }
    this.sourcesSeen = { sources, count: seen.count + 1, owners };
    return owners;
  }

  /**
   * The layout of a new pods list from the last one (the records of `listed`, aligned with
   * `listedFrom`), when the list is frozen: the two lists are walked side by side by identity,
   * and only where they differ is a record read (a pod written: its facts read again; a pod
   * gone: marked removed and forgotten); the pods created since, at the list's end, get new
   * records. Gives the records read, each once; undefined when the list is not the last one
   * so changed (a pod listed again past the others: created again under its name, or another
   * order): the layout is then made pod by pod (layoutOf), from the records as this left them.
   */
  private relayout(
    store: StoreView,
    list: readonly Pod[],
    workloads: ReadonlyMap<string, Workload | undefined>,
    sources: readonly string[],
  ): KeptFacts[] | undefined {
    const old = this.listedFrom;
    if (old === undefined) return undefined;
    const moved: KeptFacts[] = [];
    // The list is the last one without the pods gone, each pod written in its place, and the
    // pods created since at its end (the store lists in creation order, a write keeps a pod's
    // place): walked beside the last one by identity, a record is read only where the two
    // differ (a pod written or gone), and moved only once a pod before it went.
    const listed = this.listed;
    if (listed.length !== old.length) return undefined;
    // The pods before the first place a pod written or gone since can be at are those the last
    // list has there (a pod's place moves only as pods before it go, and a pod created is
    // listed after every pod there was): the walk starts there.
    const first = Math.min(this.firstWrittenSince(store), old.length, list.length);
    const removals = this.removals;
    let j = first;
    let at = first;
    while (at < list.length && j < old.length) {
      // Most places hold the very pod they held (samePlaces).
      const end = samePlaces(list, at, old, j, listed);
      j += end - at;
      at = end;
      if (at === list.length || j === old.length) break;
      const p = list[at];
      // A pod of the last list that is not this one, nor the same pod written again (its
      // qualified name: a pod is its name, as in layoutOf), is gone: survivors keep their order.
      while (j < old.length && old[j] !== p && !sameQualifiedName(listed[j].pod, p)) {
        const f = listed[j];
        f.removed = true;
        moved.push(f);
        j++;
      }
      if (j === old.length) break;
      const f = listed[j];
      if (old[j] !== p) {
        readFacts(f, p);
        moved.push(f);
        f.at = at;
        f.atRemovals = removals;
      }
      if (at !== j) listed[at] = f;
      j++;
      at++;
    }
    for (; j < old.length; j++) {
      listed[j].removed = true;
      moved.push(listed[j]);
    }
    const survivors = at;
    const created: string[] = [];
    for (let k = survivors; k < list.length; k++) {
      const name = qualifiedNameOf(list[k]);
      // A pod listed before, found again past the others (created again under its name, or
      // a list in another order): laid out pod by pod, which finds its record by name.
      if (this.facts.has(name)) {
        for (let i = 0; i < moved.length; i++) moved[i].removed = false;
        this.listedFrom = undefined;
        return undefined;
      }
      created.push(name);
    }
    listed.length = survivors;
    for (let i = 0; i < moved.length; i++) if (moved[i].removed) this.forget(moved[i]);
    const owners = this.ownersOf(workloads, sources);
    const sourcesCount = this.sourcesSeen.count;
    for (let k = survivors; k < list.length; k++) {
      const f = factsOf(list[k], created[k - survivors], this.layouts);
      f.at = k;
      f.atRemovals = removals;
      f.seq = ++this.seqs;
      this.facts.set(f.name, f);
      listed.push(f);
      moved.push(f);
    }
    this.listedFrom = list;
    const journal = (store as Partial<JournaledStore>).journalOf?.("Pod");
    this.journal = journal;
    this.journalMark = journal !== undefined ? journal.end : -1;
    this.scanned = this.journalMark;
    this.firstWritten = Infinity;
    this.removedSince = false;
    this.layout = undefined;
    for (let i = 0; i < moved.length; i++) {
      const f = moved[i];
      if (f.removed) this.removals++;
      else if (f.ownerOf !== sourcesCount) ownerOf(f, owners, sourcesCount);
    }
    this.ownerKeysOf = owners.keys;
    return moved;
  }

  /**
   * Whether a pod was created, deleted, or written in anything the spread reads of it
   * (spreadPods.ts sameForSpread) since the last spread laid the pods out, from the store's
   * journal: only the pods written are read, each write once (a write found alike is not read
   * again). Undefined when the journal cannot tell (none, the mark forgotten, a pod created
   * again under its name, which moves it in the list): the lists are compared then
   * (SpreadPods).
   */
  podsChanged(store: StoreView): boolean | undefined {
    const journal = (store as Partial<JournaledStore>).journalOf?.("Pod");
    if (
      journal === undefined ||
      journal !== this.journal ||
      this.listedFrom === undefined ||
      this.journalMark < journal.start
    )
      return undefined;
    const { namespaces, names, ids, types } = journal;
    const stored = (store as Partial<JournaledStore>).byNumber?.("Pod");
    for (let i = Math.max(this.checkedMark, this.journalMark) - journal.start; i < names.length; i++) {
      const type = types[i];
      if (type === "DELETED") this.removedSince = true;
      const f =
        type === "ADDED" && !this.removedSince ? undefined : this.factsAt(ids[i], namespaces[i], names[i]);
      if (i + journal.start === this.scanned) {
        this.scanned++;
        if (f !== undefined) this.noteWritten(f);
      }
      // The object at the entry's slot number, when it is still this pod: what the store holds
      // under its name (a slot is one name's while it holds an object).
      const at = stored?.(ids[i]);
      const p =
        at !== undefined && at.metadata.name === names[i] && storeNamespace(at) === namespaces[i]
          ? at
          : store.get("Pod", namespaces[i], names[i]);
      if (f === undefined) {
        if (p !== undefined) return true;
        continue;
      }
      if (p === undefined) return true;
      if (p === f.pod) continue;
      if (p.metadata.uid === undefined || p.metadata.uid !== f.pod.metadata.uid) return undefined;
      if (!sameForSpread(p, f.pod)) return true;
    }
    this.checkedMark = journal.end;
    return false;
  }

  /**
   * The record `facts` holds for a journal entry's pod (namespace as the store keys it, name,
   * and the slot number the entry gave), as `facts.get` of its qualified name answers: the
   * record kept at that number if it is that pod's (a number is given again after a removal),
   * else the map's, then kept at the number.
   */
  private factsAt(id: number, namespace: string, name: string): KeptFacts | undefined {
    const byNumber = this.factsByNumber;
    const kept = byNumber[id];
    if (kept !== undefined && kept.pod.metadata.name === name && storeNamespace(kept.pod) === namespace)
      return kept;
    const f = this.facts.get(qualifiedName(namespace, name));
    if (f !== undefined) {
      if (f.id >= 0 && byNumber[f.id] === f) byNumber[f.id] = undefined;
      if (kept !== undefined) kept.id = -1;
      while (byNumber.length < id) byNumber.push(undefined);
      byNumber[id] = f;
      f.id = id;
    }
    return f;
  }

  /** A record leaves `facts` (its pod is no longer listed), and `factsByNumber` with it. */
  private forget(f: KeptFacts): void {
    this.facts.delete(f.name);
    if (f.id >= 0 && this.factsByNumber[f.id] === f) this.factsByNumber[f.id] = undefined;
    f.id = -1;
  }

  /** A pod written or gone since the last layout: the lowest place it can be at in that layout's list. */
  private noteWritten(f: KeptFacts): void {
    const place = f.at - (this.removals - f.atRemovals);
    if (place < this.firstWritten) this.firstWritten = place;
  }

  /**
   * The lowest place in the last layout's list a pod written or gone since can be at, from the
   * journal (0 when it cannot tell).
   */
  private firstWrittenSince(store: StoreView): number {
    const journal = (store as Partial<JournaledStore>).journalOf?.("Pod");
    if (
      journal === undefined ||
      journal !== this.journal ||
      this.scanned < 0 ||
      this.journalMark < journal.start ||
      this.scanned < journal.start
    )
      return 0;
    const { namespaces, names, ids, types } = journal;
    for (let i = this.scanned - journal.start; i < names.length; i++) {
      const type = types[i];
      if (type === "DELETED") this.removedSince = true;
      // A pod created since the mark, before any removal: no record (removedSince).
      else if (type === "ADDED" && !this.removedSince) continue;
      const f = this.factsAt(ids[i], namespaces[i], names[i]);
      if (f !== undefined) this.noteWritten(f);
    }
    this.scanned = journal.end;
    return Math.max(0, this.firstWritten);
  }

  /** Moves whenever the load is spread anew: until it does, scrapePoint gives each pod the same values. */
  get spreadGeneration(): number {
    return this.spreads;
  }

  /**
   * Moves whenever a spread gives pods new state objects. Until it does, scrapePoint gives each
   * pod the same object, and a spread rewrites in place a state shared by pods that all read
   * the same: pods sharing a state have the same values after any spread.
   */
  get statesGeneration(): number {
    return this.statesMade;
  }

  /**
   * What a scrape reads of a running pod in one look-up, without a copy (a scrape reads every
   * running pod): its cumulative CPU millicore-seconds up to its last advance, when its
   * containers started, and its working set (scrapedMemory).
   */
  scrapePoint(pod: string): ScrapePoint | undefined {
    return this.pods.get(pod)?.state;
  }

  /**
   * scrapePoint of every pod of `list` by its place in it, when `list` is the one the last
   * spread laid out (else undefined): each place's record holds the state of the pod named
   * there (its `state` is the pods map's entry under its name, set and cleared with it), so a
   * scrape of that list reads no name. The states are read-only, and only until the next
   * spread; the scrape's slot is the scrape's own, kept with the pod's record.
   */
  scrapePointsOf(list: readonly Pod[]): readonly ScrapeSlot[] | undefined {
    return list === this.listedFrom ? this.listed : undefined;
  }

  /** Cumulative CPU millicore-seconds of a running pod up to its last advance. */
  cpuIntegral(pod: string): number | undefined {
    return this.pods.get(pod)?.state?.run.integral;
  }

  /** A running pod's CPU usage at `now`, millicores. */
  cpuAt(pod: string, now: Time): number | undefined {
    const p = this.pods.get(pod)?.state;
    return p && cpuOf(p, now);
  }

  /** A running pod's working set at `now`, bytes (the retained peak when memory is retained). */
  memoryAt(pod: string, retain: boolean): number | undefined {
    const p = this.pods.get(pod)?.state;
    return p && memoryOf(p, retain);
  }

  /** Requests a running pod has received up to its last advance (http_requests_total). */
  requestCount(pod: string): number | undefined {
    return this.pods.get(pod)?.state?.run.requests;
  }

  /** Whether a Ready pod of a loaded workload receives its traffic (it is one of the Service's endpoints). */
  servesTraffic(pod: string): boolean {
    return (this.pods.get(pod)?.state?.scale ?? 0) > 0;
  }

  /** The load key (types.ts loadKey) of the workload whose load a running pod carries, if any. */
  deploymentOf(pod: string): string | undefined {
    return this.pods.get(pod)?.state?.deployment;
  }

  /** A custom metric set by `load … metric NAME …` on a Deployment. */
  metric(deployment: string, name: string): MetricChannel | undefined {
    return this.channels.get(deployment)?.metrics.get(name);
  }

  /** Custom metric value set by `load … metric NAME VALUE` on a Deployment, at `now` (the total for `total`). */
  metricValue(deployment: string, name: string, now: Time): number | undefined {
    const m = this.metric(deployment, name);
    return m ? valueOf(m, now) : undefined;
  }

  /** The custom metrics the load sets on a Deployment. */
  metricNames(deployment: string): string[] {
    return [...(this.channels.get(deployment)?.metrics.keys() ?? [])];
  }

  /** Every Deployment that serves a custom metric of this name. */
  deploymentsWithMetric(name: string): string[] {
    return [...this.channels.entries()].filter(([, ch]) => ch.metrics.has(name)).map(([d]) => d);
  }

  /** Every Deployment with request traffic. */
  deploymentsWithRequests(): string[] {
    return [...this.channels.entries()].filter(([, ch]) => ch.requests !== undefined).map(([d]) => d);
  }

  /** Whether any load feeds the custom-metrics pipeline (a metric or request traffic). */
  hasCustomMetrics(): boolean {
    for (const ch of this.channels.values()) if (ch.requests || ch.metrics.size > 0) return true;
    return false;
  }

  /**
   * The last two nextWakeup answers (the instants asked, the answers), and what both read
   * besides `now`: fields, not objects, as 6,000 answers a day are computed.
   */
  private wakeupAt: Time = NaN;
  private wakeupNext: Time | undefined;
  private wakeupAtBefore: Time = NaN;
  private wakeupNextBefore: Time | undefined;
  private wakeupLoads = -1;
  private wakeupEnds: readonly Time[] = [];

  /** The next instant the load changes shape by itself (a ramp's end, a memory duration's end, a pod's warm-up end). */
  nextWakeup(now: Time): Time | undefined {
    // Asked after every event, about 20,000 times a day, mostly at one of two instants: the
    // event's, and the last spread's (autoscaling.ts observe). The answer is a function of
    // `now`, the channels (changed only by a load statement, which counts in `loads`) and the
    // warm-up ends (a new array at a spread that moves them): 11,200 asks a day find it kept. (Asked later
    // but before the answer, it is mostly the same too, but not always to the bit: a signal's
    // next change is found by `now − start`, and given as `start + t`.)
    if (this.wakeupLoads !== this.loads || this.wakeupEnds !== this.spikeEnds) {
      this.wakeupLoads = this.loads;
      this.wakeupEnds = this.spikeEnds;
      this.wakeupAt = NaN;
    } else if (this.wakeupAt === now) return this.wakeupNext;
    else if (this.wakeupAtBefore === now) return this.wakeupNextBefore;
    const next = this.nextWakeupAfter(now);
    this.wakeupAtBefore = this.wakeupAt;
    this.wakeupNextBefore = this.wakeupNext;
    this.wakeupAt = now;
    this.wakeupNext = next;
    return next;
  }

  private nextWakeupAfter(now: Time): Time | undefined {
    let next: Time | undefined;
    const consider = (t: Time | undefined) => {
      if (t !== undefined && t > now && (next === undefined || t < next)) next = t;
    };
    for (const ch of this.channels.values()) {
      if (ch.cpu && "milli" in ch.cpu)
        consider(nextSignalChange(ch.cpu.milli.signal, ch.cpu.milli.since, now));
      else if (ch.cpu?.rampTo)
        consider(rampEnd({ from: 0, to: 1, start: ch.cpu.since, over: ch.cpu.rampOver ?? 0 }, now));
      if (ch.requests) consider(nextSignalChange(ch.requests.rps.signal, ch.requests.rps.since, now));
      consider(ch.memory?.until);
    }
    // The first warm-up end after now (the ends ascend).
    const ends = this.spikeEnds;
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid] > now) hi = mid;
      else lo = mid + 1;
    }
    if (lo < ends.length) consider(ends[lo]);
    return next;
  }

  /**
   * The serving model's inputs for a workload at `now` (serving.ts): the offered rate, its
   * Ready pods, and the CPU each gives to requests — its serving CPU (limit, else request)
   * less what it spends on other load (the baseline, per-pod load, its share of `load cpu`),
   * averaged over the Ready pods.
   */
  private servingInput(
    requests: NonNullable<Channels["requests"]>,
    ch: Channels,
    d: Workload | undefined,
    pods: readonly PodCpu[],
    settings: Settings,
    now: Time,
  ): ServingInput {
    const ready = pods.filter((p) => p.scale > 0);
    const cpuOnly = rampAt(this.demandRamp({ ...ch, requests: undefined }, d, now), now);
    const free = ready.map((p) => Math.max(0, p.servingMilli - p.offset - p.scale * cpuOnly));
    return {
      offered: this.rps(ch, now),
      pods: ready.length,
      cpuPerPodMilli: free.length > 0 ? free.reduce((a, b) => a + b, 0) / free.length : 0,
      costMilli: requests.costMilliPerRequest,
      timeout: settings["latency.timeout"],
    };
  }

  /**
   * `workloadOf(store, key)?.template` without making the workload: the stored template of a
   * Deployment or StatefulSet, undefined for a Service or a workload not stored.
   */
  private templateOf(store: StoreView, key: string): PodTemplateSpec | undefined {
    const parts = this.partsOf(key);
    const { kind } = parts;
    if (kind === "Service") return undefined;
    return store.get(kind, parts.namespace, parts.name)?.spec.template;
  }

  /** A load key's workload kind, namespace and name. */
  private partsOf(key: string): { kind: LoadedKind; namespace: string; name: string } {
    let parts = this.keyParts.get(key);
    if (parts === undefined) {
      const { kind, name: qualified } = loadedWorkload(key);
      this.keyParts.set(key, (parts = { kind, ...parseQualifiedName(qualified) }));
    }
    return parts;
  }

  /**
   * A load key's workload as stored now, and its source. Kept by the stored object: a stored
   * object is never changed in place (a write stores a new one), so the same object reads the
   * same. A new object whose selector is the very object the last one had (a status write
   * keeps the spec) has the same source text, and keeps that string: the spreads compare the
   * sources (sameStrings), and the same string is equal at once, where another was compared
   * character by character, and made with a JSON text of the selector, at every spread.
   */
  private workloadOf(store: StoreView, key: string): KeptWorkload {
    const { kind, namespace, name } = this.partsOf(key);
    const stored = store.get(kind, namespace, name);
    const kept = this.workloadsKept.get(key);
    if (kept !== undefined && kept.stored === stored) return kept;
    const workload = workloadFrom(kind, namespace, stored);
    const source =
      workload === undefined
        ? key
        : kept?.workload?.selector === workload.selector && kept.workload.namespace === workload.namespace
          ? kept.source
          : `${key}\u0000${workload.namespace}\u0000${JSON.stringify(workload.selector)}`;
    const next: KeptWorkload = { stored, workload, source };
    this.workloadsKept.set(key, next);
    return next;
  }

  /**
   * Whether `summaries` would give the record it gave last: every workload's kept summary holds
   * (the tests of its loop, in its order) and is the one that record has. Nine scrapes in ten
   * on the day: the loop made a record, a workload per key and its parsed names to find that.
   */
  private lastSummariesHold(store: StoreView, baseline: number, retain: boolean, now: Time): boolean {
    const last = this.lastSummaries;
    if (last === undefined || this.lastSummariesSize !== this.channels.size) return false;
    for (const name of this.channels.keys()) {
      const kept = this.summaryKept.get(name);
      if (
        kept === undefined ||
        kept.spreads !== this.spreads ||
        kept.loads !== this.loads ||
        kept.template !== this.templateOf(store, name) ||
        kept.baseline !== baseline ||
        kept.retain !== retain ||
        !(now >= kept.from) ||
        !(now < kept.until) ||
        last[name] !== kept.summary
      )
        return false;
    }
    return true;
  }

  /**
   * Demand, served and unserved CPU and memory per Deployment that has load, at `now`.
   *
   * A workload's summary is a function of its pods' states (set at a spread), its channels
   * (set with a spread), its template (a % of a request), the baseline and retain settings, and
   * of `now` only through the ramps, signals and warm-up spikes. So with neither a signal nor
   * request traffic, no ramp still moving and before the next end of a pod's warm-up, the
   * summary computed since the same spread holds unchanged, and the same object is given.
   */
  summaries(store: StoreView, settings: Settings, now: Time): Readonly<Record<string, LoadSummary>> {
    const baseline = settings["pod.cpu-baseline"];
    const retain = settings["memory.retain"];
    if (this.lastSummariesHold(store, baseline, retain, now)) return this.lastSummaries!;
    const out: Record<string, LoadSummary> = dict();
    // Whether every summary is the one the last call gave: then the same record is given.
    let same = this.lastSummaries !== undefined && this.lastSummariesSize === this.channels.size;
    for (const [name, ch] of this.channels) {
      const d = this.workloadOf(store, name).workload;
      const kept = this.summaryKept.get(name);
      if (
        kept !== undefined &&
        kept.spreads === this.spreads &&
        kept.loads === this.loads &&
        kept.template === d?.template &&
        kept.baseline === baseline &&
        kept.retain === retain &&
        now >= kept.from &&
        now < kept.until
      ) {
        out[name] = kept.summary;
        same &&= this.lastSummaries![name] === kept.summary;
        continue;
      }
      same = false;
      // A replayed signal (the CPU's, the request rate's) is a step function: the summary,
      // which reads it only through its value now, holds until its next change.
      let until = Infinity;
      if (ch.cpu !== undefined && "milli" in ch.cpu)
        until = Math.min(until, nextSignalChange(ch.cpu.milli.signal, ch.cpu.milli.since, now) ?? Infinity);
      if (ch.requests !== undefined)
        until = Math.min(
          until,
          nextSignalChange(ch.requests.rps.signal, ch.requests.rps.since, now) ?? Infinity,
        );
      // The pods' states themselves are read again only for the serving model and a Service's
      // endpoints: otherwise they are counted, not collected (at ten thousand pods the array was
      // most of what a summary allocated).
      const service = loadedWorkload(name).kind === "Service";
      const mine: PodCpu[] | undefined = ch.requests !== undefined || service ? [] : undefined;
      let pods = 0;
      let spiking = 0;
      let readyPods = 0;
      let served = 0;
      let memory = 0;
      if (this.perPod)
        for (const f of this.pods.values()) {
          const p = f.state!;
          if (p.deployment !== name) continue;
          pods++;
          mine?.push(p);
          if (!settled(p.demand, now)) until = now;
          if (p.spikeUntil !== undefined && now < p.spikeUntil) {
            spiking++;
            until = Math.min(until, p.spikeUntil);
          }
          if (p.scale > 0) readyPods++;
          served += Math.max(0, cpuOf(p, now) - baseline);
          memory += memoryOf(p, retain);
        }
      else {
        // Per stretch of the pods map's order in one group: the pods of a stretch share a
        // state, so its values are worked out once and added once per pod, in the map's order.
        const stretches = this.stretchesOf();
        for (let i = 0; i < stretches.length; i++) {
          const p = stretches[i].group.state;
          if (p.deployment !== name) continue;
          const k = stretches[i].count;
          pods += k;
          if (mine !== undefined) for (let j = 0; j < k; j++) mine.push(p);
          if (!settled(p.demand, now)) until = now;
          if (p.spikeUntil !== undefined && now < p.spikeUntil) {
            spiking += k;
            until = Math.min(until, p.spikeUntil);
          }
          if (p.scale > 0) readyPods += k;
          served = addTimes(served, Math.max(0, cpuOf(p, now) - baseline), k);
          memory = addTimes(memory, memoryOf(p, retain), k);
        }
      }
      const perPod = ch.cpuPerPod ? this.milli(ch.cpuPerPod, d) : 0;
      const spike = ch.cpuAtStartup ? this.milli(ch.cpuAtStartup.amount, d) : 0;
      const ramp = this.demandRamp(ch, d, now);
      if (!settled(ramp, now)) until = now;
      const demand = rampAt(ramp, now) + perPod * pods + spike * spiking;
      const summary: LoadSummary = {
        demandMilli: demand,
        servedMilli: served,
        unservedMilli: Math.max(0, demand - served),
        readyPods,
        memoryBytesPerPod: pods > 0 ? memory / pods : 0,
      };
      if (ch.requests) {
        const input = this.servingInput(ch.requests, ch, d, mine!, settings, now);
        summary.requests = { ...input, ...serve(input) };
      }
      if (service) {
        const ready = dict<number>();
        for (const p of mine!)
          if (p.owner !== undefined) ready[p.owner] = (ready[p.owner] ?? 0) + (p.scale > 0 ? 1 : 0);
        const shares = endpointShares(ch.requests ? this.rps(ch, now) : demand, ready);
        summary.endpoints = Object.fromEntries(
          Object.keys(ready)
            .sort()
            .map((w) => [w, { ready: ready[w], share: shares[w] }]),
        );
      }
      out[name] = summary;
      this.summaryKept.set(name, {
        spreads: this.spreads,
        loads: this.loads,
        template: d?.template,
        baseline,
        retain,
        from: now,
        until,
        summary,
      });
    }
    if (same) return this.lastSummaries!;
    this.lastSummaries = Object.freeze(out);
    this.lastSummariesSize = this.channels.size;
    return out;
  }
}
