/**
 * `kubectl api-resources` and `kubectl api-versions` (kubectl/pkg/cmd/apiresources), against
 * the simulated API server's discovery (discovery.ts): the resources a default API server of
 * `kubectl.version` serves, and those of the CustomResourceDefinitions the scenario applied.
 *
 * api-resources prints NAME SHORTNAMES APIVERSION NAMESPACED KIND through kubectl's tabwriter,
 * sorted by API group then name (`--sort-by=name|kind` sorts by that field instead, stably,
 * ties by name). APIVERSION is `group/version` from kubectl 1.20 (kubernetes PR #95253; the
 * column was APIGROUP before). `-o wide` adds VERBS and, from 1.25, CATEGORIES, both joined
 * with commas (PR #111096, which also added `--categories`; before it VERBS printed as Go's
 * `[get list]`, a release whose discovery is not modelled, discovery.ts). `-o name` prints `RESOURCE.GROUP`. `--namespaced` filters only when given,
 * `--verbs` and `--categories` keep resources that have all of the listed ones.
 *
 * api-versions prints every served group/version, sorted (apiversions.go: sort.Strings).
 */
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import type { Cluster } from "../../engine/cluster.ts";
import { flag, outputFlag, type FlagSpec } from "../flags.ts";
import * as msg from "../messages.ts";
import { ok, type KubectlResult } from "../result.ts";
import type { Token } from "../tokenize.ts";
import { versionText } from "../version.ts";
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import {
  OLDEST_DISCOVERY,
  preferredResources,
  servedGroupVersions,
  type DiscoveredResource,
} from "./discovery.ts";

/** The release that added `--categories` and the CATEGORIES column (kubernetes PR #111096). */
const CATEGORIES_SINCE = 25;

/** pflag's StringSlice: every use adds its comma-separated values. */
const sliceFlag = (cmd: ParsedCommand, name: string): string[] =>
  ((cmd.flags[name] as string[] | undefined) ?? []).flatMap((v) => v.split(",")).filter((v) => v !== "");

/** Discovery of an API server older than the one modelled would be made up: refused. */
function oldestDiscovery(cmd: ParsedCommand, ctx: ArgsContext): void {
  if (cmd.version < OLDEST_DISCOVERY)
    ctx.error(
      msg.notSupported(
        `kubectl ${cmd.verb} against the API server of Kubernetes ${versionText(cmd.version)}`,
      ),
      ctx.verbTok,
      `the simulated API server's discovery is that of Kubernetes 1.${OLDEST_DISCOVERY} and later: \`set kubectl.version = 1.${OLDEST_DISCOVERY}\` or later`,
    );
}

function noArguments(pos: readonly Token[], ctx: ArgsContext): void {
  // Complete: cmdutil.UsageErrorf(cmd, "unexpected arguments: %v", args).
  if (pos.length) ctx.usage(`error: unexpected arguments: [${pos.map((t) => t.value).join(" ")}]`, pos[0]);
}

function apiResourcesArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  noArguments(pos, ctx);
  oldestDiscovery(cmd, ctx);
  const out = cmd.flags.output;
  const outTok = ctx.flagToken("output") ?? ctx.verbTok;
  if (out === "json" || out === "yaml")
    ctx.error(
      msg.notSupported(`kubectl api-resources -o ${out}`),
      outTok,
      "the table (`-o wide` adds the verbs and categories) and `-o name` are printed",
    );
  else if (typeof out === "string" && out !== "" && out !== "wide" && out !== "name")
    ctx.error(`error: --output ${out} is not available`, outTok);
  const sortBy = cmd.flags["sort-by"];
  if (typeof sortBy === "string" && sortBy !== "" && sortBy !== "name" && sortBy !== "kind")
    ctx.error("error: --sort-by accepts only name or kind", ctx.flagToken("sort-by") ?? ctx.verbTok);
}

/** sortableResource.Less: the field (the group by default), then the name; sort.Stable keeps discovery order for ties. */
function sortResources(resources: DiscoveredResource[], sortBy: string): DiscoveredResource[] {
  const field = (r: DiscoveredResource) =>
    sortBy === "name" ? r.name : sortBy === "kind" ? r.kind : r.group;
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // Array.prototype.sort is stable, as sort.Stable is.
  return resources.sort((a, b) => cmp(field(a), field(b)) || cmp(a.name, b.name));
}

function runApiResources(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const verbs = sliceFlag(cmd, "verbs");
  const categories = sliceFlag(cmd, "categories");
  const group = cmd.flags["api-group"];
  const namespaced = cmd.flags.namespaced;
  const resources = sortResources(
    preferredResources(cmd.version, cluster.kinds.all()).filter(
      (r) =>
        (typeof group !== "string" || r.group === group) &&
        (typeof namespaced !== "boolean" || r.namespaced === namespaced) &&
        verbs.every((v) => r.verbs.includes(v)) &&
        categories.every((c) => r.categories.includes(c)),
    ),
    typeof cmd.flags["sort-by"] === "string" ? cmd.flags["sort-by"] : "",
  );
  const output = typeof cmd.flags.output === "string" ? cmd.flags.output : "";
  if (output === "name")
    return ok(resources.map((r) => (r.group ? `${r.name}.${r.group}` : r.name) + "\n").join(""), true);
  const wide = output === "wide";
  const lines: string[] = [];
  if (cmd.flags["no-headers"] !== true) {
    const header = ["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
    if (wide) header.push("VERBS", "CATEGORIES");
    lines.push(header.join("\t"));
  }
  for (const r of resources) {
    const cells = [
      r.name,
      r.shortNames.join(","),
      r.group ? `${r.group}/${r.version}` : r.version,
      String(r.namespaced),
      r.kind,
    ];
    if (wide) cells.push(r.verbs.join(","), r.categories.join(","));
    lines.push(cells.join("\t"));
  }
  return ok(tabwrite(lines.map((l) => l + "\n").join(""), GET_TABWRITER), true);
}

const categoriesFlag: FlagSpec = { ...flag("categories", "stringArray"), since: CATEGORIES_SINCE };

export const apiResourcesCommand: KubectlCommand = {
  verb: "api-resources",
  flags: [
    outputFlag,
    flag("no-headers", "bool"),
    flag("api-group", "string"),
    flag("namespaced", "bool"),
    flag("verbs", "stringArray"),
    flag("sort-by", "string"),
    flag("cached", "bool"),
    categoriesFlag,
  ],
  readOnly: true,
  args: apiResourcesArgs,
  run: runApiResources,
};

export const apiVersionsCommand: KubectlCommand = {
  verb: "api-versions",
  flags: [],
  readOnly: true,
  args(cmd, pos, ctx) {
    noArguments(pos, ctx);
    oldestDiscovery(cmd, ctx);
  },
  run(cmd, cluster) {
    const versions = servedGroupVersions(cmd.version, cluster.kinds.all()).sort();
    return ok(versions.map((v) => v + "\n").join(""), true);
  },
};
