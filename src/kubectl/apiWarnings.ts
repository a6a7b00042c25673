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
import { expandPaths } from "./visitor.ts";
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

/** The kinds some version of which is deprecated: a command naming none of them has no warning to look up. */
const DEPRECATED_KINDS: ReadonlySet<string> = new Set(DEPRECATED_APIS.map((l) => l.kind));

/**
 * The `Warning: …` lines (each ending in a newline) a command prints for the requests it sent,
 * given what it printed (`describe`'s describer runs only for an object it found).
 */
export function apiWarnings(cmd: ParsedCommand, result: KubectlResult, options: KubectlOptions): string {
  // explain reads the OpenAPI documents, `kubectl kustomize` only builds: no resource requests.
  if (cmd.verb === "explain" || cmd.verb === "kustomize") return "";
  // Every kubectl line of a run comes here: no closure or set for the commonest, warning-free ones.
  let out = "";
  const named = cmd.resources ?? (cmd.resource ? [cmd.resource] : []);
  for (let i = 0; i < named.length; i++) {
    const kind = named[i];
    if (!DEPRECATED_KINDS.has(kind.kind)) continue;
    const version =
      kind === cmd.resource && cmd.apiVersion ? cmd.apiVersion : preferredVersion(kind, cmd.version);
    out = withWarning(out, version, kind.kind, cmd.version);
  }
  const files = fileObjects(cmd, options);
  if (cmd.verb === "describe") {
    // The resource builder takes a file's objects as written; the describer then gets each
    // object through its own client, the HPA's in hpaDescriberVersion.
    const hpa = "HorizontalPodAutoscaler";
    if (result.stdout !== "" && (named.some((k) => k.kind === hpa) || files.some((o) => o.kind === hpa)))
      out = withWarning(out, hpaDescriberVersion(cmd.version), hpa, cmd.version);
    return out;
  }
  if (files.length > 0 && sendsFileObjects(cmd))
    for (const o of files) out = withWarning(out, o.apiVersion, o.kind, cmd.version);
  return out;
}

/** `out` with the warning a request to apiVersion/kind gets, unless it has it already (Deduplicate). */
function withWarning(out: string, apiVersion: string, kind: string, minor: number): string {
  const text = deprecationWarning(apiVersion, kind, minor);
  if (text === undefined) return out;
  const line = `Warning: ${text}\n`;
  return out.includes(line) ? out : out + line;
}

/** Whether a manifest text may hold an object of a deprecated kind (its kind's name is in it). */
const mentionsDeprecatedKind = (text: string): boolean => {
  for (const k of DEPRECATED_KINDS) if (text.includes(k)) return true;
  return false;
};

/**
 * The apiVersion and kind of each object of the command's `-f`/`-k` files, in kubectl's order.
 * `-f` files that never mention a deprecated kind are not parsed again (the command has read
 * them already), and none is when none does; a kustomization is built again.
 */
function fileObjects(cmd: ParsedCommand, options: KubectlOptions): { apiVersion: string; kind: string }[] {
  const given = cmd.flags.filename as string[] | undefined;
  const kustomize = cmd.flags.kustomize !== undefined;
  if (!given && !kustomize) return [];
  const readFile = options.readFile;
  if (!kustomize) {
    let any = false;
    for (const g of given ?? [])
      for (const path of expandPaths(g, cmd.flags.recursive === true, options.listDir)) {
        const text = readFile?.(path);
        if (text !== undefined && mentionsDeprecatedKind(text)) any = true;
      }
    if (!any) return [];
  }
  // A kustomization's build reads its own files (kustomization.yaml names no kind): not filtered.
  const sources = readSources(
    cmd,
    kustomize
      ? options
      : {
          ...options,
          readFile: (path) => {
            const text = readFile?.(path);
            return text === undefined || mentionsDeprecatedKind(text) ? text : "";
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
