/**
 * What the node lifecycle controller keeps in memory about zones (node_lifecycle_controller.go
 * v1.28: zoneStates, zoneNoExecuteTainter, handleDisruption), fed one node at a time as the
 * engine reconciles them rather than by monitorNodeHealth's pass over every node each
 * --node-monitor-period: a zone's state can only change when one of its nodes does, and every
 * change of a node reconciles it.
 *
 * handleDisruption, after each node's change:
 * - some zone not FullDisruption, and before it every zone was (or the other way round): the
 *   cluster leaves (enters) "master disruption mode" — entering, every node's NoExecute
 *   taint is removed and every zone's rate set to 0, so nothing is evicted while the control
 *   plane cannot tell a dead cluster from its own lost network ("Controller detected that all
 *   Nodes are not-Ready. Entering master disruption mode"); leaving, each zone gets its
 *   state's rate ("… some Nodes are Ready. Exiting master disruption mode");
 * - otherwise each zone whose state changed gets its new state's rate ("Controller detected
 *   that zone is now in new state").
 *
 * The queue keeps the order in which nodes turned not Ready; upstream re-adds every untainted
 * node at each monitor pass, in the order its parallel workers reach them.
 */
import type { Node, Time } from "../../../k8s/types.ts";
import type { Settings } from "../../settings.ts";
import { ZoneTaintQueue } from "./taintQueue.ts";
import {
  computeZoneState,
  excludedFromDisruption,
  isReady,
  zoneOf,
  zoneRate,
  type ZoneState,
} from "./zones.ts";

/** As the queue's: a requeue lands at now + (at − now), which floats may put a hair early. */
const EPSILON = 1e-9;

/**
 * Whether a node counts in its zone's state: not excluded from disruption checks, and with a
 * Ready condition. Upstream counts a node that never posted its status as not Ready; here its
 * kubelet's first status follows its creation at the same instant, a gap upstream's 5-second
 * pass does not see, and counting it would put a new cluster in master disruption mode.
 */
const counted = (node: Node): boolean =>
  !excludedFromDisruption(node) && (node.status?.conditions?.some((c) => c.type === "Ready") ?? false);

interface NodeEntry {
  zone: string;
  ready: boolean;
  /** Counted in its zone's state (not excluded from disruption checks). */
  counted: boolean;
}

interface Zone {
  /** Every node in the zone, counted or not: the zone and its queue go with the last. */
  members: number;
  ready: number;
  notReady: number;
  state: ZoneState;
  queue: ZoneTaintQueue;
}

/** A change handleDisruption made, for the controller to record. */
export type DisruptionChange =
  | { kind: "enter" }
  | { kind: "exit"; zones: { zone: string; state: ZoneState; rate: number }[] }
  | { kind: "zone"; zone: string; from: ZoneState; to: ZoneState; rate: number };

export class ZoneTainter {
  private readonly nodes = new Map<string, NodeEntry>();
  private readonly zones = new Map<string, Zone>();
  /** The wake-up already asked for, so that every node's sync does not ask for its own. */
  private wakeAt: Time | undefined;

  /**
   * The node as the controller sees it now (undefined: gone). True when a node it knew turned
   * Ready or not Ready, or changed zones: the caller then observes every node, as the next
   * monitor pass would see them (several nodes of a zone going down at one instant are seen
   * together, not one by one).
   */
  observe(name: string, node: Node | undefined, settings: Settings): boolean {
    const was = this.nodes.get(name);
    if (was) this.leave(was);
    if (!node) {
      this.nodes.delete(name);
      if (was) this.dropIfEmpty(was.zone);
      return false;
    }
    const entry: NodeEntry = { zone: zoneOf(node), ready: isReady(node), counted: counted(node) };
    // A node's first Ready condition is no turn: a cluster of manifest Nodes would otherwise
    // observe every node at each one's registration.
    const turned =
      was !== undefined &&
      was.counted &&
      (was.ready !== entry.ready || was.zone !== entry.zone || !entry.counted);
    this.nodes.set(name, entry);
    let zone = this.zones.get(entry.zone);
    if (!zone) {
      // addPodEvictorForNewZone: stateInitial, and a full bucket at the normal rate.
      zone = {
        members: 0,
        ready: 0,
        notReady: 0,
        state: "Initial",
        queue: new ZoneTaintQueue(settings["nodelifecycle.node-eviction-rate"]),
      };
      this.zones.set(entry.zone, zone);
    }
    zone.members++;
    if (entry.counted) {
      if (entry.ready) zone.ready++;
      else zone.notReady++;
    }
    if (was && was.zone !== entry.zone) this.dropIfEmpty(was.zone);
    return turned;
  }

  /** A zone without nodes is forgotten: its state and queue start afresh with its next node. */
  private dropIfEmpty(zone: string): void {
    if (this.zones.get(zone)?.members === 0) this.zones.delete(zone);
  }

  private leave(entry: NodeEntry): void {
    const zone = this.zones.get(entry.zone);
    if (!zone) return;
    zone.members--;
    if (entry.counted) {
      if (entry.ready) zone.ready--;
      else zone.notReady--;
    }
  }

  /** handleDisruption: the zones' new states and rates, and what changed. */
  handleDisruption(now: Time, settings: Settings): DisruptionChange[] {
    const counted = [...this.zones].filter(([, z]) => z.ready + z.notReady > 0);
    const next = new Map(counted.map(([k, z]) => [k, computeZoneState(z.ready, z.notReady, settings)]));
    const allAre = [...next.values()].every((s) => s === "FullDisruption");
    const allWere = counted.every(([, z]) => z.state === "FullDisruption");
    if (allAre && allWere) return [];
    if (allAre) {
      for (const [, z] of counted) {
        z.queue.swapRate(0, now);
        z.state = "FullDisruption";
      }
      return [{ kind: "enter" }];
    }
    const rateOf = (z: Zone, s: ZoneState) => zoneRate(s, z.ready + z.notReady, settings);
    if (allWere) {
      const zones = counted.map(([k, z]) => {
        const state = next.get(k) as ZoneState;
        const rate = rateOf(z, state);
        z.queue.swapRate(rate, now);
        z.state = state;
        return { zone: k, state, rate };
      });
      return [{ kind: "exit", zones }];
    }
    const changes: DisruptionChange[] = [];
    for (const [k, z] of counted) {
      const to = next.get(k) as ZoneState;
      if (z.state === to) continue;
      const rate = rateOf(z, to);
      // setLimiterInZone has no case for stateInitial: the first state only swaps its rate.
      z.queue.swapRate(rate, now);
      if (z.state !== "Initial" || to !== "Normal")
        changes.push({ kind: "zone", zone: k, from: z.state, to, rate });
      z.state = to;
    }
    return changes;
  }

  /** markNodeForTainting: into its zone's queue, unless there already. */
  queue(name: string, now: Time): void {
    const entry = this.nodes.get(name);
    if (entry) this.zones.get(entry.zone)?.queue.add(name, now);
  }

  /** markNodeAsReachable's queue part: out of its zone's queue. */
  unqueue(name: string): void {
    const entry = this.nodes.get(name);
    if (entry) this.zones.get(entry.zone)?.queue.remove(name);
  }

  /** Entering master disruption mode: every queue emptied, then every node not Ready queued again, as the next monitor pass does. */
  requeueNotReady(now: Time): void {
    for (const z of this.zones.values()) z.queue.clear();
    for (const [name, entry] of this.nodes) if (!entry.ready) this.queue(name, now);
  }

  /** doNoExecuteTaintingPass: each zone's nodes its bucket lets out now, zone by zone. */
  take(now: Time): { node: string; since: Time; zone: string }[] {
    const out: { node: string; since: Time; zone: string }[] = [];
    for (const [zone, z] of this.zones) for (const t of z.queue.take(now)) out.push({ ...t, zone });
    return out;
  }

  /**
   * Seconds from now to the next node a bucket will let out, when no wake-up already asked
   * for comes at or before it; undefined when none is needed.
   */
  wakeAfter(now: Time): number | undefined {
    if (this.wakeAt !== undefined && this.wakeAt <= now + EPSILON) this.wakeAt = undefined;
    let at: Time | undefined;
    for (const z of this.zones.values()) {
      const t = z.queue.nextAt();
      if (t !== undefined && (at === undefined || t < at)) at = t;
    }
    if (at === undefined || (this.wakeAt !== undefined && this.wakeAt <= at)) return undefined;
    this.wakeAt = Math.max(at, now);
    return this.wakeAt - now;
  }

  /** The zone's state and current rate, for a decision's inputs. */
  zoneState(zone: string): ZoneState | undefined {
    return this.zones.get(zone)?.state;
  }
}
