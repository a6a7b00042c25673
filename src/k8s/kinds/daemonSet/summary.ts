/**
 * How the trace summarises a DaemonSet, and the quantities expectations read from it: its
 * status counts under the workload words (`desired` and `current` are desiredNumberScheduled
 * and currentNumberScheduled, as `kubectl get ds` heads them DESIRED and CURRENT).
 */
import type { KubeObject } from "../../types.ts";
import type { Summarizer } from "../descriptor.ts";
import { field, imageQuantity, images } from "../summaries.ts";
import { daemonSetRolloutStatus } from "./rollout.ts";
import type { DaemonSet } from "./types.ts";

export interface DaemonSetSummary {
  /** status.desiredNumberScheduled: the nodes that should run a daemon pod */
  desired: number;
  /** status.currentNumberScheduled: those that run one */
  current: number;
  ready: number;
  available: number;
  /** status.updatedNumberScheduled */
  updated: number;
  /** status.numberUnavailable */
  unavailable: number;
  /** status.numberMisscheduled: nodes running a daemon pod they should not */
  misscheduled: number;
  /** container name → image, from the pod template */
  images: Record<string, string>;
  /** `kubectl rollout status` would report the rollout done (rollout.ts). */
  complete: boolean;
  exists: boolean;
}

export const daemonSetSummarizer: Summarizer<KubeObject, DaemonSetSummary> = {
  summarize(o, gone) {
    const ds = o as unknown as DaemonSet;
    const s = ds.status;
    const n = (v: number | undefined) => (gone ? 0 : (v ?? 0));
    const rollout = daemonSetRolloutStatus(ds);
    return {
      desired: n(s?.desiredNumberScheduled),
      current: n(s?.currentNumberScheduled),
      ready: n(s?.numberReady),
      available: n(s?.numberAvailable),
      updated: n(s?.updatedNumberScheduled),
      unavailable: n(s?.numberUnavailable),
      misscheduled: n(s?.numberMisscheduled),
      images: images(ds.spec.template),
      complete: !gone && rollout.error === undefined && rollout.done,
      exists: !gone,
    };
  },
  quantities: {
    desired: field("desired"),
    current: field("current"),
    pods: field("current"),
    ready: field("ready"),
    available: field("available"),
    updated: field("updated"),
    unavailable: field("unavailable"),
    image: imageQuantity(),
    rolloutComplete: { read: (s) => s.complete, name: () => "rollout complete" },
  },
  lacks: (q) =>
    q === "replicas"
      ? "a DaemonSet has no replicas: it runs one pod per node; write `expect daemonset/NAME desired …` or `… ready …`"
      : q === "revision"
        ? "a DaemonSet's revisions are ControllerRevisions; write `expect daemonset/NAME updated …`"
        : undefined,
};
