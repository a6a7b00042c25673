/**
 * runKubectl: parse a command line, run it against the cluster, and return what kubectl
 * would print (stdout, stderr, exit code), whether it only read, and for `get -w` what to
 * watch. A trailing `| grep [-i] [-v] PATTERN` filters stdout line by line, as the user's
 * shell would (kubectl itself never sees it).
 */
import type { Cluster } from "../engine/cluster.ts";
import { runAnnotate, runLabel } from "./commands/annotate.ts";
import { runApply } from "./commands/apply.ts";
import { runAutoscale } from "./commands/autoscale.ts";
import { runCreate } from "./commands/create.ts";
import { runDelete } from "./commands/delete.ts";
import { runDescribe } from "./commands/describe.ts";
import { runExpose } from "./commands/expose.ts";
import { runGet } from "./commands/get.ts";
import { runTopPod } from "./commands/top.ts";
import { runPatch } from "./commands/patch.ts";
import { runRollout } from "./commands/rollout.ts";
import { runScale } from "./commands/scale.ts";
import { runSetImage } from "./commands/setImage.ts";
import { parseKubectl } from "./parse.ts";
import type { GrepFilter, KubectlDiagnostic, ParsedCommand } from "./parse.ts";
import type { KubectlOptions, KubectlResult } from "./result.ts";
import { compileGrep } from "./grepPattern.ts";

/** How kubectl ends a usage error: the message, then where to get help. */
export function diagnosticText(d: KubectlDiagnostic): string {
  if (d.message.startsWith("error: unknown command")) {
    // cobra: the suggestions end in a newline and PrintErrln adds one more.
    const parent = /for "([^"]+)"/.exec(d.message)?.[1] ?? "kubectl";
    return `${d.message}${d.hint ? `\n\n${d.hint}\n` : ""}\nRun '${parent} --help' for usage.\n`;
  }
  return `${d.message}${d.usage ? `\n${d.usage}` : ""}\n`;
}

export function runKubectl(
  commandLine: string,
  cluster: Cluster,
  options: KubectlOptions = {},
): KubectlResult {
  const parsed = parseKubectl(commandLine);
  if (!parsed.command) {
    return {
      exitCode: 1,
      stdout: "",
      stderr: parsed.diagnostics.map((d) => diagnosticText(d)).join(""),
      readOnly: true,
    };
  }
  const cmd = parsed.command;
  const result = execute(cmd, cluster, options);
  if (!cmd.grep) return result;
  // The pipeline's status is grep's: 1 when no line matched (and kubectl's own failure still shows on stderr).
  const matched = grepLines(result.stdout, cmd.grep).length > 0;
  return { ...result, stdout: grep(result.stdout, cmd.grep), exitCode: result.exitCode || (matched ? 0 : 1) };
}

export function execute(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions = {}): KubectlResult {
  switch (cmd.verb) {
    case "create":
      return runCreate(cmd, cluster);
    case "apply":
      return runApply(cmd, cluster, options);
    case "set":
      return runSetImage(cmd, cluster, options);
    case "rollout":
      return runRollout(cmd, cluster);
    case "scale":
      return runScale(cmd, cluster, options);
    case "autoscale":
      return runAutoscale(cmd, cluster);
    case "delete":
      return runDelete(cmd, cluster);
    case "patch":
      return runPatch(cmd, cluster, options);
    case "annotate":
      return runAnnotate(cmd, cluster);
    case "label":
      return runLabel(cmd, cluster);
    case "expose":
      return runExpose(cmd, cluster);
    case "get":
      return runGet(cmd, cluster, options);
    case "describe":
      return runDescribe(cmd, cluster);
    case "top":
      return runTopPod(cmd, cluster);
  }
}

/**
 * grep's line filter: -i ignores case, -v inverts, -E takes an extended regular expression;
 * a basic pattern is matched with its regex metacharacters `.`, `*`, `^`, `$`, `[…]` and the
 * rest literal. Example: `describe deploy x | grep -i image:` keeps "    Image:      busybox:v3".
 */
export function grep(text: string, g: GrepFilter): string {
  const kept = grepLines(text, g);
  if (g.count) return `${kept.length}\n`;
  return kept.length ? kept.join("\n") + "\n" : "";
}

function grepLines(text: string, g: GrepFilter): string[] {
  const re = compileGrep(g.pattern, g);
  // parseKubectl has refused a pattern that does not compile.
  if ("error" in re) return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.filter((l) => re.test(l) !== g.invert);
}
