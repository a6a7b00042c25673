/**
 * The parts of PersistentVolumes, PersistentVolumeClaims and StorageClasses the PV controller,
 * the provisioner and the scheduler's volume binding read, as plain objects (the kinds are
 * stored as written: src/k8s/kinds/persistentVolume*, storageClass), and the annotations
 * Kubernetes writes on them (pkg/controller/volume/persistentvolume/util/util.go,
 * k8s.io/component-helpers/storage/volume/helpers.go).
 */
import { storageClassOf } from "../../../k8s/kinds/persistentVolume/storage.ts";
import { obj, str, type Obj } from "../../../k8s/kinds/stored/fields.ts";
import { isQuantityError, parseQuantity, type Quantity } from "../../../k8s/quantity.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { KubeObject } from "../../../k8s/types.ts";
import type { StoreView } from "../../controller.ts";

/** util.go / helpers.go annotation keys. */
export const Ann = {
  /** AnnBindCompleted: the claim's binding is complete. */
  bindCompleted: "pv.kubernetes.io/bind-completed",
  /** AnnBoundByController: the controller (not the user) set the binding. */
  boundByController: "pv.kubernetes.io/bound-by-controller",
  /** AnnDynamicallyProvisioned: the provisioner that made the volume. */
  provisionedBy: "pv.kubernetes.io/provisioned-by",
  /** AnnStorageProvisioner and its beta form: the provisioner asked to make the claim's volume. */
  storageProvisioner: "volume.kubernetes.io/storage-provisioner",
  betaStorageProvisioner: "volume.beta.kubernetes.io/storage-provisioner",
  /** AnnSelectedNode: the node the scheduler chose for a WaitForFirstConsumer claim. */
  selectedNode: "volume.kubernetes.io/selected-node",
} as const;

/** The finalizers of the StorageObjectInUseProtection admission plug-in. */
export const PVC_PROTECTION = "kubernetes.io/pvc-protection";
export const PV_PROTECTION = "kubernetes.io/pv-protection";

/** NotSupportedProvisioner: a class whose volumes are made by hand (local volumes). */
export const NO_PROVISIONER = "kubernetes.io/no-provisioner";

export const specOf = (o: KubeObject): Obj => obj((o as unknown as Obj).spec);
export const statusOf = (o: KubeObject): Obj => obj((o as unknown as Obj).status);
export const phaseOf = (o: KubeObject): string => str(statusOf(o).phase);

/** A storage request or capacity as a Quantity; undefined when absent or malformed. */
export function storageOf(list: unknown): Quantity | undefined {
  const raw = obj(list).storage;
  if (typeof raw !== "string" && typeof raw !== "number") return undefined;
  const q = parseQuantity(raw);
  return isQuantityError(q) ? undefined : q;
}

/** The claim's spec.resources.requests.storage. */
export const claimRequest = (claim: KubeObject): Quantity | undefined =>
  storageOf(obj(specOf(claim).resources).requests);

/** The volume's spec.capacity.storage. */
export const volumeCapacity = (pv: KubeObject): Quantity | undefined => storageOf(specOf(pv).capacity);

/** spec.volumeMode, Filesystem when unset (SetDefaults_PersistentVolume(Claim)Spec). */
export const volumeModeOf = (o: KubeObject): string => str(specOf(o).volumeMode) || "Filesystem";

export const classOf = storageClassOf;

/** volumeBindingMode, defaulted to Immediate (SetDefaults_StorageClass). */
export const bindingModeOf = (sc: KubeObject): string =>
  str((sc as unknown as Obj).volumeBindingMode) || "Immediate";

export const provisionerOf = (sc: KubeObject): string => str((sc as unknown as Obj).provisioner);

/** reclaimPolicy, defaulted to Delete (SetDefaults_StorageClass). */
export const reclaimPolicyOf = (sc: KubeObject): string =>
  str((sc as unknown as Obj).reclaimPolicy) || "Delete";

/**
 * helpers.go IsDelayBindingMode: the claim's class exists and says WaitForFirstConsumer. A
 * claim without a class, or whose class does not exist, binds at once.
 */
export function isDelayBinding(claim: KubeObject, store: StoreView): boolean {
  const name = classOf(claim);
  if (!name) return false;
  const sc = store.get("StorageClass", "", name);
  return sc !== undefined && bindingModeOf(sc) === "WaitForFirstConsumer";
}

/** The claim's bound volume name: spec.volumeName. */
export const volumeNameOf = (claim: KubeObject): string => str(specOf(claim).volumeName);

/**
 * A volume's claimRef to `claim`: the claim's object reference (reference.GetReference, as
 * pv_controller.go bindVolumeToClaim, the scheduler's volume binding and the provisioner make it).
 */
export function claimReference(claim: KubeObject): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    name: claim.metadata.name,
    namespace: namespaceOf(claim),
    resourceVersion: claim.metadata.resourceVersion,
    uid: claim.metadata.uid,
  };
}

/**
 * The claim a volume's claimRef names, as `namespace/name`, and whether it names this claim
 * (IsVolumeBoundToClaim: same name and namespace, and the same uid when the ref has one).
 */
export function isVolumeBoundToClaim(pv: KubeObject, claim: KubeObject): boolean {
  const ref = obj(specOf(pv).claimRef);
  if (specOf(pv).claimRef === undefined) return false;
  if (str(ref.name) !== claim.metadata.name) return false;
  if ((str(ref.namespace) || "default") !== (claim.metadata.namespace ?? "default")) return false;
  return !str(ref.uid) || str(ref.uid) === claim.metadata.uid;
}

/** isPVCFullyBound (scheduler volume binding): bound to a volume and the binding completed. */
export const isClaimFullyBound = (claim: KubeObject): boolean =>
  volumeNameOf(claim) !== "" && claim.metadata.annotations?.[Ann.bindCompleted] !== undefined;

/** A claim a pod's volume mounts: named by the volume, or made for it (a generic ephemeral volume). */
export interface PodClaim {
  readonly name: string;
  /** `volumes[].ephemeral`: the ephemeral volume controller makes the claim, owned by the pod. */
  readonly ephemeral: boolean;
}

/**
 * ephemeral.VolumeClaimName (k8s.io/component-helpers/storage/ephemeral): the claim of a
 * generic ephemeral volume is `<pod name>-<volume name>`.
 */
export const ephemeralClaimName = (pod: KubeObject, volumeName: string): string =>
  `${pod.metadata.name}-${volumeName}`;

const NO_CLAIMS: readonly PodClaim[] = Object.freeze([]);

/**
 * The claims a pod's volumes mount, in volume order: `persistentVolumeClaim.claimName`, and for
 * `ephemeral` the claim made for it (volume_binding.go podHasPVCs reads both).
 */
export function podClaims(pod: KubeObject): readonly PodClaim[] {
  const volumes = (pod as unknown as { spec?: { volumes?: unknown } }).spec?.volumes;
  if (!Array.isArray(volumes) || volumes.length === 0) return NO_CLAIMS;
  let out: PodClaim[] | undefined;
  for (const v of volumes) {
    const volume = obj(v);
    const claimName = str(obj(volume.persistentVolumeClaim).claimName);
    if (claimName) (out ??= []).push({ name: claimName, ephemeral: false });
    else if (volume.ephemeral !== undefined && str(volume.name))
      (out ??= []).push({ name: ephemeralClaimName(pod, str(volume.name)), ephemeral: true });
  }
  return out ?? NO_CLAIMS;
}

/** The names of the claims a pod's volumes mount (podClaims), in order. */
export function podClaimNames(pod: KubeObject): string[] {
  return podClaims(pod).map((c) => c.name);
}

/**
 * ephemeral.VolumeIsForPod: the claim of the pod's namespace whose controller is the pod (by
 * uid); else `PVC default/app-scratch was not created for pod default/app (pod is not owner)`.
 */
export function ephemeralClaimConflict(pod: KubeObject, claim: KubeObject): string | undefined {
  const ns = namespaceOf(pod);
  const owner = claim.metadata.ownerReferences?.find((r) => r.controller === true);
  if (namespaceOf(claim) === ns && owner !== undefined && owner.uid === pod.metadata.uid) return undefined;
  return `PVC ${namespaceOf(claim)}/${claim.metadata.name} was not created for pod ${ns}/${pod.metadata.name} (pod is not owner)`;
}
