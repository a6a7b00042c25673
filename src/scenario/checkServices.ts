/**
 * The real collaborators of the check stage (no simulation): the DSL parser, manifest
 * loading with admission, and kubectl's own command-line parser.
 */
import { parseScenario } from "../dsl/index.ts";
import { loadManifests } from "../k8s/manifest.ts";
import { parseKubectl } from "../kubectl/parse.ts";
import type { ObjectPosition, ScenarioServices } from "./services.ts";

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
