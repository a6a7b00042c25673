/**
 * A target after resolution: the object an action or expectation is about, by its
 * Kubernetes kind and name (an omitted target or a bare `hpa` has been decided by the plan).
 */
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { DEFAULT_NAMESPACE, parseQualifiedName } from "../k8s/namespaces.ts";

export interface ResolvedTarget {
  /** The Kubernetes kind: "Deployment", "HorizontalPodAutoscaler"… */
  kind: string;
  /** Its qualified name: `web` in default, `prod/web` elsewhere (src/k8s/namespaces.ts), as the trace keys it. */
  name: string;
}

/**
 * `deployment/web`, `hpa/web`, `prod/deployment/web`: the way the language names an object
 * (kubectl's TYPE/NAME, the namespace in front outside `default`).
 */
export function targetText(t: ResolvedTarget, kinds: KindRegistry): string {
  return refText(kinds.get(t.kind)?.language?.word ?? t.kind.toLowerCase(), t.name);
}

/** A kind word and a qualified name as the language writes them: ("hpa", "prod/web") → "prod/hpa/web". */
export function refText(word: string, qualified: string): string {
  const { namespace, name } = parseQualifiedName(qualified);
  return namespace === DEFAULT_NAMESPACE ? `${word}/${name}` : `${namespace}/${word}/${name}`;
}
