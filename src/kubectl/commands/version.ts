/**
 * `kubectl version [--client]` (kubectl/pkg/cmd/version/version.go, 1.28 and later): the
 * client's version, the Kustomize built into it, and the API server's, one line each:
 *
 *   Client Version: v1.34.0
 *   Kustomize Version: v5.7.1
 *   Server Version: v1.34.0
 *
 * The setting `kubectl.version` is the pair (version.ts): the client and the server are the
 * same minor version, so kubectl's version-skew warning never applies, and the patch release
 * is `.0`. `--client` leaves the server out. Before 1.28 the command printed Go's dump of the
 * build information (commit, build date, Go version) unless `--short`, and `-o yaml|json`
 * print that information too: a simulated build has none, so those are refused rather than
 * made up.
 */
import type { ArgsContext, KubectlCommand, ParsedCommand } from "../command.ts";
import { flag, outputFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { ok, type KubectlResult } from "../result.ts";
import type { Token } from "../tokenize.ts";
import { versionText } from "../version.ts";

/**
 * The Kustomize each kubectl release embeds (its go.mod's sigs.k8s.io/kustomize/kustomize/v5),
 * from 1.28; a later release than the newest listed prints the newest's.
 */
const KUSTOMIZE: readonly [number, string][] = [
  [28, "v5.0.4-0.20230601165947-6ce0bf390ce3"],
  [31, "v5.4.2"],
  [32, "v5.5.0"],
  [33, "v5.6.0"],
  [34, "v5.7.1"],
];

/** The first kubectl whose `version` prints the three lines (the Go dump before it). */
const SHORT_BY_DEFAULT = 28;

export const kustomizeVersionOf = (minor: number): string | undefined =>
  KUSTOMIZE.filter(([since]) => since <= minor).at(-1)?.[1];

function versionArgs(cmd: ParsedCommand, pos: readonly Token[], ctx: ArgsContext): void {
  // version.go Validate.
  if (pos.length) ctx.error(`error: extra arguments: [${pos.map((t) => t.value).join(" ")}]`, pos[0]);
  const out = cmd.flags.output;
  const outTok = ctx.flagToken("output") ?? ctx.verbTok;
  if (typeof out === "string" && out !== "yaml" && out !== "json")
    ctx.error("error: --output must be 'yaml' or 'json'", outTok);
  else if (typeof out === "string")
    ctx.error(
      msg.notSupported(`kubectl version -o ${out} (the build's commit, date and Go version)`),
      outTok,
      "drop -o: `kubectl version` prints the client's, Kustomize's and the server's versions",
    );
  if (cmd.version < SHORT_BY_DEFAULT)
    ctx.error(
      msg.notSupported(
        `kubectl version as kubectl ${versionText(cmd.version)} prints it (the build's commit and date)`,
      ),
      ctx.verbTok,
      "kubectl prints the three version lines from 1.28: `set kubectl.version = 1.28` or later",
    );
}

function runVersion(cmd: ParsedCommand): KubectlResult {
  const v = `v${versionText(cmd.version)}.0`;
  const lines = [`Client Version: ${v}`, `Kustomize Version: ${kustomizeVersionOf(cmd.version) ?? ""}`];
  if (cmd.flags.client !== true) lines.push(`Server Version: ${v}`);
  return ok(lines.join("\n") + "\n", true);
}

export const versionCommand: KubectlCommand = {
  verb: "version",
  flags: [flag("client", "bool"), outputFlag],
  readOnly: true,
  args: versionArgs,
  run: runVersion,
};
