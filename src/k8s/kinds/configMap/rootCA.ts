/**
 * The ConfigMap kube-root-ca.crt that kube-controller-manager's root CA publisher keeps in
 * every namespace (pkg/controller/certificates/rootcacertpublisher/publisher.go syncNamespace:
 * data ca.crt, and the kubernetes.io/description annotation). Pods read it through their
 * kube-api-access volume (serviceAccount/admission.ts).
 *
 * A simulated cluster has no CA: ca.crt is a fixed PEM block whose base64 decodes to a
 * sentence saying so, the same in every run.
 */
import { ROOT_CA_CONFIGMAP } from "../serviceAccount/admission.ts";

/** publisher.go DescriptionAnnotation and Description. */
export const ROOT_CA_DESCRIPTION_ANNOTATION = "kubernetes.io/description";
export const ROOT_CA_DESCRIPTION =
  "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. " +
  "No other usage is guaranteed across distributions of Kubernetes clusters.";

/** Plainly not a certificate (base64 of "Replicast simulates a cluster: this is not a certificate, …"). */
export const SIMULATED_ROOT_CA =
  "-----BEGIN CERTIFICATE-----\n" +
  "UmVwbGljYXN0IHNpbXVsYXRlcyBhIGNsdXN0ZXI6IHRoaXMgaXMgbm90IGEgY2Vy\n" +
  "dGlmaWNhdGUsIGFuZCBubyBDQSBzaWduZWQgaXQuIEl0IHN0YW5kcyB3aGVyZSBh\n" +
  "IHJlYWwgY2x1c3RlciBwdWJsaXNoZXMgaXRzIHJvb3QgQ0EgYnVuZGxlLg==\n" +
  "-----END CERTIFICATE-----\n";

/** The ConfigMap as the publisher creates it in `namespace`. */
export function rootCAConfigMap(namespace: string): Record<string, unknown> {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: ROOT_CA_CONFIGMAP,
      namespace,
      annotations: { [ROOT_CA_DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION },
    },
    data: { "ca.crt": SIMULATED_ROOT_CA },
  };
}

/** Whether a ConfigMap holds what the publisher writes (its sync leaves it alone then). */
export function isPublishedRootCA(cm: {
  data?: unknown;
  metadata: { annotations?: Record<string, string> };
}): boolean {
  const data = cm.data as Record<string, unknown> | undefined;
  return (
    data !== undefined &&
    Object.keys(data).length === 1 &&
    data["ca.crt"] === SIMULATED_ROOT_CA &&
    (cm.metadata.annotations?.[ROOT_CA_DESCRIPTION_ANNOTATION] ?? "") !== ""
  );
}
