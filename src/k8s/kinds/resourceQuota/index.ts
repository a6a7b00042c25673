/**
 * v1 ResourceQuota, stored as written: no quota controller fills in its status and no quota
 * admission is enforced, so `describe` shows the status as applied (describeQuota).
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { storedKind } from "../stored/storedKind.ts";
import { describeQuota } from "./describe.ts";

export const ResourceQuotaKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "ResourceQuota",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "resourcequotas",
    shortNames: ["quota"],
  }),
  describe: describeQuota,
};
