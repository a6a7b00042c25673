/**
 * A claim a LimitRange will refuse, told at check time where the claim was written. The API
 * server's LimitRanger (admission.go PersistentVolumeClaimValidateLimitFunc) refuses a claim
 * whose storage request breaks a PersistentVolumeClaim item of a LimitRange in its namespace;
 * the run prints kubectl's `Error from server (Forbidden)` at the apply line. When the
 * scenario applied that LimitRange before the claim (the statements run in order), `check`
 * knows it too, and reports the refusal at the claim's field, as manifest validation reports
 * its errors. A warning: the apply still runs, and may be the point of the scenario.
 *
 * What check cannot know (a LimitRange created by a kubectl line it does not read as a file,
 * or deleted before the claim is applied) is left to the run.
 */
import { claimLimitRangeRefusal } from "../k8s/kinds/limitRange/admission.ts";
import { DEFAULT_NAMESPACE } from "../k8s/namespaces.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import type { LoadedManifest } from "./manifests.ts";
import { messages } from "./messages.ts";
import { diagnosticAt } from "./targets.ts";

export class ClaimLimits {
  /** LimitRanges applied so far, by namespace, in the order the store lists them (by arrival). */
  private readonly ranges = new Map<string, Map<string, KubeObject>>();

  constructor(private readonly diagnostics: Diagnostic[]) {}

  /** Objects applied in order; `namespace` the one they go to when they name none (`-n`). */
  applied(loaded: LoadedManifest, namespace = DEFAULT_NAMESPACE): void {
    const objects = loaded.objects;
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i];
      const kind: string = o.kind;
      if (kind !== "LimitRange" && kind !== "PersistentVolumeClaim") continue;
      const ns = o.metadata?.namespace ?? namespace;
      if (kind === "LimitRange") {
        let inNamespace = this.ranges.get(ns);
        if (!inNamespace) this.ranges.set(ns, (inNamespace = new Map()));
        inNamespace.set(o.metadata.name, o);
        continue;
      }
      const at = loaded.claimPositions?.get(i);
      const inNamespace = this.ranges.get(ns);
      if (!at || !inNamespace) continue;
      for (const range of inNamespace.values()) {
        const refusal = claimLimitRangeRefusal(o, [range], o.metadata.name);
        if (refusal === undefined) continue;
        this.diagnostics.push(
          diagnosticAt(
            at.file,
            messages.claimRefusedByLimitRange(refusal, range.metadata.name),
            at.position("spec.resources.requests.storage"),
            "warning",
          ),
        );
        break;
      }
    }
  }
}
