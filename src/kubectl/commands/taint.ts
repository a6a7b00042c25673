/**
 * `kubectl taint nodes NODE… | --all | -l SEL KEY[=VALUE]:EFFECT… KEY[:EFFECT]-…
 * [--overwrite]` (kubectl/pkg/cmd/taint/taint.go and utils.go ParseTaints, ReorganizeTaints):
 * adds, changes or removes node taints and prints `node/NAME tainted`, `untainted` or
 * `modified`. The scheduler then keeps pods without a matching toleration off a NoSchedule
 * node, and the taint eviction controller deletes those on a NoExecute one. Example:
 * `kubectl taint nodes node-1 dedicated=gpu:NoSchedule`.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import type { Node, Taint } from "../../k8s/types.ts";
import { isQualifiedName, isValidLabelValue } from "../../k8s/validateMeta.ts";
import { formatApiError } from "../apiErrors.ts";
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, flag, outputFlag, selectorFlag } from "../flags.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import type { Token } from "../tokenize.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";
import { selectNodes } from "./cordon.ts";

const EFFECTS: readonly string[] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

/** A word taint.go reads as a taint change rather than a resource: it has `=` or ends in `-`. */
const isTaintWord = (w: string) => w.includes("=") || w.endsWith("-");

/** v1 Taint.ToString. */
export function taintString(t: { key: string; value?: string; effect?: string }): string {
  if (!t.effect) return t.value ? `${t.key}=${t.value}:` : t.key;
  return t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;
}

/** utils.go parseTaint: `key=value:effect`, `key:effect` or `key`. */
function parseTaint(spec: string): { key: string; value?: string; effect?: string } | string {
  const parts = spec.split(":");
  let key: string;
  let value: string | undefined;
  let effect: string | undefined;
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) return `invalid taint effect: ${effect}, unsupported taint effect`;
    const kv = parts[0].split("=");
    if (kv.length > 2) return `invalid taint spec: ${spec}`;
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = isValidLabelValue(value);
      if (errs.length) return `invalid taint spec: ${spec}, ${errs.join("; ")}`;
    }
  } else return `invalid taint spec: ${spec}`;
  const errs = isQualifiedName(key);
  if (errs.length) return `invalid taint spec: ${spec}, ${errs.join("; ")}`;
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

/** utils.go ParseTaints: the taints to add (each with an effect, unique by key and effect) and to remove. */
export function parseTaints(
  specs: readonly string[],
): { add: Taint[]; remove: { key: string; effect?: string }[] } | string {
  const add: Taint[] = [];
  const remove: { key: string; effect?: string }[] = [];
  for (const spec of specs) {
    if (spec.endsWith("-")) {
      const t = parseTaint(spec.slice(0, -1));
      if (typeof t === "string") return t;
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
      continue;
    }
    const t = parseTaint(spec);
    if (typeof t === "string") return t;
    if (!t.effect) return `invalid taint spec: ${spec}`;
    if (add.some((a) => a.key === t.key && a.effect === t.effect))
      return `duplicated taints with the same key and effect: {${t.key} ${t.value ?? ""} ${t.effect} <nil>}`;
    add.push(t as Taint);
  }
  return { add, remove };
}

/**
 * utils.go ReorganizeTaints: the new taints first, then the old ones they do not replace, less
 * those removed; the operation word, and an error for each removal that found nothing.
 */
export function reorganizeTaints(
  old: readonly Taint[],
  overwrite: boolean,
  add: readonly Taint[],
  remove: readonly { key: string; effect?: string }[],
): { operation: string; taints: Taint[]; errors: string[] } {
  let taints = [...add];
  for (const o of old) if (!taints.some((t) => t.key === o.key && t.effect === o.effect)) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => !(t.key === r.key && (r.effect === undefined || t.effect === r.effect)));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint ${JSON.stringify(taintString(r))} not found`);
  }
  const operation = (added && removed) || overwrite ? "modified" : added ? "tainted" : "untainted";
  return { operation, taints, errors };
}

function runTaint(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const parsed = parseTaints(cmd.args) as Exclude<ReturnType<typeof parseTaints>, string>;
  const found =
    cmd.flags.all === true ? { nodes: [...cluster.api.listAll("Node")] } : selectNodes(cmd, cluster);
  if ("error" in found) return found.error;
  let out = "";
  const errors: string[] = [];
  for (const node of found.nodes) {
    const old = node.spec?.taints ?? [];
    if (cmd.flags.overwrite !== true) {
      const exists = parsed.add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect));
      if (exists.length) {
        errors.push(
          `error: Node ${node.metadata.name} already has ${exists.map((t) => t.key).join(",")} taint(s) with same effect(s) and --overwrite is false`,
        );
        break;
      }
    }
    const {
      operation,
      taints,
      errors: notFound,
    } = reorganizeTaints(old, cmd.flags.overwrite === true, parsed.add, parsed.remove);
    if (notFound.length) {
      errors.push(`error: ${notFound.length === 1 ? notFound[0] : `[${notFound.join(", ")}]`}`);
      break;
    }
    if (!isDryRun(cmd)) {
      const spec = { ...(node.spec ?? {}) } as NonNullable<Node["spec"]>;
      if (taints.length) spec.taints = taints;
      else delete spec.taints;
      const res = cluster.api.update({ ...node, spec } as Node);
      if (isApiError(res)) {
        errors.push(formatApiError(res, "Node", node.metadata.name));
        break;
      }
    }
    out += `node/${node.metadata.name} ${operation}${dryRunSuffix(cmd)}\n`;
  }
  return errors.length ? fail(errors.join("\n"), false, out) : ok(out);
}

/** taint.go Complete and Validate: what kubectl refuses before it changes anything. */
function taintArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  const resources: Token[] = [];
  const changes: Token[] = [];
  for (const p of pos) {
    if (isTaintWord(p.value)) changes.push(p);
    else if (changes.length) {
      ctx.error(`error: all resources must be specified before taint changes: ${p.value}`, p);
      return;
    } else resources.push(p);
  }
  if (resources.length === 0) {
    ctx.error("error: one or more resources must be specified as <resource> <name>", ctx.endTok);
    return;
  }
  if (changes.length === 0) {
    const effectOnly = resources
      .slice(1)
      .find((r) => /^[^=:]+:(NoSchedule|PreferNoSchedule|NoExecute)$/.test(r.value));
    ctx.error(
      "error: at least one taint update is required",
      effectOnly ?? ctx.endTok,
      effectOnly
        ? `kubectl reads \`${effectOnly.value}\` as a node name (a taint word has \`=\` or ends in \`-\`): write \`${effectOnly.value.replace(":", "=:")}\``
        : undefined,
    );
    return;
  }
  cmd.args = changes.map((c) => c.value);
  const parsed = parseTaints(cmd.args);
  if (typeof parsed === "string") {
    ctx.usage(`error: ${parsed}`, changes[0]);
    return;
  }
  const type = resources[0].value.toLowerCase();
  if (type !== "node" && type !== "nodes") {
    ctx.usage(
      `error: invalid resource type ${resources[0].value}, only ["node" "nodes"] are supported`,
      resources[0],
    );
    return;
  }
  cmd.resource = ctx.kinds.of("Node");
  cmd.names = resources.slice(1).map((r) => r.value);
  const conflicts = parsed.add.flatMap((a) =>
    parsed.remove
      .filter((r) => r.key === a.key && (r.effect === undefined || r.effect === a.effect))
      .map((r) => `{"${r.key}":"${r.effect ?? ""}"}`),
  );
  if (conflicts.length)
    ctx.usage(
      `error: can not both modify and remove the following taint(s) in the same command: ${conflicts.join(", ")}`,
      changes[0],
    );
  else if (cmd.flags.all === true && cmd.flags.selector !== undefined)
    ctx.usage("error: setting 'all' parameter with a non empty selector is prohibited.", ctx.verbTok);
  else if (cmd.flags.all !== true && cmd.flags.selector === undefined && cmd.names.length === 0)
    ctx.usage(
      "error: at least one resource name must be specified since 'all' parameter is not set",
      resources[0],
    );
}

export const taintCommand: KubectlCommand = {
  verb: "taint",
  flags: [
    selectorFlag,
    flag("overwrite", "bool"),
    flag("all", "bool"),
    dryRunFlag,
    outputFlag,
    flag("validate", "string"),
  ],
  readOnly: false,
  args: taintArgs,
  run: (cmd, cluster) => runTaint(cmd, cluster),
};
