/**
 * `kubectl get TYPE [NAME…] [-o …] [-l SELECTOR] [-w]`. Lists come sorted by name (the API
 * server lists in key order). An empty list prints `No resources found in default
 * namespace.` on stderr; a missing name prints the API server's NotFound and exits 1, after
 * printing whatever was found.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { labelsMatch } from "../../k8s/labels.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { notFoundText } from "../apiErrors.ts";
import * as msg from "../messages.ts";
import type { ParsedCommand } from "../parse.ts";
import type { ResourceType } from "../resources.ts";
import { fail } from "../result.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { parseSelector } from "../selectorParse.ts";
import { NAMESPACE } from "../serialize.ts";
import { printObjects, table } from "./output.ts";

const byName = (a: KubeObject, b: KubeObject) =>
  a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;

/** The objects a get/describe names: every one of the type (optionally by selector), or the named ones. */
export function selectObjects(
  cmd: ParsedCommand,
  cluster: Cluster,
): { objects: KubeObject[]; errors: string[] } {
  const r = cmd.resource as ResourceType;
  if (cmd.names.length) {
    const objects: KubeObject[] = [];
    const errors: string[] = [];
    for (const n of cmd.names) {
      const o = cluster.api.get(r.kind, n);
      if (o) objects.push(o);
      else errors.push(notFoundText(r.kind, n));
    }
    return { objects, errors };
  }
  let objects = [...cluster.api.list(r.kind)].sort(byName);
  if (typeof cmd.flags.selector === "string") {
    const sel = parseSelector(cmd.flags.selector);
    if (typeof sel === "string") return { objects: [], errors: [sel] };
    objects = objects.filter((o) => labelsMatch(sel, o.metadata.labels));
  }
  return { objects, errors: [] };
}

export function runGet(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const r = cmd.resource as ResourceType;
  const { objects, errors } = selectObjects(cmd, cluster);
  const watch = cmd.flags.watch === true || cmd.flags["watch-only"] === true;
  const single = cmd.names.length === 1;
  let result: KubectlResult;
  if (cmd.flags["watch-only"] === true) result = { exitCode: 0, stdout: "", stderr: "", readOnly: true };
  else result = printObjects(objects, cmd, cluster, single, options.targetsStyle);
  if (!objects.length && !errors.length && !watch)
    result = { ...result, stderr: msg.noResourcesFound(NAMESPACE) + "\n" };
  if (errors.length) {
    const f = fail(errors.join("\n"), true, result.stdout);
    result = f;
  }
  if (watch) {
    const wide = cmd.output?.kind === "table" && cmd.output.wide;
    const widths = table(r.kind, objects, {
      now: cluster.now,
      wide,
      targetsStyle: options.targetsStyle,
    }).widths;
    result = {
      ...result,
      watch: { kind: r.kind, ...(single ? { name: cmd.names[0] } : {}), columnWidths: widths, wide: !!wide },
    };
  }
  return { ...result, readOnly: true };
}
