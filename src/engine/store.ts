/**
 * The cluster's object store: one namespace ("default"), objects by kind and name, lists in
 * creation order, a resourceVersion counter and watches — the part of etcd plus the watch
 * cache that the controllers' informers read.
 *
 * Writers hand the store finished objects (the API server stamps them); the store only keeps
 * them and tells watchers. Every listener gets `{type, object, old}` synchronously, in the
 * order the writes happen, so a run is deterministic. Listeners must not write back to the
 * store from inside a notification; they enqueue work or schedule events instead.
 */
import type { Kind, KubeObject, ObjectOfKind } from "../k8s/types.ts";
import type { StoreView } from "./controller.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent {
  type: WatchEventType;
  /** The object after the change; for DELETED, the last state stored. */
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED). */
  old: KubeObject | undefined;
}

export type WatchListener = (event: WatchEvent) => void;

export class Store implements StoreView {
  private readonly byKind = new Map<string, Map<string, KubeObject>>();
  /** Cached creation-ordered lists, rebuilt only after a change to that kind. */
  private readonly lists = new Map<string, readonly KubeObject[]>();
  private readonly listeners: { kinds: ReadonlySet<string> | undefined; fn: WatchListener }[] = [];
  private version = 0;
  /** Owner uid → "Kind/name" of the objects whose ownerReferences name it (for the garbage collector). */
  private readonly owned = new Map<string, Set<string>>();

  /** Next resourceVersion, a decimal string like etcd's revision. */
  nextResourceVersion(): string {
    this.version += 1;
    return String(this.version);
  }

  get<K extends Kind>(kind: K, name: string): ObjectOfKind<K> | undefined;
  get(kind: string, name: string): KubeObject | undefined;
  get(kind: string, name: string): KubeObject | undefined {
    return this.byKind.get(kind)?.get(name);
  }

  list<K extends Kind>(kind: K): readonly ObjectOfKind<K>[];
  list(kind: string): readonly KubeObject[];
  list(kind: string): readonly KubeObject[] {
    let cached = this.lists.get(kind);
    if (!cached) {
      cached = Object.freeze([...(this.byKind.get(kind)?.values() ?? [])]);
      this.lists.set(kind, cached);
    }
    return cached;
  }

  count(kind: string): number {
    return this.byKind.get(kind)?.size ?? 0;
  }

  /** Watch every kind, or only the kinds given. Returns a function that stops the watch. */
  watch(fn: WatchListener, kinds?: readonly string[]): () => void {
    const entry = { kinds: kinds ? new Set(kinds) : undefined, fn };
    this.listeners.push(entry);
    return () => {
      const i = this.listeners.indexOf(entry);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** Add a new object (its name must be free) and notify ADDED. */
  add(object: KubeObject): void {
    const m = this.kindMap(object.kind);
    if (m.has(object.metadata.name))
      throw new Error(`store: ${object.kind} "${object.metadata.name}" already stored`);
    m.set(object.metadata.name, object);
    this.lists.delete(object.kind);
    this.index(object, undefined);
    this.notify({ type: "ADDED", object, old: undefined });
  }

  /** Replace a stored object, keeping its place in creation order, and notify MODIFIED. */
  replace(object: KubeObject): void {
    const m = this.kindMap(object.kind);
    const old = m.get(object.metadata.name);
    if (!old) throw new Error(`store: ${object.kind} "${object.metadata.name}" is not stored`);
    m.set(object.metadata.name, object);
    this.lists.delete(object.kind);
    this.index(object, old);
    this.notify({ type: "MODIFIED", object, old });
  }

  /** Remove an object and notify DELETED; returns what was removed. */
  remove(kind: string, name: string): KubeObject | undefined {
    const m = this.byKind.get(kind);
    const old = m?.get(name);
    if (!m || !old) return undefined;
    m.delete(name);
    this.lists.delete(kind);
    this.index(undefined, old);
    this.notify({ type: "DELETED", object: old, old });
    return old;
  }

  /** Objects whose ownerReferences name `uid`, in the order they were first owned. */
  ownedBy(uid: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const key of this.owned.get(uid) ?? []) {
      const slash = key.indexOf("/");
      const obj = this.byKind.get(key.slice(0, slash))?.get(key.slice(slash + 1));
      if (obj) out.push(obj);
    }
    return out;
  }

  private index(now: KubeObject | undefined, before: KubeObject | undefined): void {
    // Status writes keep the ownerReferences array itself: nothing to re-index.
    if (now && before && now.metadata.ownerReferences === before.metadata.ownerReferences) return;
    const uids = (o: KubeObject | undefined) => (o?.metadata.ownerReferences ?? []).map((r) => r.uid);
    const after = uids(now);
    for (const uid of uids(before)) {
      if (after.includes(uid)) continue;
      const set = this.owned.get(uid);
      set?.delete(`${before!.kind}/${before!.metadata.name}`);
      if (set?.size === 0) this.owned.delete(uid);
    }
    for (const uid of after) {
      let set = this.owned.get(uid);
      if (!set) this.owned.set(uid, (set = new Set()));
      set.add(`${now!.kind}/${now!.metadata.name}`);
    }
  }

  private kindMap(kind: string): Map<string, KubeObject> {
    let m = this.byKind.get(kind);
    if (!m) {
      m = new Map();
      this.byKind.set(kind, m);
    }
    return m;
  }

  private notify(event: WatchEvent): void {
    for (const l of [...this.listeners]) if (!l.kinds || l.kinds.has(event.object.kind)) l.fn(event);
  }
}
