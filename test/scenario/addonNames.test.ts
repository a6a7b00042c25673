/**
 * The add-on kinds served without their CRDs answer to the CRDs' short names and serve every
 * version the CRD serves; an object of a custom resource reads back at its group's preferred
 * version, whichever served version it was written as (apiextensions-apiserver: conversion
 * None changes only apiVersion; the CRD discovery controller's PreferredVersion is the first
 * served version in kube-aware order, which kubectl reads at when it names no version).
 */
import { describe, expect, it } from "vitest";
import { checkScenario, runScenario } from "../../src/scenario/index.ts";

type Result = Awaited<ReturnType<typeof runScenario>>;

const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;

const doc = (apiVersion: string, kind: string, name: string) =>
  [`apiVersion: ${apiVersion}`, `kind: ${kind}`, `metadata: {name: ${name}}`].join("\n");

const scenario = (docs: string[], lines: string[]) =>
  ["manifest all = <<YAML", docs.join("\n---\n"), "YAML", "apply all", ...lines, "run for 2s", ""].join("\n");

describe("add-on kinds without their CRDs", () => {
  it("answer to the short names their CRDs declare", async () => {
    // keda.sh_scaledobjects.yaml [so], keda.sh_triggerauthentications.yaml [ta, triggerauth],
    // vpa-v1-crd-gen.yaml [vpa], argo-rollouts rollout-crd.yaml [ro], Istio's VirtualService [vs].
    const text = scenario(
      [
        doc("keda.sh/v1alpha1", "ScaledObject", "web"),
        doc("keda.sh/v1alpha1", "TriggerAuthentication", "auth"),
        doc("autoscaling.k8s.io/v1", "VerticalPodAutoscaler", "web"),
        doc("argoproj.io/v1alpha1", "Rollout", "web"),
        doc("networking.istio.io/v1", "VirtualService", "web"),
      ],
      ["at 1s kubectl get so,ta,vpa,ro,vs -o name", "at 1s kubectl get triggerauth -o name"],
    );
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(printed(r, 1)).toBe(
      [
        "scaledobject.keda.sh/web",
        "triggerauthentication.keda.sh/auth",
        "verticalpodautoscaler.autoscaling.k8s.io/web",
        "rollout.argoproj.io/web",
        "virtualservice.networking.istio.io/web",
      ].join("\n"),
    );
    expect(printed(r, 1, 1)).toBe("triggerauthentication.keda.sh/auth");
  });

  it("serve every version the add-on's CRD serves, each object read back at the preferred version", async () => {
    // Istio's networking kinds serve v1alpha3, v1beta1 and v1; the Gateway API's HTTPRoute v1
    // and v1beta1. kubectl reads at v1, the preferred version of both groups.
    const text = scenario(
      [
        doc("networking.istio.io/v1alpha3", "VirtualService", "old"),
        doc("networking.istio.io/v1", "VirtualService", "new"),
        doc("gateway.networking.k8s.io/v1beta1", "HTTPRoute", "beta"),
        doc("gateway.networking.k8s.io/v1", "HTTPRoute", "ga"),
      ],
      [
        "at 1s kubectl get vs,httproutes -o jsonpath='{range .items[*]}{.metadata.name} {.apiVersion}{\"\\n\"}{end}'",
        "at 1s apply all",
      ],
    );
    const r = await runScenario({ text, file: "s.scn" }, {});
    // One warning per kind, not per version.
    expect(r.diagnostics.map((d) => [d.code, d.message.slice(0, 40)])).toEqual([
      ["RC4101", "VirtualService (networking.istio.io/v1al"],
      ["RC4101", "HTTPRoute (gateway.networking.k8s.io/v1b"],
    ]);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(printed(r, 1)).toBe(
      [
        "new networking.istio.io/v1",
        "old networking.istio.io/v1",
        "beta gateway.networking.k8s.io/v1",
        "ga gateway.networking.k8s.io/v1",
      ].join("\n"),
    );
    // Applied again as written: the object read at the written version is the same, unchanged.
    expect(printed(r, 1, 1)).toBe(
      [
        "virtualservice.networking.istio.io/old unchanged",
        "virtualservice.networking.istio.io/new unchanged",
        "httproute.gateway.networking.k8s.io/beta unchanged",
        "httproute.gateway.networking.k8s.io/ga unchanged",
      ].join("\n"),
    );
  });

  it("a version the add-on's CRD does not serve stays kubectl's no matches", () => {
    const text = scenario([doc("networking.istio.io/v1alpha2", "VirtualService", "web")], []);
    const r = checkScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["RC5003", 'no matches for kind "VirtualService" in version "networking.istio.io/v1alpha2"'],
    ]);
  });
});

describe("a user's CRD with two served versions", () => {
  it("reads an object written as v1alpha1 and one written as v1 both as v1", async () => {
    const crd = [
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: {name: widgets.example.com}",
      "spec:",
      "  group: example.com",
      "  names: {kind: Widget, plural: widgets, singular: widget}",
      "  scope: Namespaced",
      "  versions:",
      "  - {name: v1alpha1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}",
      "  - {name: v1, served: true, storage: false, schema: {openAPIV3Schema: {type: object}}}",
    ].join("\n");
    const text = scenario(
      [crd, doc("example.com/v1alpha1", "Widget", "a"), doc("example.com/v1", "Widget", "b")],
      [
        "at 1s kubectl get widgets -o jsonpath='{range .items[*]}{.metadata.name} {.apiVersion}{\"\\n\"}{end}'",
      ],
    );
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect([r.status, r.failures]).toEqual(["passed", []]);
    // The storage version (v1alpha1) is not what a client reads: v1 is preferred.
    expect(printed(r, 1)).toBe("a example.com/v1\nb example.com/v1");
  });
});
