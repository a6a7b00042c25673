/**
 * The scale subresource of custom resources: an HPA and `kubectl scale` on a kind a CRD
 * defines with `subresources.scale` (a user's own CRD, and Argo's Rollout stored through its
 * implicit add-on CRD), as apiextensions-apiserver serves /scale
 * (pkg/registry/customresource/etcd.go ScaleREST, scaleFromCustomResource;
 * pkg/apiserver/customresource_handler.go ServeHTTP for a kind without one) and the HPA
 * controller reads it (pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler,
 * validateAndParseSelector).
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";

type Result = Awaited<ReturnType<typeof runScenario>>;

/** The text a kubectl line printed at `time` (seconds), the nth at that instant. */
const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;

/** The HPA events of one HPA, each reason and message once, in order. */
const hpaEvents = (r: Result, name: string) => [
  ...new Set(
    r.events
      .filter((e) => e.object === `horizontalpodautoscaler/${name}`)
      .map((e) => `${e.reason}: ${e.message}`),
  ),
];

const hpaOn = (name: string, apiVersion: string, kind: string, target: string) => [
  `manifest hpa_${name} = <<YAML`,
  "apiVersion: autoscaling/v2",
  "kind: HorizontalPodAutoscaler",
  `metadata: {name: ${name}}`,
  "spec:",
  `  scaleTargetRef: {apiVersion: ${apiVersion}, kind: ${kind}, name: ${target}}`,
  "  minReplicas: 1",
  "  maxReplicas: 10",
  "  metrics:",
  "  - type: Resource",
  "    resource: {name: cpu, target: {type: Utilization, averageUtilization: 50}}",
  "YAML",
];

const rollout = (name: string, spec: string) => [
  `manifest ${name} = <<YAML`,
  "apiVersion: argoproj.io/v1alpha1",
  "kind: Rollout",
  `metadata: {name: ${name}}`,
  `spec: ${spec}`,
  "YAML",
];

describe("an HPA on a custom resource with a scale subresource", () => {
  it("reads and writes a user's CRD kind's /scale through the paths its CRD names", async () => {
    // The Widget's status (no status subresource, so kept as applied) names the Deployment's
    // pods: the HPA reads their CPU and writes the Widget's spec.replicas. Nothing runs a
    // Widget controller, so the pods stay 2 and the HPA stays at ceil(2 × 150/50) = 3.
    const text = [
      "manifest crd = <<YAML",
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: {name: widgets.example.com}",
      "spec:",
      "  group: example.com",
      "  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd]}",
      "  scope: Namespaced",
      "  versions:",
      "  - name: v1",
      "    served: true",
      "    storage: true",
      "    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}",
      "    subresources:",
      "      scale: {specReplicasPath: .spec.size, statusReplicasPath: .status.count, labelSelectorPath: .status.selector}",
      "YAML",
      "manifest w = <<YAML",
      "apiVersion: example.com/v1",
      "kind: Widget",
      "metadata: {name: web}",
      "spec: {size: 2}",
      "status: {count: 2, selector: app=web}",
      "YAML",
      "manifest deploy = <<YAML",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata: {name: web}",
      "spec:",
      "  replicas: 2",
      "  selector: {matchLabels: {app: web}}",
      "  template:",
      "    metadata: {labels: {app: web}}",
      "    spec: {containers: [{name: web, image: nginx, resources: {requests: {cpu: 100m}}}]}",
      "YAML",
      ...hpaOn("web", "example.com/v1", "Widget", "web"),
      "apply crd",
      "apply w",
      "apply deploy",
      "apply hpa_web",
      "at 1m load deployment/web cpu 150%",
      "at 3m kubectl get hpa web",
      "at 3m kubectl get wd web -o jsonpath='{.spec.size} {.metadata.generation}'",
      "at 4m5s kubectl scale widget web --current-replicas=3 --replicas=5",
      "at 4m6s kubectl get wd web -o jsonpath='{.spec.size}'",
      "at 4m20s kubectl get wd web -o jsonpath='{.spec.size}'",
      "run for 5m",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics).toEqual([]);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(hpaEvents(r, "web")).toContain(
      "SuccessfulRescale: New size: 3; reason: cpu resource utilization (percentage of request) above target",
    );
    expect(printed(r, 180)).toBe(
      [
        "NAME   REFERENCE    TARGETS        MINPODS   MAXPODS   REPLICAS   AGE",
        "web    Widget/web   cpu: 75%/50%   1         10        3          3m",
      ].join("\n"),
    );
    // The HPA's write went to specReplicasPath, bumping the generation as any spec update does.
    expect(printed(r, 180, 1)).toBe("3 2");
    expect(printed(r, 245)).toBe("widget.example.com/web scaled");
    expect(printed(r, 246)).toBe("5");
    // The HPA's next sync (4m15s) puts its own count back, as it does for a Deployment.
    expect(printed(r, 260)).toBe("3");
  });

  it("an Argo Rollout (the add-on's CRD declares /scale): its empty status gives no selector", async () => {
    // Nothing runs Argo Rollouts, so status.selector (labelSelectorPath) stays empty: the scale
    // reads spec.replicas 4 and no selector, and validateAndParseSelector stops the sync with
    // SelectorRequired and ScalingActive False InvalidSelector (horizontal.go).
    const text = [
      ...rollout("checkout", "{replicas: 4, selector: {matchLabels: {app: checkout}}}"),
      ...hpaOn("checkout", "argoproj.io/v1alpha1", "Rollout", "checkout"),
      "apply checkout",
      "apply hpa_checkout",
      "at 2m kubectl get hpa checkout",
      "at 2m kubectl describe hpa checkout",
      "run for 3m",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics.map((d) => d.code)).toEqual(["RC4101"]);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(hpaEvents(r, "checkout")).toEqual([
      "SelectorRequired: selector is required",
      "FailedComputeMetricsReplicas: selector is required",
    ]);
    expect(printed(r, 120)).toBe(
      [
        "NAME       REFERENCE          TARGETS              MINPODS   MAXPODS   REPLICAS   AGE",
        "checkout   Rollout/checkout   cpu: <unknown>/50%   1         10        4          2m",
      ].join("\n"),
    );
    expect(printed(r, 120, 1)).toContain(
      [
        "  AbleToScale    True    SucceededGetScale  the HPA controller was able to get the target's current scale",
        "  ScalingActive  False   InvalidSelector    the HPA target's scale is missing a selector",
      ].join("\n"),
    );
  });

  it("a Rollout without spec.replicas, a missing one, and a kind without /scale fail the GET as the API server does", async () => {
    const text = [
      ...rollout("bare", "{}"),
      "manifest so = <<YAML",
      "apiVersion: keda.sh/v1alpha1",
      "kind: ScaledObject",
      "metadata: {name: web}",
      "spec: {scaleTargetRef: {name: web}}",
      "YAML",
      ...hpaOn("h1", "argoproj.io/v1alpha1", "Rollout", "bare"),
      ...hpaOn("h2", "argoproj.io/v1alpha1", "Rollout", "gone"),
      ...hpaOn("h3", "keda.sh/v1alpha1", "ScaledObject", "web"),
      "apply bare",
      "apply so",
      "apply hpa_h1",
      "apply hpa_h2",
      "apply hpa_h3",
      "run for 1m",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect([r.status, r.failures]).toEqual(["passed", []]);
    // ScaleREST.Get: the spec replicas field absent → NewInternalError.
    expect(hpaEvents(r, "h1")).toEqual([
      'FailedGetScale: Internal error occurred: the spec replicas field ".spec.replicas" does not exist',
    ]);
    // The custom resource's store answers for its ScaleREST: the resource's own NotFound.
    expect(hpaEvents(r, "h2")).toEqual(['FailedGetScale: rollouts.argoproj.io "gone" not found']);
    // KEDA's ScaledObject CRD declares no scale subresource: crdHandler's NotFound.
    expect(hpaEvents(r, "h3")).toEqual(['FailedGetScale: scaledobjects.keda.sh "web" not found']);
  });
});

describe("kubectl scale on a custom resource", () => {
  it("writes the scale's spec replicas path; the precondition and a kind without /scale fail as the server answers", async () => {
    const text = [
      ...rollout("checkout", "{replicas: 4}"),
      ...rollout("bare", "{}"),
      "manifest so = <<YAML",
      "apiVersion: keda.sh/v1alpha1",
      "kind: ScaledObject",
      "metadata: {name: web}",
      "spec: {scaleTargetRef: {name: web}}",
      "YAML",
      "apply checkout",
      "apply bare",
      "apply so",
      // argo-rollouts rollout-crd.yaml: shortNames [ro].
      "at 10s kubectl scale ro/checkout --current-replicas=4 --replicas=6",
      "at 11s kubectl scale rollout checkout --current-replicas=4 --replicas=7",
      "at 12s kubectl scale rollout bare --current-replicas=1 --replicas=2",
      "at 13s kubectl scale rollout bare --replicas=2",
      "at 14s kubectl scale scaledobject web --replicas=2",
      "at 15s kubectl get ro -o jsonpath='{range .items[*]}{.metadata.name}={.spec.replicas} {end}'",
      "run for 20s",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(printed(r, 10)).toBe("rollout.argoproj.io/checkout scaled");
    expect(printed(r, 11)).toBe("error: Expected replicas to be 4, was 6");
    // kubectl's precondition GETs /scale first, which ScaleREST.Get refuses without the field;
    // a PATCH without one sets it (scaleUpdatedObjectInfo).
    expect(printed(r, 12)).toBe(
      'Error from server (InternalError): Internal error occurred: the spec replicas field ".spec.replicas" does not exist',
    );
    expect(printed(r, 13)).toBe("rollout.argoproj.io/bare scaled");
    expect(printed(r, 14)).toBe('Error from server (NotFound): scaledobjects.keda.sh "web" not found');
    expect(printed(r, 15)).toBe("bare=2 checkout=6");
  });
});
