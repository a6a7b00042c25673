/**
 * The ServiceAccount admission plug-in on a pod's create (plugin/pkg/admission/serviceaccount/
 * admission.go, v1.22 and later: Admit, shouldAutomount, mountServiceAccountToken,
 * TokenVolumeSource).
 *
 * - A pod that names no service account gets `default` (spec.serviceAccountName; the v1 form
 *   carries it in the deprecated spec.serviceAccount too, as the v1 conversion writes it, and a
 *   pod that names its account only there is read by that name).
 * - The account must exist in the pod's namespace, else the create is Forbidden:
 *   `pods "web-5d847fd86c-" is forbidden: error looking up service account prod/robot:
 *   serviceaccount "robot" not found` — the pod is named by its generateName, since admission
 *   runs before the name is generated (admission.NewForbidden, extractResourceName).
 * - Unless automountServiceAccountToken says false (the pod's own setting first, then the
 *   account's), every init container and container that mounts nothing at
 *   /var/run/secrets/kubernetes.io/serviceaccount gets a read-only mount of the token volume,
 *   and the pod gets that volume: `kube-api-access-<5 random characters>`, projected from the
 *   account's token (expirationSeconds 3607, path token), the namespace's kube-root-ca.crt
 *   (ca.crt) and the downward API (the namespace), defaultMode 420. A pod that already has a
 *   volume named kube-api-access-… mounts that one and gets no second.
 * - A pod with no imagePullSecrets takes the account's.
 * - A mirror pod (annotation kubernetes.io/config.mirror) is not changed, and may not name an
 *   account.
 *
 * What the plug-in does depends on the admitted spec and the account alone, apart from the
 * volume's random name: it is planned once per spec and account (every pod of a template has
 * the same admitted spec object: admittedSpecs.ts) and each pod's part is its volume name.
 */
import type { KubeObject } from "../../types.ts";
import { deepFreeze } from "../../clone.ts";
import { isObj, type Obj } from "../../jsonObject.ts";

/** admission.go DefaultServiceAccountName. */
export const DEFAULT_SERVICE_ACCOUNT = "default";
/** admission.go ServiceAccountVolumeName, and the dash GenerateName adds the suffix after. */
export const TOKEN_VOLUME_PREFIX = "kube-api-access-";
/** admission.go DefaultAPITokenMountPath. */
export const TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";
/** The root CA publisher's ConfigMap (pkg/controller/certificates/rootcacertpublisher). */
export const ROOT_CA_CONFIGMAP = "kube-root-ca.crt";
/** kubetypes.ConfigMirrorAnnotationKey. */
const MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

/**
 * TokenVolumeSource: the same for every pod, so one frozen copy is what every stored pod's
 * token volume holds (a pod's volumes cannot change: ValidatePodUpdate; a copy of the pod,
 * deepClone, copies it unfrozen). Ten thousand pods would otherwise keep ten thousand trees
 * of fourteen objects each.
 */
export const TOKEN_PROJECTION: Readonly<Obj> = deepFreeze({
  sources: [
    // serviceaccount.WarnOnlyBoundTokenExpirationSeconds: an hour and seven seconds.
    { serviceAccountToken: { expirationSeconds: 3607, path: "token" } },
    { configMap: { name: ROOT_CA_CONFIGMAP, items: [{ key: "ca.crt", path: "ca.crt" }] } },
    {
      downwardAPI: {
        items: [{ path: "namespace", fieldRef: { apiVersion: "v1", fieldPath: "metadata.namespace" } }],
      },
    },
  ],
  // v1.ProjectedVolumeSourceDefaultMode (0644), set explicitly by the plug-in (kubernetes#104464).
  defaultMode: 420,
});

/** What the plug-in does to pods of one admitted spec under one account. */
export interface ServiceAccountPlan {
  serviceAccountName: string;
  /** Indices of the init containers, then of the containers, that get the token mount. */
  initMounts: readonly number[];
  mounts: readonly number[];
  /** The pod's own kube-api-access-… volume, which the mounts use; else a new one is added. */
  existingVolume?: string;
  /** The account's imagePullSecrets, for a pod that has none. */
  imagePullSecrets?: readonly Obj[];
}

/** The pod's account, or the Forbidden message; undefined when the plug-in leaves the pod alone. */
export function lookUpServiceAccount(
  pod: KubeObject,
  namespace: string,
  get: (name: string) => KubeObject | undefined,
): { account: KubeObject } | { refused: string } | undefined {
  const spec = (pod as { spec?: unknown }).spec;
  if (!isObj(spec)) return undefined;
  const meta = pod.metadata ?? {};
  const named = accountName(spec);
  // extractResourceName: the name, else the generateName (names are generated after admission).
  const podName = meta.name || meta.generateName || "Unknown";
  const forbidden = (why: string) => ({ refused: `pods "${podName}" is forbidden: ${why}` });
  if (meta.annotations?.[MIRROR_ANNOTATION] !== undefined)
    return named === "" ? undefined : forbidden("a mirror pod may not reference service accounts");
  const name = named || DEFAULT_SERVICE_ACCOUNT;
  const account = get(name);
  if (!account)
    return forbidden(
      `error looking up service account ${namespace}/${name}: serviceaccount "${name}" not found`,
    );
  return { account };
}

/** serviceAccountName, else the deprecated serviceAccount (v1 conversion), else "". */
function accountName(spec: Obj): string {
  if (typeof spec.serviceAccountName === "string" && spec.serviceAccountName !== "")
    return spec.serviceAccountName;
  return typeof spec.serviceAccount === "string" ? spec.serviceAccount : "";
}

const plans = new WeakMap<object, WeakMap<object, ServiceAccountPlan>>();

/** The plan for an admitted spec under an account, made once per (spec, account) pair of objects. */
export function planServiceAccount(spec: Obj, account: KubeObject): ServiceAccountPlan {
  let byAccount = plans.get(spec);
  if (!byAccount) plans.set(spec, (byAccount = new WeakMap()));
  let plan = byAccount.get(account);
  if (!plan) byAccount.set(account, (plan = makePlan(spec, account)));
  return plan;
}

function makePlan(spec: Obj, account: KubeObject): ServiceAccountPlan {
  const a = account as unknown as Obj;
  const serviceAccountName = accountName(spec) || DEFAULT_SERVICE_ACCOUNT;
  // shouldAutomount: the pod's preference wins, then the account's, else true.
  const automount =
    typeof spec.automountServiceAccountToken === "boolean"
      ? spec.automountServiceAccountToken
      : typeof a.automountServiceAccountToken === "boolean"
        ? a.automountServiceAccountToken
        : true;
  const needing = (key: "initContainers" | "containers"): number[] => {
    const out: number[] = [];
    const list = Array.isArray(spec[key]) ? (spec[key] as unknown[]) : [];
    list.forEach((c, i) => {
      const mounts = isObj(c) && Array.isArray(c.volumeMounts) ? c.volumeMounts : [];
      if (!mounts.some((m) => isObj(m) && m.mountPath === TOKEN_MOUNT_PATH)) out.push(i);
    });
    return out;
  };
  const volumes = Array.isArray(spec.volumes) ? (spec.volumes as unknown[]) : [];
  const existing = volumes.find(
    (v) => isObj(v) && typeof v.name === "string" && v.name.startsWith(TOKEN_VOLUME_PREFIX),
  ) as Obj | undefined;
  const pullSecrets = Array.isArray(a.imagePullSecrets) ? a.imagePullSecrets : [];
  const podPullSecrets = Array.isArray(spec.imagePullSecrets) ? spec.imagePullSecrets : [];
  return {
    serviceAccountName,
    initMounts: automount ? needing("initContainers") : [],
    mounts: automount ? needing("containers") : [],
    ...(existing ? { existingVolume: existing.name as string } : {}),
    ...(podPullSecrets.length === 0 && pullSecrets.length > 0
      ? { imagePullSecrets: pullSecrets.map((s) => ({ name: isObj(s) ? s.name : undefined })) }
      : {}),
  };
}

/**
 * The plan carried out on an admitted pod spec: a new spec, the same as the plan done in place
 * on a copy of `spec` (its keys in the same order). Every part the plan leaves alone is
 * `part(v)`: by default `v` itself, shared with `spec`; the API server passes its deep copy,
 * which gives the stored pod's spec from the kept admitted form in one copy (apiserver.ts
 * storedPod), not a copy of the whole spec whose spec, containers' list and mounted containers
 * the plan then copied again. Only the spec, the containers' lists, each container given the
 * mount and the lists grown are new here. `volumeName` is asked for only when a new token
 * volume is added.
 */
export function specWithServiceAccount(
  spec: Obj,
  plan: ServiceAccountPlan,
  volumeName: () => string,
  part: <T>(v: T) => T = shared,
): Obj {
  const mounting = plan.initMounts.length + plan.mounts.length > 0;
  const name = mounting ? (plan.existingVolume ?? volumeName()) : "";
  const out: Obj = {};
  // Keys in spec's order, then serviceAccountName, serviceAccount, imagePullSecrets and volumes
  // where new: what Object.assign of spec and then those keys set one by one gives.
  for (const k in spec) {
    if (!Object.hasOwn(spec, k)) continue;
    const v = spec[k];
    out[k] =
      k === "initContainers" && plan.initMounts.length > 0
        ? mountIn(v, plan.initMounts, name, part)
        : k === "containers" && plan.mounts.length > 0
          ? mountIn(v, plan.mounts, name, part)
          : k === "volumes" && mounting && plan.existingVolume === undefined
            ? withOneMore(v, part, { name, projected: TOKEN_PROJECTION })
            : part(v);
  }
  out.serviceAccountName = plan.serviceAccountName;
  out.serviceAccount = plan.serviceAccountName;
  if (plan.imagePullSecrets) out.imagePullSecrets = plan.imagePullSecrets.map((s) => ({ ...s }));
  if (mounting && plan.existingVolume === undefined && !(isObj(spec) && Object.hasOwn(spec, "volumes")))
    out.volumes = [{ name, projected: TOKEN_PROJECTION }];
  return out;
}

const shared = <T>(v: T): T => v;

/** `containers` (a list the plan's indices were taken from) with the token mounted in those at `indices`. */
function mountIn(
  containers: unknown,
  indices: readonly number[],
  name: string,
  part: <T>(v: T) => T,
): unknown[] {
  const list = containers as Obj[];
  const out: unknown[] = new Array(list.length);
  for (let i = 0; i < list.length; i++)
    out[i] = indices.includes(i) ? mounted(list[i], name, part) : part(list[i]);
  return out;
}

/** A container with the token's mount after its own (keys in its order, volumeMounts last if new). */
function mounted(c: Obj, name: string, part: <T>(v: T) => T): Obj {
  const out: Obj = {};
  for (const k in c) if (Object.hasOwn(c, k)) out[k] = k === "volumeMounts" ? undefined : part(c[k]);
  out.volumeMounts = withOneMore(c.volumeMounts, part, { name, readOnly: true, mountPath: TOKEN_MOUNT_PATH });
  return out;
}

/**
 * `list`'s entries as `part` gives them (`list` is left as it is: it may be shared, frozen), or
 * nothing yet, with `item` after them, in a new array of just that length. Pushed onto, an array's backing store grows to half as much again and 16
 * slots (V8's JSObject::NewElementsCapacity): the token volume's and mount's arrays were 184
 * bytes each per pod instead of 56, 3.6 MB of the ×10 bench day's ten thousand pods.
 */
function withOneMore(list: unknown, part: <T>(v: T) => T, item: Obj): unknown[] {
  if (!Array.isArray(list)) return [item];
  const out: unknown[] = new Array(list.length + 1);
  for (let i = 0; i < list.length; i++) out[i] = part(list[i]);
  out[list.length] = item;
  return out;
}
