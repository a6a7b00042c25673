/**
 * A StatefulSet's decisions in words (src/engine/controllers/statefulset/index.ts records
 * them): each pod created or deleted with its ordinal and revision and why, the revisions made
 * or renumbered, and the syncs that stopped at a pod — OrderedReady's "waiting for Pod web-1
 * to be Running and Ready" (stateful_set_control.go processReplica / processCondemned), the
 * rolling update's "to update" — folded into a line per pod and reason.
 */
import type { Decision, Trace } from "../engine/trace.ts";
import type { Explained } from "./explain.ts";
import { plural } from "./words.ts";

export function statefulSetDecisions(trace: Trace, name: string): Decision[] {
  const object = `StatefulSet/${name}`;
  return trace.decisions.filter((d) => d.controller === "statefulset" && d.object === object);
}

const str = (v: unknown): string => String(v ?? "");

/** The lines of one decision: what was done, and the rule that made it. */
function lines(d: Decision): string[] {
  const i = d.inputs;
  switch (d.action) {
    case "create-pod":
      return [
        `created Pod ${str(i.pod)} (ordinal ${str(i.ordinal)}) at revision ${str(i.revision)}`,
        i.podManagementPolicy === "Parallel"
          ? `Parallel: every missing ordinal below ${str(i.replicas)} is created in one sync`
          : `OrderedReady: every lower ordinal is Running and Ready; one pod per sync`,
      ];
    case "delete-pod":
      return [
        `deleted Pod ${str(i.pod)} (ordinal ${str(i.ordinal)}, revision ${str(i.revision)})`,
        i.why === "update"
          ? "rolling update: the highest ordinal not at the update revision goes first; it comes back at the update revision"
          : i.why === "scale-down"
            ? "scale down: the highest ordinal outside the replicas goes first"
            : "the pod failed: it is deleted and created again",
      ];
    case "wait":
      return [d.summary];
    default:
      return [d.summary];
  }
}

export function statefulSetExplained(d: Decision & { count?: number }): Explained {
  const e: Explained = {
    t: d.t,
    count: d.count,
    step: () => ({
      kind: "step",
      t: d.t,
      action: d.action,
      title: d.count !== undefined && d.count > 1 ? `${d.summary} (${plural(d.count, "sync")})` : d.summary,
      lines: lines(d),
      numbers: d.inputs,
    }),
  };
  if (d.action === "wait") {
    const because = d.summary;
    e.quiet = {
      key: `wait:${str(d.inputs.pod)}:${str(d.inputs.reason)}`,
      because: () => because,
      ratios: [],
      recomputed: [],
    };
  }
  return e;
}
