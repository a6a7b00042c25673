/**
 * A CustomResourceDefinition as the API server serves it from revision to revision, and its
 * objects as reads return them (test/fixtures/repos/cert-manager-upgrade: cert-manager 1.5's
 * Certificate CRD, abridged — v1alpha2 served and deprecated, v1 served and stored — and 1.6's,
 * which no longer serves v1alpha2).
 *
 * - A CRD applied again is served as its new revision says (apiextensions-apiserver
 *   pkg/apiserver/customresource_handler.go: crdHandler.updateCustomResourceDefinition drops
 *   the serving info, getOrCreateServingInfoFor builds it from the new spec).
 * - kubectl's errors for a version no longer served: cli-runtime resource/builder.go
 *   mappingFor (`the server doesn't have a resource type "certificates"`, the resource part of
 *   RESOURCE.VERSION.GROUP) and the resource builder's mapping of a file's object
 *   (`resource mapping not found … no matches for kind`, meta.NoKindMatchError).
 * - Reads in another version with `conversion.strategy: None`: apiVersion set, nothing else
 *   (apiextensions-apiserver pkg/apiserver/conversion/nop_converter.go); a request naming no
 *   version reads the group's preferred one (the first served in
 *   version.CompareKubeAwareVersionStrings order).
 * - `delete -f` of a file holding the CRD before its objects: the CRD's deletion takes them
 *   (the finalizer customresourcecleanup.apiextensions.k8s.io, apiextensions-apiserver
 *   pkg/controller/finalizer/crd_finalizer.go), and kubectl, which mapped every object of the
 *   file with the discovery it read first, still sends their DELETEs: crdHandler no longer
 *   knows the resource and the 404 is the API server's plain one, worded by client-go
 *   (apimachinery pkg/api/errors NewGenericServerResponse) and prefixed with the file
 *   (kubectl cmdutil.AddSourceToErr "deleting").
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/repos/cert-manager-upgrade/${name}`, import.meta.url), "utf8");

const CRD = fixture("crd.yaml");
const CRD_16 = fixture("crd-1.6.yaml");
const CERT_V1ALPHA2 = fixture("certificate-v1alpha2.yaml");
const CERT_V1 = fixture("certificate-v1.yaml");
/** An earlier cert-manager's CRD: v1alpha2 alone, served and stored, not deprecated. */
const CRD_V1ALPHA2_ONLY = CRD.slice(0, CRD.indexOf("  - name: v1\n"))
  .replace("storage: false", "storage: true")
  .replace("    deprecated: true\n", "")
  .replace(/^ {4}deprecationWarning: .*\n/m, "");
const WARNING =
  "Warning: cert-manager.io/v1alpha2 Certificate is deprecated in v1.4+, unavailable in v1.6+; use cert-manager.io/v1 Certificate\n";

const FILES: Record<string, string> = {
  "crd.yaml": CRD,
  "crd-1.6.yaml": CRD_16,
  "crd-v1alpha2.yaml": CRD_V1ALPHA2_ONLY,
  "certificate-v1alpha2.yaml": CERT_V1ALPHA2,
  "certificate-v1.yaml": CERT_V1,
  "all-in-one.yaml": `${CRD}---\n${CERT_V1ALPHA2}---\n${CERT_V1}`,
  "objects-first.yaml": `${CERT_V1ALPHA2}---\n${CERT_V1}---\n${CRD}`,
  "upgrade-then-v1alpha2.yaml": `${CRD_16}---\n${CERT_V1ALPHA2}---\n${CERT_V1}`,
};

function cluster() {
  const s = new Simulation();
  const run = (line: string) => runKubectl(line, s, { readFile: (p: string) => FILES[p] });
  return { s, run };
}

const result = (r: { exitCode: number; stdout: string; stderr: string }) => [r.exitCode, r.stdout, r.stderr];

describe("a CRD applied again serves what its new revision says", () => {
  it("a version newly `served: false` (cert-manager 1.6's v1alpha2) is no longer mapped; its objects stay and read as v1", () => {
    const { run } = cluster();
    run("apply -f crd.yaml");
    expect(run("apply -f certificate-v1alpha2.yaml").stderr).toBe(WARNING);
    expect(result(run("apply -f crd-1.6.yaml"))).toEqual([
      0,
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io configured\n",
      "",
    ]);
    // builder.go mappingFor: no mapping for the GVR, the group-resource or the kind, and the
    // error names groupResource.Resource, the part before the first dot.
    expect(result(run("get certificates.v1alpha2.cert-manager.io"))).toEqual([
      1,
      "",
      'error: the server doesn\'t have a resource type "certificates"\n',
    ]);
    // The resource builder maps the file's object before any request: no warning, no request.
    expect(result(run("apply -f certificate-v1alpha2.yaml"))).toEqual([
      1,
      "",
      'error: resource mapping not found for name: "shop-tls" namespace: "" from "certificate-v1alpha2.yaml": no matches for kind "Certificate" in version "cert-manager.io/v1alpha2"\nensure CRDs are installed first\n',
    ]);
    expect(result(run("get certificates -o name"))).toEqual([
      0,
      "certificate.cert-manager.io/shop-tls\n",
      "",
    ]);
  });

  it("a new version is served from the revision that adds it, and the storage version moves to it", () => {
    const { s, run } = cluster();
    run("apply -f crd-v1alpha2.yaml");
    run("apply -f certificate-v1alpha2.yaml");
    expect(run("get certificates.v1.cert-manager.io").stderr).toBe(
      'error: the server doesn\'t have a resource type "certificates"\n',
    );
    expect(run("get certificates shop-tls -o jsonpath={.apiVersion}").stdout).toBe(
      "cert-manager.io/v1alpha2",
    );
    expect(run("apply -f crd.yaml").stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io configured\n",
    );
    // The served versions, the storage version first (stored/crd.ts kindOfCRD).
    expect(s.kinds.lookup("cert-manager.io", "Certificate")?.versions).toEqual(["v1", "v1alpha2"]);
    expect(result(run("get certificates.v1.cert-manager.io"))).toEqual([
      0,
      "NAME       SECRET     AGE\nshop-tls   shop-tls   0s\n",
      "",
    ]);
    // The object written as v1alpha2 reads in the preferred version, v1, now that it is served.
    expect(run("get certificates shop-tls -o jsonpath={.apiVersion}").stdout).toBe("cert-manager.io/v1");
    // And the revision's deprecation of v1alpha2 warns from then on.
    expect(run("get certificates.v1alpha2.cert-manager.io shop-tls -o name")).toMatchObject({
      stdout: "certificate.cert-manager.io/shop-tls\n",
      stderr: WARNING,
    });
  });

  it("the same revision applied again changes nothing", () => {
    const { s, run } = cluster();
    run("apply -f crd.yaml");
    const kind = s.kinds.lookup("cert-manager.io", "Certificate");
    expect(run("apply -f crd.yaml").stdout).toBe(
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io unchanged\n",
    );
    expect(s.kinds.lookup("cert-manager.io", "Certificate")).toBe(kind);
  });
});

describe("objects read in a version other than the one they were written in (conversion None)", () => {
  it("`get <plural>.<version>.<group> -o yaml` prints the version asked for, the rest as stored", () => {
    const { run } = cluster();
    // Applied as users do: the CRD first, so its objects map (kubectl maps them all before it sends any).
    run("apply -f crd.yaml");
    run("apply -f all-in-one.yaml");
    const r = run("get certificates.v1alpha2.cert-manager.io api-tls -o yaml");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(WARNING);
    expect(r.stdout.replace(/uid: [0-9a-f-]{36}/, "uid: UID")).toBe(
      [
        "apiVersion: cert-manager.io/v1alpha2",
        "kind: Certificate",
        "metadata:",
        "  annotations:",
        "    kubectl.kubernetes.io/last-applied-configuration: |",
        '      {"apiVersion":"cert-manager.io/v1","kind":"Certificate","metadata":{"annotations":{},"name":"api-tls","namespace":"default"},"spec":{"dnsNames":["api.example.com"],"issuerRef":{"kind":"ClusterIssuer","name":"letsencrypt"},"secretName":"api-tls"}}',
        '  creationTimestamp: "2024-01-01T00:00:00Z"',
        "  generation: 1",
        "  name: api-tls",
        "  namespace: default",
        '  resourceVersion: "3"',
        "  uid: UID",
        "spec:",
        "  dnsNames:",
        "  - api.example.com",
        "  issuerRef:",
        "    kind: ClusterIssuer",
        "    name: letsencrypt",
        "  secretName: api-tls",
        "",
      ].join("\n"),
    );
  });

  it("a request that names no version reads the preferred one, whatever each object was written in", () => {
    const { run } = cluster();
    run("apply -f crd.yaml");
    run("apply -f all-in-one.yaml");
    expect(run("get certificates -o jsonpath={.items[*].apiVersion}").stdout).toBe(
      "cert-manager.io/v1 cert-manager.io/v1",
    );
    expect(run("get certificates.v1alpha2.cert-manager.io -o jsonpath={.items[*].apiVersion}").stdout).toBe(
      "cert-manager.io/v1alpha2 cert-manager.io/v1alpha2",
    );
    // kubectl's generic describer GETs the object in its mapping's version (the preferred one).
    expect(run("describe certificate shop-tls").stdout).toMatch(
      /\nAPI Version: {2}cert-manager\.io\/v1\nKind: {9}Certificate\n/,
    );
  });
});

describe("delete -f of a file holding a CRD and its objects", () => {
  it("the CRD first: it goes with its objects, and each object's DELETE is the API server's plain 404, in file order", () => {
    const { run } = cluster();
    run("apply -f crd.yaml");
    run("apply -f all-in-one.yaml");
    expect(result(run("delete -f all-in-one.yaml"))).toEqual([
      1,
      'customresourcedefinition.apiextensions.k8s.io "certificates.cert-manager.io" deleted\n',
      [
        'Error from server (NotFound): error when deleting "all-in-one.yaml": the server could not find the requested resource (delete certificates.cert-manager.io shop-tls)',
        'Error from server (NotFound): error when deleting "all-in-one.yaml": the server could not find the requested resource (delete certificates.cert-manager.io api-tls)',
        "",
      ].join("\n"),
    ]);
    expect(run("get certificates").stderr).toBe(
      'error: the server doesn\'t have a resource type "certificates"\n',
    );
  });

  it("--ignore-not-found drops those NotFounds (delete.go DeleteResult: IgnoreErrors(errors.IsNotFound))", () => {
    const { run } = cluster();
    run("apply -f crd.yaml");
    run("apply -f all-in-one.yaml");
    expect(result(run("delete -f all-in-one.yaml --ignore-not-found"))).toEqual([
      0,
      'customresourcedefinition.apiextensions.k8s.io "certificates.cert-manager.io" deleted\n',
      "",
    ]);
  });

  it("the objects first: each is deleted, then the CRD", () => {
    const { run } = cluster();
    run("apply -f crd.yaml");
    run("apply -f all-in-one.yaml");
    expect(result(run("delete -f objects-first.yaml"))).toEqual([
      0,
      'certificate.cert-manager.io "shop-tls" deleted\ncertificate.cert-manager.io "api-tls" deleted\ncustomresourcedefinition.apiextensions.k8s.io "certificates.cert-manager.io" deleted\n',
      WARNING,
    ]);
  });
});

// kubectl maps every object of its files with the discovery it read when the command began
// (apply.go Run: GetObjects maps them all, then applyOneObject sends each; replace.go and
// delete.go visit them with the same builder's mapper, whose discovery is read once and again
// only for a kind it does not find). A revision earlier in the same files that stops serving a
// version does not unmap its objects: their requests reach crdHandler, which no longer serves
// the version (customresource_handler.go ServeHTTP: !HasServedCRDVersion goes to the
// delegate), and the API server's plain 404 comes back, worded by client-go
// (NewGenericServerResponse: the verb is the HTTP method, a POST names no object).
describe("a CRD revision dropping a version, then an object in that version, in one command", () => {
  const upgraded = () => {
    const { run } = cluster();
    run("apply -f crd.yaml");
    run("apply -f certificate-v1alpha2.yaml");
    return run;
  };

  it("apply -f: the object's GET and POST are 404s (AddSourceToErr `creating`), the v1 object is configured", () => {
    const run = upgraded();
    expect(result(run("apply -f upgrade-then-v1alpha2.yaml"))).toEqual([
      1,
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io configured\n" +
        "certificate.cert-manager.io/api-tls created\n",
      'Error from server (NotFound): error when creating "upgrade-then-v1alpha2.yaml": the server could not find the requested resource (post certificates.cert-manager.io)\n',
    ]);
    // The next command reads discovery again: the version is no longer mapped.
    expect(run("apply -f certificate-v1alpha2.yaml").stderr).toBe(
      'error: resource mapping not found for name: "shop-tls" namespace: "" from "certificate-v1alpha2.yaml": no matches for kind "Certificate" in version "cert-manager.io/v1alpha2"\nensure CRDs are installed first\n',
    );
  });

  it("apply --server-side: the apply PATCH names the object, and its error is returned as it is", () => {
    const run = upgraded();
    expect(run("apply --server-side -f upgrade-then-v1alpha2.yaml").stderr).toBe(
      "Error from server (NotFound): the server could not find the requested resource (patch certificates.cert-manager.io shop-tls)\n",
    );
  });

  it("replace -f: the PUT is a 404 (AddSourceToErr `replacing`)", () => {
    const run = upgraded();
    run("apply -f certificate-v1.yaml");
    expect(result(run("replace -f upgrade-then-v1alpha2.yaml"))).toEqual([
      1,
      "customresourcedefinition.apiextensions.k8s.io/certificates.cert-manager.io replaced\n" +
        "certificate.cert-manager.io/api-tls replaced\n",
      'Error from server (NotFound): error when replacing "upgrade-then-v1alpha2.yaml": the server could not find the requested resource (put certificates.cert-manager.io shop-tls)\n',
    ]);
  });
});
