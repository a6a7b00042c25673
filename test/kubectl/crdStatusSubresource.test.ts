/**
 * A custom resource whose CRD declares `subresources.status` (test/fixtures/repos/cert-manager:
 * cert-manager's Certificate CRD, and a Certificate saved with `kubectl get -o yaml`), after
 * apiextensions-apiserver registry/customresource/strategy.go: PrepareForCreate deletes the
 * status a create sends, PrepareForUpdate keeps the stored one (or none) on an update of the
 * main resource, and statusStrategy lets a /status write change only status. Found here: the
 * export's status was stored as sent, so the Certificate read Ready in a cluster with no
 * cert-manager.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { isApiError } from "../../src/engine/cluster.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { loadManifests } from "../../src/k8s/manifest.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/repos/cert-manager/${name}`, import.meta.url), "utf8");

const load = (text: string, file: string) =>
  loadManifests(text, { file, admit: { kinds: builtinKinds.extend() } }).objects.map((o) => o.object);

/** The CRD applied, or the same CRD without its status subresource. */
function cluster(withStatus = true) {
  const s = new Simulation();
  const crd = withStatus
    ? fixture("crd.yaml")
    : fixture("crd.yaml").replace(/\n {4}subresources:\n {6}status: \{\}/, "");
  expect(applyObjects(load(crd, "crd.yaml"), s, "crd.yaml").stderr).toBe("");
  return s;
}

const certificate = (s: Simulation) =>
  s.api.get("Certificate", "default", "web-tls") as (KubeObject & { status?: unknown }) | undefined;

describe("a custom resource with the status subresource", () => {
  it("drops the status of a created object: the export's Ready is not believed", () => {
    const s = cluster();
    const r = applyObjects(load(fixture("certificate-export.yaml"), "cert.yaml"), s, "cert.yaml");
    expect(r.stdout).toBe("certificate.cert-manager.io/web-tls created\n");
    expect(certificate(s)).toBeDefined();
    expect(certificate(s)).not.toHaveProperty("status");
    // READY reads the status: none, as in a cluster where cert-manager has not acted yet.
    const got = runKubectl("kubectl get certificates", s);
    expect(got.stdout.split("\n")[1].split(/\s+/).slice(0, 3)).toEqual(["web-tls", "<none>", "web-tls"]);
  });

  it("keeps the stored status through an update of the main resource, and takes a /status write", () => {
    const s = cluster();
    applyObjects(load(fixture("certificate-export.yaml"), "cert.yaml"), s, "cert.yaml");
    const status = { conditions: [{ type: "Ready", status: "True", reason: "Ready" }] };
    const written = s.api.updateStatus({ ...structuredClone(certificate(s)!), status } as KubeObject);
    expect(isApiError(written)).toBe(false);
    expect(certificate(s)?.status).toEqual(status);
    // An update that sends another status (the export applied over it) keeps the stored one.
    const updated = structuredClone(certificate(s)!) as KubeObject & { spec: { secretName: string } };
    updated.spec.secretName = "web-tls-2";
    (updated as { status?: unknown }).status = { conditions: [] };
    s.api.update(updated);
    expect(certificate(s)?.status).toEqual(status);
    expect((certificate(s) as unknown as { spec: { secretName: string } }).spec.secretName).toBe("web-tls-2");
  });

  it("an update that sends a status where none is stored stores none", () => {
    const s = cluster();
    applyObjects(load(fixture("certificate-export.yaml"), "cert.yaml"), s, "cert.yaml");
    const updated = structuredClone(certificate(s)!) as KubeObject;
    (updated as { status?: unknown }).status = { revision: 2 };
    s.api.update(updated);
    expect(certificate(s)).not.toHaveProperty("status");
  });
});

describe("a custom resource without the status subresource", () => {
  it("stores the status it is created with: status is a field like any other", () => {
    const s = cluster(false);
    applyObjects(load(fixture("certificate-export.yaml"), "cert.yaml"), s, "cert.yaml");
    expect((certificate(s)?.status as { revision?: number } | undefined)?.revision).toBe(1);
  });
});

describe("a custom resource without the status subresource, updated", () => {
  // apiextensions-apiserver registry/customresource/strategy.go PrepareForUpdate resets status
  // only when the CRD installs /status: without it, an update stores what it sends.
  const revision = (s: Simulation) =>
    runKubectl("kubectl get certificate web-tls -o jsonpath={.status.revision}", s).stdout;

  it("kubectl apply of a file with another status replaces the stored one", () => {
    const s = cluster(false);
    // The export without the resourceVersion that would make the second apply a conflict.
    const text = fixture("certificate-export.yaml").replace(/\n {2}(resourceVersion|uid): .*/g, "");
    applyObjects(load(text, "cert.yaml"), s, "cert.yaml");
    expect(revision(s)).toBe("1");
    const edited = text.replace("  revision: 1", "  revision: 2");
    const r = applyObjects(load(edited, "cert.yaml"), s, "cert.yaml");
    expect(r.stdout).toBe("certificate.cert-manager.io/web-tls configured\n");
    expect(revision(s)).toBe("2");
  });

  it("an update that sends no status stores none", () => {
    const s = cluster(false);
    applyObjects(load(fixture("certificate-export.yaml"), "cert.yaml"), s, "cert.yaml");
    const updated = structuredClone(certificate(s)!) as KubeObject;
    delete (updated as { status?: unknown }).status;
    expect(isApiError(s.api.update(updated))).toBe(false);
    expect(certificate(s)).not.toHaveProperty("status");
    expect(runKubectl("kubectl get certificate web-tls -o jsonpath={.status}", s).stdout).toBe("");
  });
});
