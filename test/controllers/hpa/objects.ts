// Small builders of real objects and a store for the HPA, workload and metrics tests.
import type {
  Deployment,
  HorizontalPodAutoscaler,
  Kind,
  KubeObject,
  MetricSpec,
  ObjectOfKind,
  Pod,
} from "../../../src/k8s/types.ts";
import type { ReconcileContext, StoreView } from "../../../src/engine/controller.ts";
import type { HPAReconcileContext } from "../../../src/engine/controllers/hpa/scaleClient.ts";
import type { ApiFaults } from "../../../src/engine/faults/api.ts";
import type { MetricsClient, PodResourceSample } from "../../../src/engine/metrics/types.ts";
import { apiScaleClient } from "../../../src/engine/scaleSubresource.ts";
import { readerOf } from "../../../src/engine/store.ts";
import { defaultSettings, type Settings } from "../../../src/engine/settings.ts";

/** A store over a list the test changes (objects without a namespace are in default). */
export class MemStore implements StoreView {
  constructor(public objects: KubeObject[] = []) {}
  private readonly view = readerOf(() => this.objects);
  get<K extends Kind>(kind: K, namespace: string, name: string) {
    return this.view.get(kind, namespace, name) as ObjectOfKind<K> | undefined;
  }
  list<K extends Kind>(kind: K, namespace: string) {
    return this.view.list(kind, namespace) as ObjectOfKind<K>[];
  }
  listAll<K extends Kind>(kind: K) {
    return this.view.listAll(kind) as ObjectOfKind<K>[];
  }
  put(o: KubeObject): void {
    const i = this.objects.findIndex((x) => x.kind === o.kind && x.metadata.name === o.metadata.name);
    if (i >= 0) this.objects[i] = o;
    else this.objects.push(o);
  }
  remove(kind: Kind, name: string): void {
    this.objects = this.objects.filter((o) => !(o.kind === kind && o.metadata.name === name));
  }
}

export function ctxAt(store: StoreView, now: number, settings: Partial<Settings> = {}): ReconcileContext {
  return { now, store, settings: { ...defaultSettings(), ...settings } };
}

/**
 * An HPA sync's context over a MemStore: the scale subresource reads the store and writes
 * spec.replicas back into it, as the engine's API server does; `scaled` lists every target
 * the writes left behind, in order.
 */
export function hpaCtxAt(
  store: MemStore,
  now: number,
  opts: {
    settings?: Partial<Settings>;
    faults?: ApiFaults;
    hpaSelectors?: HPAReconcileContext["hpaSelectors"];
  } = {},
): HPAReconcileContext & { scaled: KubeObject[] } {
  const scaled: KubeObject[] = [];
  const backend = {
    get: <K extends Kind>(kind: K, namespace: string, name: string) => store.get(kind, namespace, name),
    update(o: KubeObject) {
      store.put(o);
      scaled.push(o);
      return o;
    },
  };
  return {
    ...ctxAt(store, now, opts.settings),
    scales: apiScaleClient(backend, opts.faults, () => now),
    hpaSelectors: opts.hpaSelectors ?? new Map(),
    scaled,
  };
}

export interface PodOpts {
  cpuRequest?: string;
  cpuLimit?: string;
  memoryRequest?: string;
  ready?: boolean;
  phase?: Pod["status"]["phase"];
  start?: number;
  readySince?: number;
  deleted?: boolean;
  containers?: string[];
}

export function pod(name: string, o: PodOpts = {}): Pod {
  const names = o.containers ?? ["nginx"];
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      labels: { app: "web" },
      ...(o.deleted ? { deletionTimestamp: 0 } : {}),
    },
    spec: {
      containers: names.map((c) => {
        const requests: Record<string, string> = {};
        if (o.cpuRequest) requests.cpu = o.cpuRequest;
        if (o.memoryRequest) requests.memory = o.memoryRequest;
        const limits: Record<string, string> = {};
        if (o.cpuLimit) limits.cpu = o.cpuLimit;
        return { name: c, image: "nginx", resources: { requests, limits } };
      }),
    },
    status: {
      phase: o.phase ?? "Running",
      startTime: o.start ?? 0,
      conditions: [
        {
          type: "Ready",
          status: o.ready === false ? "False" : "True",
          lastTransitionTime: o.readySince ?? o.start ?? 0,
        },
      ],
    },
  };
}

export function deployment(name: string, replicas: number, cpuRequest = "100m"): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default", uid: `${name}-uid` },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: {
          containers: [{ name: "nginx", image: "nginx", resources: { requests: { cpu: cpuRequest } } }],
        },
      },
      strategy: { type: "RollingUpdate" },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: { replicas },
  };
}

export function hpa(
  name: string,
  target: string,
  o: {
    min?: number;
    max: number;
    metrics?: MetricSpec[];
    behavior?: HorizontalPodAutoscaler["spec"]["behavior"];
  },
): HorizontalPodAutoscaler {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name, namespace: "default", uid: `${name}-uid` },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target },
      minReplicas: o.min ?? 1,
      maxReplicas: o.max,
      metrics: o.metrics ?? [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
        },
      ],
      ...(o.behavior ? { behavior: o.behavior } : {}),
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

export const cpuUtilization = (percent: number): MetricSpec => ({
  type: "Resource",
  resource: { name: "cpu", target: { type: "Utilization", averageUtilization: percent } },
});

/**
 * metrics-server's answer: each named pod's CPU (millicores) in each of `containers`, stamped
 * `at()` over a 15 s window; with `generation`, a samples state whose generation moves only
 * when the test changes it (what the HPA's kept outcomes and quiet syncs are keyed by).
 */
export function cpuClient(
  cpuByPod: Record<string, number>,
  o: { at?: () => number; containers?: readonly string[]; generation?: { n: number } } = {},
): MetricsClient {
  const at = o.at ?? (() => 0);
  const containers = o.containers ?? ["nginx"];
  const generation = o.generation;
  return {
    resourceSamples: (names) =>
      names
        .filter((n) => n in cpuByPod)
        .map((n): PodResourceSample => ({
          pod: n,
          timestamp: at(),
          window: 15,
          containers: Object.fromEntries(containers.map((c) => [c, { cpu: cpuByPod[n], memory: 0 }])),
        })),
    ...(generation && { resourceSamplesState: () => ({ generation: generation.n, stampedUpTo: at() }) }),
    podsMetric: () => [],
    objectMetric: () => undefined,
    externalMetric: () => undefined,
  };
}
