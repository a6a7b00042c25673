/**
 * The key/value sources of `kubectl create configmap` and `kubectl create secret generic`
 * (kubectl/pkg/util ParseLiteralSource and ParseFileSource, cmd/util AddFromEnvFile, and the
 * two commands' handle*Sources): `--from-literal=key=value`, `--from-file=[key=]path` (a
 * folder gives each of its files under its own name) and `--from-env-file=path`.
 */
import type { ArgsContext, ParsedCommand } from "../command.ts";
import { flag } from "../flags.ts";
import * as msg from "../messages.ts";
import type { Token } from "../tokenize.ts";
import type { KubectlOptions } from "../result.ts";

/** One key and its text, in the order the sources give them. */
export interface DataEntry {
  key: string;
  value: string;
}

/** ParseLiteralSource: split at the first `=`; quotes around the value go. */
export function parseLiteralSource(source: string): DataEntry | string {
  const eq = source.indexOf("=");
  if (eq <= 0) return `invalid literal source ${source}, expected key=value`;
  return { key: source.slice(0, eq), value: source.slice(eq + 1).replace(/^["']+|["']+$/g, "") };
}

/** ParseFileSource: `path` (the key is its base name) or `key=path`. */
export function parseFileSource(source: string): { key: string; path: string } | string {
  const separators = source.split("=").length - 1;
  if (separators === 0) return { key: source.replace(/\/+$/, "").split("/").pop() ?? source, path: source };
  if (separators > 1) return "key names or file paths cannot contain '='";
  const [key, path] = source.split("=");
  if (key === "") return `key name for file path ${path} missing`;
  if (path === "") return `file path for key name ${key} missing`;
  return { key, path };
}

/** validation.IsEnvVarName, as AddFromEnvFile checks each key. */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/**
 * AddFromEnvFile: KEY=VALUE lines; blank lines and `#` comments are skipped; a line with no
 * `=` takes the variable from kubectl's own environment, which a simulated run does not have:
 * the value is empty.
 */
export function parseEnvFile(text: string): DataEntry[] | string {
  const out: DataEntry[] = [];
  for (const raw of text.replace(/^\uFEFF/, "").split("\n")) {
    const line = raw.replace(/\r$/, "").replace(/^\s+/, "");
    if (line === "" || line.startsWith("#")) continue;
    const eq = line.indexOf("=");
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!ENV_VAR_NAME.test(key))
      return `${JSON.stringify(key)} is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')`;
    out.push({ key, value: eq < 0 ? "" : line.slice(eq + 1) });
  }
  return out;
}

/**
 * The entries of all sources, files first, then literals, then env files (the order the
 * commands read them in), or the first error kubectl would print.
 */
export function dataEntries(cmd: ParsedCommand, options: KubectlOptions): DataEntry[] | string {
  const out: DataEntry[] = [];
  for (const source of (cmd.flags["from-file"] as string[] | undefined) ?? []) {
    const parsed = parseFileSource(source);
    if (typeof parsed === "string") return parsed;
    const entries = options.listDir?.(parsed.path);
    if (entries) {
      if (source.includes("=")) return "cannot give a key name for a directory path";
      for (const e of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (e.dir) continue;
        const text = options.readFile?.(`${parsed.path.replace(/\/+$/, "")}/${e.name}`);
        if (text !== undefined) out.push({ key: e.name, value: text });
      }
      continue;
    }
    const text = options.readFile?.(parsed.path);
    if (text === undefined) return `error reading ${parsed.path}: no such file or directory`;
    out.push({ key: parsed.key, value: text });
  }
  for (const source of (cmd.flags["from-literal"] as string[] | undefined) ?? []) {
    const parsed = parseLiteralSource(source);
    if (typeof parsed === "string") return parsed;
    out.push(parsed);
  }
  for (const path of ((cmd.flags["from-env-file"] as string[] | undefined) ?? []).flatMap((p) =>
    p.split(","),
  )) {
    if (options.listDir?.(path)) return "env config file cannot be a directory";
    const text = options.readFile?.(path);
    if (text === undefined) return `error reading ${path}: no such file or directory`;
    const entries = parseEnvFile(text);
    if (typeof entries === "string") return entries;
    out.push(...entries);
  }
  return out;
}

/** validation.IsConfigMapKey (the same rules for Secret keys). */
export function configMapKeyErrors(key: string): string[] {
  const errs: string[] = [];
  if (key.length > 253) errs.push("must be no more than 253 characters");
  if (!/^[-._a-zA-Z0-9]+$/.test(key))
    errs.push(
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    );
  if (key === ".") errs.push("must not be '.'");
  else if (key === "..") errs.push("must not be '..'");
  else if (key.startsWith("..")) errs.push("must not start with '..'");
  return errs;
}

/** The source flags of both commands. */
export const DATA_SOURCE_FLAGS = [
  flag("from-literal", "stringArray"),
  flag("from-file", "stringArray"),
  flag("from-env-file", "stringArray"),
  flag("append-hash", "bool"),
];

/**
 * What both commands refuse before sending anything: an env file beside other sources
 * (Validate), and `--append-hash`, which the simulator does not model (`command` names it).
 */
export function checkDataSourceFlags(cmd: ParsedCommand, ctx: ArgsContext, command: string, at: Token): void {
  if (cmd.flags["append-hash"] === true)
    ctx.error(msg.notSupported(`"${command} --append-hash"`), ctx.flagToken("append-hash") ?? at);
  if (cmd.flags["from-env-file"] && (cmd.flags["from-file"] || cmd.flags["from-literal"]))
    ctx.error(
      "error: from-env-file cannot be combined with from-file or from-literal",
      ctx.flagToken("from-env-file") ?? ctx.verbTok,
    );
}
