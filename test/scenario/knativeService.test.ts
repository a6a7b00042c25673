/**
 * Knative Serving's hello-world Service beside a plain Deployment and core Service of the same
 * name (test/fixtures/repos/knative-hello: Knative's Service CRD abridged from knative/serving
 * config/core/300-resources/service.yaml, the ksvc of Knative's "Deploying your first Knative
 * Service", and the app as a Deployment and v1 Service, all named hello). The CRD's kind shares
 * its name with a simulated built-in: it is served under `Service.serving.knative.dev`
 * (kinds/registry.ts), stored as written — it runs no pods — and kubectl resolves the words as
 * its RESTMapper does: `service`, `services` and `svc` are core's, the legacy group coming first
 * in discovery (apimachinery meta/priority.go PriorityRESTMapper over
 * restmapper.NewDiscoveryRESTMapper's order, kube-aggregator's apiVersionPriorities); `ksvc`,
 * `kservice` and `services.serving.knative.dev` name Knative's, and its CRD's `all` category
 * puts it in `kubectl get all`. Found here: the CRD's kind was never served (`the server doesn't
 * have a resource type "ksvc"`).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { loadManifests } from "../../src/k8s/manifest.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

const FILE = "test/fixtures/repos/knative-hello/hello.scn";

const runFixture = async () =>
  runScenario({ text: nodeHost().readFile(FILE)!, file: FILE }, { host: nodeHost() });

type Result = Awaited<ReturnType<typeof runFixture>>;

/** The text a kubectl line printed at `time` (seconds), the nth at that instant. */
const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;

describe("Knative's hello Service beside a core Service named hello", () => {
  it("applies both, each under its own group, and reports the ksvc stored, not simulated", async () => {
    const r = await runFixture();
    expect(r.diagnostics).toEqual([]);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(printed(r, 0, 1)).toBe("service.serving.knative.dev/hello created");
    expect(printed(r, 0, 2)).toBe("deployment.apps/hello created\nservice/hello created");
    expect(printed(r, 15)).toBe("service.serving.knative.dev/hello unchanged");
    expect(r.stored).toEqual([
      { kind: "CustomResourceDefinition", names: ["services.serving.knative.dev"] },
      { kind: "Service.serving.knative.dev", names: ["hello"] },
    ]);
  });

  it("keeps service and svc core's, and names Knative's by ksvc, kservice and services.serving.knative.dev", async () => {
    const r = await runFixture();
    const core = [
      "NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE",
      "hello        ClusterIP   10.111.59.152   <none>        80/TCP    10s",
      "kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP   10s",
    ].join("\n");
    expect(printed(r, 10, 0)).toBe(core);
    expect(printed(r, 10, 1)).toBe(
      [
        "NAME    TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE",
        "hello   ClusterIP   10.111.59.152   <none>        80/TCP    10s",
      ].join("\n"),
    );
    // The CRD's printer columns; no controller fills the status (Knative's is not running).
    const ksvc = [
      "NAME    URL      LATESTCREATED   LATESTREADY   READY    REASON",
      "hello   <none>   <none>          <none>        <none>   <none>",
    ].join("\n");
    expect(printed(r, 10, 2)).toBe(ksvc);
    expect(printed(r, 10, 3)).toBe(ksvc);
    expect(printed(r, 10, 4)).toBe("service.serving.knative.dev/hello");
    expect(printed(r, 10, 8)).toBe(
      [
        "NAME       SHORTNAMES      APIVERSION               NAMESPACED   KIND",
        "services   kservice,ksvc   serving.knative.dev/v1   true         Service",
      ].join("\n"),
    );
  });

  it("lists the ksvc in get all (its CRD's categories: all, knative, serving) and runs no pod for it", async () => {
    const r = await runFixture();
    expect(printed(r, 10, 5)).toBe(
      [
        "NAME                         READY   STATUS    RESTARTS   AGE",
        "pod/hello-7bcd5976b5-csn4k   1/1     Running   0          10s",
        "pod/hello-7bcd5976b5-mjs24   1/1     Running   0          10s",
        "",
        "NAME                 TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE",
        "service/hello        ClusterIP   10.111.59.152   <none>        80/TCP    10s",
        "service/kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP   10s",
        "",
        "NAME                    READY   UP-TO-DATE   AVAILABLE   AGE",
        "deployment.apps/hello   2/2     2            2           10s",
        "",
        "NAME                               DESIRED   CURRENT   READY   AGE",
        "replicaset.apps/hello-7bcd5976b5   2         2         2       10s",
        "",
        "NAME                                URL      LATESTCREATED   LATESTREADY   READY    REASON",
        "service.serving.knative.dev/hello   <none>   <none>          <none>        <none>   <none>",
      ].join("\n"),
    );
  });

  it("describes each as itself: the generic describer for the ksvc, the Service describer for core's", async () => {
    const r = await runFixture();
    expect(printed(r, 10, 6)).toBe(
      [
        "Name:         hello",
        "Namespace:    default",
        "Labels:       <none>",
        "Annotations:  <none>",
        "API Version:  serving.knative.dev/v1",
        "Kind:         Service",
        "Metadata:",
        "  Creation Timestamp:  2024-01-01T00:00:00Z",
        "  Generation:          1",
        "  Resource Version:    2",
        "  UID:                 b7cf3c25-632b-4924-809d-3fb64afebede",
        "Spec:",
        "  Template:",
        "    Spec:",
        "      Containers:",
        "        Env:",
        "          Name:   TARGET",
        "          Value:  World",
        "        Image:    ghcr.io/knative/helloworld-go:latest",
        "        Ports:",
        "          Container Port:  8080",
        "Events:                    <none>",
      ].join("\n"),
    );
    expect(printed(r, 10, 7)).toBe(
      [
        "Name:                     hello",
        "Namespace:                default",
        "Labels:                   <none>",
        "Annotations:              <none>",
        "Selector:                 app=hello",
        "Type:                     ClusterIP",
        "IP Family Policy:         SingleStack",
        "IP Families:              IPv4",
        "IP:                       10.111.59.152",
        "IPs:                      10.111.59.152",
        "Port:                     <unset>  80/TCP",
        "TargetPort:               8080/TCP",
        "Endpoints:                10.244.1.2:8080,10.244.2.2:8080",
        "Session Affinity:         None",
        "Internal Traffic Policy:  Cluster",
        "Events:                   <none>",
      ].join("\n"),
    );
  });

  it("deletes the ksvc only: core's hello stays", async () => {
    const r = await runFixture();
    expect(printed(r, 20, 0)).toBe('service.serving.knative.dev "hello" deleted');
    expect(printed(r, 20, 1)).toBe("No resources found in default namespace.");
    expect(printed(r, 20, 2)).toBe(
      [
        "NAME    TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE",
        "hello   ClusterIP   10.111.59.152   <none>        80/TCP    20s",
      ].join("\n"),
    );
    expect(printed(r, 25)).toBe("service.serving.knative.dev/hello created");
  });
});

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/repos/knative-hello/${name}`, import.meta.url), "utf8");

/** Read as kubectl reads it against the cluster: the CRD's kind is served once it is applied. */
const load = (text: string, file: string, s?: Simulation) =>
  loadManifests(text, { file, admit: { kinds: s?.kinds ?? builtinKinds.extend() } }).objects.map(
    (o) => o.object,
  );

/** The CRD, `first` (a quota, a namespace), the plain app, then the ksvc, in `namespace`. */
function cluster(first: readonly object[] = [], namespace = "default"): Simulation {
  const s = new Simulation();
  const ns = { namespace, enforce: false };
  expect(applyObjects(load(fixture("crds/serving-core.yaml"), "crds"), s, "crds").stderr).toBe("");
  if (first.length > 0)
    expect(
      applyObjects(
        first.flatMap((o) => load(JSON.stringify(o), "first", s)),
        s,
        "first",
        undefined,
        ns,
      ).stderr,
    ).toBe("");
  for (const f of ["plain/hello.yaml", "hello.yaml"])
    expect(applyObjects(load(fixture(f), f, s), s, f, undefined, ns).stderr).toBe("");
  return s;
}

describe("the engine with Knative's Service beside core's", () => {
  it("stores the ksvc under its group's key, and no controller of core Services takes it", () => {
    const s = cluster();
    s.runUntil(10);
    const ksvc = s.api.get("Service.serving.knative.dev", "default", "hello");
    const svc = s.api.get("Service", "default", "hello");
    expect(ksvc?.apiVersion).toBe("serving.knative.dev/v1");
    expect(svc?.apiVersion).toBe("v1");
    expect(new Set(s.api.listAll("Service").map((o) => o.apiVersion))).toEqual(new Set(["v1"]));
    // The endpoints controller reads core's Service, written before the ksvc: its pods'
    // addresses stay (the ksvc taken for it would have no selector, and so no endpoints).
    const ep = s.api.get("Endpoints", "default", "hello") as { subsets?: { addresses?: unknown[] }[] };
    expect(ep.subsets?.[0]?.addresses).toHaveLength(2);
    // Stored, not simulated: the Deployment's two pods are all the pods there are.
    expect(s.api.listAll("Pod").map((p) => p.metadata.name)).toEqual([
      expect.stringMatching(/^hello-/),
      expect.stringMatching(/^hello-/),
    ]);
  });

  it("refuses to expose the ksvc, as kubectl's CanBeExposed refuses its GroupKind (canbeexposed.go)", () => {
    const s = cluster();
    const r = runKubectl("kubectl expose ksvc hello --port 80 --name hello-x", s);
    expect([r.stdout, r.stderr]).toEqual(["", "error: cannot expose a Service.serving.knative.dev\n"]);
    expect(runKubectl("kubectl expose svc hello --name hello-x", s).stdout).toBe("service/hello-x exposed\n");
  });

  it("never charges a ksvc to core's services quota (quota/v1/evaluator/core/services.go counts core's)", () => {
    const quota = {
      apiVersion: "v1",
      kind: "ResourceQuota",
      metadata: { name: "q" },
      spec: { hard: { services: "2" } },
    };
    // The kubernetes Service and core's hello fill `services`; the ksvc is admitted beside
    // them, and the quota controller counts two (resource_quota_controller.go's sync).
    const s = cluster([quota]);
    s.runUntil(5);
    expect(s.api.get("Service.serving.knative.dev", "default", "hello")).toBeDefined();
    const second = { ...load(fixture("hello.yaml"), "h.yaml", s)[0], metadata: { name: "hello-2" } };
    expect(applyObjects([second], s, "h2.yaml").stdout).toBe("service.serving.knative.dev/hello-2 created\n");
    const core = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "other" },
      spec: { ports: [{ port: 80 }] },
    };
    expect(applyObjects([core as never], s, "other.yaml").stderr).toMatch(
      /exceeded quota: q, requested: services=1, used: services=2, limited: services=2/,
    );
  });

  it("deletes both Services of a terminating namespace, each by its own key", () => {
    const s = cluster([{ apiVersion: "v1", kind: "Namespace", metadata: { name: "demo" } }], "demo");
    s.runUntil(5);
    expect(s.api.get("Service.serving.knative.dev", "demo", "hello")).toBeDefined();
    expect(runKubectl("kubectl delete namespace demo --wait=false", s).stderr).toBe("");
    s.runUntil(120);
    expect(s.api.get("Service.serving.knative.dev", "demo", "hello")).toBeUndefined();
    expect(s.api.get("Service", "demo", "hello")).toBeUndefined();
    expect(s.api.get("Namespace", "", "demo")).toBeUndefined();
  });
});

describe("a CRD's kind named as a simulated workload (an operator's Deployment)", () => {
  const crd = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "deployments.example.com" },
    spec: {
      group: "example.com",
      names: { kind: "Deployment", plural: "deployments", singular: "deployment", shortNames: ["exdeploy"] },
      scope: "Namespaced",
      versions: [
        { name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object" } } },
      ],
    },
  };
  const custom = {
    apiVersion: "example.com/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: { replicas: 3, selector: { matchLabels: { app: "web" } } },
  };

  it("is stored as written: no ReplicaSet, no pod, no series of the trace's Deployments", () => {
    const s = new Simulation();
    expect(applyObjects(load(JSON.stringify(crd), "crd", s), s, "crd").stderr).toBe("");
    expect(applyObjects(load(JSON.stringify(custom), "web", s), s, "web").stdout).toBe(
      "deployment.example.com/web created\n",
    );
    s.runUntil(30);
    expect(s.api.get("Deployment.example.com", "default", "web")?.apiVersion).toBe("example.com/v1");
    expect(s.api.listAll("Deployment")).toEqual([]);
    expect(s.api.listAll("ReplicaSet")).toEqual([]);
    expect(Object.keys(s.trace().series.Deployment ?? {})).toEqual([]);
    expect(runKubectl("kubectl get deployments", s).stderr).toBe(
      "No resources found in default namespace.\n",
    );
    expect(runKubectl("kubectl get exdeploy -o name", s).stdout).toBe("deployment.example.com/web\n");
  });
});
