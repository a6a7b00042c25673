/**
 * The real subsystems: the Deployment and ReplicaSet controllers and the autoscaling stack
 * (load model, metrics pipeline, HPA controller).
 */
import type { Subsystems } from "./subsystems.ts";

export function defaultSubsystems(): Subsystems {
  throw new Error("the default controllers are not wired yet: pass `subsystems` to new Simulation()");
}
