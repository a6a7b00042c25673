/**
 * A Service that asks for its ClusterIP (pkg/registry/core/service/storage/alloc.go allocIPs →
 * ipallocator Allocate): an address another Service holds is refused with ErrAllocated, one
 * outside 10.96.0.0/12 — or its network or broadcast address, which the allocator's range
 * leaves out — with ErrNotInRange, as the Invalid error `spec.clusterIPs: Invalid value:
 * []string{…}: failed to allocate IP …`. `kubectl create service` prints the server's message
 * inside its own (create_service.go: "failed to create %s service: %v").
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const web = (ip: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  clusterIP: ${ip}\n  ports:\n  - port: 80\n`;

const outputs = (lines: string, files: Record<string, string> = {}): string[] =>
  runWith(defaultServices, `scenario "ip"\n${lines}`, "ip.scn", { host: memoryHost(files) }).output.map(
    (o) => o.text,
  );

describe("a Service asking for a ClusterIP", () => {
  it("is refused the kube-dns address, which kube-dns holds", () => {
    const [applied, listed] = outputs("at 0s kubectl apply -f web.yaml\nat 1s kubectl get svc web\n", {
      "web.yaml": web("10.96.0.10"),
    });
    expect(applied).toBe(
      'The Service "web" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    expect(listed).toBe('Error from server (NotFound): services "web" not found');
  });

  it("is refused an address outside the service CIDR, and the CIDR's network address", () => {
    const [outside, network] = outputs(
      "at 0s kubectl create service clusterip test --clusterip 1.1.1.1 --tcp=80:80\n" +
        "at 1s kubectl create service clusterip net --clusterip 10.96.0.0 --tcp=80:80\n",
    );
    expect(outside).toBe(
      'error: failed to create ClusterIP service: Service "test" is invalid: spec.clusterIPs: Invalid value: []string{"1.1.1.1"}: failed to allocate IP 1.1.1.1: the provided IP (1.1.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
    expect(network).toContain(
      "failed to allocate IP 10.96.0.0: the provided IP (10.96.0.0) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
    );
  });

  it("gets a free address it asks for; a second Service asking for it is refused", () => {
    const [first, second, listed] = outputs(
      "at 0s kubectl create service clusterip a --clusterip 10.111.255.254 --tcp=80:80\n" +
        "at 1s kubectl create service clusterip b --clusterip 10.111.255.254 --tcp=80:80\n" +
        "at 2s kubectl get svc a -o jsonpath={.spec.clusterIPs}\n",
    );
    expect(first).toBe("service/a created");
    expect(second).toBe(
      'error: failed to create ClusterIP service: Service "b" is invalid: spec.clusterIPs: Invalid value: []string{"10.111.255.254"}: failed to allocate IP 10.111.255.254: provided IP is already allocated',
    );
    expect(listed).toBe('["10.111.255.254"]');
  });

  it("may take 10.96.0.1 while the kubernetes Service is gone (its delete released it)", () => {
    const [, taken, back] = outputs(
      "at 1s kubectl delete svc kubernetes\n" +
        "at 2s kubectl create service clusterip mine --clusterip 10.96.0.1 --tcp=80:80\n" +
        "at 30s kubectl get svc\n",
    );
    expect(taken).toBe("service/mine created");
    // The kubernetesservice controller's create is refused each round: no kubernetes Service.
    expect(back.split("\n").map((l) => l.split(/\s+/)[0])).toEqual(["NAME", "mine"]);
  });
});
