/**
 * The kinds real repositories hold that Replicast stores but does not simulate, in the order
 * the registry lists them, with their real group, served versions, scope, short names and
 * categories (kube-apiserver's discovery, v1.28). Each kind with a printer or a describer of
 * its own upstream (pkg/printers/internalversion/printers.go, k8s.io/kubectl/pkg/describe
 * describe.go describerMap) has its folder under src/k8s/kinds/; the webhook configurations,
 * which have a printer but no describer (kubectl describes them with its generic describer),
 * are defined here. Their status is whatever was applied: no controller fills it in.
 * (PodDisruptionBudget is a simulated kind of its own, kinds/pdb: the disruption controller
 * keeps its status.)
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { ApiServiceKind } from "../apiService/index.ts";
import { CronJobKind } from "../cronJob/index.ts";
import { DaemonSetKind } from "../daemonSet/index.ts";
import { EndpointsKind } from "../endpoints/index.ts";
import { IngressKind } from "../ingress/index.ts";
import { IngressClassKind } from "../ingressClass/index.ts";
import { JobKind } from "../job/index.ts";
import { LimitRangeKind } from "../limitRange/index.ts";
import { NetworkPolicyKind } from "../networkPolicy/index.ts";
import { PersistentVolumeKind } from "../persistentVolume/index.ts";
import { PersistentVolumeClaimKind } from "../persistentVolumeClaim/index.ts";
import { ResourceQuotaKind } from "../resourceQuota/index.ts";
import { ClusterRoleKind, RoleKind } from "../role/index.ts";
import { ClusterRoleBindingKind, RoleBindingKind } from "../roleBinding/index.ts";
import { SecretKind } from "../secret/index.ts";
import { ServiceAccountKind } from "../serviceAccount/index.ts";
import { StorageClassKind } from "../storageClass/index.ts";
import { list } from "./fields.ts";
import { nameAgeTable, storedKind } from "./storedKind.ts";

/** printValidatingWebhook, printMutatingWebhook: WEBHOOKS counts them. */
const webhooksTable = nameAgeTable(["WEBHOOKS"], (o) => [String(list(o.webhooks).length)]);

export const STORED_KINDS: readonly KindDescriptor<KubeObject>[] = [
  ServiceAccountKind,
  SecretKind,
  PersistentVolumeClaimKind,
  PersistentVolumeKind,
  ResourceQuotaKind,
  LimitRangeKind,
  EndpointsKind,
  DaemonSetKind,
  JobKind,
  CronJobKind,
  IngressKind,
  IngressClassKind,
  NetworkPolicyKind,
  RoleKind,
  ClusterRoleKind,
  RoleBindingKind,
  ClusterRoleBindingKind,
  StorageClassKind,
  ApiServiceKind,
  ...(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"] as const).map((kind) =>
    storedKind({
      kind,
      group: "admissionregistration.k8s.io",
      versions: ["v1"],
      namespaced: false,
      plural: `${kind.toLowerCase()}s`,
      table: webhooksTable,
    }),
  ),
];
