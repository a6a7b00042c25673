/**
 * The StorageClass a kind cluster starts with (kind's default storage manifest,
 * pkg/cluster/internal/create/actions/installstorage: local-path-provisioner's `standard`
 * class): provisioner rancher.io/local-path, reclaimPolicy Delete, volumeBindingMode
 * WaitForFirstConsumer, annotated as the cluster's default. minikube's and the clouds' defaults
 * differ in provisioner but, like this one, bind claims without anything applied first.
 *
 * Stored at the cluster's start as admission stores it, with a fixed uid (nothing drawn from the
 * run's generator) and no resourceVersion until first written, as the default Services are
 * (defaultServices.ts). A scenario may delete it (`kubectl delete sc standard`) or apply a
 * default of its own: of two defaults the newest is the one claims get (volumes.ts defaultClass).
 */
import { admit } from "../../../k8s/admission.ts";
import type { KindRegistry } from "../../../k8s/kinds/registry.ts";
import type { Time } from "../../../k8s/types.ts";
import { fnv } from "../../defaultServices.ts";
import { newUid } from "../../names.ts";
import { mulberry32 } from "../../rng.ts";
import type { Store } from "../../store.ts";

export const LOCAL_PATH_PROVISIONER = "rancher.io/local-path";

export const standardStorageClass = {
  apiVersion: "storage.k8s.io/v1",
  kind: "StorageClass",
  metadata: {
    name: "standard",
    annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
  },
  provisioner: LOCAL_PATH_PROVISIONER,
  reclaimPolicy: "Delete",
  volumeBindingMode: "WaitForFirstConsumer",
};

/** Store `standard` where the cluster serves StorageClasses, before anything watches the store. */
export function bootstrapDefaultStorageClass(store: Store, kinds: KindRegistry, now: Time): void {
  const d = kinds.get("StorageClass");
  if (!d || store.get("StorageClass", "", "standard")) return;
  const admitted = admit(structuredClone(standardStorageClass), undefined, { kinds });
  if (!admitted.object) return;
  const sc = admitted.object;
  sc.metadata.uid = newUid(mulberry32(fnv("StorageClass standard")));
  sc.metadata.creationTimestamp = now;
  store.add(sc);
}
