/**
 * `kubectl rollout status` for a Deployment: kubectl polymorphichelpers/rollout_status.go
 * (DeploymentStatusViewer.Status), at one instant (a scenario reports it, it does not wait).
 */
import { getDeploymentCondition, TimedOutReason } from "../../../k8s/kinds/deployment/conditions.ts";
import { revision as revisionOf } from "../../../k8s/kinds/deployment/annotations.ts";
import type { Deployment } from "../../../k8s/types.ts";

export interface RolloutStatus {
  /** The line kubectl prints, newline included ("" when there is an error). */
  message: string;
  /** The rollout is finished: `kubectl rollout status` stops watching. */
  done: boolean;
  /** An error kubectl reports as `error: <text>` (exit status 1). */
  error?: string;
}

/**
 * Checks, in kubectl's order: the requested revision; the spec observed; the deadline not
 * exceeded; all replicas updated; no old replicas left; all updated replicas available.
 * Example: spec 3, updated 1 → `Waiting for deployment "web" rollout to finish: 1 out of 3 new
 * replicas have been updated...`.
 */
export function rolloutStatusMessage(d: Deployment, revision = 0): RolloutStatus {
  const name = d.metadata.name;
  if (revision > 0) {
    const current = revisionOf(d);
    if (current === undefined) {
      return {
        message: "",
        done: false,
        error: `cannot get the revision of deployment "${name}": ${d.metadata.annotations?.["deployment.kubernetes.io/revision"]}`,
      };
    }
    if (current !== revision)
      return {
        message: "",
        done: false,
        error: `desired revision (${revision}) is different from the running revision (${current})`,
      };
  }
  const st = d.status;
  if ((d.metadata.generation ?? 0) <= (st.observedGeneration ?? 0)) {
    const cond = getDeploymentCondition(st, "Progressing");
    if (cond !== undefined && cond.reason === TimedOutReason)
      return { message: "", done: false, error: `deployment "${name}" exceeded its progress deadline` };
    const updated = st.updatedReplicas ?? 0;
    const replicas = st.replicas ?? 0;
    const available = st.availableReplicas ?? 0;
    if (d.spec.replicas !== undefined && updated < d.spec.replicas) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${d.spec.replicas} new replicas have been updated...\n`,
        done: false,
      };
    }
    if (replicas > updated) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`,
        done: false,
      };
    }
    if (available < updated) {
      return {
        message: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
        done: false,
      };
    }
    return { message: `deployment "${name}" successfully rolled out\n`, done: true };
  }
  return { message: "Waiting for deployment spec update to be observed...\n", done: false };
}
