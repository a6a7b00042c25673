/**
 * A small in-memory Cluster for printer and command tests: objects are stored as given
 * (no controllers run), creates and updates go through src/k8s's admission so defaulting
 * matches the real API server, and `now` is set by the test.
 */
import type { ApiError, ApiServer, Cluster } from "../../src/engine/cluster.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import type { Settings } from "../../src/engine/settings.ts";
import type { PodResourceSample } from "../../src/engine/metrics/types.ts";
import type { LoadSpec } from "../../src/engine/workload/types.ts";
import { admit } from "../../src/k8s/admission.ts";
import { builtinKinds, groupResource, type KindRegistry } from "../../src/k8s/kinds/index.ts";
import { qualifiedName } from "../../src/k8s/namespaces.ts";
import type { Kind, KubeEvent, KubeObject, ObjectOfKind } from "../../src/k8s/types.ts";

export class FakeCluster implements Cluster {
  now = 0;
  readonly kinds: KindRegistry = builtinKinds.extend();
  readonly settings: Settings = defaultSettings();
  readonly events: KubeEvent[] = [];
  readonly loads: { deployment: string; load: LoadSpec }[] = [];
  /** metrics-server samples by pod name (qualified: `web-…`, `prod/web-…`), as a test sets them. */
  readonly samples = new Map<string, PodResourceSample>();

  podMetrics(namespace: string, podNames: readonly string[]): PodResourceSample[] {
    return podNames.flatMap((n) => {
      const key = qualifiedName(namespace, n);
      return this.samples.has(key) ? [this.samples.get(key)!] : [];
    });
  }
  private readonly objects = new Map<string, KubeObject>();
  private uid = 0;

  /** `deployments.apps`, as the API server names the resource in its errors. */
  private resource = (kind: string) => groupResource(this.kinds.of(kind));

  /** kind/namespace/name ("" for a cluster-scoped kind). */
  private key = (kind: string, namespace: string | undefined, name: string) =>
    `${kind}/${this.kinds.get(kind)?.namespaced === false ? "" : namespace || "default"}/${name}`;

  private inNamespace = (o: KubeObject, namespace: string) =>
    this.kinds.get(o.kind)?.namespaced === false ||
    (o.metadata.namespace || "default") === (namespace || "default");

  readonly api = {
    get: <K extends Kind>(kind: K, namespace: string, name: string) =>
      this.objects.get(this.key(kind, namespace, name)) as ObjectOfKind<K> | undefined,
    list: <K extends Kind>(kind: K, namespace: string) =>
      [...this.objects.values()].filter(
        (o) => o.kind === kind && this.inNamespace(o, namespace),
      ) as ObjectOfKind<K>[],
    listAll: <K extends Kind>(kind: K) =>
      [...this.objects.values()].filter((o) => o.kind === kind) as ObjectOfKind<K>[],
    create: (raw: KubeObject): KubeObject | ApiError => {
      const key = this.key(raw.kind, raw.metadata.namespace, raw.metadata.name);
      if (this.objects.has(key))
        return {
          reason: "AlreadyExists",
          message: `${this.resource(raw.kind)} "${raw.metadata.name}" already exists`,
        };
      const res = admit(raw);
      if (!res.object)
        return {
          reason: "Invalid",
          message: "invalid",
          causes: res.errors.map((e) => ({ field: e.field, message: String(e.message ?? e.detail) })),
        };
      const obj = res.object;
      obj.metadata.uid = `uid-${++this.uid}`;
      obj.metadata.creationTimestamp = this.now;
      obj.metadata.generation = 1;
      this.objects.set(key, obj);
      return obj;
    },
    update: (raw: KubeObject): KubeObject | ApiError => {
      const key = this.key(raw.kind, raw.metadata.namespace, raw.metadata.name);
      const old = this.objects.get(key);
      if (!old)
        return {
          reason: "NotFound",
          message: `${this.resource(raw.kind)} "${raw.metadata.name}" not found`,
        };
      const res = admit(raw, old);
      if (!res.object)
        return {
          reason: "Invalid",
          message: "invalid",
          causes: res.errors.map((e) => ({ field: e.field, message: String(e.message ?? e.detail) })),
        };
      const obj = res.object as KubeObject;
      obj.status = old.status as never;
      if (
        JSON.stringify((obj as { spec?: unknown }).spec) !== JSON.stringify((old as { spec?: unknown }).spec)
      )
        obj.metadata.generation = (old.metadata.generation ?? 1) + 1;
      this.objects.set(key, obj);
      return obj;
    },
    delete: (kind: string, namespace: string, name: string): ApiError | undefined => {
      if (!this.objects.delete(this.key(kind, namespace, name)))
        return { reason: "NotFound", message: `${this.resource(kind)} "${name}" not found` };
      return undefined;
    },
  } as ApiServer;

  /** Store an object exactly as given (status included), bypassing admission. */
  put<T extends KubeObject>(obj: T): T {
    this.objects.set(this.key(obj.kind, obj.metadata.namespace, obj.metadata.name), obj);
    return obj;
  }

  setLoad(deployment: string, load: LoadSpec): void {
    this.loads.push({ deployment, load });
  }
}
