/**
 * `kubectl rollout status|history|undo|restart|pause|resume statefulset/NAME` and
 * `daemonset/NAME`, the two kinds whose history is ControllerRevisions, following
 * kubectl/pkg/polymorphichelpers: rollout_status.go StatefulSetStatusViewer and
 * DaemonSetStatusViewer (the kinds' statefulSetRolloutStatus and daemonSetRolloutStatus, which
 * the trace's "rollout complete" reads too), history.go StatefulSetHistoryViewer and
 * DaemonSetHistoryViewer (printHistory over the object's ControllerRevisions), rollback.go
 * StatefulSetRollbacker and DaemonSetRollbacker (findHistory, statefulsetMatch /
 * daemonSetMatch, the revision's patch — the same for both), objectrestarter.go (the
 * restartedAt annotation) and objectpauser.go / objectresumer.go (Deployments only).
 */
import type { Cluster } from "../../../engine/cluster.ts";
import { KubectlAnnotations } from "../../../k8s/annotations.ts";
import { canonicalJSON } from "../../../k8s/hash.ts";
import { daemonSetRolloutStatus } from "../../../k8s/kinds/daemonSet/rollout.ts";
import type { DaemonSet } from "../../../k8s/kinds/daemonSet/types.ts";
import { revisionData, revisionsOf, revisionTemplate } from "../../../k8s/kinds/statefulSet/revision.ts";
import { statefulSetRolloutStatus } from "../../../k8s/kinds/statefulSet/rollout.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import { toRFC3339 } from "../../../k8s/time.ts";
import type {
  ControllerRevision,
  KubeObject,
  ObjectMeta,
  PodTemplateSpec,
  StatefulSet,
} from "../../../k8s/types.ts";
import type { ParsedCommand } from "../../command.ts";
import * as msg from "../../messages.ts";
import { fail, ok, type KubectlResult } from "../../result.ts";
import { isDryRun, writeBack } from "../common.ts";
import { printHistory, rawPrefixText } from "./history.ts";
import { watchRolloutStatus, type RolloutStatusView } from "./watchStatus.ts";

/** What differs between the two kinds: their names and their status viewer. */
interface RevisionedKind {
  /** `statefulset.apps`: the prefix of `statefulset.apps/web restarted`. */
  prefix: string;
  /** `statefulsets.apps`: how errors name the resource. */
  resource: string;
  status(obj: KubeObject): RolloutStatusView;
}

/** A StatefulSet or a DaemonSet, as far as these commands read and write it. */
type Revisioned = KubeObject & { metadata: ObjectMeta; spec: { template: PodTemplateSpec } };

const STATEFULSET: RevisionedKind = {
  prefix: "statefulset.apps",
  resource: "statefulsets.apps",
  status: (o) => statefulSetRolloutStatus(o as StatefulSet),
};

const DAEMONSET: RevisionedKind = {
  prefix: "daemonset.apps",
  resource: "daemonsets.apps",
  status: (o) => daemonSetRolloutStatus(o as unknown as DaemonSet),
};

export function runStatefulSetRollout(cmd: ParsedCommand, cluster: Cluster, obj: KubeObject): KubectlResult {
  return runRevisionedRollout(cmd, cluster, obj as Revisioned, STATEFULSET);
}

export function runDaemonSetRollout(cmd: ParsedCommand, cluster: Cluster, obj: KubeObject): KubectlResult {
  return runRevisionedRollout(cmd, cluster, obj as Revisioned, DAEMONSET);
}

function runRevisionedRollout(
  cmd: ParsedCommand,
  cluster: Cluster,
  sts: Revisioned,
  kind: RevisionedKind,
): KubectlResult {
  const name = sts.metadata.name;
  const ref = `${kind.prefix}/${name}`;
  const history = () => revisionsOf(sts, cluster.api.list("ControllerRevision", namespaceOf(sts)));
  switch (cmd.sub) {
    case "status":
      return watchRolloutStatus(cmd, sts, kind.status);
    case "history": {
      // printHistory keys a map by revision: a later ControllerRevision with the same number wins.
      const byRevision = new Map<number, ControllerRevision>(history().map((cr) => [cr.revision, cr]));
      const rev = cmd.flags.revision as number | undefined;
      if (rev !== undefined && rev > 0) {
        const cr = byRevision.get(rev);
        if (!cr) return fail(msg.historyRevisionNotFound(), true);
        return ok(`${ref} with revision #${rev}\n${rawPrefixText(revisionTemplate(cr))}\n`, true);
      }
      return ok(`${ref}\n${printHistory(byRevision)}\n`, true);
    }
    case "undo":
      return undo(cmd, cluster, sts, history(), kind);
    case "restart":
      sts.spec.template.metadata = {
        ...sts.spec.template.metadata,
        annotations: {
          ...(sts.spec.template.metadata?.annotations ?? {}),
          [KubectlAnnotations.restartedAt]: toRFC3339(cluster.now),
        },
      };
      return writeBack(cluster, sts, `${ref} restarted`);
    case "pause":
      return fail(`error: ${kind.resource} "${name}" pausing is not supported`);
    case "resume":
      return fail(`error: ${kind.resource} "${name}" resuming is not supported`);
    default:
      return fail(msg.notSupported(`"kubectl rollout ${cmd.sub}"`));
  }
}

/**
 * StatefulSetRollbacker.Rollback (DaemonSetRollbacker.Rollback is the same): --to-revision 0 takes the second-highest revision
 * (findHistory) and needs at least two; a revision whose template is the set's own is skipped
 * (statefulsetMatch); otherwise the revision's patch replaces the template. Example: revisions
 * 1 (nginx:1.25) and 2 (nginx:1.26, current) → `rollout undo` restores nginx:1.25, and the
 * controller renumbers revision 1 as 3.
 */
function undo(
  cmd: ParsedCommand,
  cluster: Cluster,
  sts: Revisioned,
  history: ControllerRevision[],
  kind: RevisionedKind,
): KubectlResult {
  const name = sts.metadata.name;
  const toRevision = (cmd.flags["to-revision"] as number | undefined) ?? 0;
  if (toRevision < 0) return fail(msg.revisionNotFound(toRevision));
  if (toRevision === 0 && history.length <= 1) return fail("error: no last revision to roll back to");
  const sorted = [...history].sort((a, b) => a.revision - b.revision);
  const target =
    toRevision === 0 ? sorted[sorted.length - 2] : sorted.find((cr) => cr.revision === toRevision);
  if (!target) return fail(msg.revisionNotFound(toRevision));
  const dryRun = isDryRun(cmd);
  if (dryRun) {
    const suffix = dryRun === "server" ? " (server dry run)" : " (dry run)";
    return {
      ...ok(`${kind.prefix}/${name} ${rawPrefixText(revisionTemplate(target))}${suffix}\n`),
      readOnly: true,
    };
  }
  if (canonicalJSON(revisionData(sts)) === canonicalJSON(target.data))
    return ok(msg.skippedRollback(kind.prefix, name, toRevision) + "\n");
  sts.spec.template = revisionTemplate(target);
  return writeBack(cluster, sts, `${kind.prefix}/${name} rolled back`);
}
