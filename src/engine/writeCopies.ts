/**
 * The API server's per-write copies of a stored object, `{ ...obj, [key]: value }` with the
 * same keys in the same order (obj's, then `key` if new) and values, built as one object
 * literal where the object has the keys a stored object of the simulation has: the five
 * top-level keys every kind is stored with, and a pod's metadata as the API server's create
 * and graceful delete leave it. Object.assign onto an empty literal copies key by key through
 * V8's generic path (Node 20: the two copies of a status write were about 4 K instructions of a
 * pod's, counted under callgrind; the literals and the key checks about 2 K). Any other shape
 * takes Object.assign (`withKey`), whose result shares a hidden class with its like: a spread
 * of stored objects of several writers' shapes went through the object-clone IC's megamorphic
 * runtime path. Stored objects are JSON data: no accessors, no `__proto__` key (safeKeys.ts
 * refuses it at the door), so assigning defines what spread would.
 */
import type { KubeObject, ObjectMeta } from "../k8s/types.ts";

/** `{ ...obj, [key]: value }` by Object.assign (keys in obj's order, then `key` if new). */
export function withKey<T extends object, K extends keyof T>(obj: T, key: K, value: T[K]): T {
  const out = Object.assign({}, obj);
  out[key] = value;
  return out;
}

/** The top-level keys of a stored object, in the order admission and the kinds' defaulting give them. */
const STORED = ["apiVersion", "kind", "metadata", "spec", "status"] as const;
/** A created pod's metadata keys: its request's (a ReplicaSet's), then the create's (`SimApiServer.create`). */
const CREATED_POD = [
  "name",
  "generateName",
  "creationTimestamp",
  "labels",
  "ownerReferences",
  "namespace",
  "uid",
  "resourceVersion",
] as const;
/** The same, marked deleting with its grace period (`SimApiServer.delete`). */
const DELETING_POD = [...CREATED_POD, "deletionTimestamp", "deletionGracePeriodSeconds"] as const;

/**
 * Whether `o`'s own enumerable keys are `keys`, in that order (what Object.assign copies). By
 * `for…in`, which reads the keys from V8's enum cache of the object's hidden class, where
 * Object.keys made an array of them at each write (twice a status write). A stored object's
 * prototype is Object.prototype, which has no enumerable key: `for…in` then lists its own.
 */
export function keysAre(o: object, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) {
    if (k !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
}

type Stored = KubeObject & { spec?: unknown; status?: unknown };

/** `{ ...obj, status }` with `metadata` in its place: a status write's object. */
export function withStatus(obj: KubeObject, metadata: ObjectMeta, status: unknown): KubeObject {
  const o = obj as Stored;
  if (keysAre(o, STORED))
    return {
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata,
      spec: o.spec,
      status,
    } as unknown as KubeObject;
  const out = withKey(o, "status", status);
  out.metadata = metadata;
  return out;
}

/** `{ ...obj, spec }` with `metadata` in its place: a binding's object. */
export function withSpec(obj: KubeObject, metadata: ObjectMeta, spec: unknown): KubeObject {
  const o = obj as Stored;
  if (keysAre(o, STORED))
    return {
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata,
      spec,
      status: o.status,
    } as unknown as KubeObject;
  const out = withKey(o, "spec", spec);
  out.metadata = metadata;
  return out;
}

/** `{ ...obj, metadata }`: a deletion mark's object. */
export function withMetadata(obj: KubeObject, metadata: ObjectMeta): KubeObject {
  const o = obj as Stored;
  if (keysAre(o, STORED))
    return {
      apiVersion: o.apiVersion,
      kind: o.kind,
      metadata,
      spec: o.spec,
      status: o.status,
    } as unknown as KubeObject;
  return withKey(o, "metadata", metadata);
}

/** `{ ...meta, resourceVersion }`. */
export function metaWithVersion(meta: ObjectMeta, resourceVersion: string): ObjectMeta {
  if (keysAre(meta, CREATED_POD))
    return {
      name: meta.name,
      generateName: meta.generateName,
      creationTimestamp: meta.creationTimestamp,
      labels: meta.labels,
      ownerReferences: meta.ownerReferences,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion,
    };
  if (keysAre(meta, DELETING_POD))
    return {
      name: meta.name,
      generateName: meta.generateName,
      creationTimestamp: meta.creationTimestamp,
      labels: meta.labels,
      ownerReferences: meta.ownerReferences,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion,
      deletionTimestamp: meta.deletionTimestamp,
      deletionGracePeriodSeconds: meta.deletionGracePeriodSeconds,
    };
  return withKey(meta, "resourceVersion", resourceVersion);
}

/** `{ ...meta, deletionTimestamp, deletionGracePeriodSeconds }`: a graceful delete's mark. */
export function metaDeleting(
  meta: ObjectMeta,
  deletionTimestamp: number,
  deletionGracePeriodSeconds: number,
): ObjectMeta {
  if (keysAre(meta, CREATED_POD))
    return {
      name: meta.name,
      generateName: meta.generateName,
      creationTimestamp: meta.creationTimestamp,
      labels: meta.labels,
      ownerReferences: meta.ownerReferences,
      namespace: meta.namespace,
      uid: meta.uid,
      resourceVersion: meta.resourceVersion,
      deletionTimestamp,
      deletionGracePeriodSeconds,
    };
  const out = withKey(meta, "deletionTimestamp", deletionTimestamp);
  out.deletionGracePeriodSeconds = deletionGracePeriodSeconds;
  return out;
}
