/**
 * The API server's deprecation warnings, as kubectl prints them: every response to a request
 * for a deprecated group/version/kind carries a `Warning` header (src/k8s/deprecations.ts), and
 * kubectl writes each on stderr as `Warning: <text>` (client-go rest/warnings.go WarningWriter),
 * once per command however many requests carried it (kubectl's cmd.go sets the writer's
 * Deduplicate), in the order first received.
 *
 * A command's requests are read off the parsed command and the files it sends, not logged by
 * each command: the resource types it names, in the version it names (`hpa.v2beta2.autoscaling`)
 * or else the one the RESTMapper prefers (the group's preferred version in discovery); the
 * objects of its `-f`/`-k` files, in their own apiVersion (the resource builder maps each object
 * by its group/version/kind); and what `describe`'s describer reads itself.
 */
import { DEPRECATED_APIS, deprecationWarning } from "../k8s/deprecations.ts";
import type { AnyKind } from "../k8s/kinds/registry.ts";
import type { ParsedCommand } from "./command.ts";
import { isDryRun } from "./commands/common.ts";
import { readSources } from "./commands/fileTargets.ts";
import type { KubectlOptions, KubectlResult } from "./result.ts";
import { hpaDescriberVersion, servesVersion } from "./version.ts";

/** The version discovery prefers for a kind at this release: its first one served then. */
export function preferredVersion(kind: AnyKind, minor: number): string {
  const versions = kind.versions;
  let version = versions[0];
  for (let i = versions.length - 1; i >= 0; i--)
    if (servesVersion(kind.group, versions[i], minor)) version = versions[i];
  return kind.group ? `${kind.group}/${version}` : version;
}

/**
 * The `Warning: …` lines (each ending in a newline) a command prints for the requests it sent,
 * given what it printed (`describe`'s describer runs only for an object it found).
 */
export function apiWarnings(cmd: ParsedCommand, result: KubectlResult, options: KubectlOptions): string {
  // explain reads the OpenAPI documents, `kubectl kustomize` only builds: no resource requests.
  if (cmd.verb === "explain" || cmd.verb === "kustomize") return "";
  const seen = new Set<string>();
  let out = "";
  const request = (apiVersion: string, kind: string): void => {
    const text = deprecationWarning(apiVersion, kind, cmd.version);
    if (text === undefined || seen.has(text)) return;
    seen.add(text);
    out += `Warning: ${text}\n`;
  };
  const named = cmd.resources ?? (cmd.resource ? [cmd.resource] : []);
  for (const kind of named)
    request(
      kind === cmd.resource && cmd.apiVersion ? cmd.apiVersion : preferredVersion(kind, cmd.version),
      kind.kind,
    );
  const files = fileObjects(cmd, options);
  if (cmd.verb === "describe") {
    // The resource builder takes a file's objects as written; the describer then gets each
    // object through its own client, the HPA's in hpaDescriberVersion.
    const hpa = "HorizontalPodAutoscaler";
    if (result.stdout !== "" && (named.some((k) => k.kind === hpa) || files.some((o) => o.kind === hpa)))
      request(hpaDescriberVersion(cmd.version), hpa);
    return out;
  }
  if (sendsFileObjects(cmd)) for (const o of files) request(o.apiVersion, o.kind);
  return out;
}

/** The kinds some version of which is deprecated: a file that names none of them needs no parse. */
const DEPRECATED_KINDS = [...new Set(DEPRECATED_APIS.map((l) => l.kind))];

/**
 * The apiVersion and kind of each object of the command's `-f`/`-k` files, in kubectl's order;
 * a `-f` file that never mentions a deprecated kind is left out unparsed (the command itself has
 * read it already).
 */
function fileObjects(cmd: ParsedCommand, options: KubectlOptions): { apiVersion: string; kind: string }[] {
  if (!cmd.flags.filename && cmd.flags.kustomize === undefined) return [];
  const readFile = options.readFile;
  // A kustomization's build reads its own files (kustomization.yaml names no kind): not filtered.
  const sources = readSources(
    cmd,
    cmd.flags.kustomize !== undefined
      ? options
      : {
          ...options,
          readFile: (path) => {
            const text = readFile?.(path);
            return text === undefined || DEPRECATED_KINDS.some((k) => text.includes(k)) ? text : "";
          },
        },
  );
  const found: { apiVersion: string; kind: string }[] = [];
  if (!Array.isArray(sources)) return found;
  for (const { objects } of sources)
    for (const o of objects)
      if (o && typeof o === "object" && typeof o.apiVersion === "string" && typeof o.kind === "string")
        found.push({ apiVersion: o.apiVersion, kind: o.kind });
  return found;
}

/**
 * Whether the command sends requests for the objects of its files: any with `-f`/`-k`, but a
 * client-side dry run of create or replace, which prints the objects without asking the server
 * (create.go and replace.go return before the request).
 */
function sendsFileObjects(cmd: ParsedCommand): boolean {
  return !(isDryRun(cmd) === "client" && (cmd.verb === "create" || cmd.verb === "replace"));
}
