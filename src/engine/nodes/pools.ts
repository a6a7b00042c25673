/**
 * The machines behind the nodes: a simulated cloud provider's node groups (the
 * cluster-autoscaler's cloudprovider.NodeGroup: an id, a min and max size, a target size that
 * IncreaseSize raises and DeleteNodes lowers, and instances that take time to come up).
 *
 * `nodes 3 with cpu 4 memory 16Gi named pool-a` declares a pool and its first three machines,
 * which are there already: their nodes exist and are Ready at the statement's time, with no
 * events (a cluster's nodes joined before the scenario began). A machine the autoscaler asks
 * for joins after the provisioning time: its kubelet registers the node Ready, with the events
 * a joining node has (`Starting` from the kubelet, `RegisteredNode` from the node controller,
 * `NodeReady`). Names count up per pool and are never reused: pool-a-1, pool-a-2, … — after
 * pool-a-3 is removed, the next machine is pool-a-4 (docs/nodes.md).
 */
import { poolOf } from "../../k8s/kinds/node/conditions.ts";
import type { EventDraft, Node, Time } from "../../k8s/types.ts";
import type { ApiError } from "../cluster.ts";
import { isApiError } from "../cluster.ts";
import type { SimApiServer } from "../apiserver.ts";
import { poolNode, type PoolSpec } from "./template.ts";

export interface NodePoolsHost {
  readonly now: Time;
  readonly api: SimApiServer;
  /** Run `fn` at time t among the kubelet's timed events. */
  schedule(t: Time, fn: () => void, label: string): void;
  emit(event: EventDraft): void;
}

/** A pool's autoscaling bounds (`autoscale nodes pool-a from 1 to 10 provision 2m`). */
export interface PoolAutoscaling {
  min: number;
  max: number;
  /** Seconds from IncreaseSize to the node registering Ready. */
  provision: number;
  /** scale-down-unneeded-time for this pool, when the statement sets it. */
  scaleDownUnneededTime?: number;
}

export interface Pool {
  spec: PoolSpec;
  autoscaling?: PoolAutoscaling;
  /** The cloud's target size: machines running or coming up. */
  target: number;
  /** Machines asked for and not registered yet, with when each registers. */
  provisioning: Time[];
  /** The last number used in a node name. */
  counter: number;
}

export class NodePools {
  private readonly pools = new Map<string, Pool>();
  /** Numbers nodes across the cluster from 1 (addresses and pod CIDRs). */
  private nextIndex = 1;

  constructor(private readonly host: NodePoolsHost) {}

  get(name: string): Pool | undefined {
    return this.pools.get(name);
  }

  all(): Pool[] {
    return [...this.pools.values()];
  }

  /** The next node index (a Node applied from a manifest takes one too). */
  takeIndex(): number {
    return this.nextIndex++;
  }

  /** Declare a pool with `count` machines whose nodes exist now. */
  declare(spec: PoolSpec, count: number): ApiError | undefined {
    if (this.pools.has(spec.name))
      return { reason: "AlreadyExists", message: `node pool "${spec.name}" is already declared` };
    const pool: Pool = { spec, target: 0, provisioning: [], counter: 0 };
    this.pools.set(spec.name, pool);
    for (let i = 0; i < count; i++) {
      const err = this.register(pool, false);
      if (err) return err;
    }
    return undefined;
  }

  /** Put a pool under the cluster autoscaler. */
  autoscale(name: string, autoscaling: PoolAutoscaling): ApiError | undefined {
    const pool = this.pools.get(name);
    if (!pool) return { reason: "NotFound", message: `node pool "${name}" not found` };
    pool.autoscaling = autoscaling;
    return undefined;
  }

  /**
   * NodeGroup.IncreaseSize: `delta` more machines, each registering its node after the pool's
   * provisioning time.
   */
  increaseSize(name: string, delta: number): void {
    const pool = this.pools.get(name);
    if (!pool || delta <= 0) return;
    const at = this.host.now + (pool.autoscaling?.provision ?? 0);
    for (let i = 0; i < delta; i++) {
      pool.target += 1;
      pool.provisioning.push(at);
      this.host.schedule(
        at,
        () => {
          pool.provisioning.splice(pool.provisioning.indexOf(at), 1);
          this.register(pool, true);
        },
        `machine of ${name} comes up`,
      );
    }
  }

  /** NodeGroup.DeleteNodes: the machine goes, and its Node object with it. */
  deleteNode(node: Node): void {
    const pool = this.pools.get(poolOf(node) ?? "");
    if (pool) pool.target = Math.max(0, pool.target - 1);
    this.host.api.delete("Node", "", node.metadata.name);
  }

  private register(pool: Pool, joining: boolean): ApiError | undefined {
    if (!joining) pool.target += 1;
    const name = `${pool.spec.name}-${++pool.counter}`;
    const created = this.host.api.create(poolNode(pool.spec, name, this.takeIndex(), this.host.now));
    if (isApiError(created)) return created;
    if (joining) {
      const involved = { kind: "Node", name, uid: created.metadata.uid };
      const kubelet = { type: "Normal" as const, involvedObject: involved, source: "kubelet" };
      this.host.emit({ ...kubelet, reason: "Starting", message: "Starting kubelet." });
      this.host.emit({
        type: "Normal",
        involvedObject: involved,
        source: "node-controller",
        reason: "RegisteredNode",
        message: `Node ${name} event: Registered Node ${name} in Controller`,
      });
      this.host.emit({ ...kubelet, reason: "NodeReady", message: `Node ${name} status is now: NodeReady` });
    }
    return undefined;
  }
}
