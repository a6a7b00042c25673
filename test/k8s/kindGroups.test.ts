/**
 * Kinds told apart by API group where two groups define one kind name (Istio's
 * `networking.istio.io` Gateway and the Gateway API's `gateway.networking.k8s.io` Gateway):
 * the registry's keys, kubectl's resolution of resource words (apimachinery meta/priority.go
 * PriorityRESTMapper: the first group in discovery order; cli-runtime restmapper shortcut.go
 * expandResourceShortcut: a short name keeps its group), and the API server's store under
 * those keys (create, AlreadyExists, delete, a CRD's deletion taking only its own kind's objects).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { KindConflictError } from "../../src/k8s/kinds/registry.ts";
import { storedKind } from "../../src/k8s/kinds/stored/storedKind.ts";
import { loadManifests } from "../../src/k8s/manifest.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { runScenario } from "../../src/scenario/index.ts";

const istioGateway = storedKind({
  kind: "Gateway",
  group: "networking.istio.io",
  versions: ["v1alpha3", "v1beta1", "v1"],
  namespaced: true,
  plural: "gateways",
  shortNames: ["gw"],
});
const apiGateway = storedKind({
  kind: "Gateway",
  group: "gateway.networking.k8s.io",
  versions: ["v1", "v1beta1"],
  namespaced: true,
  plural: "gateways",
  shortNames: ["gtw"],
});

describe("the kind registry with one kind name in two groups", () => {
  it("keys the first registered by its name and the second by Kind.group (schema.GroupKind's text)", () => {
    const kinds = builtinKinds.extend().register(istioGateway).register(apiGateway);
    expect(kinds.key(istioGateway)).toBe("Gateway");
    expect(kinds.key(apiGateway)).toBe("Gateway.gateway.networking.k8s.io");
    expect(kinds.get("Gateway")).toBe(istioGateway);
    expect(kinds.get("Gateway.gateway.networking.k8s.io")).toBe(apiGateway);
    expect(kinds.keyOf({ apiVersion: "gateway.networking.k8s.io/v1beta1", kind: "Gateway" })).toBe(
      "Gateway.gateway.networking.k8s.io",
    );
    expect(kinds.keyOf({ apiVersion: "networking.istio.io/v1alpha3", kind: "Gateway" })).toBe("Gateway");
    // A built-in kind's key is its name, whatever the registry holds.
    expect(kinds.keyOf({ apiVersion: "v1", kind: "Pod" })).toBe("Pod");
    expect(kinds.served("gateway.networking.k8s.io/v1", "Gateway")).toBe(apiGateway);
    expect(kinds.served("networking.istio.io/v1", "Gateway")).toBe(istioGateway);
    expect(kinds.served("gateway.networking.k8s.io/v1alpha2", "Gateway")).toBeUndefined();
    expect(kinds.named("Gateway")).toEqual([istioGateway, apiGateway]);
  });

  it("resolves a word both groups answer to by discovery order, whichever registered first", () => {
    for (const kinds of [
      builtinKinds.extend().register(istioGateway).register(apiGateway),
      builtinKinds.extend().register(apiGateway).register(istioGateway),
    ]) {
      // Both CRD groups have priority 1000; `gateway.networking.k8s.io` sorts first by name.
      for (const w of ["gateway", "gateways", "Gateway", "GATEWAYS"])
        expect(kinds.resource(w)).toBe(apiGateway);
      for (const w of [
        "gw",
        "gateways.networking.istio.io",
        "gateway.networking.istio.io",
        "gw.networking.istio.io",
      ])
        expect(kinds.resource(w)).toBe(istioGateway);
      expect(kinds.resource("gateways.v1beta1.networking.istio.io")).toBe(istioGateway);
      for (const w of ["gtw", "gateways.gateway.networking.k8s.io", "gateway.v1.gateway.networking.k8s.io"])
        expect(kinds.resource(w)).toBe(apiGateway);
    }
  });

  it("takes a word that is one resource's plural for it, not for an earlier group's short name (shortcut.go)", () => {
    const gadget = storedKind({
      kind: "Gadget",
      group: "a.example.com",
      versions: ["v1"],
      namespaced: true,
      plural: "gadgets",
      shortNames: ["widgets"],
    });
    const widget = storedKind({
      kind: "Widget",
      group: "b.example.com",
      versions: ["v1"],
      namespaced: true,
      plural: "widgets",
      shortNames: ["wd"],
    });
    const kinds = builtinKinds.extend().register(gadget).register(widget);
    expect(kinds.resource("widgets")).toBe(widget);
    expect(kinds.resource("widgets.a.example.com")).toBe(gadget);
    expect(kinds.resource("wd")).toBe(widget);
  });

  it("keeps a kind's Kind.group key once the other group's kind is gone", () => {
    const kinds = builtinKinds.extend().register(istioGateway).register(apiGateway);
    expect(kinds.unregister("Gateway")).toBe(true);
    expect(kinds.keyOf({ apiVersion: "gateway.networking.k8s.io/v1", kind: "Gateway" })).toBe(
      "Gateway.gateway.networking.k8s.io",
    );
    expect(kinds.resource("gateways")).toBe(apiGateway);
    expect(kinds.resource("gw")).toBeUndefined();
    expect(kinds.served("networking.istio.io/v1", "Gateway")).toBeUndefined();
    // Registered again, Istio's takes the name's key, which is free.
    kinds.register(istioGateway);
    expect(kinds.key(istioGateway)).toBe("Gateway");
    expect(kinds.resource("gw")).toBe(istioGateway);
  });

  it("refuses a second kind of one group and name, and a simulated kind taking a name already served", () => {
    const kinds = builtinKinds.extend().register(istioGateway);
    expect(() => kinds.register({ ...istioGateway })).toThrow(KindConflictError);
    // Another group's Pod stored as written is served under Pod.example.com; the simulated
    // built-in keeps the name, so every check of the key "Pod" is core's.
    const pod = storedKind({
      kind: "Pod",
      group: "example.com",
      versions: ["v1"],
      namespaced: true,
      plural: "pods",
    });
    kinds.register(pod);
    expect(kinds.key(pod)).toBe("Pod.example.com");
    expect(kinds.keyOf({ apiVersion: "v1", kind: "Pod" })).toBe("Pod");
    expect(kinds.keyOf({ apiVersion: "example.com/v1", kind: "Pod" })).toBe("Pod.example.com");
    expect(kinds.resource("pods")).toBe(builtinKinds.get("Pod"));
    expect(kinds.resource("pods.example.com")).toBe(pod);
    // A simulated kind is never the later one of a name: its objects are routed by the name.
    const simulated = { ...pod, group: "example.org", simulated: true };
    expect(() => builtinKinds.extend().register(simulated)).toThrow(/kind Pod is already registered/);
  });
});

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/repos/istio-gateway-api/${name}`, import.meta.url), "utf8");

const load = (text: string, file: string) =>
  loadManifests(text, { file, admit: { kinds: builtinKinds.extend() } }).objects.map((o) => o.object);

/** Both CRD sets applied, then Istio's bookinfo Gateway and the Gateway API's of the same name. */
function cluster(): Simulation {
  const s = new Simulation();
  for (const f of [
    "crds/gateway-api.yaml",
    "crds/istio-networking.yaml",
    "bookinfo-gateway.yaml",
    "gateway-api.yaml",
  ])
    expect(applyObjects(load(fixture(f), f), s, f).stderr).toBe("");
  return s;
}

describe("the API server's store with one kind name in two groups", () => {
  it("stores each group's Gateway under its own key", () => {
    const s = cluster();
    const istio = s.api.get("Gateway.networking.istio.io", "default", "bookinfo-gateway");
    const api = s.api.get("Gateway", "default", "bookinfo-gateway");
    expect(istio?.apiVersion).toBe("networking.istio.io/v1");
    expect(api?.apiVersion).toBe("gateway.networking.k8s.io/v1");
    expect(istio?.metadata.uid).not.toBe(api?.metadata.uid);
  });

  it("answers AlreadyExists with the group's resource", () => {
    const s = cluster();
    const r = runKubectl("kubectl create -f bookinfo-gateway.yaml", s, {
      readFile: (p) => (p === "bookinfo-gateway.yaml" ? fixture(p) : undefined),
    });
    expect(r.stderr).toBe(
      [
        'Error from server (AlreadyExists): error when creating "bookinfo-gateway.yaml": gateways.networking.istio.io "bookinfo-gateway" already exists',
        'Error from server (AlreadyExists): error when creating "bookinfo-gateway.yaml": virtualservices.networking.istio.io "bookinfo" already exists',
        "",
      ].join("\n"),
    );
  });

  it("deletes only the Gateways of the CRD deleted (crd_finalizer.go), and that kind with them", () => {
    const s = cluster();
    const r = runKubectl("kubectl delete crd gateways.networking.istio.io", s);
    expect(r.stdout).toBe(
      'customresourcedefinition.apiextensions.k8s.io "gateways.networking.istio.io" deleted\n',
    );
    expect(s.api.get("Gateway.networking.istio.io", "default", "bookinfo-gateway")).toBeUndefined();
    expect(runKubectl("kubectl get gateways -o name", s).stdout).toBe(
      "gateway.gateway.networking.k8s.io/bookinfo-gateway\n",
    );
    expect(runKubectl("kubectl get gw", s).stderr).toBe(
      'error: the server doesn\'t have a resource type "gw"\n',
    );
  });
});

describe("the garbage collector's owner check with one kind name in two groups", () => {
  // garbagecollector.go isDangling: the owner looked up by the reference's group, version and
  // kind; absent (not found, or found with another uid) takes the dependent away.
  const owned = (uid: string) => ({
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: {
      name: `routes-${uid}`,
      namespace: "default",
      ownerReferences: [
        { apiVersion: "networking.istio.io/v1", kind: "Gateway", name: "bookinfo-gateway", uid },
      ],
    },
  });

  it("finds an owner of the kind keyed Kind.group, and collects a dependent whose owner has another uid", () => {
    const s = cluster();
    const istio = s.api.get("Gateway.networking.istio.io", "default", "bookinfo-gateway")!;
    s.api.create(owned(istio.metadata.uid!) as never);
    s.api.create(owned("not-the-owner") as never);
    expect(s.api.get("ConfigMap", "default", `routes-${istio.metadata.uid}`)).toBeDefined();
    expect(s.api.get("ConfigMap", "default", "routes-not-the-owner")).toBeUndefined();
  });
});

describe("a CRD's kind of a built-in stored kind's name (Calico's NetworkPolicy)", () => {
  it("serves it beside networking.k8s.io's, which the bare words keep (group priority 17200 over 1000)", async () => {
    // projectcalico's crd.projectcalico.org_networkpolicies.yaml, abridged.
    const text = [
      "manifest all = <<YAML",
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: {name: networkpolicies.crd.projectcalico.org}",
      "spec:",
      "  group: crd.projectcalico.org",
      "  names: {kind: NetworkPolicy, listKind: NetworkPolicyList, plural: networkpolicies, singular: networkpolicy}",
      "  scope: Namespaced",
      "  versions:",
      "  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}",
      "---",
      "apiVersion: crd.projectcalico.org/v1",
      "kind: NetworkPolicy",
      "metadata: {name: deny-all}",
      "spec: {selector: all(), types: [Ingress]}",
      "---",
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: {name: deny-all}",
      "spec: {podSelector: {}}",
      "YAML",
      "apply all",
      "at 1s kubectl get networkpolicies",
      "at 1s kubectl get netpol,networkpolicies.crd.projectcalico.org -o name",
      "run for 2s",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect([r.diagnostics, r.status, r.failures]).toEqual([[], "passed", []]);
    const at1 = r.output.filter((o) => o.time === 1).map((o) => o.text);
    expect(at1).toEqual([
      ["NAME       POD-SELECTOR   AGE", "deny-all   <none>         1s"].join("\n"),
      ["networkpolicy.networking.k8s.io/deny-all", "networkpolicy.crd.projectcalico.org/deny-all"].join("\n"),
    ]);
  });
});

describe("two add-ons' Gateways without their CRDs", () => {
  it("serves both, as each add-on's CRD would (the first applied no longer keeps the name)", async () => {
    const text = [
      "manifest gws = <<YAML",
      "apiVersion: networking.istio.io/v1",
      "kind: Gateway",
      "metadata: {name: edge}",
      "---",
      "apiVersion: gateway.networking.k8s.io/v1",
      "kind: Gateway",
      "metadata: {name: edge}",
      "spec: {gatewayClassName: istio}",
      "YAML",
      "apply gws",
      "at 1s kubectl get gateways,gateways.networking.istio.io -o name",
      "run for 2s",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(r.diagnostics.map((d) => [d.code, d.message.slice(0, 41)])).toEqual([
      ["RC4101", "Gateway (networking.istio.io/v1) is Istio"],
      ["RC4101", "Gateway (gateway.networking.k8s.io/v1) is"],
    ]);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(r.output.find((o) => o.time === 1)?.text).toBe(
      ["gateway.gateway.networking.k8s.io/edge", "gateway.networking.istio.io/edge"].join("\n"),
    );
  });
});
