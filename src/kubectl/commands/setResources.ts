/**
 * `kubectl set resources TYPE NAME [-c CONTAINER] [--limits=cpu=200m,memory=512Mi]
 * [--requests=cpu=100m,memory=256Mi]` (kubectl/pkg/cmd/set/set_resources.go): the named
 * resources of every container matching `-c` (default `*`) are set, in canonical form, the
 * others kept. On a Deployment this is a template change, so a rollout follows, as the HPA
 * walk-throughs rely on (an HPA on CPU needs the request).
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isQuantityError, parseQuantity } from "../../k8s/quantity.ts";
import type { Container } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag, selectorFlag } from "../flags.ts";
import { fail, type KubectlOptions, type KubectlResult } from "../result.ts";
import { updateSelectedContainers } from "./setContainers.ts";

/** generateversioned populateResourceListV1: `cpu=200m,memory=512Mi`, each value a quantity. */
export function parseResourceList(spec: string): Record<string, string> | string {
  const out: Record<string, string> = {};
  if (spec === "") return out;
  for (const statement of spec.split(",")) {
    const parts = statement.split("=");
    if (parts.length !== 2) return `Invalid argument syntax ${statement}, expected <resource>=<value>`;
    const q = parseQuantity(parts[1]);
    if (isQuantityError(q)) return q.message;
    out[parts[0]] = q.toString();
  }
  return out;
}

function runSetResources(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const limits = parseResourceList((cmd.flags.limits as string | undefined) ?? "");
  const requests = parseResourceList((cmd.flags.requests as string | undefined) ?? "");
  if (typeof limits === "string") return fail(`error: ${limits}`);
  if (typeof requests === "string") return fail(`error: ${requests}`);
  return updateSelectedContainers(cmd, cluster, options, {
    withInit: false,
    change: (c) => setResources(c, limits, requests),
    done: "resource requirements updated",
  });
}

function setResources(c: Container, limits: Record<string, string>, requests: Record<string, string>): void {
  const resources = { ...(c.resources ?? {}) };
  if (Object.keys(limits).length) resources.limits = { ...(resources.limits ?? {}), ...limits };
  if (Object.keys(requests).length) resources.requests = { ...(resources.requests ?? {}), ...requests };
  c.resources = resources;
}

/** set_resources.go Validate: one target and an update to requests or limits. */
export const setResourcesCommand: KubectlCommand = {
  verb: "set",
  sub: "resources",
  flags: [
    flag("containers", "string", "c"),
    flag("limits", "string"),
    flag("requests", "string"),
    recordFlag,
    flag("all", "bool"),
    selectorFlag,
    dryRunFlag,
    outputFlag,
    filenameFlag,
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    const used = ctx.targets(1);
    ctx.needOneTarget(true);
    for (const extra of pos.slice(used)) ctx.usage(`error: Unexpected args: [${extra.value}]`, extra);
    if (cmd.flags.limits === undefined && cmd.flags.requests === undefined)
      ctx.error(
        "error: you must specify an update to requests or limits (in the form of --requests/--limits)",
        ctx.verbTok,
      );
    for (const name of ["limits", "requests"] as const) {
      const v = cmd.flags[name] as string | undefined;
      const parsed = v === undefined ? {} : parseResourceList(v);
      if (typeof parsed === "string") ctx.error(`error: ${parsed}`, ctx.flagToken(name) ?? ctx.verbTok);
    }
  },
  run: runSetResources,
};
