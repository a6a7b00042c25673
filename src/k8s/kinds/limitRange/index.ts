/** v1 LimitRange, stored as written: no LimitRanger admission defaults or checks pods here. */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { storedKind } from "../stored/storedKind.ts";
import { describeLimitRange } from "./describe.ts";

export const LimitRangeKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "LimitRange",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "limitranges",
    shortNames: ["limits"],
  }),
  describe: describeLimitRange,
};
