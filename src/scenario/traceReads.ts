/**
 * Which series of the trace a run's own output reads, for a run nothing else reads (a plain
 * `replicast run`, or `--json`, without a chart): the series it does not read need not be
 * recorded. Pods' and ReplicaSets' are most of a trace's work — every write of every pod, and a
 * ReplicaSet's summary taken again each time one of its pods starts or stops terminating (the
 * ×10 bench day: 87,000 pod points, 24,000 ReplicaSet points) — and the output reads them only
 * for a few statements:
 *
 * - the report prints the run's output, events and expectations; `--json` those and the
 *   workloads' and HPAs' series (timeSeries.ts: Deployments, StatefulSets, the load);
 * - an expectation reads its target's series (quantities.ts), the HPAs' and the Deployment's
 *   (expectations.ts: explanations of a failure, aggregates), and for `pending` the pods' and
 *   ReplicaSets' (engine/traceCounts.ts); `nodes` reads the Nodes';
 * - an explanation reads decisions, and the names in its kind's series (explain/targets.ts).
 *
 * Exact: a series is left out only when no statement of those reads it; the recorder's series
 * of a kind left out throws when read (recorder.ts), so a reader missing here fails the run
 * loudly instead of reading an empty series, and the tests run every golden scenario both ways
 * (test/scenario/traceReads.test.ts).
 */
import { ExplainKinds } from "../explain/index.ts";
import type { Plan } from "./plan.ts";

/** The series a run's output may leave unrecorded: read only by the statements below. */
const OMITTABLE = ["Pod", "ReplicaSet"] as const;

/** The kinds of OMITTABLE that nothing in `plan`'s output reads. */
export function seriesOutputLeavesUnread(plan: Plan): string[] {
  const read = new Set<string>();
  for (const e of plan.expectations) {
    if (e.target !== undefined) read.add(e.target.kind);
    // Pending pods, of the cluster or of a Deployment through its ReplicaSets (traceCounts.ts).
    if (e.quantity.kind === "pending") read.add("Pod").add("ReplicaSet");
  }
  for (const a of plan.actions)
    if (a.kind === "explain") read.add(a.target.kind).add(ExplainKinds[a.explainKind].kind);
  return OMITTABLE.filter((kind) => !read.has(kind));
}
