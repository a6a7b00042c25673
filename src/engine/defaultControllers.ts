/**
 * The controllers every simulated cluster runs, in registration order: the ReplicaSet
 * controller, the deployment controller, the HPA controller (over the autoscaling stack, a
 * fresh one per simulation, since it holds in-memory state), and the node lifecycle
 * controller (which has nothing to do in a cluster without Nodes), and the disruption
 * controller (nothing to do without PodDisruptionBudgets). The order is the dispatch
 * order of a change both the ReplicaSet and the deployment controller watch (controller.ts).
 */
import { hpaController, type Autoscaling } from "./autoscaling.ts";
import type { Controller } from "./controller.ts";
import { deploymentController } from "./controllers/deployment/index.ts";
import { disruptionController } from "./controllers/disruption/index.ts";
import { nodeLifecycleController } from "./controllers/nodelifecycle/index.ts";
import { replicaSetController } from "./controllers/replicaset/index.ts";

export function defaultControllers(autoscaling: Autoscaling): Controller[] {
  return [
    replicaSetController,
    deploymentController,
    hpaController(autoscaling),
    nodeLifecycleController,
    disruptionController,
  ];
}
