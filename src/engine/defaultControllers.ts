/**
 * The controllers every simulated cluster runs, in registration order: the ReplicaSet
 * controller, the deployment controller, the HPA controller (over the autoscaling stack, a
 * fresh one per simulation, since it holds in-memory state), the namespace controller (over
 * the cluster's kinds, which it empties a deleted namespace of). The order is the dispatch order
 * of a change both the ReplicaSet and the deployment controller watch (controller.ts).
 */
import { hpaController, type Autoscaling } from "./autoscaling.ts";
import type { Controller } from "./controller.ts";
import { deploymentController } from "./controllers/deployment/index.ts";
import { namespaceController } from "./controllers/namespace/index.ts";
import { replicaSetController } from "./controllers/replicaset/index.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";

export function defaultControllers(autoscaling: Autoscaling, kinds: KindRegistry): Controller[] {
  return [replicaSetController, deploymentController, hpaController(autoscaling), namespaceController(kinds)];
}
