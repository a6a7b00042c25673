/**
 * The `fault` statement through the whole engine, each form against the Kubernetes behaviour
 * it models (the sources are cited where each is asserted):
 * - crash: the kubelet's CrashLoopBackOff (pkg/kubelet/kubelet.go backOffPeriod 10 s,
 *   MaxContainerBackOff 300 s; kuberuntime_manager.go doBackOff), the BackOff event, kubectl's
 *   STATUS and RESTARTS columns (printers.go printPod) and describe's State / Last State;
 * - unready: the prober's failureThreshold (prober/worker.go) and Unhealthy events;
 * - metrics down: the HPA's FailedGetResourceMetric path (horizontal.go) and kubectl top's error;
 * - scale-updates: the HPA's FailedRescale / AbleToScale False FailedUpdateScale;
 * - the OOM killer: Terminated, reason OOMKilled, exit code 137, restarted with the back-off;
 * - node down: NotReady after node-monitor-grace-period (40 s), the unreachable taints, the
 *   pods evicted after DefaultTolerationSeconds (300 s) and replaced on other nodes.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "faults.scn", { host: memoryHost({}) });

const web = (extra = "", replicas = 1, container = "") => `manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:1.25
        resources:
          requests: { cpu: 100m, memory: 64Mi }${container}
${extra}YAML
at 0s apply web
`;

const output = (r: ReturnType<typeof run>, command: string, time: number) =>
  r.output.find((o) => o.command === command && o.time === time)?.text ?? "";

describe("fault crash: the kubelet's CrashLoopBackOff", () => {
  const r = run(
    web() +
      `at 30s fault crash deployment/web 1 pod for 10m
expect ready == 0 within 1s
at 35s kubectl get pods
at 1m kubectl get pods
at 3m kubectl describe pods
at 12m kubectl get pods
expect ready == 1
`,
  );
  const pod = r
    .trace!.events.find((e) => e.reason === "SuccessfulCreate")!
    .message.replace("Created pod: ", "");
  const podEvents = r.trace!.events.filter(
    (e) => e.involvedObject.kind === "Pod" && e.involvedObject.name === pod,
  );

  it("runs, loses readiness while down and is Ready again once the fault is over", () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.text, e.passed])).toEqual([
      ["expect ready == 0 within 1s", true],
      ["expect ready == 1", true],
    ]);
    expect(r.passed).toBe(true);
  });

  it("restarts at once, then after 10 s, 20 s, 40 s, 80 s, 160 s, 300 s of back-off", () => {
    // Started at 3 s (pod.startup 2 s, then the image pull, image.pull-time 1 s: nginx:1.25 is
    // IfNotPresent and the node has not pulled it yet; restarts find it there); the fault kills
    // it at 30 s; each run lasts fault.crash-after (1 s).
    const starts = podEvents.filter((e) => e.reason === "Started").map((e) => e.time);
    expect(starts).toEqual([3, 30, 41, 62, 103, 184, 345, 646]);
    const exits = starts.slice(1, -1).map((t) => t + 1);
    expect(starts.slice(2).map((t, i) => t - exits[i])).toEqual([10, 20, 40, 80, 160, 300]);
  });

  it("records BackOff at every sync that waits, in the kubelet's words", () => {
    const backoffs = podEvents.filter((e) => e.reason === "BackOff");
    expect(backoffs.length).toBeGreaterThan(0);
    const uid = podEvents[0].involvedObject.uid;
    expect(new Set(backoffs.map((e) => `${e.type} ${e.message}`))).toEqual(
      new Set([`Warning Back-off restarting failed container web in pod ${pod}_default(${uid})`]),
    );
    // The pod worker syncs every 10 s while it waits: the first wait (31 s → 41 s) has two.
    expect(backoffs.filter((e) => e.time >= 31 && e.time < 41).map((e) => e.time)).toEqual([31]);
  });

  it("shows Error, then CrashLoopBackOff, and the restarts as kubectl prints them", () => {
    // printPod: RESTARTS is the restart count and, once there was one, how long ago the newest
    // lastState.terminated finished.
    expect(output(r, "kubectl get pods", 35)).toMatch(
      new RegExp(`^${pod} +0/1 +Error +1 \\(5s ago\\) +35s$`, "m"),
    );
    expect(output(r, "kubectl get pods", 60)).toMatch(
      new RegExp(`^${pod} +0/1 +CrashLoopBackOff +2 \\(18s ago\\) +60s$`, "m"),
    );
    expect(output(r, "kubectl get pods", 720)).toMatch(
      new RegExp(`^${pod} +1/1 +Running +7 \\(6m14s ago\\) +12m$`, "m"),
    );
  });

  it("describes the waiting state and the last termination", () => {
    const text = output(r, "kubectl describe pods", 180);
    expect(text).toMatch(
      /State: +Waiting\n +Reason: +CrashLoopBackOff\n +Last State: +Terminated\n +Reason: +Error\n +Exit Code: +1\n +Started: +Mon, 01 Jan 2024 00:01:43 \+0000\n +Finished: +Mon, 01 Jan 2024 00:01:44 \+0000\n +Ready: +False\n +Restart Count: +4/,
    );
    expect(text).toMatch(/Warning +BackOff +.*kubelet +Back-off restarting failed container web in pod /);
  });
});

describe("fault unready: the readiness prober's failureThreshold", () => {
  const probe = `
        readinessProbe:
          httpGet: { path: /healthz, port: 80 }
          periodSeconds: 5
          failureThreshold: 3`;
  const r = run(
    web("", 2, probe) +
      `at 1m fault unready deployment/web 1 pod for 2m
at 1m20s kubectl get pods
expect ready == 1 within 15s
expect ready == 2 at 3m3s
`,
  );
  const unhealthy = r.trace!.events.filter((e) => e.reason === "Unhealthy");

  it("fails the probe from the fault's time: not Ready at the third failure, Ready at the first success after", () => {
    // Probes every 5 s from the start at 3 s (pod.startup, then the image pull): failures at
    // 63, 68, 73 s → not Ready at 73 s; the fault ends at 180 s, the probe at 183 s succeeds.
    expect(r.passed).toBe(true);
    expect(unhealthy.map((e) => e.time)).toEqual(Array.from({ length: 24 }, (_, i) => 63 + 5 * i));
    expect(new Set(unhealthy.map((e) => `${e.type} ${e.message}`))).toEqual(
      new Set(["Warning Readiness probe failed: HTTP probe failed with statuscode: 503"]),
    );
  });

  it("keeps the pod Running, without restarts", () => {
    const rows = output(r, "kubectl get pods", 80).split("\n").slice(1);
    expect(rows.map((row) => row.split(/ +/).slice(1, 4))).toEqual([
      ["0/1", "Running", "0"],
      ["1/1", "Running", "0"],
    ]);
  });

  it("asks for a readiness probe", () => {
    const bare = run(web() + "at 10s fault unready 1 pod for 1m\n");
    expect(bare.failures.map((f) => f.message)).toEqual([
      "fault: deployment/web's pods have no readinessProbe: a container without one is Ready whenever it runs",
    ]);
  });
});

describe("fault metrics down: the resource metrics API answers 503", () => {
  const r = run(
    web(`---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: web }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: web }
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } }
`) +
      `at 1m load cpu 50%
at 2m fault metrics down for 3m
at 3m load cpu 300%
at 4m kubectl top pod
expect replicas 1 from 2m to 5m
at 5m expect replicas > 1 within 1m
`,
  );
  const UNAVAILABLE = "the server is currently unable to handle the request (get pods.metrics.k8s.io)";

  it("holds the HPA's size while it lasts and scales once metrics are back", () => {
    expect(r.expectations.every((e) => e.passed)).toBe(true);
  });

  it("fails every sync with FailedGetResourceMetric and ScalingActive False, in upstream's words", () => {
    const failed = r.trace!.events.filter(
      (e) => e.reason === "FailedGetResourceMetric" && e.time >= 120 && e.time < 300,
    );
    expect(failed.map((e) => e.time)).toEqual(Array.from({ length: 12 }, (_, i) => 120 + 15 * i));
    expect(failed[0].message).toBe(
      `failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: ${UNAVAILABLE}`,
    );
  });

  it("makes kubectl top fail as it does against a cluster without metrics-server", () => {
    expect(r.failures.map((f) => f.message)).toEqual([
      `Error from server (ServiceUnavailable): ${UNAVAILABLE}`,
    ]);
  });
});

describe("fault scale-updates: the API server refuses the HPA's writes", () => {
  const r = run(
    web() +
      `at 1m kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=10
at 2m load cpu 150%
at 2m fault scale-updates for 1m
expect hpa condition AbleToScale == False reason FailedUpdateScale within 1m
expect replicas 1 from 2m to 2m59s
expect replicas 3 within 90s
`,
  );

  it("holds the size with FailedRescale, then scales when the window is over", () => {
    expect(r.expectations.every((e) => e.passed)).toBe(true);
    const refused = r.trace!.events.filter((e) => e.reason === "FailedRescale");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].message).toBe(
      "New size: 3; reason: cpu resource utilization (percentage of request) above target; error: the server is currently unable to handle the request (put deployments.apps web)",
    );
    expect(r.trace!.events.find((e) => e.reason === "SuccessfulRescale")!.time).toBeGreaterThanOrEqual(180);
  });
});

describe("the OOM killer", () => {
  const r = run(
    web("", 1, "\n          limits: { memory: 128Mi }") +
      `at 1m load memory 200Mi per pod
at 3m kubectl describe pods
at 3m kubectl get pods
`,
  );

  it("kills a container past its memory limit: OOMKilled, exit code 137, restarted with the back-off", () => {
    const text = output(r, "kubectl describe pods", 180);
    expect(text).toMatch(/Last State: +Terminated\n +Reason: +OOMKilled\n +Exit Code: +137\n/);
    const starts = r.trace!.events.filter((e) => e.reason === "Started").map((e) => e.time);
    expect(starts.slice(0, 4)).toEqual([3, 60, 70, 90]);
    expect(output(r, "kubectl get pods", 180)).toMatch(/ 0\/1 +(CrashLoopBackOff|OOMKilled) +4 \(/);
  });
});

describe("fault node down: NotReady, the unreachable taints, eviction after 300 s", () => {
  const r = run(
    "nodes 3 with cpu 2 memory 4Gi\n" +
      web("", 3) +
      `at 1m fault node node-1 down for 10m
expect ready == 2 within 45s
at 1m41s kubectl describe node node-1
at 6m41s kubectl get pods -o wide
expect ready == 3 within 15s
at 11m kubectl get pods -o wide
at 11m kubectl get nodes
at 11m fault node node-9 down
`,
  );
  const events = r.trace!.events;
  const onNode1 = events.find((e) => e.reason === "Scheduled" && e.message.endsWith(" to node-1"))!
    .involvedObject.name;
  const at = (reason: string) =>
    events.filter((e) => e.reason === reason).map((e) => [e.time, e.involvedObject.name, e.message]);

  it("loses the node's pod from the ready count at the grace period, and replaces it after the toleration", () => {
    expect(r.expectations.map((e) => [e.text, e.passed])).toEqual([
      ["expect ready == 2 within 45s", true],
      ["expect ready == 3 within 15s", true],
    ]);
  });

  it("marks the node and its pods not ready 40 s after the kubelet stopped (tryUpdateNodeHealth, MarkPodsNotReady)", () => {
    expect(at("NodeNotReady")).toEqual([
      [100, "node-1", "Node node-1 status is now: NodeNotReady"],
      [100, onNode1, "Node is not ready"],
    ]);
    const text = output(r, "kubectl describe node node-1", 101);
    expect(text).toMatch(
      /Taints: +node\.kubernetes\.io\/unreachable:NoExecute\n +node\.kubernetes\.io\/unreachable:NoSchedule\n/,
    );
    expect(text).toMatch(
      / Ready +Unknown +.* +Mon, 01 Jan 2024 00:01:40 \+0000 +NodeStatusUnknown +Kubelet stopped posting node status\./,
    );
  });

  it("evicts the pod 300 s after the taint, and the ReplicaSet's replacement runs on another node", () => {
    expect(at("TaintManagerEviction")).toEqual([
      [400, onNode1, `Marking for deletion Pod default/${onNode1}`],
    ]);
    const rows = output(r, "kubectl get pods -o wide", 401).split("\n").slice(1);
    expect(rows.find((row) => row.startsWith(onNode1))).toMatch(/ Terminating .* node-1 /);
    expect(rows.filter((row) => !row.startsWith(onNode1)).every((row) => !/ node-1 /.test(row))).toBe(true);
  });

  it("comes back Ready at the window's end; the kubelet then finishes the eviction", () => {
    expect(at("NodeReady")).toEqual([[660, "node-1", "Node node-1 status is now: NodeReady"]]);
    expect(output(r, "kubectl get pods -o wide", 660)).not.toContain(onNode1);
    expect(output(r, "kubectl get nodes", 660)).toMatch(/^node-1 +Ready /m);
  });

  it("a node that does not exist is an error of the run on the statement's line", () => {
    expect(r.failures.map((f) => f.message)).toEqual(["fault: node/node-9 does not exist"]);
  });
});

describe("what the plan refuses", () => {
  it("a node fault in a scenario without nodes", () => {
    const r = run(web() + "at 1m fault node pool-a-2 down for 10m\n");
    expect(r.status).toBe("error");
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["RC4053", "`fault node pool-a-2 down` needs nodes, and this scenario declares none"],
    ]);
  });

  it("a kind without pods of its own, and a count that is not a positive whole number", () => {
    const r = run(web() + "at 1m fault crash 0 pods\nat 1m fault crash 1.5 pods\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["RC3014", "RC3012"]);
    const planned = run(web() + "at 1m fault crash pod/x 1 pod\n");
    expect(planned.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["RC4050", "pod/x has no pods of its own for this fault to hit"],
    ]);
  });

  it("fewer pods than asked for is an error of the run on the statement's line", () => {
    const r = run(web() + "at 1m fault crash deployment/web 3 pods for 1m\n");
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [21, "fault: deployment/web has 1 pod, 3 asked for"],
    ]);
    expect(r.passed).toBe(false);
  });
});
