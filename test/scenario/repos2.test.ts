/**
 * A new user's repositories and monitoring exports (test/fixtures/repos/: a rendered Helm
 * chart, a GitOps base with an overlay per environment, a StatefulSet with claims, traffic
 * exported from Prometheus, Grafana and Datadog; written for these tests, shaped like public
 * ones), run as the README tells a user to, and what trying them found broken.
 */
import { describe, expect, it } from "vitest";
import { formatDiagnostic } from "../../src/dsl/codeFrame.ts";
import { checkScenario, memoryHost, runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { printedAt, runFixture } from "./fixtureRun.ts";

describe("a rendered Helm chart (helm template > rendered.yaml)", () => {
  it("applies every document in file order: `# Source:` comments, empty documents and a List's items", async () => {
    const r = await runFixture("test/fixtures/repos/helm-rendered/storefront.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(printedAt(r, 0, 1)).toBe(
      [
        "serviceaccount/storefront created",
        "poddisruptionbudget.policy/storefront created",
        "networkpolicy.networking.k8s.io/storefront created",
        "secret/storefront created",
        "configmap/storefront created",
        "configmap/storefront-feature-flags created",
        "configmap/storefront-banners created",
        "service/storefront created",
        "deployment.apps/storefront created",
        "horizontalpodautoscaler.autoscaling/storefront created",
        "ingress.networking.k8s.io/storefront created",
        "servicemonitor.monitoring.coreos.com/storefront created",
        "prometheusrule.monitoring.coreos.com/storefront created",
        "job.batch/storefront-db-migrate created",
      ].join("\n"),
    );
    // The custom resources are stored once their CRDs are applied, and listed as kubectl lists them.
    expect(printedAt(r, 60, 2)).toBe(
      [
        "NAME                                              AGE",
        "servicemonitor.monitoring.coreos.com/storefront   60s",
        "",
        "NAME                                              AGE",
        "prometheusrule.monitoring.coreos.com/storefront   60s",
      ].join("\n"),
    );
    // The HPA's minReplicas lifts the chart's Deployment (no replicas: 1) to 2.
    expect(printedAt(r, 60, 4)).toBe(
      [
        "NAME         REFERENCE               TARGETS                       MINPODS   MAXPODS   REPLICAS   AGE",
        "storefront   Deployment/storefront   cpu: 0%/70%, memory: 0%/80%   2         12        2          60s",
      ].join("\n"),
    );
  });

  it("without the CRDs the custom resources are stored as the Prometheus Operator's CRDs would store them, a warning each", () => {
    const file = "test/fixtures/repos/helm-rendered/nocrds.scn";
    const r = checkScenario({ text: "kubectl apply -f rendered.yaml\n", file }, { host: nodeHost() });
    const addon = (kind: string) => [
      "RC4101",
      "warning",
      `${kind} (monitoring.coreos.com/v1) is the Prometheus Operator's, and no CustomResourceDefinition here defines it: stored as the Prometheus Operator's CRD would store it, not simulated — the simulated cluster does not run the Prometheus Operator, so nothing acts on it`,
      "to simulate what the Prometheus Operator would do, model it with the kinds Replicast runs (a Deployment, an HPA…)",
    ];
    expect(r.diagnostics.map((d) => [d.code, d.severity, d.message, d.hint])).toEqual([
      addon("ServiceMonitor"),
      addon("PrometheusRule"),
    ]);
  });
});

describe("a CRD's categories (kubectl get prometheus-operator)", () => {
  it("lists every kind whose CRD names the category, as the resource builder's category expander does", async () => {
    // Found with the chart's monitoring objects: `the server doesn't have a resource type "prometheus-operator"`.
    const file = "test/fixtures/repos/helm-rendered/categories.scn";
    const text = [
      "kubectl apply -f crds/",
      "kubectl apply -f rendered.yaml",
      "at 1m kubectl get prometheus-operator",
      "",
    ].join("\n");
    const r = await runScenario({ text, file }, { host: nodeHost() });
    expect(r.failures).toEqual([]);
    expect(printedAt(r, 60)).toBe(
      [
        "NAME                                              AGE",
        "prometheusrule.monitoring.coreos.com/storefront   60s",
        "",
        "NAME                                              AGE",
        "servicemonitor.monitoring.coreos.com/storefront   60s",
      ].join("\n"),
    );
    // A watch takes one resource type: a category of two is refused as `all` is.
    const w = checkScenario(
      { text: "kubectl apply -f crds/\nkubectl get prometheus-operator -w\n", file },
      { host: nodeHost() },
    );
    expect(w.diagnostics.map((d) => d.message)).toEqual(["you may only specify a single resource type"]);
  });
});

describe("a GitOps repository: a base, an overlay per environment, each in its namespace", () => {
  it("builds both overlays with -k, the v2beta2 HPA's behavior patched in production", async () => {
    const r = await runFixture("test/fixtures/repos/gitops/gitops.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [10, true],
      [11, true],
    ]);
    expect(printedAt(r, 60)).toBe(
      [
        "NAMESPACE          NAME                       READY   UP-TO-DATE   AVAILABLE   AGE",
        "checkout-prod      deployment.apps/checkout   3/3     3            3           60s",
        "checkout-staging   deployment.apps/checkout   1/1     1            1           60s",
        "",
        "NAMESPACE          NAME                                           REFERENCE             TARGETS       MINPODS   MAXPODS   REPLICAS   AGE",
        "checkout-prod      horizontalpodautoscaler.autoscaling/checkout   Deployment/checkout   cpu: 0%/75%   3         20        3          60s",
        "checkout-staging   horizontalpodautoscaler.autoscaling/checkout   Deployment/checkout   cpu: 0%/75%   1         3         1          60s",
      ].join("\n"),
    );
  });

  it("a load on a workload nothing creates is warned of, as an expectation on it is (RC4012)", () => {
    // Found writing gitops.scn: `load prod/deployment/checkout` (the namespace is checkout-prod)
    // was accepted without a word and loaded nothing.
    const text = [
      "kubectl create deployment web --image=nginx",
      "at 1m load prod/deployment/web cpu 4",
      "at 1m load deployment/nope cpu 4",
      "",
    ].join("\n");
    const r = checkScenario({ text, file: "s.scn" }, {});
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => formatDiagnostic(d, text))).toEqual([
      [
        "s.scn:2:12: warning: prod/deployment/web is not created by this scenario",
        "  2 | at 1m load prod/deployment/web cpu 4",
        "    |            ^^^^^^^^^^^^^^^^^^^",
        "hint: it is made in another namespace: write deployment/web (a name without a namespace is in default)",
      ].join("\n"),
      [
        "s.scn:3:12: warning: deployment/nope is not created by this scenario",
        "  3 | at 1m load deployment/nope cpu 4",
        "    |            ^^^^^^^^^^^^^^^",
        "hint: check the name; objects created outside the scenario's manifests and kubectl lines are not known before the run",
      ].join("\n"),
    ]);
    // A load on what the scenario does create says nothing.
    expect(
      checkScenario(
        {
          text: "kubectl create deployment web --image=nginx\nat 1m load deployment/web cpu 4\n",
          file: "s.scn",
        },
        {},
      ).diagnostics,
    ).toEqual([]);
  });
});

describe("a StatefulSet with volumeClaimTemplates behind a headless Service", () => {
  it("creates pods in order, a claim each, and lists the headless Service's endpoints", async () => {
    const r = await runFixture("test/fixtures/repos/statefulset/postgres.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(printedAt(r, 60, 1)).toBe(
      [
        "NAME          TYPE        CLUSTER-IP    EXTERNAL-IP   PORT(S)    AGE",
        // The cluster's own Service, there from the start (src/engine/defaultServices.ts).
        "kubernetes    ClusterIP   10.96.0.1     <none>        443/TCP    60s",
        "pg            ClusterIP   10.110.93.6   <none>        5432/TCP   60s",
        "pg-headless   ClusterIP   None          <none>        5432/TCP   60s",
      ].join("\n"),
    );
    // OrderedReady: each pod once the one before is Ready (its claim's volume provisioned in 2 s by
    // kind's local-path class, docs/storage.md, then its readinessProbe's 5 s delay, a 10 s period).
    expect(r.events.filter((e) => e.reason === "SuccessfulCreate").map((e) => [e.time, e.message])).toEqual([
      [0, "create Claim data-pg-0 Pod pg-0 in StatefulSet pg success"],
      [0, "create Pod pg-0 in StatefulSet pg successful"],
      [17, "create Claim data-pg-1 Pod pg-1 in StatefulSet pg success"],
      [17, "create Pod pg-1 in StatefulSet pg successful"],
      [34, "create Claim data-pg-2 Pod pg-2 in StatefulSet pg success"],
      [34, "create Pod pg-2 in StatefulSet pg successful"],
    ]);
  });

  it("whenScaled: Delete: a scaled-down pod's claim goes with it (KEP-1847, GA in 1.32)", async () => {
    // Found scaling the fixture to 1: data-pg-1 and data-pg-2 stayed, as under Retain.
    const r = await runFixture("test/fixtures/repos/statefulset/postgres.scn");
    expect(printedAt(r, 120)).toBe(
      [
        "NAME       READY   STATUS    RESTARTS   AGE",
        "pod/pg-0   1/1     Running   0          2m",
        "",
        "NAME                              STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE",
        "persistentvolumeclaim/data-pg-0   Bound    pvc-684e4eda-a364-434e-8f25-10c632d4e86a   8Gi        RWO            standard       <unset>                 2m",
      ].join("\n"),
    );
  });

  it("whenDeleted: Delete: the set owns the claims, and deleting it deletes every one, scaled-down pods' too", async () => {
    const yaml = nodeHost()
      .readFile("test/fixtures/repos/statefulset/postgres.yaml")!
      .replace("whenDeleted: Retain", "whenDeleted: Delete")
      .replace("whenScaled: Delete", "whenScaled: Retain");
    const text = [
      "kubectl apply -f pg.yaml",
      "at 1m kubectl get pvc data-pg-0 -o jsonpath='{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.ownerReferences[0].controller}'",
      "at 1m kubectl scale sts pg --replicas=1",
      "at 2m kubectl get pvc -o name",
      "at 2m kubectl delete sts pg",
      "at 3m kubectl get pvc -o name",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s/s.scn" }, { host: memoryHost({ "s/pg.yaml": yaml }) });
    expect(r.failures).toEqual([]);
    expect(r.output.filter((o) => o.command.includes("pvc")).map((o) => [o.time, o.text])).toEqual([
      [60, "StatefulSet/pg true"],
      [
        120,
        "persistentvolumeclaim/data-pg-0\npersistentvolumeclaim/data-pg-1\npersistentvolumeclaim/data-pg-2",
      ],
      [180, "No resources found in default namespace."],
    ]);
  });
});

describe("traffic exported by monitoring tools", () => {
  it("replays Prometheus' range query, a Grafana panel's CSV and a Datadog timeseries", async () => {
    const r = await runFixture("test/fixtures/repos/traffic-exports/replay.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.passed).toBe(true);
    const offered = (t: number) => r.trace!.load.storefront.find((p) => p.t === t)?.value.requests?.offered;
    // 14:00 of each file is its statement's time: Prometheus' three series summed (40 + 40.8 + 0.5
    // per their sines), Grafana's two pod columns summed, times 2; Datadog's one column.
    expect(offered(60)).toBeCloseTo(40 + 38 + 14 * Math.sin(1 / 5) + 0.4 + 0.3 * Math.sin(2 / 5), 3);
    expect(offered(2400)).toBeCloseTo(2 * (40 + 40.78), 6);
    expect(offered(2460)).toBeCloseTo(2 * (42.98 + 43.45), 6);
    expect(offered(4800)).toBeCloseTo(78, 6);
    // The last of Grafana's 31 per-minute rows is 30 minutes after the first, not 30,000.
    expect(r.trace!.load.storefront.some((p) => p.t === 2400 + 1800)).toBe(true);
  });

  it('reads epoch milliseconds (Grafana\'s export without "Formatted data") as milliseconds', async () => {
    // 1709510400000 read as seconds was the year 33658, and the minute between rows 16 hours:
    // a half-hour export ran for 20 days.
    const data = '"Time","web"\n1709510400000,100\n1709510460000,300\n1709510520000,200\n';
    const text = 'kubectl create deployment web --image=nginx\nat 1m load requests file "g.csv"\n';
    const r = await runScenario({ text, file: "s/s.scn" }, { host: memoryHost({ "s/g.csv": data }) });
    expect(r.diagnostics).toEqual([]);
    // A sample a minute, from the statement's time; the run ends a minute after the last.
    const offered = r.trace!.load.web.map((p) => [p.t, p.value.requests?.offered]);
    expect(offered).toContainEqual([60, 100]);
    expect(offered).toContainEqual([120, 300]);
    expect(offered).toContainEqual([180, 200]);
    expect(r.trace!.end).toBe(240);
    // Seconds and milliseconds in one file are two kinds of time (RC6006).
    const mixed = '"Time","web"\n1709510400000,100\n1709510460,300\n';
    const m = checkScenario({ text, file: "s/s.scn" }, { host: memoryHost({ "s/g.csv": mixed }) });
    expect(m.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["RC6006", "this time is Unix epoch seconds, but the first row's is Unix epoch milliseconds"],
    ]);
  });

  it('says where a value with a unit comes from: Grafana\'s "Formatted data"', () => {
    const data = '"Time","storefront"\n2024-06-05 14:00:00,78.0 req/s\n';
    const text = 'kubectl create deployment web --image=nginx\nat 1m load requests file "g.csv"\n';
    const r = checkScenario({ text, file: "s/s.scn" }, { host: memoryHost({ "s/g.csv": data }) });
    expect(r.diagnostics.map((d) => formatDiagnostic(d, data))).toEqual([
      [
        "s/g.csv:2:21: error: cannot read `78.0 req/s` as a number of requests per second",
        "  2 | 2024-06-05 14:00:00,78.0 req/s",
        "    |                     ^^^^^^^^^^",
        'hint: write a number such as 120 or 87.5; a unit after the number is what Grafana\'s CSV export writes with "Formatted data" on: download it again with that option off (Inspect → Data → Data options)',
      ].join("\n"),
    ]);
  });
});

describe("kubectl apply --server-side (a CI job's apply of big CRDs and charts)", () => {
  // Found applying rendered.yaml with --server-side: every object printed `created` and got a
  // last-applied-configuration annotation, as a client-side apply.
  const deployment = (image: string, labels = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
${labels}spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: app
        image: ${image}
        resources: {requests: {cpu: "1.5"}}
`;
  const files = {
    "s/web.yaml": deployment("nginx:1.25", "  labels: {team: a}\n"),
    "s/web2.yaml": deployment("nginx:1.26"),
  };
  const run = (text: string) => runScenario({ text, file: "s/s.scn" }, { host: memoryHost(files) });

  it("prints serverside-applied, keeps no annotation, and drops what kubectl applied before and leaves out now", async () => {
    const r = await run(
      [
        "kubectl apply --server-side -f web.yaml",
        "kubectl apply --server-side -f web.yaml",
        "kubectl get deploy web -o yaml | grep -c last-applied",
        "at 10s kubectl apply --server-side -f web2.yaml",
        "at 10s kubectl get deploy web -o jsonpath='{.metadata.labels}{\" \"}{.spec.template.spec.containers[0].image}'",
        "at 11s kubectl apply --server-side --dry-run=server -f web.yaml",
        "",
      ].join("\n"),
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.output.map((o) => [o.time, o.text])).toEqual([
      [0, "deployment.apps/web serverside-applied"],
      [0, "deployment.apps/web serverside-applied"],
      [0, "0"],
      [10, "deployment.apps/web serverside-applied"],
      // web2.yaml has no labels: the `team` label kubectl owned is removed (an absent field prints nothing).
      [10, " nginx:1.26"],
      [11, "deployment.apps/web serverside-applied (server dry run)"],
    ]);
  });

  it("a field someone else changed is refused, unless --force-conflicts takes it over", async () => {
    const r = await run(
      [
        "kubectl apply --server-side -f web.yaml",
        "at 20s kubectl scale deploy web --replicas=4",
        "at 30s kubectl apply --server-side -f web2.yaml",
        "at 31s kubectl apply --server-side --force-conflicts -f web2.yaml",
        "at 32s kubectl get deploy web -o jsonpath='{.spec.replicas}'",
        "",
      ].join("\n"),
    );
    expect(r.failures.map((f) => [f.line, f.message])).toEqual([
      [
        3,
        "error: server-side apply of .spec.replicas, changed since kubectl applied it, is not supported by the Replicast simulator: the API server refuses it as a conflict with its new manager; add --force-conflicts to take it over, or leave it out of the manifest",
      ],
    ]);
    expect(r.output.filter((o) => o.time >= 31).map((o) => o.text)).toEqual([
      "deployment.apps/web serverside-applied",
      "2",
    ]);
  });

  it("refuses the flag pairs apply.go's Validate refuses", () => {
    const text = [
      "kubectl apply --server-side --dry-run=client -f web.yaml",
      "kubectl apply --force-conflicts -f web.yaml",
      "kubectl apply --server-side --force -f web.yaml",
      "",
    ].join("\n");
    const r = checkScenario({ text, file: "s/s.scn" }, { host: memoryHost(files) });
    expect(r.diagnostics.map((d) => [d.span.line, d.message])).toEqual([
      [1, "--dry-run=client doesn't work with --server-side (did you mean --dry-run=server instead?)"],
      [2, "--force-conflicts only works with --server-side"],
      [3, "--force cannot be used with --server-side"],
    ]);
  });
});

describe("JSONPath field names as scripts write them (client-go jsonpath parser.go parseField)", () => {
  it("runs a name to the next terminator, a backslash escaping a dot: kubernetes\\.io/… is one key", async () => {
    // Found with `{.spec.template.metadata.annotations.checksum\/config}` on the chart's
    // Deployment: `error parsing jsonpath …, unrecognized character in action: \`.
    const text = [
      "kubectl create deployment web --image=nginx",
      "at 10s kubectl get deploy web -o jsonpath='{.metadata.annotations.deployment\\.kubernetes\\.io/revision}'",
      "at 10s kubectl get deploy web -o jsonpath='{.metadata.labels.app}/{.metadata.annotations.deployment\\.kubernetes\\.io\\/revision}'",
      // Not a terminator, so part of the name: a key nobody has, printed as nothing.
      "at 10s kubectl get deploy web -o jsonpath='[{.metadata.annotations.deployment~io}]'",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(r.failures).toEqual([]);
    expect(r.output.filter((o) => o.time === 10).map((o) => o.text)).toEqual(["1", "web/1", "[]"]);
  });
});
