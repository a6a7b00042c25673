// A tiny in-memory API server for controller tests: it applies a reconcile's writes the way
// the engine's API server does (names for generateName, uids, generation bumps on spec
// changes, status-only updates, graceful pod deletion) so syncs can be chained by hand.
import type { Deployment, Kind, KubeObject, ObjectOfKind, Pod, ReplicaSet } from "../../../src/k8s/types.ts";
import type { ReconcileContext, ReconcileResult, StoreView, Write } from "../../../src/engine/controller.ts";
import { defaultSettings } from "../../../src/engine/settings.ts";
import { readerOf } from "../../../src/engine/store.ts";
import type { EventDraft } from "../../../src/k8s/types.ts";

export class MiniCluster {
  readonly objects = new Map<string, KubeObject>();
  readonly events: (EventDraft & { time: number })[] = [];
  now = 0;
  private seq = 0;

  readonly store: StoreView = readerOf(() => [...this.objects.values()]);

  ctx(): ReconcileContext {
    return { now: this.now, store: this.store, settings: defaultSettings() };
  }

  add<T extends KubeObject>(obj: T): T {
    const o = structuredClone(obj);
    if (!o.metadata.name && o.metadata.generateName)
      o.metadata.name = `${o.metadata.generateName}${(++this.seq).toString(36).padStart(5, "x")}`;
    o.metadata.uid ??= `uid-${++this.seq}`;
    o.metadata.generation ??= 1;
    o.metadata.creationTimestamp ??= this.now;
    this.objects.set(`${o.kind}/${o.metadata.name}`, o);
    return o;
  }

  get<K extends Kind>(kind: K, name: string): ObjectOfKind<K> {
    const o = this.store.get(kind, "default", name);
    if (!o) throw new Error(`${kind}/${name} not found`);
    return o;
  }

  deployment(name = "web"): Deployment {
    return this.get("Deployment", name);
  }

  replicaSets(): readonly ReplicaSet[] {
    return this.store.list("ReplicaSet", "default");
  }

  pods(): readonly Pod[] {
    return this.store.list("Pod", "default");
  }

  /** Replace spec/metadata as `kubectl apply` would (generation bumps on a spec change). */
  edit<K extends Kind>(kind: K, name: string, change: (o: ObjectOfKind<K>) => void): void {
    const next = structuredClone(this.get(kind, name));
    change(next);
    this.apply([{ op: "update", object: next }]);
  }

  apply(writes: readonly Write[]): void {
    for (const w of writes) {
      if (w.op === "create") {
        const created = this.add(w.object);
        if (w.createdEvent) this.events.push({ ...w.createdEvent(created), time: this.now });
        // The controller's continuation, right after the write, as Simulation.apply runs it.
        const more = w.then?.({ stored: created });
        if (more) this.run(more);
      } else if (w.op === "update" || w.op === "updateStatus") {
        const key = `${w.object.kind}/${w.object.metadata.name}`;
        const cur = this.objects.get(key);
        if (!cur) throw new Error(`${key} not found for ${w.op}`);
        const next = structuredClone(w.object) as KubeObject;
        if (w.op === "updateStatus") {
          const merged = structuredClone(cur) as KubeObject & { status?: unknown };
          merged.status = (next as { status?: unknown }).status as never;
          this.objects.set(key, merged);
        } else {
          (next as { status?: unknown }).status = (cur as { status?: unknown }).status;
          const specChanged =
            JSON.stringify((cur as { spec?: unknown }).spec) !==
            JSON.stringify((next as { spec?: unknown }).spec);
          next.metadata.generation = (cur.metadata.generation ?? 1) + (specChanged ? 1 : 0);
          this.objects.set(key, next);
        }
      } else if (w.kind === "Pod") {
        const pod = this.objects.get(`Pod/${w.name}`) as Pod | undefined;
        if (pod && pod.metadata.deletionTimestamp === undefined) pod.metadata.deletionTimestamp = this.now;
      } else {
        this.objects.delete(`${w.kind}/${w.name}`);
      }
    }
  }

  /** Apply a reconcile's result and keep its events. */
  run(result: ReconcileResult): ReconcileResult {
    this.apply(result.writes);
    for (const e of result.events) this.events.push({ ...e, time: this.now });
    return result;
  }

  /** Remove pods whose deletion has been requested (their containers stopped). */
  reapTerminated(): void {
    for (const p of this.pods())
      if (p.metadata.deletionTimestamp !== undefined) this.objects.delete(`Pod/${p.metadata.name}`);
  }

  /** The kubelet's part, in one step: every pending pod becomes Running and Ready now. */
  startPods(filter: (p: Pod) => boolean = () => true): void {
    for (const p of this.pods()) {
      if (p.metadata.deletionTimestamp !== undefined || p.status.phase !== "Pending" || !filter(p)) continue;
      p.spec.nodeName ??= "node-1";
      p.status = {
        phase: "Running",
        conditions: [{ type: "Ready", status: "True", lastTransitionTime: this.now }],
        containerStatuses: [],
      };
    }
  }
}

/** A Deployment as `kubectl apply` stores it, defaults filled in. */
export function deployment(
  name: string,
  replicas: number,
  image: string,
  extra: Partial<Deployment["spec"]> = {},
): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, annotations: {} },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image }] } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      ...extra,
    },
    status: {},
  };
}

/** The event messages of one reason, in order. */
export const messages = (c: MiniCluster, reason = "ScalingReplicaSet"): string[] =>
  c.events.filter((e) => e.reason === reason).map((e) => e.message);
