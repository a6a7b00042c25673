/**
 * Records the trace while the simulation runs: a summary point per object each time its
 * summary actually changes (not a copy of the object, so a 1000-pod run stays small), every
 * event with its time, every controller decision with its time, and load summaries.
 *
 * A point holds from its `t` until the next point; several points may share an instant and
 * the last one is the state at that instant (trace.ts).
 *
 * A pod's `available` changes with time alone under minReadySeconds (Ready for longer than
 * minReadySeconds, strictly). Nothing happens in the store at that moment, so the point is
 * recorded at the next instant the loop settles after it — at the latest when the
 * ReplicaSet controller's minReadySeconds + 1 s requeue runs, the same instant its status
 * counts the pod as available. Example: Ready at 10, minReadySeconds 5 → the pod's
 * available point is at 16 (or at a scrape at 15.5, had there been one).
 */
import type {
  Deployment,
  HorizontalPodAutoscaler,
  KubeEvent,
  KubeObject,
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
  Pod,
  PodTemplateSpec,
  ReplicaSet,
  Time,
} from "../k8s/types.ts";
import { isQuantityError, parseQuantity } from "../k8s/quantity.ts";
import type { StoreView } from "./controller.ts";
import { controllerOf } from "./owners.ts";
import type { WatchEvent } from "./store.ts";
import type {
  ConditionSummary,
  Decision,
  DeploymentSummary,
  HPAMetricSummary,
  HPASummary,
  LoadSummary,
  Note,
  Point,
  PodSummary,
  ReplicaSetSummary,
  SeriesByKind,
  Trace,
} from "./trace.ts";
import { dict } from "../k8s/safeKeys.ts";

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";

type SeriesKind = keyof SeriesByKind;
const isSeriesKind = (k: string): k is SeriesKind =>
  k === "Deployment" || k === "ReplicaSet" || k === "HorizontalPodAutoscaler" || k === "Pod";

export class Recorder {
  // Keyed by object names, which are the user's: no prototype (src/k8s/safeKeys.ts).
  readonly series: SeriesByKind = {
    Deployment: dict(),
    ReplicaSet: dict(),
    HorizontalPodAutoscaler: dict(),
    Pod: dict(),
  };
  readonly events: KubeEvent[] = [];
  readonly decisions: Decision[] = [];
  readonly load: Record<string, Point<LoadSummary>[]> = dict();
  readonly notes: Note[] = [];
  /** The last recorded summary of each object, serialised, to record only real changes. */
  private readonly last = new Map<string, string>();
  private readonly lastLoad = new Map<string, string>();
  /** Terminating pods per ReplicaSet name. */
  private readonly terminating = new Map<string, Set<string>>();
  /** Ready pods not yet available (minReadySeconds > 0): pod name → the time after which they are. */
  private readonly becomingAvailable = new Map<string, Time>();

  constructor(private readonly store: StoreView) {}

  /** Store watch handler. */
  onWatch(ev: WatchEvent, now: Time): void {
    const obj = ev.object;
    if (!isSeriesKind(obj.kind)) return;
    const gone = ev.type === "DELETED";
    if (obj.kind === "Pod") this.onPod(obj, gone, now);
    else this.recordObject(obj, gone, now);
  }

  /** Pods that became available with the passage of time (minReadySeconds) get their point. */
  refresh(now: Time): void {
    if (this.becomingAvailable.size === 0) return;
    for (const [name, after] of [...this.becomingAvailable]) {
      if (after >= now) continue;
      this.becomingAvailable.delete(name);
      const pod = this.store.get("Pod", name);
      if (pod) this.recordObject(pod, false, now);
    }
  }

  event(e: KubeEvent): void {
    this.events.push(e);
  }

  decision(d: Decision): void {
    this.decisions.push(d);
  }

  note(t: Time, text: string): void {
    this.notes.push({ t, text });
  }

  recordLoad(summaries: Record<string, LoadSummary>, now: Time): void {
    for (const [deployment, summary] of Object.entries(summaries)) {
      const json = JSON.stringify(summary);
      if (this.lastLoad.get(deployment) === json) continue;
      this.lastLoad.set(deployment, json);
      (this.load[deployment] ??= []).push({ t: now, value: summary });
    }
  }

  trace(end: Time): Trace {
    return {
      end,
      series: this.series,
      events: this.events,
      decisions: this.decisions,
      load: this.load,
      notes: this.notes,
    };
  }

  private onPod(pod: Pod, gone: boolean, now: Time): void {
    this.recordObject(pod, gone, now);
    const rs = controllerOf(pod)?.name;
    if (gone) this.becomingAvailable.delete(pod.metadata.name);
    if (!rs) return;
    const wasTerminating = this.terminating.get(rs)?.has(pod.metadata.name) ?? false;
    const isTerminating = !gone && pod.metadata.deletionTimestamp !== undefined;
    if (wasTerminating === isTerminating) return;
    let set = this.terminating.get(rs);
    if (!set) this.terminating.set(rs, (set = new Set()));
    if (isTerminating) set.add(pod.metadata.name);
    else set.delete(pod.metadata.name);
    if (set.size === 0) this.terminating.delete(rs);
    const owner = this.store.get("ReplicaSet", rs);
    if (owner) this.recordObject(owner, false, now);
  }

  private recordObject(obj: KubeObject, gone: boolean, now: Time): void {
    let value: DeploymentSummary | ReplicaSetSummary | HPASummary | PodSummary;
    switch (obj.kind) {
      case "Deployment":
        value = deploymentSummary(obj, gone);
        break;
      case "ReplicaSet":
        value = replicaSetSummary(obj, this.terminating.get(obj.metadata.name)?.size ?? 0, gone);
        break;
      case "HorizontalPodAutoscaler":
        value = hpaSummary(obj, gone);
        break;
      case "Pod":
        value = this.podSummary(obj, gone, now);
        break;
      default:
        return;
    }
    const key = `${obj.kind}/${obj.metadata.name}`;
    const json = JSON.stringify(value);
    if (this.last.get(key) === json) return;
    if (gone) this.last.delete(key);
    else this.last.set(key, json);
    const byName = this.series[obj.kind] as Record<string, Point<typeof value>[]>;
    (byName[obj.metadata.name] ??= []).push({ t: now, value });
  }

  private podSummary(pod: Pod, gone: boolean, now: Time): PodSummary {
    const rsName = controllerOf(pod)?.name;
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    const readyCond = pod.status.conditions?.find((c) => c.type === "Ready");
    const ready = !gone && readyCond?.status === "True";
    let available = false;
    if (ready && readyCond) {
      const minReady = rsName ? (this.store.get("ReplicaSet", rsName)?.spec.minReadySeconds ?? 0) : 0;
      const after = readyCond.lastTransitionTime + minReady;
      // replicaset/replica_set_utils.go via podutil.IsPodAvailable: available once
      // lastTransitionTime + minReadySeconds is strictly before now.
      available = minReady <= 0 || after < now;
      if (!available && !terminating) this.becomingAvailable.set(pod.metadata.name, after);
    }
    if (!ready || terminating) this.becomingAvailable.delete(pod.metadata.name);
    return {
      replicaSet: rsName,
      phase: pod.status.phase,
      ready,
      available,
      terminating: !gone && terminating,
      node: pod.spec.nodeName,
      exists: !gone,
    };
  }
}

function conditionSummaries(
  conditions: readonly { type: string; status: string; reason?: string; message?: string }[] | undefined,
): ConditionSummary[] {
  return (conditions ?? []).map((c) => ({
    type: c.type,
    status: c.status,
    reason: c.reason ?? "",
    message: c.message ?? "",
  }));
}

function images(template: PodTemplateSpec | undefined): Record<string, string> {
  const out: Record<string, string> = dict();
  for (const c of template?.spec?.containers ?? []) out[c.name] = c.image;
  return out;
}

function revisionOf(obj: KubeObject): number {
  const n = Number(obj.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(n) ? n : 0;
}

/** DeploymentComplete (deployment_util.go) plus observedGeneration ≥ generation. */
export function deploymentSummary(d: Deployment, gone = false): DeploymentSummary {
  const s = d.status ?? {};
  const replicas = d.spec.replicas;
  const complete =
    !gone &&
    (s.updatedReplicas ?? 0) === replicas &&
    (s.replicas ?? 0) === replicas &&
    (s.availableReplicas ?? 0) === replicas &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  return {
    replicas: gone ? 0 : replicas,
    pods: gone ? 0 : (s.replicas ?? 0),
    ready: gone ? 0 : (s.readyReplicas ?? 0),
    available: gone ? 0 : (s.availableReplicas ?? 0),
    updated: gone ? 0 : (s.updatedReplicas ?? 0),
    unavailable: gone ? 0 : (s.unavailableReplicas ?? 0),
    images: images(d.spec.template),
    revision: revisionOf(d),
    paused: d.spec.paused === true,
    complete,
    conditions: conditionSummaries(s.conditions),
    exists: !gone,
  };
}

export function replicaSetSummary(rs: ReplicaSet, terminating: number, gone = false): ReplicaSetSummary {
  const s = rs.status ?? { replicas: 0 };
  return {
    deployment: controllerOf(rs)?.name,
    revision: revisionOf(rs),
    replicas: gone ? 0 : rs.spec.replicas,
    pods: gone ? 0 : (s.replicas ?? 0),
    ready: gone ? 0 : (s.readyReplicas ?? 0),
    available: gone ? 0 : (s.availableReplicas ?? 0),
    images: images(rs.spec.template),
    terminating: gone ? 0 : terminating,
    exists: !gone,
  };
}

export function hpaSummary(hpa: HorizontalPodAutoscaler, gone = false): HPASummary {
  const ref = hpa.spec.scaleTargetRef;
  const current = hpa.status?.currentMetrics ?? [];
  return {
    target: `${ref.kind}/${ref.name}`,
    minReplicas: hpa.spec.minReplicas ?? 1,
    maxReplicas: hpa.spec.maxReplicas,
    currentReplicas: hpa.status?.currentReplicas ?? 0,
    desiredReplicas: hpa.status?.desiredReplicas ?? 0,
    metrics: (hpa.spec.metrics ?? []).map((m) => metricSummary(m, current)),
    conditions: conditionSummaries(hpa.status?.conditions),
    lastScaleTime: hpa.status?.lastScaleTime,
    exists: !gone,
  };
}

interface MetricView {
  name: string;
  target: MetricTarget | undefined;
  /** Finds this metric's entry among status.currentMetrics. */
  matches: (s: MetricStatus) => MetricValueStatus | undefined;
}

function metricView(m: MetricSpec): MetricView {
  switch (m.type) {
    case "Resource":
      return {
        name: m.resource?.name ?? "",
        target: m.resource?.target,
        matches: (s) =>
          s.type === "Resource" && s.resource?.name === m.resource?.name ? s.resource?.current : undefined,
      };
    case "ContainerResource":
      return {
        name: `${m.containerResource?.container ?? ""}/${m.containerResource?.name ?? ""}`,
        target: m.containerResource?.target,
        matches: (s) =>
          s.type === "ContainerResource" &&
          s.containerResource?.name === m.containerResource?.name &&
          s.containerResource?.container === m.containerResource?.container
            ? s.containerResource?.current
            : undefined,
      };
    case "Pods":
      return {
        name: `pods/${m.pods?.metric.name ?? ""}`,
        target: m.pods?.target,
        matches: (s) =>
          s.type === "Pods" && s.pods?.metric.name === m.pods?.metric.name ? s.pods?.current : undefined,
      };
    case "Object":
      return {
        name: `${m.object?.describedObject.kind ?? ""}/${m.object?.describedObject.name ?? ""}/${m.object?.metric.name ?? ""}`,
        target: m.object?.target,
        matches: (s) =>
          s.type === "Object" &&
          s.object?.metric.name === m.object?.metric.name &&
          s.object?.describedObject.name === m.object?.describedObject.name
            ? s.object?.current
            : undefined,
      };
    case "External":
      return {
        name: `external/${m.external?.metric.name ?? ""}`,
        target: m.external?.target,
        matches: (s) =>
          s.type === "External" && s.external?.metric.name === m.external?.metric.name
            ? s.external?.current
            : undefined,
      };
  }
}

/** A quantity as a plain number ("500m" → 0.5, "1Gi" → 1073741824); null when absent or unparsable. */
function quantityNumber(q: string | undefined): number | null {
  if (q === undefined) return null;
  const parsed = parseQuantity(q);
  return isQuantityError(parsed) ? null : parsed.milliValue() / 1000;
}

function metricSummary(m: MetricSpec, current: readonly MetricStatus[]): HPAMetricSummary {
  const view = metricView(m);
  const t = view.target;
  let cur: MetricValueStatus | undefined;
  for (const s of current) {
    cur = view.matches(s);
    if (cur) break;
  }
  if (t?.type === "Utilization") {
    return {
      name: view.name,
      current: cur?.averageUtilization ?? null,
      target: t.averageUtilization ?? 0,
      unit: "%",
    };
  }
  if (t?.type === "AverageValue") {
    return {
      name: view.name,
      current: quantityNumber(cur?.averageValue),
      target: quantityNumber(t.averageValue) ?? 0,
      unit: "",
    };
  }
  return {
    name: view.name,
    current: quantityNumber(cur?.value),
    target: quantityNumber(t?.value) ?? 0,
    unit: "",
  };
}
