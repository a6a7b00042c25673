/**
 * The Services a kubeadm or kind cluster has before anyone applies anything, as users see
 * them in `kubectl get services -A` and `kubectl get all`:
 *
 * - `default/kubernetes`: the API server's own Service, which kube-apiserver's
 *   kubernetesservice controller keeps (pkg/controlplane/controller/kubernetesservice/
 *   controller.go CreateOrUpdateMasterServiceIfNeeded): labels component=apiserver and
 *   provider=kubernetes, no selector, the service CIDR's first address (10.96.0.1), port
 *   `https` 443 → the API server's secure port 6443. Its Endpoints and EndpointSlice, also
 *   named `kubernetes`, are the API server's own writes (pkg/controlplane/reconcilers, through
 *   endpointsadapter.go): the API server's address on 6443, the Endpoints labelled
 *   endpointslice.kubernetes.io/skip-mirror, the slice with the service-name label and one
 *   ready endpoint. The address is the control plane's, 10.0.0.10, as the kubeconfig's server.
 * - `kube-system/kube-dns`: kubeadm's CoreDNS addon Service (cmd/kubeadm/app/phases/addons/dns/
 *   manifests.go KubeDNSService): the tenth address of the service CIDR (10.96.0.10), ports
 *   dns 53/UDP, dns-tcp 53/TCP and metrics 9153/TCP, selector k8s-app=kube-dns.
 *
 * CoreDNS itself (its Deployment, ReplicaSet and two pods) is not modelled: its pods would ask
 * for 100m CPU and 70Mi each on the user's nodes and run through the scheduler and the kubelet,
 * moving every capacity figure and seeded name of every run. So kube-dns selects no pod, and
 * its Endpoints and slice are those the controllers would write for one that selects none —
 * none are stored before the run, as the controllers write only on a change of the Service or
 * of a pod it selects.
 *
 * They are stored as admission and the Service's allocation would store them (so they print
 * as any Service does), created at the cluster's start, with fixed uids (nothing drawn from
 * the run's generator: every other object keeps its uid and name) and, as the namespaces they
 * live in, no resourceVersion until first written.
 */
import { admit } from "../k8s/admission.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import type { Time } from "../k8s/types.ts";
import { newUid } from "./names.ts";
import { mulberry32 } from "./rng.ts";
import type { Store } from "./store.ts";

/** The control plane's address (the kubeconfig's server) and kube-apiserver's --secure-port. */
export const API_SERVER_ADDRESS = "10.0.0.10";
export const API_SERVER_PORT = 6443;
/** The first address of the service CIDR 10.96.0.0/12, kept for the `kubernetes` Service. */
export const KUBERNETES_SERVICE_IP = "10.96.0.1";
/** kubeadm's DNS address: the service CIDR's tenth (constants.GetDNSIP). */
export const KUBE_DNS_SERVICE_IP = "10.96.0.10";

/** FNV-1a over a string's code units: the seed of a default object's uid. */
export function fnv(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The `kubernetes` Service as the kubernetesservice controller creates it. */
export const kubernetesService = {
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "kubernetes",
    namespace: "default",
    labels: { component: "apiserver", provider: "kubernetes" },
  },
  spec: {
    clusterIP: KUBERNETES_SERVICE_IP,
    ports: [{ name: "https", port: 443, protocol: "TCP", targetPort: API_SERVER_PORT }],
    sessionAffinity: "None",
    type: "ClusterIP",
  },
};

/** Its Endpoints as the API server's endpoint reconciler writes them. */
export const kubernetesEndpoints = {
  apiVersion: "v1",
  kind: "Endpoints",
  metadata: {
    name: "kubernetes",
    namespace: "default",
    labels: { "endpointslice.kubernetes.io/skip-mirror": "true" },
  },
  subsets: [
    {
      addresses: [{ ip: API_SERVER_ADDRESS }],
      ports: [{ name: "https", port: API_SERVER_PORT, protocol: "TCP" }],
    },
  ],
};

/** Its EndpointSlice, made from those Endpoints (endpointsadapter.go). */
export const kubernetesEndpointSlice = {
  apiVersion: "discovery.k8s.io/v1",
  kind: "EndpointSlice",
  metadata: {
    name: "kubernetes",
    namespace: "default",
    labels: { "kubernetes.io/service-name": "kubernetes" },
  },
  addressType: "IPv4",
  endpoints: [{ addresses: [API_SERVER_ADDRESS], conditions: { ready: true } }],
  ports: [{ name: "https", port: API_SERVER_PORT, protocol: "TCP" }],
};

const kubeDnsService = {
  apiVersion: "v1",
  kind: "Service",
  metadata: {
    name: "kube-dns",
    namespace: "kube-system",
    labels: {
      "k8s-app": "kube-dns",
      "kubernetes.io/cluster-service": "true",
      "kubernetes.io/name": "CoreDNS",
    },
    annotations: { "prometheus.io/port": "9153", "prometheus.io/scrape": "true" },
  },
  spec: {
    clusterIP: KUBE_DNS_SERVICE_IP,
    ports: [
      { name: "dns", port: 53, protocol: "UDP", targetPort: 53 },
      { name: "dns-tcp", port: 53, protocol: "TCP", targetPort: 53 },
      { name: "metrics", port: 9153, protocol: "TCP", targetPort: 9153 },
    ],
    selector: { "k8s-app": "kube-dns" },
  },
};

const DEFAULT_OBJECTS: readonly object[] = [
  kubernetesService,
  kubernetesEndpoints,
  kubernetesEndpointSlice,
  kubeDnsService,
];

/**
 * Store the default Services (and the `kubernetes` Service's endpoints) where the cluster
 * serves their kinds and has their namespace, before anything watches the store.
 */
export function bootstrapDefaultServices(store: Store, kinds: KindRegistry, now: Time): void {
  for (const raw of DEFAULT_OBJECTS) {
    const { kind, metadata } = raw as { kind: string; metadata: { name: string; namespace: string } };
    const d = kinds.get(kind);
    if (!d || !store.get("Namespace", "", metadata.namespace)) continue;
    if (store.get(kind, metadata.namespace, metadata.name)) continue;
    const admitted = admit(structuredClone(raw), undefined, { kinds });
    if (!admitted.object) continue;
    const obj = admitted.object;
    obj.metadata.uid = newUid(mulberry32(fnv(`${metadata.namespace}/${kind} ${metadata.name}`)));
    obj.metadata.creationTimestamp = now;
    d.strategy.prepareForCreate?.(obj, store.listAll(kind));
    if (d.strategy.initialStatus) (obj as { status?: unknown }).status = d.strategy.initialStatus(now);
    store.add(obj);
  }
}
