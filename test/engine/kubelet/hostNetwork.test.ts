/**
 * generateAPIPodStatus (pkg/kubelet/kubelet_pods.go, v1.28): a hostNetwork pod's podIP is its
 * node's IP, from the kubelet's first status on, while other pods get one from the pod network
 * once their sandbox is made.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../../src/scenario/api.ts";
import { defaultServices } from "../../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../../src/scenario/host.ts";

const text = `manifest pods = <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: node-exporter
spec:
  hostNetwork: true
  containers:
  - { name: exporter, image: quay.io/prometheus/node-exporter:v1.8.1 }
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - { name: web, image: nginx:1.25 }
YAML
at 0s apply pods
at 1s kubectl get pods -o wide
at 10s kubectl get pods -o wide
run for 10s
`;

describe("a hostNetwork pod's IP", () => {
  const r = runWith(defaultServices, text, "hn.scn", { host: memoryHost({}) });
  const wide = (time: number) =>
    r.output.find((o) => o.command === "kubectl get pods -o wide" && o.time === time)!.text.split("\n");

  it("is its node's IP while it is created and once it runs; the other pod's comes from the pod network", () => {
    expect(wide(1)[1]).toMatch(/^node-exporter +0\/1 +ContainerCreating +0 +1s +10\.0\.0\.11 +node-1 /);
    expect(wide(1)[2]).toMatch(/^web +0\/1 +ContainerCreating +0 +1s +<none> +node-2 /);
    expect(wide(10)[1]).toMatch(/^node-exporter +1\/1 +Running +0 +10s +10\.0\.0\.11 +node-1 /);
    expect(wide(10)[2]).toMatch(/^web +1\/1 +Running +0 +10s +10\.244\.2\.\d+ +node-2 /);
  });
});
