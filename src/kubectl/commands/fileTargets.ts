/**
 * `-f FILE` as the objects a command acts on (`kubectl get -f web.yaml`, `describe -f`,
 * `scale -f web.yaml --replicas=3`): cli-runtime's resource builder (FilenameParam) reads the
 * files and the command then works on the live objects of the same kind, namespace and name,
 * in file order.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { AnyKind } from "../../k8s/kinds/index.ts";
import type { KubeObject } from "../../k8s/types.ts";
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

/** One object of a `-f` file, with its kind and the namespace kubectl settled for it. */
export interface FileObject {
  source: string;
  kind: AnyKind;
  object: KubeObject;
}

/**
 * The objects of the files of `-f`, in file order, each with the kind the RESTMapper maps it to
 * and its namespace settled (apply.ts settleNamespace); an object of a kind not served, or
 * written for another namespace than `-n`'s, is an error in `errors` and the others go on. A
 * file that cannot be read is the result to print.
 */
export function fileObjects(
  cmd: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions,
): { objects: FileObject[]; errors: string[] } | KubectlResult {
  const sources = readSources(cmd, options);
  if (!Array.isArray(sources)) return sources;
  const ns = { namespace: cmd.namespace, enforce: cmd.namespaceGiven };
  const found: FileObject[] = [];
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
      if (typeof settled === "string") errors.push(settled);
      else found.push({ source, kind, object: settled });
    }
  return { objects: found, errors };
}

/**
 * What the files of `-f` name, grouped by kind and namespace in the order first seen; or the
 * result to print when a file cannot be read.
 */
export function fileTargets(
  cmd: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions,
): { targets: FileTargets[]; errors: string[] } | KubectlResult {
  const read = fileObjects(cmd, cluster, options);
  if ("exitCode" in read) return read;
  const groups: FileTargets[] = [];
  for (const { kind, object } of read.objects) {
    const namespace = object.metadata.namespace ?? "";
    let group = groups.find((g) => g.kind === kind && g.namespace === namespace);
    if (!group) groups.push((group = { kind, namespace, names: [] }));
    group.names.push(object.metadata.name);
  }
  return { targets: groups, errors: read.errors };
}

/** The command as if its targets had been written out: `TYPE NAME…` in one namespace. */
export const commandFor = (cmd: ParsedCommand, t: FileTargets): ParsedCommand => ({
  ...cmd,
  resource: t.kind,
  resources: undefined,
  names: t.names,
  namespace: t.namespace || cmd.namespace,
});
