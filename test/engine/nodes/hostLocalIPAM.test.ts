/**
 * Pod IPs as the host-local IPAM plugin hands them out (containernetworking/plugins,
 * plugins/ipam/host-local/backend/allocator: range.go Canonicalize — the gateway is the
 * subnet's first address, the IPv4 broadcast is left out; allocator.go Get — a RangeIter from
 * just after the last reserved address, wrapping around; Release on the sandbox's teardown).
 */
import { describe, expect, it } from "vitest";
import { HostLocalIPAM, rangeOfCIDR } from "../../../src/engine/nodes/hostLocalIPAM.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { runWith } from "../../../src/scenario/api.ts";
import { defaultServices } from "../../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../../src/scenario/host.ts";
import { fakeControllers, noopReconciler, pod } from "../fakes.ts";

const node1 = rangeOfCIDR("10.244.1.0/24")!;

describe("rangeOfCIDR", () => {
  it("reads an IPv4 pod CIDR, its network address whatever the host bits, and leaves out the rest", () => {
    expect(node1).toEqual({ network: 0x0af40100, size: 256, stride: 256 * 256 });
    expect(rangeOfCIDR("10.1.7.9/16")).toEqual({ network: 0x0a010000, size: 65536, stride: 65536 * 256 });
    expect(rangeOfCIDR("fd00:10:244:1::/64")).toBeUndefined();
    expect(rangeOfCIDR("10.244.1.0")).toBeUndefined();
    expect(rangeOfCIDR("10.244.1.0/31")).toBeUndefined();
  });
});

describe("HostLocalIPAM", () => {
  it("hands out .2, .3, … (.1 is the gateway) and gives a pod the address it holds", () => {
    const ipam = new HostLocalIPAM();
    expect(ipam.allocate("a", "n1", node1)).toBe("10.244.1.2");
    expect(ipam.allocate("b", "n1", node1)).toBe("10.244.1.3");
    expect(ipam.allocate("a", "n1", node1)).toBe("10.244.1.2");
    expect(ipam.held("b")).toBe("10.244.1.3");
    // Another node's range is its own.
    expect(ipam.allocate("c", "n2", rangeOfCIDR("10.244.2.0/24")!)).toBe("10.244.2.2");
  });

  it("goes on after the last reserved address, a released one coming back only after the rest of the range", () => {
    const ipam = new HostLocalIPAM();
    ipam.allocate("a", "n1", node1);
    ipam.allocate("b", "n1", node1);
    ipam.release("a");
    expect(ipam.held("a")).toBeUndefined();
    expect(ipam.allocate("c", "n1", node1)).toBe("10.244.1.4");
    // .4 … .254 (the broadcast .255 left out): 251 more pods, then the walk wraps to the free .2.
    for (let i = 0; i < 250; i++) ipam.allocate(`p${i}`, "n1", node1);
    expect(ipam.held("p249")).toBe("10.244.1.254");
    expect(ipam.allocate("d", "n1", node1)).toBe("10.244.1.2");
  });

  it("never hands out an address twice; a full range borrows the next subnet of its set", () => {
    const ipam = new HostLocalIPAM();
    const shape = { network: 0x0af40100, size: 256, stride: 3 * 256 };
    const ips = Array.from({ length: 300 }, (_, i) => ipam.allocate(`p${i}`, "node-1", shape));
    expect(new Set(ips).size).toBe(300);
    expect(ips[252]).toBe("10.244.1.254");
    expect(ips[253]).toBe("10.244.4.2");
    ipam.release("p7");
    expect(ipam.allocate("q", "node-1", shape)).toBe("10.244.4.49");
  });

  it("starts afresh for a node made again with another pod CIDR", () => {
    const ipam = new HostLocalIPAM();
    ipam.allocate("a", "n1", node1);
    expect(ipam.allocate("b", "n1", rangeOfCIDR("10.244.9.0/24")!)).toBe("10.244.9.2");
  });
});

describe("the kubelet's pod IPs", () => {
  const sim = () =>
    new Simulation({
      settings: { "cluster.nodes": 1, "pod.startup": 1, "image.pull-time": 0, "pod.shutdown": 1 },
      ...fakeControllers({ replicaSet: noopReconciler }),
    });

  it("come from the node's range in start order, and a deleted pod's address is not taken next", () => {
    const s = sim();
    s.api.create(pod("a"));
    s.api.create(pod("b"));
    s.runUntil(2);
    s.api.delete("Pod", "default", "a");
    s.runUntil(10);
    s.api.create(pod("c"));
    s.runUntil(12);
    expect(s.api.get("Pod", "default", "a")).toBeUndefined();
    expect(s.api.get("Pod", "default", "b")?.status.podIP).toBe("10.244.1.3");
    expect(s.api.get("Pod", "default", "c")?.status.podIP).toBe("10.244.1.4");
  });

  it("are distinct for 300 pods on one node: the 254th borrows the next /24", () => {
    const s = sim();
    for (let i = 0; i < 300; i++) s.api.create(pod(`p${i}`));
    s.runUntil(2);
    const ips = Array.from({ length: 300 }, (_, i) => s.api.get("Pod", "default", `p${i}`)?.status.podIP);
    expect(new Set(ips).size).toBe(300);
    expect(ips[0]).toBe("10.244.1.2");
    expect(ips[253]).toBe("10.244.2.2");
  });
});

describe("a Service's endpoints", () => {
  it("list each of 40 pods on one node once (the pod IPs never collide)", () => {
    const text = `set cluster.nodes 1
manifest app = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 40
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - { name: web, image: nginx:1.25, ports: [{ containerPort: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [{ port: 80 }]
YAML
at 0s apply app
at 30s kubectl get endpointslices -l kubernetes.io/service-name=web -o jsonpath={.items[0].endpoints[*].addresses[0]}
run for 30s
`;
    const r = runWith(defaultServices, text, "ips.scn", { host: memoryHost({}) });
    const out = r.output.find((o) => o.command.startsWith("kubectl get endpointslices"))!.text.trim();
    const ips = out.split(" ");
    expect(ips).toHaveLength(40);
    expect(new Set(ips).size).toBe(40);
    expect([...ips].sort((a, b) => Number(a.split(".")[3]) - Number(b.split(".")[3]))).toEqual(
      Array.from({ length: 40 }, (_, i) => `10.244.1.${2 + i}`),
    );
  });
});
