/**
 * Label selectors: matching (k8s.io/apimachinery/pkg/labels/selector.go) and printing as
 * kubectl prints them (metav1.FormatLabelSelector).
 */
import type { LabelSelector, LabelSelectorRequirement } from "./types.ts";

export type Labels = Record<string, string>;

/** One requirement of a selector, after matchLabels are folded in as `key=value`. */
interface Requirement {
  key: string;
  operator: "=" | "In" | "NotIn" | "Exists" | "DoesNotExist";
  values: string[];
}

/**
 * LabelSelectorAsSelector: matchLabels become Equals requirements, matchExpressions map one to
 * one, and the list is sorted by key (selector.go sorts with ByKey).
 */
/**
 * Requirements kept per selector object: a stored object's selector is never changed in place,
 * and the controllers and the load model match the same selector against every pod, again and
 * again.
 */
const parsedSelectors = new WeakMap<LabelSelector, readonly Requirement[]>();

function requirementsOf(selector: LabelSelector): readonly Requirement[] {
  let reqs = parsedSelectors.get(selector);
  if (!reqs) parsedSelectors.set(selector, (reqs = parseRequirements(selector)));
  return reqs;
}

function parseRequirements(selector: LabelSelector): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    reqs.push({ key, operator: "=", values: [value] });
  }
  for (const e of selector.matchExpressions ?? []) {
    reqs.push({ key: e.key, operator: e.operator, values: [...(e.values ?? [])] });
  }
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.hasOwn(labels, r.key);
  switch (r.operator) {
    case "=":
    case "In":
      return has && r.values.includes(labels[r.key]);
    case "NotIn":
      return !has || !r.values.includes(labels[r.key]);
    case "Exists":
      return has;
    case "DoesNotExist":
      return !has;
  }
}

/**
 * Does the selector select these labels? Kubernetes' conventions:
 * - a missing (nil) selector selects nothing (labels.Nothing());
 * - an empty selector `{}` selects everything (labels.Everything());
 * - NotIn and DoesNotExist match objects that lack the key.
 */
export function labelsMatch(selector: LabelSelector | undefined | null, labels: Labels | undefined): boolean {
  if (selector === undefined || selector === null) return false;
  const set = labels ?? {};
  return requirementsOf(selector).every((r) => requirementMatches(r, set));
}

/**
 * labelsMatch with the selector's requirements looked up once, for a caller that matches one
 * selector against many label sets (a ReplicaSet's sync over its pods).
 */
export function selectorMatcher(
  selector: LabelSelector | undefined | null,
): (labels: Labels | undefined) => boolean {
  if (selector === undefined || selector === null) return () => false;
  const reqs = requirementsOf(selector);
  return (labels) => {
    const set = labels ?? {};
    for (const r of reqs) if (!requirementMatches(r, set)) return false;
    return true;
  };
}

/** SelectorFromSet as a LabelSelector: every pair must be equal. */
export function selectorFromSet(set: Labels): LabelSelector {
  return { matchLabels: { ...set } };
}

/** True for `{}` (no matchLabels, no matchExpressions): selects every object. */
export function isEmptySelector(selector: LabelSelector | undefined | null): boolean {
  if (selector === undefined || selector === null) return false;
  return Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0;
}

const operatorWord: Record<Requirement["operator"], string> = {
  "=": "=",
  In: " in ",
  NotIn: " notin ",
  Exists: "",
  DoesNotExist: "",
};

function requirementString(r: Requirement): string {
  if (r.operator === "Exists") return r.key;
  if (r.operator === "DoesNotExist") return `!${r.key}`;
  if (r.operator === "=") return `${r.key}=${r.values[0]}`;
  const values = [...r.values].sort();
  return `${r.key}${operatorWord[r.operator]}(${values.join(",")})`;
}

/**
 * FormatLabelSelector as `kubectl describe` shows it: requirements sorted by key, joined by
 * ",", `in`/`notin` values sorted; an empty selector prints "<none>".
 * Example: { matchLabels: {app: "nginx"}, matchExpressions: [{key: "tier", operator: "In",
 * values: ["web"]}] } → "app=nginx,tier in (web)".
 */
export function selectorToString(selector: LabelSelector | undefined | null): string {
  if (selector === undefined || selector === null) return "<none>";
  const s = requirementsOf(selector).map(requirementString).join(",");
  return s.length === 0 ? "<none>" : s;
}

/** labels.Set.String(): sorted `k=v` pairs joined by ",". Used for `kubectl get --show-labels`. */
export function labelsToString(labels: Labels | undefined): string {
  return Object.keys(labels ?? {})
    .sort()
    .map((k) => `${k}=${(labels ?? {})[k]}`)
    .join(",");
}

export type { LabelSelectorRequirement };
