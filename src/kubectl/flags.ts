/**
 * Flags as kubectl spells them (pflag long names and shorthands), and the ones several
 * commands share. Flags kubectl has but the simulation ignores (e.g. `--timeout`) are
 * accepted so real command lines still parse. Each command's own flags are in its module.
 */

export type FlagType = "bool" | "string" | "int" | "stringArray";

export interface FlagSpec {
  name: string;
  short?: string;
  type: FlagType;
  /** The kubectl minor version that added it: older kubectl reports `unknown flag` (version.ts). */
  since?: number;
  /** pflag's NoOptDefVal: the value of `--X` written without `=VALUE` (it takes no next word). */
  noOptDefVal?: string;
  /** pflag's MarkDeprecated from this minor version on: using it prints "Flag --X has been deprecated, MESSAGE". */
  deprecated?: { since: number; message: string };
}

export type FlagValue = string | number | boolean | string[];

export const flag = (name: string, type: FlagType, short?: string): FlagSpec =>
  short ? { name, type, short } : { name, type };

/** kubectl's global flags that make sense against a simulated cluster (`-n` picks the namespace). */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  flag("namespace", "string", "n"),
  flag("context", "string"),
  flag("kubeconfig", "string"),
  flag("request-timeout", "string"),
  flag("v", "int", "v"),
];

export const dryRunFlag = flag("dry-run", "string");
export const outputFlag = flag("output", "string", "o");
export const selectorFlag = flag("selector", "string", "l");
/**
 * `--record`, deprecated from kubectl 1.22 (kubernetes PR #102873, cli-runtime
 * record_flags.go MarkDeprecated): it still records the change-cause, after pflag's notice.
 */
export const recordFlag: FlagSpec = {
  ...flag("record", "bool"),
  deprecated: { since: 22, message: "--record will be removed in the future" },
};
export const filenameFlag = flag("filename", "stringArray", "f");
