/**
 * v1 ResourceQuota, stored as written: no quota controller fills in its status and no quota
 * admission is enforced, so `get` and `describe` show the status as applied
 * (printResourceQuota, describeQuota).
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
};
