/**
 * The kinds real repositories hold that Replicast stores but does not simulate, with their
 * real group, served versions, scope, short names and categories (kube-apiserver's discovery,
 * v1.28) and, where a reader needs more than NAME and AGE, the columns kubectl prints
 * (pkg/printers/internalversion/printers.go: printServiceAccount, printSecret, printJob,
 * printCronJob, printIngress, printIngressClass, printNetworkPolicy, printPodDisruptionBudget,
 * printRole/printClusterRole, printRoleBinding/printClusterRoleBinding, printStorageClass,
 * printPersistentVolumeClaim, printDaemonSet, printValidatingWebhook/printMutatingWebhook).
 * Their status is whatever was applied: no controller fills it in.
 */
import { selectorToString } from "../../labels.ts";
import { toRFC3339 } from "../../time.ts";
import type { KubeObject, LabelSelector } from "../../types.ts";
import type { KindDescriptor, TablePrinter } from "../descriptor.ts";
import { fieldCell, isPathSegmentName, nameAgeTable, storedKind } from "./storedKind.ts";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** NAME, CREATED AT (printRole, printClusterRole, the CRD table): the creation time in RFC 3339. */
const createdAtTable: TablePrinter<KubeObject> = {
  header: ["NAME", "CREATED AT"],
  wide: [],
  cells: (o) => [o.metadata.name, toRFC3339(o.metadata.creationTimestamp ?? 0)],
};

/** printRoleBinding: ROLE is the roleRef as Kind/name. */
const roleBindingTable = nameAgeTable(["ROLE"], (o) => {
  const ref = obj(o.roleRef);
  return [`${String(ref.kind ?? "")}/${String(ref.name ?? "")}`];
});

/** printIngress: HOSTS joined (`*` for a rule without one), PORTS 80 or "80, 443" with TLS. */
const ingressTable = nameAgeTable(["CLASS", "HOSTS", "ADDRESS", "PORTS"], (o) => {
  const spec = obj(o.spec);
  const hosts = list(spec.rules).map((r) => String(obj(r).host ?? "*"));
  const address = list(obj(obj(o.status).loadBalancer).ingress)
    .map((i) => String(obj(i).ip ?? obj(i).hostname ?? ""))
    .join(",");
  return [
    fieldCell(spec.ingressClassName),
    hosts.length ? hosts.join(",") : "*",
    address,
    list(spec.tls).length ? "80, 443" : "80",
  ];
});

const webhooksTable = nameAgeTable(["WEBHOOKS"], (o) => [String(list(o.webhooks).length)]);

const selectorCell = (v: unknown): string => {
  const s = selectorToString(obj(v) as LabelSelector);
  return s === "" ? "<none>" : s;
};

export const STORED_KINDS: readonly KindDescriptor<KubeObject>[] = [
  storedKind({
    kind: "ServiceAccount",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "serviceaccounts",
    shortNames: ["sa"],
    table: nameAgeTable(["SECRETS"], (o) => [String(list(o.secrets).length)]),
  }),
  storedKind({
    kind: "Secret",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "secrets",
    // stringData is merged into data on write; the type defaults to Opaque.
    table: nameAgeTable(["TYPE", "DATA"], (o) => [
      String(o.type ?? "Opaque"),
      String(new Set([...Object.keys(obj(o.data)), ...Object.keys(obj(o.stringData))]).size),
    ]),
  }),
  storedKind({
    kind: "PersistentVolumeClaim",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "persistentvolumeclaims",
    shortNames: ["pvc"],
    tracksGeneration: false,
    table: nameAgeTable(["STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS"], (o) => {
      const spec = obj(o.spec);
      const status = obj(o.status);
      return [
        String(status.phase ?? "Pending"),
        String(spec.volumeName ?? ""),
        String(obj(status.capacity).storage ?? ""),
        list(status.accessModes).join(","),
        String(spec.storageClassName ?? ""),
      ];
    }),
  }),
  storedKind({
    kind: "PersistentVolume",
    group: "",
    versions: ["v1"],
    namespaced: false,
    plural: "persistentvolumes",
    shortNames: ["pv"],
  }),
  storedKind({
    kind: "ResourceQuota",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "resourcequotas",
    shortNames: ["quota"],
  }),
  storedKind({
    kind: "LimitRange",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "limitranges",
    shortNames: ["limits"],
  }),
  storedKind({
    kind: "DaemonSet",
    group: "apps",
    versions: ["v1"],
    namespaced: true,
    plural: "daemonsets",
    shortNames: ["ds"],
    categories: ["all"],
    tracksGeneration: true,
    table: nameAgeTable(["DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR"], (o) => {
      const s = obj(o.status);
      const n = (k: string) => String(s[k] ?? 0);
      const nodeSelector = Object.entries(obj(obj(obj(obj(o.spec).template).spec).nodeSelector))
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(",");
      return [
        n("desiredNumberScheduled"),
        n("currentNumberScheduled"),
        n("numberReady"),
        n("updatedNumberScheduled"),
        n("numberAvailable"),
        nodeSelector || "<none>",
      ];
    }),
  }),
  storedKind({
    kind: "Job",
    group: "batch",
    versions: ["v1"],
    namespaced: true,
    plural: "jobs",
    categories: ["all"],
    tracksGeneration: true,
    // printJob: succeeded/completions (completions defaults to 1); DURATION once started.
    table: nameAgeTable(["COMPLETIONS", "DURATION"], (o) => {
      const completions = obj(o.spec).completions;
      const succeeded = Number(obj(o.status).succeeded ?? 0);
      return [`${succeeded}/${completions === undefined ? 1 : String(completions)}`, ""];
    }),
  }),
  storedKind({
    kind: "CronJob",
    group: "batch",
    versions: ["v1"],
    namespaced: true,
    plural: "cronjobs",
    shortNames: ["cj"],
    categories: ["all"],
    tracksGeneration: true,
    table: nameAgeTable(["SCHEDULE", "SUSPEND", "ACTIVE", "LAST SCHEDULE"], (o) => {
      const spec = obj(o.spec);
      return [
        String(spec.schedule ?? ""),
        String(spec.suspend ?? false),
        String(list(obj(o.status).active).length),
        "<none>",
      ];
    }),
  }),
  storedKind({
    kind: "Ingress",
    group: "networking.k8s.io",
    versions: ["v1"],
    namespaced: true,
    plural: "ingresses",
    shortNames: ["ing"],
    tracksGeneration: true,
    table: ingressTable,
  }),
  storedKind({
    kind: "IngressClass",
    group: "networking.k8s.io",
    versions: ["v1"],
    namespaced: false,
    plural: "ingressclasses",
    table: nameAgeTable(["CONTROLLER", "PARAMETERS"], (o) => {
      const spec = obj(o.spec);
      const p = obj(spec.parameters);
      return [String(spec.controller ?? ""), p.kind ? `${String(p.kind)}/${String(p.name ?? "")}` : "<none>"];
    }),
  }),
  storedKind({
    kind: "NetworkPolicy",
    group: "networking.k8s.io",
    versions: ["v1"],
    namespaced: true,
    plural: "networkpolicies",
    shortNames: ["netpol"],
    tracksGeneration: true,
    table: nameAgeTable(["POD-SELECTOR"], (o) => [selectorCell(obj(o.spec).podSelector)]),
  }),
  storedKind({
    kind: "PodDisruptionBudget",
    group: "policy",
    versions: ["v1"],
    namespaced: true,
    plural: "poddisruptionbudgets",
    shortNames: ["pdb"],
    tracksGeneration: true,
    table: nameAgeTable(["MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS"], (o) => {
      const spec = obj(o.spec);
      return [
        spec.minAvailable === undefined ? "N/A" : String(spec.minAvailable),
        spec.maxUnavailable === undefined ? "N/A" : String(spec.maxUnavailable),
        String(obj(o.status).disruptionsAllowed ?? 0),
      ];
    }),
  }),
  ...(["Role", "ClusterRole"] as const).map((kind) =>
    storedKind({
      kind,
      group: "rbac.authorization.k8s.io",
      versions: ["v1"],
      namespaced: kind === "Role",
      plural: `${kind.toLowerCase()}s`,
      nameRule: isPathSegmentName,
      table: createdAtTable,
    }),
  ),
  ...(["RoleBinding", "ClusterRoleBinding"] as const).map((kind) =>
    storedKind({
      kind,
      group: "rbac.authorization.k8s.io",
      versions: ["v1"],
      namespaced: kind === "RoleBinding",
      plural: `${kind.toLowerCase()}s`,
      nameRule: isPathSegmentName,
      table: roleBindingTable,
    }),
  ),
  storedKind({
    kind: "StorageClass",
    group: "storage.k8s.io",
    versions: ["v1"],
    namespaced: false,
    plural: "storageclasses",
    shortNames: ["sc"],
    table: nameAgeTable(
      ["PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION"],
      (o) => [
        String(o.provisioner ?? ""),
        String(o.reclaimPolicy ?? "Delete"),
        String(o.volumeBindingMode ?? "Immediate"),
        String(o.allowVolumeExpansion ?? false),
      ],
    ),
  }),
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

export { createdAtTable };
