/** printReplicaSet (pkg/printers/internalversion/printers.go). */
import { selectorToString } from "../../labels.ts";
import { age, containerCells } from "../../printing/table.ts";
import type { ReplicaSet } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";

export const replicaSetTable: TablePrinter<ReplicaSet> = {
  header: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
  wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  cells(rs, { now, wide }) {
    const cells = [
      rs.metadata.name,
      String(rs.spec.replicas ?? 0),
      String(rs.status?.replicas ?? 0),
      String(rs.status?.readyReplicas ?? 0),
      age(now, rs.metadata.creationTimestamp),
    ];
    if (wide)
      cells.push(...containerCells(rs.spec.template.spec.containers), selectorToString(rs.spec.selector));
    return cells;
  },
};
