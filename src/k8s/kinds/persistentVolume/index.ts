/**
 * v1 PersistentVolume (cluster-scoped), bound and reclaimed by the PV controller
 * (src/engine/controllers/persistentvolume, docs/storage.md): created Pending (the registry's
 * PrepareForCreate), its spec defaulted by SetDefaults_PersistentVolume (reclaim policy Retain,
 * volume mode Filesystem), with status.lastPhaseTransitionTime set on create and whenever the
 * phase changes (phaseTransition.ts). `kubectl get pv` prints printPersistentVolume's columns, `kubectl
 * describe pv` is describePersistentVolume.
 */
import { withAttributesClassColumn } from "./attributesClassColumn.ts";
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { obj, str } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { withStorageDefaults } from "./defaults.ts";
import { withPhaseTransitionTime } from "./phaseTransition.ts";
import { quantityText } from "../../printing/quantityText.ts";
import { describePersistentVolume, pvPhase } from "./describe.ts";
import { accessModesText, storageClassOf } from "./storage.ts";

const stored = storedKind({
  kind: "PersistentVolume",
  group: "",
  versions: ["v1"],
  namespaced: false,
  plural: "persistentvolumes",
  shortNames: ["pv"],
  // printPersistentVolume: CLAIM is namespace/name; Terminating once deleted.
  table: withAttributesClassColumn(
    nameAgeTable(
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
  ),
});

export const PersistentVolumeKind: KindDescriptor<KubeObject> = {
  ...withPhaseTransitionTime(
    withStorageDefaults(stored, { persistentVolumeReclaimPolicy: "Retain", volumeMode: "Filesystem" }),
  ),
  describe: describePersistentVolume,
};
