/**
 * `kubectl rollout history`: kubectl polymorphichelpers/history.go (DeploymentHistoryViewer,
 * getDeploymentHistory, printHistory, tabbedString; StatefulSetHistoryViewer prints its
 * ControllerRevisions with the same printHistory).
 */
import { KubectlAnnotations } from "../../../k8s/annotations.ts";
import { revision } from "../../../k8s/kinds/deployment/annotations.ts";
import { describePodTemplate } from "../../../k8s/printing/describe.ts";
import type { Writer } from "../../../k8s/printing/describeWriter.ts";
import type { KubeObject, PodTemplateSpec, ReplicaSet } from "../../../k8s/types.ts";

/**
 * getDeploymentHistory: revision → ReplicaSet. A ReplicaSet without the annotation is
 * revision 0; one with an unparseable revision is left out; a later ReplicaSet with the same
 * revision replaces an earlier one (a Go map assignment).
 */
function deploymentHistory(replicaSets: readonly ReplicaSet[]): Map<number, ReplicaSet> {
  const history = new Map<number, ReplicaSet>();
  for (const rs of replicaSets) {
    const v = revision(rs);
    if (v !== undefined) history.set(v, rs);
  }
  return history;
}

/**
 * printHistory over a Deployment's ReplicaSets: `REVISION  CHANGE-CAUSE` and one row per
 * revision in ascending order, the change-cause annotation or `<none>`, aligned as
 * text/tabwriter with minwidth 0 and padding 2. No ReplicaSets → "No rollout history found.".
 * Example: revisions 1 (no cause) and 2 → "REVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image …\n".
 */
export function historyTable(replicaSets: readonly ReplicaSet[]): string {
  return printHistory(deploymentHistory(replicaSets));
}

/**
 * printHistory: revision → the object holding that revision's change-cause annotation (a
 * ReplicaSet for a Deployment, a ControllerRevision for a StatefulSet).
 */
export function printHistory(history: ReadonlyMap<number, KubeObject>): string {
  if (history.size === 0) return "No rollout history found.";
  const rows: string[][] = [["REVISION", "CHANGE-CAUSE"]];
  for (const r of [...history.keys()].sort((a, b) => a - b)) {
    const cause = history.get(r)?.metadata.annotations?.[KubectlAnnotations.changeCause];
    rows.push([String(r), cause === undefined || cause.length === 0 ? "<none>" : cause]);
  }
  return tabbed(rows);
}

/**
 * text/tabwriter with minwidth 0, padding 2, pad character ' ', no flags: every cell but the
 * last of a line is padded to its column's widest cell + 2; the last cell is not padded.
 */
export function tabbed(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const row of rows)
    row.slice(0, -1).forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows
    .map(
      (row) =>
        row
          .map((cell, i) =>
            i < row.length - 1 ? cell.padEnd(widths[i] + 2 + cell.length - [...cell].length) : cell,
          )
          .join("") + "\n",
    )
    .join("");
}

/** DescribePodTemplate written without alignment (history.go printTemplate keeps raw tabs). */
export function rawPrefixText(t: PodTemplateSpec): string {
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
