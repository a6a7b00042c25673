/**
 * A new user's repositories, eighth pass (test/fixtures/repos/: metrics-server's release
 * components.yaml patched with --kubelet-insecure-tls, then the HPA walkthrough's php-apache;
 * prometheus-adapter's Helm-rendered manifests and an HPA on a Pods metric fed by a Prometheus
 * query_range export; an ALB's traffic exported with `aws cloudwatch get-metric-data`; native
 * sidecars and an HPA on the app container's CPU (ContainerResource); `kubectl drain` of a node
 * under a PodDisruptionBudget, a DaemonSet and an HPA; a Spring Boot service's slow JVM start
 * rolled out under load beside a memory HPA; the OpenTelemetry demo's rendered manifest with a
 * memory HPA the user adds; written for these tests, shaped like the
 * public ones), and what running them found: the APIService kind refused ("no matches for kind
 * APIService"), with no `kubectl get apiservice` and no Available condition, and a
 * get-metric-data answer refused as a Prometheus answer without resultType.
 */
import { describe, expect, it } from "vitest";
import { checkScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { lines, printed, runFixture, watched } from "./fixtureRun.ts";

describe("metrics-server: components.yaml, then an HPA", () => {
  it("applies the release manifest, APIService included, and reports it available once its pod is Ready", async () => {
    const r = await runFixture("test/fixtures/repos/metrics-server/metrics-server.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[21, true]]);
    expect(lines(r, 7)).toEqual([
      "serviceaccount/metrics-server created",
      "clusterrole.rbac.authorization.k8s.io/system:aggregated-metrics-reader created",
      "clusterrole.rbac.authorization.k8s.io/system:metrics-server created",
      "rolebinding.rbac.authorization.k8s.io/metrics-server-auth-reader created",
      "clusterrolebinding.rbac.authorization.k8s.io/metrics-server:system:auth-delegator created",
      "clusterrolebinding.rbac.authorization.k8s.io/system:metrics-server created",
      "service/metrics-server created",
      "deployment.apps/metrics-server created",
      "apiservice.apiregistration.k8s.io/v1beta1.metrics.k8s.io created",
    ]);
    // kube-aggregator's table (apiservice/etcd/etcd.go ConvertToTable). At 10 s the pod waits
    // out its readinessProbe's initialDelaySeconds 20, so the Service's Endpoints hold no ready
    // address: remote_available_controller.go sync's MissingEndpoints.
    expect(lines(r, 9)).toEqual([
      "NAME                     SERVICE                      AVAILABLE                  AGE",
      "v1beta1.metrics.k8s.io   kube-system/metrics-server   False (MissingEndpoints)   10s",
    ]);
    expect(printed(r, 10)).toBe(
      'endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"',
    );
    expect(lines(r, 11)).toEqual([
      "NAME                     SERVICE                      AVAILABLE   AGE",
      "v1beta1.metrics.k8s.io   kube-system/metrics-server   True        60s",
    ]);
    // The port defaulted to 443 (SetDefaults_ServiceReference); the condition's transition when
    // the pod turned Ready.
    expect(lines(r, 12, 10, 26)).toEqual([
      "Spec:",
      "  Group:                     metrics.k8s.io",
      "  Group Priority Minimum:    100",
      "  Insecure Skip TLS Verify:  true",
      "  Service:",
      "    Name:            metrics-server",
      "    Namespace:       kube-system",
      "    Port:            443",
      "  Version:           v1beta1",
      "  Version Priority:  100",
      "Status:",
      "  Conditions:",
      "    Last Transition Time:  2024-01-01T00:00:23Z",
      "    Message:               all checks passed",
      "    Reason:                Passed",
      "    Status:                True",
    ]);
    // The JSON patch's `/args/-` appends.
    expect(printed(r, 16)).toBe(
      '["--cert-dir=/tmp","--secure-port=10250","--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname","--kubelet-use-node-status-port","--metric-resolution=15s","--kubelet-insecure-tls"]',
    );
    // 450m over 200m requests at 50%: ceil(450/100) = 5 (the walkthrough's own numbers).
    expect(lines(r, 22)).toEqual([
      "NAME         REFERENCE               TARGETS        MINPODS   MAXPODS   REPLICAS   AGE",
      "php-apache   Deployment/php-apache   cpu: 45%/50%   1         10        5          5m",
    ]);
  });

  it("refuses an APIService whose name is not its version and group, as the aggregator's validation does", () => {
    const text = [
      "manifest adapter = <<YAML",
      "apiVersion: apiregistration.k8s.io/v1",
      "kind: APIService",
      "metadata: {name: v1beta1.custom.metrics.k8s.io}",
      "spec: {group: custom.metrics.k8s.io, version: v1beta2, groupPriorityMinimum: 100, versionPriority: 100}",
      "YAML",
      "apply adapter",
    ].join("\n");
    const r = checkScenario({ text, file: "s.scn" }, {});
    // validation.go ValidateAPIService: the name must be `spec.version+"."+spec.group`.
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      'The APIService "v1beta1.custom.metrics.k8s.io" is invalid: metadata.name: Invalid value: "v1beta1.custom.metrics.k8s.io": must be `spec.version+"."+spec.group`: "v1beta2.custom.metrics.k8s.io"',
    ]);
  });
});

describe("metrics-server in CI: `kubectl wait` for the APIService", () => {
  it("meets condition=Available at the first check after the pod is Ready, and loses it with the pod", async () => {
    const r = await runFixture("test/fixtures/repos/metrics-server/ci-wait.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    // wait.go ConditionalWait over the Available condition; checked each simulated second.
    expect(watched(r, 6)).toEqual([
      [24, "apiservice.apiregistration.k8s.io/v1beta1.metrics.k8s.io condition met"],
    ]);
    // No ready endpoint once the ReplicaSet's pod is gone: MissingEndpoints, a new transition.
    expect(lines(r, 8)?.[1]).toBe(
      "v1beta1.metrics.k8s.io   kube-system/metrics-server   False (MissingEndpoints)   2m10s",
    );
    expect(printed(r, 9)).toBe("2024-01-01T00:02:00Z");
  });
});

describe("prometheus-adapter: the chart's manifests and a Pods metric from a query_range export", () => {
  it("registers custom.metrics.k8s.io and scales web to the export's plateau over 100/s per pod", async () => {
    const r = await runFixture("test/fixtures/repos/prometheus-adapter/adapter.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[14, true]]);
    expect(lines(r, 8)?.at(-1)).toBe(
      "apiservice.apiregistration.k8s.io/v1beta1.custom.metrics.k8s.io created",
    );
    // The adapter's readinessProbe waits 30 s.
    expect(lines(r, 10)?.[1]).toBe(
      "v1beta1.custom.metrics.k8s.io   monitoring/prometheus-adapter   False (MissingEndpoints)   20s",
    );
    expect(lines(r, 11)?.[1]).toBe(
      "v1beta1.custom.metrics.k8s.io   monitoring/prometheus-adapter   True        60s",
    );
    // 780/s over 8 pods, read through the adapter's 5-minute rate(): printers.go prints a
    // Pods metric's AverageValue as a quantity.
    expect(lines(r, 15)).toEqual([
      "NAME   REFERENCE        TARGETS      MINPODS   MAXPODS   REPLICAS   AGE",
      "web    Deployment/web   95814m/100   2         10        8          22m",
    ]);
    expect(lines(r, 16)).toEqual([
      "Metrics:                               ( current / target )",
      '  "http_requests_per_second" on pods:  95814m / 100',
    ]);
  });
});

describe("an ALB's traffic from `aws cloudwatch get-metric-data`", () => {
  it("replays RequestCount's Sum per minute as requests per second, its two pages joined", async () => {
    const r = await runFixture("test/fixtures/repos/cloudwatch-alb/replay.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[11, true]]);
    // The plateau, 7200 a minute: 120/s × 5m = 600m, 60% of 4 pods' 250m.
    expect(lines(r, 12)?.[1]).toBe(
      "shop   Deployment/shop   cpu: 60%/60%   2         12        4          20m",
    );
    // The last minutes, 2700 to 2200 a minute.
    expect(lines(r, 13)?.[1]).toBe(
      "shop   Deployment/shop   cpu: 24%/60%   2         12        3          31m",
    );
  });

  it("refuses the answer until the scenario says which statistic its values are", () => {
    const file = "test/fixtures/repos/cloudwatch-alb/unsaid.scn";
    const r = checkScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });
    expect(r.diagnostics.map((d) => [d.code, d.span.line, d.message])).toEqual([
      [
        "RC4133",
        5,
        "the file is a CloudWatch get-metric-data answer, which does not say what its values are: a count per period or a rate",
      ],
      [
        "RC4134",
        6,
        '"RequestCount" is not a CloudWatch statistic; in a get-metric-data answer `column` says which statistic the values are',
      ],
    ]);
  });
});

describe("native sidecars and a ContainerResource HPA", () => {
  it("counts the sidecars in READY and scales on the app container's CPU alone", async () => {
    const r = await runFixture("test/fixtures/repos/native-sidecar/sidecars.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[10, true]]);
    // printers.go printPod: restartable init containers count in READY's total.
    expect(lines(r, 6)?.[1]).toBe("checkout-65966574db-l76wx   0/3     Init:0/2   0          2s");
    expect(lines(r, 7)?.[1]).toBe("checkout-65966574db-l76wx   3/3     Running   0          30s");
    // 1500m over 5 pods' app containers (500m requests): 60%. The sidecars' requests are
    // not in the ratio (replica_calculator.go GetRawResourceReplicas with a container name).
    expect(lines(r, 11)?.[1]).toBe(
      "checkout   Deployment/checkout   cpu: 60%/60%   2         10        5          5m",
    );
    expect(lines(r, 12, 0, 2)).toEqual([
      "Metrics:                                                                  ( current / target )",
      '  resource cpu of container "app" on pods  (as a percentage of request):  60% (300m) / 60%',
    ]);
  });
});

describe("kubectl drain under a PodDisruptionBudget, a DaemonSet and an HPA", () => {
  it("refuses the first drain, then evicts api's pods one disruption at a time", async () => {
    const r = await runFixture("test/fixtures/repos/drain-pdb/drain.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[10, true]]);
    // drain.go: DaemonSet pods and emptyDir pods stop a drain without their flags.
    expect(r.failures.map((f) => [f.line, f.message.split("\n")[0].slice(0, 56)])).toEqual([
      [13, 'error: unable to drain node "node-1" due to error:[canno'],
    ]);
    expect(lines(r, 12)).toEqual([
      "NAME   MIN AVAILABLE   MAX UNAVAILABLE   ALLOWED DISRUPTIONS   AGE",
      "api    N/A             1                 1                     4m",
    ]);
    expect(lines(r, 14, 0, 4)).toEqual([
      "Warning: ignoring DaemonSet-managed Pods: kube-system/node-exporter-cnzh6; deleting Pods with local storage: default/api-56b65567c7-4sj7c, default/api-56b65567c7-hrbfm, default/api-56b65567c7-vffmq",
      "node/node-1 already cordoned",
      "evicting pod default/api-56b65567c7-4sj7c",
      "evicting pod default/api-56b65567c7-hrbfm",
    ]);
    // Each pod's eviction retries every 5 s (drain.go evictPods) until the budget allows one
    // more: after the replacement of the last evicted pod is Ready.
    const evicted = watched(r, 14).filter(([, text]) => text.includes("evicted"));
    expect(evicted).toEqual([
      [302, "pod/api-56b65567c7-4sj7c evicted"],
      [312, "pod/api-56b65567c7-hrbfm evicted"],
      [322, "pod/api-56b65567c7-vffmq evicted\nnode/node-1 drained"],
    ]);
    // The HPA's 7 replicas are back on the two other nodes.
    const nodes = lines(r, 17)
      ?.slice(1)
      .map((l) => l.split(/\s+/)[6]);
    expect(nodes?.filter((n) => n === "node-1")).toEqual([]);
    expect(nodes).toHaveLength(7);
    expect(lines(r, 18)?.[1]).toBe(
      "api    Deployment/api   cpu: 68%/70%   3         9         7          6m",
    );
  });
});

describe("Spring Boot: a slow JVM start rolled out under load, and a memory HPA", () => {
  it("holds each new pod back until actuator answers, drops nothing, and runs the memory HPA to its maximum", async () => {
    const r = await runFixture("test/fixtures/repos/spring-boot/rollout.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [20, true],
      [22, true],
    ]);
    // app.startup-time 40 s: the startupProbe fails until then and readiness waits for it.
    expect(lines(r, 13)?.[1]).toBe("orders-7949b4b8bd-chwwb   0/1     Running   0          20s");
    expect(lines(r, 14)?.[1]).toBe("orders-7949b4b8bd-chwwb   1/1     Running   0          60s");
    // 600Mi of 768Mi requested: 78%. CPU's 0% while nothing loads the pods.
    expect(lines(r, 15)?.[1]).toBe(
      "orders   Deployment/orders   memory: 78%/80%, cpu: 0%/70%   3         8         3          60s",
    );
    // maxSurge 1, maxUnavailable 0: each old pod goes once a new one is Ready, about 43 s
    // apart (the container's start, 40 s, the next readiness probe).
    expect(watched(r, 18).map(([t, text]) => [t, text.slice(0, 60)])).toEqual([
      [343, 'Waiting for deployment "orders" rollout to finish: 1 out of '],
      [343, 'Waiting for deployment "orders" rollout to finish: 2 out of '],
      [386, 'Waiting for deployment "orders" rollout to finish: 2 out of '],
      [386, 'Waiting for deployment "orders" rollout to finish: 1 old rep'],
      [428, 'Waiting for deployment "orders" rollout to finish: 1 old rep'],
      [428, 'deployment "orders" successfully rolled out'],
    ]);
    // 720Mi a pod whatever the replicas: 93.75% stays over 80% (replica_calculator.go
    // GetResourceReplicas), so every sync adds pods up to maxReplicas.
    expect(lines(r, 23)?.[1]).toBe(
      "orders   Deployment/orders   memory: 93%/80%, cpu: 15%/70%   3         8         8          14m",
    );
    // describe prints the average as horizontal.go stores it, a DecimalSI milli-quantity.
    expect(lines(r, 24, 1, 3)).toEqual([
      "  resource memory on pods  (as a percentage of request):  93% (754974720) / 80%",
      "  resource cpu on pods  (as a percentage of request):     15% (75m) / 70%",
    ]);
  });
});

describe("the OpenTelemetry demo's rendered manifest and a memory HPA on the frontend", () => {
  it("runs the services, copies the memory limits to requests, and scales the frontend on memory", async () => {
    const r = await runFixture("test/fixtures/repos/otel-demo/demo.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[14, true]]);
    expect(lines(r, 6)).toHaveLength(32);
    // The wait-for-kafka init container (a shell loop on nc) first.
    expect(lines(r, 8)?.[1]).toBe("accounting-7dfdf94c67-ckh5t   0/1     Init:0/1   0          1s");
    expect(lines(r, 9)?.filter((l) => !l.includes("1/1     1            1           60s"))).toEqual([
      "NAME              READY   UP-TO-DATE   AVAILABLE   AGE",
    ]);
    expect(lines(r, 9)).toHaveLength(16);
    // A limit without a request: the request is the limit (core/v1 defaults.go SetDefaults_Pod).
    expect(printed(r, 10)).toBe('{"limits":{"memory":"250Mi"},"requests":{"memory":"250Mi"}}');
    expect(printed(r, 12)).toBe('{"items":[{"key":"relay","path":"relay.yaml"}],"name":"otel-collector"}');
    // 200Mi of 250Mi: 80% over 70% in every pod, at any count.
    expect(lines(r, 15)?.[1]).toBe(
      "frontend   Deployment/frontend   memory: 80%/70%   1         4         4          6m",
    );
    // describe.go: a fieldRef's value resolved beside its path, $(VAR) references as written.
    expect(lines(r, 17)).toEqual([
      "    Environment:",
      "      OTEL_SERVICE_NAME:            frontend (v1:metadata.labels['app.kubernetes.io/component'])",
      "      OTEL_COLLECTOR_NAME:          otel-collector",
      "      OTEL_EXPORTER_OTLP_ENDPOINT:  http://$(OTEL_COLLECTOR_NAME):4317",
      "      OTEL_RESOURCE_ATTRIBUTES:     service.name=$(OTEL_SERVICE_NAME),service.namespace=opentelemetry-demo,service.version=2.0.0",
      "      FRONTEND_PORT:                8080",
      "      FRONTEND_ADDR:                :8080",
    ]);
  });
});

describe("`replicast check` of the eighth pass's scenarios", () => {
  it("finds nothing to report in any of them, manifests and traffic files read", () => {
    const files = [
      "metrics-server/metrics-server",
      "metrics-server/ci-wait",
      "prometheus-adapter/adapter",
      "cloudwatch-alb/replay",
      "native-sidecar/sidecars",
      "drain-pdb/drain",
      "spring-boot/rollout",
      "otel-demo/demo",
    ].map((f) => `test/fixtures/repos/${f}.scn`);
    const found = files.map((file) => [
      file,
      checkScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() }).diagnostics.length,
    ]);
    expect(found).toEqual(files.map((file) => [file, 0]));
  });
});
