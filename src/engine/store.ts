/**
 * The cluster's object store: objects by kind, namespace and name, lists in creation order, a
 * resourceVersion counter and watches — the part of etcd plus the watch cache that the
 * controllers' informers read.
 *
 * A namespaced object is keyed by its namespace and name (etcd's /registry/<resource>/<ns>/
 * <name>), a cluster-scoped one by its name alone: the store is told which kinds are
 * cluster-scoped (the kind registry's scope) and ignores the namespace a caller passes for
 * them, as kubectl does (`kubectl get nodes -n prod` lists every node).
 *
 * Writers hand the store finished objects (the API server stamps them); the store only keeps
 * them and tells watchers. Every listener gets `{type, object, old}` synchronously, in the
 * order the writes happen, so a run is deterministic — but a batch listener, which takes the
 * changes of a cohort (a kubelet step of many pods at one instant) together at its end, in the
 * same order (`openCohort`). Listeners must not write back to the store from inside a
 * notification; they enqueue work or schedule events instead.
 */
import { DEFAULT_NAMESPACE } from "../k8s/namespaces.ts";
import type { Kind, KubeObject, ObjectOfKind, OwnerReference } from "../k8s/types.ts";
import type { StoreView } from "./controller.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface WatchEvent {
  type: WatchEventType;
  /** The object after the change; for DELETED, the last state stored. */
  object: KubeObject;
  /** The object before the change (MODIFIED and DELETED). */
  old: KubeObject | undefined;
}

/**
 * `kind` is the key the change's kind is stored under (kinds/registry.ts): the kind's name, or
 * `Kind.group` for another group's kind of a name registered first (Knative's Service), which
 * no check of a built-in kind by `object.kind` must take for the built-in's.
 */
export type WatchListener = (event: WatchEvent, kind: string) => void;

/**
 * Changes taken together: those of a cohort (`openCohort`), in write order, all of one kind.
 * The array is the listener's to keep.
 */
export type WatchBatchListener = (events: readonly WatchEvent[], kind: string) => void;

/** Whether a kind is namespaced (default: every kind is). */
export type ScopeOf = (kind: string) => boolean;

/**
 * A stored object's place: both of its kind's maps hold the same slot, so a replace (most
 * writes: status) swaps the object in it without making the key again.
 */
interface Slot {
  object: KubeObject;
  /** Its number among its kind's slots (KindTable.byId), given again once it is removed. */
  id: number;
}

/** One kind's objects: in creation order, and by namespace then name. */
interface KindTable {
  /**
   * Every slot, in creation order: a set of the slots themselves, where a map by
   * `namespace/name` made and hashed that key string at each create and removal (names are
   * unique within their namespace's map, which tells a duplicate).
   */
  all: Set<Slot>;
  byNamespace: Map<string, Map<string, Slot>>;
  /** Cached creation-ordered lists ("" → every namespace), rebuilt after a change. */
  lists: Map<string, readonly KubeObject[]>;
  journal: WriteJournal;
  /**
   * The stored slots by number (undefined: free): a journal reader keeps what it derived per
   * object in an array by that number, where a map by name hashed the name at every write.
   */
  byId: (Slot | undefined)[];
  /** Numbers of removed slots, to give again (the arrays stay as long as the most objects stored). */
  freeIds: number[];
  /** The kind's scope (`ScopeOf`) as the registry answered it at generation `scopeAt` (`Store.namespacedIn`). */
  namespaced: boolean;
  scopeAt: number;
  /**
   * The namespace last looked up in `byNamespace`, and its map (undefined: none there): nearly
   * every read and write of a run is in one namespace, told by a string comparison where the
   * map hashed it again. Dropped when a namespace's map is made or removed.
   */
  lastNamespace: string | undefined;
  lastSlots: Map<string, Slot> | undefined;
}

/**
 * Which objects of a kind were written, in write order, as positions a reader can keep: a
 * reader that derived a total from every object (a ReplicaSet's Ready pods) reads again only
 * the objects written since its mark, where a new list would make it walk them all. Names and
 * slot numbers only (the store is read for the object: `Store.byNumber`): holding the objects
 * would keep every replaced pod alive. A number is given again after its object is removed,
 * so a reader checks the namespace of what it finds there (the object written at a number may
 * since have gone and another taken it). Bounded: a reader whose mark is older than `start`
 * reads everything again.
 */
export class WriteJournal {
  /** The position of `names[0]`. */
  start = 0;
  readonly namespaces: string[] = [];
  readonly names: string[] = [];
  /** The slot number of each write's object (the store's `byNumber`), aligned with `names`. */
  readonly ids: number[] = [];
  /**
   * What each write did to its object, aligned with `names`: ADDED for a create, DELETED for a
   * removal, MODIFIED for a replace. A reader that keeps records of the objects it read at its
   * mark has none for an object created since, unless one of that name was removed since, whose
   * entry comes first: it can pass such an entry over without looking for a record by name.
   */
  readonly types: WatchEventType[] = [];

  /** The position after the last write: the mark of a reader that has read everything. */
  get end(): number {
    return this.start + this.names.length;
  }

  record(namespace: string, name: string, id: number, type: WatchEventType): void {
    this.namespaces.push(namespace);
    this.names.push(name);
    this.ids.push(id);
    this.types.push(type);
    if (this.names.length > JOURNAL_LIMIT) {
      // Half at a time: each write pays for one move of an entry, at most.
      const drop = JOURNAL_LIMIT >> 1;
      this.namespaces.splice(0, drop);
      this.names.splice(0, drop);
      this.ids.splice(0, drop);
      this.types.splice(0, drop);
      this.start += drop;
    }
  }
}

/** Writes a journal holds before it forgets the older half (a ×10 day writes pods ~80,000 times). */
const JOURNAL_LIMIT = 1 << 15;

const EMPTY: readonly KubeObject[] = Object.freeze([]);

export class Store implements StoreView {
  private readonly byKind = new Map<string, KindTable>();
  /** Replaced, never changed in place: a notification goes to the watchers of when it began. */
  private listeners: readonly Listener[] = [];
  /**
   * By kind, the listeners a change of it reaches, in the order they began to watch: a change
   * calls those and tests no other's kinds. Dropped when a watch begins or stops; each list is
   * replaced, never changed, as `listeners` is.
   */
  private readonly listenersOf = new Map<string, readonly Listener[]>();
  /**
   * While a cohort is open, the changes its batch listeners are still to get (all of
   * `pendingKind`); undefined while none is.
   */
  private pending: WatchEvent[] | undefined;
  private pendingKind = "";
  private version = 0;
  /** Owner uid → the slots of the objects whose ownerReferences name it (for the garbage collector). */
  private readonly owned = new Map<string, Set<Slot>>();

  /**
   * `kindKey`: the key an object's kind is stored and routed under (the kind registry's
   * `keyOf`: its kind, or `Kind.group` where two groups share the kind name); callers name
   * kinds by the same keys.
   */
  constructor(
    private readonly namespaced: ScopeOf = () => true,
    private readonly kindKey: (object: KubeObject) => string = kindOf,
    /**
     * A number that changes whenever `namespaced` may answer otherwise (the kind registry's
     * `generation`): the store keeps each kind's scope until it does, where asking the registry
     * was two map look-ups at every read and write (a ×10 day asks about 400,000 times). Without
     * it the scope is asked every time.
     */
    private readonly scopeGeneration?: () => number,
  ) {}

  /** Next resourceVersion, a decimal string like etcd's revision. */
  nextResourceVersion(): string {
    this.version += 1;
    return String(this.version);
  }

  /** The namespace a kind keys its objects by: "" for a cluster-scoped kind. */
  scopeNamespace(kind: string, namespace: string | undefined): string {
    const t = this.byKind.get(kind);
    return (t === undefined ? this.namespaced(kind) : this.namespacedIn(t, kind))
      ? namespace || DEFAULT_NAMESPACE
      : "";
  }

  /** `scopeNamespace` for a kind whose table the caller holds. */
  private scopeIn(t: KindTable, kind: string, namespace: string | undefined): string {
    return this.namespacedIn(t, kind) ? namespace || DEFAULT_NAMESPACE : "";
  }

  /** Whether a kind is namespaced: the table's answer while the registry's generation holds. */
  private namespacedIn(t: KindTable, kind: string): boolean {
    if (this.scopeGeneration === undefined) return this.namespaced(kind);
    const at = this.scopeGeneration();
    if (t.scopeAt !== at) {
      t.namespaced = this.namespaced(kind);
      t.scopeAt = at;
    }
    return t.namespaced;
  }

  get<K extends Kind>(kind: K, namespace: string, name: string): ObjectOfKind<K> | undefined;
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  get(kind: string, namespace: string, name: string): KubeObject | undefined {
    return this.slot(this.byKind.get(kind), kind, namespace, name)?.object;
  }

  list<K extends Kind>(kind: K, namespace: string): readonly ObjectOfKind<K>[];
  list(kind: string, namespace: string): readonly KubeObject[];
  list(kind: string, namespace: string): readonly KubeObject[] {
    const t = this.byKind.get(kind);
    if (!t) return EMPTY;
    const ns = this.scopeIn(t, kind, namespace);
    if (ns === "") return this.listAll(kind);
    let cached = t.lists.get(ns);
    if (!cached) {
      cached = Object.freeze(objectsOf(t.byNamespace.get(ns)));
      t.lists.set(ns, cached);
    }
    return cached;
  }

  listAll<K extends Kind>(kind: K): readonly ObjectOfKind<K>[];
  listAll(kind: string): readonly KubeObject[];
  listAll(kind: string): readonly KubeObject[] {
    const t = this.byKind.get(kind);
    if (!t) return EMPTY;
    let cached = t.lists.get("");
    if (!cached) {
      cached = Object.freeze(objectsOfAll(t.all));
      t.lists.set("", cached);
    }
    return cached;
  }

  /**
   * One namespace's objects of a kind by name, for a reader that looks up many names at one
   * instant (the ReplicaSet sync reading its journal's pods): one map look-up each, where `get`
   * finds the kind's table, its scope and the namespace's map again every time. Read before the
   * next write.
   */
  namedIn(kind: string, namespace: string): (name: string) => KubeObject | undefined {
    const t = this.byKind.get(kind);
    const slots = t === undefined ? undefined : this.slotsIn(t, this.scopeIn(t, kind, namespace));
    if (slots === undefined) return () => undefined;
    return (name) => slots.get(name)?.object;
  }

  /**
   * A kind's stored objects by slot number (WriteJournal.ids; undefined: none there now), for
   * a reader of the journal: an array read, where `namedIn` hashes the name. The function
   * stays good for the store's life.
   */
  byNumber(kind: string): (id: number) => KubeObject | undefined {
    const byId = this.table(kind).byId;
    return (id) => byId[id]?.object;
  }

  /** The slot number of a stored object (undefined: not stored), by namespace and name. */
  numberOf(kind: string, namespace: string, name: string): number | undefined {
    return this.slot(this.byKind.get(kind), kind, namespace, name)?.id;
  }

  /** The journal of a kind's writes (the same object for the store's life). */
  journalOf(kind: string): WriteJournal {
    return this.table(kind).journal;
  }

  /** The namespaces that hold objects of this kind, in the order their first object came. */
  namespacesOf(kind: string): string[] {
    return [...(this.byKind.get(kind)?.byNamespace.keys() ?? [])];
  }

  /** How many objects of a kind are stored, in every namespace. */
  count(kind: string): number {
    return this.byKind.get(kind)?.all.size ?? 0;
  }

  /**
   * Watch every kind, or only the kinds given. Returns a function that stops the watch.
   *
   * `batch`: while a cohort is open, this listener takes its changes together at the end
   * instead of one by one (`fn` still takes every change outside a cohort). It then reads the
   * store after the cohort's later writes of the same kind, never after a write of another kind
   * (the store hands it what it holds first): so it must read objects of the changed kind only
   * from the changes, never from the store (the recorder reads a pod's owner, not other pods).
   */
  watch(fn: WatchListener, kinds?: readonly string[], batch?: WatchBatchListener): () => void {
    const entry: Listener = { kinds: kinds ? new Set(kinds) : undefined, fn, batch };
    this.listeners = [...this.listeners, entry];
    this.listenersOf.clear();
    return () => {
      const i = this.listeners.indexOf(entry);
      if (i >= 0) {
        this.listeners = this.listeners.filter((_, j) => j !== i);
        this.listenersOf.clear();
      }
    };
  }

  /**
   * Open a cohort: the writes until `closeCohort` (a step the kubelet takes for many pods at one
   * instant) reach batch listeners together (`watch`), at the close or before the first write of
   * another kind. Every other listener is told of each write as it happens, as outside one.
   * A cohort already open stays open.
   */
  openCohort(): void {
    this.pending ??= [];
  }

  /**
   * While a cohort is open, how many changes it holds for the batch listeners (undefined while
   * none is open). Read by a listener called at a change: the changes before it that its batch
   * listeners will get in the same delivery, so the change's index there (a change of another
   * kind has been delivered before it).
   */
  held(): number | undefined {
    return this.pending?.length;
  }

  /** Close the cohort: batch listeners get what it holds still. */
  closeCohort(): void {
    if (this.pending === undefined) return;
    this.flush();
    this.pending = undefined;
  }

  /** Add a new object (its name must be free in its namespace) and notify ADDED. */
  add(object: KubeObject): void {
    const kind = this.kindKey(object);
    this.before(kind);
    const t = this.table(kind);
    const ns = this.scopeIn(t, kind, object.metadata.namespace);
    let inNs = this.slotsIn(t, ns);
    if (inNs?.has(object.metadata.name))
      throw new Error(`store: ${kind} "${this.keyOf(kind, ns, object.metadata.name)}" already stored`);
    const slot: Slot = { object, id: t.freeIds.length > 0 ? t.freeIds.pop()! : t.byId.length };
    t.byId[slot.id] = slot;
    t.all.add(slot);
    if (!inNs) {
      t.byNamespace.set(ns, (inNs = new Map()));
      t.lastNamespace = undefined;
    }
    inNs.set(object.metadata.name, slot);
    this.changed(t, ns, object.metadata.name, slot.id, "ADDED");
    this.index(slot, object, undefined);
    this.notify(kind, { type: "ADDED", object, old: undefined });
  }

  /** Replace a stored object, keeping its place in creation order, and notify MODIFIED. */
  replace(object: KubeObject): void {
    const kind = this.kindKey(object);
    this.before(kind);
    const t = this.table(kind);
    const ns = this.scopeIn(t, kind, object.metadata.namespace);
    const slot = this.slotsIn(t, ns)?.get(object.metadata.name);
    if (!slot)
      throw new Error(`store: ${kind} "${this.keyOf(kind, ns, object.metadata.name)}" is not stored`);
    const old = slot.object;
    slot.object = object;
    this.changed(t, ns, object.metadata.name, slot.id, "MODIFIED");
    this.index(slot, object, old);
    this.notify(kind, { type: "MODIFIED", object, old });
  }

  /** Remove an object and notify DELETED; returns what was removed. */
  remove(kind: string, namespace: string, name: string): KubeObject | undefined {
    this.before(kind);
    const t = this.byKind.get(kind);
    if (t === undefined) return undefined;
    const ns = this.scopeIn(t, kind, namespace);
    const inNs = this.slotsIn(t, ns);
    const slot = inNs?.get(name);
    if (inNs === undefined || slot === undefined) return undefined;
    const old = slot.object;
    t.all.delete(slot);
    inNs.delete(name);
    if (inNs.size === 0) {
      t.byNamespace.delete(ns);
      t.lastNamespace = undefined;
    }
    t.byId[slot.id] = undefined;
    t.freeIds.push(slot.id);
    this.changed(t, ns, name, slot.id, "DELETED");
    this.index(slot, undefined, old);
    this.notify(kind, { type: "DELETED", object: old, old });
    return old;
  }

  /** Objects whose ownerReferences name `uid`, in the order they were first owned. */
  ownedBy(uid: string): KubeObject[] {
    const out: KubeObject[] = [];
    for (const slot of this.owned.get(uid) ?? []) out.push(slot.object);
    return out;
  }

  /** An object's slot, by its namespace's map and its name (no key string to make and hash). */
  private slot(t: KindTable | undefined, kind: string, namespace: string, name: string): Slot | undefined {
    return t === undefined ? undefined : this.slotsIn(t, this.scopeIn(t, kind, namespace))?.get(name);
  }

  /** A namespace's slots of a kind (`KindTable.lastNamespace`). */
  private slotsIn(t: KindTable, ns: string): Map<string, Slot> | undefined {
    if (ns !== t.lastNamespace) {
      t.lastSlots = t.byNamespace.get(ns);
      t.lastNamespace = ns;
    }
    return t.lastSlots;
  }

  private keyOf(kind: string, namespace: string, name: string): string {
    const ns = this.scopeNamespace(kind, namespace);
    return ns === "" ? name : `${ns}/${name}`;
  }

  private changed(t: KindTable, ns: string, name: string, id: number, type: WatchEventType): void {
    // Most writes follow another of their kind with no list read between (a cohort's pods).
    if (t.lists.size > 0) {
      t.lists.delete(ns);
      t.lists.delete("");
    }
    t.journal.record(ns, name, id, type);
  }

  private index(slot: Slot, now: KubeObject | undefined, before: KubeObject | undefined): void {
    const after = now?.metadata.ownerReferences;
    const was = before?.metadata.ownerReferences;
    // Status writes keep the ownerReferences array itself: nothing to re-index.
    if (now && before && after === was) return;
    // Indexed loops, no closure per reference: a pod's create and removal each come here.
    if (was !== undefined)
      for (let i = 0; i < was.length; i++) {
        const uid = was[i].uid;
        if (after !== undefined && namesOwner(after, uid)) continue;
        const set = this.owned.get(uid);
        if (set === undefined) continue;
        set.delete(slot);
        if (set.size === 0) this.owned.delete(uid);
      }
    if (after !== undefined)
      for (let i = 0; i < after.length; i++) {
        const uid = after[i].uid;
        let set = this.owned.get(uid);
        if (set === undefined) this.owned.set(uid, (set = new Set()));
        set.add(slot);
      }
  }

  private table(kind: string): KindTable {
    let t = this.byKind.get(kind);
    if (!t) {
      t = {
        all: new Set(),
        byNamespace: new Map(),
        lists: new Map(),
        journal: new WriteJournal(),
        byId: [],
        freeIds: [],
        namespaced: true,
        scopeAt: -1,
        lastNamespace: undefined,
        lastSlots: undefined,
      };
      this.byKind.set(kind, t);
    }
    return t;
  }

  private listenersOfKind(kind: string): readonly Listener[] {
    let ls = this.listenersOf.get(kind);
    if (ls === undefined) {
      ls = this.listeners.filter((l) => !l.kinds || l.kinds.has(kind));
      this.listenersOf.set(kind, ls);
    }
    return ls;
  }

  /** A write of `kind` is to be stored: a cohort's changes of another kind go to their listeners first. */
  private before(kind: string): void {
    if (this.pending !== undefined && this.pending.length > 0 && this.pendingKind !== kind) this.flush();
  }

  /** The open cohort's changes to its batch listeners, in the order they began to watch. */
  private flush(): void {
    const events = this.pending;
    if (events === undefined || events.length === 0) return;
    this.pending = [];
    const ls = this.listenersOfKind(this.pendingKind);
    for (let i = 0; i < ls.length; i++) ls[i].batch?.(events, this.pendingKind);
  }

  private notify(kind: string, event: WatchEvent): void {
    const ls = this.listenersOfKind(kind);
    const pending = this.pending;
    let held = false;
    try {
      for (let i = 0; i < ls.length; i++) {
        const l = ls[i];
        if (pending !== undefined && l.batch !== undefined) held = true;
        else l.fn(event, kind);
      }
    } finally {
      // Held even when a later listener throws (a run's budget stopping it at a pod's ADD): the
      // batch listeners before it get the change at the cohort's end, as they did at the change.
      if (held) {
        this.pendingKind = kind;
        pending!.push(event);
      }
    }
  }
}

const kindOf = (object: KubeObject): string => object.kind;

/** A watch: its listener and the kinds it takes (undefined: every kind). */
interface Listener {
  kinds: ReadonlySet<string> | undefined;
  fn: WatchListener;
  /** Takes an open cohort's changes together (`Store.watch`). */
  batch: WatchBatchListener | undefined;
}

/**
 * The objects in a kind's slots, in the slots' order, in an array made at its size: pushed one
 * by one, the list of the x10 day's 10,000 pods grew through a dozen backing stores (about
 * twice its size in garbage) at each sync that read the pods after a change.
 */
function objectsOf(slots: ReadonlyMap<string, Slot> | undefined): KubeObject[] {
  if (slots === undefined) return [];
  const out: KubeObject[] = new Array(slots.size);
  let i = 0;
  for (const s of slots.values()) out[i++] = s.object;
  return out;
}

/**
 * `objectsOf` for a kind's set of slots: a function of its own, so that each loop sees one kind
 * of collection and the optimizing compiler inlines its iterator (a loop that saw a Map and a Set
 * called the iterator's builtin per object).
 */
function objectsOfAll(slots: ReadonlySet<Slot>): KubeObject[] {
  const out: KubeObject[] = new Array(slots.size);
  let i = 0;
  for (const s of slots) out[i++] = s.object;
  return out;
}

/**
 * A read-only view over a list of objects, in list order, keyed as the store keys them (an
 * object without a namespace is in `default`): for tests and the fidelity runner, which hand a
 * controller a fixed snapshot.
 */
export function readerOf(objects: readonly KubeObject[] | (() => readonly KubeObject[])): StoreView {
  const all = typeof objects === "function" ? objects : () => objects;
  const inNs = (o: KubeObject, ns: string) =>
    (o.metadata.namespace || DEFAULT_NAMESPACE) === (ns || DEFAULT_NAMESPACE);
  return {
    get: (kind: string, namespace: string, name: string) =>
      all().find((o) => o.kind === kind && o.metadata.name === name && inNs(o, namespace)),
    list: (kind: string, namespace: string) => all().filter((o) => o.kind === kind && inNs(o, namespace)),
    listAll: (kind: string) => all().filter((o) => o.kind === kind),
  } as StoreView;
}

/** Whether `refs` names the owner `uid`. */
function namesOwner(refs: readonly OwnerReference[], uid: string): boolean {
  for (let i = 0; i < refs.length; i++) if (refs[i].uid === uid) return true;
  return false;
}
