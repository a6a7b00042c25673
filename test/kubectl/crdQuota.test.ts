/**
 * ResourceQuota's object count of a custom resource, `count/certificates.cert-manager.io`
 * (k8s.io/apiserver/pkg/quota/v1/generic: the object count evaluator, `count/<resource>.<group>`):
 * the quota admission charges it at create and refuses the create past the hard limit
 * (k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go checkRequest, which makes
 * an object count evaluator for any resource it has none for), and the resource quota
 * controller counts the objects (pkg/controller/resourcequota/resource_quota_monitor.go
 * SyncMonitors gives each resource discovery lists a monitor and an object count evaluator,
 * the CRD's from its creation on). The fixture's Certificates: test/fixtures/repos/cert-manager-upgrade.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/repos/cert-manager-upgrade/${name}`, import.meta.url), "utf8");

const QUOTA = `apiVersion: v1
kind: ResourceQuota
metadata:
  name: certs
spec:
  hard:
    count/certificates.cert-manager.io: "1"
`;

const FILES: Record<string, string> = {
  "crd.yaml": fixture("crd.yaml"),
  "quota.yaml": QUOTA,
  "api.yaml": fixture("certificate-v1.yaml"),
  "web.yaml": fixture("certificate-v1.yaml").replace(/api-tls/g, "web-tls"),
};

const USED = (n: number) =>
  [
    "Name:                               certs",
    "Namespace:                          default",
    "Resource                            Used  Hard",
    "--------                            ----  ----",
    `count/certificates.cert-manager.io  ${n}     1`,
    "",
  ].join("\n");

const REFUSED =
  'Error from server (Forbidden): error when creating "web.yaml": certificates.cert-manager.io "web-tls" is forbidden: exceeded quota: certs, requested: count/certificates.cert-manager.io=1, used: count/certificates.cert-manager.io=1, limited: count/certificates.cert-manager.io=1\n';

function cluster() {
  const s = new Simulation();
  const run = (line: string) => runKubectl(line, s, { readFile: (p: string) => FILES[p] });
  return { s, run };
}

describe("count/<plural>.<group> of a custom resource", () => {
  it("is charged at create and refused past the hard limit with the quota admission's Forbidden", () => {
    const { s, run } = cluster();
    run("apply -f crd.yaml");
    run("apply -f quota.yaml");
    s.runUntil(1);
    expect(run("apply -f api.yaml").stdout).toBe("certificate.cert-manager.io/api-tls created\n");
    expect(run("describe quota certs").stdout).toBe(USED(1));
    const r = run("apply -f web.yaml");
    expect([r.exitCode, r.stdout, r.stderr]).toEqual([1, "", REFUSED]);
  });

  it("is given back when an object goes (the controller's replenishment), and the next create passes", () => {
    const { s, run } = cluster();
    run("apply -f crd.yaml");
    run("apply -f quota.yaml");
    s.runUntil(1);
    run("apply -f api.yaml");
    expect(run("delete -f api.yaml").stdout).toBe('certificate.cert-manager.io "api-tls" deleted\n');
    s.runUntil(2);
    expect(run("describe quota certs").stdout).toBe(USED(0));
    expect(run("apply -f web.yaml").stdout).toBe("certificate.cert-manager.io/web-tls created\n");
  });

  it("a quota made before the CRD counts its kind once the CRD is created", () => {
    const { s, run } = cluster();
    run("apply -f quota.yaml");
    s.runUntil(1);
    run("apply -f crd.yaml");
    s.runUntil(2);
    // Without the count in status.used, admission would refuse: `status unknown for quota`.
    expect(run("apply -f api.yaml").stdout).toBe("certificate.cert-manager.io/api-tls created\n");
    expect(run("apply -f web.yaml").stderr).toBe(REFUSED);
  });
});
