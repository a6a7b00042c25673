/**
 * What the API server's discovery answers (`/api`, `/apis`, `/apis/GROUP/VERSION`), as
 * `kubectl api-resources` and `kubectl api-versions` read it: the resources a default
 * kube-apiserver serves (a kind cluster's: every GA API and nothing else, since beta APIs are
 * off by default from 1.24 on, KEP-3136), for the minor version `kubectl.version` names, plus
 * the kinds the scenario's CustomResourceDefinitions added to the cluster's registry.
 *
 * The rows are kubernetes/kubernetes' api/discovery/*.json (the discovery documents the
 * repository keeps, one per group/version: names, short names, scope, kind, verbs,
 * categories), cut to the default-enabled versions, with the release each row was added or
 * removed in (CHANGELOG-1.NN and the Deprecated API Migration Guide):
 *
 * - 1.28: authentication.k8s.io/v1 selfsubjectreviews GA (KEP-3325); flowcontrol serves
 *   v1beta2 and v1beta3, v1beta3 preferred.
 * - 1.29: flowcontrol.apiserver.k8s.io/v1 GA and preferred; v1beta2 no longer served.
 * - 1.30: admissionregistration.k8s.io/v1 validatingadmissionpolicies and their bindings GA
 *   (KEP-3488).
 * - 1.32: flowcontrol.apiserver.k8s.io/v1beta3 no longer served.
 * - 1.33: networking.k8s.io/v1 servicecidrs and ipaddresses GA (KEP-1880).
 * - 1.34: resource.k8s.io/v1 (dynamic resource allocation, KEP-4381) and storage.k8s.io/v1
 *   volumeattributesclasses (KEP-3751) GA.
 *
 * Verbs are the current documents' for every version (what changed between releases there
 * is not modelled). Releases before 1.28 served other beta versions (batch/v1beta1,
 * policy/v1beta1, autoscaling/v2beta2…): their discovery is not modelled, so the commands
 * refuse them (`OLDEST_DISCOVERY`).
 */
import type { AnyKind } from "../../k8s/kinds/registry.ts";
import { compareKubeAwareVersions } from "../../k8s/kinds/versionOrder.ts";

export { compareKubeAwareVersions };

/** The first kubectl.version whose API server's discovery is modelled here. */
export const OLDEST_DISCOVERY = 28;

/** One resource of discovery (metav1.APIResource) at the group/version that lists it. */
export interface DiscoveredResource {
  /** `deployments`. */
  name: string;
  /** "" for the core group. */
  group: string;
  version: string;
  namespaced: boolean;
  kind: string;
  shortNames: readonly string[];
  verbs: readonly string[];
  categories: readonly string[];
}

const ALL_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];
/** A namespace is not deleted as a collection (pkg/registry/core/namespace/storage). */
const NAMESPACE_VERBS = ["create", "delete", "get", "list", "patch", "update", "watch"];
/** Reviews and bindings are only created (a POST that answers, nothing stored). */
const CREATE_ONLY = ["create"];
/** apiextensions-apiserver's crdHandler lists a custom resource's verbs in this order. */
const CUSTOM_RESOURCE_VERBS = [
  "delete",
  "deletecollection",
  "get",
  "list",
  "patch",
  "create",
  "update",
  "watch",
];

interface Row {
  name: string;
  kind: string;
  namespaced: boolean;
  shortNames?: readonly string[];
  verbs?: readonly string[];
  categories?: readonly string[];
  /** Served from this minor version on. */
  since?: number;
}

interface GroupVersion {
  group: string;
  version: string;
  /** Served from / up to this minor version. */
  since?: number;
  until?: number;
  /** Listed by api-resources (the group's preferred version) from / up to this minor version; default: whenever served. */
  preferredSince?: number;
  preferredUntil?: number;
  resources: readonly Row[];
}

const ns = (name: string, kind: string, more: Partial<Row> = {}): Row => ({
  name,
  kind,
  namespaced: true,
  ...more,
});
const cluster = (name: string, kind: string, more: Partial<Row> = {}): Row => ({
  name,
  kind,
  namespaced: false,
  ...more,
});
const all = { categories: ["all"] };
const apiExtensions = { categories: ["api-extensions"] };

const flowControl: readonly Row[] = [
  cluster("flowschemas", "FlowSchema"),
  cluster("prioritylevelconfigurations", "PriorityLevelConfiguration"),
];

/** In discovery's order: the legacy group first, then the groups as /apis lists them. */
const GROUP_VERSIONS: readonly GroupVersion[] = [
  {
    group: "",
    version: "v1",
    resources: [
      ns("bindings", "Binding", { verbs: CREATE_ONLY }),
      cluster("componentstatuses", "ComponentStatus", { shortNames: ["cs"], verbs: ["get", "list"] }),
      ns("configmaps", "ConfigMap", { shortNames: ["cm"] }),
      ns("endpoints", "Endpoints", { shortNames: ["ep"] }),
      ns("events", "Event", { shortNames: ["ev"] }),
      ns("limitranges", "LimitRange", { shortNames: ["limits"] }),
      cluster("namespaces", "Namespace", { shortNames: ["ns"], verbs: NAMESPACE_VERBS }),
      cluster("nodes", "Node", { shortNames: ["no"] }),
      ns("persistentvolumeclaims", "PersistentVolumeClaim", { shortNames: ["pvc"] }),
      cluster("persistentvolumes", "PersistentVolume", { shortNames: ["pv"] }),
      ns("pods", "Pod", { shortNames: ["po"], ...all }),
      ns("podtemplates", "PodTemplate"),
      ns("replicationcontrollers", "ReplicationController", { shortNames: ["rc"], ...all }),
      ns("resourcequotas", "ResourceQuota", { shortNames: ["quota"] }),
      ns("secrets", "Secret"),
      ns("serviceaccounts", "ServiceAccount", { shortNames: ["sa"] }),
      ns("services", "Service", { shortNames: ["svc"], ...all }),
    ],
  },
  {
    group: "apiregistration.k8s.io",
    version: "v1",
    resources: [cluster("apiservices", "APIService", apiExtensions)],
  },
  {
    group: "apps",
    version: "v1",
    resources: [
      ns("controllerrevisions", "ControllerRevision"),
      ns("daemonsets", "DaemonSet", { shortNames: ["ds"], ...all }),
      ns("deployments", "Deployment", { shortNames: ["deploy"], ...all }),
      ns("replicasets", "ReplicaSet", { shortNames: ["rs"], ...all }),
      ns("statefulsets", "StatefulSet", { shortNames: ["sts"], ...all }),
    ],
  },
  { group: "events.k8s.io", version: "v1", resources: [ns("events", "Event", { shortNames: ["ev"] })] },
  {
    group: "authentication.k8s.io",
    version: "v1",
    resources: [
      cluster("selfsubjectreviews", "SelfSubjectReview", { verbs: CREATE_ONLY, since: 28 }),
      cluster("tokenreviews", "TokenReview", { verbs: CREATE_ONLY }),
    ],
  },
  {
    group: "authorization.k8s.io",
    version: "v1",
    resources: [
      ns("localsubjectaccessreviews", "LocalSubjectAccessReview", { verbs: CREATE_ONLY }),
      cluster("selfsubjectaccessreviews", "SelfSubjectAccessReview", { verbs: CREATE_ONLY }),
      cluster("selfsubjectrulesreviews", "SelfSubjectRulesReview", { verbs: CREATE_ONLY }),
      cluster("subjectaccessreviews", "SubjectAccessReview", { verbs: CREATE_ONLY }),
    ],
  },
  {
    group: "autoscaling",
    version: "v2",
    resources: [ns("horizontalpodautoscalers", "HorizontalPodAutoscaler", { shortNames: ["hpa"], ...all })],
  },
  {
    group: "autoscaling",
    version: "v1",
    preferredUntil: 0,
    resources: [ns("horizontalpodautoscalers", "HorizontalPodAutoscaler", { shortNames: ["hpa"], ...all })],
  },
  {
    group: "batch",
    version: "v1",
    resources: [ns("cronjobs", "CronJob", { shortNames: ["cj"], ...all }), ns("jobs", "Job", all)],
  },
  {
    group: "certificates.k8s.io",
    version: "v1",
    resources: [cluster("certificatesigningrequests", "CertificateSigningRequest", { shortNames: ["csr"] })],
  },
  {
    group: "networking.k8s.io",
    version: "v1",
    resources: [
      cluster("ingressclasses", "IngressClass"),
      ns("ingresses", "Ingress", { shortNames: ["ing"] }),
      cluster("ipaddresses", "IPAddress", { shortNames: ["ip"], since: 33 }),
      ns("networkpolicies", "NetworkPolicy", { shortNames: ["netpol"] }),
      cluster("servicecidrs", "ServiceCIDR", { since: 33 }),
    ],
  },
  {
    group: "policy",
    version: "v1",
    resources: [ns("poddisruptionbudgets", "PodDisruptionBudget", { shortNames: ["pdb"] })],
  },
  {
    group: "rbac.authorization.k8s.io",
    version: "v1",
    resources: [
      cluster("clusterrolebindings", "ClusterRoleBinding"),
      cluster("clusterroles", "ClusterRole"),
      ns("rolebindings", "RoleBinding"),
      ns("roles", "Role"),
    ],
  },
  {
    group: "storage.k8s.io",
    version: "v1",
    resources: [
      cluster("csidrivers", "CSIDriver"),
      cluster("csinodes", "CSINode"),
      ns("csistoragecapacities", "CSIStorageCapacity"),
      cluster("storageclasses", "StorageClass", { shortNames: ["sc"] }),
      cluster("volumeattachments", "VolumeAttachment"),
      cluster("volumeattributesclasses", "VolumeAttributesClass", { shortNames: ["vac"], since: 34 }),
    ],
  },
  {
    group: "admissionregistration.k8s.io",
    version: "v1",
    resources: [
      cluster("mutatingwebhookconfigurations", "MutatingWebhookConfiguration", apiExtensions),
      cluster("validatingadmissionpolicies", "ValidatingAdmissionPolicy", { ...apiExtensions, since: 30 }),
      cluster("validatingadmissionpolicybindings", "ValidatingAdmissionPolicyBinding", {
        ...apiExtensions,
        since: 30,
      }),
      cluster("validatingwebhookconfigurations", "ValidatingWebhookConfiguration", apiExtensions),
    ],
  },
  {
    group: "apiextensions.k8s.io",
    version: "v1",
    resources: [
      cluster("customresourcedefinitions", "CustomResourceDefinition", {
        shortNames: ["crd", "crds"],
        ...apiExtensions,
      }),
    ],
  },
  {
    group: "scheduling.k8s.io",
    version: "v1",
    resources: [cluster("priorityclasses", "PriorityClass", { shortNames: ["pc"] })],
  },
  { group: "coordination.k8s.io", version: "v1", resources: [ns("leases", "Lease")] },
  { group: "node.k8s.io", version: "v1", resources: [cluster("runtimeclasses", "RuntimeClass")] },
  { group: "discovery.k8s.io", version: "v1", resources: [ns("endpointslices", "EndpointSlice")] },
  { group: "flowcontrol.apiserver.k8s.io", version: "v1", since: 29, resources: flowControl },
  {
    group: "flowcontrol.apiserver.k8s.io",
    version: "v1beta3",
    until: 31,
    preferredUntil: 28,
    resources: flowControl,
  },
  {
    group: "flowcontrol.apiserver.k8s.io",
    version: "v1beta2",
    until: 28,
    preferredUntil: 0,
    resources: flowControl,
  },
  {
    group: "resource.k8s.io",
    version: "v1",
    since: 34,
    resources: [
      cluster("deviceclasses", "DeviceClass"),
      ns("resourceclaims", "ResourceClaim"),
      ns("resourceclaimtemplates", "ResourceClaimTemplate"),
      cluster("resourceslices", "ResourceSlice"),
    ],
  },
];

const within = (minor: number, since = 0, until = Infinity) => since <= minor && minor <= until;
const groupVersionText = (group: string, version: string) => (group ? `${group}/${version}` : version);

/** The kinds the cluster serves beyond the built-in resources: a CRD's, an extension's. */
function addedKinds(kinds: readonly AnyKind[], builtIn: ReadonlySet<string>): AnyKind[] {
  return kinds.filter(
    (d) => d.plural !== "" && d.versions.length > 0 && !builtIn.has(`${d.plural}.${d.group}`),
  );
}

const builtInResources = (): Set<string> => {
  const s = new Set<string>();
  for (const gv of GROUP_VERSIONS) for (const r of gv.resources) s.add(`${r.name}.${gv.group}`);
  return s;
};

/**
 * discovery's ServerPreferredResources: each resource once, at its group's preferred
 * version (subresources left out), in discovery order.
 */
export function preferredResources(minor: number, kinds: readonly AnyKind[]): DiscoveredResource[] {
  const out: DiscoveredResource[] = [];
  for (const gv of GROUP_VERSIONS) {
    if (!within(minor, gv.since, gv.until) || !within(minor, gv.preferredSince, gv.preferredUntil)) continue;
    for (const r of gv.resources) {
      if (!within(minor, r.since)) continue;
      out.push({
        name: r.name,
        group: gv.group,
        version: gv.version,
        namespaced: r.namespaced,
        kind: r.kind,
        shortNames: r.shortNames ?? [],
        verbs: r.verbs ?? ALL_VERBS,
        categories: r.categories ?? [],
      });
    }
  }
  for (const d of addedKinds(kinds, builtInResources())) {
    out.push({
      name: d.plural,
      group: d.group,
      version: [...d.versions].sort(compareKubeAwareVersions)[0],
      namespaced: d.namespaced,
      kind: d.kind,
      shortNames: d.shortNames,
      verbs: CUSTOM_RESOURCE_VERBS,
      categories: d.categories,
    });
  }
  return out;
}

/** Every served group/version (`apps/v1`, `v1`), as metav1.ExtractGroupVersions lists them, unsorted. */
export function servedGroupVersions(minor: number, kinds: readonly AnyKind[]): string[] {
  const out = new Set<string>();
  for (const gv of GROUP_VERSIONS)
    if (within(minor, gv.since, gv.until)) out.add(groupVersionText(gv.group, gv.version));
  for (const d of addedKinds(kinds, builtInResources()))
    for (const v of d.versions) out.add(groupVersionText(d.group, v));
  return [...out];
}
