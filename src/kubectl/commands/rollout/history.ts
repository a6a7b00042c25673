/**
 * `kubectl rollout history` for a Deployment: kubectl polymorphichelpers/history.go
 * (DeploymentHistoryViewer, getDeploymentHistory, printHistory, tabbedString).
 */
import { KubectlAnnotations } from "../../../k8s/annotations.ts";
import { revision } from "../../../k8s/kinds/deployment/annotations.ts";
import type { ReplicaSet } from "../../../k8s/types.ts";

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
 * printHistory: `REVISION  CHANGE-CAUSE` and one row per revision in ascending order, the
 * change-cause annotation or `<none>`, aligned as text/tabwriter with minwidth 0 and padding 2.
 * No ReplicaSets → "No rollout history found.".
 * Example: revisions 1 (no cause) and 2 → "REVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image …\n".
 */
export function historyTable(replicaSets: readonly ReplicaSet[]): string {
  const history = deploymentHistory(replicaSets);
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
