/**
 * Engine-level API faults: windows of simulated time in which the API server refuses some
 * requests, so that controllers meet the failure branches they have upstream. Today the scale
 * subresource consults it (scaleSubresource.ts: the HPA's GET and UPDATE of /scale, whose
 * failures upstream reports as FailedGetScale / FailedUpdateScale); the language's
 * `fault scale-updates for 1m` adds a window here (faults/index.ts says with which error).
 *
 * Example: `faults.add({ verb: "update", resource: "scale", from: 60, until: 120, error })`
 * makes every scale UPDATE at 60 ≤ t < 120 fail with `error`; at 120 they succeed again.
 */
import type { Time } from "../../k8s/types.ts";
import type { ApiError } from "../cluster.ts";

export interface ApiFault {
  verb: "get" | "update";
  resource: "scale";
  /** Only this target (by kind and name, and namespace when given); every target when absent. */
  target?: { kind: string; namespace?: string; name: string };
  /** Active for from ≤ t < until. */
  from: Time;
  until: Time;
  /** What the API server answers instead (a function of the request's target when it names it). */
  error: ApiError | ((target: { kind: string; name: string }) => ApiError);
}

export class ApiFaults {
  private readonly faults: ApiFault[] = [];

  add(fault: ApiFault): void {
    this.faults.push(fault);
  }

  /**
   * Whether any fault window of this verb and resource covers `now`: when none does, rejection
   * answers undefined whatever the target, and the caller need not make one (the HPA reads its
   * target's scale at every sync, and a run mostly has no fault).
   */
  covers(verb: ApiFault["verb"], resource: ApiFault["resource"], now: Time): boolean {
    for (let i = 0; i < this.faults.length; i++) {
      const f = this.faults[i];
      if (f.verb === verb && f.resource === resource && f.from <= now && now < f.until) return true;
    }
    return false;
  }

  /** The error for this request at `now`, if a fault window covers it (the first one added wins). */
  rejection(
    verb: ApiFault["verb"],
    resource: ApiFault["resource"],
    target: { kind: string; namespace: string; name: string },
    now: Time,
  ): ApiError | undefined {
    const fault = this.faults.find(
      (f) =>
        f.verb === verb &&
        f.resource === resource &&
        f.from <= now &&
        now < f.until &&
        (f.target === undefined ||
          (f.target.kind === target.kind &&
            f.target.name === target.name &&
            (f.target.namespace === undefined || f.target.namespace === target.namespace))),
    );
    if (!fault) return undefined;
    return typeof fault.error === "function" ? fault.error(target) : fault.error;
  }
}
