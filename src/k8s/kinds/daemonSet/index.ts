/**
 * apps/v1 DaemonSet, stored as written (no daemon controller runs): `kubectl get ds` prints
 * printDaemonSet's columns from the status as applied, `kubectl describe ds` is
 * describeDaemonSet.
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { obj, stringMap } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
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
    table: nameAgeTable(["DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR"], (o) => {
      const s = obj(o.status);
      const n = (k: string) => String(s[k] ?? 0);
      // labels.FormatLabels of the template's nodeSelector.
      const sel = stringMap(obj(obj(obj(o.spec).template).spec).nodeSelector);
      const text = Object.keys(sel)
        .sort()
        .map((k) => `${k}=${sel[k]}`)
        .join(",");
      return [
        n("desiredNumberScheduled"),
        n("currentNumberScheduled"),
        n("numberReady"),
        n("updatedNumberScheduled"),
        n("numberAvailable"),
        text || "<none>",
      ];
    }),
  }),
  describe: describeDaemonSet,
};
