/**
 * How the trace summarises a StatefulSet, and the quantities expectations read from it (the
 * Deployment's, less `unavailable`, which a StatefulSet's status does not have, plus
 * `current`: pods still at status.currentRevision).
 */
import { namespaceOf } from "../../namespaces.ts";
import type { StatefulSet } from "../../types.ts";
import type { Summarizer } from "../descriptor.ts";
import { field, imageQuantity, images } from "../summaries.ts";
import { statefulSetRolloutStatus } from "./rollout.ts";

export interface StatefulSetSummary {
  /** spec.replicas */
  replicas: number;
  /** status.replicas: pods created (terminating ones included, as the controller counts them) */
  pods: number;
  ready: number;
  available: number;
  /** status.updatedReplicas: pods at the update revision */
  updated: number;
  /** status.currentReplicas: pods at the current revision */
  current: number;
  /** container name → image, from the pod template */
  images: Record<string, string>;
  /** The update revision's number (its ControllerRevision's `revision`), 0 before the first sync. */
  revision: number;
  currentRevision: string;
  updateRevision: string;
  /** `kubectl rollout status` would report the rollout done (rollout.ts). */
  complete: boolean;
  exists: boolean;
}

export const statefulSetSummarizer: Summarizer<StatefulSet, StatefulSetSummary> = {
  summarize(sts, gone, ctx) {
    const s = sts.status ?? { replicas: 0 };
    const update = s.updateRevision ?? "";
    const cr = update ? ctx.objects.get("ControllerRevision", namespaceOf(sts), update) : undefined;
    return {
      replicas: gone ? 0 : sts.spec.replicas,
      pods: gone ? 0 : (s.replicas ?? 0),
      ready: gone ? 0 : (s.readyReplicas ?? 0),
      available: gone ? 0 : (s.availableReplicas ?? 0),
      updated: gone ? 0 : (s.updatedReplicas ?? 0),
      current: gone ? 0 : (s.currentReplicas ?? 0),
      images: images(sts.spec.template),
      revision: cr?.revision ?? 0,
      currentRevision: s.currentRevision ?? "",
      updateRevision: update,
      complete: !gone && statefulSetRolloutStatus(sts).done,
      exists: !gone,
    };
  },
  quantities: {
    replicas: field("replicas"),
    pods: field("pods"),
    ready: field("ready"),
    available: field("available"),
    updated: field("updated"),
    current: field("current"),
    revision: field("revision"),
    image: imageQuantity(),
    rolloutComplete: { read: (s) => s.complete, name: () => "rollout complete" },
  },
  lacks: (q) =>
    q === "unavailable"
      ? `a StatefulSet's status has no unavailable count; write \`expect statefulset/NAME ready …\``
      : q === "desired"
        ? `"desired" is a quantity of an HPA; write \`expect hpa desired …\``
        : undefined,
};
