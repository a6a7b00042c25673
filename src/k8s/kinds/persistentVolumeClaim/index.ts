/**
 * v1 PersistentVolumeClaim, bound by the PV controller (src/engine/controllers/persistentvolume,
 * docs/storage.md): created Pending (the registry's PrepareForCreate), its spec.volumeMode
 * defaulted to Filesystem (SetDefaults_PersistentVolumeClaimSpec). `kubectl get pvc` prints
 * printPersistentVolumeClaim's columns, `kubectl describe pvc` is describePersistentVolumeClaim.
 */
import { withAttributesClassColumn } from "../persistentVolume/attributesClassColumn.ts";
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { accessModesText, storageClassOf } from "../persistentVolume/storage.ts";
import { list, obj, str } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { withStorageDefaults } from "../persistentVolume/defaults.ts";
import { describePersistentVolumeClaim, pvcPhase } from "./describe.ts";
import { claimShrinkErrors } from "./resizeValidation.ts";

const stored = storedKind({
  kind: "PersistentVolumeClaim",
  group: "",
  versions: ["v1"],
  namespaced: true,
  plural: "persistentvolumeclaims",
  shortNames: ["pvc"],
  tracksGeneration: false,
  // printPersistentVolumeClaim: Terminating once deleted; capacity and access modes once bound
  // to a volume; VOLUMEATTRIBUTESCLASS (1.29+, attributesClassColumn.ts) <unset> without spec.volumeAttributesClassName.
  table: withAttributesClassColumn(
    nameAgeTable(
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
  ),
});

const defaulted = withStorageDefaults(stored, { volumeMode: "Filesystem" });

export const PersistentVolumeClaimKind: KindDescriptor<KubeObject> = {
  ...defaulted,
  strategy: {
    ...defaulted.strategy,
    admit(raw, apiVersion, old, opts) {
      const admitted = defaulted.strategy.admit(raw, apiVersion, old, opts);
      if (old === undefined) return admitted;
      const shrink = claimShrinkErrors(
        admitted.object,
        old as unknown as Record<string, unknown>,
        opts.recoverVolumeExpansionFailure,
      );
      return shrink.length ? { ...admitted, errors: [...admitted.errors, ...shrink] } : admitted;
    },
  },
  describe: describePersistentVolumeClaim,
};
