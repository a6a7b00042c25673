/**
 * `kubectl autoscale (deployment|replicaset|statefulset) NAME [--min=N] --max=M [--cpu=C] [--memory=M] [--cpu-percent=P]
 * [--name=HPA]` (staging/src/k8s.io/kubectl/pkg/cmd/autoscale/autoscale.go): any kind with a scale
 * subresource, as autoscale.go asks the scale kind resolver (ScaleForResource) before creating
 * the HPA.
 *
 * Up to kubectl 1.33 the command sends an autoscaling/v1 object: minReplicas only when --min
 * was given (the API server defaults it to 1), targetCPUUtilizationPercentage only when
 * --cpu-percent was given (unset means the server's 80%). From 1.34 (kubernetes PR #129373,
 * version.ts) it sends autoscaling/v2 (createHorizontalPodAutoscalerV2): minReplicas when
 * --min > 0, a cpu metric for --cpu-percent > 0, for --cpu and for --memory — a percentage
 * (`70%`) targets Utilization, a quantity (`500m`, `200Mi`) AverageValue, a bare number is
 * millicores or mebibytes (parseResourceInput) — and no metrics at all otherwise, which the
 * API server defaults to cpu 80%. `--cpu-percent` is then deprecated (pflag prints its notice).
 * Either way the object is stored in the internal autoscaling/v2 form.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { isQuantityError, parseQuantity } from "../../k8s/quantity.ts";
import type { HorizontalPodAutoscaler, MetricSpec } from "../../k8s/types.ts";
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
import { hasAutoscaleResourceFlags } from "../version.ts";

/** autoscaling.DefaultCPUUtilization. */
export const DEFAULT_CPU_UTILIZATION = 80;

type Target = { apiVersion: string; kind: string; name: string };

/** A --cpu / --memory value read as parseResourceInput reads it, or its error. */
export function parseResourceInput(
  input: string,
  resource: "cpu" | "memory",
):
  | { type: "Utilization"; averageUtilization: number }
  | { type: "AverageValue"; averageValue: string }
  | {
      error: string;
    } {
  const v = input.trim();
  if (v === "") return { error: "empty input" };
  if (v.endsWith("%")) {
    const n = v.slice(0, -1);
    // strconv.ParseInt(trimmed, 10, 32), then >= 0.
    if (!/^[+-]?\d+$/.test(n) || Number(n) < 0 || Number(n) > 2147483647)
      return { error: `invalid percentage value: ${n}` };
    return { type: "Utilization", averageUtilization: Number(n) };
  }
  // A bare number takes the resource's default unit: "500" is 500m of CPU, 512Mi of memory
  // (fmt's %g of the float, then the unit).
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) {
    const q = `${goG(Number(v))}${resource === "cpu" ? "m" : "Mi"}`;
    return isQuantityError(parseQuantity(q))
      ? {
          error: `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
        }
      : { type: "AverageValue", averageValue: q };
  }
  return isQuantityError(parseQuantity(v))
    ? { error: `invalid resource ${resource} value: ${v}` }
    : { type: "AverageValue", averageValue: v };
}

/** Go's %g for the numbers a flag holds: shortest form, exponent only for very large or small ones. */
function goG(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e21)) return n.toExponential().replace(/e([+-])(\d)$/, "e$10$2");
  return String(n);
}

/** The metrics kubectl ≥ 1.34 puts in the autoscaling/v2 object (none: the server defaults cpu 80%). */
function v2Metrics(cmd: ParsedCommand): MetricSpec[] {
  const metrics: MetricSpec[] = [];
  const percent = cmd.flags["cpu-percent"] as number | undefined;
  if (percent !== undefined && percent > 0)
    metrics.push({
      type: "Resource",
      resource: { name: "cpu", target: { type: "Utilization", averageUtilization: percent } },
    });
  for (const name of ["cpu", "memory"] as const) {
    const raw = cmd.flags[name] as string | undefined;
    if (raw === undefined || raw === "") continue;
    const t = parseResourceInput(raw, name);
    if ("error" in t) continue; // the parse refused the line
    metrics.push({ type: "Resource", resource: { name, target: t } });
  }
  return metrics;
}

/** The HorizontalPodAutoscaler as stored (autoscaling/v2, defaulted): what the plan and the run know. */
function hpaForAutoscale(cmd: ParsedCommand, target: Target): HorizontalPodAutoscaler {
  const name = (cmd.flags.name as string | undefined) ?? target.name;
  const min = cmd.flags.min as number | undefined;
  const cpu = cmd.flags["cpu-percent"] as number | undefined;
  const v2 = hasAutoscaleResourceFlags(cmd.version);
  const metrics: MetricSpec[] = v2 ? v2Metrics(cmd) : [];
  if (metrics.length === 0)
    metrics.push({
      type: "Resource",
      resource: {
        name: "cpu",
        target: {
          type: "Utilization",
          averageUtilization: !v2 && cpu !== undefined && cpu >= 0 ? cpu : DEFAULT_CPU_UTILIZATION,
        },
      },
    });
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    // The HPA goes to the command's namespace, beside its target.
    metadata: { name, namespace: cmd.namespace },
    spec: {
      scaleTargetRef: { apiVersion: target.apiVersion, kind: target.kind, name: target.name },
      minReplicas: min !== undefined && (v2 ? min > 0 : min > -1) ? min : 1,
      maxReplicas: cmd.flags.max as number,
      metrics,
    },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  };
}

/** The object `kubectl autoscale` sends (shown by --dry-run=client -o yaml): autoscaling/v1, or v2 from 1.34. */
function sentObject(cmd: ParsedCommand, hpa: HorizontalPodAutoscaler): Record<string, unknown> {
  const min = cmd.flags.min as number | undefined;
  // autoscale.go writes the namespace into the object only with -n (EnforceNamespace).
  if (hasAutoscaleResourceFlags(cmd.version)) {
    const metrics = v2Metrics(cmd);
    return {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: {
        creationTimestamp: null,
        name: hpa.metadata.name,
        ...(cmd.namespaceGiven ? { namespace: cmd.namespace } : {}),
      },
      spec: {
        maxReplicas: hpa.spec.maxReplicas,
        ...(metrics.length ? { metrics } : {}),
        ...(min !== undefined && min > 0 ? { minReplicas: min } : {}),
        scaleTargetRef: hpa.spec.scaleTargetRef,
      },
      // autoscaling/v2's HorizontalPodAutoscalerStatus: currentMetrics has no omitempty.
      status: { currentMetrics: null, desiredReplicas: 0 },
    };
  }
  const cpu = cmd.flags["cpu-percent"] as number | undefined;
  return {
    apiVersion: "autoscaling/v1",
    kind: "HorizontalPodAutoscaler",
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
    apiVersion: apiVersionOf(cmd.resource!),
    kind: found.object.kind,
    name: found.object.metadata.name,
  });
  const name = hpa.metadata.name;
  if (isDryRun(cmd)) {
    if (cmd.output)
      return printClientObject(sentObject(cmd, hpa), cluster.kinds.of("HorizontalPodAutoscaler"), cmd);
    return { ...ok(`horizontalpodautoscaler.autoscaling/${name} autoscaled (dry run)\n`), readOnly: true };
  }
  const res = cluster.api.create(hpa);
  if (isApiError(res)) return fail(formatApiError(res, "HorizontalPodAutoscaler", name));
  return ok(`horizontalpodautoscaler.autoscaling/${name} autoscaled\n`);
}

/**
 * autoscale.go Validate: one object of a kind with a scale subresource (a Deployment, ReplicaSet
 * or StatefulSet), --max ≥ 1 and ≥ --min; from 1.34 --cpu-percent and --cpu exclude each other,
 * and --cpu/--memory must read as parseResourceInput reads them.
 */
export const autoscaleCommand: KubectlCommand = {
  verb: "autoscale",
  flags: [
    flag("min", "int"),
    flag("max", "int"),
    {
      ...flag("cpu-percent", "int"),
      deprecated: {
        since: 34,
        message:
          "Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).",
      },
    },
    { ...flag("cpu", "string"), since: 34 },
    { ...flag("memory", "string"), since: 34 },
    flag("name", "string"),
    dryRunFlag,
    outputFlag,
    filenameFlag,
    recordFlag,
    flag("save-config", "bool"),
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    oneTargetOnly(cmd, pos, ctx, (kind) => kind.scale !== undefined);
    const max = (cmd.flags.max as number | undefined) ?? -1;
    const min = (cmd.flags.min as number | undefined) ?? -1;
    if (max < 1) ctx.error(msg.maxRequired(max), ctx.verbTok);
    else if (max < min) ctx.error(msg.maxBelowMin(max, min), ctx.verbTok);
    else if (((cmd.flags["cpu-percent"] as number | undefined) ?? -1) > 0 && (cmd.flags.cpu ?? "") !== "")
      ctx.error(msg.cpuFlagsExclusive(), ctx.verbTok);
    else
      for (const name of ["cpu", "memory"] as const) {
        const raw = cmd.flags[name] as string | undefined;
        if (raw === undefined || raw === "") continue;
        const r = parseResourceInput(raw, name);
        if ("error" in r) {
          ctx.error(`error: ${r.error}`, ctx.verbTok);
          break;
        }
      }
  },
  run: (cmd, cluster) => runAutoscale(cmd, cluster),
  // A dry run creates nothing; a line with errors still names the HPA it meant.
  facts: (cmd) => ({
    creates:
      isDryRun(cmd) || cmd.resource?.scale === undefined || cmd.names.length === 0
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
