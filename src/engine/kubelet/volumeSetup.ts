/**
 * The kubelet's volume manager for the volumes whose SetUp reads an API object: `secret`,
 * `configMap`, and `projected` with secret or configMap sources (pkg/volume/secret/secret.go
 * SetUpAt, pkg/volume/configmap/configmap.go SetUpAt, pkg/volume/projected/projected.go
 * collectData, v1.28). Other volumes mount at once here.
 *
 * - SetUp of an object that does not exist fails unless the source says `optional: true`:
 *   `secret "webhook-cert" not found` / `configmap "app" not found` (the object manager's
 *   NotFound, singular resource: pkg/kubelet/util/manager/watch_based_manager.go Get). An item
 *   naming a key the object lacks fails as MakePayload words it: `references non-existent
 *   secret key: tls.crt`, `configmap references non-existent config key: app.conf`. A projected
 *   volume collects every source's error (utilerrors.NewAggregate: one alone as itself,
 *   several as `[a, b]`).
 * - Each failed attempt records Warning FailedMount `MountVolume.SetUp failed for volume "NAME"
 *   : ERROR` (pkg/volume/util/operationexecutor/operation_generator.go GenerateMountVolumeFunc,
 *   VolumeToMount.GenerateError: "%v for volume %q %v" with errSuffix ": %v").
 * - Attempts are retried with the operation's exponential back-off
 *   (pkg/util/goroutinemap/exponentialbackoff: initialDurationBeforeRetry 500 ms, doubling,
 *   maxDurationBeforeRetry 2m2s; used by nestedpendingoperations): attempts at 0, 0.5 s, 1.5 s,
 *   3.5 s, 7.5 s … 63.5 s, 127.5 s, then every 122 s. Each volume has its own back-off; they
 *   begin together here, so one schedule serves them.
 * - The pod worker's sync waits in WaitForAttachAndMount (pkg/kubelet/volumemanager/
 *   volume_manager.go: podAttachAndMountTimeout 2m3s) and then fails; the pod worker syncs again
 *   backOffPeriod (10 s) later (pod_workers.go). A volume mounted while a sync waits lets that
 *   sync go on at once (its 300 ms poll is not modelled); one mounted between syncs waits for
 *   the next. The sync's timeout records no event: syncPod skips "Unable to attach or mount
 *   volumes" when wait.Interrupted(err), which a timeout is (kubelet.go; kubernetes#127004).
 *   Until then the pod stays Pending with its containers waiting in ContainerCreating.
 */
import { namespaceOf } from "../../k8s/namespaces.ts";
import { secretData } from "../../k8s/kinds/secret/describe.ts";
import { list, obj, str, type Obj } from "../../k8s/kinds/stored/fields.ts";
import { ROOT_CA_CONFIGMAP, TOKEN_PROJECTION } from "../../k8s/kinds/serviceAccount/admission.ts";
import type { KubeObject, Pod, Time } from "../../k8s/types.ts";
import { POD_WORKER_BACKOFF } from "./backoff.ts";
import { notFound, type GetObject } from "./envSources.ts";

/** exponentialbackoff's initialDurationBeforeRetry and maxDurationBeforeRetry, seconds. */
export const MOUNT_BACKOFF = { initial: 0.5, max: 122 } as const;
/** volume_manager.go podAttachAndMountTimeout: 2m3s. */
export const POD_ATTACH_AND_MOUNT_TIMEOUT = 123;

/** A volume whose SetUp fails, and why. */
export interface UnmountedVolume {
  volume: string;
  error: string;
}

/** The FailedMount event's message. */
export const mountFailedMessage = (v: UnmountedVolume): string =>
  `MountVolume.SetUp failed for volume ${JSON.stringify(v.volume)} : ${v.error}`;

/** The error SetUpAt returns for one of the pod's volumes, if any. */
export function setUpError(volume: unknown, namespace: string, get: GetObject): string | undefined {
  const v = obj(volume);
  if (v.secret !== undefined)
    return sourceError("Secret", obj(v.secret), str(obj(v.secret).secretName), namespace, get);
  if (v.configMap !== undefined)
    return sourceError("ConfigMap", obj(v.configMap), str(obj(v.configMap).name), namespace, get);
  if (v.projected === undefined) return undefined;
  const errors: string[] = [];
  for (const s of list(obj(v.projected).sources)) {
    const source = obj(s);
    const ref = source.secret ?? source.configMap;
    if (ref === undefined) continue;
    const kind = source.secret !== undefined ? "Secret" : "ConfigMap";
    const error = sourceError(kind, obj(ref), str(obj(ref).name), namespace, get);
    if (error !== undefined) errors.push(error);
  }
  if (errors.length === 0) return undefined;
  return errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
}

/** The volume fields SetUp reads; any may be absent or malformed in a stored pod. */
interface VolumeFields {
  name?: unknown;
  secret?: unknown;
  configMap?: unknown;
  projected?: unknown;
}

/**
 * The pod's volumes whose SetUp fails now, in spec order. Nearly every pod's volumes are only
 * its kube-api-access token volume (the ServiceAccount admission's shared TOKEN_PROJECTION):
 * of its sources only the namespace's kube-root-ca.crt can be missing, looked at directly.
 */
export function unmountedVolumes(pod: Pod, get: GetObject, only?: readonly string[]): UnmountedVolume[] {
  const volumes = pod.spec.volumes;
  if (!Array.isArray(volumes)) return NONE;
  let namespace: string | undefined;
  let out: UnmountedVolume[] | undefined;
  for (let i = 0; i < volumes.length; i++) {
    const v = volumes[i] as VolumeFields | null;
    if (v === null || typeof v !== "object") continue;
    if (v.secret === undefined && v.configMap === undefined && v.projected === undefined) continue;
    const volume = str(v.name);
    if (only !== undefined && !only.includes(volume)) continue;
    namespace ??= namespaceOf(pod);
    const error =
      v.projected === TOKEN_PROJECTION ? rootCAError(namespace, get) : setUpError(v, namespace, get);
    if (error !== undefined) (out ??= []).push({ volume, error });
  }
  return out ?? NONE;
}

const NONE: UnmountedVolume[] = [];

/** TOKEN_PROJECTION's configMap source (the root CA publisher's ConfigMap, its ca.crt item). */
const ROOT_CA_SOURCE = obj(
  list(TOKEN_PROJECTION.sources)
    .map(obj)
    .find((s) => s.configMap)?.configMap,
);

/**
 * The token volume's one source that can fail: the namespace's kube-root-ca.crt, which every
 * pod's first sync looks at. Its items are checked once per stored ConfigMap (kept with the
 * answer: a stored object is replaced, never changed in place), not for every pod.
 */
function rootCAError(namespace: string, get: GetObject): string | undefined {
  const object = get("ConfigMap", namespace, ROOT_CA_CONFIGMAP);
  if (object === undefined)
    return sourceError("ConfigMap", ROOT_CA_SOURCE, ROOT_CA_CONFIGMAP, namespace, get);
  if (rootCA?.object !== object)
    rootCA = {
      object,
      error: sourceError("ConfigMap", ROOT_CA_SOURCE, ROOT_CA_CONFIGMAP, namespace, () => object),
    };
  return rootCA.error;
}

/** The ConfigMap `rootCAError` checked last, and its answer. */
let rootCA: { object: KubeObject; error: string | undefined } | undefined;

/** A secret or configMap source: the object must exist (unless optional), and hold each item's key. */
function sourceError(
  kind: "Secret" | "ConfigMap",
  source: Obj,
  name: string,
  namespace: string,
  get: GetObject,
): string | undefined {
  const optional = source.optional === true;
  const object = get(kind, namespace, name);
  if (object === undefined) return optional ? undefined : notFound(kind, name);
  const items = source.items;
  if (items === undefined) return undefined;
  for (const item of list(items)) {
    const key = str(obj(item).key);
    if (hasKey(kind, object, key) || optional) continue;
    return kind === "Secret"
      ? `references non-existent secret key: ${key}`
      : `configmap references non-existent config key: ${key}`;
  }
  return undefined;
}

/** secret.go MakePayload reads data; configmap.go MakePayload data and binaryData. */
function hasKey(kind: "Secret" | "ConfigMap", object: KubeObject, key: string): boolean {
  if (kind === "Secret") return secretData(object).has(key);
  const raw = object as unknown as Obj;
  return Object.hasOwn(obj(raw.data), key) || Object.hasOwn(obj(raw.binaryData), key);
}

/** What the volume manager needs of the kubelet. */
export interface VolumeHost {
  now(): Time;
  schedule(t: Time, fn: () => void, label: string): void;
  get: GetObject;
  /** The pod under `name` if it is still the one with `uid`, its kubelet up and it not deleted. */
  live(name: string, uid: string | undefined): Pod | undefined;
  failedMount(pod: Pod, message: string): void;
}

/**
 * WaitForAttachAndMount for pods whose volumes fail to set up: attempts on the back-off's
 * schedule, a FailedMount each, until every volume mounts; then the pod's containers may start.
 */
export class VolumeManager {
  constructor(private readonly host: VolumeHost) {}

  /**
   * The pod's first sync, at `now`: false when every volume sets up (the sync goes on);
   * otherwise the first attempt's events are recorded, and `synced(at)` runs once the volumes
   * are mounted, with the time of the sync that finds them so.
   */
  waits(pod: Pod, name: string, synced: (at: Time) => void): boolean {
    const failing = this.unmounted(pod);
    if (failing.length === 0) return false;
    this.wait(pod, name, failing, synced);
    return true;
  }

  /** The volumes of the pod's first sync that do not set up (none, nearly always). */
  unmounted(pod: Pod): readonly UnmountedVolume[] {
    return pod.spec.volumes === undefined ? NONE : unmountedVolumes(pod, this.host.get);
  }

  /**
   * `waits` of a pod whose `failing` volumes (`unmounted`'s answer, not empty) hold its first
   * sync: a caller that asks `unmounted` first makes `synced` only for a pod that waits.
   */
  wait(pod: Pod, name: string, failing: readonly UnmountedVolume[], synced: (at: Time) => void): void {
    for (const v of failing) this.host.failedMount(pod, mountFailedMessage(v));
    const firstSync = this.host.now();
    this.retry(pod.metadata.uid, name, failing, firstSync, MOUNT_BACKOFF.initial, synced);
  }

  private retry(
    uid: string | undefined,
    name: string,
    failing: readonly UnmountedVolume[],
    firstSync: Time,
    backoff: number,
    synced: (at: Time) => void,
  ): void {
    const at = this.host.now() + backoff;
    this.host.schedule(
      at,
      () => {
        const pod = this.host.live(name, uid);
        if (pod === undefined) return;
        const still = unmountedVolumes(
          pod,
          this.host.get,
          failing.map((v) => v.volume),
        );
        for (const v of still) this.host.failedMount(pod, mountFailedMessage(v));
        if (still.length > 0)
          return this.retry(uid, name, still, firstSync, Math.min(backoff * 2, MOUNT_BACKOFF.max), synced);
        const sync = syncFinding(firstSync, at);
        if (sync === at) synced(at);
        else this.host.schedule(sync, () => this.host.live(name, uid) && synced(sync), `sync ${name}`);
      },
      `mount ${name}`,
    );
  }
}

/**
 * The time of the pod worker's sync that finds the volumes mounted at `mounted`: syncs begin at
 * `firstSync` and every timeout + back-off after; each waits the timeout. Examples (first sync
 * at 0): mounted at 63.5 → 63.5 (the first sync is waiting); at 127.5 → 133 (the next sync).
 */
export function syncFinding(firstSync: Time, mounted: Time): Time {
  const period = POD_ATTACH_AND_MOUNT_TIMEOUT + POD_WORKER_BACKOFF;
  const sync = firstSync + Math.floor((mounted - firstSync) / period) * period;
  return mounted <= sync + POD_ATTACH_AND_MOUNT_TIMEOUT ? mounted : sync + period;
}
