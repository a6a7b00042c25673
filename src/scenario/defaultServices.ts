/**
 * The real collaborators: the DSL parser, manifest loading, kubectl, and the engine's
 * Simulation with the API server's real admission (defaulting and validation).
 */
import { Simulation } from "../engine/simulation.ts";
import type { Settings } from "../engine/settings.ts";
import { formatInvalid } from "../k8s/fieldErrors.ts";
import { applyObjects, formatWatchChange, runParsed } from "../kubectl/index.ts";
import type { KubectlResult } from "../kubectl/index.ts";
import type { Cluster } from "../engine/cluster.ts";
import { checkServices } from "./checkServices.ts";
import type { CommandOutput, Extension, ScenarioServices, SimulationPort } from "./services.ts";

function output(r: KubectlResult, cluster: Cluster): CommandOutput {
  // A filter that matched nothing (`| grep`) exits 1 with nothing on stderr but kubectl's
  // notices (a deprecated flag's, the API server's warnings): not an error.
  const ok = r.exitCode === 0 || r.stderr.length === (r.notices?.length ?? 0);
  const out: CommandOutput = { stdout: r.stdout, stderr: ok ? "" : r.stderr };
  // What kubectl prints on stderr when it succeeds (a deprecated flag's notice, "No resources
  // found") came before its stdout; warnings written between its lines (`apply -f` of several
  // objects) stay there, and only its errors come after.
  if (r.written) {
    out.stdout = r.written.out;
    out.stderr = ok ? "" : r.written.err;
  } else if (ok && r.stderr) out.stdout = r.stderr + out.stdout;
  if (r.watch)
    out.watch = {
      kind: r.watch.kind,
      name: r.watch.name,
      columnWidths: r.watch.columnWidths,
      // The request itself: what it has printed is kept in it (`printed`) across the rows.
      columns: r.watch,
    };
  if (r.eventWatch) out.eventWatch = r.eventWatch;
  if (r.notFound?.length) out.notFound = true;
  if (r.note !== undefined) out.note = r.note;
  if (r.perObject) out.objects = { count: r.perObject.count, failed: r.perObject.failed };
  const follow = r.follow;
  if (follow) out.follow = { after: follow.after, next: () => output(follow.run(cluster), cluster) };
  const until = r.until;
  if (until)
    out.until = {
      ...until,
      onChange: (type, object) => {
        const { result, done } = until.onChange(type, object);
        return { out: output(result, cluster), done };
      },
    };
  return out;
}

export function createSimulation(
  settings: Settings,
  extensions: readonly Extension[] = [],
  options: { capacity?: boolean; unreadSeries?: readonly string[] } = {},
): SimulationPort {
  const sim = new Simulation({
    settings,
    // No `admit`: the API server's own is src/k8s's, against this cluster's kinds and gates
    // (one options object per server, and the Pod strategy it can rely on: apiserver.ts admitPod).
    formatInvalid,
    capacity: options.capacity,
    unreadSeries: options.unreadSeries,
  }) as Simulation & SimulationPort;
  for (const e of extensions) for (const k of e.kinds ?? []) sim.kinds.register(k);
  for (const e of extensions) for (const c of e.controllers ?? []) sim.registerController(c);
  // The store's own change is the ObjectChange (its `old` besides): the runner's watchers read it
  // as it is delivered and keep none, so no copy is made per change (the budget's watch sees
  // every pod's, 90,000 on the ×10 day).
  sim.watchObjects = (kinds, fn) => sim.store.watch(fn, kinds);
  return sim;
}

export const defaultServices: ScenarioServices = {
  ...checkServices,
  createSimulation,
  runKubectl: (command, cluster, io) =>
    output(runParsed(command, cluster, { readFile: io.readFile, listDir: io.listDir }), cluster),
  applyObjects: (objects, cluster, source) => output(applyObjects(objects, cluster, source), cluster),
  formatWatchRow: (kind, object, cluster, columnWidths, columns, type) =>
    formatWatchChange(kind, object, cluster, { ...columns, columnWidths }, type),
};
