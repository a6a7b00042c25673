/**
 * The real controllers with every sync logged (`instant controller key`), over a simulation
 * whose pod writes are routed as cohorts or each as it happens: what the cohort-route tests
 * compare between the two.
 */
import type { Controller } from "../../src/engine/controller.ts";
import { defaultControllers } from "../../src/engine/defaultControllers.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { inertAutoscaling } from "./fakes.ts";

export function simulationWithSyncLog(cohorts: boolean): { sim: Simulation; log: string[] } {
  const log: string[] = [];
  const logged = (c: Controller): Controller => ({
    ...c,
    reconcile: (ctx, key) => {
      log.push(`${ctx.now} ${c.name} ${key}`);
      return c.reconcile(ctx, key);
    },
  });
  const sim = new Simulation({
    autoscaling: inertAutoscaling(),
    controllers: defaultControllers(inertAutoscaling(), builtinKinds.extend()).map(logged),
    settings: { "pod.startup": 3 },
    cohorts,
  });
  return { sim, log };
}
