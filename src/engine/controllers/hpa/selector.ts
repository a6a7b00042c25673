/**
 * Label selectors as the HPA uses them: the scale subresource's `status.selector` string
 * (metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key, `k=v`,
 * `k in (a,b)`, `k notin (a,b)`, `k`, `!k`), and its validity (labels.Parse); matching is src/k8s/labels.ts's.
 *
 * Example: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In",
 * values: ["a", "b"] }] } → "app=web,tier in (a,b)".
 */
import { selectorToString } from "../../../k8s/labels.ts";
import type { LabelSelector, LabelSelectorRequirement } from "../../../k8s/types.ts";

interface Requirement {
  key: string;
  op: LabelSelectorRequirement["operator"] | "=";
  values: string[];
}

function requirements(sel: LabelSelector): Requirement[] {
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, op: "=", values: [v] });
  for (const e of sel.matchExpressions ?? [])
    reqs.push({ key: e.key, op: e.operator, values: [...(e.values ?? [])].sort() });
  return reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The selector string the scale subresource reports ("" for an empty selector). */
export function selectorString(sel: LabelSelector | undefined): string {
  const s = selectorToString(sel);
  return s === "<none>" ? "" : s;
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/**
 * Why labels.Parse would reject the selector, or undefined when it is valid.
 * Example: a key "cheddar cheese" reads as key "cheddar" followed by "cheese" where an
 * operator should be.
 */
export function selectorParseError(sel: LabelSelector): string | undefined {
  for (const r of requirements(sel)) {
    const words = r.key.trim().split(/\s+/);
    if (words.length > 1)
      return `unable to parse requirement: found '${words[1]}', expected: in, notin, =, ==, !=, gt, lt`;
    const slash = r.key.lastIndexOf("/");
    const name = slash >= 0 ? r.key.slice(slash + 1) : r.key;
    const prefix = slash >= 0 ? r.key.slice(0, slash) : undefined;
    if (!NAME.test(name) || name.length > 63 || (prefix !== undefined && !PREFIX.test(prefix)))
      return (
        `unable to parse requirement: key: Invalid value: "${r.key}": name part must consist of alphanumeric ` +
        `characters, '-', '_' or '.', and must start and end with an alphanumeric character`
      );
    for (const v of r.values)
      if (v !== "" && (!NAME.test(v) || v.length > 63))
        return (
          `unable to parse requirement: values[0][${r.key}]: Invalid value: "${v}": a valid label must be an empty ` +
          `string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`
        );
  }
  return undefined;
}
