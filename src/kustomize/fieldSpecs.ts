/**
 * Where kustomize's built-in transformers write, as its default configuration lists it
 * (api/internal/konfig/builtinpluginconsts: commonlabels.go, metadatalabels.go,
 * commonannotations.go, namereference.go, replicas.go) and how it orders and scopes kinds
 * (api/resid/gvk.go). A path walks maps by key and every item of a list it meets; `create`
 * makes the missing maps on the way (a Service's selector, a Deployment's matchLabels).
 */

/** One place a transformer writes, for the kinds it matches (an empty group or version matches any). */
export interface FieldSpec {
  path: string;
  create?: boolean;
  group?: string;
  version?: string;
  kind?: string;
}

const spec = (
  path: string,
  kind: string | undefined,
  create: boolean,
  group?: string,
  version?: string,
): FieldSpec => ({
  path,
  create,
  ...(group !== undefined ? { group } : {}),
  ...(version !== undefined ? { version } : {}),
  ...(kind !== undefined ? { kind } : {}),
});

/** metadatalabels.go: every object's labels, and the labels of the pods its template stamps. */
export const METADATA_LABELS: readonly FieldSpec[] = [
  spec("metadata/labels", undefined, true),
  spec("spec/template/metadata/labels", "ReplicationController", true, undefined, "v1"),
  spec("spec/template/metadata/labels", "Deployment", true),
  spec("spec/template/metadata/labels", "ReplicaSet", true),
  spec("spec/template/metadata/labels", "DaemonSet", true),
  spec("spec/template/metadata/labels", "StatefulSet", true, "apps"),
  spec("spec/template/metadata/labels", "Job", true, "batch"),
  spec("spec/jobTemplate/metadata/labels", "CronJob", true, "batch"),
  spec("spec/jobTemplate/spec/template/metadata/labels", "CronJob", true, "batch"),
];

const affinityPaths = [
  "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
  "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
  "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
  "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
  "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
];

/** commonlabels.go: the selectors as well, so that the workloads still select their own pods. */
export const COMMON_LABELS: readonly FieldSpec[] = [
  spec("spec/selector", "Service", true, undefined, "v1"),
  spec("spec/selector", "ReplicationController", true, undefined, "v1"),
  spec("spec/selector/matchLabels", "Deployment", true),
  ...affinityPaths.map((p) => spec(p, "Deployment", false, "apps")),
  spec("spec/selector/matchLabels", "ReplicaSet", true),
  spec("spec/selector/matchLabels", "DaemonSet", true),
  spec("spec/selector/matchLabels", "StatefulSet", true, "apps"),
  spec("spec/volumeClaimTemplates/metadata/labels", "StatefulSet", true, "apps"),
  ...affinityPaths.map((p) => spec(p, "StatefulSet", false, "apps")),
  spec("spec/selector/matchLabels", "Job", false, "batch"),
  spec("spec/jobTemplate/spec/selector/matchLabels", "CronJob", false, "batch"),
  spec("spec/selector/matchLabels", "PodDisruptionBudget", false, "policy"),
  spec("spec/podSelector/matchLabels", "NetworkPolicy", false, "networking.k8s.io"),
  spec("spec/ingress/from/podSelector/matchLabels", "NetworkPolicy", false, "networking.k8s.io"),
  spec("spec/egress/to/podSelector/matchLabels", "NetworkPolicy", false, "networking.k8s.io"),
  ...METADATA_LABELS,
];

/** commonannotations.go: every object's annotations and its pod template's. */
export const COMMON_ANNOTATIONS: readonly FieldSpec[] = [
  spec("metadata/annotations", undefined, true),
  spec("spec/template/metadata/annotations", "ReplicationController", true, undefined, "v1"),
  spec("spec/template/metadata/annotations", "Deployment", true),
  spec("spec/template/metadata/annotations", "ReplicaSet", true),
  spec("spec/template/metadata/annotations", "DaemonSet", true),
  spec("spec/template/metadata/annotations", "StatefulSet", true, "apps"),
  spec("spec/template/metadata/annotations", "Job", true, "batch"),
  spec("spec/jobTemplate/metadata/annotations", "CronJob", true, "batch"),
  spec("spec/jobTemplate/spec/template/metadata/annotations", "CronJob", true, "batch"),
];

/** replicas.go: the kinds `replicas:` sets spec/replicas on. */
export const REPLICAS_KINDS: readonly string[] = [
  "Deployment",
  "ReplicationController",
  "ReplicaSet",
  "StatefulSet",
];

/** Where each kind's pod spec sits, for the references a pod spec holds (namereference.go). */
const POD_SPECS: readonly [string, string][] = [
  ["Pod", "spec"],
  ["PodTemplate", "template/spec"],
  ["Deployment", "spec/template/spec"],
  ["ReplicaSet", "spec/template/spec"],
  ["DaemonSet", "spec/template/spec"],
  ["StatefulSet", "spec/template/spec"],
  ["Job", "spec/template/spec"],
  ["CronJob", "spec/jobTemplate/spec/template/spec"],
];

const inPodSpecs = (suffixes: readonly string[], kinds = POD_SPECS): FieldSpec[] =>
  kinds.flatMap(([kind, prefix]) => suffixes.map((s) => spec(`${prefix}/${s}`, kind, false)));

/** One kind of object others name, and the fields that name it. */
export interface NameReference {
  kind: string;
  group: string;
  referrers: readonly FieldSpec[];
}

/** namereference.go, the references a workload's manifests hold (RBAC subjects and annotations left out). */
export const NAME_REFERENCES: readonly NameReference[] = [
  ...["Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"].map((kind) => ({
    kind,
    group: kind === "ReplicationController" ? "" : "apps",
    referrers: [spec("spec/scaleTargetRef/name", "HorizontalPodAutoscaler", false)],
  })),
  {
    kind: "ConfigMap",
    group: "",
    referrers: inPodSpecs([
      "volumes/configMap/name",
      "containers/env/valueFrom/configMapKeyRef/name",
      "initContainers/env/valueFrom/configMapKeyRef/name",
      "containers/envFrom/configMapRef/name",
      "initContainers/envFrom/configMapRef/name",
      "volumes/projected/sources/configMap/name",
    ]),
  },
  {
    kind: "Secret",
    group: "",
    referrers: [
      ...inPodSpecs([
        "volumes/secret/secretName",
        "containers/env/valueFrom/secretKeyRef/name",
        "initContainers/env/valueFrom/secretKeyRef/name",
        "containers/envFrom/secretRef/name",
        "initContainers/envFrom/secretRef/name",
        "imagePullSecrets/name",
        "volumes/projected/sources/secret/name",
      ]),
      spec("spec/tls/secretName", "Ingress", false),
      spec("imagePullSecrets/name", "ServiceAccount", false),
    ],
  },
  {
    kind: "Service",
    group: "",
    referrers: [
      spec("spec/serviceName", "StatefulSet", false, "apps"),
      spec("spec/rules/http/paths/backend/serviceName", "Ingress", false),
      spec("spec/backend/serviceName", "Ingress", false),
      spec("spec/rules/http/paths/backend/service/name", "Ingress", false),
      spec("spec/defaultBackend/service/name", "Ingress", false),
    ],
  },
  {
    kind: "ServiceAccount",
    group: "",
    referrers: inPodSpecs(["serviceAccountName"]),
  },
  {
    kind: "PersistentVolumeClaim",
    group: "",
    referrers: inPodSpecs(["volumes/persistentVolumeClaim/claimName"]),
  },
  {
    kind: "PriorityClass",
    group: "scheduling.k8s.io",
    referrers: inPodSpecs(["priorityClassName"]),
  },
  {
    kind: "Role",
    group: "rbac.authorization.k8s.io",
    referrers: [spec("roleRef/name", "RoleBinding", false, "rbac.authorization.k8s.io")],
  },
  {
    kind: "ClusterRole",
    group: "rbac.authorization.k8s.io",
    referrers: [
      spec("roleRef/name", "RoleBinding", false, "rbac.authorization.k8s.io"),
      spec("roleRef/name", "ClusterRoleBinding", false, "rbac.authorization.k8s.io"),
    ],
  },
];

/** gvk.go orderFirst and orderLast: kustomize's legacy output order (kinds not listed sit between). */
const ORDER_FIRST = [
  "Namespace",
  "ResourceQuota",
  "StorageClass",
  "CustomResourceDefinition",
  "ServiceAccount",
  "PodSecurityPolicy",
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "ConfigMap",
  "Secret",
  "Service",
  "LimitRange",
  "PriorityClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "Deployment",
  "StatefulSet",
  "CronJob",
  "PodDisruptionBudget",
];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

/** gvk.go typeOrders: a kind's rank, negative for orderFirst, positive for orderLast, 0 otherwise. */
export function kindRank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? 1 + last : 0;
}

/** gvk.go NotNamespaceableKinds: `namespace:` leaves these without one. */
export const NOT_NAMESPACEABLE: ReadonlySet<string> = new Set([
  "APIService",
  "CSIDriver",
  "CSINode",
  "CertificateSigningRequest",
  "Cluster",
  "ClusterRole",
  "ClusterRoleBinding",
  "ComponentStatus",
  "CustomResourceDefinition",
  "MutatingWebhookConfiguration",
  "Namespace",
  "Node",
  "PersistentVolume",
  "PodSecurityPolicy",
  "PriorityClass",
  "RuntimeClass",
  "SelfSubjectAccessReview",
  "SelfSubjectRulesReview",
  "StorageClass",
  "SubjectAccessReview",
  "TokenReview",
  "ValidatingWebhookConfiguration",
  "VolumeAttachment",
]);

/** prefixsuffix: kinds whose names a prefix or suffix never changes (prefixSuffixFieldSpecsToSkip). */
export const NO_PREFIX: ReadonlySet<string> = new Set([
  "CustomResourceDefinition",
  "APIService",
  "Namespace",
]);
