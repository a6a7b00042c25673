/**
 * A target after resolution: the object an action or expectation is about, by its
 * Kubernetes kind and name (an omitted target or a bare `hpa` has been decided by the plan).
 */
import type { KindRegistry } from "../k8s/kinds/registry.ts";

export interface ResolvedTarget {
  /** The Kubernetes kind: "Deployment", "HorizontalPodAutoscaler"… */
  kind: string;
  name: string;
}

/** `deployment/web`, `hpa/web`: the way the language (and kubectl) names an object on a line. */
export function targetText(t: ResolvedTarget, kinds: KindRegistry): string {
  const word = kinds.get(t.kind)?.language?.word ?? t.kind.toLowerCase();
  return `${word}/${t.name}`;
}
