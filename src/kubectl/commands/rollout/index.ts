/**
 * `kubectl rollout status|history|undo|pause|resume|restart deployment/NAME` (statefulset/NAME and
 * daemonset/NAME: statefulset.ts), following
 * kubectl/pkg/polymorphichelpers (rollout_status.go, history.go, rollback.go,
 * objectpauser.go, objectresumer.go, objectrestarter.go) and docs/kubernetes/deploy-semantics.md §8–§11.
 */
import type { Cluster } from "../../../engine/cluster.ts";
import { templateEqualIgnoringHash } from "../../../k8s/hash.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import { toRFC3339 } from "../../../k8s/time.ts";
import type { Deployment, KubeObject, PodTemplateSpec, ReplicaSet } from "../../../k8s/types.ts";
import type { AnyKind } from "../../../k8s/kinds/registry.ts";
import { labelsMatch } from "../../../k8s/labels.ts";
import { parseSelector } from "../../selectorParse.ts";
import * as msg from "../../messages.ts";
import type { ParsedCommand } from "../../command.ts";
import { replicaSetsOf } from "../../../k8s/kinds/deployment/describe.ts";
import { KubectlAnnotations } from "../../../k8s/annotations.ts";
import { annotationsToSkip, revision } from "../../../k8s/kinds/deployment/annotations.ts";
import { POD_TEMPLATE_HASH_LABEL } from "../../../k8s/hash.ts";
import { fail, ok } from "../../result.ts";
import type { KubectlResult } from "../../result.ts";
import { historyTable, rawPrefixText } from "./history.ts";
import { runDaemonSetRollout, runStatefulSetRollout } from "./statefulset.ts";
import { rolloutStatusMessage } from "./status.ts";
import { rolloutStatusTimeout, watchRolloutStatus } from "./watchStatus.ts";
import { lookupTarget, namespaceFor, writeBack } from "../common.ts";
import type { KubectlCommand } from "../../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, selectorFlag, type FlagSpec } from "../../flags.ts";
import { oneTargetOnly } from "../common.ts";

/** History of a Deployment: revision → the RS's pod template with its change-cause (history.go ViewHistory). */
function historyOf(d: Deployment, all: readonly ReplicaSet[]): Map<number, PodTemplateSpec> {
  const out = new Map<number, PodTemplateSpec>();
  for (const rs of replicaSetsOf(d, all)) {
    const v = revision(rs);
    if (v === undefined) continue;
    const t = structuredClone(rs.spec.template);
    const cause = rs.metadata.annotations?.[KubectlAnnotations.changeCause];
    if (cause)
      t.metadata = {
        ...t.metadata,
        annotations: { ...(t.metadata.annotations ?? {}), [KubectlAnnotations.changeCause]: cause },
      };
    out.set(v, t);
  }
  return out;
}

function runRollout(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  if (cmd.sub === "restart" && cmd.names.length === 0) return restartEach(cmd, cluster);
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found.error;
  return rolloutOf(cmd, cluster, found.object);
}

/**
 * `kubectl rollout restart deployment [-l SELECTOR]`: every object of the kind in the
 * namespace (that the selector matches), in the API's name order, each restarted as when
 * named — restart.go RunRestart builds with ResourceTypeOrNameArgs(true, …), an empty
 * selector allowed ("Restart all deployments in the test-namespace namespace"; restart.go
 * handleExplicitResources, restartResources). The lines of those restarted come first, then
 * the errors, as kubectl aggregates them.
 */
function restartEach(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const kind = cmd.resource as AnyKind;
  const namespace = namespaceFor(cmd, kind);
  let objects = cluster.api.list(cluster.kinds.key(kind), namespace);
  if (typeof cmd.flags.selector === "string") {
    const selector = parseSelector(cmd.flags.selector);
    if (typeof selector === "string") return fail(selector);
    objects = objects.filter((o) => labelsMatch(selector, o.metadata.labels));
  }
  if (objects.length === 0) return { ...ok(""), stderr: noneToRestart(cmd, namespace) };
  const results = [...objects]
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))
    .map((o) => rolloutOf(cmd, cluster, structuredClone(o)));
  const failed = results.filter((r) => r.exitCode !== 0);
  return {
    ...(failed[0] ?? results[0]),
    stdout: results.map((r) => r.stdout).join(""),
    stderr: failed.map((r) => r.stderr).join(""),
  };
}

/**
 * restart.go printNoResourcesFoundMessage, on stderr (exit 0): `No resources found matching:
 * [deploy], label selector: app=web in namespace "shop".`
 */
function noneToRestart(cmd: ParsedCommand, namespace: string): string {
  const parts = [`[${cmd.resourceWord ?? (cmd.resource as AnyKind).singular}]`];
  if (typeof cmd.flags.selector === "string") parts.push(`label selector: ${cmd.flags.selector}`);
  return `No resources found matching: ${parts.join(", ")} in namespace "${namespace}".\n`;
}

function rolloutOf(cmd: ParsedCommand, cluster: Cluster, object: KubeObject): KubectlResult {
  if (object.kind === "StatefulSet") return runStatefulSetRollout(cmd, cluster, object);
  if ((object.kind as string) === "DaemonSet") return runDaemonSetRollout(cmd, cluster, object);
  const d = object as Deployment;
  const name = d.metadata.name;
  const ref = `deployment.apps/${name}`;
  switch (cmd.sub) {
    case "status": {
      const revision = (cmd.flags.revision as number | undefined) ?? 0;
      return watchRolloutStatus(cmd, d, (o) => rolloutStatusMessage(o as Deployment, revision));
    }
    case "history": {
      const history = historyOf(d, cluster.api.list("ReplicaSet", namespaceOf(d)));
      const rev = cmd.flags.revision as number | undefined;
      if (rev !== undefined && rev > 0) {
        const t = history.get(rev);
        if (!t) return fail(msg.historyRevisionNotFound(), true);
        return ok(`${ref} with revision #${rev}\n${rawPrefixText(t)}\n`, true);
      }
      const text = historyTable(replicaSetsOf(d, cluster.api.list("ReplicaSet", namespaceOf(d))));
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
          [KubectlAnnotations.restartedAt]: toRFC3339(cluster.now),
        },
      };
      return writeBack(cluster, d, `${ref} restarted`);
    }
    default:
      return fail(msg.notSupported(`"kubectl rollout ${cmd.sub}"`));
  }
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
  for (const rs of replicaSetsOf(d, cluster.api.list("ReplicaSet", namespaceOf(d)))) {
    const v = revision(rs);
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
  // A client dry run prints the revision's template (printTemplate) before the paused and
  // unchanged checks, as rollback.go orders them; undo.go's printer adds " (dry run)".
  const dryRun = cmd.flags["dry-run"];
  if (dryRun === "client")
    return {
      ...ok(`deployment.apps/${name} ${rawPrefixText(target.spec.template)} (dry run)\n`),
      readOnly: true,
    };
  if (d.spec.paused) return fail(msg.rollbackPaused(name));
  if (templateEqualIgnoringHash(target.spec.template, d.spec.template))
    return ok(msg.skippedRollback("deployment.apps", name, toRevision) + "\n");
  const template = structuredClone(target.spec.template);
  const labels = { ...(template.metadata.labels ?? {}) };
  delete labels[POD_TEMPLATE_HASH_LABEL];
  template.metadata = { ...template.metadata, labels };
  const annotations: Record<string, string> = {};
  // rollback.go annotationsToSkip: the same list the controller does not copy.
  for (const [k, v] of Object.entries(target.metadata.annotations ?? {}))
    if (!annotationsToSkip.includes(k)) annotations[k] = v;
  for (const k of annotationsToSkip) {
    const v = d.metadata.annotations?.[k];
    if (v !== undefined) annotations[k] = v;
  }
  d.spec.template = template;
  d.metadata.annotations = annotations;
  if (dryRun === "server")
    return { ...ok(`deployment.apps/${name} rolled back (server dry run)\n`), readOnly: true };
  return writeBack(cluster, d, `deployment.apps/${name} rolled back`);
}

/** The rollout subcommands work on Deployments, StatefulSets and DaemonSets (rollout.go's kinds). */
const rolloutArgs: KubectlCommand["args"] = (cmd, pos, ctx) =>
  oneTargetOnly(
    cmd,
    pos,
    ctx,
    (kind) => kind.kind === "Deployment" || kind.kind === "StatefulSet" || kind.kind === "DaemonSet",
    "on",
    // `restart` of a TYPE alone restarts each (restartEach).
    cmd.sub !== "restart",
  );

const rollout = (sub: string, flags: FlagSpec[], readOnly: boolean): KubectlCommand => ({
  verb: "rollout",
  sub,
  flags,
  readOnly,
  args: rolloutArgs,
  run: (cmd, cluster) => runRollout(cmd, cluster),
  // `status` watches: the run lasts until its --timeout at least.
  ...(sub === "status"
    ? {
        facts: (cmd: ParsedCommand) => {
          const timeout = rolloutStatusTimeout(cmd);
          return timeout > 0 ? { runsFor: timeout } : {};
        },
      }
    : {}),
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
