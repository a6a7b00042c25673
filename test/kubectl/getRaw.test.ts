/**
 * `kubectl get --raw PATH` (kubectl/pkg/cmd/get/get.go RawOptions.RawGet prints the body as
 * sent) over metrics-server's PodMetrics and NodeMetrics (metrics-server pkg/api/pod.go and
 * node.go: name, namespace, labels, creationTimestamp; timestamp, window; usage as canonical
 * Quantities), the API server's 404 for other paths; and `get --subresource=status|scale`
 * (KEP-2590; pkg/printers/internalversion/printers.go scale columns).
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const text = `manifest app = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      initContainers:
      - { name: proxy, image: envoyproxy/envoy:v1.29.0, restartPolicy: Always }
      containers:
      - { name: app, image: nginx:1.25, resources: { requests: { cpu: 200m } } }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: cfg }
data: { a: b }
YAML
nodes 2 with cpu 2 memory 4Gi
at 0s apply app
at 10s load cpu 301m
at 10s load memory 50Mi per pod
at 2m kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/default/pods
at 2m kubectl get --raw /apis/metrics.k8s.io/v1beta1/nodes/node-1
at 2m kubectl get --raw /apis/metrics.k8s.io/v1beta1/namespaces/default/pods/nope
at 2m kubectl get --raw /apis/custom.metrics.k8s.io/v1beta2
at 2m kubectl get --raw /readyz
at 2m kubectl get --raw /apis/metrics.k8s.io/v1beta1/pods?labelSelector=app%3Dother
at 2m kubectl get deployment web --subresource=scale
at 2m kubectl get deployment web --subresource=status
at 2m kubectl get configmap cfg --subresource=status
at 2m kubectl get configmap cfg --subresource=scale
run for 2m
`;

describe("kubectl get --raw and --subresource", () => {
  const r = runWith(defaultServices, text, "raw.scn", { host: memoryHost({}) });
  const out = (nth: number) => r.output.filter((o) => o.time === 120)[nth].text;

  it("prints metrics-server's PodMetricsList as the server encodes it: compact JSON", () => {
    const body = out(0);
    expect(body).not.toMatch(/\s/);
    const list = JSON.parse(body);
    expect(Object.keys(list)).toEqual(["kind", "apiVersion", "metadata", "items"]);
    expect(list.kind).toBe("PodMetricsList");
    expect(list.metadata).toEqual({});
    expect(list.items).toHaveLength(2);
    const [first] = list.items;
    expect(first.metadata).toMatchObject({
      namespace: "default",
      creationTimestamp: "2024-01-01T00:02:00Z",
      labels: { app: "web" },
    });
    expect(first.timestamp).toBe("2024-01-01T00:02:00Z");
    expect(first.window).toBe("15s");
    // 301m over two pods (ceil to the millicore), 50Mi each; the sidecar at 0.
    expect(first.containers).toEqual([
      { name: "proxy", usage: { cpu: "0", memory: "0" } },
      { name: "app", usage: { cpu: "151m", memory: "50Mi" } },
    ]);
  });

  it("prints a NodeMetrics: the node's labels and its pods' usage", () => {
    const node = JSON.parse(out(1));
    expect(node.kind).toBe("NodeMetrics");
    expect(node.metadata.name).toBe("node-1");
    expect(node.metadata.labels["kubernetes.io/hostname"]).toBe("node-1");
    expect(node.usage).toEqual({ cpu: "151m", memory: "50Mi" });
  });

  it("answers the API server's errors, /readyz's ok, and an empty list for a selector matching nothing", () => {
    expect(out(2)).toBe('Error from server (NotFound): pods "nope" not found');
    expect(out(3)).toBe("Error from server (NotFound): the server could not find the requested resource");
    expect(out(4)).toBe("ok");
    expect(out(5)).toBe(
      '{"kind":"PodMetricsList","apiVersion":"metrics.k8s.io/v1beta1","metadata":{},"items":[]}',
    );
  });

  it("--subresource=scale prints the Scale's table; status the object's; a kind without either is NotFound", () => {
    expect(out(6).trimEnd()).toBe("NAME   DESIREDREPLICAS   AVAILABLEREPLICAS\nweb    2                 2");
    expect(out(7)).toMatch(/^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nweb +2\/2 +2 +2 +2m/);
    expect(out(8)).toBe("Error from server (NotFound): the server could not find the requested resource");
    expect(out(9)).toBe("Error from server (NotFound): the server could not find the requested resource");
  });
});
