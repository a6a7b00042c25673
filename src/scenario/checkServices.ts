/**
 * The real collaborators of the check stage (no simulation): the DSL parser, manifest
 * loading with admission, and kubectl's own command-line parser.
 */
import { parseScenario } from "../dsl/index.ts";
import { loadManifests } from "../k8s/manifest.ts";
import { parseKubectl } from "../kubectl/parse.ts";
import type { ScenarioServices } from "./services.ts";

export const checkServices: Pick<ScenarioServices, "parseScenario" | "loadManifests" | "readKubectl"> = {
  parseScenario,
  loadManifests(text, opts) {
    const r = loadManifests(text, {
      file: opts.file,
      lineOffset: opts.lineOffset,
      offsetBase: opts.offsetBase,
      ...(opts.kinds ? { admit: { kinds: opts.kinds } } : {}),
    });
    return { objects: r.objects.map((o) => o.object), diagnostics: r.diagnostics };
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
