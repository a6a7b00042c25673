/**
 * v1 ResourceQuota: the resource quota controller keeps its status (hard and used:
 * engine/controllers/resourcequota) and the ResourceQuota admission plug-in charges and
 * enforces it (admission.ts); `get` and `describe` show that status (printResourceQuota,
 * describeQuota).
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { age } from "../../printing/table.ts";
import { storedKind } from "../stored/storedKind.ts";
import { describeQuota, quotaRows } from "./describe.ts";

export const ResourceQuotaKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "ResourceQuota",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "resourcequotas",
    shortNames: ["quota"],
  }),
  // printResourceQuota: NAME, AGE, then `resource: used/hard` for each resource of status.hard
  // in name order — limits.* under LIMIT, every other under REQUEST — joined by ", ".
  table: {
    header: ["NAME", "AGE", "REQUEST", "LIMIT"],
    wide: [],
    cells: (q, { now }) => {
      const rows = quotaRows(q, false).map(([name, used, hard]) => ({
        name,
        text: `${name}: ${used}/${hard}`,
      }));
      const isLimit = (name: string) => name.split(".").length > 1 && name.split(".")[0] === "limits";
      return [
        q.metadata.name,
        age(now, q.metadata.creationTimestamp),
        rows
          .filter((r) => !isLimit(r.name))
          .map((r) => r.text)
          .join(", "),
        rows
          .filter((r) => isLimit(r.name))
          .map((r) => r.text)
          .join(", "),
      ];
    },
  },
  describe: describeQuota,
  // Kept by its controller and read by admission: not a kind the report lists as "stored, not simulated".
  storedOnly: false,
};
