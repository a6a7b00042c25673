/**
 * The node lifecycle controller's NoSchedule tainting
 * (pkg/controller/nodelifecycle/node_lifecycle_controller.go doNoScheduleTaintingPass, with
 * the TaintNodesByCondition behaviour that is always on since 1.17): a node's conditions and
 * its spec.unschedulable become NoSchedule taints, so that the scheduler (and anything reading
 * taints, such as the cluster autoscaler) sees them as taints:
 *
 *   Ready False → node.kubernetes.io/not-ready, Ready Unknown → node.kubernetes.io/unreachable,
 *   MemoryPressure/DiskPressure/PIDPressure/NetworkUnavailable True → node.kubernetes.io/memory-pressure, …,
 *   spec.unschedulable → node.kubernetes.io/unschedulable.
 *
 * Only these NoSchedule taints are the controller's: it adds the ones missing (with timeAdded,
 * as SwapNodeControllerTaint stamps them) after the node's other taints, and removes the ones
 * no longer due, leaving every other taint as it is. Example: `kubectl cordon node-1` →
 * node-1 gains node.kubernetes.io/unschedulable:NoSchedule; `kubectl uncordon` removes it.
 *
 * doNoExecuteTaintingPass adds the NoExecute taints of taint-based eviction:
 * Ready False → node.kubernetes.io/not-ready:NoExecute, Ready Unknown (a node whose kubelet
 * stopped posting its status) → node.kubernetes.io/unreachable:NoExecute, each stamped with
 * its timeAdded, through its zone's rate-limited queue (zoneTainter.ts: one node per 10 s in a
 * healthy zone, fewer or none in a zone partly down, none while every zone is down), and
 * removes them once the node is Ready; the taint eviction controller
 * (taintEviction.ts) evicts the pods that do not tolerate them.
 */
import { TaintKeys } from "../../../k8s/kinds/node/conditions.ts";
import type { Node, Taint } from "../../../k8s/types.ts";
import {
  emptyResult,
  type Controller,
  type ReconcileContext,
  type ReconcileResult,
  type Write,
} from "../../controller.ts";
import type { Decision } from "../../trace.ts";
import { ZoneTainter, type DisruptionChange } from "./zoneTainter.ts";

/** nodeConditionToTaintKeyStatusMap */
const CONDITION_TAINTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: TaintKeys.notReady, Unknown: TaintKeys.unreachable },
  MemoryPressure: { True: "node.kubernetes.io/memory-pressure" },
  DiskPressure: { True: "node.kubernetes.io/disk-pressure" },
  NetworkUnavailable: { True: "node.kubernetes.io/network-unavailable" },
  PIDPressure: { True: "node.kubernetes.io/pid-pressure" },
};

const MANAGED_KEYS = new Set<string>([
  TaintKeys.unschedulable,
  ...Object.values(CONDITION_TAINTS).flatMap((m) => Object.values(m)),
]);

/** doNoExecuteTaintingPass: the Ready condition's NoExecute taint (NotReadyTaintTemplate, UnreachableTaintTemplate). */
const NO_EXECUTE: Readonly<Record<string, string>> = CONDITION_TAINTS.Ready;
const NO_EXECUTE_KEYS = new Set(Object.values(NO_EXECUTE));

/** The NoSchedule taint keys the node's conditions and spec call for, in the controller's order. */
export function dueTaintKeys(node: Node): string[] {
  const keys: string[] = [];
  for (const c of node.status?.conditions ?? []) {
    const key = CONDITION_TAINTS[c.type]?.[c.status];
    if (key) keys.push(key);
  }
  if (node.spec?.unschedulable) keys.push(TaintKeys.unschedulable);
  return keys;
}

/** The NoExecute taint key the node's Ready condition calls for, if any. */
export function dueNoExecuteKey(node: Node): string | undefined {
  const ready = node.status?.conditions?.find((c) => c.type === "Ready");
  return ready ? NO_EXECUTE[ready.status] : undefined;
}

const isManagedNoExecute = (t: Taint) => t.effect === "NoExecute" && NO_EXECUTE_KEYS.has(t.key);

/** SwapNodeControllerTaint: the node's taints with `key`'s NoExecute taint in place of the other one. */
function withNoExecute(taints: readonly Taint[], key: string, now: number): Taint[] {
  if (taints.some((t) => isManagedNoExecute(t) && t.key === key)) return [...taints];
  return [...taints.filter((t) => !isManagedNoExecute(t)), { key, effect: "NoExecute", timeAdded: now }];
}

/** A node's taints as a write: undefined when they are the ones it has. */
function taintWrite(node: Node, taints: Taint[]): Write | undefined {
  const was = node.spec?.taints ?? [];
  if (taints.length === was.length && taints.every((t, i) => t === was[i])) return undefined;
  const updated = structuredClone(node);
  updated.spec = { ...updated.spec, taints };
  if (taints.length === 0) delete updated.spec.taints;
  return { op: "update", object: updated };
}

/**
 * One node's sync: its NoSchedule taints (doNoScheduleTaintingPass), then what
 * monitorNodeHealth does with its Ready condition — the zones' states (handleDisruption,
 * zoneTainter.ts), the node's NoExecute taint swapped at once or queued in its zone
 * (processTaintBaseEviction) — and last the zones' queues (doNoExecuteTaintingPass). The node's
 * own write comes first and holds every change to it, as before the queues: a node that goes
 * down alone in a healthy zone is tainted NoSchedule and NoExecute in one update.
 */
export function reconcileNodeTaints(
  ctx: ReconcileContext,
  name: string,
  zones: ZoneTainter,
): ReconcileResult {
  const result = emptyResult();
  const now = ctx.now;
  const node = ctx.store.get("Node", "", name);
  if (zones.observe(name, node, ctx.settings))
    for (const n of ctx.store.listAll("Node") as readonly Node[])
      zones.observe(n.metadata.name, n, ctx.settings);
  const changes = zones.handleDisruption(now, ctx.settings);
  result.decisions.push(...changes.map(disruptionDecision));
  const entering = changes.some((c) => c.kind === "enter");
  /** Each node whose taints change, with its new taints, the synced node first. */
  const edits = new Map<string, { node: Node; taints: Taint[] }>();
  if (node) {
    const due = dueTaintKeys(node);
    const noExecute = dueNoExecuteKey(node);
    const taints = node.spec?.taints ?? [];
    const isManaged = (t: Taint) => t.effect === "NoSchedule" && MANAGED_KEYS.has(t.key);
    const has = (key: string) => taints.some((t) => isManagedNoExecute(t) && t.key === key);
    // Swapped at once: the node was tainted for the other Ready status (processTaintBaseEviction).
    const swap = noExecute !== undefined && !has(noExecute) && taints.some(isManagedNoExecute);
    const kept = taints.filter(
      (t) => (!isManaged(t) || due.includes(t.key)) && (!isManagedNoExecute(t) || t.key === noExecute),
    );
    const added = due
      .filter((k) => !taints.some((t) => isManaged(t) && t.key === k))
      .map((key): Taint => ({ key, effect: "NoSchedule", timeAdded: now }));
    if (swap) added.push({ key: noExecute, effect: "NoExecute", timeAdded: now });
    edits.set(name, { node, taints: [...kept, ...added] });
    if (noExecute === undefined) zones.unqueue(name);
    else if (!has(noExecute) && !swap) zones.queue(name, now);
  }
  if (entering) {
    // markNodeAsReachable on every node: no NoExecute taint stays while all zones are down.
    for (const n of ctx.store.listAll("Node") as readonly Node[]) {
      const edit = edits.get(n.metadata.name);
      const taints = edit?.taints ?? n.spec?.taints ?? [];
      if (taints.some(isManagedNoExecute))
        edits.set(n.metadata.name, { node: n, taints: taints.filter((t) => !isManagedNoExecute(t)) });
    }
    zones.requeueNotReady(now);
  }
  for (const { node: queued, since, zone } of zones.take(now)) {
    const n = edits.get(queued)?.node ?? ctx.store.get("Node", "", queued);
    // Gone, or Ready again by its turn: the token is spent all the same (Try).
    const key = n && dueNoExecuteKey(n);
    if (!n || key === undefined) continue;
    const taints = withNoExecute(edits.get(queued)?.taints ?? n.spec?.taints ?? [], key, now);
    edits.set(queued, { node: n, taints });
    if (since < now)
      result.decisions.push({
        controller: "nodelifecycle",
        object: `Node/${queued}`,
        action: "taint",
        summary: `${key}:NoExecute after ${formatSeconds(now - since)} in the taint queue of zone ${zoneName(zone)} (${zones.zoneState(zone) ?? "Normal"})`,
        inputs: { zone, taint: key, queuedAt: since, state: zones.zoneState(zone) ?? "Normal" },
      });
  }
  for (const { node: n, taints } of edits.values()) {
    const write = taintWrite(n, taints);
    if (write) result.writes.push(write);
  }
  const after = zones.wakeAfter(now);
  if (after !== undefined) result.requeueAfter = after;
  return result;
}

const zoneName = (zone: string): string => (zone === "" ? '""' : zone);

const formatSeconds = (s: number): string => `${Math.round(s * 1000) / 1000}s`;

/** handleDisruption's log lines, as decisions. */
function disruptionDecision(change: DisruptionChange): Omit<Decision, "t"> {
  const base = { controller: "nodelifecycle", object: "Node/*" };
  switch (change.kind) {
    case "enter":
      return {
        ...base,
        action: "enter-master-disruption",
        summary: "Controller detected that all Nodes are not-Ready. Entering master disruption mode",
        inputs: {},
      };
    case "exit":
      return {
        ...base,
        action: "exit-master-disruption",
        summary: "Controller detected that some Nodes are Ready. Exiting master disruption mode",
        inputs: { zones: change.zones },
      };
    case "zone":
      return {
        ...base,
        action: "zone-state",
        summary: `Controller detected that zone is now in new state: zone ${zoneName(change.zone)} ${change.to} (was ${change.from}), tainting ${change.rate} nodes/s`,
        inputs: { zone: change.zone, from: change.from, newState: change.to, rate: change.rate },
      };
  }
}

/**
 * The node lifecycle controller as the engine runs it: a work queue of Nodes, with its zones
 * in memory (a fresh controller per simulation).
 */
export function nodeLifecycleController(): Controller {
  const zones = new ZoneTainter();
  return {
    name: "nodelifecycle",
    kind: "Node",
    reconcile: (ctx, name) => reconcileNodeTaints(ctx, name, zones),
  };
}
