/**
 * kube-scheduler, for a cluster with declared nodes: it places each unscheduled pod by its
 * requests (framework.ts: the default profile's filters and scores), binds it (the
 * pods/binding subresource, event `Scheduled`), or records why it fits nowhere — event
 * `FailedScheduling` and the condition PodScheduled=False, reason Unschedulable, both with the
 * FitError message — and tries again as the scheduling queue does
 * (pkg/scheduler/internal/queue/scheduling_queue.go):
 *
 * - A pod that failed waits in the unschedulable queue until a cluster event that may make it
 *   schedulable: a node added, a node changed (allocatable, labels, taints, conditions,
 *   spec.unschedulable), an assigned pod deleted (its requests are free again), or a pod
 *   bound or updated on a node that one of its required pod affinity terms selects
 *   (getUnschedulablePodsWithMatchingAffinityTerm). It is then
 *   tried once its backoff since the last attempt has passed (backoffDuration: 1 s doubling to
 *   10 s, the scheduler.pod-initial-backoff and scheduler.pod-max-backoff settings).
 * - Without such an event it is tried again anyway by flushUnschedulablePodsLeftover, which
 *   runs every 30 s and moves pods that have waited longer than 5 minutes
 *   (podMaxInUnschedulablePodsDuration).
 *
 * Example: nodes full at 0 s; a pod fails at 0 s (attempt 1); a node joins at 95 s → the pod is
 * tried at 95 s (its 1 s backoff long over) and bound. Had no node joined, it would have been
 * tried at 330 s (the first 30 s flush after 300 s), and every 5½ minutes after that.
 *
 * Scheduling runs at the kubelet's priority in the instant's order, where binding ran before
 * nodes were modelled. Of the pods due at the same instant, the one of highest priority is
 * tried first, then the others in the order they entered the queue (the activeQ's
 * PrioritySort: activeQueue.ts); pods of equal priority are placed in the order they were
 * created.
 *
 * The nodes each cycle sees come from the scheduler's cache (cache.ts), kept from the watch.
 */
import { involvedObjectOf, parseQualifiedName, qualifiedNameOf } from "../../k8s/namespaces.ts";
import { readyCondition } from "../../k8s/kinds/node/conditions.ts";
import { podRequests } from "../../k8s/podResources.ts";
import { podPriority } from "../../k8s/priority.ts";
import type { EventDraft, KubeObject, Node, Pod, PodCondition, Time } from "../../k8s/types.ts";
import type { SimApiServer } from "../apiserver.ts";
import type { Rng } from "../controller.ts";
import type { Settings } from "../settings.ts";
import type { Decision } from "../trace.ts";
import type { WatchEvent } from "../store.ts";
import { backoffDuration, schedulePod, type ScheduleResult } from "./framework.ts";
import { podClaimNames } from "../controllers/persistentvolume/volumes.ts";
import {
  BIND_TIMEOUT,
  BIND_TIMEOUT_MESSAGE,
  podVolumes,
  preBindWrites,
  preFilterMessage,
  volumeFilter,
} from "./volumeBinding.ts";
import { attractedBy } from "./interPodAffinity.ts";
import { apiListers } from "./listers.ts";
import { preemptionCondition } from "./preemption.ts";
import { SchedulerCache } from "./cache.ts";
import { isTerminal, type NodeInfo } from "./nodeInfo.ts";
import { ActiveQueues } from "./activeQueue.ts";

/** podMaxInUnschedulablePodsDuration */
export const MAX_IN_UNSCHEDULABLE = 300;
/** How often flushUnschedulablePodsLeftover runs. */
export const FLUSH_PERIOD = 30;

export interface KubeSchedulerHost {
  readonly now: Time;
  readonly settings: Settings;
  readonly api: SimApiServer;
  /** The scheduler's own seeded stream (ties between equal nodes). */
  readonly rng: Rng;
  /** Run `fn` at time t (≥ now) among the kubelet's timed events. */
  schedule(t: Time, fn: () => void, label: string): void;
  emit(event: EventDraft): void;
  /** Record a scheduling cycle's decision in the trace (what `replicast explain pod/NAME` reads). */
  decide(d: Omit<Decision, "t">): void;
}

interface QueuedPod {
  uid: string | undefined;
  /** Scheduling attempts so far. */
  attempts: number;
  /** When the last attempt was made. */
  lastAttempt: Time;
  /** Waiting in the unschedulable queue for a cluster event (or the leftover flush). */
  unschedulable: boolean;
  /** The time of the one attempt already scheduled, if any. */
  timerAt?: Time;
  /** What moved the pod to this attempt: "created", "node big-1 added", "pod web-x deleted", … */
  trigger: string;
  /** Its priority (spec.priority, set at admission and never changed): the activeQ's first key. */
  priority: number;
  /** In PreBind: the claims it waits on to be bound. */
  awaitingVolumes?: readonly string[];
  /** In PreBind: the node it is assumed on (Reserve), where it is bound once its claims are. */
  assumedNode?: string;
  /** In PreBind: when its binding cycle began to wait (its bind timeout counts from there). */
  bindingSince?: Time;
}

/**
 * The first flush tick (every 30 s from 0) at which a pod that failed at `lastAttempt` has
 * waited longer than 5 minutes. Example: failed at 0 → 330 (at 300 it has waited exactly 5 minutes, not longer).
 */
export function leftoverFlushAt(lastAttempt: Time): Time {
  return (Math.floor((lastAttempt + MAX_IN_UNSCHEDULABLE) / FLUSH_PERIOD) + 1) * FLUSH_PERIOD;
}

export class KubeScheduler {
  private readonly queued = new Map<string, QueuedPod>();
  /**
   * The queued pods with a required pod affinity term: the only ones an assigned pod can move
   * (getUnschedulablePodsWithMatchingAffinityTerm looks at no other), in the queue's order.
   */
  private readonly withAffinity = new Set<string>();
  private readonly cache = new SchedulerCache();
  /** Pods due for an attempt, by instant, in the order PrioritySort gives them. */
  private readonly active = new ActiveQueues();

  constructor(private readonly host: KubeSchedulerHost) {}

  /** Pods waiting to be scheduled (for tests and the cluster autoscaler's view). */
  pending(): string[] {
    return [...this.queued.keys()];
  }

  /** Store watch handler: Pods and Nodes. */
  onWatch(ev: WatchEvent): void {
    if (ev.object.kind === "Pod") this.onPod(ev);
    else if (ev.object.kind === "Node") this.onNode(ev);
    else if ((ev.object.kind as string) === "PersistentVolumeClaim") this.onClaim(ev);
  }

  private onPod(ev: WatchEvent): void {
    const pod = ev.object as Pod;
    // Pods are queued by their qualified name (`web-…` in default, `prod/web-…` elsewhere).
    const name = qualifiedNameOf(pod);
    this.cache.onPod(ev);
    const finished = isTerminal(pod);
    if (ev.type === "DELETED" || finished) {
      this.dequeue(name);
      // The pod informer watches `status.phase!=Succeeded,status.phase!=Failed` (scheduler.go,
      // newPodInformer): a pod that finishes leaves it as a deletion, and is not seen after.
      const leaves =
        ev.type === "DELETED"
          ? !finished
          : ev.type === "MODIFIED" && ev.old !== undefined && !isTerminal(ev.old as Pod);
      // AssignedPodDelete: what it held on its node is free.
      if (leaves && pod.spec.nodeName !== undefined)
        this.moveAll(`pod ${name} deleted from ${pod.spec.nodeName}`);
      return;
    }
    const bound = pod.spec.nodeName !== undefined;
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    if (bound || terminating) {
      this.dequeue(name);
      // AssignedPodAdded / AssignedPodUpdated: only the pods whose required affinity it satisfies.
      if (bound && !terminating) {
        const listers = apiListers(this.host.api);
        this.moveAll(`pod ${name} bound to ${pod.spec.nodeName}`, (waiting) =>
          attractedBy(waiting, pod, listers),
        );
      }
      return;
    }
    if (ev.type === "ADDED" && !this.queued.has(name)) {
      const q: QueuedPod = {
        uid: pod.metadata.uid,
        attempts: 0,
        lastAttempt: this.host.now,
        unschedulable: false,
        trigger: "created",
        priority: podPriority(pod),
      };
      this.queued.set(name, q);
      if (pod.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length)
        this.withAffinity.add(name);
      this.attemptAt(name, q, this.host.now);
    }
  }

  /**
   * A claim added or changed: the volumebinding plugin's cluster events (PersistentVolumeClaim
   * Add/Update) move the unschedulable pods; a pod waiting in PreBind for this claim is bound
   * to its assumed node once all its claims are (BindPodVolumes' checkBindings).
   */
  private onClaim(ev: WatchEvent): void {
    if (ev.type === "DELETED") return;
    const claim = ev.object;
    const ns = claim.metadata.namespace ?? "default";
    for (const [name, q] of this.queued) {
      if (!q.awaitingVolumes?.includes(claim.metadata.name)) continue;
      if (parseQualifiedName(name).namespace !== ns) continue;
      this.checkBindings(name, q, `persistentvolumeclaim ${claim.metadata.name} changed`);
    }
    this.moveAll(`persistentvolumeclaim ${claim.metadata.name} ${ev.type === "ADDED" ? "added" : "changed"}`);
  }

  private onNode(ev: WatchEvent): void {
    if (ev.type === "DELETED") return;
    if (ev.type === "MODIFIED" && ev.old && !nodeChangeMayHelp(ev.old as Node, ev.object as Node)) return;
    this.moveAll(`node ${ev.object.metadata.name} ${ev.type === "ADDED" ? "added" : "changed"}`);
  }

  /**
   * MoveAllToActiveOrBackoffQueue: every unschedulable pod (or those `which` picks, as
   * movePodsToActiveOrBackoffQueue does for an assigned pod) is tried once its backoff is over.
   */
  private moveAll(trigger: string, which?: (pod: Pod) => boolean): void {
    const initial = this.host.settings["scheduler.pod-initial-backoff"];
    const max = this.host.settings["scheduler.pod-max-backoff"];
    for (const name of which ? this.withAffinity : this.queued.keys()) {
      const q = this.queued.get(name)!;
      if (!q.unschedulable) continue;
      if (which) {
        const { namespace, name: podName } = parseQualifiedName(name);
        const waiting = this.host.api.get("Pod", namespace, podName);
        if (!waiting || !which(waiting)) continue;
      }
      q.unschedulable = false;
      q.trigger = trigger;
      const at = Math.max(this.host.now, q.lastAttempt + backoffDuration(q.attempts, initial, max));
      this.attemptAt(name, q, at);
    }
  }

  private dequeue(name: string): void {
    const q = this.queued.get(name);
    if (q?.assumedNode !== undefined) {
      // The pod deleted while in PreBind: its binding cycle ends, its room is free (ForgetPod).
      this.cache.forget(name);
      this.moveAll(`pod ${name} deleted from ${q.assumedNode}`);
    }
    this.queued.delete(name);
    this.withAffinity.delete(name);
  }

  /**
   * The pod is due for an attempt at t. Its timer, when it fires, tries the first pod due at t
   * in activeQ order (activeQueue.ts): this one, or one of higher priority due then too.
   */
  private attemptAt(name: string, q: QueuedPod, t: Time): void {
    if (q.timerAt !== undefined && q.timerAt <= t) return;
    q.timerAt = t;
    this.active.add(t, name, q.priority);
    this.host.schedule(
      t,
      () => {
        const own = this.queued.get(name) === q && q.timerAt === t ? name : undefined;
        const next = this.active.next(t, own, (n) => this.queued.get(n)?.timerAt === t);
        const nq = next === undefined ? undefined : this.queued.get(next);
        if (next === undefined || !nq) return;
        nq.timerAt = undefined;
        this.attempt(next, nq);
      },
      `schedule ${name}`,
    );
  }

  /** One scheduling cycle for the pod. */
  private attempt(name: string, q: QueuedPod): void {
    const api = this.host.api;
    const { namespace, name: podName } = parseQualifiedName(name);
    const pod = api.get("Pod", namespace, podName);
    if (
      !pod ||
      pod.metadata.uid !== q.uid ||
      pod.spec.nodeName !== undefined ||
      pod.metadata.deletionTimestamp !== undefined
    ) {
      this.dequeue(name);
      return;
    }
    const now = this.host.now;
    q.attempts += 1;
    q.lastAttempt = now;
    // VolumeBinding (volumeBinding.ts): PreFilter refuses before any node is looked at.
    const vols = podVolumes(pod, api);
    const infos = this.cache.snapshot(api.listAll("Node"));
    const result: ScheduleResult = vols?.refusal
      ? { nodes: [], statuses: [], unschedulable: preFilterMessage(infos.length, vols.refusal) }
      : schedulePod(pod, infos, this.host.rng, {
          listers: apiListers(api),
          pdbs: api.listAll("PodDisruptionBudget"),
          nominated: this.cache.nominated(),
          ...(vols ? { volumes: (info: NodeInfo) => volumeFilter(vols, info.node, api) } : {}),
        });
    const involvedObject = involvedObjectOf(pod);
    const requests = podRequests(pod);
    const record = (action: string, summary: string, extra: Record<string, unknown>) =>
      this.host.decide({
        controller: "scheduler",
        object: `Pod/${name}`,
        action,
        summary,
        inputs: {
          attempt: q.attempts,
          trigger: q.trigger,
          requests: { cpu: requests.cpu, memory: requests.memory },
          priority: podPriority(pod),
          nodes: result.nodes,
          ...extra,
        },
      });
    if ("node" in result && vols?.delayed.length) {
      // Reserve: the pod is assumed on the node (the cache counts it there, so no later cycle
      // takes its room); PreBind: its claims get their volumes there, and the binding cycle
      // waits until they are bound (scheduler.go schedulingCycle/bindingCycle, binder.go
      // BindPodVolumes).
      const node = infos.find((i) => i.node.metadata.name === result.node)!.node;
      record("wait-volumes", `waiting for its claims to bind on ${result.node}`, { node: result.node });
      q.awaitingVolumes = podClaimNames(pod);
      q.assumedNode = result.node;
      q.bindingSince = now;
      this.cache.assume(pod, result.node);
      for (const w of preBindWrites(vols, node, api)) api.update(w);
      this.checkBindings(name, q, q.trigger);
      if (q.assumedNode !== undefined)
        this.host.schedule(now + BIND_TIMEOUT, () => this.bindTimedOut(name, q, now), `bind timeout ${name}`);
      return;
    }
    if ("node" in result) {
      record("bind", `bound to ${result.node}`, { node: result.node });
      this.bindPod(name, result.node);
      return;
    }
    record(
      result.preemption ? "preempt" : "unschedulable",
      result.preemption ? `nominated to ${result.preemption.nominated}` : "unschedulable",
      {
        message: result.unschedulable,
        ...(result.preemption
          ? {
              nominated: result.preemption.nominated,
              victims: result.preemption.victims.map((v) => qualifiedNameOf(v)),
            }
          : {}),
      },
    );
    q.unschedulable = true;
    let nominatedNodeName = pod.status.nominatedNodeName;
    if (result.preemption) {
      nominatedNodeName = result.preemption.nominated;
      this.preemptVictims(pod, result.preemption.nominated, result.preemption.victims);
    } else if (result.clearNomination) nominatedNodeName = undefined;
    // handleSchedulingFailure: the event, then the pod's condition and nominated node (updatePod).
    this.host.emit({
      type: "Warning",
      reason: "FailedScheduling",
      message: result.unschedulable,
      involvedObject,
      source: "default-scheduler",
    });
    api.updateStatus({
      ...pod,
      status: {
        ...withoutNomination(pod.status),
        conditions: withUnschedulable(pod.status.conditions, result.unschedulable, now),
        ...(nominatedNodeName ? { nominatedNodeName } : {}),
      },
    } as KubeObject);
    const flushAt = leftoverFlushAt(now);
    this.host.schedule(
      flushAt,
      () => {
        if (this.queued.get(name) !== q || !q.unschedulable || q.lastAttempt !== now) return;
        q.unschedulable = false;
        q.trigger = "the leftover flush, unschedulable for over 5 minutes";
        const initial = this.host.settings["scheduler.pod-initial-backoff"];
        const max = this.host.settings["scheduler.pod-max-backoff"];
        this.attemptAt(name, q, Math.max(this.host.now, now + backoffDuration(q.attempts, initial, max)));
      },
      `flush unschedulable ${name}`,
    );
  }

  /**
   * checkBindings, as BindPodVolumes polls it: once every claim of a pod in PreBind is bound
   * (and its volume there), the binding cycle goes on to Bind on the assumed node. Upstream
   * polls each second; here the check runs when a claim changes, so the pod is bound at the
   * instant its last claim is.
   */
  private checkBindings(name: string, q: QueuedPod, trigger: string): void {
    const node = q.assumedNode;
    if (node === undefined) return;
    const { namespace, name: podName } = parseQualifiedName(name);
    const pod = this.host.api.get("Pod", namespace, podName);
    if (!pod) return;
    const vols = podVolumes(pod, this.host.api);
    if (!vols || vols.refusal !== undefined || vols.delayed.length) return;
    q.trigger = trigger;
    this.host.decide({
      controller: "scheduler",
      object: `Pod/${name}`,
      action: "bind",
      summary: `bound to ${node}`,
      inputs: { attempt: q.attempts, trigger, node },
    });
    this.bindPod(name, node);
  }

  /**
   * The binding cycle of a pod still in PreBind `BIND_TIMEOUT` after it began (BindPodVolumes'
   * poll timing out) fails: `running PreBind plugin "VolumeBinding": binding volumes: context
   * deadline exceeded` (RunPreBindPlugins wraps the plugin's error). handleBindingCycleError
   * forgets the assumed pod, so its room is free and the unschedulable pods are moved; the
   * failure is an error, not a rejection, so handleSchedulingFailure records it with the
   * condition's reason SchedulerError and the pod goes to the backoff queue, to be tried again
   * once its backoff is over (its claims keep the selected node, so it goes back there).
   */
  private bindTimedOut(name: string, q: QueuedPod, since: Time): void {
    const node = q.assumedNode;
    if (this.queued.get(name) !== q || node === undefined || q.bindingSince !== since) return;
    const { namespace, name: podName } = parseQualifiedName(name);
    const pod = this.host.api.get("Pod", namespace, podName);
    if (!pod) return;
    const message = BIND_TIMEOUT_MESSAGE;
    this.host.decide({
      controller: "scheduler",
      object: `Pod/${name}`,
      action: "bind-timeout",
      summary: `its claims not bound on ${node} within ${BIND_TIMEOUT}s`,
      inputs: { attempt: q.attempts, node, message },
    });
    q.assumedNode = undefined;
    q.awaitingVolumes = undefined;
    q.bindingSince = undefined;
    this.cache.forget(name);
    this.moveAll(`assumed pod ${name} forgotten on ${node}`);
    const now = this.host.now;
    this.host.emit({
      type: "Warning",
      reason: "FailedScheduling",
      message,
      involvedObject: involvedObjectOf(pod),
      source: "default-scheduler",
    });
    this.host.api.updateStatus({
      ...pod,
      status: {
        ...pod.status,
        conditions: withUnschedulable(pod.status.conditions, message, now, "SchedulerError"),
      },
    } as KubeObject);
    const initial = this.host.settings["scheduler.pod-initial-backoff"];
    const max = this.host.settings["scheduler.pod-max-backoff"];
    q.lastAttempt = now;
    q.trigger = "backoff after a binding cycle error";
    this.attemptAt(name, q, now + backoffDuration(q.attempts, initial, max));
  }

  /** Bind (DefaultBinder: the pods/binding subresource) and the `Scheduled` event. */
  private bindPod(name: string, node: string): void {
    const { namespace, name: podName } = parseQualifiedName(name);
    const pod = this.host.api.get("Pod", namespace, podName)!;
    this.queued.delete(name);
    this.withAffinity.delete(name);
    this.host.api.bind(namespace, podName, node);
    this.host.emit({
      type: "Normal",
      reason: "Scheduled",
      message: `Successfully assigned ${namespace}/${podName} to ${node}`,
      involvedObject: involvedObjectOf(pod),
      source: "default-scheduler",
    });
  }

  /**
   * prepareCandidate (preemption.go): each victim gets DisruptionTarget=True
   * (PreemptionByScheduler), is deleted with its grace period, and has a `Preempted` event;
   * pods of lower priority nominated to the same node lose their nomination
   * (getLowerPriorityNominatedPods, ClearNominatedNodeName).
   */
  private preemptVictims(preemptor: Pod, node: string, victims: readonly Pod[]): void {
    const api = this.host.api;
    for (const victim of victims) {
      const ns = victim.metadata.namespace ?? "default";
      const condition = preemptionCondition("default-scheduler");
      const conditions = (victim.status.conditions ?? []).filter(
        (c) => (c.type as string) !== condition.type,
      );
      api.updateStatus({
        ...victim,
        status: {
          ...victim.status,
          conditions: [...conditions, { ...condition, lastTransitionTime: this.host.now }],
        },
      } as KubeObject);
      api.delete("Pod", ns, victim.metadata.name);
      this.host.emit({
        type: "Normal",
        reason: "Preempted",
        message: `Preempted by pod ${preemptor.metadata.uid ?? ""} on node ${node}`,
        involvedObject: involvedObjectOf(victim),
        source: "default-scheduler",
      });
    }
    const priority = podPriority(preemptor);
    for (const p of api.listAll("Pod")) {
      if (p.status?.nominatedNodeName !== node || p.spec.nodeName || podPriority(p) >= priority) continue;
      api.updateStatus({ ...p, status: withoutNomination(p.status) } as KubeObject);
    }
  }
}

/** The status without a nominated node. */
function withoutNomination(status: Pod["status"]): Pod["status"] {
  const rest = { ...status };
  delete rest.nominatedNodeName;
  return rest;
}

/**
 * PodScheduled=False, reason Unschedulable, with the FitError message (podutil.UpdatePodCondition:
 * lastTransitionTime moves only when the status changes); reason SchedulerError for a cycle that
 * failed with an error rather than a rejection (handleSchedulingFailure).
 */
export function withUnschedulable(
  conditions: readonly PodCondition[] | undefined,
  message: string,
  now: Time,
  reason: "Unschedulable" | "SchedulerError" = "Unschedulable",
): PodCondition[] {
  const old = conditions?.find((c) => c.type === "PodScheduled");
  const next: PodCondition = {
    type: "PodScheduled",
    status: "False",
    lastTransitionTime: old && old.status === "False" ? old.lastTransitionTime : now,
    reason,
    message,
  };
  const rest = (conditions ?? []).filter((c) => c.type !== "PodScheduled");
  return [...rest, next];
}

/**
 * Whether a node update is one the scheduling queue reacts to (v1.28 eventhandlers.go
 * nodeSchedulingPropertiesChange): allocatable, labels, taints, spec.unschedulable or the
 * conditions changed. A heartbeat alone is not such a change.
 */
export function nodeChangeMayHelp(old: Node, next: Node): boolean {
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  return (
    !same(old.status?.allocatable, next.status?.allocatable) ||
    !same(old.metadata.labels, next.metadata.labels) ||
    !same(old.spec?.taints, next.spec?.taints) ||
    (old.spec?.unschedulable ?? false) !== (next.spec?.unschedulable ?? false) ||
    readyCondition(old)?.status !== readyCondition(next)?.status
  );
}
