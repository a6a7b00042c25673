/** printHorizontalPodAutoscaler (pkg/printers/internalversion/printers.go); TARGETS from targets.ts. */
import { age } from "../../printing/table.ts";
import type { HorizontalPodAutoscaler } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";
import { formatHPAMetrics } from "./targets.ts";

export const hpaTable: TablePrinter<HorizontalPodAutoscaler> = {
  header: ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
  wide: [],
  cells: (h, { now, targetsStyle }) => [
    h.metadata.name,
    `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`,
    formatHPAMetrics(h, targetsStyle),
    h.spec.minReplicas === undefined ? "<unset>" : String(h.spec.minReplicas),
    String(h.spec.maxReplicas),
    String(h.status?.currentReplicas ?? 0),
    age(now, h.metadata.creationTimestamp),
  ],
};
