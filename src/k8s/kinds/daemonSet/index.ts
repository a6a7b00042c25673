/**
 * apps/v1 DaemonSet, stored as written (no daemon controller runs): `kubectl get ds` prints
 * printDaemonSet's columns from the status as applied, `kubectl describe ds` is
 * describeDaemonSet.
 */
import { selectorToString } from "../../labels.ts";
import { age, containerCells } from "../../printing/table.ts";
import type { Container, KubeObject, LabelSelector } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { formatLabels, list, obj, stringMap } from "../stored/fields.ts";
import { storedKind } from "../stored/storedKind.ts";
import { describeDaemonSet } from "./describe.ts";

export const DaemonSetKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "DaemonSet",
    group: "apps",
    versions: ["v1"],
    namespaced: true,
    plural: "daemonsets",
    shortNames: ["ds"],
    categories: ["all"],
    tracksGeneration: true,
  }),
  // printDaemonSet: the counts of the stored status, NODE SELECTOR as labels.FormatLabels of the
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
};
