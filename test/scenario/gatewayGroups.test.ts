/**
 * Istio with the Gateway API (test/fixtures/repos/istio-gateway-api: both CRD sets, Istio's
 * bookinfo Gateway and VirtualService, and the same entry point as a Gateway API Gateway and
 * HTTPRoute — both Gateways named bookinfo-gateway). Two groups define the kind Gateway; each
 * is served and stored apart (kinds/registry.ts keys), and kubectl resolves the words as its
 * RESTMapper does: a bare `gateway` is the first group in discovery order (apimachinery
 * meta/priority.go PriorityRESTMapper over restmapper.NewDiscoveryRESTMapper's group order:
 * the CRDs' groups share priority 1000, then sort by name, so `gateway.networking.k8s.io`
 * comes before `networking.istio.io`); `kind.group`, `resource.group`,
 * `resource.version.group`, each CRD's short names (`gw` Istio's, `gtw` the Gateway API's) and
 * categories (`istio-io`) name one. Found here: the second Gateway was never served
 * (`no matches for kind "Gateway"`), and every object was keyed by its kind name alone.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

const FILE = "test/fixtures/repos/istio-gateway-api/gateways.scn";

const runFixture = async (text = nodeHost().readFile(FILE)!) =>
  runScenario({ text, file: FILE }, { host: nodeHost() });

type Result = Awaited<ReturnType<typeof runFixture>>;

/** The text a kubectl line printed at `time` (seconds), the nth at that instant. */
const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;

describe("Istio's Gateway beside the Gateway API's (bookinfo)", () => {
  it("applies both, each under its own group", async () => {
    const r = await runFixture();
    expect(r.diagnostics).toEqual([]);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(printed(r, 0, 1)).toBe(
      [
        "gateway.networking.istio.io/bookinfo-gateway created",
        "virtualservice.networking.istio.io/bookinfo created",
      ].join("\n"),
    );
    expect(printed(r, 0, 2)).toBe(
      [
        "gateway.gateway.networking.k8s.io/bookinfo-gateway created",
        "httproute.gateway.networking.k8s.io/bookinfo created",
      ].join("\n"),
    );
    // Applied again: each object is found as itself, not as the other group's of its name.
    expect(printed(r, 15)).toBe(
      [
        "gateway.gateway.networking.k8s.io/bookinfo-gateway unchanged",
        "httproute.gateway.networking.k8s.io/bookinfo unchanged",
      ].join("\n"),
    );
  });

  it("resolves the bare word to the first group in discovery order, and every qualified word to its own", async () => {
    const r = await runFixture();
    const gatewayApi = [
      "NAME               CLASS   ADDRESS   PROGRAMMED   AGE",
      "bookinfo-gateway   istio   <none>    <none>       10s",
    ].join("\n");
    expect(printed(r, 10, 0)).toBe(gatewayApi);
    expect(printed(r, 10, 1)).toBe(["NAME               AGE", "bookinfo-gateway   10s"].join("\n"));
    // Two types: each table prints its names with their type, as kubectl does for several kinds.
    expect(printed(r, 10, 2)).toBe(
      [
        "NAME                                           AGE",
        "gateway.networking.istio.io/bookinfo-gateway   10s",
        "",
        "NAME                                                 CLASS   ADDRESS   PROGRAMMED   AGE",
        "gateway.gateway.networking.k8s.io/bookinfo-gateway   istio   <none>    <none>       10s",
      ].join("\n"),
    );
    expect(printed(r, 10, 3)).toBe("gateway.gateway.networking.k8s.io/bookinfo-gateway");
    expect(printed(r, 10, 4)).toBe("gateway.networking.k8s.io/v1 80");
    // The istio-io category: Istio's kinds only.
    expect(printed(r, 10, 5)).toBe(
      [
        "NAME                                           AGE",
        "gateway.networking.istio.io/bookinfo-gateway   10s",
        "",
        "NAME                                          GATEWAYS               HOSTS   AGE",
        'virtualservice.networking.istio.io/bookinfo   ["bookinfo-gateway"]   ["*"]   10s',
      ].join("\n"),
    );
    expect(printed(r, 10, 7)).toBe(
      [
        "NAME              SHORTNAMES   APIVERSION               NAMESPACED   KIND",
        "gateways          gw           networking.istio.io/v1   true         Gateway",
        "virtualservices   vs           networking.istio.io/v1   true         VirtualService",
      ].join("\n"),
    );
  });

  it("describes the group's object the qualified word names", async () => {
    const r = await runFixture();
    const text = printed(r, 10, 8)!;
    expect(text).toContain("API Version:  gateway.networking.k8s.io/v1\nKind:         Gateway\n");
    expect(text).toContain("  Gateway Class Name:  istio\n");
    expect(text).not.toContain("Selector");
  });

  it("deletes one group's Gateway and leaves the other's; a watch sees only its own group's", async () => {
    const r = await runFixture();
    expect(printed(r, 20, 0)).toBe(
      [
        'gateway.networking.istio.io "bookinfo-gateway" deleted',
        'virtualservice.networking.istio.io "bookinfo" deleted',
      ].join("\n"),
    );
    expect(printed(r, 20, 1)).toBe("No resources found in default namespace.");
    expect(printed(r, 20, 2)).toBe(
      [
        "NAME               CLASS   ADDRESS   PROGRAMMED   AGE",
        "bookinfo-gateway   istio   <none>    <none>       20s",
      ].join("\n"),
    );
    // `get gw -w` from 15s: its listing, then the deletion of Istio's Gateway and nothing else.
    const watched = r.output.filter((o) => o.line === 18).map((o) => [o.time, o.text]);
    expect(watched).toEqual([
      [15, "NAME               AGE\nbookinfo-gateway   15s"],
      [20, "bookinfo-gateway   20s"],
    ]);
  });

  it("labels, patches and waits on the group's object each word names, never the other's", async () => {
    const text = [
      "kubectl apply -f crds/",
      "kubectl apply -f bookinfo-gateway.yaml",
      "kubectl apply -f gateway-api.yaml",
      "at 1s kubectl label gw bookinfo-gateway tier=edge",
      `at 1s kubectl patch gtw bookinfo-gateway --type=merge -p '{"spec":{"gatewayClassName":"other"}}'`,
      "at 1s kubectl get gateways,gw --show-labels",
      "at 2s kubectl wait --for=delete gw/bookinfo-gateway --timeout=5s",
      "at 3s kubectl delete gw bookinfo-gateway",
      "run for 5s",
      "",
    ].join("\n");
    const r = await runFixture(text);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(printed(r, 1, 0)).toBe("gateway.networking.istio.io/bookinfo-gateway labeled");
    expect(printed(r, 1, 1)).toBe("gateway.gateway.networking.k8s.io/bookinfo-gateway patched");
    expect(printed(r, 1, 2)).toBe(
      [
        "NAME                                                 CLASS   ADDRESS   PROGRAMMED   AGE   LABELS",
        "gateway.gateway.networking.k8s.io/bookinfo-gateway   other   <none>    <none>       1s    <none>",
        "",
        "NAME                                           AGE   LABELS",
        "gateway.networking.istio.io/bookinfo-gateway   1s    tier=edge",
      ].join("\n"),
    );
    // The wait ends when Istio's Gateway goes, while the Gateway API's of the same name stays.
    expect(r.output.filter((o) => o.time === 3).map((o) => o.text)).toEqual([
      'gateway.networking.istio.io "bookinfo-gateway" deleted',
      "gateway.networking.istio.io/bookinfo-gateway condition met",
    ]);
  });

  it("resolves the bare word to the only Gateway served when one CRD is installed", async () => {
    const text = [
      "kubectl apply -f crds/istio-networking.yaml",
      "kubectl apply -f bookinfo-gateway.yaml",
      "at 1s kubectl get gateway -o name",
      "run for 2s",
      "",
    ].join("\n");
    const r = await runFixture(text);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(printed(r, 1)).toBe("gateway.networking.istio.io/bookinfo-gateway");
  });
});
