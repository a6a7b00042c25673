/**
 * The Services a fresh kubeadm or kind cluster shows (src/engine/defaultServices.ts):
 * `default/kubernetes` as kube-apiserver's kubernetesservice controller keeps it
 * (pkg/controlplane/controller/kubernetesservice/controller.go: labels component=apiserver and
 * provider=kubernetes, ClusterIP the service CIDR's first address, port https 443 → 6443, no
 * selector) with the Endpoints and EndpointSlice the API server writes for it, and kubeadm's
 * `kube-system/kube-dns` (cmd/kubeadm/app/phases/addons/dns/manifests.go: 10.96.0.10, ports
 * dns 53/UDP, dns-tcp 53/TCP, metrics 9153/TCP, selector k8s-app=kube-dns).
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "fresh.scn", { host: memoryHost({}) });

/**
 * What kubectl 1.34 prints first for any request of v1 Endpoints: the API server's deprecation
 * warning (KEP-4974; deprecation.go WarningMessage), once per command.
 */
const ENDPOINTS_WARNING =
  "Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice";

/** The output after the warning, which must come first. */
const warned = (text: string): string => {
  expect(text.startsWith(`${ENDPOINTS_WARNING}\n`), text).toBe(true);
  return text.slice(ENDPOINTS_WARNING.length + 1);
};

/** Each kubectl line's output, in order. */
const outputs = (lines: string): string[] =>
  run(`scenario "fresh"\n${lines}`).output.map((o) => o.text.replace(/\s+$/gm, ""));

describe("a fresh cluster's default Services", () => {
  it("lists kubernetes in default and kube-dns in kube-system, created at the cluster's start", () => {
    const [svc, all] = outputs("at 2m kubectl get svc -A\nat 2m kubectl get all\n");
    expect(svc.split("\n")).toEqual([
      "NAMESPACE     NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE",
      "default       kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP                  2m",
      "kube-system   kube-dns     ClusterIP   10.96.0.10   <none>        53/UDP,53/TCP,9153/TCP   2m",
    ]);
    expect(all.split("\n")).toEqual([
      "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE",
      "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   2m",
    ]);
  });

  it("gives the kubernetes Service the API server's address as its endpoints, and kube-dns none", () => {
    const [ep, slices, describe] = outputs(
      "at 1m kubectl get endpoints -A\n" +
        "at 1m kubectl get endpointslices -A\n" +
        "at 1m kubectl describe svc kubernetes\n",
    );
    expect(warned(ep).split("\n")[1]).toMatch(/^default\s+kubernetes\s+10\.0\.0\.10:6443\s+60s$/);
    expect(warned(ep).split("\n")).toHaveLength(2);
    expect(slices.split("\n")[1]).toMatch(/^default\s+kubernetes\s+IPv4\s+6443\s+10\.0\.0\.10\s+60s$/);
    expect(describe).toContain(
      "Labels:                   component=apiserver\n                          provider=kubernetes",
    );
    expect(describe).toContain(
      "Port:                     https  443/TCP\nTargetPort:               6443/TCP",
    );
    expect(describe).toContain("Endpoints:                10.0.0.10:6443");
  });

  it("never allocates 10.96.0.10 to a user's Service whose name hashes to it", () => {
    // svc-229tv's FNV-1a pick is the service CIDR's tenth address (allocation.ts); kube-dns holds it.
    const [, ip] = outputs(
      "at 0s kubectl create service clusterip svc-229tv --tcp=80:8080\n" +
        "at 1s kubectl get svc svc-229tv -o jsonpath='{.spec.clusterIP}'\n",
    );
    expect(ip).toBe("10.96.0.11");
  });

  it("refuses a user's Service named kubernetes in default, which exists already", () => {
    const [created] = outputs("at 0s kubectl create service clusterip kubernetes --tcp=80:8080\n");
    expect(created).toContain('services "kubernetes" already exists');
  });
});

/**
 * kube-apiserver's kubernetesservice controller (pkg/controlplane/controller/kubernetesservice/
 * controller.go UpdateKubernetesService every DefaultEndpointReconcilerInterval, 10 s, in
 * pkg/controlplane/instance.go) and its lease endpoint reconciler (pkg/controlplane/reconcilers/
 * lease.go doReconcile, endpointsadapter.go EnsureEndpointSliceFromEndpoints).
 */
describe("the kubernetes Service comes back", () => {
  it("deleted at 3s: its Endpoints go with it, and both are back at the next 10 s round", () => {
    const [deleted, gone, back, describe] = outputs(
      "at 3s kubectl delete svc kubernetes\n" +
        "at 9s kubectl get svc,endpoints\n" +
        "at 30s kubectl get svc,endpoints,endpointslices\n" +
        "at 30s kubectl describe svc kubernetes\n",
    );
    expect(deleted).toBe('service "kubernetes" deleted');
    expect(warned(gone)).toBe("No resources found in default namespace.");
    expect(warned(back).split("\n")).toEqual([
      "NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE",
      "service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   20s",
      "NAME                   ENDPOINTS        AGE",
      "endpoints/kubernetes   10.0.0.10:6443   20s",
      // The slice has no owner (endpointsadapter.go sets none): the Service's deletion leaves it.
      "NAME                                        ADDRESSTYPE   PORTS   ENDPOINTS   AGE",
      "endpointslice.discovery.k8s.io/kubernetes   IPv4          6443    10.0.0.10   30s",
    ]);
    expect(describe).toContain("IP:                       10.96.0.1");
    expect(describe).toContain("Endpoints:                10.0.0.10:6443");
  });

  it("a deleted Endpoints or EndpointSlice alone is written again at the next round", () => {
    const [deleted, , before, after] = outputs(
      "at 21s kubectl delete endpoints kubernetes\n" +
        "at 22s kubectl delete endpointslice kubernetes\n" +
        "at 29s kubectl get endpoints,endpointslices -o name\n" +
        "at 31s kubectl get endpoints,endpointslices\n",
    );
    expect(warned(deleted)).toBe('endpoints "kubernetes" deleted');
    expect(warned(before)).toBe("No resources found in default namespace.");
    expect(warned(after).split("\n")).toEqual([
      "NAME                   ENDPOINTS        AGE",
      "endpoints/kubernetes   10.0.0.10:6443   1s",
      "NAME                                        ADDRESSTYPE   PORTS   ENDPOINTS   AGE",
      "endpointslice.discovery.k8s.io/kubernetes   IPv4          6443    10.0.0.10   1s",
    ]);
  });

  it("gives the recreated Service a new uid, and leaves the other objects' names and uids as they were", () => {
    const uid = "at 0s kubectl get svc kubernetes -o jsonpath='{.metadata.uid}'\n";
    const pods = "at 40s kubectl get pods -o name\n";
    const create = "at 1s kubectl create deployment web --image=nginx --replicas=2\n";
    const [first, , , later, podsAfter] = outputs(
      uid + "at 0s kubectl delete svc kubernetes\n" + create + uid.replace("0s", "20s") + pods,
    );
    const [, , podsWithout] = outputs(uid + create + pods);
    expect(later).toMatch(/^[0-9a-f-]{36}$/);
    expect(later).not.toBe(first);
    expect(podsAfter).toBe(podsWithout);
  });
});
