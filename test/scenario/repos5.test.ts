/**
 * A new user's repositories, fourth pass (test/fixtures/repos/: HPAs with v2 behavior,
 * ContainerResource and External metrics; a namespace restored from `kubectl get -o json`
 * exports; Argo CD's install.yaml with an Application; a Flux fleet with a kustomize overlay
 * and a component; written for these tests, shaped like public ones), run as the README tells
 * a user to, and what trying them found.
 */
import { describe, expect, it } from "vitest";
import { buildKustomization, type KustomizeIO } from "../../src/kustomize/index.ts";
import { checkScenario, runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import { parseScenario } from "../../src/dsl/index.ts";
import { printedAt, runFixture } from "./fixtureRun.ts";

const PUBSUB = "pubsub.googleapis.com|subscription|num_undelivered_messages";

describe("an autoscaling repository for a sale: ContainerResource, External, selectPolicy Disabled", () => {
  it("scales the API on its own container's CPU, the worker on a backlog, and never scales the API down", async () => {
    // Found here: the External metric's name, as the Stackdriver adapter serves it, could not be
    // written in a `load` line (`unexpected character |`, and a quoted one was no metric name).
    const r = await runFixture("test/fixtures/repos/hpa-v2/sale.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [14, true],
      [16, true],
      [19, true],
      [20, true],
    ]);
    // printers.go formatHPAMetrics: a ContainerResource target reads as a Resource one; an
    // External AverageValue as `current/target (avg)`.
    expect(printedAt(r, 540)).toBe(
      [
        "NAME           REFERENCE                 TARGETS       MINPODS   MAXPODS   REPLICAS   AGE",
        "api            Deployment/api            cpu: 4%/60%   2         12        8          9m",
        "order-worker   Deployment/order-worker   0/40 (avg)    1         30        15         9m",
      ].join("\n"),
    );
    const describe = printedAt(r, 900)!.split("\n");
    // describe.go describeHorizontalPodAutoscalerV2: the container's name in the metric line.
    expect(describe[7]).toBe(
      '  resource cpu of container "api" on pods  (as a percentage of request):  4% (21m) / 60%',
    );
    // defaults.go GenerateHPAScaleDownRules fills the policies the user left out, and leaves
    // the stabilization window unset (printDirectionBehavior then prints no window line).
    expect(describe.slice(17, 21)).toEqual([
      "  Scale Down:",
      "    Select Policy: Disabled",
      "    Policies:",
      "      - Type: Percent  Value: 100  Period: 15 seconds",
    ]);
    // horizontal.go calculateScaleDownLimitWithBehaviors returns currentReplicas when the
    // policy is Disabled: the load fell at 8m, the window passed at 13m, and 8 pods stay.
    expect(describe.filter((l) => l.startsWith("  AbleToScale") || l.startsWith("  ScalingLimited"))).toEqual(
      [
        "  AbleToScale     True    ReadyForNewScale  recommended size matches current size",
        "  ScalingLimited  True    ScaleDownLimit    the desired replica count is decreasing faster than the maximum scale rate",
      ],
    );
    const rescales = r.events.filter((e) => e.reason === "SuccessfulRescale" && e.message.includes(PUBSUB));
    expect(rescales.map((e) => e.message.split(";")[0])).toEqual([
      "New size: 5",
      "New size: 9",
      "New size: 13",
      "New size: 15",
    ]);
    // The startup probes, as describe prints them (describeContainerProbe).
    expect(printedAt(r, 60)!.split("\n").slice(0, 4)).toEqual([
      "  api:",
      "    Liveness:   http-get http://:http/actuator/health/liveness delay=0s timeout=1s period=10s #success=1 #failure=3",
      "    Readiness:  http-get http://:http/actuator/health/readiness delay=0s timeout=1s period=5s #success=1 #failure=3",
      "    Startup:    http-get http://:http/actuator/health/liveness delay=0s timeout=1s period=10s #success=1 #failure=30",
    ]);
  });

  it("a metric name that is not a word is written in double quotes, in a load and in an expectation", () => {
    const text = [
      "kubectl create deployment w --image=nginx",
      `at 1m load deployment/w metric "${PUBSUB}" total 600`,
      `expect deployment/w metric "${PUBSUB}" >= 10 within 1m`,
      "",
    ].join("\n");
    const { scenario, diagnostics } = parseScenario(text, "t.scn");
    expect(diagnostics).toEqual([]);
    const [, load, expectation] = scenario!.statements as unknown as Record<string, unknown>[];
    expect(load.load).toEqual({ kind: "metric", name: PUBSUB, valueMilli: 600000, total: true });
    expect(expectation.quantity).toEqual({ kind: "metric", name: PUBSUB });
    // Unquoted, the bar is no character of a word.
    const bare = checkScenario(
      { text: "at 1m load deployment/w metric a|b 3\n", file: "t.scn" },
      { host: memoryHost({ "t.scn": "" }) },
    ).diagnostics.map((d) => d.message);
    expect(bare[0]).toBe("unexpected character `|`");
  });
});

describe("a namespace restored from `kubectl get -o json` exports, applied as a folder", () => {
  it("applies each file's List items in file order, the old cluster's fields left in", async () => {
    const r = await runFixture("test/fixtures/repos/json-exports/migrate.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[10, true]]);
    // visitor.go: .json files in lexical order, README.md left out; each List flattened.
    expect(printedAt(r, 0)).toBe(
      [
        "namespace/billing created",
        "configmap/invoices-config created",
        "service/invoices created",
        "deployment.apps/invoices created",
        "horizontalpodautoscaler.autoscaling/invoices created",
        "poddisruptionbudget.policy/invoices created",
      ].join("\n"),
    );
    // The exported clusterIP is kept; the exported status is not the new cluster's.
    expect(printedAt(r, 60)!.split("\n").slice(5, 7)).toEqual([
      "NAME               TYPE        CLUSTER-IP     EXTERNAL-IP   PORT(S)   AGE",
      "service/invoices   ClusterIP   10.96.142.17   <none>        80/TCP    60s",
    ]);
    expect(printedAt(r, 60, 2)).toBe('{"averageUtilization":70,"type":"Utilization"}');
  });
});

describe("Argo CD's install.yaml and an Application (its getting started)", () => {
  it("installs every kind into the namespace, and lists the Application by its CRD's columns", async () => {
    const r = await runFixture("test/fixtures/repos/argocd/getting-started.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[21, true]]);
    expect(printedAt(r, 0, 1)!.split("\n")).toHaveLength(32);
    expect(printedAt(r, 120)).toBe(
      [
        "NAME                                  READY   STATUS    RESTARTS   AGE",
        "argocd-application-controller-0       1/1     Running   0          2m",
        "argocd-redis-6cf6676dd9-pqw6r         1/1     Running   0          2m",
        "argocd-repo-server-785f879544-8hdqz   1/1     Running   0          2m",
        "argocd-server-576d76d44c-xpwv4        1/1     Running   0          2m",
      ].join("\n"),
    );
    // Found here: -o wide left out the CRD's priority-10 columns (REVISION, PROJECT):
    // cli-runtime printers/tableprinter.go prints a column of priority above 0 under -o wide.
    expect(printedAt(r, 120, 4)).toBe(
      [
        "NAME        SYNC STATUS   HEALTH STATUS   REVISION   PROJECT",
        "guestbook   <none>        <none>          <none>     default",
      ].join("\n"),
    );
    expect(printedAt(r, 120, 5)).toBe(
      [
        "NAMESPACE   NAME        SYNC STATUS   HEALTH STATUS",
        "argocd      guestbook   <none>        <none>",
      ].join("\n"),
    );
    // The resources finalizer holds the deleted Application: nothing here runs Argo CD.
    expect(printedAt(r, 180, 1)).toBe(
      ["NAME        SYNC STATUS   HEALTH STATUS", "guestbook   <none>        <none>"].join("\n"),
    );
  });

  it("a priority column stays where the CRD lists it under -o wide", async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
    additionalPrinterColumns:
    - {name: Size, type: string, jsonPath: .spec.size}
    - {name: Owner, type: string, jsonPath: .spec.owner, priority: 1}
    - {name: Color, type: string, jsonPath: .spec.color}
`;
    const widget =
      "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: L, owner: ann, color: red}\n";
    const host = memoryHost({ "t.scn": "", "crd.yaml": crd, "w.yaml": widget });
    const text =
      "kubectl apply -f crd.yaml\nkubectl apply -f w.yaml\nat 1s kubectl get widgets\nat 1s kubectl get widgets -o wide\nrun for 1s\n";
    const r = await runScenario({ text, file: "t.scn" }, { host });
    expect(printedAt(r, 1)).toBe(["NAME   SIZE   COLOR", "w      L      red"].join("\n"));
    expect(printedAt(r, 1, 1)).toBe(["NAME   SIZE   OWNER   COLOR", "w      L      ann     red"].join("\n"));
  });
});

describe("a Flux fleet: flux-system's sources, Flux Kustomizations and a production overlay", () => {
  it("builds the overlay with its component, patches, images, replicas and a merged generator", async () => {
    // Found here: `gotk-sync.yaml is a Kustomization: name its folder as the resource`, for
    // Flux's own Kustomization, and `kubectl get hr` was no resource type.
    const r = await runFixture("test/fixtures/repos/flux-fleet/fleet.scn");
    expect(r.failures).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message.split(" (")[0]])).toEqual([
      ["RC4101", "HelmRelease"],
      ["RC4101", "HelmRepository"],
      ["RC4101", "GitRepository"],
      ["RC4101", "Kustomization"],
    ]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[17, true]]);
    expect(printedAt(r, 0)).toBe(
      [
        "namespace/flux-system created",
        "kustomization.kustomize.toolkit.fluxcd.io/flux-system created",
        "gitrepository.source.toolkit.fluxcd.io/flux-system created",
      ].join("\n"),
    );
    expect(printedAt(r, 0, 2)).toBe(
      [
        "namespace/podinfo created",
        "namespace/web created",
        "configmap/prod-web-env-9dt8cbh57d created",
        "service/prod-web created",
        "deployment.apps/prod-web created",
        "poddisruptionbudget.policy/prod-web created",
        "horizontalpodautoscaler.autoscaling/prod-web created",
        "helmrelease.helm.toolkit.fluxcd.io/podinfo created",
        "helmrepository.source.toolkit.fluxcd.io/podinfo created",
      ].join("\n"),
    );
    // The HelmRelease patch (a custom resource: a JSON merge patch) keeps the base's values.
    expect(printedAt(r, 60, 2)).toBe(">=6.0.0 podinfo.production 7.0.6");
    // behavior: merge overrides LOG_LEVEL and keeps the base's other key.
    expect(printedAt(r, 60, 4)).toBe('{"FEATURE_CHECKOUT_V2":"false","LOG_LEVEL":"info"}');
    // images, the JSON 6902 patch and the component's labelSelector-targeted patch.
    expect(printedAt(r, 60, 5)).toBe("ghcr.io/acme/web:4.2.0 500m topology.kubernetes.io/zone");
    // The component's HPA follows the prefixed name (nameref) in the overlay's namespace.
    expect(printedAt(r, 60, 3)!.split("\n").slice(3, 5)).toEqual([
      "NAME                                           REFERENCE             TARGETS       MINPODS   MAXPODS   REPLICAS   AGE",
      "horizontalpodautoscaler.autoscaling/prod-web   Deployment/prod-web   cpu: 0%/70%   3         10        3          60s",
    ]);
  });

  it("Flux's kinds answer to their CRDs' short names", async () => {
    const r = await runFixture("test/fixtures/repos/flux-fleet/fleet.scn");
    // `kubectl get helmrelease -A`; the fleet's `get hr` line printed the release's fields.
    expect(printedAt(r, 60, 1)).toBe(["NAMESPACE   NAME      AGE", "podinfo     podinfo   60s"].join("\n"));
    const errors = (cmd: string) =>
      checkScenario(
        {
          text: `kubectl apply -k clusters/production/flux-system\nat 1m kubectl get ${cmd}\n`,
          file: "test/fixtures/repos/flux-fleet/f.scn",
        },
        { host: nodeHost() },
      )
        .diagnostics.filter((d) => d.severity === "error")
        .map((d) => d.message);
    expect(errors("ks,gitrepo -A")).toEqual([]);
    expect(errors("helmrepo -A")).toEqual(['the server doesn\'t have a resource type "helmrepo"']);
  });

  it("a kustomization file listed as a resource is still refused; another group's Kustomization is an object", () => {
    const io = (files: Record<string, string>): KustomizeIO => {
      const host = memoryHost(files);
      return { readFile: (p) => host.readFile(p), listDir: (p) => host.listDir?.(p) };
    };
    const top =
      "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- inner.yaml\n";
    const refused = buildKustomization(
      "k",
      io({
        "k/kustomization.yaml": top,
        "k/inner.yaml": "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n",
      }),
    );
    expect(refused.error?.message).toBe(
      "k/inner.yaml is a Kustomization: name its folder as the resource, not the file",
    );
    const flux = buildKustomization(
      "k",
      io({
        "k/kustomization.yaml": top,
        "k/inner.yaml":
          "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps, namespace: flux-system}\nspec: {path: ./apps}\n",
      }),
    );
    expect(flux.error).toBeUndefined();
    expect(flux.objects?.map((o) => [o.apiVersion, o.kind])).toEqual([
      ["kustomize.toolkit.fluxcd.io/v1", "Kustomization"],
    ]);
  });
});

describe("an API list saved as a kustomize resource (kubectl get --raw, a ConfigMapList)", () => {
  it("stands for its items, as resource/factory.go RNodesFromBytes expands any kind ending in List", () => {
    const io = (files: Record<string, string>): KustomizeIO => {
      const host = memoryHost(files);
      return { readFile: (p) => host.readFile(p), listDir: (p) => host.listDir?.(p) };
    };
    const top = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- cms.yaml\n";
    const cm = (name: string) => `{apiVersion: v1, kind: ConfigMap, metadata: {name: ${name}}, data: {k: v}}`;
    const built = buildKustomization(
      "k",
      io({
        "k/kustomization.yaml": top,
        "k/cms.yaml": `apiVersion: v1\nkind: ConfigMapList\nmetadata: {resourceVersion: "9912"}\nitems:\n- ${cm("a")}\n- ${cm("b")}\n---\napiVersion: v1\nkind: SecretList\nitems: null\n`,
      }),
    );
    expect(built.error).toBeUndefined();
    expect(built.objects?.map((o) => (o.metadata as { name: string }).name)).toEqual(["a", "b"]);
    const bad = buildKustomization(
      "k",
      io({ "k/kustomization.yaml": top, "k/cms.yaml": "apiVersion: v1\nkind: ConfigMapList\nitems: 3\n" }),
    );
    expect(bad.error?.message).toBe("expected array in ConfigMapList/items, but found int");
  });
});

describe("kube-prometheus-stack rendered with helm template and applied with kubectl", () => {
  it("applies every document in order, an empty one skipped; the hook Job runs and its TTL removes it", async () => {
    const r = await runFixture("test/fixtures/repos/kube-prometheus-stack/monitoring.scn");
    expect(r.failures).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[16, true]]);
    // The operator's kinds without their CRDs (helm template leaves crds/ out): stored, each warned of.
    expect(r.diagnostics.map((d) => [d.code, d.span.line])).toEqual([
      ["RC4101", 636],
      ["RC4101", 688],
      ["RC4101", 718],
    ]);
    const applied = printedAt(r, 0, 1)!.split("\n");
    expect(applied).toHaveLength(22);
    expect(applied.slice(13, 17)).toEqual([
      "daemonset.apps/kps-prometheus-node-exporter created",
      "deployment.apps/kps-kube-state-metrics created",
      "deployment.apps/kps-kube-prometheus-stack-operator created",
      "mutatingwebhookconfiguration.admissionregistration.k8s.io/kps-kube-prometheus-stack-admission created",
    ]);
    // kubectl applies a hook like any object: the Job completes, and ttlSecondsAfterFinished
    // (60 s) deletes it before 2m, so `get jobs` lists none.
    expect(r.events.filter((e) => e.reason === "Completed").map((e) => [e.time, e.message])).toEqual([
      [14, "Job completed"],
    ]);
    expect(printedAt(r, 120)).toBe(
      [
        "NAME                                          DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE",
        "daemonset.apps/kps-prometheus-node-exporter   3         3         3       3            3           kubernetes.io/os=linux   2m",
        "",
        "NAME                                                 READY   UP-TO-DATE   AVAILABLE   AGE",
        "deployment.apps/kps-kube-prometheus-stack-operator   1/1     1            1           2m",
        "deployment.apps/kps-kube-state-metrics               1/1     1            1           2m",
      ].join("\n"),
    );
    expect(printedAt(r, 120, 3)).toBe(
      [
        "NAME                                  WEBHOOKS   AGE",
        "kps-kube-prometheus-stack-admission   1          2m",
      ].join("\n"),
    );
  });
});
