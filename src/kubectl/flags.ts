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
export const recordFlag = flag("record", "bool");
export const filenameFlag = flag("filename", "stringArray", "f");
