/** v1 ConfigMap: stored as written (metadata defaulted and validated), printed by get and describe. */
import { defaultConfigMap } from "../../defaults.ts";
import { age } from "../../printing/table.ts";
import type { ConfigMap } from "../../types.ts";
import { isDNS1123Subdomain, validateObjectMeta } from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { describeConfigMap } from "./describe.ts";
import { BUILTIN_FIELDS } from "../../knownFields.ts";

export const ConfigMapKind: KindDescriptor<ConfigMap> = {
  kind: "ConfigMap",
  group: "",
  versions: ["v1"],
  namespaced: true,
  plural: "configmaps",
  singular: "configmap",
  shortNames: ["cm"],
  categories: [],
  prose: "a ConfigMap",
  simulated: false,
  fields: BUILTIN_FIELDS.configMap,
  strategy: {
    tracksGeneration: false,
    admit(raw) {
      const object = defaultConfigMap(raw);
      return { object, errors: validateObjectMeta(object.metadata, isDNS1123Subdomain) };
    },
  },
  // printConfigMap: DATA counts the keys of data and binaryData.
  table: {
    header: ["NAME", "DATA", "AGE"],
    wide: [],
    cells: (cm, { now }) => [
      cm.metadata.name,
      String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length),
      age(now, cm.metadata.creationTimestamp),
    ],
  },
  describe: describeConfigMap,
};
