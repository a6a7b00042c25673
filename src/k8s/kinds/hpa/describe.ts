/** `kubectl describe hpa` (describe.go describeHorizontalPodAutoscalerV2). */
import type { Writer } from "../../printing/describeWriter.ts";
import type { HorizontalPodAutoscaler, HPAScalingRules } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
} from "../../printing/describeWriter.ts";
import { eventsFor, namespaceOf } from "../../printing/describe.ts";
import { quantityText } from "../../printing/quantityText.ts";

export function describeHPA(hpa: HorizontalPodAutoscaler, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${hpa.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(hpa)}\n`);
  printLabelsMultiline(w, "Labels", hpa.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", hpa.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(hpa.metadata.creationTimestamp ?? 0)}\n`);
  w.write(0, `Reference:\t${hpa.spec.scaleTargetRef.kind}/${hpa.spec.scaleTargetRef.name}\n`);
  w.write(0, "Metrics:\t( current / target )\n");
  const statuses = hpa.status?.currentMetrics ?? [];
  const unknown = (s: string | undefined) => (s === undefined ? "<unknown>" : quantityText(s));
  (hpa.spec.metrics ?? []).forEach((m, i) => {
    const st = statuses[i];
    switch (m.type) {
      case "External": {
        const t = m.external?.target;
        if (t?.averageValue !== undefined)
          w.write(
            1,
            `"${m.external?.metric.name}" (target average value):\t${unknown(st?.external?.current.averageValue)} / ${quantityText(t.averageValue)}\n`,
          );
        else
          w.write(
            1,
            `"${m.external?.metric.name}" (target value):\t${unknown(st?.external?.current.value)} / ${quantityText(t?.value ?? "0")}\n`,
          );
        break;
      }
      case "Pods":
        w.write(
          1,
          `"${m.pods?.metric.name}" on pods:\t${unknown(st?.pods?.current.averageValue)} / ${quantityText(m.pods?.target.averageValue ?? "0")}\n`,
        );
        break;
      case "Object": {
        const o = m.object;
        w.write(1, `"${o?.metric.name}" on ${o?.describedObject.kind}/${o?.describedObject.name} `);
        if (o?.target.type === "AverageValue")
          w.write(
            0,
            `(target average value):\t${unknown(st?.object?.current.averageValue)} / ${quantityText(o.target.averageValue ?? "0")}\n`,
          );
        else
          w.write(
            0,
            `(target value):\t${unknown(st?.object?.current.value)} / ${quantityText(o?.target.value ?? "0")}\n`,
          );
        break;
      }
      case "Resource":
      case "ContainerResource": {
        const src = m.type === "Resource" ? m.resource : m.containerResource;
        const cur = m.type === "Resource" ? st?.resource?.current : st?.containerResource?.current;
        w.write(
          1,
          m.type === "Resource"
            ? `resource ${src?.name} on pods`
            : `resource ${src?.name} of container "${m.containerResource?.container}" on pods`,
        );
        if (src?.target.averageValue !== undefined) {
          w.write(0, `:\t${unknown(cur?.averageValue)} / ${quantityText(src.target.averageValue)}\n`);
        } else {
          const current =
            cur?.averageUtilization !== undefined
              ? `${cur.averageUtilization}% (${cur.averageValue === undefined ? "0" : quantityText(cur.averageValue)})`
              : "<unknown>";
          const target =
            src?.target.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : "<auto>";
          w.write(1, `(as a percentage of request):\t${current} / ${target}\n`);
        }
        break;
      }
    }
  });
  w.write(0, `Min replicas:\t${hpa.spec.minReplicas === undefined ? "<unset>" : hpa.spec.minReplicas}\n`);
  w.write(0, `Max replicas:\t${hpa.spec.maxReplicas}\n`);
  if (hpa.spec.behavior) {
    w.write(0, "Behavior:\n");
    directionBehavior(w, "Scale Up", hpa.spec.behavior.scaleUp);
    directionBehavior(w, "Scale Down", hpa.spec.behavior.scaleDown);
  }
  w.write(0, `${hpa.spec.scaleTargetRef.kind} pods:\t`);
  w.write(0, `${hpa.status?.currentReplicas ?? 0} current / ${hpa.status?.desiredReplicas ?? 0} desired\n`);
  if (hpa.status?.conditions?.length) {
    w.write(0, "Conditions:\n");
    w.write(1, "Type\tStatus\tReason\tMessage\n");
    w.write(1, "----\t------\t------\t-------\n");
    for (const c of hpa.status.conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason}\t${c.message}\n`);
  }
  eventsFor(w, hpa, ctx);
  return w.toString();
}

/** printDirectionBehavior. */
function directionBehavior(w: Writer, direction: string, rules: HPAScalingRules | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined)
    w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? "Max"}\n`);
    w.write(2, "Policies:\n");
    for (const p of rules.policies)
      w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}
