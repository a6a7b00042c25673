/**
 * `kubectl describe TYPE [NAME…]`: one describer per kind; several objects are separated by
 * a blank line pair as kubectl separates them.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";
import * as msg from "../messages.ts";
import type { ParsedCommand } from "../parse.ts";
import {
  describeConfigMap,
  describeDeployment,
  describeHPA,
  describePod,
  describeReplicaSet,
  describeService,
} from "../printers/describe.ts";
import type { DescribeContext } from "../printers/describe.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import { NAMESPACE } from "../serialize.ts";
import { selectObjects } from "./get.ts";

export function describeObject(o: KubeObject, ctx: DescribeContext): string | undefined {
  switch (o.kind) {
    case "Deployment":
      return describeDeployment(o, ctx);
    case "ReplicaSet":
      return describeReplicaSet(o, ctx);
    case "Pod":
      return describePod(o, ctx);
    case "HorizontalPodAutoscaler":
      return describeHPA(o, ctx);
    case "Service":
      return describeService(o, ctx);
    case "ConfigMap":
      return describeConfigMap(o, ctx);
  }
}

export function runDescribe(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const { objects, errors } = selectObjects(cmd, cluster);
  const ctx: DescribeContext = {
    now: cluster.now,
    events: cluster.events,
    replicaSets: cluster.api.list("ReplicaSet"),
    pods: cluster.api.list("Pod"),
    showEvents: cmd.flags["show-events"] !== false,
  };
  const texts: string[] = [];
  for (const o of objects) {
    const t = describeObject(o, ctx);
    if (t === undefined) return fail(msg.notSupported(`"kubectl describe ${cmd.resource?.plural}"`), true);
    texts.push(t);
  }
  const stdout = texts.join("\n\n");
  if (errors.length) return fail(errors.join("\n"), true, stdout);
  if (!objects.length) return ok("", true, msg.noResourcesFound(NAMESPACE) + "\n");
  return ok(stdout, true);
}
