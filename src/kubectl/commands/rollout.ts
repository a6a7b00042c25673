/**
 * `kubectl rollout status|history|undo|pause|resume|restart deployment/NAME`, following
 * kubectl/pkg/polymorphichelpers (rollout_status.go, history.go, rollback.go,
 * objectpauser.go, objectresumer.go, objectrestarter.go) and docs/kubernetes/deploy-semantics.md §8–§11.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { templateEqualIgnoringHash } from "../../k8s/hash.ts";
import { toRFC3339 } from "../../k8s/time.ts";
import type { Deployment, PodTemplateSpec, ReplicaSet } from "../../k8s/types.ts";
import * as msg from "../messages.ts";
import type { ParsedCommand } from "../command.ts";
import { replicaSetsOf } from "../../k8s/kinds/deployment/describe.ts";
import { describePodTemplate } from "../../k8s/printing/describe.ts";
import type { Writer } from "../../k8s/printing/describeWriter.ts";
import { CHANGE_CAUSE_ANNOTATION } from "../record.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import { historyTable } from "../../engine/controllers/deployment/history.ts";
import { rolloutStatusMessage } from "../../engine/controllers/deployment/status.ts";
import { lookupTarget, writeBack } from "./common.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, selectorFlag, type FlagSpec } from "../flags.ts";
import { oneTargetOnly } from "./common.ts";

export const REVISION_ANNOTATION = "deployment.kubernetes.io/revision";
export const RESTARTED_AT_ANNOTATION = "kubectl.kubernetes.io/restartedAt";

/** Annotations a rollback keeps from the Deployment rather than taking from the ReplicaSet (rollback.go annotationsToSkip). */
export const ROLLBACK_SKIPPED_ANNOTATIONS = [
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION_ANNOTATION,
  "deployment.kubernetes.io/revision-history",
  "deployment.kubernetes.io/desired-replicas",
  "deployment.kubernetes.io/max-replicas",
  "deprecated.deployment.rollback.to",
];

/** deploymentutil.Revision: the RS's revision annotation; missing reads as 0, unparseable as undefined. */
export function revisionOf(rs: ReplicaSet): number | undefined {
  const v = rs.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

/** History of a Deployment: revision → the RS's pod template with its change-cause (history.go ViewHistory). */
export function historyOf(d: Deployment, all: readonly ReplicaSet[]): Map<number, PodTemplateSpec> {
  const out = new Map<number, PodTemplateSpec>();
  for (const rs of replicaSetsOf(d, all)) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    const t = structuredClone(rs.spec.template);
    const cause = rs.metadata.annotations?.[CHANGE_CAUSE_ANNOTATION];
    if (cause)
      t.metadata = {
        ...t.metadata,
        annotations: { ...(t.metadata.annotations ?? {}), [CHANGE_CAUSE_ANNOTATION]: cause },
      };
    out.set(v, t);
  }
  return out;
}

export function runRollout(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const found = lookupTarget<Deployment>(cmd, cluster);
  if ("error" in found) return found.error;
  const d = found.object;
  const name = d.metadata.name;
  const ref = `deployment.apps/${name}`;
  switch (cmd.sub) {
    case "status": {
      // In a scenario the status is reported at that instant, not watched until done.
      const st = rolloutStatusMessage(d, (cmd.flags.revision as number | undefined) ?? 0);
      return st.error !== undefined ? fail(`error: ${st.error}`, true) : ok(st.message, true);
    }
    case "history": {
      const history = historyOf(d, cluster.api.list("ReplicaSet"));
      const rev = cmd.flags.revision as number | undefined;
      if (rev !== undefined && rev > 0) {
        const t = history.get(rev);
        if (!t) return fail(msg.historyRevisionNotFound(), true);
        return ok(`${ref} with revision #${rev}\n${rawPrefixText(t)}\n`, true);
      }
      const text = historyTable(replicaSetsOf(d, cluster.api.list("ReplicaSet")));
      return ok(`${ref}\n${text}\n`, true);
    }
    case "undo":
      return undo(cmd, cluster, d);
    case "pause":
      if (d.spec.paused) return ok(`${ref} already paused\n`);
      d.spec.paused = true;
      return writeBack(cluster, d, `${ref} paused`);
    case "resume":
      if (!d.spec.paused) return ok(`${ref} already resumed\n`);
      d.spec.paused = false;
      return writeBack(cluster, d, `${ref} resumed`);
    case "restart": {
      if (d.spec.paused) return fail(msg.cannotRestartPaused("deployments.apps", name));
      d.spec.template.metadata = {
        ...d.spec.template.metadata,
        annotations: {
          ...(d.spec.template.metadata.annotations ?? {}),
          [RESTARTED_AT_ANNOTATION]: toRFC3339(cluster.now),
        },
      };
      return writeBack(cluster, d, `${ref} restarted`);
    }
    default:
      return fail(msg.notSupported(`"kubectl rollout ${cmd.sub}"`));
  }
}

/** DescribePodTemplate written without alignment (history.go printTemplate keeps raw tabs). */
function rawPrefixText(t: PodTemplateSpec): string {
  const w = new RawPrefixWriter();
  describePodTemplate(w, t);
  return w.text;
}

class RawPrefixWriter implements Writer {
  text = "";
  write(level: number, s: string): void {
    this.text += "  ".repeat(level) + s;
  }
  flush(): void {}
}

/**
 * rollback.go DeploymentRollbacker.Rollback (docs/kubernetes/deploy-semantics.md §8.2): pick the RS (the
 * revision asked for, or the second-highest), refuse while paused, skip when the template
 * already matches, else replace the template (without pod-template-hash) and the annotations
 * (the RS's, minus the skip list, plus the Deployment's own values for the skip list).
 */
function undo(cmd: ParsedCommand, cluster: Cluster, d: Deployment): KubectlResult {
  const name = d.metadata.name;
  const toRevision = (cmd.flags["to-revision"] as number | undefined) ?? 0;
  let target: ReplicaSet | undefined;
  let max = -1;
  let prev = -1;
  let latest: ReplicaSet | undefined;
  for (const rs of replicaSetsOf(d, cluster.api.list("ReplicaSet"))) {
    const v = revisionOf(rs);
    if (v === undefined) continue;
    if (toRevision === 0) {
      if (max < v) {
        prev = max;
        target = latest;
        max = v;
        latest = rs;
      } else if (prev < v) {
        prev = v;
        target = rs;
      }
    } else if (v === toRevision) {
      target = rs;
      break;
    }
  }
  if (toRevision > 0 && !target) return fail(msg.revisionNotFound(toRevision));
  if (!target) return fail(msg.noRolloutHistory(name));
  if (d.spec.paused) return fail(msg.rollbackPaused());
  if (templateEqualIgnoringHash(target.spec.template, d.spec.template))
    return ok(msg.skippedRollback("deployment.apps", name, toRevision) + "\n");
  const template = structuredClone(target.spec.template);
  const labels = { ...(template.metadata.labels ?? {}) };
  delete labels["pod-template-hash"];
  template.metadata = { ...template.metadata, labels };
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {}))
    if (!ROLLBACK_SKIPPED_ANNOTATIONS.includes(k)) annotations[k] = v;
  for (const k of ROLLBACK_SKIPPED_ANNOTATIONS) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  d.spec.template = template;
  d.metadata.annotations = annotations;
  if (cmd.flags["dry-run"] === "client" || cmd.flags["dry-run"] === "server")
    return { ...ok(`deployment.apps/${name} rolled back (dry run)\n`), readOnly: true };
  return writeBack(cluster, d, `deployment.apps/${name} rolled back`);
}

/** The rollout subcommands work on Deployments here (rollout.go also takes DaemonSets and StatefulSets). */
const rolloutArgs: KubectlCommand["args"] = (cmd, pos, ctx) =>
  oneTargetOnly(cmd, pos, ctx, (kind) => kind.kind === "Deployment");

const rollout = (sub: string, flags: FlagSpec[], readOnly: boolean): KubectlCommand => ({
  verb: "rollout",
  sub,
  flags,
  readOnly,
  args: rolloutArgs,
  run: (cmd, cluster) => runRollout(cmd, cluster),
});

export const rolloutCommands: readonly KubectlCommand[] = [
  rollout(
    "status",
    [
      flag("revision", "int"),
      flag("watch", "bool", "w"),
      flag("timeout", "string"),
      filenameFlag,
      selectorFlag,
    ],
    true,
  ),
  rollout("history", [flag("revision", "int"), outputFlag, filenameFlag, selectorFlag], true),
  rollout("undo", [flag("to-revision", "int"), dryRunFlag, outputFlag, filenameFlag, selectorFlag], false),
  rollout("pause", [outputFlag, filenameFlag, selectorFlag], false),
  rollout("resume", [outputFlag, filenameFlag, selectorFlag], false),
  rollout("restart", [outputFlag, filenameFlag, selectorFlag], false),
];
