/**
 * `kubectl apply -k DIR` (and `create -k`, `kubectl kustomize DIR`) before the run: the
 * kustomization is built (src/kustomize) over the scenario's folder, so its errors show in
 * the caret form at their own file and line before anything runs, and what it creates can be
 * the target of later lines. Its resource files are checked as `apply -f` checks its files.
 */
import type { Span } from "../dsl/ast.ts";
import type { KubeObject } from "../k8s/types.ts";
import { buildKustomization, type KustomizeProblem } from "../kustomize/index.ts";
import { dirname } from "./host.ts";
import { checkObjectReplicas } from "./limits.ts";
import { loadFile, type LoadedManifest, type ManifestContext } from "./manifests.ts";
import { diagnosticAt } from "./targets.ts";

/** Build the kustomization in `dir` (relative to the scenario); undefined when it cannot be used. */
export function loadKustomization(ctx: ManifestContext, dir: string, span: Span): LoadedManifest | undefined {
  const folder = dirname(ctx.file);
  const key = `kustomize:${ctx.host.resolve(folder, dir)}`;
  if (ctx.cache.has(key)) return ctx.cache.get(key);
  const full = (p: string): string | undefined => {
    const path = ctx.host.resolve(folder, p);
    return ctx.allowOutside || ctx.host.isInside(folder, path) ? path : undefined;
  };
  const built = buildKustomization(dir, {
    readFile: (p) => {
      const path = full(p);
      return path === undefined ? undefined : ctx.host.readFile(path);
    },
    listDir: (p) => {
      const path = full(p);
      return path === undefined ? undefined : ctx.host.listDir?.(path);
    },
    whyUnreadable: (p) => {
      const path = full(p);
      return path === undefined ? "outside the scenario's folder" : ctx.host.whyUnreadable?.(path)?.message;
    },
  });
  const report = (p: KustomizeProblem): void => {
    ctx.diagnostics.push(
      p.file !== undefined && p.span !== undefined
        ? diagnosticAt(ctx.host.resolve(folder, p.file), p, p.span, p.severity)
        : diagnosticAt(ctx.file, p, span, p.severity),
    );
  };
  for (const w of built.warnings) report(w);
  let loaded: LoadedManifest | undefined;
  if (built.error) report(built.error);
  else if (built.resourceFiles.every((f) => loadFile(ctx, f, span) !== undefined)) {
    const objects = (built.objects ?? []) as unknown as KubeObject[];
    const over =
      ctx.budget && objects.map((o) => checkObjectReplicas(o, ctx.budget!.settings)).find((m) => m);
    if (over) ctx.diagnostics.push(diagnosticAt(ctx.file, over, span));
    else loaded = { objects, source: dir };
  }
  ctx.cache.set(key, loaded);
  return loaded;
}
