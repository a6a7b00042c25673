/**
 * `-f FILE` as the objects a command acts on (`kubectl get -f web.yaml`, `describe -f`,
 * `scale -f web.yaml --replicas=3`): cli-runtime's resource builder (FilenameParam) reads the
 * files and the command then works on the live objects of the same kind, namespace and name,
 * in file order.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { AnyKind } from "../../k8s/kinds/index.ts";
import type { ArgsContext, ParsedCommand } from "../command.ts";
import * as msg from "../messages.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import type { Token } from "../tokenize.ts";
import { readSources, settleNamespace } from "./apply.ts";

/** The objects of one kind in one namespace the files name, in file order. */
export interface FileTargets {
  kind: AnyKind;
  namespace: string;
  names: string[];
}

/** builder.go visitByPaths: TYPE/NAME words cannot come beside -f. */
export function filesOnly(pos: readonly Token[], ctx: ArgsContext): void {
  if (pos.length)
    ctx.error(
      "error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well",
      pos[0],
    );
}

/**
 * What the files of `-f` name, grouped by kind and namespace in the order first seen; or the
 * result to print when a file cannot be read or names a kind that is not served.
 */
export function fileTargets(
  cmd: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions,
): { targets: FileTargets[]; errors: string[] } | KubectlResult {
  const sources = readSources(cmd, options);
  if (!Array.isArray(sources)) return sources;
  const ns = { namespace: cmd.namespace, enforce: cmd.namespaceGiven };
  const groups: FileTargets[] = [];
  const errors: string[] = [];
  for (const { source, objects } of sources)
    for (const o of objects) {
      if (!o || typeof o !== "object") continue;
      const kind = cluster.kinds.served(o.apiVersion, o.kind);
      if (!kind) {
        errors.push(
          msg.resourceMappingNotFound(
            o.metadata?.name ?? "",
            o.metadata?.namespace ?? "",
            source,
            o.kind,
            o.apiVersion,
          ),
        );
        continue;
      }
      const settled = settleNamespace(o, kind.namespaced, ns);
      if (typeof settled === "string") {
        errors.push(settled);
        continue;
      }
      const namespace = settled.metadata.namespace ?? "";
      let group = groups.find((g) => g.kind === kind && g.namespace === namespace);
      if (!group) groups.push((group = { kind, namespace, names: [] }));
      group.names.push(settled.metadata.name);
    }
  return { targets: groups, errors };
}

/** The command as if its targets had been written out: `TYPE NAME…` in one namespace. */
export const commandFor = (cmd: ParsedCommand, t: FileTargets): ParsedCommand => ({
  ...cmd,
  resource: t.kind,
  resources: undefined,
  names: t.names,
  namespace: t.namespace || cmd.namespace,
});
