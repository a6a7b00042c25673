/**
 * What a StorageClass's provisioner makes for a claim (sig-storage-lib-external-provisioner
 * controller.go provisionClaimOperation, with local-path-provisioner's Provision for
 * rancher.io/local-path): a volume named `pvc-<claim uid>` (controller.go getProvisionedVolumeNameForClaim)
 * of the claim's size, access modes and volume mode, the class's reclaim policy and mount
 * options, a claimRef naming the claim (with its uid), annotated pv.kubernetes.io/provisioned-by.
 * local-path's volume is a hostPath directory on the node the scheduler chose
 * (`/var/local-path-provisioner/<pv>_<namespace>_<claim>`, DirectoryOrCreate) with node affinity
 * for that node (kubernetes.io/hostname), and its provisioner's own
 * `local.path.provisioner/selected-node` annotation. Another provisioner's volume is a CSI volume
 * of its driver (a CSI driver's provisioner is named after it), its handle the volume's name.
 *
 * The events the library records, from the provisioner's identity (`<provisioner>_<pod>_<uuid>`,
 * a fixed one here): `Provisioning`, "External provisioner is provisioning volume for claim
 * \"default/data-pg-0\"", then `ProvisioningSucceeded`, "Successfully provisioned volume pvc-…".
 */
import { involvedObjectOf } from "../../../k8s/namespaces.ts";
import type { EventDraft, KubeObject } from "../../../k8s/types.ts";
import { fnv } from "../../defaultServices.ts";
import { newUid } from "../../names.ts";
import { mulberry32 } from "../../rng.ts";
import { LOCAL_PATH_PROVISIONER } from "./defaultClass.ts";
import { Ann, claimReference, provisionerOf, reclaimPolicyOf, specOf } from "./volumes.ts";
import { obj, str, strings } from "../../../k8s/kinds/stored/fields.ts";

/** The identity in the provisioner's event source: local-path-provisioner's pod in kind, else the library's uuid. */
export function provisionerSource(provisioner: string): string {
  const uuid = newUid(mulberry32(fnv(`provisioner ${provisioner}`)));
  return provisioner === LOCAL_PATH_PROVISIONER
    ? `${provisioner}_local-path-provisioner-7577fdbbfb-2x9lq_${uuid}`
    : `${provisioner}_${uuid}`;
}

/** getProvisionedVolumeNameForClaim */
export const provisionedVolumeName = (claim: KubeObject): string => `pvc-${claim.metadata.uid ?? ""}`;

export function provisionedVolume(claim: KubeObject, sc: KubeObject, node: string | undefined): KubeObject {
  const provisioner = provisionerOf(sc);
  const name = provisionedVolumeName(claim);
  const spec = specOf(claim);
  const namespace = claim.metadata.namespace ?? "default";
  const local = provisioner === LOCAL_PATH_PROVISIONER;
  const annotations: Record<string, string> = {};
  if (local && node !== undefined) annotations["local.path.provisioner/selected-node"] = node;
  annotations[Ann.provisionedBy] = provisioner;
  const mountOptions = strings((sc as unknown as Record<string, unknown>).mountOptions);
  const pvSpec: Record<string, unknown> = {
    accessModes: strings(spec.accessModes),
    capacity: { storage: str(obj(obj(spec.resources).requests).storage) },
    claimRef: claimReference(claim),
  };
  if (local)
    pvSpec.hostPath = {
      path: `/var/local-path-provisioner/${name}_${namespace}_${claim.metadata.name}`,
      type: "DirectoryOrCreate",
    };
  else pvSpec.csi = { driver: provisioner, volumeHandle: name };
  if (mountOptions.length) pvSpec.mountOptions = mountOptions;
  if (local && node !== undefined)
    pvSpec.nodeAffinity = {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: [node] }] },
        ],
      },
    };
  pvSpec.persistentVolumeReclaimPolicy = reclaimPolicyOf(sc);
  pvSpec.storageClassName = sc.metadata.name;
  pvSpec.volumeMode = str(spec.volumeMode) || "Filesystem";
  return {
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, annotations },
    spec: pvSpec,
  } as unknown as KubeObject;
}

/** An event about the claim from the provisioner. */
export const provisionerEvent = (
  claim: KubeObject,
  provisioner: string,
  reason: string,
  message: string,
): EventDraft => ({
  type: "Normal",
  reason,
  message,
  involvedObject: involvedObjectOf(claim),
  source: provisionerSource(provisioner),
});
