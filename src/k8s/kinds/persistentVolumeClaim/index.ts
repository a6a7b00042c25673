/**
 * v1 PersistentVolumeClaim, stored as written (no volume binding is simulated): `kubectl get
 * pvc` prints printPersistentVolumeClaim's columns, `kubectl describe pvc` is
 * describePersistentVolumeClaim.
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { accessModesText, storageClassOf } from "../persistentVolume/storage.ts";
import { list, obj, str } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { describePersistentVolumeClaim, pvcPhase } from "./describe.ts";

export const PersistentVolumeClaimKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "PersistentVolumeClaim",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "persistentvolumeclaims",
    shortNames: ["pvc"],
    tracksGeneration: false,
    // printPersistentVolumeClaim: Terminating once deleted; capacity and access modes once bound
    // to a volume; VOLUMEATTRIBUTESCLASS (1.29+) <unset> without spec.volumeAttributesClassName.
    table: nameAgeTable(
      ["STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS"],
      (o) => {
        const spec = obj(o.spec);
        const status = obj(o.status);
        const bound = str(spec.volumeName) !== "";
        return [
          obj(o.metadata).deletionTimestamp !== undefined ? "Terminating" : pvcPhase(o),
          str(spec.volumeName),
          bound ? str(obj(status.capacity).storage) : "",
          bound ? accessModesText(list(status.accessModes)) : "",
          storageClassOf(o as unknown as KubeObject),
          str(spec.volumeAttributesClassName) || "<unset>",
        ];
      },
    ),
  }),
  describe: describePersistentVolumeClaim,
};
