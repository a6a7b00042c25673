/**
 * A repository mid-way to cert-manager.io/v1 (test/fixtures/repos/cert-manager-upgrade:
 * cert-manager 1.5's Certificate CRD, abridged, with v1alpha2 served and deprecated, and a
 * Certificate in each version). A run prints apiextensions-apiserver's warning where kubectl
 * would (customresource_handler.go crdHandler.ServeHTTP: every request to the deprecated
 * version), and `replicast check` reports the v1alpha2 manifest as RC4120 — the code of the
 * built-in versions' deprecation warning — with the CRD's text and the served v1 as the hint.
 */
import { describe, expect, it } from "vitest";
import { checkWith } from "../../src/scenario/api.ts";
import { checkServices } from "../../src/scenario/checkServices.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";
import type { ScenarioServices } from "../../src/scenario/services.ts";

const DIR = "test/fixtures/repos/cert-manager-upgrade";
const FILE = `${DIR}/certificates.scn`;
const WARNING =
  "cert-manager.io/v1alpha2 Certificate is deprecated in v1.4+, unavailable in v1.6+; use cert-manager.io/v1 Certificate";

describe("cert-manager: a Certificate in the deprecated v1alpha2 beside one in v1", () => {
  it("a run prints the warning for each command that sends a v1alpha2 request, and passes", async () => {
    const r = await runScenario({ text: nodeHost().readFile(FILE)!, file: FILE }, { host: nodeHost() });
    expect(r.diagnostics).toEqual([]);
    expect([r.status, r.failures]).toEqual(["passed", []]);
    const at = (time: number) => r.output.filter((o) => o.time === time).map((o) => o.text);
    expect(at(0)).toEqual([
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io created",
      `Warning: ${WARNING}\ncertificate.cert-manager.io/shop-tls created`,
      "certificate.cert-manager.io/api-tls created",
    ]);
    expect(at(10)).toEqual([
      "NAME       SECRET     AGE\napi-tls    api-tls    10s\nshop-tls   shop-tls   10s",
      `Warning: ${WARNING}\ncertificate.cert-manager.io/shop-tls`,
      `Warning: ${WARNING}\n  Secret Name:  shop-tls`,
    ]);
    expect(at(20)).toEqual([
      `Warning: ${WARNING}\ncertificate.cert-manager.io "shop-tls" deleted\ncertificate.cert-manager.io "api-tls" deleted`,
    ]);
  });

  it("check: RC4120 at the v1alpha2 manifest's apiVersion, for the CRD the scenario applies first", () => {
    const check = (text: string) =>
      checkWith(checkServices as ScenarioServices, text, FILE, {
        host: nodeHost(),
        diagnosticsOnly: true,
        deprecations: true,
      }).diagnostics.map((d) => [
        d.code,
        d.severity,
        d.file,
        `${d.span.line}:${d.span.col}`,
        d.message,
        d.hint,
      ]);
    const text = nodeHost().readFile(FILE)!;
    expect(check(text)).toEqual([
      [
        "RC4120",
        "warning",
        `${DIR}/certificate-v1alpha2.yaml`,
        "2:13",
        `${WARNING} (the API server of kubectl.version 1.34 sends this warning with every request to it)`,
        "use cert-manager.io/v1 Certificate",
      ],
    ]);
    // Without the CRD, cert-manager's kind is assumed from its first object (RC4101): no CRD deprecates v1alpha2.
    expect(check(text.replace("kubectl apply -f crd.yaml\n", "")).filter((d) => d[0] === "RC4120")).toEqual(
      [],
    );
  });
});

describe("cert-manager: the 1.6 CRD stops serving v1alpha2", () => {
  const UPGRADE = `${DIR}/upgrade.scn`;

  it("check passes the line naming v1alpha2 after the upgrade (a plan keeps every version once served); the run fails it as kubectl does", async () => {
    const text = nodeHost().readFile(UPGRADE)!;
    const checked = checkWith(checkServices as ScenarioServices, text, UPGRADE, {
      host: nodeHost(),
      diagnosticsOnly: true,
    });
    expect(checked.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const r = await runScenario({ text, file: UPGRADE }, { host: nodeHost() });
    const at = (time: number) => r.output.filter((o) => o.time === time).map((o) => o.text);
    expect(at(5)).toEqual([`Warning: ${WARNING}\ncert-manager.io/v1alpha2`]);
    expect(at(10)).toEqual([
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io configured",
      "cert-manager.io/v1",
      'error: the server doesn\'t have a resource type "certificates"',
    ]);
    expect(r.failures.map((f) => [f.line, f.command])).toEqual([
      [11, "kubectl get certificates.v1alpha2.cert-manager.io"],
    ]);
  });
});
