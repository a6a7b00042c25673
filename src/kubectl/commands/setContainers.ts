/**
 * What the `kubectl set` commands share (kubectl/pkg/cmd/set): the pod spec of the one object
 * they name, the containers `-c PATTERN` selects, and set_env.go / set_resources.go's way of
 * writing a change to them — nothing when no container matches (a warning) or when nothing
 * changed (no patch), otherwise one update with `--record`'s change-cause.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { Container, KubeObject, PodSpec } from "../../k8s/types.ts";
import type { ParsedCommand } from "../command.ts";
import { recordChangeCause } from "../record.ts";
import { fail, ok, type KubectlOptions, type KubectlResult } from "../result.ts";
import { lookupTarget, objectRef, writeBack } from "./common.ts";

/** The pod spec a workload's containers live in (its template's, or a pod's own). */
export function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === "Deployment" || obj.kind === "ReplicaSet" || obj.kind === "StatefulSet")
    return obj.spec.template.spec;
  if (obj.kind === "Pod") return obj.spec;
  // A DaemonSet is outside the typed union (src/k8s/kinds/daemonSet/types.ts).
  if ((obj.kind as string) === "DaemonSet")
    return (obj as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec;
  return undefined;
}

/** The object the command names (a copy to change) and its pod spec, or what to print instead. */
export function targetPodSpec(
  cmd: ParsedCommand,
  cluster: Cluster,
): { object: KubeObject; spec: PodSpec } | { error: KubectlResult } {
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found;
  const spec = podSpecOf(found.object);
  if (!spec) return { error: fail(`error: the object of kind ${found.object.kind} has no containers`) };
  return { object: found.object, spec };
}

/**
 * The containers `-c PATTERN` names (set_env.go / set_resources.go selectContainers:
 * filepath.Match, so `*` is every container and `web-*` a prefix).
 */
export function containersMatching(containers: Container[], pattern: string): Container[] {
  const re = new RegExp(
    "^" +
      pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, "[^/]*")
        .replace(/\?/g, "[^/]") +
      "$",
  );
  return containers.filter((c) => re.test(c.name));
}

/**
 * Change the containers `-c` selects (init containers too when `withInit`) and write the
 * object back, printing `REF <done>`; a pattern that matches nothing warns, and a change that
 * changes nothing writes and prints nothing.
 */
export function updateSelectedContainers(
  cmd: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions,
  /** `change` may refuse with kubectl's error: then nothing is written. */
  how: { withInit: boolean; change: (c: Container) => string | undefined | void; done: string },
): KubectlResult {
  const target = targetPodSpec(cmd, cluster);
  if ("error" in target) return target.error;
  const { object, spec } = target;
  const pattern = (cmd.flags.containers as string | undefined) ?? "*";
  const containers = [
    ...(how.withInit ? containersMatching(spec.initContainers ?? [], pattern) : []),
    ...containersMatching(spec.containers, pattern),
  ];
  const ref = objectRef(cmd.resource!, object.metadata.name);
  if (!containers.length)
    return ok("", false, `warning: ${ref} does not have any containers matching "${pattern}"\n`);
  const before = JSON.stringify(spec);
  for (const c of containers) {
    const refused = how.change(c);
    if (refused) return fail(refused);
  }
  if (JSON.stringify(spec) === before) return ok("");
  recordChangeCause(cmd, object, options.binaryName);
  return writeBack(cluster, object, `${ref} ${how.done}`);
}
