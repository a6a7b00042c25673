/**
 * API groups of the add-ons a cluster gets from their own charts or install manifests, not
 * from the repository whose objects use them: a repository with a KEDA ScaledObject, a
 * VerticalPodAutoscaler or an Argo Rollout rarely carries the CustomResourceDefinition beside
 * it, since it assumes the cluster runs the add-on. So such an object is stored as if the
 * add-on's CRD were installed (stored/crd.ts serveAddonKind), with a warning that nothing acts
 * on it — or, for KEDA's ScaledObject, whose operator the simulated cluster runs
 * (engine/controllers/keda), that it is acted on; a kind of no known add-on (a misspelt group, an object before its own CRD) stays an
 * error, as kubectl's `no matches for kind` is.
 */

/** The paths of a CRD's `subresources.scale` (apiextensions/v1 CustomResourceSubresourceScale). */
interface ScalePaths {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** How an add-on's CRD names a kind where it is not the default (lowercase plural, Namespaced). */
interface AddonKind {
  plural?: string;
  cluster?: true;
  /** The CRD's names.shortNames, for `kubectl get`. */
  shortNames?: readonly string[];
  /**
   * The versions the CRD serves, its storage version first, where it serves more than one:
   * an object may be written as any of them (the kind's other objects, and kubectl, read it
   * at the group's preferred version: stored/crd.ts kindOfCRD).
   */
  versions?: readonly string[];
  /** The CRD's subresources.scale: an HPA and `kubectl scale` reach the kind's /scale. */
  scale?: ScalePaths;
  /** The CRD's subresources.status: a controller of the add-on writes the status. */
  status?: true;
  /** The CRD version's additionalPrinterColumns (`kubectl get`). */
  printerColumns?: readonly PrinterColumn[];
  /** What the add-on's operator, which the simulated cluster runs, does with such an object. */
  operated?: string;
  /** A controller of the simulated cluster reconciles the kind (it is not only stored). */
  simulated?: true;
}

/** One of a CRD version's additionalPrinterColumns. */
interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
}

const conditionColumn = (type: string, name = type): PrinterColumn => ({
  name,
  type: "string",
  jsonPath: `.status.conditions[?(@.type=="${type}")].status`,
});

interface Addon {
  name: string;
  /** Kinds whose CRD says `scope: Cluster` or spells an irregular plural. */
  kinds?: Readonly<Record<string, AddonKind>>;
}

/** What KEDA's simulated operator does with a (Cluster)TriggerAuthentication. */
const TRIGGER_AUTH =
  "names it in a ScaledObject's status.authenticationsTypes; the simulated scalers read no secret through it";

const KEDA: Addon = {
  name: "KEDA",
  kinds: {
    // keda config/crd/bases/keda.sh_scaledobjects.yaml (2.16): shortNames [so], subresources
    // status (no scale), and the printer columns of scaledobject_types.go's printcolumn markers.
    // KEDA's operator acts on it (engine/controllers/keda).
    ScaledObject: {
      shortNames: ["so"],
      status: true,
      operated: "makes its HPA (keda-hpa-<name>) and scales its target to and from zero",
      simulated: true,
      printerColumns: [
        { name: "ScaleTargetKind", type: "string", jsonPath: ".status.scaleTargetKind" },
        { name: "ScaleTargetName", type: "string", jsonPath: ".spec.scaleTargetRef.name" },
        { name: "Min", type: "integer", jsonPath: ".spec.minReplicaCount" },
        { name: "Max", type: "integer", jsonPath: ".spec.maxReplicaCount" },
        conditionColumn("Ready"),
        conditionColumn("Active"),
        conditionColumn("Fallback"),
        conditionColumn("Paused"),
        { name: "Triggers", type: "string", jsonPath: ".status.triggersTypes" },
        { name: "Authentications", type: "string", jsonPath: ".status.authenticationsTypes" },
        { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
      ],
    },
    // keda config/crd/bases/keda.sh_triggerauthentications.yaml: shortNames [ta, triggerauth].
    TriggerAuthentication: { shortNames: ["ta", "triggerauth"], operated: TRIGGER_AUTH },
    // keda config/crd/bases/keda.sh_clustertriggerauthentications.yaml: scope: Cluster.
    ClusterTriggerAuthentication: { cluster: true, operated: TRIGGER_AUTH },
  },
};
const ARGO: Addon = {
  name: "Argo",
  kinds: {
    // argo-rollouts manifests/crds/rollout-crd.yaml: shortNames [ro]; subresources.scale with
    // specReplicasPath .spec.replicas, statusReplicasPath .status.HPAReplicas and
    // labelSelectorPath .status.selector — the Rollouts controller writes the status fields —
    // and its additionalPrinterColumns.
    Rollout: {
      shortNames: ["ro"],
      scale: {
        specReplicasPath: ".spec.replicas",
        statusReplicasPath: ".status.HPAReplicas",
        labelSelectorPath: ".status.selector",
      },
      printerColumns: [
        { name: "Desired", type: "integer", jsonPath: ".spec.replicas" },
        { name: "Current", type: "integer", jsonPath: ".status.replicas" },
        { name: "Up-to-date", type: "integer", jsonPath: ".status.updatedReplicas" },
        { name: "Available", type: "integer", jsonPath: ".status.availableReplicas" },
        { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
      ],
    },
    // argo-rollouts manifests/crds/cluster-analysis-template-crd.yaml and argo-workflows
    // manifests/base/crds/minimal/argoproj.io_clusterworkflowtemplates.yaml: scope: Cluster.
    ClusterAnalysisTemplate: { cluster: true },
    ClusterWorkflowTemplate: { cluster: true },
  },
};
// cert-manager deploy/crds/crd-clusterissuers.yaml: scope: Cluster.
const CERT_MANAGER: Addon = { name: "cert-manager", kinds: { ClusterIssuer: { cluster: true } } };
// istio manifests/charts/base/files/crd-all.gen.yaml (1.22 and later): the networking kinds
// are served as v1alpha3 (the storage version), v1beta1 and v1; VirtualService's shortNames [vs].
const ISTIO_NETWORKING = ["v1alpha3", "v1beta1", "v1"] as const;
const ISTIO: Addon = {
  name: "Istio",
  kinds: {
    VirtualService: { shortNames: ["vs"], versions: ISTIO_NETWORKING },
    DestinationRule: { versions: ISTIO_NETWORKING },
    Gateway: { versions: ISTIO_NETWORKING },
    ServiceEntry: { versions: ISTIO_NETWORKING },
    Sidecar: { versions: ISTIO_NETWORKING },
  },
};
const TRAEFIK: Addon = { name: "Traefik" };
// Flux's CRDs' shortNames (each kind's `+kubebuilder:resource:shortName` marker):
// kustomize-controller config/crd/bases/kustomize.toolkit.fluxcd.io_kustomizations.yaml [ks],
// helm-controller …/helm.toolkit.fluxcd.io_helmreleases.yaml [hr], source-controller
// …/source.toolkit.fluxcd.io_gitrepositories.yaml [gitrepo], _helmrepositories.yaml [helmrepo],
// _ocirepositories.yaml [ocirepo], _helmcharts.yaml [hc].
const FLUX: Addon = {
  name: "Flux",
  kinds: {
    Kustomization: { shortNames: ["ks"] },
    HelmRelease: { shortNames: ["hr"] },
    GitRepository: { shortNames: ["gitrepo"] },
    HelmRepository: { shortNames: ["helmrepo"] },
    OCIRepository: { shortNames: ["ocirepo"] },
    HelmChart: { shortNames: ["hc"] },
  },
};

const ADDON_BY_GROUP: Readonly<Record<string, Addon>> = {
  "keda.sh": KEDA,
  // autoscaler vertical-pod-autoscaler/deploy/vpa-v1-crd-gen.yaml: shortNames [vpa] and
  // [vpacheckpoint]; v1 is the one version served (v1beta2 is served: false); the printer
  // columns of pkg/apis/autoscaling.k8s.io/v1/types.go's printcolumn markers.
  "autoscaling.k8s.io": {
    name: "the Vertical Pod Autoscaler",
    kinds: {
      VerticalPodAutoscaler: {
        shortNames: ["vpa"],
        printerColumns: [
          { name: "Mode", type: "string", jsonPath: ".spec.updatePolicy.updateMode" },
          {
            name: "CPU",
            type: "string",
            jsonPath: ".status.recommendation.containerRecommendations[0].target.cpu",
          },
          {
            name: "Mem",
            type: "string",
            jsonPath: ".status.recommendation.containerRecommendations[0].target.memory",
          },
          conditionColumn("RecommendationProvided", "Provided"),
          { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
        ],
      },
      VerticalPodAutoscalerCheckpoint: { shortNames: ["vpacheckpoint"] },
    },
  },
  "argoproj.io": ARGO,
  "cert-manager.io": CERT_MANAGER,
  "acme.cert-manager.io": CERT_MANAGER,
  // prometheus-operator example/prometheus-operator-crd/monitoring.coreos.com_prometheuses.yaml:
  // plural prometheuses (the lowercase plural rule below gives the same; kept as the CRD says).
  "monitoring.coreos.com": {
    name: "the Prometheus Operator",
    kinds: { Prometheus: { plural: "prometheuses" } },
  },
  "networking.istio.io": ISTIO,
  "security.istio.io": ISTIO,
  "traefik.io": TRAEFIK,
  "traefik.containo.us": TRAEFIK,
  // external-secrets config/crds/bases/external-secrets.io_clustersecretstores.yaml and
  // …_clusterexternalsecrets.yaml: scope: Cluster.
  "external-secrets.io": {
    name: "External Secrets",
    kinds: { ClusterSecretStore: { cluster: true }, ClusterExternalSecret: { cluster: true } },
  },
  "bitnami.com": { name: "Sealed Secrets" },
  // gateway-api config/crd/standard/gateway.networking.k8s.io_gatewayclasses.yaml: scope: Cluster;
  // GatewayClass, Gateway and HTTPRoute are served as v1 (the storage version) and v1beta1.
  "gateway.networking.k8s.io": {
    name: "the Gateway API",
    kinds: {
      GatewayClass: { cluster: true, versions: ["v1", "v1beta1"] },
      Gateway: { versions: ["v1", "v1beta1"] },
      HTTPRoute: { versions: ["v1", "v1beta1"] },
    },
  },
  // external-snapshotter client/config/crd/snapshot.storage.k8s.io_volumesnapshotclasses.yaml
  // and …_volumesnapshotcontents.yaml: scope: Cluster.
  "snapshot.storage.k8s.io": {
    name: "the CSI external-snapshotter",
    kinds: { VolumeSnapshotClass: { cluster: true }, VolumeSnapshotContent: { cluster: true } },
  },
  "source.toolkit.fluxcd.io": FLUX,
  "kustomize.toolkit.fluxcd.io": FLUX,
  "helm.toolkit.fluxcd.io": FLUX,
};

const groupOf = (apiVersion: string): string | undefined => {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? undefined : apiVersion.slice(0, slash);
};

/** The add-on whose CRDs define `apiVersion`'s group: ("keda.sh/v1alpha1") → "KEDA"; undefined for any other. */
export function addonOf(apiVersion: string): string | undefined {
  const group = groupOf(apiVersion);
  return group !== undefined && Object.hasOwn(ADDON_BY_GROUP, group) ? ADDON_BY_GROUP[group].name : undefined;
}

/**
 * The English plural the add-ons' CRDs spell (`scaledobjects`, `authorizationpolicies`,
 * `gitrepositories`, `gatewayclasses`): lowercase, a consonant's y → ies, s/x/ch/sh → es.
 */
function pluralOf(kind: string): string {
  const k = kind.toLowerCase();
  if (/[^aeiou]y$/.test(k)) return `${k.slice(0, -1)}ies`;
  if (/(s|x|ch|sh)$/.test(k)) return `${k}es`;
  return `${k}s`;
}

/** What the add-on's CRD for `kind` in `apiVersion` says of it; undefined when no known add-on's group. */
export function addonKind(
  apiVersion: string,
  kind: string,
):
  | {
      addon: string;
      group: string;
      version: string;
      plural: string;
      namespaced: boolean;
      shortNames: readonly string[];
      /** The served versions, the storage version first (the written one when the table lists none). */
      versions: readonly string[];
      scale?: ScalePaths;
      status?: true;
      printerColumns?: readonly PrinterColumn[];
      operated?: string;
      simulated?: true;
    }
  | undefined {
  const group = groupOf(apiVersion);
  if (group === undefined || !Object.hasOwn(ADDON_BY_GROUP, group)) return undefined;
  const addon = ADDON_BY_GROUP[group];
  const own = addon.kinds && Object.hasOwn(addon.kinds, kind) ? addon.kinds[kind] : {};
  return {
    addon: addon.name,
    group,
    version: apiVersion.slice(group.length + 1),
    plural: own.plural ?? pluralOf(kind),
    namespaced: own.cluster !== true,
    shortNames: own.shortNames ?? [],
    versions: own.versions ?? [apiVersion.slice(group.length + 1)],
    ...(own.scale ? { scale: own.scale } : {}),
    ...(own.status ? { status: own.status } : {}),
    ...(own.printerColumns ? { printerColumns: own.printerColumns } : {}),
    ...(own.operated ? { operated: own.operated } : {}),
    ...(own.simulated ? { simulated: own.simulated } : {}),
  };
}
