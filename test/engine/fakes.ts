/**
 * Stand-ins for the registered controllers, to test the loop apart from the real ones: an
 * inert autoscaling stack that counts its calls, and a minimal ReplicaSet controller (create
 * and delete pods to match spec.replicas, write the status counts), registered with the real
 * controllers' names, kinds and watches.
 */
import type { Pod, ReplicaSet } from "../../src/k8s/types.ts";
import { hpaController, type Autoscaling } from "../../src/engine/autoscaling.ts";
import type {
  Controller,
  ReconcileContext,
  ReconcileResult,
  Reconciler,
} from "../../src/engine/controller.ts";
import { emptyResult } from "../../src/engine/controller.ts";
import { deploymentController } from "../../src/engine/controllers/deployment/index.ts";
import { replicaSetController } from "../../src/engine/controllers/replicaset/index.ts";
import type { SimulationOptions } from "../../src/engine/simulation.ts";

export interface CallLog {
  calls: { fn: string; t: number; name?: string }[];
}

export function inertAutoscaling(
  log: CallLog = { calls: [] },
  overrides: Partial<Autoscaling> = {},
): Autoscaling {
  return {
    setLoad: (ctx, deployment) => void log.calls.push({ fn: "setLoad", t: ctx.now, name: deployment }),
    observe: (ctx) => void log.calls.push({ fn: "observe", t: ctx.now }),
    scrape: (ctx) => void log.calls.push({ fn: "scrape", t: ctx.now }),
    syncHPA: (ctx, name) => {
      log.calls.push({ fn: "syncHPA", t: ctx.now, name });
      return emptyResult();
    },
    forgetHPA: (name) => void log.calls.push({ fn: "forgetHPA", t: -1, name }),
    loadSummaries: () => ({}),
    nextWakeup: () => undefined,
    podMetrics: () => [],
    ...overrides,
  };
}

export const noopReconciler: Reconciler = () => emptyResult();

const isReady = (p: Pod) =>
  p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** A ReplicaSet controller reduced to its core: match pod count to spec, report status. */
export const miniReplicaSet: Reconciler = (ctx: ReconcileContext, name: string): ReconcileResult => {
  const out = emptyResult();
  const rs = ctx.store.get("ReplicaSet", "default", name);
  if (!rs) return out;
  const pods = ctx.store
    .list("Pod", "default")
    .filter(
      (p) =>
        p.metadata.ownerReferences?.some((r) => r.uid === rs.metadata.uid) &&
        p.metadata.deletionTimestamp === undefined,
    );
  const diff = rs.spec.replicas - pods.length;
  for (let i = 0; i < diff; i++) out.writes.push({ op: "create", object: podFor(rs) });
  // Delete the newest, not-ready first.
  const victims = [...pods].sort(
    (a, b) =>
      Number(isReady(a)) - Number(isReady(b)) ||
      (b.metadata.creationTimestamp ?? 0) - (a.metadata.creationTimestamp ?? 0),
  );
  for (let i = 0; i < -diff; i++)
    out.writes.push({ op: "delete", kind: "Pod", namespace: "default", name: victims[i].metadata.name });
  const ready = pods.filter(isReady).length;
  const status = {
    replicas: pods.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation,
  };
  out.writes.push({ op: "updateStatus", object: { ...rs, status } });
  return out;
};

export function podFor(rs: ReplicaSet): Pod {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "",
      generateName: `${rs.metadata.name}-`,
      labels: { ...rs.spec.template.metadata.labels },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "ReplicaSet",
          name: rs.metadata.name,
          uid: rs.metadata.uid ?? "",
          controller: true,
        },
      ],
    },
    spec: structuredClone(rs.spec.template.spec),
    status: { phase: "Pending" },
  };
}

/** The built-in controllers' registrations with stand-in reconcilers (by default a no-op deployment controller and miniReplicaSet). */
export function fakeControllers(
  overrides: { deployment?: Reconciler; replicaSet?: Reconciler; autoscaling?: Autoscaling } = {},
  log?: CallLog,
): Required<Pick<SimulationOptions, "controllers" | "autoscaling">> {
  const autoscaling = overrides.autoscaling ?? inertAutoscaling(log);
  const controllers: Controller[] = [
    { ...replicaSetController, reconcile: overrides.replicaSet ?? miniReplicaSet },
    { ...deploymentController, reconcile: overrides.deployment ?? noopReconciler },
    hpaController(autoscaling),
  ];
  return { controllers, autoscaling };
}

export function replicaSet(
  name: string,
  replicas: number,
  opts: { image?: string; probe?: Record<string, number>; grace?: number } = {},
): ReplicaSet {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, labels: { app: name } },
    spec: {
      replicas,
      minReadySeconds: 0,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          containers: [
            {
              name: "app",
              image: opts.image ?? "nginx:1.25",
              ...(opts.probe ? { readinessProbe: opts.probe } : {}),
            },
          ],
          ...(opts.grace !== undefined ? { terminationGracePeriodSeconds: opts.grace } : {}),
        },
      },
    },
    status: { replicas: 0 },
  };
}

export function pod(
  name: string,
  opts: { probe?: Record<string, number>; grace?: number; containers?: number } = {},
): Pod {
  const n = opts.containers ?? 1;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, labels: { app: name } },
    spec: {
      containers: Array.from({ length: n }, (_, i) => ({
        name: `c${i}`,
        image: "busybox:1.36",
        ...(opts.probe ? { readinessProbe: opts.probe } : {}),
      })),
      ...(opts.grace !== undefined ? { terminationGracePeriodSeconds: opts.grace } : {}),
    },
    status: { phase: "Pending" },
  };
}
