/**
 * How the trace summarises a Deployment, and the quantities expectations read from it
 * (docs/language.md § Expectations: replicas, pods, ready, available, updated, unavailable,
 * image, revision, rollout complete, condition TYPE — Progressing, Available, ReplicaFailure).
 */
import type { Deployment } from "../../types.ts";
import type { Summarizer } from "../descriptor.ts";
import {
  conditionQuantity,
  conditionSummaries,
  field,
  imageQuantity,
  images,
  revisionOf,
  type ConditionSummary,
} from "../summaries.ts";

export interface DeploymentSummary {
  /** spec.replicas */
  replicas: number;
  /** status.replicas: pods that are not terminating */
  pods: number;
  ready: number;
  available: number;
  updated: number;
  unavailable: number;
  /** container name → image, from the pod template */
  images: Record<string, string>;
  revision: number;
  paused: boolean;
  /** The rollout is complete (DeploymentComplete and observedGeneration ≥ generation). */
  complete: boolean;
  conditions: ConditionSummary[];
  exists: boolean;
}

/** DeploymentComplete (deployment_util.go) plus observedGeneration ≥ generation. */
function deploymentSummary(d: Deployment, gone = false): DeploymentSummary {
  const s = d.status ?? {};
  const replicas = d.spec.replicas;
  const complete =
    !gone &&
    (s.updatedReplicas ?? 0) === replicas &&
    (s.replicas ?? 0) === replicas &&
    (s.availableReplicas ?? 0) === replicas &&
    (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
  return {
    replicas: gone ? 0 : replicas,
    pods: gone ? 0 : (s.replicas ?? 0),
    ready: gone ? 0 : (s.readyReplicas ?? 0),
    available: gone ? 0 : (s.availableReplicas ?? 0),
    updated: gone ? 0 : (s.updatedReplicas ?? 0),
    unavailable: gone ? 0 : (s.unavailableReplicas ?? 0),
    images: images(d.spec.template),
    revision: revisionOf(d),
    paused: d.spec.paused === true,
    complete,
    conditions: conditionSummaries(s.conditions),
    exists: !gone,
  };
}

export const deploymentSummarizer: Summarizer<Deployment, DeploymentSummary> = {
  summarize: (d, gone) => deploymentSummary(d, gone),
  quantities: {
    replicas: field("replicas"),
    pods: field("pods"),
    ready: field("ready"),
    available: field("available"),
    updated: field("updated"),
    unavailable: field("unavailable"),
    revision: field("revision"),
    image: imageQuantity(),
    rolloutComplete: { read: (s) => s.complete, name: () => "rollout complete" },
    condition: conditionQuantity(),
  },
  lacks: (q) =>
    q === "current" || q === "desired"
      ? `"${q}" is a quantity of an HPA; write \`expect hpa ${q} …\``
      : undefined,
};
