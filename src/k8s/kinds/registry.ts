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

/** Discovery order: groups by priority (then name), resources by plural within a group. */
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

export class KindRegistry {
  private readonly own: AnyKind[] = [];
  private readonly byKind = new Map<string, AnyKind>();
  /** Resource words (plural, singular, short names, `plural.group`, …) → descriptor. */
  private readonly byResource = new Map<string, AnyKind>();
  private readonly byLanguageWord = new Map<string, AnyKind>();
  private frozen = false;

  constructor(private readonly base?: KindRegistry) {}

  /** A registry for one cluster: everything here, plus what the cluster registers. */
  extend(): KindRegistry {
    return new KindRegistry(this);
  }

  /** No more registrations (the built-in base is frozen). */
  freeze(): this {
    this.frozen = true;
    return this;
  }

  /** Add a kind. Its kind name, resource words and language words must all be new. */
  register<O extends KubeObject, S extends ObjectSummary>(d: KindDescriptor<O, S>): this {
    if (this.frozen) throw new KindConflictError(`cannot register ${d.kind}: this kind registry is frozen`);
    if (this.get(d.kind)) throw new KindConflictError(`kind ${d.kind} is already registered`);
    for (const w of resourceWords(d)) {
      const other = this.resource(w);
      if (other)
        throw new KindConflictError(`${d.kind}: the resource word "${w}" already names ${other.kind}`);
    }
    for (const w of d.language?.words ?? []) {
      const other = this.languageWord(w);
      if (other)
        throw new KindConflictError(`${d.kind}: the language word "${w}" already names ${other.kind}`);
    }
    this.own.push(d);
    this.byKind.set(d.kind, d);
    for (const w of resourceWords(d)) this.byResource.set(w, d);
    for (const w of d.language?.words ?? []) this.byLanguageWord.set(w, d);
    return this;
  }

  /**
   * Take back a kind this registry registered (a deleted CustomResourceDefinition's); the
   * base's kinds stay. Returns whether it was here to take back.
   */
  unregister(kind: string): boolean {
    if (this.frozen) throw new KindConflictError(`cannot unregister ${kind}: this kind registry is frozen`);
    const d = this.byKind.get(kind);
    if (!d) return false;
    this.own.splice(this.own.indexOf(d), 1);
    this.byKind.delete(kind);
    for (const w of resourceWords(d)) if (this.byResource.get(w) === d) this.byResource.delete(w);
    for (const w of d.language?.words ?? [])
      if (this.byLanguageWord.get(w) === d) this.byLanguageWord.delete(w);
    return true;
  }

  /** Every kind, the base's first, each in the order registered. */
  all(): readonly AnyKind[] {
    return this.base ? [...this.base.all(), ...this.own] : this.own;
  }

  get(kind: string): AnyKind | undefined {
    return this.byKind.get(kind) ?? this.base?.get(kind);
  }

  /** The descriptor of a kind the caller knows is registered (its absence is a bug, not input). */
  of(kind: string): AnyKind {
    const d = this.get(kind);
    if (!d) throw new Error(`kind ${kind} is not registered`);
    return d;
  }

  /** The kind when this apiVersion of it is served: RESTMapper's KindFor. */
  served(apiVersion: string, kind: string): AnyKind | undefined {
    const d = this.get(kind);
    if (!d) return undefined;
    return d.versions.some((v) => (d.group ? `${d.group}/${v}` : v) === apiVersion) ? d : undefined;
  }

  /**
   * A TYPE word as kubectl resolves it, case-insensitively: `deploy`, `deployment`,
   * `deployments`, `Deployment`, `deployments.apps`, `deployment.v1.apps`.
   */
  resource(word: string): AnyKind | undefined {
    const w = word.toLowerCase();
    return this.byResource.get(w) ?? this.base?.resource(w);
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
