/**
 * Init containers, native sidecars, startup and liveness probes through the whole engine, with
 * manifests shaped like real ones (a service with a wait-for-db init container, a migration and
 * an istio-proxy-like sidecar; a Spring Boot-like service with actuator probes), against what
 * the kubelet and kubectl do:
 * - kuberuntime_manager.go computeInitContainerActions: init containers one after the other,
 *   each to completion; a sidecar (restartPolicy Always, KEP-753) lets the next start once it
 *   has started and keeps running;
 * - printers.go printPod: STATUS Init:I/N, Init:Error, Init:CrashLoopBackOff, PodInitializing;
 *   READY counts started sidecars; RESTARTS;
 * - prober/worker.go and computePodActions: the startup probe holds the others back; a liveness
 *   or startup probe that fails failureThreshold times kills the container ("Container app
 *   failed liveness probe, will be restarted"), which restarts with the back-off.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "pods.scn", { host: memoryHost({}) });
type Result = ReturnType<typeof run>;
const output = (r: Result, command: string, time: number) =>
  r.output.find((o) => o.command === command && o.time === time)?.text ?? "";
const podName = (r: Result) =>
  r.trace!.events.find((e) => e.reason === "SuccessfulCreate")!.message.replace("Created pod: ", "");
const podEvents = (r: Result, pod: string) =>
  r.trace!.events.filter((e) => e.involvedObject.kind === "Pod" && e.involvedObject.name === pod);

const orders = (initExtra = "") => `manifest orders = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: orders }
spec:
  replicas: 1
  selector: { matchLabels: { app: orders } }
  template:
    metadata: { labels: { app: orders } }
    spec:
      initContainers:
      - name: wait-for-db
        image: busybox:1.36
        command: ["sh", "-c", "until nc -z postgres 5432; do echo waiting for postgres; sleep 2; done"]
      - name: migrate
        image: ghcr.io/acme/orders-migrate:2.4.1
        command: ["/bin/sh", "-c", "echo running migrations; sleep 5"]
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.22.0
        restartPolicy: Always
        startupProbe: { httpGet: { path: /healthz/ready, port: 15021 }, periodSeconds: 1, failureThreshold: 600 }
        readinessProbe: { httpGet: { path: /healthz/ready, port: 15021 }, periodSeconds: 15 }${initExtra}
      containers:
      - name: orders
        image: ghcr.io/acme/orders:2.4.1
        ports: [{ name: http, containerPort: 8080 }]
        readinessProbe: { httpGet: { path: /ready, port: http }, initialDelaySeconds: 5, periodSeconds: 5 }
YAML
at 0s apply orders
`;

describe("init containers and a native sidecar", () => {
  // pod.startup 2 s, each image pulled once (image.pull-time 1 s): wait-for-db 3–7 s (its loop
  // says nothing: pod.init-duration 4 s), migrate 8–13 s (`sleep 5`), istio-proxy started at 14 s
  // (its startup probe passes at its first probe), the app pulled and started at 15 s, ready at 20 s.
  const r = run(
    `set pod.init-duration = 4s
${orders()}at 3s kubectl get pods
at 8s kubectl get pods
at 13s kubectl get pods
at 14.5s kubectl get pods
at 16s kubectl get pods
at 21s kubectl get pods
at 21s kubectl describe pods
at 30s kubectl delete pods -l app=orders --wait=false
expect available == 1 within 25s
`,
  );
  const pod = podName(r);
  const row = (t: number) => output(r, "kubectl get pods", t).split("\n")[1];

  it("runs clean", () => {
    expect(r.diagnostics).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it("shows Init:I/N, then PodInitializing, then Running, as printPod does", () => {
    expect(output(r, "kubectl get pods", 3)).toBe(
      `NAME${" ".repeat(pod.length - 1)}READY   STATUS     RESTARTS   AGE\n${pod}   0/2     Init:0/3   0          3s`,
    );
    expect(row(8)).toMatch(new RegExp(`^${pod} +0/2 +Init:1/3 +0 +8s$`));
    expect(row(13)).toMatch(new RegExp(`^${pod} +0/2 +Init:2/3 +0 +13s$`));
    expect(row(14.5)).toMatch(new RegExp(`^${pod} +1/2 +PodInitializing +0 +14s$`));
    // The sidecar counts in READY (printPod counts restartable init containers).
    expect(row(16)).toMatch(new RegExp(`^${pod} +1/2 +Running +0 +16s$`));
    expect(row(21)).toMatch(new RegExp(`^${pod} +2/2 +Running +0 +21s$`));
  });

  it("runs each init container to completion, in order, before the app container", () => {
    const started = podEvents(r, pod)
      .filter((e) => e.reason === "Started")
      .map((e) => `${e.time} ${e.message}`);
    expect(started).toEqual([
      "3 Started container wait-for-db",
      "8 Started container migrate",
      "14 Started container istio-proxy",
      "15 Started container orders",
    ]);
  });

  // A completed init container is Ready True (prober_manager.go UpdatePodStatus: exit code 0).
  it("describes the init containers' states as kubectl does", () => {
    const text = output(r, "kubectl describe pods", 21);
    expect(text).toMatch(
      /Init Containers:\n {2}wait-for-db:\n(.*\n)*? +State: +Terminated\n +Reason: +Completed\n +Exit Code: +0\n +Started: +Mon, 01 Jan 2024 00:00:03 \+0000\n +Finished: +Mon, 01 Jan 2024 00:00:07 \+0000\n +Ready: +True\n +Restart Count: +0\n/,
    );
    expect(text).toMatch(
      / {2}istio-proxy:\n(.*\n)*? +State: +Running\n +Started: +Mon, 01 Jan 2024 00:00:14 \+0000\n +Ready: +True\n/,
    );
    expect(text).toMatch(/Conditions:\n {2}Type +Status\n {2}Initialized +True \n {2}Ready +True \n/);
  });

  it("stops the sidecar after the app container on deletion", () => {
    const killing = podEvents(r, pod)
      .filter((e) => e.reason === "Killing")
      .map((e) => e.message);
    expect(killing).toEqual(["Stopping container orders", "Stopping container istio-proxy"]);
  });
});

describe("an init container that fails", () => {
  const r = run(
    `${orders()}at 0s fault crash image ghcr.io/acme/orders-migrate:2.4.1 for 1m
at 10s kubectl get pods
at 30s kubectl get pods
at 2m kubectl get pods
`,
  );
  const pod = podName(r);
  const row = (t: number) => output(r, "kubectl get pods", t).split("\n")[1];

  it("shows Init:Error, then Init:CrashLoopBackOff with the restarts, and initializes once the fault is over", () => {
    // wait-for-db 3–4 s (pod.init-duration 1 s), migrate pulled and started at 5 s, crashes 1 s
    // later (fault.crash-after): restarted at once (6 s), exits at 7 s, restarted after the
    // 10 s back-off (17 s), exits at 18 s and waits 20 s. While initializing, RESTARTS counts
    // the init containers too; once initialized, only the app containers and sidecars.
    expect(row(10)).toMatch(new RegExp(`^${pod} +0/2 +Init:Error +1 \\(4s ago\\) +10s$`));
    expect(row(30)).toMatch(new RegExp(`^${pod} +0/2 +Init:CrashLoopBackOff +2 \\(12s ago\\) +30s$`));
    expect(row(120)).toMatch(new RegExp(`^${pod} +2/2 +Running +0 +2m$`));
  });

  it("does not start the app container while the init container fails", () => {
    const starts = podEvents(r, pod).filter((e) => e.reason === "Started");
    const app = starts.find((e) => e.message === "Started container orders");
    expect(app!.time).toBeGreaterThan(60);
    expect(starts.filter((e) => e.message === "Started container migrate").length).toBeGreaterThan(3);
  });
});

const payments = (probes: string, replicas = 1) => `manifest payments = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: payments }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: payments } }
  template:
    metadata: { labels: { app: payments } }
    spec:
      containers:
      - name: app
        image: ghcr.io/acme/payments:3.2.0
        ports: [{ name: http, containerPort: 8080 }]
${probes}YAML
at 0s apply payments
`;
const liveness = `        livenessProbe:
          httpGet: { path: /actuator/health/liveness, port: http }
          initialDelaySeconds: 30
          periodSeconds: 10
          failureThreshold: 3
`;
const readiness = `        readinessProbe:
          httpGet: { path: /actuator/health/readiness, port: http }
          periodSeconds: 10
`;

describe("a Spring Boot-like app whose liveness probe fires before it has started", () => {
  const r = run(
    `set app.startup-time = 75s
${payments(liveness + readiness)}at 2m kubectl get pods
at 6m kubectl get pods
expect ready == 0 always
run for 8m
`,
  );
  const pod = podName(r);
  const events = podEvents(r, pod);

  it("kills it at the third failed liveness probe, each time, in the kubelet's words", () => {
    expect(r.passed).toBe(true);
    const first = events.filter((e) => e.time < 54 && (e.reason === "Unhealthy" || e.reason === "Killing"));
    const ip = /10\.244\.\d+\.\d+/.exec(first[0].message)?.[0] ?? "";
    expect(first.map((e) => `${e.time} ${e.type} ${e.reason} ${e.message}`)).toEqual([
      // Readiness probes from the start (no delay), liveness from 30 s: every 10 s, refused.
      ...[3, 13, 23].map(
        (t) =>
          `${t} Warning Unhealthy Readiness probe failed: Get "http://${ip}:8080/actuator/health/readiness": dial tcp ${ip}:8080: connect: connection refused`,
      ),
      ...[33, 43, 53].flatMap((t) => [
        `${t} Warning Unhealthy Liveness probe failed: Get "http://${ip}:8080/actuator/health/liveness": dial tcp ${ip}:8080: connect: connection refused`,
        `${t} Warning Unhealthy Readiness probe failed: Get "http://${ip}:8080/actuator/health/readiness": dial tcp ${ip}:8080: connect: connection refused`,
      ]),
      "53 Normal Killing Container app failed liveness probe, will be restarted",
    ]);
  });

  it("restarts it at once while the back-off is shorter than a run, then waits it out", () => {
    // Each run lasts 51 s (killed at 50 s, stopped 1 s later: pod.shutdown). The restart in the
    // kill's own sync weighs the exit before the kill (kuberuntime_manager.go doBackOff reads a
    // podStatus from before it): no back-off the first time, then 10 s, 20 s, 40 s — all shorter
    // than 51 s — and at the sixth kill the 80 s back-off holds it until 80 s after that exit.
    const starts = events.filter((e) => e.reason === "Started").map((e) => e.time);
    expect(starts.slice(0, 7)).toEqual([3, 54, 105, 156, 207, 258, 389]);
    const exits = events.filter((e) => e.reason === "Killing").map((e) => e.time + 1);
    expect(exits.slice(0, 6)).toEqual([54, 105, 156, 207, 258, 309]);
  });

  it("shows the restarts and CrashLoopBackOff as kubectl prints them", () => {
    expect(output(r, "kubectl get pods", 120).split("\n")[1]).toMatch(
      new RegExp(`^${pod} +0/1 +Running +2 \\(15s ago\\) +2m$`),
    );
    expect(output(r, "kubectl get pods", 360).split("\n")[1]).toMatch(
      new RegExp(`^${pod} +0/1 +CrashLoopBackOff +5 \\(51s ago\\) +6m$`),
    );
  });
});

describe("a startupProbe protects the slow starter", () => {
  const startup = `        startupProbe:
          httpGet: { path: /actuator/health/liveness, port: http }
          periodSeconds: 10
          failureThreshold: 30
`;
  const r = run(
    `set app.startup-time = 75s
${payments(startup + liveness + readiness)}at 1m kubectl describe pods
expect ready == 1 within 90s
expect ready == 1 from 90s to 10m
run for 10m
`,
  );
  const pod = podName(r);
  const events = podEvents(r, pod);

  it("holds liveness and readiness back until it succeeds, and never restarts the container", () => {
    expect(r.passed).toBe(true);
    const unhealthy = events.filter((e) => e.reason === "Unhealthy");
    // Started at 3 s; the startup probe fails at 3 … 73 s and succeeds at 83 s.
    expect(unhealthy.map((e) => e.time)).toEqual([3, 13, 23, 33, 43, 53, 63, 73]);
    expect(unhealthy.every((e) => e.message.startsWith("Startup probe failed: Get "))).toBe(true);
    expect(events.filter((e) => e.reason === "Killing")).toEqual([]);
    expect(r.trace!.series.Pod[pod].find((p) => p.value.ready)?.t).toBe(83);
  });

  it("reports the container as not started until then", () => {
    expect(output(r, "kubectl describe pods", 60)).toMatch(
      /State: +Running\n +Started: +Mon, 01 Jan 2024 00:00:03 \+0000\n +Ready: +False\n +Restart Count: +0\n/,
    );
  });
});

describe("a startup probe that runs out of failures", () => {
  const r = run(
    `set app.startup-time = 75s
${payments(`        startupProbe:
          tcpSocket: { port: 8080 }
          periodSeconds: 5
          failureThreshold: 6
`)}run for 2m
`,
  );
  const events = podEvents(r, podName(r));

  it("kills the container at the failureThreshold-th failure", () => {
    const kills = events.filter((e) => e.reason === "Killing");
    // Failures at 3, 8 … 28 s: killed at 28 s.
    expect(kills[0]).toMatchObject({
      time: 28,
      message: "Container app failed startup probe, will be restarted",
    });
    expect(events.find((e) => e.reason === "Unhealthy")?.message).toMatch(
      /^Startup probe failed: dial tcp 10\.244\.\d+\.\d+:8080: connect: connection refused$/,
    );
  });
});

describe("a sidecar that crashes", () => {
  const r = run(
    `${orders()}at 30s fault crash image docker.io/istio/proxyv2:1.22.0 for 15s
at 35s kubectl get pods
at 1m kubectl get pods
expect ready == 0 within 1s
expect ready == 1 within 90s
`,
  );
  const pod = podName(r);
  const row = (t: number) => output(r, "kubectl get pods", t).split("\n")[1];

  it("is restarted by the kubelet and takes the pod out of Ready meanwhile; the app container runs on", () => {
    expect(r.passed).toBe(true);
    // printPod walks the init containers first: a sidecar that is not started (it exited) gives
    // Init:Error, later Init:CrashLoopBackOff, even though the pod is initialized and its app
    // runs (the app containers' loop only overrides the reason with their own). READY counts
    // the ready app container; RESTARTS the sidecar's restarts.
    expect(row(35)).toMatch(new RegExp(`^${pod} +1/2 +Init:Error +1 \\(5s ago\\) +35s$`));
    expect(row(60)).toMatch(new RegExp(`^${pod} +1/2 +Init:CrashLoopBackOff +2 \\(\\d+s ago\\) +60s$`));
    const started = podEvents(r, pod).filter((e) => e.reason === "Started");
    expect(started.filter((e) => e.message === "Started container orders")).toHaveLength(1);
    expect(started.filter((e) => e.message === "Started container istio-proxy").length).toBeGreaterThan(1);
  });
});

describe("a pod deleted while it initializes", () => {
  const r = run(
    `set pod.init-duration = 30s
${orders()}at 10s kubectl delete pods -l app=orders --wait=false
`,
  );
  const pod = podName(r);

  it("stops its running init container", () => {
    const killing = podEvents(r, pod).filter((e) => e.reason === "Killing");
    expect(killing.map((e) => `${e.time} ${e.message}`)).toEqual(["10 Stopping container wait-for-db"]);
  });
});

describe("an init container that fails in a pod with restartPolicy Never", () => {
  const r = run(`manifest job = <<YAML
apiVersion: v1
kind: Pod
metadata: { name: migrate-once, labels: { app: migrate } }
spec:
  restartPolicy: Never
  initContainers:
  - name: migrate
    image: ghcr.io/acme/orders-migrate:2.4.1
    command: ["sh", "-c", "sleep 10"]
  containers:
  - name: report
    image: busybox:1.36
YAML
at 0s apply job
at 0s fault crash image ghcr.io/acme/orders-migrate:2.4.1
at 30s kubectl get pods
at 30s kubectl get pod migrate-once -o jsonpath={.status.phase}
`);

  it("is Failed at once, never starting its app container (computeInitContainerActions)", () => {
    expect(r.diagnostics).toEqual([]);
    expect(output(r, "kubectl get pods", 30).split("\n")[1]).toMatch(
      /^migrate-once +0\/1 +Init:Error +0 +30s$/,
    );
    expect(output(r, "kubectl get pod migrate-once -o jsonpath={.status.phase}", 30)).toBe("Failed");
    const started = podEvents(r, "migrate-once").filter((e) => e.reason === "Started");
    expect(started.map((e) => e.message)).toEqual(["Started container migrate"]);
  });
});
