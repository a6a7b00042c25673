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
import type { ScenarioServices } from "./services.ts";
import { diagnosticAt } from "./targets.ts";

export interface LoadedManifest {
  objects: KubeObject[];
  /** Where the objects came from, as kubectl would name the source ("deploy.yaml", "manifest web"). */
  source: string;
  /** For a folder: each object's own file (kubectl names the file an error comes from). */
  sources?: string[];
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
  /** The kinds manifests may hold. */
  kinds: KindRegistry;
}

/** Load a manifest source; undefined when it cannot be used (diagnostics say why). */
export function loadSource(ctx: ManifestContext, src: ManifestSource): LoadedManifest | undefined {
  switch (src.kind) {
    case "heredoc": {
      const r = ctx.services.loadManifests(src.text, {
        file: ctx.file,
        lineOffset: src.bodyLine - 1,
        offsetBase: src.bodyOffset,
        kinds: ctx.kinds,
      });
      ctx.diagnostics.push(...r.diagnostics);
      if (r.diagnostics.some((d) => d.severity === "error")) return undefined;
      return { objects: r.objects, source: "heredoc" };
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
        const path = ctx.host.resolve(dirname(ctx.file), candidate);
        if (ctx.host.readFile(path) !== undefined) return loadFile(ctx, candidate, src.span, false);
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
  if (listDir(rel) === undefined) return loadFile(ctx, rel, span, true);
  const files = expandPaths(rel, recursive, listDir);
  if (files.length === 0) {
    ctx.diagnostics.push(diagnosticAt(ctx.file, messages.emptyFolder(rel), span));
    return undefined;
  }
  const objects: KubeObject[] = [];
  const sources: string[] = [];
  let usable = true;
  for (const f of files) {
    const loaded = loadFile(ctx, f, span, true);
    if (!loaded) usable = false;
    else
      for (const o of loaded.objects) {
        objects.push(o);
        sources.push(f);
      }
  }
  return usable ? { objects, source: rel, sources } : undefined;
}

function loadFile(
  ctx: ManifestContext,
  rel: string,
  span: Span,
  checkInside: boolean,
): LoadedManifest | undefined {
  const folder = dirname(ctx.file);
  const path = ctx.host.resolve(folder, rel);
  const key = `file:${path}`;
  if (ctx.cache.has(key)) return ctx.cache.get(key);
  if (checkInside && !ctx.allowOutside && !ctx.host.isInside(folder, path)) {
    ctx.diagnostics.push(diagnosticAt(ctx.file, messages.pathOutside(rel), span));
    ctx.cache.set(key, undefined);
    return undefined;
  }
  const text = ctx.host.readFile(path);
  if (text === undefined) {
    ctx.diagnostics.push(diagnosticAt(ctx.file, messages.fileNotFound(rel), span));
    ctx.cache.set(key, undefined);
    return undefined;
  }
  const r = ctx.services.loadManifests(text, { file: path, lineOffset: 0, kinds: ctx.kinds });
  ctx.diagnostics.push(...r.diagnostics);
  const loaded = r.diagnostics.some((d) => d.severity === "error")
    ? undefined
    : { objects: r.objects, source: rel };
  ctx.cache.set(key, loaded);
  return loaded;
}
