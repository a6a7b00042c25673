/**
 * storage.k8s.io/v1 StorageClass (cluster-scoped), read by the DefaultStorageClass admission
 * plug-in and the PV controller (docs/storage.md; kind's `standard` is there from the start:
 * src/engine/controllers/persistentvolume/defaultClass.ts); its reclaimPolicy and
 * volumeBindingMode read as the API server defaults them (SetDefaults_StorageClass: Delete,
 * Immediate). `kubectl get sc` prints printStorageClass's columns ("(default)" after the name
 * of the default class), `kubectl describe sc` is describeStorageClass.
 */
import { eventsFor } from "../../printing/describe.ts";
import { PrefixWriter } from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext, KindDescriptor } from "../descriptor.ts";
import {
  formatLabels,
  list,
  obj,
  printBoolPtr,
  str,
  stringMap,
  strings,
  type Obj,
} from "../stored/fields.ts";
import { age } from "../../printing/table.ts";
import { storedKind } from "../stored/storedKind.ts";

/** storageutil.IsDefaultAnnotation(Text): the GA or the beta annotation is "true". */
export function isDefaultClass(o: KubeObject): boolean {
  const a = o.metadata.annotations ?? {};
  return (
    a["storageclass.kubernetes.io/is-default-class"] === "true" ||
    a["storageclass.beta.kubernetes.io/is-default-class"] === "true"
  );
}

const reclaimPolicy = (sc: Obj) => str(sc.reclaimPolicy) || "Delete";
const bindingMode = (sc: Obj) => str(sc.volumeBindingMode) || "Immediate";

/**
 * describeStorageClass: whether it is the default, the annotations and parameters on one line
 * each (labels.FormatLabels), volume expansion, mount options, reclaim policy, binding mode,
 * the allowed topologies when set, then the Events.
 */
export function describeStorageClass(sc: KubeObject, ctx: DescribeContext): string {
  const raw = sc as unknown as Obj;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${sc.metadata.name}\n`);
  w.write(0, `IsDefaultClass:\t${isDefaultClass(sc) ? "Yes" : "No"}\n`);
  w.write(0, `Annotations:\t${formatLabels(sc.metadata.annotations ?? {})}\n`);
  w.write(0, `Provisioner:\t${str(raw.provisioner)}\n`);
  w.write(0, `Parameters:\t${formatLabels(stringMap(raw.parameters))}\n`);
  w.write(0, `AllowVolumeExpansion:\t${printBoolPtr(raw.allowVolumeExpansion)}\n`);
  const mountOptions = strings(raw.mountOptions);
  if (!mountOptions.length) w.write(0, "MountOptions:\t<none>\n");
  else {
    w.write(0, "MountOptions:\n");
    for (const m of mountOptions) w.write(1, `${m}\n`);
  }
  w.write(0, `ReclaimPolicy:\t${reclaimPolicy(raw)}\n`);
  w.write(0, `VolumeBindingMode:\t${bindingMode(raw)}\n`);
  if (raw.allowedTopologies !== undefined) {
    // printAllowedTopologies, printTopologySelectorTermsMultilineWithIndent
    const terms = list(raw.allowedTopologies).map(obj);
    w.write(0, "AllowedTopologies:\t");
    if (!terms.length) w.write(0, "<none>\n");
    else {
      w.write(0, "\n");
      terms.forEach((t, i) => {
        w.write(1, `Term ${i}:\t`);
        const reqs = list(t.matchLabelExpressions).map(obj);
        if (!reqs.length) w.write(0, "<none>\n");
        reqs.forEach((r, j) => {
          if (j) w.write(1, "\t");
          const values = strings(r.values);
          w.write(0, `${str(r.key)} in${values.length ? ` [${values.join(", ")}]` : ""}\n`);
        });
      });
    }
  }
  eventsFor(w, sc, ctx);
  return w.toString();
}

export const StorageClassKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "StorageClass",
    group: "storage.k8s.io",
    versions: ["v1"],
    namespaced: false,
    plural: "storageclasses",
    shortNames: ["sc"],
  }),
  // Read by the DefaultStorageClass admission plug-in and the PV controller.
  storedOnly: false,
  // printStorageClass: the default class's name is followed by " (default)".
  table: {
    header: ["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"],
    wide: [],
    cells: (o, { now }) => {
      const raw = o as unknown as Obj;
      return [
        isDefaultClass(o) ? `${o.metadata.name} (default)` : o.metadata.name,
        str(raw.provisioner),
        reclaimPolicy(raw),
        bindingMode(raw),
        String(raw.allowVolumeExpansion === true),
        age(now, o.metadata.creationTimestamp),
      ];
    },
  },
  describe: describeStorageClass,
};
