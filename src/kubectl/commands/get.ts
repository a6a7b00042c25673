/**
 * `kubectl get TYPE [NAME…] [-o …] [-l SELECTOR] [--sort-by FIELD] [-w]`. Lists come sorted
 * by name (the API server lists in key order) unless --sort-by says otherwise; `get events`
 * is events.ts. An empty list prints `No resources found in default
 * namespace.` on stderr; a missing name prints the API server's NotFound and exits 1, after
 * printing whatever was found.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { labelsMatch } from "../../k8s/labels.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { notFoundText } from "../apiErrors.ts";
import * as msg from "../messages.ts";
import type { ParsedCommand } from "../command.ts";
import type { AnyKind } from "../../k8s/kinds/index.ts";
import { apiVersionOf } from "../../k8s/kinds/descriptor.ts";
import { inVersion, readApiVersion } from "../../k8s/kinds/stored/crd.ts";
import { fail, ok } from "../result.ts";
import type { KubectlOptions, KubectlResult, WatchColumns } from "../result.ts";
import { formatWatchListing } from "../watch.ts";
import { commandFor, fileTargets, filesOnly } from "./fileTargets.ts";
import { parseSelector } from "../selectorParse.ts";
import { toWire } from "../serialize.ts";
import { namespaceFor } from "./common.ts";
import { runGetEvents } from "./events.ts";
import { runGetRaw } from "./getRaw.ts";
import { runGetSubresource, SUPPORTED_SUBRESOURCES } from "./getSubresource.ts";
import { sortByField } from "./sortBy.ts";
import { printObjects, table } from "./output.ts";
import { labelColumnsOf } from "../printers/table.ts";
import { targetsStyleOf } from "../version.ts";
import type { ArgsContext, KubectlCommand } from "../command.ts";
import { filenameFlag, flag, outputFlag, selectorFlag } from "../flags.ts";
import type { Token } from "../tokenize.ts";
import { selectByFields } from "../fieldSelector.ts";
import { getObject, listObjects } from "../implicitNodes.ts";

/** The API server lists in key order: namespace, then name (etcd's /registry/<resource>/<ns>/<name>). */
const byKey = (a: KubeObject, b: KubeObject) => {
  const an = a.metadata.namespace ?? "";
  const bn = b.metadata.namespace ?? "";
  if (an !== bn) return an < bn ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
};

/**
 * The objects a get/describe names: every one of the type (optionally by selector), or the
 * named ones; a custom resource's as read in the version the command names, else its group's
 * preferred one (stored/crd.ts readApiVersion).
 */
export function selectObjects(
  cmd: ParsedCommand,
  cluster: Cluster,
): { objects: KubeObject[]; errors: string[]; missing?: string[] } {
  const selected = selectStored(cmd, cluster);
  const apiVersion = readApiVersion(cmd.resource as AnyKind, cmd.apiVersion);
  if (apiVersion === undefined) return selected;
  return { ...selected, objects: selected.objects.map((o) => inVersion(o, apiVersion)) };
}

function selectStored(
  cmd: ParsedCommand,
  cluster: Cluster,
): { objects: KubeObject[]; errors: string[]; missing?: string[] } {
  const r = cmd.resource as AnyKind;
  if (cmd.names.length) {
    const objects: KubeObject[] = [];
    const errors: string[] = [];
    const missing: string[] = [];
    for (const n of cmd.names) {
      const o = getObject(cluster, cluster.kinds.key(r), namespaceFor(cmd, r), n);
      if (o) objects.push(o);
      else {
        errors.push(notFoundText(r, n));
        missing.push(n);
      }
    }
    return { objects, errors, missing };
  }
  let objects = [
    ...listObjects(cluster, cluster.kinds.key(r), cmd.allNamespaces ? undefined : namespaceFor(cmd, r)),
  ].sort(byKey);
  if (typeof cmd.flags.selector === "string") {
    const sel = parseSelector(cmd.flags.selector);
    if (typeof sel === "string") return { objects: [], errors: [sel] };
    objects = objects.filter((o) => labelsMatch(sel, o.metadata.labels));
  }
  if (typeof cmd.flags["field-selector"] === "string") {
    const selected = selectByFields(objects, r.kind, cmd.flags["field-selector"], (o) => o, {
      resource: `${r.group}/${apiVersionOf(r).split("/").pop()}, Resource=${r.plural}`,
      labelSelector: typeof cmd.flags.selector === "string" ? cmd.flags.selector : "",
    });
    if ("error" in selected) return { objects: [], errors: [selected.error] };
    objects = selected;
  }
  if (typeof cmd.flags["sort-by"] === "string") {
    const sorted = sortByField(objects, toWire, cmd.flags["sort-by"]);
    if (typeof sorted === "string") return { objects: [], errors: [sorted] };
    objects = sorted;
  }
  return { objects, errors: [] };
}

/**
 * `get TYPE1,TYPE2 [NAME…]`: one table per type that has objects, names prefixed with their
 * type (`deployment.apps/web`), tables separated by a blank line; other formats print one
 * list. A name some type lacks is that type's NotFound on stderr, after what was found.
 */
function runGetSeveral(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const groups = (cmd.resources as AnyKind[]).map((r) => selectObjects({ ...cmd, resource: r }, cluster));
  const errors = groups.flatMap((g) => g.errors);
  const all = groups.flatMap((g) => g.objects);
  if (errors.length) {
    const found = all.length ? printSeveral(cmd, cluster, groups, all).stdout : "";
    return fail(errors.join("\n"), true, found);
  }
  if (!all.length) return ok("", true, noResources(cmd) + "\n");
  return printSeveral(cmd, cluster, groups, all);
}

function printSeveral(
  cmd: ParsedCommand,
  cluster: Cluster,
  groups: readonly { objects: KubeObject[] }[],
  all: readonly KubeObject[],
): KubectlResult {
  if (cmd.output && cmd.output.kind !== "table")
    return printObjects(all, cmd, cluster, false, targetsStyleOf(cmd.version));
  const wide = cmd.output?.kind === "table" && cmd.output.wide;
  const tables = groups
    .filter((g) => g.objects.length)
    .map(
      (g) =>
        table(cluster.kinds.ofObject(g.objects[0]), g.objects, {
          now: cluster.now,
          wide,
          showLabels: cmd.flags["show-labels"] === true,
          labelColumns: labelColumnsOf(cmd.flags["label-columns"]),
          noHeaders: cmd.flags["no-headers"] === true,
          targetsStyle: targetsStyleOf(cmd.version),
          printersMinor: cmd.version,
          withKind: true,
          allNamespaces: cmd.allNamespaces && cluster.kinds.ofObject(g.objects[0]).namespaced,
        }).text,
    );
  return ok(tables.join("\n"), true);
}

/**
 * `get -f FILE`: the live objects the files name. One kind prints as `get TYPE NAME…` would;
 * several as `get TYPE1,TYPE2` does, each name with its type (get.go multipleGVKsRequested).
 */
function runGetFiles(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const found = fileTargets(cmd, cluster, options);
  if ("exitCode" in found) return found;
  if (found.targets.length === 1 && found.errors.length === 0)
    return runGet(commandFor(cmd, found.targets[0]), cluster, options);
  const groups = found.targets.map((t) => selectObjects(commandFor(cmd, t), cluster));
  const errors = [...found.errors, ...groups.flatMap((g) => g.errors)];
  const all = groups.flatMap((g) => g.objects);
  const printed = all.length ? printSeveral(cmd, cluster, groups, all).stdout : "";
  return errors.length ? fail(errors.join("\n"), true, printed) : ok(printed, true);
}

function runGet(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions = {}): KubectlResult {
  if (typeof cmd.flags.raw === "string") return runGetRaw(cmd, cluster);
  if (typeof cmd.flags.subresource === "string") {
    const answered = runGetSubresource(cmd, cluster);
    if (answered !== undefined) return answered;
  }
  if (cmd.flags.filename && !cmd.resource) return runGetFiles(cmd, cluster, options);
  if (cmd.events) return runGetEvents(cmd, cluster);
  if ((cmd.resources?.length ?? 0) > 1) return runGetSeveral(cmd, cluster);
  const watch = cmd.flags.watch === true || cmd.flags["watch-only"] === true;
  const { objects, errors, missing } = selectObjects(watch ? withoutSort(cmd) : cmd, cluster);
  const single = cmd.names.length === 1;
  let result: KubectlResult;
  if (watch && cmd.names.length > 1 && !errors.length) {
    // get.go watch() prints the objects, then asks for the watch: the resource builder has a
    // source per name, and resource.Result.Watch watches only one (cli-runtime result.go).
    const listed = startWatch(cmd, cluster, objects).stdout;
    return fail("error: you may only watch a single resource or type of resource at a time", true, listed);
  }
  if (watch) result = startWatch(cmd, cluster, objects);
  else result = printObjects(objects, cmd, cluster, single, targetsStyleOf(cmd.version));
  if (!objects.length && !errors.length && !watch) result = { ...result, stderr: noResources(cmd) + "\n" };
  if (errors.length) result = fail(errors.join("\n"), true, result.stdout);
  if (missing?.length) result = { ...result, notFound: missing };
  if (watch && typeof cmd.flags["sort-by"] === "string")
    result = { ...result, stderr: watchSortIgnored + (result.stderr ?? "") };
  return { ...result, readOnly: true };
}

/** get.go Complete: a watch lists in the API server's order, whatever --sort-by says. */
const watchSortIgnored = "warning: --watch or --watch-only requested, --sort-by will be ignored\n";

const withoutSort = (cmd: ParsedCommand): ParsedCommand => {
  if (cmd.flags["sort-by"] === undefined) return cmd;
  const flags = { ...cmd.flags };
  delete flags["sort-by"];
  return { ...cmd, flags };
};

/**
 * get.go watch(): the objects first (none with --watch-only), then the watch the caller
 * keeps, which prints each change with the same printer (watch.ts).
 */
function startWatch(cmd: ParsedCommand, cluster: Cluster, objects: readonly KubeObject[]): KubectlResult {
  const r = cmd.resource as AnyKind;
  const single = cmd.names.length === 1;
  const watchOnly = cmd.flags["watch-only"] === true;
  const output = cmd.output?.kind === "table" ? undefined : cmd.output;
  const watchEvents = cmd.flags["output-watch-events"] === true;
  const readVersion = readApiVersion(r, cmd.apiVersion);
  const columns: WatchColumns = {
    wide: cmd.output?.kind === "table" && cmd.output.wide,
    showLabels: cmd.flags["show-labels"] === true,
    labelColumns: labelColumnsOf(cmd.flags["label-columns"]),
    allNamespaces: cmd.allNamespaces && r.namespaced,
    targetsStyle: targetsStyleOf(cmd.version),
    printersMinor: cmd.version,
    ...(output ? { output } : {}),
    ...(watchEvents ? { watchEvents } : {}),
    ...(cmd.flags["no-headers"] === true ? { noHeaders: true } : {}),
    ...(readVersion !== undefined ? { readVersion } : {}),
    ...(r.namespaced && !cmd.allNamespaces ? { namespace: namespaceFor(cmd, r) } : {}),
    ...(typeof cmd.flags.selector === "string" ? { selector: cmd.flags.selector } : {}),
    ...(typeof cmd.flags["field-selector"] === "string"
      ? { fieldSelector: cmd.flags["field-selector"] }
      : {}),
  };
  // The watch is on the kind's key (`Kind.group` where two groups share its name).
  const request = { kind: cluster.kinds.key(r), ...(single ? { name: cmd.names[0] } : {}) };
  const shown = watchOnly ? [] : objects;
  if (!output && !watchEvents) {
    // kubectl's plain table, as `get` prints it; the rows after it keep its widths.
    const stdout = shown.length
      ? printObjects(shown, cmd, cluster, single, targetsStyleOf(cmd.version)).stdout
      : "";
    const widths = shown.length
      ? table(r, shown, { now: cluster.now, noHeaders: columns.noHeaders, ...columns }).widths
      : [];
    return {
      ...ok(stdout, true),
      watch: {
        ...request,
        columnWidths: widths,
        ...columns,
        printed: { any: stdout !== "" },
        ...passedBy(columns, objects),
      },
    };
  }
  const state = { ...columns, columnWidths: [] as number[], printed: { any: false } };
  const stdout = formatWatchListing(request.kind, shown, cluster, state);
  return { ...ok(stdout, true), watch: { ...request, ...state, ...passedBy(columns, objects) } };
}

/**
 * A watch with a selector starts knowing which objects its filter passes (every one listed,
 * printed or not under --watch-only): a later change decides ADDED, MODIFIED or DELETED
 * against them (watch.ts).
 */
const passedBy = (columns: WatchColumns, objects: readonly KubeObject[]) =>
  columns.selector !== undefined || columns.fieldSelector !== undefined
    ? { passed: new Map(objects.map((o) => [`${o.metadata.namespace ?? ""}/${o.metadata.name}`, o])) }
    : {};

/**
 * get.go's message for an empty list: `No resources found in prod namespace.`, or without a
 * namespace for `-A`. kubectl does not look at the kind's scope: an empty list of
 * PersistentVolumes is also "No resources found in default namespace.".
 */
export const noResources = (cmd: ParsedCommand): string =>
  cmd.allNamespaces ? "No resources found" : msg.noResourcesFound(cmd.namespace);

/** Spellings of the events resource (core/v1 and events.k8s.io/v1): plural, singular, short name. */
const EVENT_TYPES = ["events", "event", "ev", "events.events.k8s.io", "event.events.k8s.io"];

/**
 * get's and describe's TYPE words: `TYPE [NAME…]`, `TYPE/NAME…`, `TYPE1,TYPE2`, a category
 * (`get all`), or events (`get events`, which the recorder keeps).
 */
export function listArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  const watching = cmd.flags.watch === true || cmd.flags["watch-only"] === true;
  if (cmd.verb === "get" && typeof cmd.flags.raw === "string") {
    rawArgs(cmd, pos, ctx, watching);
    return;
  }
  if (cmd.verb === "get" && cmd.flags["output-watch-events"] === true && !watching)
    ctx.usage(
      "error: --output-watch-events option can only be used with --watch or --watch-only",
      ctx.flagToken("output-watch-events") ?? ctx.verbTok,
    );
  if (cmd.flags.filename) {
    filesOnly(pos, ctx);
    return;
  }
  if (!pos.length) {
    ctx.usage(msg.requiredResourceNotSpecified(), ctx.verbTok);
    return;
  }
  if (cmd.verb === "get" && typeof cmd.flags.subresource === "string") {
    subresourceArgs(cmd, pos, ctx);
    return;
  }
  const first = pos[0].value.toLowerCase();
  // get.go watch() builds its request with SingleResourceType(): the resource builder refuses
  // more than one type word (`pods,svc`, and `all`, which it expands to several) before it
  // asks the server anything (cli-runtime resource/builder.go resourceMappings).
  // The resource builder expands a discovery category before it looks a word up as a resource
  // (builder.go ReplaceAliases, the category expander): `all`, or a CRD's own (`kubectl get
  // prometheus-operator` lists every kind whose spec.names.categories has it).
  const category = cmd.verb === "get" && !first.includes(",") ? ctx.kinds.category(first) : [];
  if (
    cmd.verb === "get" &&
    watching &&
    (category.length > 1 || first === "all" || (first.includes(",") && !first.includes("/")))
  )
    ctx.error("error: you may only specify a single resource type", pos[0]);
  if (category.length) {
    if (pos.length > 1) ctx.error(msg.notSupported(`names after \`${first}\``), pos[1]);
    cmd.resources = category;
    cmd.resource = cmd.resources[0];
    return;
  }
  if (EVENT_TYPES.includes(first)) {
    if (cmd.verb === "describe") ctx.error(msg.notSupported("describe events"), pos[0]);
    else if (pos.length > 1) ctx.error(msg.notSupported("naming events"), pos[1]);
    else cmd.events = true;
    return;
  }
  if (pos[0].value.includes(",") && !pos[0].value.includes("/")) {
    // `get deploy,svc web`: every type with every name (the resource builder's pairs).
    cmd.names = pos.slice(1).map((p) => p.value);
    let offset = pos[0].start;
    const types: AnyKind[] = [];
    for (const word of pos[0].value.split(",")) {
      const r = ctx.type({ ...pos[0], value: word, start: offset, end: offset + word.length });
      offset += word.length + 1;
      if (r && !types.includes(r)) types.push(r);
    }
    if (types.length) {
      cmd.resource = types[0];
      cmd.resources = types;
    }
    return;
  }
  const used = ctx.targets(Infinity);
  for (const t of pos.slice(used))
    ctx.error(
      `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl ${cmd.verb} resource/<resource_name>' instead of 'kubectl ${cmd.verb} resource resource/<resource_name>'`,
      t,
    );
  // Objects are kept in one version (the kind's first); a table is the same in every version,
  // the object itself is not: printing it in another version would need that version's
  // conversion. A custom resource's is its apiVersion alone (selectObjects).
  const r = cmd.resource;
  const structured = cmd.output !== undefined && cmd.output.kind !== "table" && cmd.output.kind !== "name";
  if (
    cmd.verb === "get" &&
    r &&
    cmd.apiVersion &&
    structured &&
    cmd.apiVersion !== apiVersionOf(r) &&
    readApiVersion(r) === undefined
  )
    ctx.error(
      msg.notSupported(
        `printing a ${r.kind} as ${cmd.apiVersion} (its fields differ from ${apiVersionOf(r)})`,
      ),
      pos[0],
      `ask for ${r.shortNames[0] ?? r.plural}.${apiVersionOf(r).split("/").reverse().join(".")}, the same object in ${apiVersionOf(r)}`,
    );
}

/**
 * get.go Validate for --subresource (status or scale), then one TYPE and its NAMEs: the
 * resource builder refuses a subresource of a list ("bulk resources"). A Scale printed other
 * than as its table is beyond the simulator.
 */
function subresourceArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  const at = ctx.flagToken("subresource") ?? ctx.verbTok;
  const sub = String(cmd.flags.subresource);
  if (!SUPPORTED_SUBRESOURCES.includes(sub)) {
    ctx.error(
      `error: invalid subresource value: "${sub}". Must be one of [${SUPPORTED_SUBRESOURCES.join(" ")}]`,
      at,
    );
    return;
  }
  ctx.targets(Infinity);
  if (cmd.resource === undefined) return;
  if (!cmd.names.length || (cmd.resources?.length ?? 0) > 1) {
    ctx.error("error: subresource cannot be used when bulk resources are specified", at);
    return;
  }
  if (sub === "scale" && ctx.flagToken("output") !== undefined)
    ctx.error(msg.notSupported("printing a Scale other than as its table"), ctx.flagToken("output")!);
}

/**
 * get.go Complete and Validate for --raw: no TYPE or NAME, no flag that filters the request or
 * changes the output, and a path that parses as a request URI.
 */
function rawArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext, watching: boolean): void {
  const at = ctx.flagToken("raw") ?? ctx.verbTok;
  if (pos.length) ctx.error("error: arguments may not be passed when --raw is specified", pos[0]);
  else if (watching || typeof cmd.flags.selector === "string")
    ctx.error(
      "error: --raw may not be specified with other flags that filter the server request or alter the output",
      at,
    );
  else if (ctx.flagToken("output") !== undefined)
    ctx.error("error: --raw and --output are mutually exclusive", at);
  else if (!String(cmd.flags.raw).startsWith("/"))
    ctx.error(
      `error: --raw must be a valid URL path: parse "${String(cmd.flags.raw)}": invalid URI for request`,
      at,
    );
}

export const getCommand: KubectlCommand = {
  verb: "get",
  flags: [
    outputFlag,
    // The template of `-o go-template`/`-o jsonpath` written apart (printers' TemplateArgument).
    flag("template", "string"),
    selectorFlag,
    flag("watch", "bool", "w"),
    flag("watch-only", "bool"),
    flag("output-watch-events", "bool"),
    flag("show-managed-fields", "bool"),
    flag("show-labels", "bool"),
    flag("no-headers", "bool"),
    flag("all-namespaces", "bool", "A"),
    filenameFlag,
    flag("sort-by", "string"),
    flag("field-selector", "string"),
    flag("label-columns", "stringArray", "L"),
    flag("chunk-size", "int"),
    flag("raw", "string"),
    { ...flag("subresource", "string"), since: 24 },
  ],
  readOnly: true,
  args: listArgs,
  run: runGet,
  facts: (cmd) =>
    (cmd.flags.watch === true || cmd.flags["watch-only"] === true) && cmd.resource && !cmd.events
      ? { watches: { kind: cmd.resource.kind, ...(cmd.names.length === 1 ? { name: cmd.names[0] } : {}) } }
      : {},
};
