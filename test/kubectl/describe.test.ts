import { describe, expect, it } from "vitest";
import { runKubectl } from "../../src/kubectl/run.ts";
import { aggregateEvents } from "../../src/k8s/printing/describeWriter.ts";
import { FakeCluster } from "./fakeCluster.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { cpuHPA, deployment, event, replicaSetFor, runningPod } from "./fixtures.ts";

// Layouts: k8s.io/kubectl/pkg/describe/describe.go (describeDeployment, DescribePodTemplate,
// describeContainers, DescribeEvents, describeHorizontalPodAutoscalerV2), tabwriter padding 2.
describe("kubectl describe deployment", () => {
  it("matches kubectl's layout (a real `kubectl describe deployments.apps ngx`)", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("ngx", "nginx", 3));
    c.put(replicaSetFor(d, "54bc5d4948", 3, 1));
    c.events.push(
      event(
        0,
        "Deployment",
        "ngx",
        "Normal",
        "ScalingReplicaSet",
        "Scaled up replica set ngx-54bc5d4948 to 3",
        "deployment-controller",
      ),
    );
    c.now = 44;
    expect(runKubectl("describe deployments.apps ngx", c).stdout).toBe(
      [
        "Name:                   ngx",
        "Namespace:              default",
        "CreationTimestamp:      Mon, 01 Jan 2024 00:00:00 +0000",
        "Labels:                 app=ngx",
        "Annotations:            deployment.kubernetes.io/revision: 1",
        "Selector:               app=ngx",
        "Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable",
        "StrategyType:           RollingUpdate",
        "MinReadySeconds:        0",
        "RollingUpdateStrategy:  25% max unavailable, 25% max surge",
        "Pod Template:",
        "  Labels:  app=ngx",
        "  Containers:",
        "   nginx:",
        "    Image:        nginx",
        "    Port:         <none>",
        "    Host Port:    <none>",
        "    Environment:  <none>",
        "    Mounts:       <none>",
        "  Volumes:        <none>",
        "Conditions:",
        "  Type           Status  Reason",
        "  ----           ------  ------",
        "  Available      True    MinimumReplicasAvailable",
        "  Progressing    True    NewReplicaSetAvailable",
        "OldReplicaSets:  <none>",
        "NewReplicaSet:   ngx-54bc5d4948 (3/3 replicas created)",
        "Events:",
        "  Type    Reason             Age   From                   Message",
        "  ----    ------             ----  ----                   -------",
        "  Normal  ScalingReplicaSet  44s   deployment-controller  Scaled up replica set ngx-54bc5d4948 to 3",
        "",
      ].join("\n"),
    );
  });

  it("seed 000: `describe deployment demo-rollout | grep -i image:` after set image", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("demo-rollout", "busybox:v3", 3, { command: ["sleep", "3600"] }));
    c.put(replicaSetFor(d, "7d9c5c8b5f", 3, 3));
    const r = runKubectl("describe deployment demo-rollout | grep -i image:", c);
    expect(r).toMatchObject({ exitCode: 0, stdout: "    Image:      busybox:v3\n" });
  });

  it("seed 001: the deployment's events, oldest first", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("hpa-demo", "nginx", 10));
    c.put(replicaSetFor(d, "6b4467b546", 10, 1));
    const now = 16 * 60;
    for (const [ago, n] of [
      [960, 1],
      [600, 4],
      [593, 8],
      [578, 10],
    ])
      c.events.push(
        event(
          now - ago,
          "Deployment",
          "hpa-demo",
          "Normal",
          "ScalingReplicaSet",
          `Scaled up replica set hpa-demo-6b4467b546 to ${n}`,
          "deployment-controller",
        ),
      );
    c.now = now;
    const out = runKubectl("describe deployment hpa-demo", c).stdout;
    expect(out.slice(out.indexOf("Events:"))).toBe(
      [
        "Events:",
        "  Type    Reason             Age    From                   Message",
        "  ----    ------             ----   ----                   -------",
        "  Normal  ScalingReplicaSet  16m    deployment-controller  Scaled up replica set hpa-demo-6b4467b546 to 1",
        "  Normal  ScalingReplicaSet  10m    deployment-controller  Scaled up replica set hpa-demo-6b4467b546 to 4",
        "  Normal  ScalingReplicaSet  9m53s  deployment-controller  Scaled up replica set hpa-demo-6b4467b546 to 8",
        "  Normal  ScalingReplicaSet  9m38s  deployment-controller  Scaled up replica set hpa-demo-6b4467b546 to 10",
        "",
      ].join("\n"),
    );
  });

  it("lists old replica sets that still have replicas, and prints `Events:  <none>`", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx:2", 4));
    const old = replicaSetFor(
      {
        ...d,
        spec: {
          ...d.spec,
          template: { ...d.spec.template, spec: { containers: [{ name: "nginx", image: "nginx:1" }] } },
        },
      },
      "aaa",
      2,
      1,
    );
    c.put(old);
    c.put(replicaSetFor(d, "bbb", 2, 2, 10));
    const out = runKubectl("describe deploy web", c).stdout;
    expect(out).toContain(
      "OldReplicaSets:  web-aaa (2/2 replicas created)\nNewReplicaSet:   web-bbb (2/2 replicas created)\nEvents:          <none>\n",
    );
  });

  it("long annotations go below their key, cut at 140 characters", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx", 1));
    d.metadata.annotations = { "example.dev/release-notes": "x".repeat(200) };
    const out = runKubectl("describe deploy web", c).stdout;
    expect(out).toContain(
      `Annotations:            example.dev/release-notes:\n                          ${"x".repeat(138)}...\n`,
    );
  });

  // describe.go skipAnnotations (kubernetes PR #88758, kubectl 1.19): the configuration
  // `kubectl apply` records is never shown; with nothing else left, Annotations is <none>.
  it("leaves out the last-applied configuration kubectl apply records", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx", 1));
    d.metadata.annotations = { "kubectl.kubernetes.io/last-applied-configuration": "{}" };
    expect(runKubectl("describe deploy web", c).stdout).toContain("Annotations:            <none>\n");
    d.metadata.annotations = {
      "kubectl.kubernetes.io/last-applied-configuration": "{}",
      "deployment.kubernetes.io/revision": "1",
    };
    expect(runKubectl("describe deploy web", c).stdout).toContain(
      "Annotations:            deployment.kubernetes.io/revision: 1\n",
    );
  });
});

describe("kubectl describe hpa", () => {
  it("metrics, replicas, conditions and the aggregated events of seed 001", () => {
    const c = new FakeCluster();
    const h = c.put(
      cpuHPA("hpa-demo", {
        target: 10,
        current: 160,
        currentValue: "80m",
        min: 1,
        max: 10,
        replicas: 10,
        created: 0,
      }),
    );
    h.status.conditions = [
      {
        type: "AbleToScale",
        status: "True",
        reason: "ReadyForNewScale",
        message: "recommended size matches current size",
        lastTransitionTime: 0,
      },
      {
        type: "ScalingActive",
        status: "True",
        reason: "ValidMetricFound",
        message:
          "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
        lastTransitionTime: 0,
      },
      {
        type: "ScalingLimited",
        status: "True",
        reason: "TooManyReplicas",
        message: "the desired replica count is more than the maximum replica count",
        lastTransitionTime: 0,
      },
    ];
    const now = 50 * 60;
    const m = (x: number) => now - x * 60;
    for (let i = 0; i < 8; i++)
      c.events.push(
        event(
          m(19) + (i * 120) / 7,
          "HorizontalPodAutoscaler",
          "hpa-demo",
          "Warning",
          "FailedGetScale",
          'deployments/scale.apps "hpa-demo" not found',
          "horizontal-pod-autoscaler",
        ),
      );
    const above = "cpu resource utilization (percentage of request) above target";
    c.events.push(
      event(
        m(11),
        "HorizontalPodAutoscaler",
        "hpa-demo",
        "Normal",
        "SuccessfulRescale",
        `New size: 4; reason: ${above}`,
        "horizontal-pod-autoscaler",
      ),
    );
    c.events.push(
      event(
        m(11),
        "HorizontalPodAutoscaler",
        "hpa-demo",
        "Normal",
        "SuccessfulRescale",
        `New size: 8; reason: ${above}`,
        "horizontal-pod-autoscaler",
      ),
    );
    c.events.push(
      event(
        m(10),
        "HorizontalPodAutoscaler",
        "hpa-demo",
        "Normal",
        "SuccessfulRescale",
        `New size: 10; reason: ${above}`,
        "horizontal-pod-autoscaler",
      ),
    );
    c.events.push(
      event(
        m(9),
        "HorizontalPodAutoscaler",
        "hpa-demo",
        "Warning",
        "FailedComputeMetricsReplicas",
        "invalid metrics (1 invalid out of 1)",
        "horizontal-pod-autoscaler",
      ),
    );
    c.now = now;
    expect(runKubectl("describe hpa hpa-demo", c).stdout).toBe(
      [
        "Name:                                                  hpa-demo",
        "Namespace:                                             default",
        "Labels:                                                <none>",
        "Annotations:                                           <none>",
        "CreationTimestamp:                                     Mon, 01 Jan 2024 00:00:00 +0000",
        "Reference:                                             Deployment/hpa-demo",
        "Metrics:                                               ( current / target )",
        "  resource cpu on pods  (as a percentage of request):  160% (80m) / 10%",
        "Min replicas:                                          1",
        "Max replicas:                                          10",
        "Deployment pods:                                       10 current / 10 desired",
        "Conditions:",
        "  Type            Status  Reason            Message",
        "  ----            ------  ------            -------",
        "  AbleToScale     True    ReadyForNewScale  recommended size matches current size",
        "  ScalingActive   True    ValidMetricFound  the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)",
        "  ScalingLimited  True    TooManyReplicas   the desired replica count is more than the maximum replica count",
        "Events:",
        "  Type     Reason                        Age                From                       Message",
        "  ----     ------                        ----               ----                       -------",
        '  Warning  FailedGetScale                17m (x8 over 19m)  horizontal-pod-autoscaler  deployments/scale.apps "hpa-demo" not found',
        `  Normal   SuccessfulRescale             11m                horizontal-pod-autoscaler  New size: 4; reason: ${above}`,
        `  Normal   SuccessfulRescale             11m                horizontal-pod-autoscaler  New size: 8; reason: ${above}`,
        `  Normal   SuccessfulRescale             10m                horizontal-pod-autoscaler  New size: 10; reason: ${above}`,
        "  Warning  FailedComputeMetricsReplicas  9m                 horizontal-pod-autoscaler  invalid metrics (1 invalid out of 1)",
        "",
      ].join("\n"),
    );
  });

  it("before metrics arrive: <unknown>, and behavior when set", () => {
    const c = new FakeCluster();
    const h = c.put(cpuHPA("web", { target: 60, max: 5, replicas: 1 }));
    h.spec.behavior = {
      scaleDown: {
        stabilizationWindowSeconds: 600,
        selectPolicy: "Max",
        policies: [{ type: "Pods", value: 4, periodSeconds: 60 }],
      },
    };
    const out = runKubectl("describe hpa web", c).stdout;
    expect(out).toContain("  resource cpu on pods  (as a percentage of request):  <unknown> / 60%\n");
    expect(out).toContain("Min replicas:                                          <unset>\n");
    expect(out).toContain(
      "Behavior:\n  Scale Down:\n    Stabilization Window: 600 seconds\n    Select Policy: Max\n    Policies:\n      - Type: Pods  Value: 4  Period: 60 seconds\n",
    );
  });
});

describe("kubectl describe pod and rs", () => {
  it("pod: node, status, container state, conditions, QoS", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx", 1));
    const rs = c.put(replicaSetFor(d, "abc", 1, 1));
    const p = c.put(runningPod("web-abc-x", rs, 0));
    p.status.conditions = [
      { type: "Initialized", status: "True", lastTransitionTime: 0 },
      { type: "Ready", status: "True", lastTransitionTime: 2 },
    ];
    const out = runKubectl("describe pod web-abc-x", c).stdout;
    expect(out).toContain("Node:         node-1/10.0.0.1\nStart Time:   Mon, 01 Jan 2024 00:00:00 +0000\n");
    expect(out).toContain(
      "Status:       Running\nIP:           10.244.1.5\nIPs:\n  IP:           10.244.1.5\n",
    );
    expect(out).toContain("Controlled By:  ReplicaSet/web-abc\n");
    expect(out).toContain(
      "    State:          Running\n      Started:      Mon, 01 Jan 2024 00:00:01 +0000\n    Ready:          True\n    Restart Count:  0\n",
    );
    expect(out).toContain(
      "Conditions:\n  Type           Status\n  Initialized    True \n  Ready          True \n",
    );
    expect(out).toContain(
      // The tolerations a real API server stores in every pod (DefaultTolerationSeconds).
      "Volumes:         <none>\nQoS Class:       BestEffort\nNode-Selectors:  <none>\n" +
        "Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n" +
        "                 node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n" +
        "Events:          <none>\n",
    );
  });

  it("rs: replicas, pods status, controlled by", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx", 2));
    const rs = c.put(replicaSetFor(d, "abc", 2, 1));
    c.put(runningPod("web-abc-1", rs, 0));
    c.put(runningPod("web-abc-2", rs, 0, { phase: "Pending" }));
    const out = runKubectl("describe rs web-abc", c).stdout;
    expect(out).toContain(
      "Controlled By:  Deployment/web\nReplicas:       2 current / 2 desired\nPods Status:    1 Running / 1 Waiting / 0 Succeeded / 0 Failed\n",
    );
  });
});

describe("event aggregation (client-go events_cache.go)", () => {
  it("identical events count up; different messages stay apart; sorted by last time", () => {
    const e = (t: number, msg: string) => event(t, "Deployment", "web", "Normal", "R", msg, "c");
    const agg = aggregateEvents(
      [e(1, "a"), e(2, "b"), e(5, "a"), event(3, "Deployment", "other", "Normal", "R", "a", "c")],
      10,
      "Deployment",
      "web",
    );
    expect(agg.map((x) => [x.message, x.count, x.firstTimestamp, x.lastTimestamp])).toEqual([
      ["b", 1, 2, 2],
      ["a", 2, 1, 5],
    ]);
  });
});

describe("kubectl describe service and configmap", () => {
  it("service: ports, node port, the ready addresses of its Endpoints", () => {
    const c = new FakeCluster();
    c.put({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "hpa-demo", labels: { app: "nginx" }, creationTimestamp: 0 },
      spec: {
        type: "NodePort",
        clusterIP: "10.96.0.12",
        // What the API server fills in beside the address (allocation.ts allocateClusterIP).
        clusterIPs: ["10.96.0.12"],
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        internalTrafficPolicy: "Cluster",
        selector: { app: "nginx" },
        ports: [{ protocol: "TCP", port: 80, targetPort: 80, nodePort: 30002 }],
      },
    });
    const d = c.put(deployment("hpa-demo", "nginx", 1));
    d.spec.template.metadata.labels = { app: "nginx" };
    const rs = c.put(replicaSetFor(d, "abc", 1, 1));
    const p = c.put(runningPod("hpa-demo-abc-1", rs, 0));
    p.status.conditions = [{ type: "Ready", status: "True", lastTransitionTime: 1 }];
    // What the endpoints controller writes for it: describe service reads its Endpoints line
    // from this object (describeService), not from the pods.
    c.put({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: "hpa-demo", namespace: "default", creationTimestamp: 0 },
      subsets: [{ addresses: [{ ip: p.status.podIP }], ports: [{ port: 80, protocol: "TCP" }] }],
    } as unknown as KubeObject);
    expect(runKubectl("describe svc hpa-demo", c).stdout).toBe(
      [
        "Name:                     hpa-demo",
        "Namespace:                default",
        "Labels:                   app=nginx",
        "Annotations:              <none>",
        "Selector:                 app=nginx",
        "Type:                     NodePort",
        "IP Family Policy:         SingleStack",
        "IP Families:              IPv4",
        "IP:                       10.96.0.12",
        "IPs:                      10.96.0.12",
        "Port:                     <unset>  80/TCP",
        "TargetPort:               80/TCP",
        "NodePort:                 <unset>  30002/TCP",
        "Endpoints:                10.244.1.5:80",
        "Session Affinity:         None",
        "External Traffic Policy:  Cluster",
        "Internal Traffic Policy:  Cluster",
        "Events:                   <none>",
        "",
      ].join("\n"),
    );
  });

  it("configmap: data keys with a rule, then BinaryData", () => {
    const c = new FakeCluster();
    c.put({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "increase-mem-config" },
      data: { "increase-mem.sh": "#!/bin/sh\nsleep 60\n" },
    });
    expect(runKubectl("describe cm increase-mem-config", c).stdout).toBe(
      "Name:         increase-mem-config\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\nincrease-mem.sh:\n----\n#!/bin/sh\nsleep 60\n\n\nBinaryData\n====\n\nEvents:  <none>\n",
    );
  });
});
