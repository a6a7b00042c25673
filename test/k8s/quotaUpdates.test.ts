/**
 * ResourceQuota admission of updates and per-storage-class quotas
 * (k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go checkRequest; the
 * evaluators of pkg/quota/v1/evaluator/core). On an update only the Service and
 * PersistentVolumeClaim evaluators are asked (their Handles: Create or Update), and only what
 * the update adds is charged (the new usage less the old, SubtractWithNonNegativeResult,
 * RemoveZeros): a Service turned LoadBalancer or NodePort, a claim's storage raised. A claim
 * is charged to its storage class too: `<class>.storageclass.storage.k8s.io/requests.storage`
 * and `…/persistentvolumeclaims` (persistent_volume_claims.go Usage, MatchingResources).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const GOLD = "gold.storageclass.storage.k8s.io";

function cluster(hard: string) {
  const sim = new Simulation();
  expect(runKubectl(`create quota q --hard=${hard}`, sim).exitCode).toBe(0);
  sim.runUntil(5);
  // `apply -f pvc.yaml` reads `input`.
  const k = (line: string, input?: string) =>
    runKubectl(line, sim, input ? { readFile: () => input, listDir: () => undefined } : undefined);
  const used = () =>
    (sim.api.get("ResourceQuota", "default", "q") as unknown as { status: { used: Record<string, string> } })
      .status.used;
  return { sim, k, used };
}

const claim = (name: string, storage: string, cls?: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${cls ? `  storageClassName: ${cls}\n` : ""}  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${storage}
`;

describe("quota on a Service's updates (services.go)", () => {
  it("charges a Service made LoadBalancer, refuses the one past the quota, and the NodePort ones by their ports", () => {
    const { k, used } = cluster("services.loadbalancers=1,services.nodeports=2");
    k("create service clusterip a --tcp=80:80");
    k("create service clusterip b --tcp=80:80,443:443");
    expect(used()).toEqual({ "services.loadbalancers": "0", "services.nodeports": "0" });
    expect(k(`patch svc a -p '{"spec":{"type":"LoadBalancer"}}'`).stdout).toBe("service/a patched\n");
    expect(used()).toEqual({ "services.loadbalancers": "1", "services.nodeports": "1" });
    expect(k(`patch svc b -p '{"spec":{"type":"LoadBalancer"}}'`).stderr).toBe(
      'Error from server (Forbidden): services "b" is forbidden: exceeded quota: q, requested: services.loadbalancers=1,services.nodeports=2, used: services.loadbalancers=1,services.nodeports=1, limited: services.loadbalancers=1,services.nodeports=2\n',
    );
    // Two node ports where one is left: refused too; the Service stays ClusterIP.
    expect(k(`patch svc b -p '{"spec":{"type":"NodePort"}}'`).stderr).toBe(
      'Error from server (Forbidden): services "b" is forbidden: exceeded quota: q, requested: services.nodeports=2, used: services.nodeports=1, limited: services.nodeports=2\n',
    );
    expect(k("get svc b -o jsonpath={.spec.type}").stdout).toBe("ClusterIP");
  });

  it("an update that adds nothing is not checked, even with the quota used up", () => {
    const { k } = cluster("services.loadbalancers=1");
    k("create service loadbalancer a --tcp=80:80");
    expect(k("label svc a tier=web").stdout).toBe("service/a labeled\n");
  });
});

describe("quota per storage class, and a claim's expansion (persistent_volume_claims.go)", () => {
  it("charges a claim to its class; a claim of another class or none only to the plain resources", () => {
    const { k, used } = cluster(
      `${GOLD}/requests.storage=10Gi,${GOLD}/persistentvolumeclaims=2,requests.storage=100Gi`,
    );
    expect(k("apply -f pvc.yaml", claim("a", "8Gi", "gold")).exitCode).toBe(0);
    expect(k("apply -f pvc.yaml", claim("b", "5Gi", "gold")).stderr).toContain(
      `persistentvolumeclaims "b" is forbidden: exceeded quota: q, requested: ${GOLD}/requests.storage=5Gi, used: ${GOLD}/requests.storage=8Gi, limited: ${GOLD}/requests.storage=10Gi\n`,
    );
    expect(k("apply -f pvc.yaml", claim("c", "50Gi", "standard")).exitCode).toBe(0);
    expect(used()).toEqual({
      [`${GOLD}/persistentvolumeclaims`]: "1",
      [`${GOLD}/requests.storage`]: "8Gi",
      "requests.storage": "58Gi",
    });
  });

  it("charges what an expansion adds, and refuses one past the class's quota", () => {
    const { sim, k, used } = cluster(`${GOLD}/requests.storage=10Gi`);
    // Only a Bound claim of a class that allows expansion may grow (PersistentVolumeClaimResize).
    const gold = [
      "apiVersion: storage.k8s.io/v1",
      "kind: StorageClass",
      "metadata: {name: gold}",
      "provisioner: ebs.csi.aws.com",
      "allowVolumeExpansion: true",
    ].join("\n");
    expect(k("apply -f sc.yaml", gold).exitCode).toBe(0);
    k("apply -f pvc.yaml", claim("a", "4Gi", "gold"));
    sim.runUntil(15);
    expect(k("get pvc a -o jsonpath={.status.phase}").stdout).toBe("Bound");
    expect(k(`patch pvc a -p '{"spec":{"resources":{"requests":{"storage":"6Gi"}}}}'`).stdout).toBe(
      "persistentvolumeclaim/a patched\n",
    );
    expect(used()).toEqual({ [`${GOLD}/requests.storage`]: "6Gi" });
    expect(k(`patch pvc a -p '{"spec":{"resources":{"requests":{"storage":"12Gi"}}}}'`).stderr).toBe(
      `Error from server (Forbidden): persistentvolumeclaims "a" is forbidden: exceeded quota: q, requested: ${GOLD}/requests.storage=6Gi, used: ${GOLD}/requests.storage=6Gi, limited: ${GOLD}/requests.storage=10Gi\n`,
    );
  });
});
