/**
 * The real collaborators of the check stage (no simulation): the DSL parser, manifest
 * loading with admission, and kubectl's own command-line parser.
 */
import { parseScenario } from "../dsl/index.ts";
import { loadManifests } from "../k8s/manifest.ts";
import { parseKubectl } from "../kubectl/parse.ts";
import type { ObjectPosition, ScenarioServices } from "./services.ts";
import type { LoadedObject } from "../k8s/manifest.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import {
  customResourceReplacement,
  customResourceWarning,
  deprecationWarning,
  lifecycleOf,
  removedAt,
  replacementAt,
} from "../k8s/deprecations.ts";
import { definitionOf } from "../k8s/kinds/stored/crd.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { versionText } from "../kubectl/version.ts";
import { messages } from "./messages.ts";
import { diagnosticAt } from "./targets.ts";

export const checkServices: Pick<ScenarioServices, "parseScenario" | "loadManifests" | "readKubectl"> = {
  parseScenario,
  loadManifests(text, opts) {
    const r = loadManifests(text, {
      file: opts.file,
      lineOffset: opts.lineOffset,
      offsetBase: opts.offsetBase,
      ...(opts.kinds ? { admit: { kinds: opts.kinds } } : {}),
    });
    const objects = r.objects.map((o) => o.object);
    if (opts.deprecationsAt !== undefined)
      for (const o of r.objects) {
        const d = deprecationDiagnostic(o, opts.deprecationsAt, opts.kinds);
        if (d !== undefined) r.diagnostics.push(d);
      }
    // Claims alone keep their fields' positions: the index behind them is the YAML document.
    let claimPositions: Map<number, ObjectPosition> | undefined;
    for (let i = 0; i < r.objects.length; i++) {
      const o = r.objects[i];
      if ((o.object.kind as string) !== "PersistentVolumeClaim") continue;
      (claimPositions ??= new Map()).set(i, { file: o.source.file, position: o.position });
    }
    return claimPositions
      ? { objects, diagnostics: r.diagnostics, claimPositions }
      : { objects, diagnostics: r.diagnostics };
  },
  readKubectl(line, registries = {}) {
    const parsed = parseKubectl(line, registries);
    const errors = parsed.diagnostics.map((d) =>
      d.hint
        ? { message: d.message, col: d.col, length: d.length, hint: d.hint }
        : { message: d.message, col: d.col, length: d.length },
    );
    // Written out (no spread of temporary objects per line), the keys in this order.
    if (parsed.facts === undefined) return parsed.command ? { errors, command: parsed.command } : { errors };
    return parsed.command
      ? { errors, facts: parsed.facts, command: parsed.command }
      : { errors, facts: parsed.facts };
  },
};

/**
 * RC4120 for a custom resource in a version its CustomResourceDefinition deprecates — a CRD the
 * scenario applies before it, which the plan's kinds were registered from — with the warning
 * apiextensions-apiserver sends (deprecations.ts customResourceWarning) at every release.
 */
function customResourceDiagnostic(
  o: LoadedObject,
  minor: number,
  kinds?: KindRegistry,
): Diagnostic | undefined {
  const { apiVersion, kind } = o.object;
  const slash = apiVersion.indexOf("/");
  if (kinds === undefined || slash < 0) return undefined;
  const d = kinds.lookup(apiVersion.slice(0, slash), kind);
  const crd = d && definitionOf(d);
  if (crd === undefined) return undefined;
  const version = apiVersion.slice(slash + 1);
  const warning = customResourceWarning(crd, version);
  if (warning === undefined) return undefined;
  return diagnosticAt(
    o.source.file,
    messages.deprecatedApi(warning, versionText(minor), customResourceReplacement(crd, version)),
    o.position("apiVersion"),
    "warning",
  );
}

/**
 * What `check` says of an object in a deprecated version (src/k8s/deprecations.ts), at its
 * apiVersion: RC4121 once Kubernetes no longer serves it at `minor` (Replicast still applies
 * it, converted), else RC4120 with the API server's own warning from its deprecated-in release.
 */
function deprecationDiagnostic(o: LoadedObject, minor: number, kinds?: KindRegistry): Diagnostic | undefined {
  const { apiVersion, kind } = o.object;
  const lifecycle = lifecycleOf(apiVersion, kind);
  if (lifecycle === undefined) return customResourceDiagnostic(o, minor, kinds);
  const replacement = replacementAt(lifecycle, minor);
  const latest = lifecycle.replacements[lifecycle.replacements.length - 1];
  // The replacement this release names, and the one a later release names instead (v2beta1's
  // autoscaling/v2beta2 at 1.22, autoscaling/v2 from 1.23).
  let use = replacement && `${replacement.apiVersion} ${replacement.kind}`;
  if (latest !== undefined && latest !== replacement)
    use = `${use === undefined ? "" : `${use}; from Kubernetes ${versionText(latest.since)}, `}${latest.apiVersion} ${latest.kind}`;
  const span = o.position("apiVersion");
  if (removedAt(apiVersion, kind, minor))
    return diagnosticAt(
      o.source.file,
      messages.removedApi(apiVersion, kind, versionText(minor), versionText(lifecycle.removed ?? minor), use),
      span,
      "warning",
    );
  const warning = deprecationWarning(apiVersion, kind, minor);
  if (warning === undefined) return undefined;
  return diagnosticAt(
    o.source.file,
    messages.deprecatedApi(warning, versionText(minor), use),
    span,
    "warning",
  );
}
