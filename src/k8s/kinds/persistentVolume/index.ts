/**
 * v1 PersistentVolume (cluster-scoped), stored as written: no volume binding is simulated.
 * `kubectl get pv` prints printPersistentVolume's columns, `kubectl describe pv` is
 * describePersistentVolume.
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { obj, str } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { quantityText } from "../../printing/quantityText.ts";
import { describePersistentVolume, pvPhase } from "./describe.ts";
import { accessModesText, storageClassOf } from "./storage.ts";

export const PersistentVolumeKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "PersistentVolume",
    group: "",
    versions: ["v1"],
    namespaced: false,
    plural: "persistentvolumes",
    shortNames: ["pv"],
    // printPersistentVolume: CLAIM is namespace/name; Terminating once deleted.
    table: nameAgeTable(
      [
        "CAPACITY",
        "ACCESS MODES",
        "RECLAIM POLICY",
        "STATUS",
        "CLAIM",
        "STORAGECLASS",
        "VOLUMEATTRIBUTESCLASS",
        "REASON",
      ],
      (o) => {
        const spec = obj(o.spec);
        const ref = obj(spec.claimRef);
        const storage = str(obj(spec.capacity).storage);
        return [
          storage ? quantityText(storage) : "0",
          accessModesText(spec.accessModes),
          str(spec.persistentVolumeReclaimPolicy),
          obj(o.metadata).deletionTimestamp !== undefined ? "Terminating" : pvPhase(o),
          spec.claimRef === undefined ? "" : `${str(ref.namespace)}/${str(ref.name)}`,
          storageClassOf(o as unknown as KubeObject),
          str(spec.volumeAttributesClassName) || "<unset>",
          str(obj(o.status).reason),
        ];
      },
    ),
  }),
  describe: describePersistentVolume,
};
