/** printDeployment (pkg/printers/internalversion/printers.go): READY is ready/desired. */
import { selectorToString } from "../../labels.ts";
import { age, containerCells } from "../../printing/table.ts";
import type { Deployment } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";

export const deploymentTable: TablePrinter<Deployment> = {
  header: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
  wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  cells(d, { now, wide }) {
    const cells = [
      d.metadata.name,
      `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 0}`,
      String(d.status?.updatedReplicas ?? 0),
      String(d.status?.availableReplicas ?? 0),
      age(now, d.metadata.creationTimestamp),
    ];
    if (wide)
      cells.push(...containerCells(d.spec.template.spec.containers), selectorToString(d.spec.selector));
    return cells;
  },
};
