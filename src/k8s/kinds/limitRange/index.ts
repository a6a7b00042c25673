/**
 * v1 LimitRange. The API server stores a Container item with its defaults filled in
 * (SetDefaults_LimitRangeItem: admission.ts defaultLimitRangeItem), and the LimitRanger
 * admission plug-in applies and checks it on every pod created in its namespace.
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { isObj } from "../../jsonObject.ts";
import { storedKind } from "../stored/storedKind.ts";
import { defaultLimitRangeItem } from "./admission.ts";
import { describeLimitRange } from "./describe.ts";

const stored = storedKind({
  kind: "LimitRange",
  group: "",
  versions: ["v1"],
  namespaced: true,
  plural: "limitranges",
  shortNames: ["limits"],
});

export const LimitRangeKind: KindDescriptor<KubeObject> = {
  ...stored,
  strategy: {
    ...stored.strategy,
    admit(raw, apiVersion, old, opts) {
      const admitted = stored.strategy.admit(raw, apiVersion, old, opts);
      const obj = admitted.object as unknown as Record<string, unknown> | undefined;
      if (!obj || !isObj(obj.spec) || !Array.isArray(obj.spec.limits)) return admitted;
      const spec = { ...obj.spec, limits: obj.spec.limits.map(defaultLimitRangeItem) };
      return { ...admitted, object: { ...obj, spec } };
    },
  },
  describe: describeLimitRange,
  // Read by the LimitRanger admission plug-in: not a kind the report lists as "stored, not simulated".
  storedOnly: false,
};
