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
    expect(ep.split("\n")[1]).toMatch(/^default\s+kubernetes\s+10\.0\.0\.10:6443\s+60s$/);
    expect(ep.split("\n")).toHaveLength(2);
    expect(slices.split("\n")[1]).toMatch(/^default\s+kubernetes\s+IPv4\s+6443\s+10\.0\.0\.10\s+60s$/);
    expect(describe).toContain(
      "Labels:            component=apiserver\n                   provider=kubernetes",
    );
    expect(describe).toContain("Port:              https  443/TCP\nTargetPort:        6443/TCP");
    expect(describe).toContain("Endpoints:         10.0.0.10:6443");
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
