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

/** The selector string the scale subresource reports ("" for an empty selector). */
export function selectorString(sel: LabelSelector | undefined): string {
  const s = selectorToString(sel);
  return s === "<none>" ? "" : s;
}
