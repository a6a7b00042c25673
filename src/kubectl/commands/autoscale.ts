/**
 * `kubectl autoscale deployment NAME [--min=N] --max=M [--cpu-percent=P] [--name=HPA]`
 * (kubectl/pkg/cmd/autoscale). kubectl sends an autoscaling/v1 object: minReplicas only
 * when --min was given (the API server defaults it to 1), targetCPUUtilizationPercentage only
 * when --cpu-percent was given (unset means the server's 80%). Converted to the internal
 * autoscaling/v2 form here: one Resource cpu Utilization metric.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import type { HorizontalPodAutoscaler } from "../../k8s/types.ts";
import { formatApiError } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import { isDryRun, lookupTarget } from "./common.ts";
import { printClientObject } from "./output.ts";
import { apiVersionOf } from "../../k8s/kinds/descriptor.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { oneTargetOnly } from "./common.ts";

/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

function hpaForAutoscale(
  cmd: ParsedCommand,
  target: { apiVersion: string; kind: string; name: string },
): HorizontalPodAutoscaler {
  const name = (cmd.flags.name as string | undefined) ?? target.name;
  const min = cmd.flags.min as number | undefined;
  const cpu = cmd.flags["cpu-percent"] as number | undefined;
  const hpa: HorizontalPodAutoscaler = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    // The HPA goes to the command's namespace, beside its target.
    metadata: { name, namespace: cmd.namespace },
    spec: {
      scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.name },
      minReplicas: min !== undefined && min > -1 ? min : 1,
      maxReplicas: cmd.flags.max as number,
      metrics: [
        {
          type: "Resource",
          resource: {
            name: "cpu",
            target: {
              type: "Utilization",
              averageUtilization: cpu !== undefined && cpu >= 0 ? cpu : DEFAULT_CPU_UTILIZATION,
            },
          },
        },
      ],
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
  return hpa;
}

/** The autoscaling/v1 object `kubectl autoscale` sends (shown by --dry-run=client -o yaml). */
function autoscalingV1(cmd: ParsedCommand, hpa: HorizontalPodAutoscaler): Record<string, unknown> {
  const min = cmd.flags.min as number | undefined;
  const cpu = cmd.flags["cpu-percent"] as number | undefined;
  return {
    apiVersion: "autoscaling/v1",
    kind: "HorizontalPodAutoscaler",
    // autoscale.go writes the namespace into the object only with -n (EnforceNamespace).
    metadata: {
      creationTimestamp: null,
      name: hpa.metadata.name,
      ...(cmd.namespaceGiven ? { namespace: cmd.namespace } : {}),
    },
    spec: {
      maxReplicas: hpa.spec.maxReplicas,
      ...(min !== undefined && min > -1 ? { minReplicas: min } : {}),
      scaleTargetRef: hpa.spec.scaleTargetRef,
      ...(cpu !== undefined && cpu >= 0 ? { targetCPUUtilizationPercentage: cpu } : {}),
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

function runAutoscale(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found.error;
  const hpa = hpaForAutoscale(cmd, {
    apiVersion: "apps/v1",
    kind: found.object.kind,
    name: found.object.metadata.name,
  });
  const name = hpa.metadata.name;
  if (isDryRun(cmd)) {
    if (cmd.output)
      return printClientObject(autoscalingV1(cmd, hpa), cluster.kinds.of("HorizontalPodAutoscaler"), cmd);
    return { ...ok(`horizontalpodautoscaler.autoscaling/${name} autoscaled (dry run)\n`), readOnly: true };
  }
  const res = cluster.api.create(hpa);
  if (isApiError(res)) return fail(formatApiError(res, "HorizontalPodAutoscaler", name));
  return ok(`horizontalpodautoscaler.autoscaling/${name} autoscaled\n`);
}

/**
 * autoscale.go Validate: one Deployment (the simulator autoscales Deployments), --max ≥ 1
 * and ≥ --min.
 */
export const autoscaleCommand: KubectlCommand = {
  verb: "autoscale",
  flags: [
    flag("min", "int"),
    flag("max", "int"),
    flag("cpu-percent", "int"),
    flag("name", "string"),
    dryRunFlag,
    outputFlag,
    filenameFlag,
    recordFlag,
    flag("save-config", "bool"),
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    oneTargetOnly(cmd, pos, ctx, (kind) => kind.kind === "Deployment");
    const max = (cmd.flags.max as number | undefined) ?? -1;
    const min = (cmd.flags.min as number | undefined) ?? -1;
    if (max < 1) ctx.error(msg.maxRequired(max), ctx.verbTok);
    else if (max < min) ctx.error(msg.maxBelowMin(max, min), ctx.verbTok);
  },
  run: (cmd, cluster) => runAutoscale(cmd, cluster),
  // A dry run creates nothing; a line with errors still names the HPA it meant.
  facts: (cmd) => ({
    creates:
      isDryRun(cmd) || cmd.resource?.kind !== "Deployment" || cmd.names.length === 0
        ? []
        : [
            hpaForAutoscale(cmd, {
              apiVersion: apiVersionOf(cmd.resource),
              kind: cmd.resource.kind,
              name: cmd.names[0],
            }),
          ],
  }),
};
