/**
 * The run's budget: what only the run can tell. The plan refuses sizes it can see (limits.ts);
 * a Deployment scaled past limits.pods-per-workload by an HPA, or a cluster passing
 * limits.pods, is seen as the store changes, and the run stops there — with the report of
 * everything up to that instant, marked as not passed — instead of running out of memory.
 * A wall-clock budget (`replicast test --timeout`) is checked the same way, through an
 * injected `deadline` (the core reads no clock).
 */
import type { Settings } from "../engine/settings.ts";
import type { ObjectChange, SimulationPort } from "./services.ts";
import { groupedNumber } from "../text/format.ts";

/** Thrown from inside the run to stop it; the runner catches it and reports the partial run. */
export class BudgetExceeded extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = "BudgetExceeded";
  }
}

/** Returns why the run must stop now (a wall-clock budget spent), or undefined. */
export type Deadline = () => string | undefined;

const n = groupedNumber;

/** How often (in store changes) the deadline is asked between the runner's own checks. */
const DEADLINE_EVERY = 512;

/** Watch the run; throws BudgetExceeded from inside it when a budget is passed. Returns a check for between steps. */
export function watchBudget(sim: SimulationPort, settings: Settings, deadline?: Deadline): () => void {
  const check = (): void => {
    const why = deadline?.();
    if (why !== undefined) throw new BudgetExceeded(why);
  };
  if (!sim.watchObjects) return check;
  const maxPods = settings["limits.pods"];
  const perWorkload = settings["limits.pods-per-workload"];
  let pods = 0;
  let changes = 0;
  sim.watchObjects(["Pod"], (ch: ObjectChange) => {
    if (ch.type === "ADDED") pods++;
    else if (ch.type === "DELETED") pods--;
    if (pods > maxPods)
      throw new BudgetExceeded(
        `the cluster would have more than ${n(maxPods)} pods (limits.pods; set limits.pods = N to raise it)`,
      );
    if (++changes % DEADLINE_EVERY === 0) check();
  });
  sim.watchObjects(["Deployment", "ReplicaSet"], (ch: ObjectChange) => {
    if (ch.type === "DELETED") return;
    const replicas = (ch.object.spec as { replicas?: unknown } | undefined)?.replicas;
    if (typeof replicas === "number" && replicas > perWorkload)
      throw new BudgetExceeded(
        `${ch.object.kind.toLowerCase()}/${ch.object.metadata.name} was scaled to ${n(replicas)} replicas, more than limits.pods-per-workload (${n(perWorkload)}; set limits.pods-per-workload = N to raise it)`,
      );
  });
  return check;
}
