/**
 * labels.Selector as the scheduler's plugins hold it (k8s.io/apimachinery/pkg/labels): a
 * LabelSelector's requirements ANDed, or labels.Nothing() — `null` here — which is what
 * metav1.LabelSelectorAsSelector makes of a missing selector. Empty() is a selector with no
 * requirement (it matches everything; a missing one is not empty).
 */
import { isEmptySelector, labelsMatch } from "../../k8s/labels.ts";
import type { LabelSelector } from "../../k8s/types.ts";

export type Selector = LabelSelector | null;

export const selectorMatches = (s: Selector, labels: Record<string, string> | undefined): boolean =>
  labelsMatch(s, labels);

export const selectorEmpty = (s: Selector): boolean => isEmptySelector(s);

/**
 * mergeLabelSetWithSelector (podtopologyspread/common.go): the set's pairs as requirements
 * added to the selector's; Nothing stays Nothing (it has no requirements to add to).
 * Example: {pod-template-hash: 5d8f} with app=web → app=web,pod-template-hash=5d8f.
 */
export function mergeLabelSet(set: Record<string, string>, s: Selector): Selector {
  if (s === null) return null;
  const fromSet = Object.entries(set).map(([key, value]) => ({
    key,
    operator: "In" as const,
    values: [value],
  }));
  const matchExpressions = [...fromSet, ...(s.matchExpressions ?? [])];
  return {
    ...(s.matchLabels ? { matchLabels: { ...s.matchLabels } } : {}),
    ...(matchExpressions.length ? { matchExpressions } : {}),
  };
}
