/**
 * Label selectors as the scale subresource and the metrics pipeline use them: the scale's
 * `status.selector` string (metav1.LabelSelectorAsSelector(...).String(): requirements sorted
 * by key, `k=v`, `k in (a,b)`, `k notin (a,b)`, `k`, `!k`). The HPA parses that string back
 * with src/k8s/labelSelectorParse.ts (labels.Parse); pods are matched by src/k8s/labels.ts.
 *
 * Example: { matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In",
 * values: ["a", "b"] }] } → "app=web,tier in (a,b)".
 */
import { selectorToString } from "../../../k8s/labels.ts";
import type { LabelSelector } from "../../../k8s/types.ts";

/**
 * The string of each selector object: the HPA reads its target's scale at every sync, and a
 * stored object (its selector with it) is never changed in place; an update that keeps the
 * spec shares the selector object.
 */
const strings = new WeakMap<LabelSelector, string>();

/** The selector string the scale subresource reports ("" for an empty selector). */
export function selectorString(sel: LabelSelector | undefined): string {
  let text = sel === undefined ? undefined : strings.get(sel);
  if (text === undefined) {
    const s = selectorToString(sel);
    text = s === "<none>" ? "" : s;
    if (sel !== undefined && sel !== null && typeof sel === "object") strings.set(sel, text);
  }
  return text;
}
