/**
 * Namespaces, and how Replicast names an object across them.
 *
 * Kubernetes keys a namespaced object by namespace and name, a cluster-scoped one by name
 * alone (its metadata.namespace is empty: k8s.io/apiserver/pkg/registry/rest/create.go
 * BeforeCreate clears it). client-go's work queues key objects as "namespace/name"
 * (cache.MetaNamespaceKeyFunc). Replicast's trace, report, language and controller keys use
 * one spelling, the *qualified name*: the plain name in the `default` namespace (and for a
 * cluster-scoped object), `namespace/name` anywhere else. Every output of a run that keeps to
 * `default` is therefore what it was before namespaces existed, and an object in `prod` reads
 * as `prod/web` wherever Replicast (not kubectl) names it — kubectl keeps its own layouts
 * (the NAMESPACE column of `-A`, `Namespace:` in describe).
 *
 * Names never hold a "/" (DNS-1123 subdomain, label or path-segment rules all refuse it), so
 * the qualified name is unambiguous: `parseQualifiedName("prod/web")` is prod and web.
 */

/** The namespace kubectl sends when none is given (metav1.NamespaceDefault). */
export const DEFAULT_NAMESPACE = "default";

/**
 * The namespaces a cluster starts with (kube-apiserver's system namespaces:
 * pkg/controlplane/controller/systemnamespaces, plus `default`, which the bootstrap
 * controller creates): they exist before anything is applied.
 */
export const INITIAL_NAMESPACES: readonly string[] = [
  "default",
  "kube-node-lease",
  "kube-public",
  "kube-system",
];

/** A namespace and a name: where an object lives. `namespace` is "" for a cluster-scoped object. */
export interface ObjectName {
  namespace: string;
  name: string;
}

/**
 * The qualified name: `web` in `default` (or cluster-scoped), `prod/web` elsewhere.
 * Examples: ("default", "web") → "web"; ("", "node-1") → "node-1"; ("prod", "web") → "prod/web".
 */
export function qualifiedName(namespace: string | undefined, name: string): string {
  return namespace === undefined || namespace === "" || namespace === DEFAULT_NAMESPACE
    ? name
    : `${namespace}/${name}`;
}

/**
 * A qualified name back into namespace and name; a name without a namespace is in `default`
 * (a cluster-scoped kind ignores the namespace: the store keys it by name alone).
 * Examples: "web" → default/web; "prod/web" → prod/web.
 */
export function parseQualifiedName(key: string): ObjectName {
  const slash = key.indexOf("/");
  return slash < 0
    ? { namespace: DEFAULT_NAMESPACE, name: key }
    : { namespace: key.slice(0, slash), name: key.slice(slash + 1) };
}

/** The namespace of a namespaced object: `default` when the writer left it out (kubectl fills it in so). */
export function namespaceOf(obj: { metadata: { namespace?: string } }): string {
  return obj.metadata.namespace ?? DEFAULT_NAMESPACE;
}

/** An object's qualified name (see above). */
export function qualifiedNameOf(obj: { metadata: { name: string; namespace?: string } }): string {
  return qualifiedName(obj.metadata.namespace, obj.metadata.name);
}

/**
 * An event's involvedObject: kind, name and uid, with the namespace when it is not `default`.
 * An event lives in its object's namespace, and one about a cluster-scoped object in
 * `default` (client-go's event recorder: `ref.Namespace`, else metav1.NamespaceDefault), so
 * `involvedObject.namespace ?? "default"` is always the event's namespace; leaving `default`
 * out keeps the trace of a run in `default` as it was before namespaces existed.
 */
export function involvedObjectOf(obj: {
  kind: string;
  metadata: { name: string; namespace?: string; uid?: string };
}): { kind: string; namespace?: string; name: string; uid?: string } {
  const ns = obj.metadata.namespace;
  return {
    kind: obj.kind,
    ...(ns !== undefined && ns !== "" && ns !== DEFAULT_NAMESPACE ? { namespace: ns } : {}),
    name: obj.metadata.name,
    uid: obj.metadata.uid,
  };
}
