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

/** The names of the claims a pod's volumes mount (spec.volumes[].persistentVolumeClaim), in order. */
export function podClaimNames(pod: KubeObject): string[] {
  const out: string[] = [];
  const volumes = (pod as unknown as { spec?: { volumes?: unknown } }).spec?.volumes;
  if (!Array.isArray(volumes)) return out;
  for (const v of volumes) {
    const name = str(obj(obj(v).persistentVolumeClaim).claimName);
    if (name) out.push(name);
  }
  return out;
}
