/**
 * API groups of the add-ons a cluster gets from their own charts or install manifests, not
 * from the repository whose objects use them: a repository with a KEDA ScaledObject, a
 * VerticalPodAutoscaler or an Argo Rollout rarely carries the CustomResourceDefinition beside
 * it. Without the CRD, kubectl apply refuses such an object (`no matches for kind`) and sends
 * the rest; Replicast says so as a warning and runs the rest, where a kind of no known add-on
 * (a misspelt group, an object before its own CRD) stays an error.
 */

const ADDON_BY_GROUP: Readonly<Record<string, string>> = {
  "keda.sh": "KEDA",
  "autoscaling.k8s.io": "the Vertical Pod Autoscaler",
  "argoproj.io": "Argo",
  "cert-manager.io": "cert-manager",
  "acme.cert-manager.io": "cert-manager",
  "monitoring.coreos.com": "the Prometheus Operator",
  "networking.istio.io": "Istio",
  "security.istio.io": "Istio",
  "traefik.io": "Traefik",
  "traefik.containo.us": "Traefik",
  "external-secrets.io": "External Secrets",
  "bitnami.com": "Sealed Secrets",
  "gateway.networking.k8s.io": "the Gateway API",
  "snapshot.storage.k8s.io": "the CSI external-snapshotter",
  "source.toolkit.fluxcd.io": "Flux",
  "kustomize.toolkit.fluxcd.io": "Flux",
  "helm.toolkit.fluxcd.io": "Flux",
};

/** The add-on whose CRDs define `apiVersion`'s group: ("keda.sh/v1alpha1") → "KEDA"; undefined for any other. */
export function addonOf(apiVersion: string): string | undefined {
  const slash = apiVersion.indexOf("/");
  if (slash < 0) return undefined;
  const group = apiVersion.slice(0, slash);
  return Object.hasOwn(ADDON_BY_GROUP, group) ? ADDON_BY_GROUP[group] : undefined;
}
