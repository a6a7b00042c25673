/**
 * The real collaborators: the DSL parser, manifest loading, kubectl, and the engine's
 * Simulation with the API server's real admission (defaulting and validation).
 */
import { Simulation } from "../engine/simulation.ts";
import type { Settings } from "../engine/settings.ts";
import { admit } from "../k8s/admission.ts";
import { formatInvalid } from "../k8s/fieldErrors.ts";
import { applyObjects, formatWatchRow, runParsed } from "../kubectl/index.ts";
import type { KubectlResult } from "../kubectl/index.ts";
import { checkServices } from "./checkServices.ts";
import type { CommandOutput, Extension, ScenarioServices, SimulationPort } from "./services.ts";

function output(r: KubectlResult): CommandOutput {
  // A filter that matched nothing (`| grep`) exits 1 with nothing on stderr: not an error.
  const out: CommandOutput = { stdout: r.stdout, stderr: r.exitCode === 0 ? "" : r.stderr };
  if (r.exitCode === 0 && r.stderr) out.stdout += r.stderr;
  if (r.watch) out.watch = { kind: r.watch.kind, name: r.watch.name, columnWidths: r.watch.columnWidths };
  if (r.notFound?.length) out.notFound = true;
  return out;
}

export function createSimulation(settings: Settings, extensions: readonly Extension[] = []): SimulationPort {
  const sim = new Simulation({
    settings,
    admit: (raw, old, kinds) => admit(raw, old, { kinds }),
    formatInvalid,
  }) as Simulation & SimulationPort;
  for (const e of extensions) for (const k of e.kinds ?? []) sim.kinds.register(k);
  for (const e of extensions) for (const c of e.controllers ?? []) sim.registerController(c);
  sim.watchObjects = (kinds, fn) => sim.store.watch((ev) => fn({ type: ev.type, object: ev.object }), kinds);
  return sim;
}

export const defaultServices: ScenarioServices = {
  ...checkServices,
  createSimulation,
  runKubectl: (command, cluster, io) =>
    output(runParsed(command, cluster, { readFile: io.readFile, listDir: io.listDir })),
  applyObjects: (objects, cluster, source) => output(applyObjects(objects, cluster, source)),
  formatWatchRow: (kind, object, cluster, columnWidths) =>
    formatWatchRow(kind, object, cluster, { columnWidths }),
};
