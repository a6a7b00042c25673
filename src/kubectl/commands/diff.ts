/**
 * `kubectl diff -f FILE|DIR [-R] | -k DIR` (kubectl/pkg/cmd/diff/diff.go): each object of the
 * files, live against what `kubectl apply` would make of it, printed as `diff -u -N` prints
 * the two folders kubectl writes them to.
 *
 * - MERGED is the API server's answer to the apply sent with dryRun=All: the three-way merge
 *   apply computes (apply.ts appliedOver), from the manifest without the last-applied
 *   annotation (diff.go builds it with annotate=false, so the live annotation stays), admitted,
 *   defaulted and prepared by the API server as the real write would be
 *   (metadata.generation bumped when the spec changes), nothing stored; an object not there
 *   yet is a dry-run create of the object as the file holds it (uid, creationTimestamp set).
 * - Each version is written as sigs.k8s.io/yaml prints the object (keys sorted) to
 *   `/tmp/LIVE-NNN/<group>.<version>.<Kind>.<namespace>.<name>` and `/tmp/MERGED-NNN/…`
 *   (InfoObject.Name; os.MkdirTemp's random decimal suffix, here drawn from a stream seeded by
 *   the run's seed, the instant and the line, so a run prints the same names every time). A
 *   new object's LIVE file is written empty. managedFields are dropped (diff.go
 *   omitManagedFields, unless --show-managed-fields; the simulated API server keeps none), and
 *   a v1 Secret's data values are masked (Masker: `***`, or `*** (before)` / `*** (after)` for
 *   a value that changes).
 * - diff runs on the two folders: for each file name in order whose contents differ,
 *   `diff -u -N LIVE MERGED`, then `--- LIVE<TAB>mtime` and `+++ MERGED<TAB>mtime` (the files'
 *   modification times: the instant the line runs, from the run's epoch) and the hunks.
 *
 * Exit status as diff.go documents it: 0 no differences, 1 differences, >1 an error (the
 * error's code plus one, cmdutil.CheckDiffErr: 2). An error in any object stops the command
 * before diff runs, so nothing is printed but the error. A scenario line fails when kubectl
 * prints an error (stderr); exit status 1 with differences prints them and does not fail the
 * run, as a `| grep` that selects nothing does not.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { mulberry32 } from "../../engine/rng.ts";
import { labelsMatch } from "../../k8s/labels.ts";
import { EPOCH_MS } from "../../k8s/time.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { formatApiError } from "../apiErrors.ts";
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import { filenameFlag, flag, selectorFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import type { KubectlOptions, KubectlResult } from "../result.ts";
import { parseSelector } from "../selectorParse.ts";
import type { Token } from "../tokenize.ts";
import { toWire } from "../serialize.ts";
import { appliedOver } from "./apply.ts";
import { fileObjects, kustomizeFlagsOk } from "./fileTargets.ts";
import { toYAMLText } from "./output.ts";
import { unifiedHunks } from "./unifiedDiff.ts";

/** cmdutil.CheckDiffErr: an error's exit code plus one, so that 1 keeps meaning "differences". */
const DIFF_ERROR_EXIT = 2;

const diffError = (stderr: string, stdout = ""): KubectlResult => ({
  exitCode: DIFF_ERROR_EXIT,
  stdout,
  stderr: stderr.endsWith("\n") ? stderr : stderr + "\n",
  readOnly: true,
});

/** diff.go masks: every value the same length, a changed one marked so the diff still shows it. */
const MASK = "***";
const MASK_BEFORE = "*** (before)";
const MASK_AFTER = "*** (after)";

function diffArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  if (!kustomizeFlagsOk(cmd, ctx)) return;
  // FilenameOptions.RequireFilenameOrKustomize, then Complete's "Unexpected args".
  if (!cmd.flags.filename && cmd.flags.kustomize === undefined)
    ctx.usage(msg.mustSpecifyFilename(), ctx.verbTok);
  if (pos.length) ctx.usage(`error: Unexpected args: [${pos.map((p) => p.value).join(" ")}]`, pos[0]);
  if (cmd.flags["force-conflicts"] === true && cmd.flags["server-side"] !== true)
    ctx.error("error: --force-conflicts only works with --server-side", ctx.flagToken("force-conflicts")!);
  else if (cmd.flags["server-side"] === true)
    ctx.error(
      msg.notSupported("kubectl diff --server-side (server-side apply's field ownership)"),
      ctx.flagToken("server-side")!,
      "drop --server-side: kubectl diff then compares against what client-side `kubectl apply` would make",
    );
  if (cmd.flags.prune === true)
    ctx.error(
      msg.notSupported("kubectl diff --prune"),
      ctx.flagToken("prune")!,
      "drop --prune: the objects the files name are compared",
    );
  const selector = cmd.flags.selector;
  if (typeof selector === "string") {
    const parsed = parseSelector(selector);
    if (typeof parsed === "string") ctx.error(`error: ${parsed}`, ctx.flagToken("selector")!);
  }
}

/** InfoObject.Name: `apps.v1.Deployment.default.web`, `v1.Namespace..prod`. */
function fileName(o: KubeObject): string {
  const slash = o.apiVersion.indexOf("/");
  const group = slash < 0 ? "" : o.apiVersion.slice(0, slash);
  const version = slash < 0 ? o.apiVersion : o.apiVersion.slice(slash + 1);
  return `${group ? group + "." : ""}${version}.${o.kind}.${o.metadata.namespace ?? ""}.${o.metadata.name}`;
}

/** FNV-1a over the text: the seed of the line's own stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** GNU diff's header time (`%Y-%m-%d %H:%M:%S.%N %z`) for a file written at simulated time t, in UTC. */
function mtime(t: number): string {
  const whole = Math.floor(t);
  const iso = new Date(EPOCH_MS + whole * 1000).toISOString();
  const nanos = String(Math.round((t - whole) * 1e9)).padStart(9, "0");
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${nanos} +0000`;
}

/** The object as the API server returns it to kubectl: wire form, without managedFields. */
function wire(o: KubeObject, cluster: Cluster): Record<string, unknown> {
  const w = toWire(o, cluster.kinds.forObject(o)?.omitEmpty ?? []);
  const meta = w.metadata as Record<string, unknown> | undefined;
  if (meta) delete meta.managedFields;
  return w;
}

/** diff.go Masker, on a v1 Secret's `data`. */
function maskSecret(from: Record<string, unknown> | undefined, to: Record<string, unknown>): void {
  const dataOf = (o: Record<string, unknown> | undefined) =>
    o && typeof o.data === "object" && o.data !== null ? (o.data as Record<string, unknown>) : undefined;
  const f = dataOf(from);
  const t = dataOf(to);
  for (const k of Object.keys(f ?? {})) {
    if (t && k in t) {
      if (f![k] !== t[k]) {
        f![k] = MASK_BEFORE;
        t[k] = MASK_AFTER;
        continue;
      }
      t[k] = MASK;
    }
    f![k] = MASK;
  }
  for (const k of Object.keys(t ?? {})) if (!f || !(k in f)) t![k] = MASK;
}

function runDiff(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const read = fileObjects(cmd, cluster, options);
  if ("exitCode" in read) return { ...read, exitCode: DIFF_ERROR_EXIT, readOnly: true };
  if (read.errors.length) return diffError(read.errors[0]);
  const api = cluster.api;
  if (!api.dryRunCreate || !api.dryRunUpdate)
    return diffError("error: the server does not support dry-run: kubectl diff needs it");
  const stream = mulberry32(hash(`${cluster.settings.seed}\u0000${cluster.now}\u0000${cmd.commandLine}`));
  const tempDir = (prefix: string) => `/tmp/${prefix}-${Math.floor(stream.next() * 4294967296)}`;
  const liveDir = tempDir("LIVE");
  const mergedDir = tempDir("MERGED");
  const selector = typeof cmd.flags.selector === "string" ? parseSelector(cmd.flags.selector) : undefined;
  const files = new Map<string, { live: string; merged: string }>();
  for (const { object } of read.objects) {
    if (typeof selector === "object" && !labelsMatch(selector, object.metadata.labels)) continue;
    const name = object.metadata?.name;
    // info.Get() of an object without a name (generateName): the client refuses the request.
    if (!name) return diffError("error: resource name may not be empty");
    const live = api.get(object.kind, object.metadata.namespace ?? "", name);
    let merged: KubeObject | undefined;
    if (!live) {
      // diff.go Merged: a dry-run create of the object as the file holds it.
      const created = api.dryRunCreate(object, stream);
      if (isApiError(created)) return diffError(formatApiError(created, object.kind, name));
      merged = created;
    } else {
      const next = appliedOver(object, live, false);
      if (next !== undefined) {
        const updated = api.dryRunUpdate(next);
        if (isApiError(updated)) return diffError(formatApiError(updated, object.kind, name));
        merged = updated;
      } else merged = live;
    }
    const from = live ? wire(live, cluster) : undefined;
    const to = wire(merged, cluster);
    if (object.apiVersion === "v1" && (object.kind as string) === "Secret") maskSecret(from, to);
    files.set(fileName(object), { live: from ? toYAMLText(from) : "", merged: toYAMLText(to) });
  }
  const when = mtime(cluster.now);
  let out = "";
  for (const name of [...files.keys()].sort()) {
    const { live, merged } = files.get(name)!;
    const hunks = unifiedHunks(live, merged);
    if (hunks === "") continue;
    const a = `${liveDir}/${name}`;
    const b = `${mergedDir}/${name}`;
    out += `diff -u -N ${a} ${b}\n--- ${a}\t${when}\n+++ ${b}\t${when}\n${hunks}`;
  }
  return { exitCode: out === "" ? 0 : 1, stdout: out, stderr: "", readOnly: true };
}

export const diffCommand: KubectlCommand = {
  verb: "diff",
  flags: [
    filenameFlag,
    flag("kustomize", "string", "k"),
    flag("recursive", "bool", "R"),
    selectorFlag,
    flag("server-side", "bool"),
    flag("force-conflicts", "bool"),
    flag("field-manager", "string"),
    flag("prune", "bool"),
    flag("prune-allowlist", "stringArray"),
    flag("show-managed-fields", "bool"),
    flag("concurrency", "int"),
  ],
  readOnly: true,
  args: diffArgs,
  run: runDiff,
};
