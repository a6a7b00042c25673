/**
 * What `kubectl delete` and `kubectl replace --force` send with a delete: the grace period and
 * the propagation policy, read from --grace-period, --now, --force and --cascade as
 * kubectl/pkg/cmd/delete (delete.go Complete and Validate, delete_flags.go) reads them.
 */
import type { DeleteOptions, PropagationPolicy } from "../../engine/cluster.ts";
import type { ArgsContext, ParsedCommand } from "../command.ts";
import { flag, type FlagSpec } from "../flags.ts";

/** delete_flags.go: `--cascade` alone is `--cascade=background` (pflag NoOptDefVal). */
export const cascadeFlag: FlagSpec = { ...flag("cascade", "string"), noOptDefVal: "background" };

/** delete.go Validate (kubectl 1.28 writes it straight to stderr, lower-case). */
export const IMMEDIATE_DELETION_WARNING =
  "warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n";

/** strconv.ParseBool's words, as GetCascadingStrategy tries them first. */
const GO_BOOLS: Record<string, boolean> = {
  "1": true,
  t: true,
  T: true,
  TRUE: true,
  true: true,
  True: true,
  "0": false,
  f: false,
  F: false,
  FALSE: false,
  false: false,
  False: false,
};

/** delete_flags.go parseCascadingFlag: the policy, kubectl's warning for a boolean, or its error. */
export function cascadingStrategy(
  value: string | undefined,
): { policy: PropagationPolicy; warning?: string } | { error: string } {
  if (value === undefined) return { policy: "Background" };
  const b = GO_BOOLS[value];
  if (b !== undefined) {
    const replacement = b ? "background" : "orphan";
    return {
      policy: b ? "Background" : "Orphan",
      warning: `warning: --cascade=${value} is deprecated (boolean value) and can be replaced with --cascade=${replacement}.\n`,
    };
  }
  switch (value) {
    case "orphan":
      return { policy: "Orphan" };
    case "foreground":
      return { policy: "Foreground" };
    case "background":
      return { policy: "Background" };
    default:
      return {
        error: `error: invalid cascade value (${value}). Must be "background", "foreground", or "orphan"`,
      };
  }
}

/**
 * delete.go Complete: --now is --grace-period=1; 0 without --force becomes 1 (no accidental
 * force deletion); --force without a period is 0. -1 means "the object's own".
 */
export function deleteGracePeriod(cmd: ParsedCommand): number | { error: string } {
  let period = (cmd.flags["grace-period"] as number | undefined) ?? -1;
  const force = cmd.flags.force === true;
  if (cmd.flags.now === true) {
    if (period !== -1) return { error: "error: --now and --grace-period cannot be specified together" };
    period = 1;
  }
  if (period === 0 && !force) period = 1;
  if (force && period < 0) period = 0;
  if (force && period > 0)
    return { error: "error: --force and --grace-period greater than 0 cannot be specified together" };
  return period;
}

/** Reports at parse time what kubectl refuses before it deletes anything. */
export function checkDeleteFlags(
  cmd: ParsedCommand,
  ctx: ArgsContext,
  period: number | { error: string },
): void {
  if (typeof period === "object")
    ctx.error(period.error, ctx.flagToken("grace-period") ?? ctx.flagToken("now") ?? ctx.verbTok);
  const cascade = cascadingStrategy(cmd.flags.cascade as string | undefined);
  if ("error" in cascade) ctx.error(cascade.error, ctx.flagToken("cascade") ?? ctx.verbTok);
}

/** The request's options, and the warnings kubectl prints before it sends them. */
export function deleteRequest(
  cmd: ParsedCommand,
  period: number,
): { options: DeleteOptions; warnings: string } {
  const cascade = cascadingStrategy(cmd.flags.cascade as string | undefined);
  const policy = "policy" in cascade ? cascade.policy : "Background";
  let warnings = "warning" in cascade && cascade.warning ? cascade.warning : "";
  if (period === 0 && cmd.flags.force === true) warnings += IMMEDIATE_DELETION_WARNING;
  const options: DeleteOptions = { propagationPolicy: policy };
  if (period >= 0) options.gracePeriodSeconds = period;
  return { options, warnings };
}
