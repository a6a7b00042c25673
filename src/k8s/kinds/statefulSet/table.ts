/** printStatefulSet (pkg/printers/internalversion/printers.go): READY is ready/desired; wide adds CONTAINERS and IMAGES. */
import { age, containerCells } from "../../printing/table.ts";
import type { StatefulSet } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";

export const statefulSetTable: TablePrinter<StatefulSet> = {
  header: ["NAME", "READY", "AGE"],
  wide: ["CONTAINERS", "IMAGES"],
  cells(sts, { now, wide }) {
    const cells = [
      sts.metadata.name,
      `${sts.status?.readyReplicas ?? 0}/${sts.spec.replicas ?? 0}`,
      age(now, sts.metadata.creationTimestamp),
    ];
    if (wide) cells.push(...containerCells(sts.spec.template.spec.containers));
    return cells;
  },
};
