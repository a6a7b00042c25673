/**
 * Why a pod fits nowhere, worded as kube-scheduler words it in the FailedScheduling event and
 * the PodScheduled condition (v1.28):
 * - framework/types.go FitError.Error(): "0/N nodes are available:" then, SeparatorFormat
 *   " %v.", the reasons counted over the nodes as "COUNT REASON", sorted as strings and
 *   joined by ", "; then the PostFilter (preemption) message, again with " %v.";
 * - plugins/defaultpreemption/default_preemption.go PostFilter prefixes "preemption: " to a
 *   FitError of its own (so the message ends in ".."): nodes failed as
 *   UnschedulableAndUnresolvable are "Preemption is not helpful for scheduling"
 *   (preemption.go nodesWherePreemptionMightHelp), the others "No preemption victims found
 *   for incoming pod" (SelectVictimsOnNode: no pod of lower priority; every simulated pod has
 *   priority 0).
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

/** The whole FailedScheduling message: the filters' FitError and DefaultPreemption's own. */
export function unschedulableMessage(statuses: readonly FilterStatus[]): string {
  if (statuses.length === 0) return ErrNoNodesAvailable;
  const preemption = statuses.map((s): FilterStatus =>
    s.code === "UnschedulableAndUnresolvable"
      ? { code: s.code, reasons: [PreemptionNotHelpful] }
      : { code: "UnschedulableAndUnresolvable", reasons: [NoPreemptionVictims] },
  );
  return `${fitErrorText(statuses.length, statuses)} preemption: ${fitErrorText(statuses.length, preemption)}.`;
}
