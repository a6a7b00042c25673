/**
 * apps/v1 DaemonSet, simulated: the API server defaults and validates it and counts its
 * template's generations (admit.ts), the DaemonSet controller (src/engine/controllers/
 * daemonset) runs one pod on each node it selects and keeps the status; `kubectl get ds` prints
 * printDaemonSet's columns from that status, `kubectl describe ds` is describeDaemonSet.
 *
 * DaemonSet is not a member of the KubeObject union (the engine's typed kinds): the
 * descriptor is over KubeObject and its parts read the object as a DaemonSet (types.ts).
 */
import { selectorToString } from "../../labels.ts";
import { age, containerCells } from "../../printing/table.ts";
import type { Container, KubeObject, LabelSelector } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { formatLabels, list, obj, stringMap } from "../stored/fields.ts";
import { admitDaemonSet } from "./admit.ts";
import { describeDaemonSet } from "./describe.ts";
import { daemonSetSummarizer, type DaemonSetSummary } from "./summary.ts";
import { emptyDaemonSetStatus } from "./types.ts";

export const DaemonSetKind: KindDescriptor<KubeObject, DaemonSetSummary> = {
  kind: "DaemonSet",
  group: "apps",
  versions: ["v1"],
  namespaced: true,
  plural: "daemonsets",
  singular: "daemonset",
  shortNames: ["ds"],
  categories: ["all"],
  prose: "a DaemonSet",
  simulated: true,
  strategy: {
    tracksGeneration: true,
    initialStatus: emptyDaemonSetStatus,
    admit: (raw, _apiVersion, old) =>
      admitDaemonSet(raw, old as unknown as Record<string, unknown> | undefined),
  },
  // DaemonSetStatus's omitempty fields.
  omitEmpty: [
    "status.observedGeneration",
    "status.updatedNumberScheduled",
    "status.numberAvailable",
    "status.numberUnavailable",
    "status.collisionCount",
  ],
  language: { word: "daemonset", words: ["daemonset", "daemonsets", "ds"], bare: false },
  // printDaemonSet: the counts of the status, NODE SELECTOR as labels.FormatLabels of the
  // template's nodeSelector; -o wide adds CONTAINERS, IMAGES, SELECTOR.
  table: {
    header: ["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
    cells: (o, { now, wide }) => {
      const raw = o as unknown as Record<string, unknown>;
      const spec = obj(raw.spec);
      const s = obj(raw.status);
      const podSpec = obj(obj(spec.template).spec);
      const n = (k: string) => String(s[k] ?? 0);
      return [
        o.metadata.name,
        n("desiredNumberScheduled"),
        n("currentNumberScheduled"),
        n("numberReady"),
        n("updatedNumberScheduled"),
        n("numberAvailable"),
        formatLabels(stringMap(podSpec.nodeSelector)),
        age(now, o.metadata.creationTimestamp),
        ...(wide
          ? [
              ...containerCells(list(podSpec.containers) as Container[]),
              selectorToString(obj(spec.selector) as LabelSelector),
            ]
          : []),
      ];
    },
  },
  describe: describeDaemonSet,
  summary: daemonSetSummarizer,
};
