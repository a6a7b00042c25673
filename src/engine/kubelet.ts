/**
 * Pod lifecycle as the kubelet drives it (pkg/kubelet/status, pkg/kubelet/prober), in
 * simulated time and entirely by timed events — nothing polls.
 *
 * For a pod created at c (pod.startup = S):
 * - c: the scheduler binds it to a node (event Scheduled); the kubelet acknowledges it:
 *   startTime = c, conditions Initialized=True, Ready=False, ContainersReady=False,
 *   PodScheduled=True, containers waiting in ContainerCreating.
 * - c+S: phase Running, containers running (events Pulled, Created, Started). A container
 *   without a readinessProbe is ready at once; the pod is Ready when all its containers are.
 * - readiness probes: see `readinessDelay`.
 * - deletion at d (deletionTimestamp set by the API server): the pod is at once not Ready
 *   (event Killing for running containers) and is removed at d + min(pod.shutdown,
 *   deletionGracePeriodSeconds) — a container that outlives its grace period is killed.
 *
 * Event wording follows Kubernetes 1.28 (pkg/kubelet/kuberuntime/kuberuntime_container.go,
 * kuberuntime_image.go, the scheduler's binder): "Created container app", "Started container
 * app", "Stopping container app", `Container image "nginx:1.25" already present on machine`,
 * "Successfully assigned default/web-abc-xyz to node-1". (Kubelets from about 1.32 print
 * "Created container: app".)
 */
import { PodDefaults } from "../k8s/defaults.ts";
import { involvedObjectOf, namespaceOf, parseQualifiedName, qualifiedNameOf } from "../k8s/namespaces.ts";
import type { Container, EventDraft, Pod, PodCondition, Probe, Time } from "../k8s/types.ts";
import type { SimApiServer } from "./apiserver.ts";
import type { Scheduler } from "./scheduler.ts";
import { hostIPOf } from "./scheduler.ts";
import type { Settings } from "./settings.ts";
import type { WatchEvent } from "./store.ts";

/** Probe defaults (pkg/apis/core/v1/defaults.go SetDefaults_Probe). */
const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, successThreshold: 1 } as const;

/**
 * Seconds from container start to Ready under a readiness probe (pkg/kubelet/prober/worker.go):
 * the worker probes every periodSeconds from the container's start, a probe before
 * initialDelaySeconds does not count, and readiness needs successThreshold successes in a row.
 * So Ready comes at the first probe at or after the delay, plus (successThreshold − 1) periods.
 *
 * Example: initialDelaySeconds 5, periodSeconds 10, successThreshold 2: probes at 0 (too
 * early), 10 (first success), 20 (second) → Ready 20 s after start. No probe → 0.
 */
export function readinessDelay(probe: Probe | undefined): number {
  if (!probe) return 0;
  const delay = probe.initialDelaySeconds ?? PROBE_DEFAULTS.initialDelaySeconds;
  const period = probe.periodSeconds || PROBE_DEFAULTS.periodSeconds;
  const threshold = Math.max(1, probe.successThreshold ?? PROBE_DEFAULTS.successThreshold);
  return Math.ceil(delay / period) * period + (threshold - 1) * period;
}

/** How long a terminating pod stays: min(pod.shutdown, grace period). Example: shutdown 1, grace 30 → 1; shutdown 45, grace 30 → 30. */
export function terminationDelay(shutdown: number, gracePeriodSeconds: number): number {
  return Math.max(0, Math.min(shutdown, gracePeriodSeconds));
}

export interface KubeletHost {
  readonly now: Time;
  readonly settings: Settings;
  readonly api: SimApiServer;
  /** Run `fn` at time t (≥ now) among the kubelet's timed events. */
  schedule(t: Time, fn: () => void, label: string): void;
  emit(event: EventDraft): void;
}

type ConditionType = PodCondition["type"];

export class Kubelet {
  /**
   * `scheduler`: the unlimited placement of a cluster without declared nodes, which the kubelet
   * asks itself (scheduler.ts). Without it the cluster has Nodes and kube-scheduler binds pods
   * (scheduling/kubeScheduler.ts); the kubelet starts a pod once it is bound to an existing node.
   */
  constructor(
    private readonly host: KubeletHost,
    private readonly scheduler?: Scheduler,
  ) {}

  /**
   * Watch handler for Pods: only schedules; the writes happen in the timed events. Pods are
   * known by their qualified name (`web-…` in default, `prod/web-…` elsewhere).
   */
  onPodEvent(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    const name = qualifiedNameOf(pod);
    const uid = pod.metadata.uid;
    if (ev.type === "ADDED") {
      if (pod.metadata.deletionTimestamp !== undefined) return;
      if (this.scheduler) this.host.schedule(this.host.now, () => this.bind(name, uid), `schedule ${name}`);
      else if (pod.spec.nodeName !== undefined)
        this.host.schedule(this.host.now, () => this.admit(name, uid), `admit ${name}`);
    } else if (ev.type === "MODIFIED") {
      if (pod.metadata.deletionTimestamp !== undefined && ev.old?.metadata.deletionTimestamp === undefined) {
        this.host.schedule(this.host.now, () => this.stopping(name, uid), `stop ${name}`);
      } else if (
        !this.scheduler &&
        pod.metadata.deletionTimestamp === undefined &&
        pod.spec.nodeName !== undefined &&
        (ev.old as Pod | undefined)?.spec.nodeName === undefined
      ) {
        this.host.schedule(this.host.now, () => this.admit(name, uid), `admit ${name}`);
      }
    } else {
      this.scheduler?.release(name);
    }
  }

  private live(key: string, uid: string | undefined): Pod | undefined {
    const { namespace, name } = parseQualifiedName(key);
    const pod = this.host.api.get("Pod", namespace, name);
    return pod && pod.metadata.uid === uid ? pod : undefined;
  }

  /** Without declared nodes: place the pod (unlimited room), then start it. */
  private bind(name: string, uid: string | undefined): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined || !this.scheduler) return;
    let node = pod.spec.nodeName;
    if (node !== undefined) {
      // A pod that names its node skips the scheduler; on a node that does not exist no
      // kubelet picks it up, and it stays Pending.
      if (!this.scheduler.hold(name, node)) return;
    } else {
      node = this.scheduler.assign(name);
      this.host.api.bind(namespaceOf(pod), pod.metadata.name, node);
      this.host.emit({
        type: "Normal",
        reason: "Scheduled",
        message: `Successfully assigned ${namespaceOf(pod)}/${pod.metadata.name} to ${node}`,
        involvedObject: involvedPod(pod),
        source: "default-scheduler",
      });
    }
    this.acknowledge(name, uid, hostIPOf(node));
  }

  /**
   * With declared nodes: the kubelet of the pod's node takes it up (its Node must exist: a pod
   * bound to a missing node stays Pending, as no kubelet watches for it).
   */
  private admit(name: string, uid: string | undefined): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined || pod.status.startTime !== undefined) return;
    const node = this.host.api.get("Node", "", pod.spec.nodeName ?? "");
    if (!node) return;
    const ip = node.status?.addresses?.find((a) => a.type === "InternalIP")?.address ?? "";
    this.acknowledge(name, uid, ip);
  }

  /** The kubelet's first status for a pod it runs: Pending, conditions, containers creating. */
  private acknowledge(name: string, uid: string | undefined, hostIP: string): void {
    const now = this.host.now;
    this.writeStatus(name, (p) => ({
      ...p.status,
      phase: "Pending",
      startTime: now,
      hostIP,
      conditions: conditions(now, {
        Initialized: "True",
        Ready: "False",
        ContainersReady: "False",
        PodScheduled: "True",
      }),
      containerStatuses: p.spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        ready: false,
        started: false,
        restartCount: 0,
        state: { waiting: { reason: "ContainerCreating" } },
      })),
    }));
    const startup = Math.max(0, this.host.settings["pod.startup"]);
    this.host.schedule(now + startup, () => this.start(name, uid), `start ${name}`);
  }

  private start(name: string, uid: string | undefined): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined) return;
    const now = this.host.now;
    for (const c of pod.spec.containers) {
      const base = { type: "Normal" as const, involvedObject: involvedPod(pod), source: "kubelet" };
      this.host.emit({
        ...base,
        reason: "Pulled",
        message: `Container image "${c.image}" already present on machine`,
      });
      this.host.emit({ ...base, reason: "Created", message: `Created container ${c.name}` });
      this.host.emit({ ...base, reason: "Started", message: `Started container ${c.name}` });
    }
    const node = pod.spec.nodeName ?? "";
    const cidr = this.scheduler ? undefined : this.host.api.get("Node", "", node)?.spec?.podCIDR;
    this.writeStatus(name, (p) => ({
      ...p.status,
      phase: "Running",
      podIP: cidr !== undefined ? podIPInCIDR(cidr, name) : podIPOf(node, name),
      containerStatuses: p.spec.containers.map((c) => ({
        name: c.name,
        image: c.image,
        ready: false,
        started: true,
        restartCount: 0,
        state: { running: { startedAt: now } },
      })),
    }));
    const readyTimes = [
      ...new Set(pod.spec.containers.map((c) => now + readinessDelay(c.readinessProbe))),
    ].sort((a, b) => a - b);
    for (const t of readyTimes) {
      if (t === now) this.probe(name, uid, now);
      else this.host.schedule(t, () => this.probe(name, uid, now), `probe ${name}`);
    }
  }

  /** A readiness probe round: containers whose probe has passed by now become ready. */
  private probe(name: string, uid: string | undefined, startedAt: Time): void {
    const pod = this.live(name, uid);
    if (!pod || pod.metadata.deletionTimestamp !== undefined || pod.status.phase !== "Running") return;
    const now = this.host.now;
    const readyNow = (c: Container) => startedAt + readinessDelay(c.readinessProbe) <= now;
    const allReady = pod.spec.containers.every(readyNow);
    this.writeStatus(name, (p) => ({
      ...p.status,
      containerStatuses: (p.status.containerStatuses ?? []).map((cs) => {
        const c = p.spec.containers.find((x) => x.name === cs.name);
        return c && readyNow(c) ? { ...cs, ready: true } : cs;
      }),
      conditions: allReady
        ? setConditions(p.status.conditions, now, { Ready: "True", ContainersReady: "True" })
        : p.status.conditions,
    }));
  }

  private stopping(name: string, uid: string | undefined): void {
    const pod = this.live(name, uid);
    if (!pod) return;
    const now = this.host.now;
    if (pod.status.phase === "Running") {
      for (const cs of pod.status.containerStatuses ?? []) {
        if (!cs.state?.running) continue;
        this.host.emit({
          type: "Normal",
          reason: "Killing",
          message: `Stopping container ${cs.name}`,
          involvedObject: involvedPod(pod),
          source: "kubelet",
        });
      }
    }
    this.writeStatus(name, (p) => ({
      ...p.status,
      containerStatuses: p.status.containerStatuses?.map((cs) => ({ ...cs, ready: false })),
      conditions: setConditions(p.status.conditions, now, { Ready: "False", ContainersReady: "False" }),
    }));
    const grace =
      pod.metadata.deletionGracePeriodSeconds ??
      pod.spec.terminationGracePeriodSeconds ??
      PodDefaults.terminationGracePeriodSeconds;
    const gone =
      (pod.metadata.deletionTimestamp ?? now) + terminationDelay(this.host.settings["pod.shutdown"], grace);
    this.host.schedule(Math.max(now, gone), () => this.remove(name, uid), `remove ${name}`);
  }

  private remove(key: string, uid: string | undefined): void {
    const pod = this.live(key, uid);
    if (!pod) return;
    this.host.api.remove("Pod", namespaceOf(pod), pod.metadata.name);
  }

  private writeStatus(key: string, change: (pod: Pod) => Pod["status"]): void {
    const { namespace, name } = parseQualifiedName(key);
    const pod = this.host.api.get("Pod", namespace, name);
    if (!pod) return;
    this.host.api.updateStatus({ ...pod, status: change(pod) });
  }
}

/** The pod an event is about. */
const involvedPod = (pod: Pod): EventDraft["involvedObject"] => involvedObjectOf(pod);

const CONDITION_ORDER: readonly ConditionType[] = ["Initialized", "Ready", "ContainersReady", "PodScheduled"];

function conditions(now: Time, statuses: Record<ConditionType, "True" | "False">): PodCondition[] {
  return CONDITION_ORDER.map((type) => ({ type, status: statuses[type], lastTransitionTime: now }));
}

/** Set condition statuses; lastTransitionTime moves only when the status changes. */
function setConditions(
  existing: readonly PodCondition[] | undefined,
  now: Time,
  statuses: Partial<Record<ConditionType, "True" | "False">>,
): PodCondition[] {
  const out = (existing ?? []).map((c) => {
    const s = statuses[c.type];
    return s === undefined || s === c.status ? c : { ...c, status: s, lastTransitionTime: now };
  });
  for (const [type, status] of Object.entries(statuses) as [ConditionType, "True" | "False"][]) {
    if (!out.some((c) => c.type === type)) out.push({ type, status, lastTransitionTime: now });
  }
  return out;
}

function nameHash(pod: string): number {
  let h = 0;
  for (let i = 0; i < pod.length; i++) h = (Math.imul(h, 31) + pod.charCodeAt(i)) >>> 0;
  return h;
}

/** A stable pod IP from the node's pod CIDR (10.244.<node>.0/24) and the pod name. */
function podIPOf(node: string, pod: string): string {
  const n = Number(node.slice("node-".length)) || 0;
  return `10.244.${n}.${2 + (nameHash(pod) % 250)}`;
}

/** A stable pod IP in a declared node's pod CIDR (spec.podCIDR, a /24) from the pod name. */
function podIPInCIDR(cidr: string, pod: string): string {
  const base = cidr.split("/")[0].split(".").slice(0, 3).join(".");
  return `${base}.${2 + (nameHash(pod) % 250)}`;
}
