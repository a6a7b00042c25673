/**
 * `kubectl wait --for=condition=C[=V]|delete|jsonpath='{…}'[=V] (TYPE NAME… | TYPE/NAME… |
 * TYPE [-l SEL | --all] | -f FILE) [--timeout=30s]` (kubectl/pkg/cmd/wait/wait.go), as a
 * process in simulated time: the objects are found when the line runs, then waited on one
 * after another against one deadline (RunWait's shared context). Each that meets the
 * condition prints `deployment.apps/web condition met` at that instant; what is left at the
 * deadline fails with `timed out waiting for the condition on deployments/web`.
 *
 * - `condition=Available` matches a status condition by type and status, both compared
 *   case-insensitively (the status defaults to "true"); a condition whose observed generation
 *   (its own, else status.observedGeneration) is behind metadata.generation does not count
 *   (ConditionalWait.checkCondition).
 * - `delete`: the object is gone or replaced by another of the same name (its UID);
 *   named objects already gone are no error (RunWait ignores NotFound for delete).
 * - `jsonpath='{.status.readyReplicas}'=3`: the path's value printed as text equals the value
 *   (both trimmed); without a value, the path having one is enough (JSONPathWait).
 * - `--timeout=0` checks once: `condition not met for deployments/web`; a negative timeout
 *   waits a week.
 *
 * kubectl watches the objects and returns the instant the condition holds; here the check
 * runs when the line runs and then every second of simulated time (WAIT_POLL), so a
 * condition met between two checks is reported at the next.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { kindPrefix, type AnyKind } from "../../k8s/kinds/index.ts";
import type { KubeObject } from "../../k8s/types.ts";
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import { filenameFlag, flag, selectorFlag } from "../flags.ts";
import { notFoundText } from "../apiErrors.ts";
import { executeJsonPath, JsonPathError } from "../jsonpath.ts";
import { fail, ok, type KubectlOptions, type KubectlResult } from "../result.ts";
import { toWire } from "../serialize.ts";
import type { Token } from "../tokenize.ts";
import { parseGoDuration } from "./drain.ts";
import { filesOnly, targetObjects } from "./fileTargets.ts";

/** Seconds of simulated time between two checks of a condition not met yet. */
export const WAIT_POLL = 1;
/** wait.go: a negative --timeout waits 168 hours. */
const A_WEEK = 168 * 3600;
/** WaitFlags' default --timeout. */
const DEFAULT_TIMEOUT = 30;

/** What `--for` asks for (conditionFuncFor). */
export type WaitCondition =
  | { kind: "delete" }
  | { kind: "condition"; name: string; status: string }
  | { kind: "jsonpath"; template: string; value?: string };

/** conditionFuncFor: the `--for` text, or kubectl's error for it. */
export function parseWaitCondition(text: string): WaitCondition | string {
  if (text.toLowerCase() === "delete") return { kind: "delete" };
  if (text.startsWith("condition=")) {
    const rest = text.slice("condition=".length);
    const eq = rest.indexOf("=");
    return eq === -1
      ? { kind: "condition", name: rest, status: "true" }
      : { kind: "condition", name: rest.slice(0, eq), status: rest.slice(eq + 1) };
  }
  if (text.startsWith("jsonpath=")) {
    const parts = splitJsonPathInput(text.slice("jsonpath=".length));
    if (parts.length > 2)
      return "error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'";
    const expression = parts[0].trim();
    if (expression === "") return "error: jsonpath expression cannot be empty";
    // get.go RelaxedJSONPathExpression: `.status.x` and `{.status.x}` alike.
    const template = expression.startsWith("{") ? expression : `{${expression}}`;
    if (parts.length === 1) return { kind: "jsonpath", template };
    const value = parts[1].replace(/^['"]+|['"]+$/g, "");
    if (value === "")
      return "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3";
    return { kind: "jsonpath", template, value };
  }
  return `error: unrecognized condition: "${text}"`;
}

/** splitJSONPathInput: split on a single `=`; `==` stays (a filter's comparison). */
function splitJsonPathInput(input: string): string[] {
  const out: string[] = [];
  let element = "";
  for (let i = 0; i < input.length; i++) {
    if (input[i] === "=") {
      if (input[i + 1] === "=") {
        element += "==";
        i++;
        continue;
      }
      out.push(element);
      element = "";
      continue;
    }
    element += input[i];
  }
  out.push(element);
  return out;
}

/** Whether a live object meets a condition (delete is decided by the waiter: it needs the UID). */
export function conditionMet(obj: KubeObject, c: Exclude<WaitCondition, { kind: "delete" }>): boolean {
  if (c.kind === "jsonpath") {
    let text: string;
    try {
      text = executeJsonPath(c.template, toWire(obj));
    } catch (e) {
      if (e instanceof JsonPathError) return false;
      throw e;
    }
    return c.value === undefined ? text !== "" : text.trim() === c.value.trim();
  }
  const status = (obj as { status?: { conditions?: unknown[]; observedGeneration?: number } }).status;
  const generation = obj.metadata.generation;
  for (const raw of status?.conditions ?? []) {
    const condition = raw as { type?: string; status?: string; observedGeneration?: number };
    if (typeof condition.type !== "string" || !sameFold(condition.type, c.name)) continue;
    if (typeof condition.status !== "string") continue;
    const observed = condition.observedGeneration ?? status?.observedGeneration;
    if (generation !== undefined && observed !== undefined && observed < generation) return false;
    return sameFold(condition.status, c.status);
  }
  return false;
}

const sameFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

interface WaitTarget {
  kind: AnyKind;
  namespace: string;
  name: string;
  uid?: string;
}

/** The objects waited on, one after another, until the deadline. */
class Waiter {
  private index = 0;
  private readonly errors: string[] = [];

  constructor(
    private readonly targets: readonly WaitTarget[],
    private readonly condition: WaitCondition,
    private readonly deadline: number,
    private readonly once: boolean,
  ) {}

  step(cluster: Cluster): KubectlResult {
    let out = "";
    const now = cluster.now;
    while (this.index < this.targets.length) {
      const t = this.targets[this.index];
      const ref = `${kindPrefix(t.kind)}/${t.name}`;
      const live = cluster.api.get(cluster.kinds.key(t.kind), t.namespace, t.name);
      let met: boolean;
      if (this.condition.kind === "delete") met = this.deleted(cluster, t);
      else if (!live) {
        // The object went away while waited on (the watch's precondition: NotFound).
        this.errors.push(notFoundText(t.kind, t.name));
        this.index++;
        continue;
      } else met = conditionMet(live, this.condition);
      if (met) {
        out += `${ref} condition met\n`;
        this.index++;
        continue;
      }
      if (this.once) {
        this.errors.push(`error: condition not met for ${t.kind.plural}/${t.name}`);
        this.index++;
        continue;
      }
      if (now >= this.deadline) {
        // One context for every object: once it is done, what is left times out at once, but
        // for delete, IsDeleted looks the object up before it watches: one gone is still met.
        for (const left of this.targets.slice(this.index)) {
          const gone = this.condition.kind === "delete" && this.deleted(cluster, left);
          if (gone) out += `${kindPrefix(left.kind)}/${left.name} condition met\n`;
          else
            this.errors.push(
              `error: timed out waiting for the condition on ${left.kind.plural}/${left.name}`,
            );
        }
        this.index = this.targets.length;
        break;
      }
      const res = ok(out, true);
      res.follow = { after: Math.min(WAIT_POLL, this.deadline - now), run: (c) => this.step(c) };
      return res;
    }
    return this.errors.length ? fail(this.errors.join("\n"), true, out) : ok(out, true);
  }

  /** Gone, or replaced by another object of the same name (IsDeleted's UID check). */
  private deleted(cluster: Cluster, t: WaitTarget): boolean {
    const live = cluster.api.get(cluster.kinds.key(t.kind), t.namespace, t.name);
    return !live || live.metadata.uid !== t.uid;
  }
}

/** The objects the line names, found as the line runs (the resource builder's visit). */
function waitTargets(
  cmd: ParsedCommand,
  cluster: Cluster,
  options: KubectlOptions,
  forDelete: boolean,
): { targets: WaitTarget[]; errors: string[] } | KubectlResult {
  const named = targetObjects(cmd, cluster, options);
  if ("exitCode" in named) return named;
  // RunWait ignores NotFound when waiting for deletion: what is gone already is done.
  const errors = forDelete ? named.errors : [...named.errors, ...named.unselected];
  const targets = named.found.map(({ kind, object }) => ({
    kind,
    namespace: object.metadata.namespace ?? "",
    name: object.metadata.name,
    uid: object.metadata.uid,
  }));
  return { targets, errors };
}

function runWait(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const condition = parseWaitCondition((cmd.flags.for as string | undefined) ?? "");
  if (typeof condition === "string") return fail(condition, true);
  const found = waitTargets(cmd, cluster, options, condition.kind === "delete");
  if ("exitCode" in found) return found;
  if (found.targets.length === 0 && found.errors.length === 0 && condition.kind !== "delete")
    return fail("error: no matching resources found", true);
  const timeout = timeoutSeconds(cmd);
  const waiter = new Waiter(
    found.targets,
    condition,
    cluster.now + (timeout < 0 ? A_WEEK : timeout),
    timeout === 0,
  );
  const res = waiter.step(cluster);
  if (found.errors.length === 0) return res;
  // Objects the line named that were not there: their errors come first, the rest goes on.
  const stderr = found.errors.map((e) => `${e}\n`).join("") + res.stderr;
  return { ...res, exitCode: 1, stderr };
}

function timeoutSeconds(cmd: ParsedCommand): number {
  const text = cmd.flags.timeout as string | undefined;
  if (text === undefined) return DEFAULT_TIMEOUT;
  const negative = text.startsWith("-");
  const seconds = parseGoDuration(negative ? text.slice(1) : text) ?? DEFAULT_TIMEOUT;
  return negative ? -seconds : seconds;
}

function waitArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  const forText = cmd.flags.for as string | undefined;
  const forTok = ctx.flagToken("for") ?? ctx.verbTok;
  if (forText !== undefined) {
    const c = parseWaitCondition(forText);
    if (typeof c === "string") ctx.error(c, forTok);
  } else
    ctx.error(
      'error: unrecognized condition: ""',
      ctx.verbTok,
      "say what to wait for, e.g. `--for=condition=Available`",
    );
  const timeout = cmd.flags.timeout as string | undefined;
  if (timeout !== undefined && parseGoDuration(timeout.replace(/^-/, "")) === undefined)
    ctx.usage(
      `invalid argument "${timeout}" for "--timeout" flag: time: invalid duration "${timeout}"`,
      ctx.flagToken("timeout") ?? ctx.verbTok,
    );
  if (cmd.flags.filename) {
    filesOnly(pos, ctx);
    return;
  }
  if (!pos.length) {
    ctx.usage("error: You must provide one or more resources by argument or filename.", ctx.verbTok);
    return;
  }
  ctx.targets(Infinity);
}

/** wait.go: NewCmdWait with the resource builder's flags. */
export const waitCommand: KubectlCommand = {
  verb: "wait",
  flags: [
    flag("for", "string"),
    flag("timeout", "string"),
    flag("all", "bool"),
    flag("all-namespaces", "bool", "A"),
    selectorFlag,
    filenameFlag,
    flag("recursive", "bool", "R"),
  ],
  readOnly: true,
  args: waitArgs,
  run: runWait,
  // The run lasts until the timeout at least, so a wait is never cut short by the scenario's
  // end; a negative timeout (a week) does not stretch it.
  facts: (cmd) => {
    const timeout = timeoutSeconds(cmd);
    return timeout >= 0 ? { runsFor: timeout } : {};
  },
};
