/** Helpers the command implementations share: looking objects up and writing them back. */
import type { ApiError, Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import type { Kind, KubeObject } from "../../k8s/types.ts";
import { formatApiError, notFoundText } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { kindPrefix, type AnyKind } from "../../k8s/kinds/index.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import type { ArgsContext } from "../command.ts";
import * as msg from "../messages.ts";
import type { Token } from "../tokenize.ts";

/** `deployment.apps/NAME`. */
export const objectRef = (r: AnyKind, name: string) => `${kindPrefix(r)}/${name}`;

export type Lookup<T extends KubeObject> = { object: T } | { error: KubectlResult };

/** The namespace a command addresses objects of a kind in: its `-n` (else default); "" for a cluster-scoped kind. */
export const namespaceFor = (cmd: ParsedCommand, kind: AnyKind): string =>
  kind.namespaced ? cmd.namespace : "";

/** The one TYPE NAME the command names (in its namespace), or kubectl's NotFound. */
export function lookupTarget<T extends KubeObject = KubeObject>(
  cmd: ParsedCommand,
  cluster: Cluster,
): Lookup<T> {
  const r = cmd.resource as AnyKind;
  const name = cmd.names[0];
  const obj = cluster.api.get(cluster.kinds.key(r), namespaceFor(cmd, r), name);
  if (!obj) return { error: fail(notFoundText(r, name), cmd.readOnly) };
  return { object: structuredClone(obj) as T };
}

/** Write an updated object; on an API error, kubectl's wording. */
export function writeBack(cluster: Cluster, obj: KubeObject, success: string): KubectlResult {
  const res = cluster.api.update(obj);
  if (isApiError(res)) return apiFailure(res, obj.kind, obj.metadata.name);
  return ok(success + "\n");
}

const apiFailure = (err: ApiError, kind: Kind, name: string): KubectlResult =>
  fail(formatApiError(err, kind, name));

export const isDryRun = (cmd: ParsedCommand): "client" | "server" | undefined => {
  const v = cmd.flags["dry-run"];
  return v === "client" || v === "server" ? v : undefined;
};

export const dryRunSuffix = (cmd: ParsedCommand) =>
  isDryRun(cmd) === "client" ? " (dry run)" : isDryRun(cmd) === "server" ? " (server dry run)" : "";

/**
 * The argument rule of the commands on one object (rollout, scale, autoscale, patch, expose):
 * TYPE NAME or TYPE/NAME, nothing after it, and a kind the command handles here.
 * Example: `kubectl scale hpa web` → `"kubectl scale" on horizontalpodautoscalers is not supported…`.
 */
export function oneTargetOnly(
  cmd: ParsedCommand,
  pos: readonly Token[],
  ctx: ArgsContext,
  handles: (kind: AnyKind) => boolean,
  preposition: "on" | "of" = "on",
  requireName = true,
): void {
  const used = ctx.targets(1);
  ctx.needOneTarget(requireName);
  for (const t of pos.slice(used)) ctx.usage(`error: Unexpected args: [${t.value}]`, t);
  if (cmd.resource && !handles(cmd.resource))
    ctx.error(
      msg.notSupported(
        `"kubectl ${cmd.verb}${cmd.sub ? " " + cmd.sub : ""}" ${preposition} ${cmd.resource.plural}`,
      ),
      pos[0],
    );
}
