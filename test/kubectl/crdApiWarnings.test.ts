/**
 * A custom resource's deprecated version warns as apiextensions-apiserver warns: every request
 * to a version its CRD marks `deprecated: true` gets the version's deprecationWarning, else
 * `<group>/<version> <Kind> is deprecated; use …` (k8s.io/apiextensions-apiserver/pkg/apiserver/
 * customresource_handler.go: crdHandler.ServeHTTP, defaultDeprecationWarning), and kubectl
 * prints each once per command on stderr (client-go rest/warnings.go WarningWriter, kubectl's
 * cmd.go Deduplicate). The fixture (test/fixtures/repos/cert-manager-upgrade) is cert-manager
 * 1.5's Certificate CRD, abridged: v1alpha2 served and deprecated with the release's own text,
 * v1 served and stored; a Certificate in each.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/repos/cert-manager-upgrade/${name}`, import.meta.url), "utf8");

const CRD = fixture("crd.yaml");
const CERT_MANAGER =
  "Warning: cert-manager.io/v1alpha2 Certificate is deprecated in v1.4+, unavailable in v1.6+; use cert-manager.io/v1 Certificate\n";

/** cert-manager 1.6: v1alpha2 no longer served. */
const UNSERVED = CRD.replace("served: true\n    storage: false", "served: false\n    storage: false");
/** The same CRD without its own text: defaultDeprecationWarning's. */
const DEFAULT_TEXT = CRD.replace(/^ {4}deprecationWarning: .*\n/m, "");

const FILES: Record<string, string> = {
  "crd.yaml": CRD,
  "unserved.yaml": UNSERVED,
  "default-text.yaml": DEFAULT_TEXT,
  "certificate-v1alpha2.yaml": fixture("certificate-v1alpha2.yaml"),
  "certificate-v1.yaml": fixture("certificate-v1.yaml"),
  "two-v1alpha2.yaml": `${fixture("certificate-v1alpha2.yaml")}---\n${fixture("certificate-v1alpha2.yaml").replace(/shop/g, "admin")}`,
  "all-in-one.yaml": `${CRD}---\n${fixture("certificate-v1alpha2.yaml")}`,
};

function kubectl(crd = "crd.yaml") {
  const s = new Simulation();
  const options = { readFile: (p: string) => FILES[p] };
  const run = (line: string) => runKubectl(line, s, options);
  if (crd !== "") expect(run(`apply -f ${crd}`).stderr).toBe("");
  return run;
}

describe("a CRD version marked deprecated (cert-manager 1.5's v1alpha2)", () => {
  it("apply -f of a v1alpha2 Certificate prints the CRD's own warning before the result", () => {
    const r = kubectl()("apply -f certificate-v1alpha2.yaml");
    expect([r.exitCode, r.stderr, r.stdout]).toEqual([
      0,
      CERT_MANAGER,
      "certificate.cert-manager.io/shop-tls created\n",
    ]);
  });

  it("a v1 Certificate, and get with no version (the preferred v1), warn of nothing", () => {
    const k = kubectl();
    expect(k("apply -f certificate-v1.yaml").stderr).toBe("");
    k("apply -f certificate-v1alpha2.yaml");
    const r = k("get certificates");
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("NAME       SECRET     AGE\napi-tls    api-tls    0s\nshop-tls   shop-tls   0s\n");
  });

  it("get naming the version (resource.version.group), describe -f and delete -f warn, once per command", () => {
    const k = kubectl();
    expect(k("apply -f two-v1alpha2.yaml").stderr).toBe(CERT_MANAGER);
    expect(k("get certificates.v1alpha2.cert-manager.io shop-tls -o name")).toMatchObject({
      stderr: CERT_MANAGER,
      stdout: "certificate.cert-manager.io/shop-tls\n",
    });
    const d = k("describe -f certificate-v1alpha2.yaml");
    expect(d.stderr).toBe(CERT_MANAGER);
    expect(d.stdout).toMatch(/^Name: {9}shop-tls\n/);
    expect(k("delete -f two-v1alpha2.yaml")).toMatchObject({
      stderr: CERT_MANAGER,
      stdout:
        'certificate.cert-manager.io "shop-tls" deleted\ncertificate.cert-manager.io "admin-tls" deleted\n',
    });
  });

  it("the CRD and a v1alpha2 Certificate in one file: refused unsent the first time, the second time its request warns", () => {
    // apply.go Run maps every object before it sends the CRD (GetObjects): the Certificate is
    // refused by the RESTMapper, sends no request and gets no warning; run again, it is sent.
    const run = kubectl("");
    const first = run("apply -f all-in-one.yaml");
    expect([first.exitCode, first.stdout, first.stderr]).toEqual([
      1,
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io created\n",
      'error: resource mapping not found for name: "shop-tls" namespace: "" from "all-in-one.yaml": no matches for kind "Certificate" in version "cert-manager.io/v1alpha2"\nensure CRDs are installed first\n',
    ]);
    const r = run("apply -f all-in-one.yaml");
    expect(r.stderr).toBe(CERT_MANAGER);
    expect(r.stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io unchanged\ncertificate.cert-manager.io/shop-tls created\n",
    );
  });

  it("a client-side dry run of create sends nothing, and warns of nothing", () => {
    expect(kubectl()("create -f certificate-v1alpha2.yaml --dry-run=client").stderr).toBe("");
  });

  it("without its own text: defaultDeprecationWarning's, naming the served v1", () => {
    const r = kubectl("default-text.yaml")("apply -f certificate-v1alpha2.yaml");
    expect(r.stderr).toBe(
      "Warning: cert-manager.io/v1alpha2 Certificate is deprecated; use cert-manager.io/v1 Certificate\n",
    );
  });

  it("the CRD applied again with v1alpha2 deprecated (an add-on's upgrade) warns from then on", () => {
    // crdHandler reads the CRD from its lister at every request: the stored one, as updated.
    const s = new Simulation();
    const files: Record<string, string> = {
      ...FILES,
      "old.yaml": CRD.replace("    deprecated: true\n", "").replace(/^ {4}deprecationWarning: .*\n/m, ""),
    };
    const run = (line: string) => runKubectl(line, s, { readFile: (p: string) => files[p] });
    run("apply -f old.yaml");
    expect(run("apply -f certificate-v1alpha2.yaml").stderr).toBe("");
    expect(run("apply -f crd.yaml").stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io configured\n",
    );
    expect(run("get certificates.v1alpha2.cert-manager.io -o name").stderr).toBe(CERT_MANAGER);
  });
});

describe("a CRD version not served (cert-manager 1.6's v1alpha2)", () => {
  it("is refused as kubectl's RESTMapper refuses a kind no served version maps: no request, no warning", () => {
    const r = kubectl("unserved.yaml")("apply -f certificate-v1alpha2.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      'error: resource mapping not found for name: "shop-tls" namespace: "" from "certificate-v1alpha2.yaml": no matches for kind "Certificate" in version "cert-manager.io/v1alpha2"\nensure CRDs are installed first\n',
    );
  });
});
