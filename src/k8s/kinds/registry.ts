/**
 * The kind registry: a RESTMapper over kind descriptors (descriptor.ts). It answers what
 * kubectl's RESTMapper and the API server's scheme answer — is this apiVersion/kind served,
 * which resource does the word `deploy` name, what does the `all` category hold — and what
 * the rest of Replicast asks of a kind: how it prints, how the language names it, how the
 * trace summarises it.
 *
 * Registries nest. The built-in kinds form a frozen base (builtin.ts); each cluster gets its
 * own registry on top of it (`extend()`), so kinds one run registers (a CRD, a test's toy
 * kind) never leak into another run or another test.
 *
 * Kinds are told apart by group where two groups define one kind name (Istio's
 * `networking.istio.io` Gateway and the Gateway API's `gateway.networking.k8s.io` Gateway).
 * Each kind has a key the store, the routes and kubectl look its objects up by: its name, or,
 * for a kind registered when another group's kind of that name already was, `Kind.group`
 * (`Gateway.gateway.networking.k8s.io`). So every built-in kind, registered first, keeps its
 * name as its key, and only an object of a shared kind name costs a look-up by group
 * (`keyOf`). A kind stored as written may share a name with any kind, a simulated built-in's
 * too (Knative Serving's `serving.knative.dev` Service, keyed `Service.serving.knative.dev`);
 * a simulated kind is never the later one, so the engine's checks of a built-in kind compare
 * the key (`kind === "Pod"` where `kind` is the store's key), or the descriptor's group.
 */
import type { KindDescriptor, ObjectSummary } from "./descriptor.ts";
import type { KubeObject } from "../types.ts";

// A descriptor of any kind, whatever its object and summary types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKind = KindDescriptor<any, any>;

/**
 * kube-aggregator's group priorities (cmd/kube-apiserver/app/aggregator.go
 * apiVersionPriorities): discovery lists groups from the highest priority down, ties by name.
 * A CustomResourceDefinition's group gets 1000 (crdregistration_controller.go's
 * groupPriorityMinimum), as does any group not listed here.
 */
const GROUP_PRIORITY: Readonly<Record<string, number>> = {
  "": 18000,
  apps: 17800,
  "events.k8s.io": 17750,
  "authentication.k8s.io": 17700,
  "authorization.k8s.io": 17600,
  autoscaling: 17500,
  batch: 17400,
  "certificates.k8s.io": 17300,
  "networking.k8s.io": 17200,
  policy: 17100,
  "storage.k8s.io": 16800,
  "scheduling.k8s.io": 16600,
  "node.k8s.io": 16300,
};
const CRD_GROUP_PRIORITY = 1000;

const groupPriority = (group: string): number => GROUP_PRIORITY[group] ?? CRD_GROUP_PRIORITY;

/**
 * Discovery order: groups by priority (then name), resources by plural within a group. It is
 * also the order kubectl's RESTMapper prefers among the groups a bare resource word matches
 * (restmapper.NewDiscoveryRESTMapper feeds PriorityRESTMapper's ResourcePriority the groups as
 * discovery lists them; apimachinery meta/priority.go ResourceFor takes the first pattern that
 * matches one), so `kubectl get gateways` lists the Gateway API's Gateways
 * (`gateway.networking.k8s.io` sorts before `networking.istio.io` at the CRDs' equal priority).
 */
function discoveryOrder(a: AnyKind, b: AnyKind): number {
  return (
    groupPriority(b.group) - groupPriority(a.group) ||
    (a.group < b.group ? -1 : a.group > b.group ? 1 : 0) ||
    (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0)
  );
}

/** Thrown when a descriptor clashes with one already registered: a programming error, not input. */
export class KindConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KindConflictError";
  }
}

/** The group of an apiVersion: "" for the core group's `v1`. */
const groupOfApiVersion = (apiVersion: string): string => {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
};

export class KindRegistry {
  private readonly own: AnyKind[] = [];
  /** By key: the kind's name, or `Kind.group` for a name another group's kind had first. */
  private readonly byKind = new Map<string, AnyKind>();
  /** The keys of this registry's kinds that are not their names (`Gateway.gateway.networking.k8s.io`). */
  private readonly qualified = new Map<AnyKind, string>();
  /** This registry's kinds by name, where a name has more than one (each group's). */
  private readonly byName = new Map<string, AnyKind[]>();
  /** Resource words (plural, singular, short names, `plural.group`, …) → descriptors, in discovery order. */
  private readonly byResource = new Map<string, AnyKind[]>();
  private readonly byLanguageWord = new Map<string, AnyKind>();
  private frozen = false;
  /** Registrations and unregistrations here so far (`generation`). */
  private changes = 0;
  /** Some kind name here or in the base has kinds of two groups (set once, never cleared). */
  private sharing = false;

  constructor(private readonly base?: KindRegistry) {
    this.sharing = base?.sharing ?? false;
  }

  /** `sharing`, or the base's since this registry was made (a run's registry registering after `extend()`). */
  private shares(): boolean {
    return this.sharing || (this.base !== undefined && this.base.shares());
  }

  /** A registry for one cluster: everything here, plus what the cluster registers. */
  extend(): KindRegistry {
    return new KindRegistry(this);
  }

  /** No more registrations (the built-in base is frozen). */
  freeze(): this {
    this.frozen = true;
    return this;
  }

  /**
   * Add a kind. Its group and kind name, its resource words within its group and its language
   * words must all be new; a kind name another group has is taken only by a kind stored as
   * written, and the new kind's key is then `Kind.group`. `key` keeps the key of a
   * kind it replaces (an add-on's CRD taking over the kind assumed without it), whose objects
   * are stored under it.
   */
  register<O extends KubeObject, S extends ObjectSummary>(d: KindDescriptor<O, S>, key?: string): this {
    if (this.frozen) throw new KindConflictError(`cannot register ${d.kind}: this kind registry is frozen`);
    const named = this.named(d.kind);
    // A simulated kind never shares its name: its objects are routed by the name alone. A kind
    // stored as written may take a simulated kind's name (Knative's serving.knative.dev
    // Service beside core's), which, registered first, keeps the name as its key.
    if (named.some((o) => o.group === d.group) || (named.length > 0 && d.simulated))
      throw new KindConflictError(`kind ${d.kind} is already registered`);
    const words = resourceWords(d);
    for (const w of words) {
      // The same word in two groups is kubectl's to resolve by discovery order (`resource`).
      const other = this.candidates(w).find((o) => o.group === d.group);
      if (other)
        throw new KindConflictError(`${d.kind}: the resource word "${w}" already names ${other.kind}`);
    }
    for (const w of d.language?.words ?? []) {
      const other = this.languageWord(w);
      if (other)
        throw new KindConflictError(`${d.kind}: the language word "${w}" already names ${other.kind}`);
    }
    if (key !== undefined && this.get(key)) throw new KindConflictError(`kind ${key} is already registered`);
    const k = key ?? (this.get(d.kind) ? `${d.kind}.${d.group}` : d.kind);
    this.own.push(d);
    this.changes++;
    this.byKind.set(k, d);
    if (k !== d.kind) this.qualified.set(d, k);
    if (named.length > 0) {
      this.byName.set(d.kind, [...named, d]);
      this.sharing = true;
    }
    for (const w of words)
      this.byResource.set(w, [...(this.byResource.get(w) ?? []), d].sort(discoveryOrder));
    for (const w of d.language?.words ?? []) this.byLanguageWord.set(w, d);
    return this;
  }

  /**
   * Take back a kind this registry registered (a deleted CustomResourceDefinition's), by its
   * key; the base's kinds stay. Returns whether it was here to take back.
   */
  unregister(key: string): boolean {
    if (this.frozen) throw new KindConflictError(`cannot unregister ${key}: this kind registry is frozen`);
    const d = this.byKind.get(key);
    if (!d) return false;
    this.own.splice(this.own.indexOf(d), 1);
    this.changes++;
    this.byKind.delete(key);
    this.qualified.delete(d);
    const named = this.byName.get(d.kind)?.filter((o) => o !== d);
    // Kept while one is left: it may hold a `Kind.group` key, which `get(d.kind)` does not find.
    if (named !== undefined) {
      if (named.length > 0) this.byName.set(d.kind, named);
      else this.byName.delete(d.kind);
    }
    for (const w of resourceWords(d)) {
      const left = this.byResource.get(w)?.filter((o) => o !== d) ?? [];
      if (left.length > 0) this.byResource.set(w, left);
      else this.byResource.delete(w);
    }
    for (const w of d.language?.words ?? [])
      if (this.byLanguageWord.get(w) === d) this.byLanguageWord.delete(w);
    return true;
  }

  /**
   * A number that changes whenever a kind is registered or taken back here or in the base: what
   * a reader of `all()` keeps its own derived list by (the quota controller's tracked kinds).
   */
  get generation(): number {
    return this.changes + (this.base?.generation ?? 0);
  }

  /** Every kind, the base's first, each in the order registered. */
  all(): readonly AnyKind[] {
    return this.base ? [...this.base.all(), ...this.own] : this.own;
  }

  /** A kind by its key: its name (`Deployment`), or `Kind.group` where its name is shared. */
  get(key: string): AnyKind | undefined {
    return this.byKind.get(key) ?? this.base?.get(key);
  }

  /** The descriptor of a kind the caller knows is registered (its absence is a bug, not input). */
  of(key: string): AnyKind {
    const d = this.get(key);
    if (!d) throw new Error(`kind ${key} is not registered`);
    return d;
  }

  /** The key the store and kubectl look a kind's objects up by (`get(key(d)) === d`). */
  key(d: AnyKind): string {
    return this.qualified.get(d) ?? this.base?.key(d) ?? d.kind;
  }

  /**
   * The key of an object's kind: its `kind`, unless another group's kind has that name too,
   * then the key of its apiVersion's group's kind. Cheap while no kind name is shared (what
   * every write of the store asks).
   */
  keyOf(o: { readonly apiVersion?: string; readonly kind: string }): string {
    return this.shares() ? this.keyFor(o.apiVersion, o.kind) : o.kind;
  }

  /** `keyOf` of an apiVersion and a kind named apart (an owner reference's). */
  keyFor(apiVersion: string | undefined, kind: string): string {
    if (!this.shares()) return kind;
    const named = this.named(kind);
    if (named.length === 0) return kind;
    const group = groupOfApiVersion(apiVersion ?? "");
    const d = named.find((k) => k.group === group);
    return d ? this.key(d) : kind;
  }

  /** The descriptor of an object's kind, told apart by its group where the name is shared. */
  forObject(o: { readonly apiVersion?: string; readonly kind: string }): AnyKind | undefined {
    return this.get(this.keyOf(o));
  }

  /** The descriptor of an object the caller knows is of a registered kind. */
  ofObject(o: { readonly apiVersion?: string; readonly kind: string }): AnyKind {
    return this.of(this.keyOf(o));
  }

  /** The registered kind of a group and name (`networking.istio.io`, `Gateway`). */
  lookup(group: string, kind: string): AnyKind | undefined {
    return this.named(kind).find((d) => d.group === group);
  }

  /** Every registered kind of this name, one per group (most names have one, or none). */
  named(kind: string): readonly AnyKind[] {
    const shared = this.byName.get(kind);
    if (shared !== undefined) return shared;
    const base = this.base?.named(kind) ?? [];
    const here = this.byKind.get(kind);
    if (here === undefined || here.kind !== kind) return base;
    return base.length === 0 ? [here] : [...base, here];
  }

  /** The kind when this apiVersion of it is served: RESTMapper's KindFor. */
  served(apiVersion: string, kind: string): AnyKind | undefined {
    const d = this.get(kind);
    if (d && servesVersion(d, apiVersion)) return d;
    if (!this.shares()) return undefined;
    return this.named(kind).find((k) => servesVersion(k, apiVersion));
  }

  /**
   * A TYPE word as kubectl resolves it, case-insensitively: `deploy`, `deployment`,
   * `deployments`, `Deployment`, `deployments.apps`, `deployment.v1.apps`. A word two groups'
   * resources answer to is the first group's in discovery order (meta/priority.go
   * PriorityRESTMapper; a short name, cli-runtime's restmapper shortcut.go
   * expandResourceShortcut, takes the first resource in discovery order too): `gateway` and
   * `gateways` are the Gateway API's; `gateways.networking.istio.io`, `gw` (Istio's short
   * name) and `gtw` (the Gateway API's) name one kind each. A word that is some resource's
   * plural or singular is not taken as another's short name (expandResourceShortcut returns a
   * full resource name unexpanded, for the RESTMapper to resolve).
   */
  resource(word: string): AnyKind | undefined {
    const w = word.toLowerCase();
    const found = this.candidates(w);
    if (found.length < 2) return found[0];
    const dot = w.indexOf(".");
    const name = dot < 0 ? w : w.slice(0, dot);
    return found.find((d) => d.plural === name || d.singular === name) ?? found[0];
  }

  /** The kinds a lower-case resource word names, in discovery order. */
  private candidates(w: string): readonly AnyKind[] {
    const here = this.byResource.get(w);
    const base = this.base?.candidates(w) ?? [];
    if (here === undefined) return base;
    return base.length === 0 ? here : [...base, ...here].sort(discoveryOrder);
  }

  /**
   * A kind word of the scenario language (`deployment`, `hpa`, `rs`, `pod`, `svc`…), in any
   * case; an API group after the first dot does not change the kind (`deployment.apps`).
   */
  languageWord(word: string): AnyKind | undefined {
    // The text before the first dot, without split's array (a check reads a word per target).
    const dot = word.indexOf(".");
    const w = (dot < 0 ? word : word.slice(0, dot)).toLowerCase();
    return this.byLanguageWord.get(w) ?? this.base?.languageWord(w);
  }

  /** Every language word, in registration order (for did-you-mean hints). */
  languageWords(): string[] {
    return this.all().flatMap((d) => [...(d.language?.words ?? [])]);
  }

  /** The kinds of a discovery category (`all`), in discovery order, as kubectl expands it. */
  category(name: string): AnyKind[] {
    return this.all()
      .filter((d) => d.categories.includes(name))
      .sort(discoveryOrder);
  }

  /** "Deployment (apps/v1), …": every kind with its served versions, for hints. */
  servedText(): string {
    return this.all()
      .map((d) => `${d.kind} (${d.versions.map((v) => (d.group ? `${d.group}/${v}` : v)).join(", ")})`)
      .join(", ");
  }
}

/**
 * Whether a manifest names another group's kind of a registered kind's name (Knative's
 * `serving.knative.dev/v1` Service against core's), where no cluster's registry can tell (a
 * scenario's manifests read before its CRDs are applied): its group has a dot, as a CRD's
 * must (apiextensions-apiserver validation.go ValidateCustomResourceDefinitionSpec: "should be
 * a domain with at least one dot"), is not under k8s.io, Kubernetes' own, and is not the
 * kind's. A built-in kind in one of its older groups (`extensions/v1beta1` Deployment) is not.
 */
export function isOtherGroupsKind(
  kinds: KindRegistry,
  o: { readonly apiVersion?: string; readonly kind: string },
): boolean {
  const d = kinds.get(o.kind);
  if (d === undefined) return false;
  const group = groupOfApiVersion(o.apiVersion ?? "");
  return group !== d.group && group.includes(".") && !group.endsWith(".k8s.io");
}

const servesVersion = (d: AnyKind, apiVersion: string): boolean =>
  d.versions.some((v) => (d.group ? `${d.group}/${v}` : v) === apiVersion);

/**
 * Every word kubectl accepts for the resource (lower case). A short name takes the group too:
 * kubectl's shortcutExpander keeps the group of `hpa.autoscaling` and `hpa.v2.autoscaling`
 * (cli-runtime's restmapper shortcut.go, expandResourceShortcut, matches ShortForm.Group).
 */
function resourceWords(d: AnyKind): string[] {
  const kind = d.kind.toLowerCase();
  const words = [d.plural, d.singular, ...d.shortNames, kind];
  if (d.group)
    for (const n of [d.plural, d.singular, kind, ...d.shortNames])
      words.push(`${n}.${d.group}`, ...d.versions.map((v) => `${n}.${v}.${d.group}`));
  return [...new Set(words)];
}

/**
 * kubectl's RESTMapper error (meta.NoKindMatchError) for a kind/version the cluster does not
 * serve: `no matches for kind "Deployment" in version "extensions/v1beta1"`.
 */
export function noMatchesMessage(kind: string, apiVersion: string): string {
  return `no matches for kind ${JSON.stringify(kind)} in version ${JSON.stringify(apiVersion)}`;
}
