/**
 * The NamespaceLifecycle admission plugin and the namespaces a cluster starts with
 * (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go; kube-apiserver's
 * system-namespaces controller and the bootstrap controller that creates `default`).
 *
 * - A namespaced object can only be created in a namespace that exists: `namespaces "prod"
 *   not found` (NotFound), and not in one being deleted: `deployments.apps "web" is
 *   forbidden: unable to create new content in namespace prod because it is being terminated`.
 * - `default`, `kube-system` and `kube-public` are immortal: deleting them is Forbidden
 *   (`namespaces "default" is forbidden: this namespace may not be deleted`).
 *
 * The check runs only when the cluster serves Namespaces (a test's registry may not).
 */
import { INITIAL_NAMESPACES } from "../k8s/namespaces.ts";
import { groupResource } from "../k8s/kinds/descriptor.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { KUBERNETES_FINALIZER, NAMESPACE_NAME_LABEL } from "../k8s/kinds/namespace/index.ts";
import type { KubeObject, Time } from "../k8s/types.ts";
import type { ApiError } from "./cluster.ts";
import type { Store } from "./store.ts";
import { namespaceDefaultsAtStart } from "./controllers/namespace/defaults.ts";
import { bootstrapDefaultServices } from "./defaultServices.ts";
import { bootstrapDefaultStorageClass } from "./controllers/persistentvolume/defaultClass.ts";

/** lifecycle.go immortalNamespaces. */
const IMMORTAL_NAMESPACES: readonly string[] = ["default", "kube-system", "kube-public"];

/**
 * A fixed uid per system namespace: they exist before the run, so they take nothing from
 * the run's seeded generator (every other object keeps the uid it had before namespaces).
 */
function systemUid(index: number): string {
  const n = (index + 1).toString(16).padStart(12, "0");
  return `00000000-0000-4000-8000-${n}`;
}

/**
 * Store the namespaces a cluster starts with, before anything watches the store. They carry
 * no resourceVersion until they are first written: the run's revisions count the run's own
 * writes, so every existing output keeps its resourceVersions.
 */
export function bootstrapNamespaces(store: Store, kinds: KindRegistry, now: Time): void {
  if (!kinds.get("Namespace")) return;
  INITIAL_NAMESPACES.forEach((name, i) => {
    if (store.get("Namespace", "", name)) return;
    const ns = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name, uid: systemUid(i), creationTimestamp: now, labels: { [NAMESPACE_NAME_LABEL]: name } },
      spec: { finalizers: [KUBERNETES_FINALIZER] },
      status: { phase: "Active" },
    } as unknown as KubeObject;
    store.add(ns);
    // Its ServiceAccount `default` and ConfigMap kube-root-ca.crt are there before the run too.
    for (const o of namespaceDefaultsAtStart(ns, kinds, now)) store.add(o);
  });
  // The `kubernetes` Service and kube-dns are there from the start too.
  bootstrapDefaultServices(store, kinds, now);
  // And kind's default StorageClass, `standard`.
  bootstrapDefaultStorageClass(store, kinds, now);
}

/** Whether a create in `namespace` is admitted (undefined) or refused. */
export function admitCreate(
  store: Store,
  kinds: KindRegistry,
  kind: string,
  namespace: string,
  name: string,
): ApiError | undefined {
  const d = kinds.get(kind);
  if (!d?.namespaced || !kinds.get("Namespace")) return undefined;
  const ns = store.get("Namespace", "", namespace);
  if (!ns) return { reason: "NotFound", message: `namespaces "${namespace}" not found` };
  if (ns.metadata.deletionTimestamp !== undefined)
    return {
      reason: "Forbidden",
      message: `${groupResource(d)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`,
    };
  return undefined;
}

/** Whether a delete is admitted (undefined) or refused. */
export function admitDelete(kind: string, name: string): ApiError | undefined {
  if (kind === "Namespace" && IMMORTAL_NAMESPACES.includes(name))
    return {
      reason: "Forbidden",
      message: `namespaces "${name}" is forbidden: this namespace may not be deleted`,
    };
  return undefined;
}
