/**
 * What every namespace holds from the moment it exists: the ServiceAccount `default`
 * (kube-controller-manager's serviceaccounts controller, pkg/controller/serviceaccount/
 * serviceaccounts_controller.go syncNamespace, with DefaultServiceAccountsControllerOptions)
 * and the ConfigMap kube-root-ca.crt (the root CA publisher, pkg/controller/certificates/
 * rootcacertpublisher/publisher.go syncNamespace).
 *
 * - Both controllers sync a namespace when it is added or updated, and do nothing unless it is
 *   Active (the publisher's create would be refused in a terminating namespace, and it ignores
 *   that refusal: skipping the create is the same).
 * - The serviceaccounts controller syncs the namespace again when a ServiceAccount of it is
 *   deleted, and creates `default` if it is missing.
 * - The publisher syncs it again when its kube-root-ca.crt is updated or deleted: it creates
 *   the ConfigMap if missing, and writes back its data and description otherwise.
 *
 * When: in a real cluster within milliseconds of the namespace; here at the same instant, by
 * these controllers' first sync (the ServiceAccount admission plug-in waits for `default` the
 * same way, serviceAccount/admission.ts). The namespaces a cluster starts with have both before
 * the run, stored with them (`namespaceDefaultsAtStart`), without a resourceVersion as the
 * namespaces themselves.
 *
 * Their uids come from a stream seeded by the namespace's uid and the object's role, not the
 * run's generator, so that no pod created after a namespace changes uid or name.
 */
import type { KindRegistry } from "../../../k8s/kinds/registry.ts";
import { isPublishedRootCA, rootCAConfigMap } from "../../../k8s/kinds/configMap/rootCA.ts";
import { DEFAULT_SERVICE_ACCOUNT, ROOT_CA_CONFIGMAP } from "../../../k8s/kinds/serviceAccount/admission.ts";
import type { KubeObject, Time } from "../../../k8s/types.ts";
import { emptyResult, type Controller, type Rng, type Watch } from "../../controller.ts";
import { newUid } from "../../names.ts";
import { mulberry32 } from "../../rng.ts";

/** FNV-1a over a string's code units. */
function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The stream a namespace's own object takes its uid from. */
function uidsFor(ns: KubeObject, role: string): Rng {
  return mulberry32(fnv(`${ns.metadata.uid ?? ns.metadata.name}/${role}`));
}

const isActive = (ns: KubeObject | undefined): ns is KubeObject =>
  ns !== undefined &&
  ns.metadata.deletionTimestamp === undefined &&
  ((ns as { status?: { phase?: string } }).status?.phase ?? "Active") === "Active";

/** DefaultServiceAccountsControllerOptions: the account every namespace gets. */
const defaultServiceAccount = (namespace: string): KubeObject =>
  ({
    apiVersion: "v1",
    kind: "ServiceAccount",
    metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace },
  }) as unknown as KubeObject;

/** A ServiceAccount's deletion wakes its namespace (serviceAccountDeleted). */
const serviceAccountDeleted: Watch = {
  kind: "ServiceAccount",
  filter: { types: ["DELETED"] },
  route: (ev) => (ev.type === "DELETED" ? [{ key: ev.object.metadata.namespace ?? "default" }] : []),
};

export const serviceAccountsController: Controller = {
  name: "serviceaccount",
  kind: "Namespace",
  watches: [serviceAccountDeleted],
  reconcile(ctx, key) {
    const result = emptyResult();
    const ns = ctx.store.get("Namespace", "", key);
    if (!isActive(ns)) return result;
    if (ctx.store.get("ServiceAccount", key, DEFAULT_SERVICE_ACCOUNT)) return result;
    result.writes.push({
      op: "create",
      object: defaultServiceAccount(key),
      uids: uidsFor(ns, `ServiceAccount ${DEFAULT_SERVICE_ACCOUNT}`),
    });
    return result;
  },
};

/** An update or deletion of a namespace's kube-root-ca.crt wakes it (configMapUpdated, configMapDeleted). */
const rootCAChanged: Watch = {
  kind: "ConfigMap",
  filter: { types: ["MODIFIED", "DELETED"] },
  route: (ev) =>
    ev.type !== "ADDED" && ev.object.metadata.name === ROOT_CA_CONFIGMAP
      ? [{ key: ev.object.metadata.namespace ?? "default" }]
      : [],
};

export const rootCACertPublisher: Controller = {
  name: "root-ca-cert-publisher",
  kind: "Namespace",
  watches: [rootCAChanged],
  reconcile(ctx, key) {
    const result = emptyResult();
    const ns = ctx.store.get("Namespace", "", key);
    if (!isActive(ns)) return result;
    const cm = ctx.store.get("ConfigMap", key, ROOT_CA_CONFIGMAP);
    if (!cm) {
      result.writes.push({
        op: "create",
        object: rootCAConfigMap(key) as unknown as KubeObject,
        uids: uidsFor(ns, `ConfigMap ${ROOT_CA_CONFIGMAP}`),
      });
    } else if (!isPublishedRootCA(cm)) {
      const published = rootCAConfigMap(key) as { data: unknown; metadata: { annotations: object } };
      const metadata = {
        ...cm.metadata,
        annotations: { ...cm.metadata.annotations, ...published.metadata.annotations },
      };
      result.writes.push({ op: "update", object: { ...cm, metadata, data: published.data } as KubeObject });
    }
    return result;
  },
};

/**
 * The account and the ConfigMap of a namespace the cluster starts with, as the API server would
 * have stored them (the kinds' admission, a uid from their stream, created at `now`), for the
 * kinds the cluster serves.
 */
export function namespaceDefaultsAtStart(ns: KubeObject, kinds: KindRegistry, now: Time): KubeObject[] {
  const name = ns.metadata.name;
  const out: KubeObject[] = [];
  const add = (raw: KubeObject, role: string) => {
    const strategy = kinds.get(raw.kind)?.strategy;
    if (!strategy) return;
    const { object } = strategy.admit(
      raw as unknown as Record<string, unknown>,
      raw.apiVersion,
      undefined,
      {},
    );
    const obj = object as KubeObject;
    obj.metadata = { ...obj.metadata, uid: newUid(uidsFor(ns, role)), creationTimestamp: now };
    out.push(obj);
  };
  add(defaultServiceAccount(name), `ServiceAccount ${DEFAULT_SERVICE_ACCOUNT}`);
  add(rootCAConfigMap(name) as unknown as KubeObject, `ConfigMap ${ROOT_CA_CONFIGMAP}`);
  return out;
}
