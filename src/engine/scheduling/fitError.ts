/**
 * Why a pod fits nowhere, worded as kube-scheduler words it in the FailedScheduling event and
 * the PodScheduled condition (v1.28):
 * - framework/types.go FitError.Error(): "0/N nodes are available:" then, SeparatorFormat
 *   " %v.", the reasons counted over the nodes as "COUNT REASON", sorted as strings and
 *   joined by ", "; then the PostFilter (preemption) message, again with " %v." — empty when
 *   preemption made room;
 * - plugins/defaultpreemption/default_preemption.go PostFilter prefixes "preemption: " to its
 *   message, often a FitError of its own (so the whole ends in ".."): nodes failed as
 *   UnschedulableAndUnresolvable are "Preemption is not helpful for scheduling"
 *   (preemption.go nodesWherePreemptionMightHelp), nodes without a pod of lower priority "No
 *   preemption victims found for incoming pod" (preemption.ts);
 * - schedule_one.go: with no node at all, ErrNoNodesAvailable "no nodes available to schedule pods".
 *
 * Example, three full nodes:
 *   0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod..
 */
import type { FilterStatus } from "./filters.ts";

export const ErrNoNodesAvailable = "no nodes available to schedule pods";
export const PreemptionNotHelpful = "Preemption is not helpful for scheduling";
export const NoPreemptionVictims = "No preemption victims found for incoming pod";

/** "0/N nodes are available: R1, R2." over each node's reasons. */
export function fitErrorText(numAllNodes: number, statuses: readonly FilterStatus[]): string {
  const counts = new Map<string, number>();
  for (const s of statuses) for (const r of s.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  const histogram = [...counts]
    .map(([reason, n]) => `${n} ${reason}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let msg = `0/${numAllNodes} nodes are available:`;
  if (histogram.length) msg += ` ${histogram.join(", ")}.`;
  return msg;
}
