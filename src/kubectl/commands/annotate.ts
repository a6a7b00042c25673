/**
 * `kubectl annotate TYPE NAME key=value… key-… [--overwrite] [--list]` and
 * `kubectl label TYPE NAME key=value… key-… [--overwrite] [--list]` — or TYPE with -l SELECTOR
 * or --all for every object it selects — (kubectl/pkg/cmd/annotate,
 * kubectl/pkg/cmd/label): the same edit of a metadata map — changing an existing value needs
 * --overwrite, `key-` removes the key — with each command's own words. Relabeling a pod so
 * that its ReplicaSet's selector no longer matches releases it; the ReplicaSet makes another.
 */
import type { Cluster } from "../../engine/cluster.ts";
import * as msg from "../messages.ts";
import type { ParsedCommand } from "../command.ts";
import { fail, ok } from "../result.ts";
import type { KubectlResult } from "../result.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { lookupTarget, objectRef, writeBack } from "./common.ts";
import { noResources, selectObjects } from "./get.ts";
import { dict, hasOwn } from "../../k8s/safeKeys.ts";
import type { KubectlCommand } from "../command.ts";
import { dryRunFlag, filenameFlag, flag, outputFlag, recordFlag, selectorFlag } from "../flags.ts";

interface MapEdit {
  field: "labels" | "annotations";
  /** The error for changing an existing key without --overwrite. */
  exists: (key: string, value: string) => string;
  /** What the command prints: annotate always "annotated"; label says whether it changed. */
  done: (changed: boolean, removedOnly: boolean) => string;
}

const ANNOTATE: MapEdit = {
  field: "annotations",
  exists: msg.annotationExists,
  done: () => "annotated",
};

/** label.go updateDataChangeMsg: "not labeled" when nothing changed, "unlabeled" when only removed. */
const LABEL: MapEdit = {
  field: "labels",
  exists: msg.labelExists,
  done: (changed, removedOnly) => (!changed ? "not labeled" : removedOnly ? "unlabeled" : "labeled"),
};

function runEdit(cmd: ParsedCommand, cluster: Cluster, edit: MapEdit): KubectlResult {
  if (cmd.names.length === 0) return runEditSelected(cmd, cluster, edit);
  const found = lookupTarget(cmd, cluster);
  if ("error" in found) return found.error;
  return editOne(cmd, cluster, edit, found.object);
}

/** `TYPE -l SELECTOR` / `TYPE --all`: every object selected, a line each, in name order. */
function runEditSelected(cmd: ParsedCommand, cluster: Cluster, edit: MapEdit): KubectlResult {
  const { objects, errors } = selectObjects(cmd, cluster);
  if (errors.length) return fail(errors.join("\n"));
  if (!objects.length) return ok("", false, noResources(cmd) + "\n");
  let stdout = "";
  for (const obj of objects) {
    const r = editOne(cmd, cluster, edit, structuredClone(obj));
    if (r.exitCode !== 0) return { ...r, stdout: stdout + r.stdout };
    stdout += r.stdout;
  }
  return ok(stdout);
}

function editOne(cmd: ParsedCommand, cluster: Cluster, edit: MapEdit, obj: KubeObject): KubectlResult {
  // Prototype-free maps: a key named `constructor` is a key (src/k8s/safeKeys.ts).
  const before: Record<string, string> = Object.assign(dict<string>(), obj.metadata[edit.field] ?? {});
  const map: Record<string, string> = Object.assign(dict<string>(), before);
  if (cmd.flags.list === true)
    return ok(
      Object.keys(map)
        .sort()
        .map((k) => `${k}=${map[k]}\n`)
        .join(""),
      true,
    );
  for (const a of cmd.args) {
    if (a.endsWith("-") && !a.includes("=")) {
      delete map[a.slice(0, -1)];
      continue;
    }
    const eq = a.indexOf("=");
    const key = a.slice(0, eq);
    const value = a.slice(eq + 1);
    if (hasOwn(map, key) && map[key] !== value && cmd.flags.overwrite !== true)
      return fail(edit.exists(key, map[key]));
    map[key] = value;
  }
  const keys = (m: Record<string, string>) => Object.keys(m).length;
  const changed =
    JSON.stringify(Object.entries(before).sort()) !== JSON.stringify(Object.entries(map).sort());
  const removedOnly =
    changed && keys(map) < keys(before) && Object.entries(map).every(([k, v]) => before[k] === v);
  obj.metadata[edit.field] = { ...map };
  return writeBack(
    cluster,
    obj,
    `${objectRef(cmd.resource!, obj.metadata.name)} ${edit.done(changed, removedOnly)}`,
  );
}

const runAnnotate = (cmd: ParsedCommand, cluster: Cluster): KubectlResult => runEdit(cmd, cluster, ANNOTATE);
const runLabel = (cmd: ParsedCommand, cluster: Cluster): KubectlResult => runEdit(cmd, cluster, LABEL);

/** annotate's and label's flags (label has no --record). */
const metadataEditFlags = [
  flag("overwrite", "bool"),
  flag("all", "bool"),
  selectorFlag,
  dryRunFlag,
  outputFlag,
  filenameFlag,
  flag("list", "bool"),
  flag("resource-version", "string"),
];

/** TYPE NAME… (or TYPE with -l / --all), then key=value and key- words. */
const editArgs =
  (updateRequired: () => string): KubectlCommand["args"] =>
  (cmd, pos, ctx) => {
    const used = ctx.targets(Infinity, (w) => w.includes("=") || w.endsWith("-"));
    // TYPE with -l SELECTOR or --all edits every object it selects.
    ctx.needOneTarget(!(typeof cmd.flags.selector === "string" || cmd.flags.all === true));
    cmd.args = pos.slice(used).map((p) => p.value);
    if (pos.length && !cmd.args.length && !cmd.flags.list) ctx.usage(updateRequired(), ctx.endTok);
  };

export const annotateCommand: KubectlCommand = {
  verb: "annotate",
  flags: [...metadataEditFlags, recordFlag],
  readOnly: false,
  args: editArgs(msg.annotationUpdateRequired),
  run: (cmd, cluster) => runAnnotate(cmd, cluster),
};

export const labelCommand: KubectlCommand = {
  verb: "label",
  flags: metadataEditFlags,
  readOnly: false,
  args: editArgs(msg.labelUpdateRequired),
  run: (cmd, cluster) => runLabel(cmd, cluster),
};
