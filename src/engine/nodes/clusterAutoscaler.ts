/**
 * The cluster autoscaler (kubernetes/autoscaler cluster-autoscaler, v1.28): a loop every
 * --scan-interval (10 s) over the pools under `autoscale nodes` (its node groups), as
 * core/static_autoscaler.go RunOnce runs it:
 *
 * Scale-up (core/scaleup/orchestrator): the pods kube-scheduler marked unschedulable
 * (PodScheduled=False, reason Unschedulable) that would not fit on a node there is or on one
 * coming up (estimator.ts fitOnExisting) ask for nodes. For each pool below its maximum the
 * binpacking estimator counts the new nodes they need; a pool at its maximum is skipped
 * ("max node group size reached"). One pool is chosen (the default `random` expander, from
 * the run's seeded stream) and its target size raised, at most to its maximum; each pod it
 * helps gets `TriggeredScaleUp` ("pod triggered scale-up: [{pool-a 3->5 (max: 6)}]"). When no
 * pool can help, every such pod gets `NotTriggerScaleUp` with the reasons counted over the
 * pools ("pod didn't trigger scale-up: 1 max node group size reached")
 * (processors/status/eventing_scale_up_processor.go). The new machines register their nodes
 * after the provisioning time (pools.ts).
 *
 * Scale-down (core/scaledown/planner, simulator/cluster.go, FAQ "How does scale-down work?"):
 * a node of an autoscaled pool is unneeded when its pods request less than
 * --scale-down-utilization-threshold (0.5) of its allocatable cpu and of its memory (the larger
 * of the two shares, simulator/utilization), and every pod on it can move to another node
 * (same filters; a pod no controller owns, one with local storage — an emptyDir volume —,
 * or more pods of a PodDisruptionBudget than it allows to go keep the node, FAQ "What types
 * of pods can prevent CA from removing a node?"). A node
 * unneeded for --scale-down-unneeded-time (10 min; `scale-down after D` per pool) is removed,
 * never taking its pool below its minimum: empty nodes together, otherwise one node per loop.
 * No node is removed for --scale-down-delay-after-add (10 min) after a scale-up, nor for
 * --scale-down-delay-after-delete after a removal. Removal (core/scaledown/actuation): the
 * ToBeDeletedByClusterAutoscaler taint and the event "marked the node as
 * toBeDeleted/unschedulable", each pod evicted through the eviction API ("deleting pod for
 * node scale down"), and once they are gone the machine and its Node ("nodes removed by
 * cluster autoscaler").
 *
 * A failed drain (core/scaledown/actuation/drain.go evictPod, actuator.go
 * CleanUpAndRecordFailedScaleDownEvent): a refused eviction is asked again every
 * DefaultEvictionRetryTime (10 s) until --max-pod-eviction-time (2 min) has passed since the
 * drain began; a pod still refused then gets Warning ScaleDownFailed "failed to delete pod for
 * ScaleDown", and the node Warning ScaleDownFailed "failed to drain and delete node: Failed to
 * drain node /NAME, due to following errors: [failed to evict pod NS/POD within allowed
 * timeout (last error: …)]". The node keeps the pods that were not evicted, loses its
 * ToBeDeletedByClusterAutoscaler taint (CleanToBeDeleted), and must be unneeded for the whole
 * unneeded time again; no node is removed for --scale-down-delay-after-failure (3 min), the
 * FAQ's "how long after scale down failure that scale down evaluation resumes".
 *
 * Every loop ends by writing the status ConfigMap kube-system/cluster-autoscaler-status
 * (autoscalerStatus.ts); the autoscaler's start writes it "Initializing" (NewStatusMapRecorder).
 */
import { podVolumes } from "../scheduling/volumeBinding.ts";
import { isNodeReady, poolOf, TaintKeys } from "../../k8s/kinds/node/conditions.ts";
import { labelsMatch } from "../../k8s/labels.ts";
import { EPOCH_MS } from "../../k8s/time.ts";
import { involvedObjectOf, namespaceOf } from "../../k8s/namespaces.ts";
import type { ConfigMap, EventDraft, Node, Pod, PodDisruptionBudget, Time } from "../../k8s/types.ts";
import type { SimApiServer } from "../apiserver.ts";
import {
  buildStatus,
  countNode,
  emptyReadiness,
  LAST_UPDATED_ANNOTATION,
  readableStatus,
  STATUS_CONFIGMAP,
  statusConfigMapContent,
  type AutoscalerStatus,
  type NodeGroupState,
} from "./autoscalerStatus.ts";
import type { Rng } from "../controller.ts";
import type { Settings } from "../settings.ts";
import { nodeInfo, nodeInfos, type NodeInfo } from "../scheduling/nodeInfo.ts";
import { estimateNodes, fitOnExisting, templateNode } from "./estimator.ts";
import { nodeShouldRunDaemonPod } from "../controllers/daemonset/nodes.ts";
import { newDaemonPod } from "../controllers/daemonset/pods.ts";
import type { DaemonSet } from "../../k8s/kinds/daemonSet/types.ts";
import { apiListers } from "../scheduling/listers.ts";
import type { NodePools, Pool } from "./pools.ts";
import { poolNode } from "./template.ts";

export interface ClusterAutoscalerHost {
  readonly now: Time;
  readonly settings: Settings;
  readonly api: SimApiServer;
  readonly pools: NodePools;
  /** The expander's seeded stream. */
  readonly rng: Rng;
  /** The seeded stream the status ConfigMap's uid comes from. */
  readonly statusUids: Rng;
  /** Run `fn` at time t among the periodic syncs. */
  schedule(t: Time, fn: () => void, label: string): void;
  emit(event: EventDraft): void;
}

const SOURCE = "cluster-autoscaler";
/** How often the actuator checks that a drained node's pods are gone (actuation/drain.go waitPodsToDisappear). */
const DRAIN_POLL = 5;
/** actuation/drain.go DefaultEvictionRetryTime: a refused eviction is asked again after this. */
export const EVICTION_RETRY_TIME = 10;
/** --max-pod-eviction-time: how long the drain keeps asking before it gives up. */
export const MAX_POD_EVICTION_TIME = 120;
/** --max-empty-bulk-delete */
const MAX_EMPTY_BULK_DELETE = 10;

/** PodScheduled=False with reason Unschedulable: what kube-scheduler leaves on a pod that fits nowhere. */
export const isUnschedulable = (pod: Pod): boolean =>
  pod.spec.nodeName === undefined &&
  pod.metadata.deletionTimestamp === undefined &&
  (pod.status?.conditions ?? []).some(
    (c) => c.type === "PodScheduled" && c.status === "False" && c.reason === "Unschedulable",
  );

/** ScaleUpInfo.String(): `{pool-a 3->5 (max: 6)}`. */
export const scaleUpInfoText = (pool: string, from: number, to: number, max: number): string =>
  `{${pool} ${from}->${to} (max: ${max})}`;

/** ReasonsMessage: each reason with the number of pools that gave it ("1 max node group size reached"), sorted. */
export function reasonsMessage(reasonsByPool: readonly (readonly string[])[]): string {
  const counts = new Map<string, number>();
  for (const reasons of reasonsByPool)
    for (const r of new Set(reasons)) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts]
    .map(([r, n]) => `${n} ${r}`)
    .sort()
    .join(", ");
}

/**
 * utilization.Calculate: the larger of the requested shares of cpu and memory of the node's
 * allocatable. Example: 600m of 2 CPUs and 1Gi of 8Gi → max(0.3, 0.125) = 0.3.
 */
export function nodeUtilization(info: NodeInfo): number {
  const { allocatable: a, requested: r } = info;
  const cpu = a.cpu > 0 ? r.cpu / a.cpu : 0;
  const memory = a.memory > 0 ? r.memory / a.memory : 0;
  return Math.max(cpu, memory);
}

/** Why a pod keeps its node (drainability rules), or undefined when it may move. */
export function blocksRemoval(pod: Pod): string | undefined {
  const owners = pod.metadata.ownerReferences ?? [];
  if (!owners.some((o) => o.controller)) return "NotReplicated";
  const volumes = (pod.spec.volumes ?? []) as { emptyDir?: unknown }[];
  if (volumes.some((v) => v.emptyDir !== undefined)) return "LocalStorageRequested";
  return undefined;
}

/**
 * The PodDisruptionBudget rule of drainability (simulator/drainability/rules/pdb): moving the
 * node's pods must not take more from any budget than its disruptionsAllowed.
 * Example: two pods of a budget allowing 1 → the node stays.
 */
export function exceedsBudgets(pods: readonly Pod[], budgets: readonly PodDisruptionBudget[]): boolean {
  return budgets.some((b) => {
    const ns = b.metadata.namespace ?? "default";
    const taken = pods.filter(
      (p) =>
        (p.metadata.namespace ?? "default") === ns && labelsMatch(b.spec.selector ?? {}, p.metadata.labels),
    ).length;
    return taken > 0 && taken > (b.status?.disruptionsAllowed ?? 0);
  });
}

export class ClusterAutoscaler {
  private started = false;
  private lastScaleUp = -Infinity;
  private lastScaleDown = -Infinity;
  private lastScaleDownFail = -Infinity;
  /** Unneeded nodes, with when they became unneeded. */
  private readonly unneededSince = new Map<string, Time>();
  /** Nodes being drained for removal. */
  private readonly deleting = new Set<string>();
  /** When the autoscaler started: its clock's monotonic readings count from here. */
  private startedAt = 0;
  /** The last GetStatus, whose transition times the next one carries. */
  private lastStatus?: AutoscalerStatus;
  /** lastScaleDownUpdateTime: when the scale-down candidates were last updated. */
  private scaleDownProbe?: Time;

  constructor(private readonly host: ClusterAutoscalerHost) {}

  /** Start the loop (the first `autoscale nodes`): its first pass runs now, then every scan interval. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.startedAt = this.host.now;
    this.writeStatus("Initializing");
    this.host.schedule(this.host.now, () => this.loop(), "cluster-autoscaler");
  }

  private loop(): void {
    this.runOnce();
    const every = Math.max(1e-3, this.host.settings["autoscaler.scan-interval"]);
    this.host.schedule(this.host.now + every, () => this.loop(), "cluster-autoscaler");
  }

  /** One RunOnce: scale up if pods need it; otherwise look for nodes to remove. */
  runOnce(): void {
    const api = this.host.api;
    const nodes = api.listAll("Node").filter((n) => !this.deleting.has(n.metadata.name));
    const pods = api.listAll("Pod");
    const scaledUp = this.scaleUp(nodes, pods);
    this.updateUnneeded(nodes, pods);
    // A loop that scaled up returns before scale-down, leaving the candidates as they were.
    if (!scaledUp && this.host.settings["autoscaler.scale-down-enabled"]) {
      this.scaleDownProbe = this.host.now;
      if (!this.inCooldown()) this.scaleDown(nodes);
    }
    this.writeStatus(readableStatus(this.status(), this.startedAt));
  }

  // ---------------------------------------------------------------- status

  /** clusterstate.GetStatus over the nodes there are now and the pools under the autoscaler. */
  private status(): AutoscalerStatus {
    const now = this.host.now;
    const readiness = emptyReadiness();
    const groups = new Map<string, NodeGroupState>();
    for (const pool of this.autoscaled())
      groups.set(pool.spec.name, {
        id: pool.spec.name,
        min: pool.autoscaling?.min ?? 0,
        max: pool.autoscaling?.max ?? 0,
        target: pool.target,
        upcoming: pool.provisioning.length,
        readiness: emptyReadiness(),
        candidates: 0,
      });
    for (const node of this.host.api.listAll("Node")) {
      const ready = isNodeReady(node);
      const created = node.metadata.creationTimestamp ?? now;
      countNode(readiness, ready, created, now);
      const group = groups.get(poolOf(node) ?? "");
      if (!group) continue;
      countNode(group.readiness, ready, created, now);
      if (this.unneededSince.has(node.metadata.name)) group.candidates += 1;
    }
    const status = buildStatus(
      { now, readiness, groups: [...groups.values()], scaleDownProbe: this.scaleDownProbe },
      this.lastStatus,
    );
    this.lastStatus = status;
    return status;
  }

  /** utils.WriteStatusConfigMap: update the status ConfigMap, or create it when it is not there. */
  private writeStatus(message: string): void {
    const api = this.host.api;
    const { data, lastUpdated } = statusConfigMapContent(this.host.now, message);
    const existing = api.get("ConfigMap", STATUS_CONFIGMAP.namespace, STATUS_CONFIGMAP.name) as
      ConfigMap | undefined;
    if (existing) {
      const annotations = { ...existing.metadata.annotations, [LAST_UPDATED_ANNOTATION]: lastUpdated };
      api.update({
        ...existing,
        metadata: { ...existing.metadata, annotations },
        data: { ...existing.data, ...data },
      });
      return;
    }
    // Like the real autoscaler, a status it cannot write is only logged: the loop goes on.
    api.create(
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { ...STATUS_CONFIGMAP, annotations: { [LAST_UPDATED_ANNOTATION]: lastUpdated } },
        data,
      } as ConfigMap,
      this.host.statusUids,
    );
  }

  private autoscaled(): Pool[] {
    return this.host.pools.all().filter((p) => p.autoscaling !== undefined);
  }

  private templateName(pool: Pool): string {
    return `template-node-for-${pool.spec.name}`;
  }

  /** The pool's template node (TemplateNodeInfo): what a new machine of the pool registers as, zone included. */
  private template(pool: Pool): Node {
    return poolNode(pool.spec, this.templateName(pool), 0, this.host.now);
  }

  /**
   * GetDaemonSetPodsForNode: a pod of every DaemonSet that would run on the node (its node
   * selector, required affinity and taints against the daemon tolerations), as the autoscaler
   * puts on a template node and on an upcoming one.
   */
  private daemonPods(node: Node): Pod[] {
    const pods: Pod[] = [];
    for (const ds of this.host.api.listAll("DaemonSet") as unknown as readonly DaemonSet[])
      if (nodeShouldRunDaemonPod(ds, node).shouldRun)
        pods.push(newDaemonPod(ds, "", node.metadata.name, this.host.now, true));
    return pods;
  }

  // ---------------------------------------------------------------- scale-up

  private scaleUp(nodes: readonly Node[], pods: readonly Pod[]): boolean {
    // A pod its claims refuse (VolumeBinding's PreFilter: missing, unbound Immediate) fits no
    // node, a new one neither: the autoscaler's scheduler framework refuses it alike.
    const pending = pods.filter((p) => isUnschedulable(p) && !podVolumes(p, this.host.api)?.refusal);
    if (pending.length === 0) return false;
    // The snapshot: the nodes there are (Ready ones), and the ones coming up as templates.
    const infos = nodeInfos(
      nodes.filter((n) => isNodeReady(n)),
      pods.filter((p) => p.spec.nodeName !== undefined),
    );
    for (const pool of this.autoscaled())
      for (let i = 0; i < pool.provisioning.length; i++)
        infos.push(
          nodeInfo(
            templateNode(this.template(pool), `${this.templateName(pool)}-upcoming-${i + 1}`),
            this.daemonPods(this.template(pool)),
          ),
        );
    // The scheduler's filters, cluster-wide ones included, over this snapshot.
    const sim = { listers: apiListers(this.host.api) };
    const left = fitOnExisting(pending, infos, sim);
    if (left.length === 0) return false;

    const options: { pool: Pool; nodes: number; helped: Pod[] }[] = [];
    const reasonsByPod = new Map<Pod, string[][]>();
    const reject = (pod: Pod, reasons: string[]) => {
      let list = reasonsByPod.get(pod);
      if (!list) reasonsByPod.set(pod, (list = []));
      list.push(reasons);
    };
    for (const pool of this.autoscaled()) {
      const max = pool.autoscaling?.max ?? 0;
      if (pool.target >= max) {
        for (const p of left) reject(p, ["max node group size reached"]);
        continue;
      }
      const template = this.template(pool);
      const estimate = estimateNodes(left, template, max - pool.target, infos, {
        ...sim,
        templatePods: this.daemonPods(template),
      });
      for (const r of estimate.rejected) reject(r.pod, r.reasons);
      for (const p of estimate.overLimit) reject(p, ["max node group size reached"]);
      if (estimate.nodes > 0) options.push({ pool, nodes: estimate.nodes, helped: estimate.helped });
    }
    if (options.length === 0) {
      for (const p of left)
        this.podEvent(
          p,
          "Normal",
          "NotTriggerScaleUp",
          `pod didn't trigger scale-up: ${reasonsMessage(reasonsByPod.get(p) ?? [])}`,
        );
      return false;
    }
    // The random expander: any option, uniformly.
    const best = options[Math.floor(this.host.rng.next() * options.length) % options.length];
    const max = best.pool.autoscaling?.max ?? 0;
    const from = best.pool.target;
    const to = Math.min(max, from + best.nodes);
    this.host.pools.increaseSize(best.pool.spec.name, to - from);
    this.lastScaleUp = this.host.now;
    const info = `[${scaleUpInfoText(best.pool.spec.name, from, to, max)}]`;
    for (const p of best.helped)
      this.podEvent(p, "Normal", "TriggeredScaleUp", `pod triggered scale-up: ${info}`);
    return true;
  }

  // ---------------------------------------------------------------- scale-down

  private inCooldown(): boolean {
    const s = this.host.settings;
    const now = this.host.now;
    return (
      now < this.lastScaleUp + s["autoscaler.scale-down-delay-after-add"] ||
      now < this.lastScaleDown + s["autoscaler.scale-down-delay-after-delete"] ||
      now < this.lastScaleDownFail + s["autoscaler.scale-down-delay-after-failure"]
    );
  }

  /** UpdateUnneededNodes: which nodes could go now, and since when they could. */
  private updateUnneeded(nodes: readonly Node[], pods: readonly Pod[]): void {
    const threshold = this.host.settings["autoscaler.scale-down-utilization-threshold"];
    const bound = pods.filter((p) => p.spec.nodeName !== undefined);
    const infos = nodeInfos(nodes, bound);
    const byName = new Map(infos.map((i) => [i.node.metadata.name, i]));
    const removable = new Set<string>();
    // Each node's own pods, before any candidate's pods are moved in the snapshot.
    const ownPods = new Map(
      infos.map((i) => [i, i.boundPods.filter((p) => p.metadata.deletionTimestamp === undefined)]),
    );
    for (const info of infos) {
      const node = info.node;
      const pool = this.host.pools.get(poolOf(node) ?? "");
      if (!pool?.autoscaling || !isNodeReady(node)) continue;
      if (nodeUtilization(info) >= threshold) continue;
      const own = ownPods.get(info) ?? [];
      if (own.some((p) => blocksRemoval(p) !== undefined)) continue;
      if (exceedsBudgets(own, this.host.api.listAll("PodDisruptionBudget"))) continue;
      // Every pod must find room elsewhere, in a snapshot that keeps what earlier candidates moved.
      const destinations = infos.filter((i) => i !== info && !removable.has(i.node.metadata.name));
      const trial = destinations.map((i) => ({
        ...i,
        requested: { ...i.requested },
        nonZeroRequested: { ...i.nonZeroRequested },
      }));
      if (fitOnExisting(own, trial).length > 0) continue;
      for (const t of trial) {
        const real = byName.get(t.node.metadata.name);
        if (real)
          Object.assign(real, { requested: t.requested, nonZeroRequested: t.nonZeroRequested, pods: t.pods });
      }
      removable.add(node.metadata.name);
    }
    for (const name of [...this.unneededSince.keys()])
      if (!removable.has(name)) this.unneededSince.delete(name);
    for (const name of removable)
      if (!this.unneededSince.has(name)) this.unneededSince.set(name, this.host.now);
  }

  private scaleDown(nodes: readonly Node[]): void {
    const now = this.host.now;
    const global = this.host.settings["autoscaler.scale-down-unneeded-time"];
    const pods = this.host.api.listAll("Pod");
    const podsOn = (n: string) =>
      pods.filter((p) => p.spec.nodeName === n && p.metadata.deletionTimestamp === undefined);
    const due = nodes.filter((n) => {
      const since = this.unneededSince.get(n.metadata.name);
      if (since === undefined) return false;
      const pool = this.host.pools.get(poolOf(n) ?? "");
      return now - since >= (pool?.autoscaling?.scaleDownUnneededTime ?? global);
    });
    // Nodes each pool can still give up (its size never below its minimum).
    const room = new Map<string, number>();
    for (const pool of this.autoscaled())
      room.set(
        pool.spec.name,
        pool.target - this.countDeleting(pool.spec.name) - (pool.autoscaling?.min ?? 0),
      );
    const take = (n: Node): boolean => {
      const pool = poolOf(n) ?? "";
      const left = room.get(pool) ?? 0;
      if (left <= 0) return false;
      room.set(pool, left - 1);
      return true;
    };
    const empty = due.filter((n) => podsOn(n.metadata.name).length === 0);
    const chosen = empty.filter(take).slice(0, MAX_EMPTY_BULK_DELETE);
    if (chosen.length === 0) {
      const drain = due.find((n) => podsOn(n.metadata.name).length > 0 && take(n));
      if (drain) chosen.push(drain);
    }
    for (const n of chosen) this.remove(n, podsOn(n.metadata.name));
    if (chosen.length) this.lastScaleDown = now;
  }

  private countDeleting(pool: string): number {
    let n = 0;
    for (const name of this.deleting) {
      const node = this.host.api.get("Node", "", name);
      if (node && poolOf(node) === pool) n += 1;
    }
    return n;
  }

  /** Taint, evict, and once the pods are gone, delete the machine and its Node; or give up (a failed drain). */
  private remove(node: Node, pods: readonly Pod[]): void {
    const api = this.host.api;
    const name = node.metadata.name;
    this.deleting.add(name);
    this.unneededSince.delete(name);
    const taint = {
      key: TaintKeys.toBeDeletedByClusterAutoscaler,
      // deletetaint.MarkToBeDeleted: the value is the Unix time of the marking.
      value: String(Math.floor(EPOCH_MS / 1000 + this.host.now)),
      effect: "NoSchedule" as const,
    };
    api.update({ ...node, spec: { ...node.spec, taints: [...(node.spec?.taints ?? []), taint] } });
    this.nodeEvent(node, "Normal", "ScaleDown", "marked the node as toBeDeleted/unschedulable");
    const check = () => {
      const live = api.get("Node", "", name);
      if (!live) {
        this.deleting.delete(name);
        return;
      }
      if (api.listAll("Pod").some((p) => p.spec.nodeName === name)) {
        this.host.schedule(this.host.now + DRAIN_POLL, check, `cluster-autoscaler drains ${name}`);
        return;
      }
      this.nodeEvent(live, "Normal", "ScaleDown", "nodes removed by cluster autoscaler");
      this.host.pools.deleteNode(live);
      this.deleting.delete(name);
    };
    if (pods.length === 0) return check();
    // Each pod's outcome: undefined once evicted, its error once the drain gave up on it.
    const outcomes = new Map<Pod, string | undefined>();
    const retryUntil = this.host.now + MAX_POD_EVICTION_TIME;
    const settled = (pod: Pod, error: string | undefined) => {
      outcomes.set(pod, error);
      if (outcomes.size < pods.length) return;
      const errors = pods.flatMap((p) => outcomes.get(p) ?? []);
      if (errors.length === 0) check();
      else this.drainFailed(name, errors);
    };
    for (const p of pods) {
      this.podEvent(p, "Normal", "ScaleDown", "deleting pod for node scale down");
      this.evict(p, retryUntil, (error) => settled(p, error));
    }
  }

  /**
   * evictPod: ask the eviction API, again every EVICTION_RETRY_TIME while the drain has time
   * left; `done` gets undefined once the pod is evicted (or gone), else the error it ends with.
   */
  private evict(pod: Pod, retryUntil: Time, done: (error: string | undefined) => void): void {
    const ns = namespaceOf(pod);
    const attempt = () => {
      const r = this.host.api.evict(ns, pod.metadata.name);
      if (r === undefined || r.reason === "NotFound") return done(undefined);
      this.host.schedule(
        this.host.now + EVICTION_RETRY_TIME,
        () => {
          if (this.host.now < retryUntil) return attempt();
          this.podEvent(pod, "Warning", "ScaleDownFailed", "failed to delete pod for ScaleDown");
          done(
            `failed to evict pod ${ns}/${pod.metadata.name} within allowed timeout (last error: ${r.message})`,
          );
        },
        `cluster-autoscaler evicts ${pod.metadata.name}`,
      );
    };
    attempt();
  }

  /** CleanUpAndRecordFailedScaleDownEvent: the node stays, untainted, and scale-down waits. */
  private drainFailed(name: string, errors: readonly string[]): void {
    const api = this.host.api;
    this.deleting.delete(name);
    this.lastScaleDownFail = this.host.now;
    const node = api.get("Node", "", name);
    if (!node) return;
    // The drain error: errors.NewAutoscalerError's text with Go's %v of the []error.
    const drainError = `Failed to drain node /${name}, due to following errors: [${errors.join(" ")}]`;
    this.nodeEvent(node, "Warning", "ScaleDownFailed", `failed to drain and delete node: ${drainError}`);
    const taints = (node.spec?.taints ?? []).filter(
      (t) => t.key !== TaintKeys.toBeDeletedByClusterAutoscaler,
    );
    const { taints: _before, ...rest } = node.spec ?? {};
    api.update({ ...node, spec: taints.length > 0 ? { ...rest, taints } : rest });
  }

  private podEvent(pod: Pod, type: "Normal" | "Warning", reason: string, message: string): void {
    this.host.emit({ type, reason, message, involvedObject: involvedObjectOf(pod), source: SOURCE });
  }

  private nodeEvent(node: Node, type: "Normal" | "Warning", reason: string, message: string): void {
    this.host.emit({ type, reason, message, involvedObject: involvedObjectOf(node), source: SOURCE });
  }
}
