// `kubectl top pod` (kubectl/pkg/cmd/top/top_pod.go, metricsutil/metrics_printer.go) over
// metrics-server's latest samples; and over a real run, the numbers the HPA reads.
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { FakeCluster } from "./fakeCluster.ts";
import { deployment, replicaSetFor, runningPod } from "./fixtures.ts";

const MiB = 1024 * 1024;

/** Two running pods with samples (memory in milli-bytes, as metrics-server's samples carry it). */
function cluster(): FakeCluster {
  const c = new FakeCluster();
  const rs = replicaSetFor(deployment("web", "nginx:1", 2), "6d4cf56db6", 2, 1);
  for (const name of ["web-6d4cf56db6-b", "web-6d4cf56db6-a", "web-6d4cf56db6-c"])
    c.api.create(runningPod(name, rs, 0));
  const sample = (pod: string, containers: Record<string, { cpu: number; memory: number }>) =>
    c.samples.set(pod, { pod, timestamp: 30, window: 15, containers });
  sample("web-6d4cf56db6-a", {
    app: { cpu: 120, memory: 50.5 * MiB * 1000 },
    sidecar: { cpu: 5, memory: 8 * MiB * 1000 },
  });
  sample("web-6d4cf56db6-b", {
    app: { cpu: 250, memory: 40 * MiB * 1000 },
    sidecar: { cpu: 3, memory: 9 * MiB * 1000 },
  });
  c.now = 30;
  return c;
}

describe("kubectl top pod", () => {
  it("pods with a sample, by name; CPU in millicores, memory in whole MiB; every cell tab-terminated", () => {
    expect(runKubectl("top pod", cluster()).stdout).toBe(
      [
        "NAME               CPU(cores)   MEMORY(bytes)   ",
        "web-6d4cf56db6-a   125m         58Mi            ",
        "web-6d4cf56db6-b   253m         49Mi            ",
        "",
      ].join("\n"),
    );
  });

  it("--containers --sort-by=cpu --sum: a row per container, highest CPU first, then the totals", () => {
    expect(runKubectl("top pods --containers --sort-by=cpu --sum", cluster()).stdout).toBe(
      [
        "POD                NAME      CPU(cores)   MEMORY(bytes)   ",
        "web-6d4cf56db6-b   app       250m         40Mi            ",
        "web-6d4cf56db6-b   sidecar   3m           9Mi             ",
        "web-6d4cf56db6-a   app       120m         50Mi            ",
        "web-6d4cf56db6-a   sidecar   5m           8Mi             ",
        "                             ________     ________        ",
        "                             378m         107Mi           ",
        "",
      ].join("\n"),
    );
  });

  it("kubectl's errors: a pod without metrics, pods but no metrics yet, no pods, a bad --sort-by", () => {
    expect(runKubectl("top pod web-6d4cf56db6-c", cluster()).stderr).toBe(
      'Error from server (NotFound): podmetrics.metrics.k8s.io "default/web-6d4cf56db6-c" not found\n',
    );
    expect(runKubectl("top pod -l app=other", cluster()).stderr).toBe(
      "No resources found in default namespace.\n",
    );
    const c = cluster();
    c.samples.clear();
    expect(runKubectl("top pod", c).stderr).toBe("error: metrics not available yet\n");
    expect(runKubectl("top pod --sort-by=name", cluster()).stderr).toBe(
      "error: --sort-by accepts only cpu or memory\n",
    );
    // No Node objects, no NodeMetrics: top_node.go's "metrics not available yet".
    expect(runKubectl("top node", cluster()).stderr).toBe("error: metrics not available yet\n");
  });

  it("in a run: the load spread over the pods, as metrics-server averaged it", () => {
    const sim = new Simulation();
    sim.at(0, "create", () => void runKubectl("create deployment web --image=nginx --replicas=3", sim));
    sim.runUntil(10);
    sim.setLoad("web", { kind: "cpu", amount: { milli: 450 } });
    sim.runUntil(60);
    const rows = runKubectl("top pod", sim).stdout.split("\n").slice(1, -1);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^web-\w+-\w+ +150m +0Mi +$/);
  });
});

describe("kubectl top pod --containers with a native sidecar", () => {
  // metrics-server's PodMetrics has one ContainerMetrics per container the kubelet reports
  // (pkg/storage/pod.go GetMetrics), a restartable init container (KEP-753) among them; the
  // load is the app's, so the sidecar reads 0 (src/kubectl/podMetricsContainers.ts).
  const text = `manifest app = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      initContainers:
      - { name: migrate, image: busybox:1.36 }
      - { name: proxy, image: envoyproxy/envoy:v1.29.0, restartPolicy: Always }
      containers:
      - { name: app, image: nginx:1.25, resources: { requests: { cpu: 200m } } }
YAML
at 0s apply app
at 10s load cpu 300m
at 2m kubectl top pod --containers --no-headers
at 2m kubectl top pod --no-headers
run for 2m
`;
  const r = runWith(defaultServices, text, "sidecar.scn", { host: memoryHost({}) });
  const out = (command: string) => r.output.find((o) => o.command === command)!.text.split("\n");

  it("lists the sidecar at 0m and 0Mi beside the app container, the pod's total unchanged", () => {
    const rows = out("kubectl top pod --containers --no-headers");
    expect(rows[0]).toMatch(/^web-\w+-\w+ +app +300m +0Mi +$/);
    expect(rows[1]).toMatch(/^web-\w+-\w+ +proxy +0m +0Mi *$/);
    expect(rows.filter((row) => row !== "")).toHaveLength(2);
    expect(out("kubectl top pod --no-headers")[0]).toMatch(/^web-\w+-\w+ +300m +0Mi *$/);
  });
});
