/**
 * Which apiVersion/kind pairs Replicast serves, and kubectl's words for the others.
 */
import type { Kind } from "./types.ts";

/** The API versions each kind is accepted in (HPA: every version the blogs and docs use). */
export const SERVED_VERSIONS: Record<Kind, readonly string[]> = {
  Deployment: ["apps/v1"],
  ReplicaSet: ["apps/v1"],
  Pod: ["v1"],
  Service: ["v1"],
  ConfigMap: ["v1"],
  HorizontalPodAutoscaler: ["autoscaling/v2", "autoscaling/v1", "autoscaling/v2beta2", "autoscaling/v2beta1"],
};

/** "Deployment (apps/v1), …" for hints. */
export function supportedKindsText(): string {
  return Object.entries(SERVED_VERSIONS)
    .map(([kind, versions]) => `${kind} (${versions.join(", ")})`)
    .join(", ");
}

export function isServed(apiVersion: string, kind: string): kind is Kind {
  return Object.hasOwn(SERVED_VERSIONS, kind) && SERVED_VERSIONS[kind as Kind].includes(apiVersion);
}

/**
 * kubectl's RESTMapper error (meta.NoKindMatchError) for a kind/version the cluster does not
 * serve: `no matches for kind "Deployment" in version "extensions/v1beta1"`.
 */
export function noMatchesMessage(kind: string, apiVersion: string): string {
  return `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`;
}
