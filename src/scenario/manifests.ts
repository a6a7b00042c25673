/**
 * Manifest sources resolved to objects: a heredoc (errors mapped to the scenario's own
 * lines), a file beside the scenario (refused when it leaves the scenario's folder unless
 * allowed), or a declared name (else NAME.yaml / NAME.yml beside the scenario).
 */
import type { ManifestSource, Span } from "../dsl/ast.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import type { KubeObject } from "../k8s/types.ts";
import { expandPaths } from "../kubectl/visitor.ts";
import { dirname, type FileHost } from "./host.ts";
import { messages } from "./messages.ts";
import { oneByte } from "./oneByte.ts";
import type { ObjectPosition, ScenarioServices } from "./services.ts";
import { diagnosticAt } from "./targets.ts";
import type { Settings } from "../engine/settings.ts";
import { checkObjectReplicas, limitMessages } from "./limits.ts";
import { groupedNumber } from "../text/format.ts";

export interface LoadedManifest {
  objects: KubeObject[];
  /** Where the objects came from, as kubectl would name the source ("deploy.yaml", "manifest web"). */
  source: string;
  /** For a folder: each object's own file (kubectl names the file an error comes from). */
  sources?: string[];
  /** Where each claim was written, by its index in `objects` (ManifestResult.claimPositions). */
  claimPositions?: Map<number, ObjectPosition>;
}

export interface ManifestContext {
  file: string;
  host: FileHost;
  allowOutside: boolean;
  services: Pick<ScenarioServices, "loadManifests">;
  /** Declared manifests by name (their sources, not yet loaded). */
  declared: Map<string, ManifestSource>;
  /** Loaded results by key, so a manifest applied twice is read (and reported) once. */
  cache: Map<string, LoadedManifest | undefined>;
  diagnostics: Diagnostic[];
  /** The plan's limits on manifests and documents (limits.ts), and what is used so far. */
  budget?: ManifestBudget;
  /** The kinds manifests may hold. */
  kinds: KindRegistry;
  /** `check`: report deprecated and removed API versions as of this kubectl minor version. */
  deprecationsAt?: number;
}

export interface ManifestBudget {
  settings: Settings;
  manifests: number;
  documents: number;
  /** Each limit is reported once. */
  reported: Set<string>;
}

/** An upper bound of the YAML documents in a text, without parsing it: its `---` lines, plus one. */
export function countDocuments(text: string): number {
  let count = 1;
  for (let i = text.indexOf("---"); i >= 0; i = text.indexOf("---", i + 3))
    if (i === 0 || text[i - 1] === "\n") count++;
  return count;
}

/** Count a manifest text against the budget; false (with a diagnostic) when it passes a limit. */
function withinBudget(ctx: ManifestContext, text: string, span: Span): boolean {
  const b = ctx.budget;
  if (!b) return true;
  b.manifests++;
  b.documents += countDocuments(text);
  const over = (key: "limits.manifests" | "limits.documents", used: number, what: string): boolean => {
    if (used <= b.settings[key]) return false;
    if (!b.reported.has(key)) {
      b.reported.add(key);
      ctx.diagnostics.push(
        diagnosticAt(
          ctx.file,
          limitMessages.overLimit(what, key, groupedNumber(b.settings[key]), String(used)),
          span,
        ),
      );
    }
    return true;
  };
  return !(
    over("limits.manifests", b.manifests, `${groupedNumber(b.manifests)} manifests`) ||
    over("limits.documents", b.documents, `${groupedNumber(b.documents)} YAML documents`)
  );
}

/** Replica counts in loaded objects (int32, limits.pods-per-workload), reported at the statement. */
function checkReplicas(ctx: ManifestContext, objects: readonly KubeObject[], span: Span): boolean {
  if (!ctx.budget) return true;
  for (const o of objects) {
    const m = checkObjectReplicas(o, ctx.budget.settings);
    if (m) {
      ctx.diagnostics.push(diagnosticAt(ctx.file, m, span));
      return false;
    }
  }
  return true;
}

const withPositions = (
  loaded: LoadedManifest,
  claimPositions: Map<number, ObjectPosition> | undefined,
): LoadedManifest => (claimPositions ? { ...loaded, claimPositions } : loaded);

/** Load a manifest source; undefined when it cannot be used (diagnostics say why). */
export function loadSource(ctx: ManifestContext, src: ManifestSource): LoadedManifest | undefined {
  switch (src.kind) {
    case "heredoc": {
      if (!withinBudget(ctx, src.text, src.span)) return undefined;
      // Its names become the run's: one byte a character where the scenario's file is two (oneByte.ts).
      const r = ctx.services.loadManifests(oneByte(src.text), {
        file: ctx.file,
        lineOffset: src.bodyLine - 1,
        offsetBase: src.bodyOffset,
        kinds: ctx.kinds,
        ...(ctx.deprecationsAt === undefined ? {} : { deprecationsAt: ctx.deprecationsAt }),
      });
      for (const item of r.diagnostics) ctx.diagnostics.push(item);
      if (r.diagnostics.some((d) => d.severity === "error")) return undefined;
      if (!checkReplicas(ctx, r.objects, src.span)) return undefined;
      return withPositions({ objects: r.objects, source: "heredoc" }, r.claimPositions);
    }
    case "file":
      return loadPath(ctx, src.path, src.span, false);
    case "name": {
      const declared = ctx.declared.get(src.name);
      if (declared) {
        const key = `name:${src.name}`;
        if (!ctx.cache.has(key)) {
          const loaded = loadSource(ctx, declared);
          ctx.cache.set(
            key,
            loaded && {
              ...loaded,
              source: declared.kind === "file" ? loaded.source : `manifest ${src.name}`,
            },
          );
        }
        return ctx.cache.get(key);
      }
      const tried = [`${src.name}.yaml`, `${src.name}.yml`];
      for (const candidate of tried) {
        const folder = dirname(ctx.file);
        const path = ctx.host.resolve(folder, candidate);
        // NAME.yaml sits beside the scenario by name, but may be a symlink that leaves the
        // folder: decided on the real path before anything is read.
        if (!ctx.allowOutside && !ctx.host.isInside(folder, path)) return loadFile(ctx, candidate, src.span);
        if (ctx.host.readFile(path) !== undefined) return loadFile(ctx, candidate, src.span);
        const why = ctx.host.whyUnreadable?.(path);
        if (why !== undefined && why.message !== "no such file") return loadFile(ctx, candidate, src.span);
      }
      ctx.diagnostics.push(diagnosticAt(ctx.file, messages.unknownManifest(src.name, tried), src.span));
      return undefined;
    }
  }
}

/**
 * A file, or a folder's files in kubectl's order (src/kubectl/visitor.ts: lexical, subfolders
 * only when `recursive`, .json/.yaml/.yml only), as `kubectl apply -f PATH [-R]` reads them.
 */
export function loadPath(
  ctx: ManifestContext,
  rel: string,
  span: Span,
  recursive: boolean,
): LoadedManifest | undefined {
  const folder = dirname(ctx.file);
  const listDir = (p: string) => ctx.host.listDir?.(ctx.host.resolve(folder, p));
  const outside = !ctx.allowOutside && !ctx.host.isInside(folder, ctx.host.resolve(folder, rel));
  // A path outside the folder is refused (by loadFile) before anything is listed.
  if (outside || listDir(rel) === undefined) return loadFile(ctx, rel, span);
  const files = expandPaths(rel, recursive, listDir);
  if (files.length === 0) {
    ctx.diagnostics.push(diagnosticAt(ctx.file, messages.emptyFolder(rel), span));
    return undefined;
  }
  const objects: KubeObject[] = [];
  const sources: string[] = [];
  let claimPositions: Map<number, ObjectPosition> | undefined;
  let usable = true;
  for (const f of files) {
    const loaded = loadFile(ctx, f, span);
    if (!loaded) usable = false;
    else {
      for (const [i, at] of loaded.claimPositions ?? [])
        (claimPositions ??= new Map()).set(objects.length + i, at);
      for (const o of loaded.objects) {
        objects.push(o);
        sources.push(f);
      }
    }
  }
  return usable ? withPositions({ objects, source: rel, sources }, claimPositions) : undefined;
}

export function loadFile(ctx: ManifestContext, rel: string, span: Span): LoadedManifest | undefined {
  const folder = dirname(ctx.file);
  const path = ctx.host.resolve(folder, rel);
  const key = `file:${path}`;
  if (ctx.cache.has(key)) return ctx.cache.get(key);
  if (!ctx.allowOutside && !ctx.host.isInside(folder, path)) {
    ctx.diagnostics.push(diagnosticAt(ctx.file, messages.pathOutside(rel), span));
    ctx.cache.set(key, undefined);
    return undefined;
  }
  const text = ctx.host.readFile(path);
  if (text === undefined) {
    const why = ctx.host.whyUnreadable?.(path)?.message;
    ctx.diagnostics.push(diagnosticAt(ctx.file, messages.fileNotFound(rel, why), span));
    ctx.cache.set(key, undefined);
    return undefined;
  }
  if (!withinBudget(ctx, text, span)) {
    ctx.cache.set(key, undefined);
    return undefined;
  }
  const r = ctx.services.loadManifests(text, {
    file: path,
    lineOffset: 0,
    kinds: ctx.kinds,
    ...(ctx.deprecationsAt === undefined ? {} : { deprecationsAt: ctx.deprecationsAt }),
  });
  for (const item of r.diagnostics) ctx.diagnostics.push(item);
  const loaded =
    r.diagnostics.some((d) => d.severity === "error") || !checkReplicas(ctx, r.objects, span)
      ? undefined
      : withPositions({ objects: r.objects, source: rel }, r.claimPositions);
  ctx.cache.set(key, loaded);
  return loaded;
}
