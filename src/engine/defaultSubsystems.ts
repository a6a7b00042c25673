/**
 * The real subsystems: the Deployment and ReplicaSet controllers and the autoscaling stack
 * (load model, metrics pipeline, HPA controller). A fresh autoscaling stack per simulation,
 * since it holds in-memory state (usage integrals, samples, recommendations).
 */
import { createAutoscaling } from "./autoscaling.ts";
import { reconcileDeployment } from "./controllers/deployment/index.ts";
import { reconcileReplicaSet } from "./controllers/replicaset/index.ts";
import type { Subsystems } from "./subsystems.ts";

export function defaultSubsystems(): Subsystems {
  return {
    deployment: reconcileDeployment,
    replicaSet: reconcileReplicaSet,
    autoscaling: createAutoscaling(),
  };
}
