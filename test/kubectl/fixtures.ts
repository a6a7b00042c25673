/** Objects for printer tests, shaped as the API server stores them (defaulted, with status). */
import type { Deployment, HorizontalPodAutoscaler, KubeEvent, Pod, ReplicaSet } from "../../src/k8s/types.ts";

export function deployment(
  name: string,
  image: string,
  replicas: number,
  opts: { created?: number; command?: string[] } = {},
): Deployment {
  const labels = { app: name };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name,
      namespace: "default",
      uid: `uid-${name}`,
      generation: 1,
      creationTimestamp: opts.created ?? 0,
      labels,
      annotations: { "deployment.kubernetes.io/revision": "1" },
    },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              name: (image.split("/").pop() ?? image).split(":")[0],
              image,
              ...(opts.command ? { command: opts.command } : {}),
            },
          ],
        },
      },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: "25%" } },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: {
      observedGeneration: 1,
      replicas,
      updatedReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      unavailableReplicas: 0,
      conditions: [
        {
          type: "Available",
          status: "True",
          reason: "MinimumReplicasAvailable",
          message: "Deployment has minimum availability.",
          lastUpdateTime: 0,
          lastTransitionTime: 0,
        },
        {
          type: "Progressing",
          status: "True",
          reason: "NewReplicaSetAvailable",
          message: "",
          lastUpdateTime: 0,
          lastTransitionTime: 0,
        },
      ],
    },
  };
}

export function replicaSetFor(
  d: Deployment,
  hash: string,
  replicas: number,
  revision: number,
  created = 0,
): ReplicaSet {
  const labels = { ...d.spec.template.metadata.labels, "pod-template-hash": hash };
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: "default",
      creationTimestamp: created,
      labels,
      annotations: { "deployment.kubernetes.io/revision": String(revision) },
      ownerReferences: [
        {
          apiVersion: "apps/v1",
          kind: "Deployment",
          name: d.metadata.name,
          uid: d.metadata.uid ?? "",
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      replicas,
      minReadySeconds: 0,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: structuredClone(d.spec.template.spec) },
    },
    status: { replicas, readyReplicas: replicas, availableReplicas: replicas, observedGeneration: 1 },
  };
}

export function runningPod(
  name: string,
  rs: ReplicaSet,
  created: number,
  opts: { phase?: "Pending" | "Running"; ready?: boolean; deleting?: number } = {},
): Pod {
  const phase = opts.phase ?? "Running";
  const ready = opts.ready ?? phase === "Running";
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      namespace: "default",
      creationTimestamp: created,
      labels: rs.spec.template.metadata.labels,
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "ReplicaSet", name: rs.metadata.name, uid: "rs", controller: true },
      ],
      ...(opts.deleting !== undefined
        ? { deletionTimestamp: opts.deleting, deletionGracePeriodSeconds: 30 }
        : {}),
    },
    spec: { ...structuredClone(rs.spec.template.spec), nodeName: "node-1" },
    status: {
      phase,
      podIP: "10.244.1.5",
      hostIP: "10.0.0.1",
      ...(phase === "Running"
        ? {
            startTime: created,
            containerStatuses: rs.spec.template.spec.containers.map((c) => ({
              name: c.name,
              image: c.image,
              ready,
              restartCount: 0,
              state: { running: { startedAt: created + 1 } },
            })),
          }
        : {}),
    },
  };
}

export function cpuHPA(
  name: string,
  opts: {
    target: number;
    current?: number;
    currentValue?: string;
    min?: number;
    max: number;
    replicas: number;
    desired?: number;
    created?: number;
  },
): HorizontalPodAutoscaler {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name, namespace: "default", uid: `uid-hpa-${name}`, creationTimestamp: opts.created ?? 0 },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      ...(opts.min !== undefined ? { minReplicas: opts.min } : {}),
      maxReplicas: opts.max,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: opts.target } },
        },
      ],
    },
    status: {
      currentReplicas: opts.replicas,
      desiredReplicas: opts.desired ?? opts.replicas,
      ...(opts.current !== undefined
        ? {
            currentMetrics: [
              {
                type: "Resource",
                resource: {
                  name: "cpu",
                  current: { averageUtilization: opts.current, averageValue: opts.currentValue ?? "0" },
                },
              },
            ],
          }
        : {}),
    },
  };
}

export function event(
  time: number,
  kind: KubeEvent["involvedObject"]["kind"],
  name: string,
  type: "Normal" | "Warning",
  reason: string,
  message: string,
  source: string,
): KubeEvent {
  return { time, type, reason, message, involvedObject: { kind, name }, source };
}
