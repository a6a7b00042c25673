/**
 * A target after resolution: the object an action or expectation is about, by its
 * Kubernetes kind and name (an omitted target or a bare `hpa` has been decided by the plan).
 */
import type { Kind } from "../k8s/types.ts";

export interface ResolvedTarget {
  kind: Extract<Kind, "Deployment" | "HorizontalPodAutoscaler" | "ReplicaSet" | "Pod" | "Service">;
  name: string;
}

const SHORT: Record<ResolvedTarget["kind"], string> = {
  Deployment: "deployment",
  HorizontalPodAutoscaler: "hpa",
  ReplicaSet: "rs",
  Pod: "pod",
  Service: "service",
};

/** `deployment/web`, `hpa/web`: the way kubectl names an object on its command line. */
export const targetText = (t: ResolvedTarget): string => `${SHORT[t.kind]}/${t.name}`;
