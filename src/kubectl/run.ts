/**
 * runKubectl: parse a command line, run it against the cluster, and return what kubectl
 * would print (stdout, stderr, exit code), whether it only read, and for `get -w` what to
 * watch. A trailing `| grep [-i] [-v] PATTERN` filters stdout line by line, as the user's
 * shell would (kubectl itself never sees it).
 */
import type { Cluster } from "../engine/cluster.ts";
import type { GrepFilter, ParsedCommand } from "./command.ts";
import { parseKubectl } from "./parse.ts";
import type { KubectlDiagnostic } from "./parse.ts";
import type { KubectlOptions, KubectlResult } from "./result.ts";
import { compileGrep } from "./grepPattern.ts";
import * as msg from "./messages.ts";

/** How kubectl ends a usage error: the message, then where to get help. */
export function diagnosticText(d: KubectlDiagnostic): string {
  if (d.kind === "unknownCommand") {
    // cobra: the suggestions end in a newline and PrintErrln adds one more.
    return `${d.message}${d.hint ? `\n\n${d.hint}\n` : ""}\nRun '${d.parent ?? "kubectl"} --help' for usage.\n`;
  }
  return `${d.message}${d.usage ? `\n${d.usage}` : ""}\n`;
}

export function runKubectl(
  commandLine: string,
  cluster: Cluster,
  options: KubectlOptions = {},
): KubectlResult {
  const parsed = parseKubectl(commandLine, {
    kinds: cluster.kinds,
    commands: options.commands,
    version: options.version,
  });
  if (!parsed.command) {
    return {
      exitCode: 1,
      stdout: "",
      stderr: parsed.diagnostics.map((d) => diagnosticText(d)).join(""),
      readOnly: true,
    };
  }
  return runParsed(parsed.command, cluster, options);
}

/**
 * Run a command line parsed before (a scenario's plan parses each line once): the command's
 * own module does the work, and a trailing `| grep` filters what it printed.
 */
export function runParsed(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions = {}): KubectlResult {
  // A kind parsed when it was served may be gone by the time the line runs (its
  // CustomResourceDefinition deleted, or not created yet): the RESTMapper no longer maps it.
  const unserved = [cmd.resource, ...(cmd.resources ?? [])].find((r) => r && !cluster.kinds.get(r.kind));
  if (unserved)
    return {
      exitCode: 1,
      stdout: "",
      stderr: `${msg.unknownResourceType(cmd.resourceWord ?? unserved.plural)}\n`,
      readOnly: true,
    };
  let result = cmd.command.run(cmd, cluster, options);
  // A deprecated flag's notice comes first on stderr, before anything the command prints.
  if (cmd.warnings.length)
    result = { ...result, stderr: cmd.warnings.map((w) => `${w}\n`).join("") + result.stderr };
  if (!cmd.grep) return result;
  // A watch's later lines go through the same grep, as they reach it.
  const g = cmd.grep;
  if (result.watch) result = { ...result, watch: { ...result.watch, lineFilter: (t) => grepLater(t, g) } };
  const events = result.eventWatch;
  if (events)
    result = {
      ...result,
      eventWatch: { lines: () => events.lines().map((l) => ({ ...l, text: grepLater(l.text, g) })) },
    };
  // The pipeline's status is grep's: 1 when no line matched (and kubectl's own failure still shows on stderr).
  const matched = grepLines(result.stdout, cmd.grep).length > 0;
  return { ...result, stdout: grep(result.stdout, cmd.grep), exitCode: result.exitCode || (matched ? 0 : 1) };
}

/**
 * grep's line filter: -i ignores case, -v inverts, -E takes an extended regular expression;
 * a basic pattern is matched with its regex metacharacters `.`, `*`, `^`, `$`, `[…]` and the
 * rest literal. Example: `describe deploy x | grep -i image:` keeps "    Image:      busybox:v3".
 */
/** What grep prints of a watch's later lines: `-c` prints its count only when its input ends, which a watch's never does. */
export const grepLater = (text: string, g: GrepFilter): string => (g.count ? "" : grep(text, g));

export function grep(text: string, g: GrepFilter): string {
  if (g.count) return `${grepLines(text, g).length}\n`;
  if (g.after === undefined && g.before === undefined) {
    const kept = grepLines(text, g);
    return kept.length ? kept.join("\n") + "\n" : "";
  }
  return withContext(text, g);
}

/**
 * GNU grep's -A/-B/-C: each matching line with the lines around it; groups that do not touch
 * are separated by a line `--`. Example: `describe pod x | grep -A 2 Events:`.
 */
function withContext(text: string, g: GrepFilter): string {
  const re = compileGrep(g.pattern, g);
  if ("error" in re) return "";
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const after = g.after ?? 0;
  const before = g.before ?? 0;
  const shown = new Array<boolean>(lines.length).fill(false);
  for (let i = 0; i < lines.length; i++) {
    if (re.test(lines[i]) === g.invert) continue;
    for (let j = Math.max(0, i - before); j <= Math.min(lines.length - 1, i + after); j++) shown[j] = true;
  }
  let out = "";
  let last = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!shown[i]) continue;
    if (last >= 0 && i > last + 1) out += "--\n";
    out += `${lines[i]}\n`;
    last = i;
  }
  return out;
}

function grepLines(text: string, g: GrepFilter): string[] {
  const re = compileGrep(g.pattern, g);
  // parseKubectl has refused a pattern that does not compile.
  if ("error" in re) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.filter((l) => re.test(l) !== g.invert);
}
