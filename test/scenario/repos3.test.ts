/**
 * A new user's repositories, walk-through and traffic, second pass (test/fixtures/repos/: a
 * microservices demo with a namespace per team, an autoscaling repository beside KEDA, VPA
 * and Argo Rollouts objects, a blog's kubectl walk-through, and load-test and monitoring
 * exports from Locust, k6, CloudWatch, a Windows spreadsheet and Prometheus; written for these
 * tests, shaped like public ones), run as the README tells a user to, and what trying them
 * found.
 */
import { describe, expect, it } from "vitest";
import { checkScenario, runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { readTraffic } from "../../src/traffic/index.ts";
import { printedAt, runFixture } from "./fixtureRun.ts";

const fixtureText = (path: string) => nodeHost().readFile(`test/fixtures/repos/${path}`)!;

describe("a microservices demo: a namespace per team, `kubectl apply -R -f k8s/`", () => {
  it("applies every folder in kubectl's order, and every team's workloads run", async () => {
    const r = await runFixture("test/fixtures/repos/microservices-demo/demo.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[14, true]]);
    // The walk is lexical (cli-runtime's FileVisitor over filepath.Walk): data/, namespaces.yaml,
    // payments/, web/; the namespaces applied a line before are unchanged.
    expect(printedAt(r, 0, 1)?.split("\n").slice(0, 8)).toEqual([
      "deployment.apps/orders-db-proxy created",
      "service/orders-db-proxy created",
      "deployment.apps/redis-cart created",
      "service/redis-cart created",
      "namespace/team-web unchanged",
      "namespace/team-payments unchanged",
      "namespace/team-data unchanged",
      "deployment.apps/checkout created",
    ]);
    // checkout's native sidecar (an init container with restartPolicy Always) counts in READY.
    expect(printedAt(r, 120, 1)?.split("\n").slice(0, 3)).toEqual([
      "NAME                        READY   STATUS    RESTARTS   AGE",
      "checkout-7f8944db96-gv7zk   2/2     Running   0          105s",
      "checkout-7f8944db96-ln8x4   2/2     Running   0          2m",
    ]);
    expect(printedAt(r, 120, 2)).toBe(
      [
        "NAMESPACE       NAME       REFERENCE             TARGETS                        MINPODS   MAXPODS   REPLICAS   AGE",
        "team-payments   checkout   Deployment/checkout   cpu: 0%/60%, memory: 0/100Mi   2         10        2          2m",
        "team-web        cart       Deployment/cart       cpu: 0%/60%, memory: 0/100Mi   2         10        2          2m",
        "team-web        frontend   Deployment/frontend   cpu: 0%/70%                    3         15        3          2m",
      ].join("\n"),
    );
  });

  it("describes the ConfigMap and Secret a container takes its environment from, and its probes", async () => {
    const r = await runFixture("test/fixtures/repos/microservices-demo/demo.scn");
    const describe = printedAt(r, 120, 3)!;
    // kubectl describe.go describeContainerEnvVars / describeContainerProbe.
    expect(describe).toContain(
      [
        "    Liveness:   http-get http://:3000/_healthz delay=10s timeout=1s period=10s #success=1 #failure=3",
        "    Readiness:  http-get http://:http/_healthz delay=5s timeout=1s period=10s #success=1 #failure=3",
        "    Environment Variables from:",
        "      frontend-config  ConfigMap  Optional: false",
        "    Environment:",
        "      SESSION_KEY:   <set to the key 'SESSION_KEY' in secret 'frontend-session'>  Optional: false",
        "      POD_NAME:      frontend-5c4fd4767c-cl57q (v1:metadata.name)",
        "      MEMORY_LIMIT:  512000000 (limits.memory)",
      ].join("\n"),
    );
    expect(describe).toContain(
      "    Readiness:    tcp-socket :8080 delay=0s timeout=1s period=10s #success=1 #failure=3",
    );
    expect(describe).toContain("      /etc/nginx/conf.d from nginx-conf (ro)");
  });

  it("reads requests back as the API server writes a resource.Quantity: canonical, a string", async () => {
    // Found here: `-o jsonpath` printed {"cpu":0.1,"memory":10000000} — the YAML numbers as
    // written. A Quantity marshals as its canonical string (apimachinery quantity.go
    // MarshalJSON → CanonicalizeBytes): 1e-1 → 100m, 0.5Gi → 512Mi, an unquoted 1 → "1",
    // 1e9 (a YAML float, sent as the JSON number 1000000000) → 1G.
    const r = await runFixture("test/fixtures/repos/microservices-demo/demo.scn");
    expect(printedAt(r, 120, 4)).toBe(
      [
        'orders-db-proxy {"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"100m","memory":"512Mi"}}',
        'redis-cart {"limits":{"cpu":"125m","memory":"256Mi"},"requests":{"cpu":"70m","ephemeral-storage":"1G","memory":"200Mi"}}',
      ].join("\n"),
    );
  });
});

describe("an autoscaling repository: HPAs in three versions beside KEDA, the VPA and Argo Rollouts", () => {
  it("stores the add-ons' kinds as if their CRDs were installed, warns once of each, runs KEDA's operator, and passes", async () => {
    // Found here: the first ScaledObject stopped the whole repository (RC5003, exit 2); then
    // kubectl's mapping error failed the apply line (exit 1). The language contract: kinds
    // the simulation does not model are stored, listed, noted once, and never stop a run.
    const r = await runFixture("test/fixtures/repos/autoscaling/autoscaling.scn");
    const addon = (kind: string, apiVersion: string, addon: string) => [
      "RC4101",
      "warning",
      `${kind} (${apiVersion}) is ${addon}'s, and no CustomResourceDefinition here defines it: stored as ${addon}'s CRD would store it, not simulated — the simulated cluster does not run ${addon}, so nothing acts on it`,
    ];
    // KEDA's operator is simulated (engine/controllers/keda): the ScaledObject is acted on
    // (RC4125), and its rabbitmq trigger is stored but reads no value (RC4126, at its type).
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      [
        "RC4125",
        "warning",
        "ScaledObject (keda.sh/v1alpha1) is KEDA's, and no CustomResourceDefinition here defines it: stored as KEDA's CRD would store it; the simulated cluster runs KEDA's operator, which makes its HPA (keda-hpa-<name>) and scales its target to and from zero",
      ],
      [
        "RC4126",
        "warning",
        'trigger "rabbitmq" (spec.triggers[0]) is stored but reads no value: the simulated KEDA computes cpu, memory, prometheus and cron triggers only',
      ],
      [
        "RC4125",
        "warning",
        "TriggerAuthentication (keda.sh/v1alpha1) is KEDA's, and no CustomResourceDefinition here defines it: stored as KEDA's CRD would store it; the simulated cluster runs KEDA's operator, which names it in a ScaledObject's status.authenticationsTypes; the simulated scalers read no secret through it",
      ],
      addon("Rollout", "argoproj.io/v1alpha1", "Argo"),
      addon("VerticalPodAutoscaler", "autoscaling.k8s.io/v1", "the Vertical Pod Autoscaler"),
    ]);
    expect(r.diagnostics[1].span).toMatchObject({ line: 14, col: 11 });
    // Each object is created as the add-on's CRD would have it served (GROUP's resource.group/name).
    // The HPAs in autoscaling/v2beta1 and v2beta2 get the API server's deprecation warnings
    // (deprecation.go WarningMessage; kubectl 1.34 prints each once, on stderr, as the response
    // of the first object in that version arrives: just before that object's line).
    expect(printedAt(r, 0)).toBe(
      [
        "deployment.apps/api created",
        "horizontalpodautoscaler.autoscaling/api created",
        "scaledobject.keda.sh/reports created",
        "triggerauthentication.keda.sh/rabbitmq-auth created",
        "deployment.apps/reports created",
        "rollout.argoproj.io/checkout created",
        "horizontalpodautoscaler.autoscaling/checkout created",
        "verticalpodautoscaler.autoscaling.k8s.io/worker created",
        "deployment.apps/worker created",
        "Warning: autoscaling/v2beta1 HorizontalPodAutoscaler is deprecated in v1.22+, unavailable in v1.25+; use autoscaling/v2 HorizontalPodAutoscaler",
        "horizontalpodautoscaler.autoscaling/worker created",
        "deployment.apps/gateway created",
        "service/gateway created",
        "Warning: autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler",
        "horizontalpodautoscaler.autoscaling/gateway created",
      ].join("\n"),
    );
    expect(r.failures).toEqual([]);
    expect([r.status, r.passed]).toEqual(["passed", true]);
    expect(r.stored).toEqual([
      { kind: "TriggerAuthentication", names: ["rabbitmq-auth"] },
      { kind: "Rollout", names: ["checkout"] },
      { kind: "VerticalPodAutoscaler", names: ["worker"] },
    ]);
    // The v1 and v2beta1 HPAs (targetAverageUtilization, Pods and External metrics) and the
    // v2beta2 one with an Object metric scale as autoscaling/v2; the HPA on the Rollout gets its
    // scale (Argo's CRD declares /scale: spec.replicas 4) but no selector, the Rollout's status
    // being empty with nothing running Argo (horizontal.go validateAndParseSelector).
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [14, true],
      [15, true],
    ]);
    // KEDA's HPA for the ScaledObject: its rabbitmq metric reads no value, so the reports
    // consumer keeps its one replica (a trigger in error never scales to zero without a fallback).
    expect(printedAt(r, 360)).toBe(
      [
        "NAME               REFERENCE            TARGETS                            MINPODS   MAXPODS   REPLICAS   AGE",
        "api                Deployment/api       cpu: 0%/65%                        2         8         2          6m",
        "checkout           Rollout/checkout     cpu: <unknown>/60%                 4         10        4          6m",
        "gateway            Deployment/gateway   3k/2k, 1500/1k                     2         12        12         6m",
        "keda-hpa-reports   Deployment/reports   <unknown>/1 (avg)                  1         30        1          6m",
        "worker             Deployment/worker    memory: 0%/80%, 12/5 + 1 more...   1         20        20         6m",
      ].join("\n"),
    );
    expect(printedAt(r, 360, 1)).toContain(
      [
        "  AbleToScale    True    SucceededGetScale  the HPA controller was able to get the target's current scale",
        "  ScalingActive  False   InvalidSelector    the HPA target's scale is missing a selector",
      ].join("\n"),
    );
  });

  it("a kind of no known add-on without its CRD stays an error (a misspelt group, an object before its CRD)", () => {
    const text = [
      "manifest w = <<YAML",
      "apiVersion: example.com/v1",
      "kind: Widget",
      "metadata: {name: a}",
      "YAML",
      "apply w",
      "",
    ].join("\n");
    const r = checkScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["RC5003", "error", 'no matches for kind "Widget" in version "example.com/v1"'],
    ]);
  });
});

describe("an add-on's kinds without their CRDs, served as the add-on's CRDs would serve them", () => {
  const scaledObject = [
    "manifest so = <<YAML",
    "apiVersion: keda.sh/v1alpha1",
    "kind: ScaledObject",
    "metadata: {name: web}",
    "spec: {scaleTargetRef: {name: web}, triggers: [{type: cron, metadata: {timezone: UTC}}]}",
    "YAML",
  ];

  it("kubectl get lists them by the CRD's plural, and a Cluster-scoped one has no namespace", async () => {
    // cert-manager deploy/crds/crd-clusterissuers.yaml: scope: Cluster, plural clusterissuers.
    // (A VerticalPodAutoscaler, as KEDA's ScaledObject is acted on now: test/scenario/keda.test.ts.)
    const text = [
      "manifest vpa = <<YAML",
      "apiVersion: autoscaling.k8s.io/v1",
      "kind: VerticalPodAutoscaler",
      "metadata: {name: web}",
      "spec: {targetRef: {apiVersion: apps/v1, kind: Deployment, name: web}}",
      "YAML",
      "manifest issuer = <<YAML",
      "apiVersion: cert-manager.io/v1",
      "kind: ClusterIssuer",
      "metadata: {name: letsencrypt}",
      "spec: {selfSigned: {}}",
      "YAML",
      "apply vpa",
      "apply issuer",
      "at 10s kubectl get verticalpodautoscalers",
      "at 10s kubectl get clusterissuers -o name",
      "at 10s kubectl get clusterissuers -A",
      "run for 20s",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics.map((d) => d.code)).toEqual(["RC4101", "RC4101"]);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    // The VPA CRD's additionalPrinterColumns (vpa-v1-crd-gen.yaml), nothing written by a recommender.
    expect(printedAt(r, 10)).toBe(
      "NAME   MODE     CPU      MEM      PROVIDED   AGE\nweb    <none>   <none>   <none>   <none>     10s",
    );
    expect(printedAt(r, 10, 1)).toBe("clusterissuer.cert-manager.io/letsencrypt");
    // A namespaced kind's -A table leads with NAMESPACE; a Cluster-scoped kind's has none.
    expect(printedAt(r, 10, 2)).toBe("NAME          AGE\nletsencrypt   10s");
    expect(r.stored).toEqual([
      { kind: "VerticalPodAutoscaler", names: ["web"] },
      { kind: "ClusterIssuer", names: ["letsencrypt"] },
    ]);
  });

  it("the add-on's CRD applied after its objects takes over the kind: its printer columns, the objects kept", async () => {
    const crd = [
      "manifest crd = <<YAML",
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: {name: scaledobjects.keda.sh}",
      "spec:",
      "  group: keda.sh",
      "  names: {kind: ScaledObject, plural: scaledobjects, singular: scaledobject, shortNames: [so]}",
      "  scope: Namespaced",
      "  versions:",
      "  - name: v1alpha1",
      "    served: true",
      "    storage: true",
      "    additionalPrinterColumns:",
      "    - {jsonPath: .spec.scaleTargetRef.name, name: ScaleTargetName, type: string}",
      "    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}",
      "YAML",
    ];
    const text = [
      ...scaledObject,
      ...crd,
      "apply so",
      "at 5s apply crd",
      "at 10s kubectl get so",
      "run for 20s",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(printedAt(r, 10)).toBe("NAME   SCALETARGETNAME\nweb    web");
  });
});

describe("a blog's kubectl walk-through, each command as kubectl 1.34 prints it", () => {
  it("rolls out, annotates change-causes, undoes to a revision, pauses and resumes", async () => {
    const r = await runFixture("test/fixtures/repos/kubectl-blog/walkthrough.scn");
    expect(r.diagnostics).toEqual([]);
    expect(printedAt(r, 120)).toBe(
      [
        "deployment.apps/hello",
        "REVISION  CHANGE-CAUSE",
        "1         initial release nginx 1.25",
        "2         upgrade to nginx 1.26",
      ].join("\n"),
    );
    expect(printedAt(r, 120, 2)).toBe(
      [
        "NAME               DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR",
        "hello-69988b75f8   0         0         0       2m    nginx        nginx:1.25   app=hello,pod-template-hash=69988b75f8",
        "hello-7b84f8847f   3         3         3       60s   nginx        nginx:1.26   app=hello,pod-template-hash=7b84f8847f",
      ].join("\n"),
    );
    // undo --to-revision=1 makes revision 1 the newest (4); the change-cause the Deployment
    // carried at 2m30s went with revision 3 (deployment_util.go SetNewReplicaSetAnnotations).
    expect(printedAt(r, 240)).toBe(
      [
        "deployment.apps/hello",
        "REVISION  CHANGE-CAUSE",
        "2         upgrade to nginx 1.26",
        "3         upgrade to nginx 1.26",
        "4         initial release nginx 1.25",
      ].join("\n"),
    );
    // Found here: a paused Deployment's undo named no Deployment in the resume to run.
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [
        26,
        "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/hello' and try again",
      ],
      [27, "error: timed out waiting for the condition"],
    ]);
    expect(printedAt(r, 390)).toBe(
      'Waiting for deployment "hello" rollout to finish: 0 out of 5 new replicas have been updated...',
    );
    // Found here: a client dry run printed `rolled back (dry run)`; rollback.go prints the
    // revision's pod template (printTemplate), and undo.go's printer adds " (dry run)". The
    // ReplicaSet's template has no change-cause (history.go adds it for `history --revision`).
    expect(printedAt(r, 480, 2)).toBe(
      [
        "deployment.apps/hello Pod Template:",
        "  Labels:\tapp=hello",
        "\tpod-template-hash=7b84f8847f",
        "  Containers:",
        "   nginx:",
        "    Image:\tnginx:1.26",
        "    Port:\t<none>",
        "    Host Port:\t<none>",
        "    Environment:\t<none>",
        "    Mounts:\t<none>",
        "  Volumes:\t<none>",
        " (dry run)",
      ].join("\n"),
    );
  });
});

describe("traffic from load tests and monitoring exports", () => {
  it("replays Locust's stats history by its Requests/s column, k6's raw output, CloudWatch, a BOM+CRLF file and Prometheus with a gap", async () => {
    const r = await runFixture("test/fixtures/repos/loadtest/loadtest.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(
      r.events.filter((e) => e.reason === "SuccessfulRescale").map((e) => [e.time, e.message.slice(0, 11)]),
    ).toEqual([
      [165, "New size: 3"],
      [705, "New size: 2"],
      [735, "New size: 3"],
      [2175, "New size: 2"],
      [2715, "New size: 3"],
      [3255, "New size: 4"],
      [4095, "New size: 5"],
      [4995, "New size: 2"],
    ]);
  });

  it("Locust's stats history replays its Aggregated Requests/s, the per-endpoint rows of --csv-full-history left out", () => {
    // Found here: without `column`, the first column (User Count) was replayed, with a warning;
    // with --csv-full-history the endpoints' rows at the same time were `time goes backwards`.
    const history = readTraffic(fixtureText("loadtest/locust_stats_history.csv"), { unit: "requests" });
    expect(history.problems).toEqual([]);
    expect(history.signal?.t.slice(0, 3)).toEqual([0, 10, 20]);
    expect(history.signal?.v.slice(0, 3)).toEqual([0, 19.32, 28.65]);
    const full = readTraffic(
      [
        "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%",
        "1717596010,10,GET,/cart,12.500000,0.000000,40",
        "1717596010,10,POST,/checkout,6.800000,0.000000,90",
        "1717596010,10,,Aggregated,19.300000,0.000000,45",
        "1717596020,15,GET,/cart,18.100000,0.000000,41",
        "1717596020,15,,Aggregated,28.900000,0.000000,47",
        "",
      ].join("\n"),
      { unit: "requests" },
    );
    expect(full).toMatchObject({ problems: [], signal: { t: [0, 10], v: [19.3, 28.9] } });
  });

  it("counts k6's http_reqs samples per second: a second without one served none", () => {
    // Found here: k6's CSV was 210 rows of `cannot read "http_reqs" as a time`.
    const k6 = readTraffic(fixtureText("loadtest/k6.csv"), { unit: "requests" });
    expect(k6.problems).toEqual([]);
    // 3 requests a second for 4 s, then 4, 5, 6, 7; after the last second the test is over.
    expect(k6.signal).toEqual({ t: [0, 4, 8, 12, 16, 20], v: [3, 4, 5, 6, 7, 0] });
    const gaps = readTraffic(
      [
        "metric_name,timestamp,metric_value,check,error",
        "http_reqs,1717596002,1.000000,,",
        "http_reqs,1717596000,1.000000,,",
        "vus,1717596000,1.000000,,",
        "http_reqs,1717596000,1.000000,,",
        "",
      ].join("\n"),
      { unit: "requests" },
    );
    expect(gaps.signal).toEqual({ t: [0, 1, 2, 3], v: [2, 0, 1, 0] });
  });

  it("k6's output for a CPU load, or a Counter it lacks, says what to write", () => {
    const text = 'kubectl create deployment web --image=nginx\nat 1m load cpu file "k6.csv"\n';
    const cpu = checkScenario({ text, file: "test/fixtures/repos/loadtest/t.scn" }, { host: nodeHost() });
    expect(cpu.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        "RC4102",
        "the file is k6's CSV output, whose samples count requests; it cannot be read as a CPU amount",
        "replay it as request traffic: `load requests file \"…\"` (each second's http_reqs samples are that second's rate)",
      ],
    ]);
    const missing = checkScenario(
      {
        text: 'kubectl create deployment web --image=nginx\nat 1m load requests file "k6.csv" column "iterations"\n',
        file: "test/fixtures/repos/loadtest/t.scn",
      },
      { host: nodeHost() },
    );
    expect(missing.diagnostics.map((d) => [d.code, d.message, d.hint])).toEqual([
      [
        "RC4103",
        "k6's CSV output holds no iterations samples",
        'the file\'s metrics: http_reqs, http_req_duration, vus; count another Counter with `column "NAME"`',
      ],
    ]);
  });

  it("reads CloudWatch's unordered datapoints in time order, a Count's Sum over the period", () => {
    // Found here: `expected a Prometheus range-query answer (resultType: matrix), found no resultType`.
    const cw = readTraffic(fixtureText("loadtest/cloudwatch.json"), { unit: "requests" });
    expect(cw.format).toBe("cloudwatch");
    expect(cw.problems).toEqual([]);
    expect(cw.signal?.t.slice(0, 3)).toEqual([0, 60, 120]);
    // The first three periods' Sums are 4800, 5277 and 5735 requests a minute.
    expect(cw.signal?.v.slice(0, 3)).toEqual([80, 87.95, 5735 / 60]);
    const stats = readTraffic(
      JSON.stringify({
        Label: "CPUUtilization",
        Datapoints: [
          { Timestamp: "2024-06-05T14:01:00Z", Average: 30, Maximum: 50, Unit: "Percent" },
          { Timestamp: "2024-06-05T14:00:00Z", Average: 20, Maximum: 40, Unit: "Percent" },
        ],
      }),
      { unit: "metric" },
    );
    expect(stats.signal).toEqual({ t: [0, 60], v: [20000, 30000] });
    expect(stats.problems.map((p) => [p.severity, p.message.code, p.message.message])).toEqual([
      [
        "warning",
        "RC4104",
        "the datapoints hold 2 statistics (Average, Maximum); replaying the first, Average",
      ],
    ]);
    const max = readTraffic(
      JSON.stringify({
        Datapoints: [{ Timestamp: "2024-06-05T14:00:00Z", Average: 20, Maximum: 40, Unit: "Percent" }],
      }),
      { unit: "metric", column: "maximum" },
    );
    expect(max.signal).toEqual({ t: [0], v: [40000] });
    const one = readTraffic(
      JSON.stringify({ Datapoints: [{ Timestamp: "2024-06-05T14:00:00Z", Sum: 600, Unit: "Count" }] }),
      { unit: "requests" },
    );
    expect(one.problems.map((p) => p.message.code)).toEqual(["RC4106"]);
  });

  it("a spreadsheet saved on Windows (a BOM, CRLF) reads as any CSV", () => {
    const excel = readTraffic(fixtureText("loadtest/excel.csv"), { unit: "requests" });
    expect(excel.problems).toEqual([]);
    expect(excel.signal?.t.slice(0, 3)).toEqual([0, 60, 120]);
    expect(excel.signal?.v.slice(0, 3)).toEqual([100, 103, 106]);
  });

  it("Prometheus: NaN and +Inf samples are errors at their place; an instant query is not a range", () => {
    const nan = readTraffic(fixtureText("loadtest/prometheus-nan.json"), { unit: "requests", sum: true });
    expect(nan.problems.map((p) => [p.message.code, p.message.message])).toEqual([
      ["RC6022", "the sample's value is `NaN`, which cannot be replayed"],
      ["RC6022", "the sample's value is `NaN`, which cannot be replayed"],
      ["RC6022", "the sample's value is `+Inf`, which cannot be replayed"],
    ]);
    const vector = readTraffic(fixtureText("loadtest/prometheus-instant.json"), { unit: "requests" });
    expect(vector.problems.map((p) => [p.message.code, p.message.message, p.message.hint])).toEqual([
      [
        "RC6013",
        'expected a Prometheus range-query answer (resultType: matrix), found resultType "vector"',
        "export /api/v1/query_range?query=…&start=…&end=…&step=…; an instant query has one sample per series",
      ],
    ]);
  });
});
