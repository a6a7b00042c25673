/**
 * The TARGETS column of `kubectl get hpa` (pkg/printers/internalversion/printers.go,
 * formatHPAMetrics). At most two metrics are shown, then ` + N more...`.
 *
 * Two spellings exist. kubectl before 1.30 printed `current/target` for every metric
 * ("0%/60%", "80%/60%, 41943040/50Mi"); from 1.30 (kubernetes PR #122804) it prefixes Resource
 * and ContainerResource metrics with the resource name ("cpu: 0%/60%, memory:
 * 41943040/50Mi"). The current form is the default; a run's `kubectl.version` picks the other
 * (src/kubectl/version.ts), as the seed scenarios, taken with kubectl 1.22, do.
 *
 * Examples: Utilization target 60 with current 160 → "160%/60%"; no status yet →
 * "<unknown>/60%"; AverageValue 50Mi with current 40Mi → "40Mi/50Mi"; External AverageValue →
 * "3/5 (avg)".
 */
import type { HorizontalPodAutoscaler, MetricStatus } from "../../types.ts";
import { quantityText } from "../../printing/quantityText.ts";

import type { TargetsStyle } from "../descriptor.ts";

export function formatHPAMetrics(hpa: HorizontalPodAutoscaler, style: TargetsStyle = "named"): string {
  const specs = hpa.spec.metrics ?? [];
  const statuses: MetricStatus[] = hpa.status?.currentMetrics ?? [];
  if (specs.length === 0) return "<none>";
  const list: string[] = [];
  const q = (s: string | undefined) => (s === undefined ? "<unknown>" : quantityText(s));
  specs.forEach((spec, i) => {
    const st = statuses[i];
    switch (spec.type) {
      case "External": {
        const t = spec.external?.target;
        if (t?.averageValue !== undefined)
          list.push(`${q(st?.external?.current.averageValue)}/${quantityText(t.averageValue)} (avg)`);
        else list.push(`${q(st?.external?.current.value)}/${quantityText(t?.value ?? "0")}`);
        break;
      }
      case "Pods":
        list.push(
          `${q(st?.pods?.current.averageValue)}/${quantityText(spec.pods?.target.averageValue ?? "0")}`,
        );
        break;
      case "Object": {
        const t = spec.object?.target;
        if (t?.averageValue !== undefined)
          list.push(`${q(st?.object?.current.averageValue)}/${quantityText(t.averageValue)} (avg)`);
        else list.push(`${q(st?.object?.current.value)}/${quantityText(t?.value ?? "0")}`);
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const src = spec.type === "Resource" ? spec.resource : spec.containerResource;
        const cur = spec.type === "Resource" ? st?.resource?.current : st?.containerResource?.current;
        const prefix = style === "named" ? `${src?.name}: ` : "";
        const t = src?.target;
        if (t?.averageValue !== undefined) {
          list.push(`${prefix}${q(cur?.averageValue)}/${quantityText(t.averageValue)}`);
        } else {
          const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : "<unknown>";
          const target = t?.averageUtilization !== undefined ? `${t.averageUtilization}%` : "<auto>";
          list.push(`${prefix}${current}/${target}`);
        }
        break;
      }
      default:
        list.push("<unknown type>");
    }
  });
  if (list.length > 2) return `${list.slice(0, 2).join(", ")} + ${list.length - 2} more...`;
  return list.join(", ");
}
