// syncDeployment (deployment_controller.go) asks getAllReplicaSetsAndSyncRevision twice: in
// isScalingEvent and again in rolloutRolling. The engine hands the rollout the first answer when
// that call was `quiet` (the new ReplicaSet existed, nothing was written, the Deployment was not
// changed): that must be exactly what the second call would answer, and the second call must
// then write and change nothing either. Held here at every sync of a rollout (a new Deployment,
// its pods coming up, an image change, the old ReplicaSet scaled away, a scale), where both
// quiet and non-quiet first calls occur.
import { describe, expect, it } from "vitest";
import { reconcileDeployment } from "../../../src/engine/controllers/deployment/index.ts";
import { claimReplicaSets } from "../../../src/engine/controllers/deployment/claim.ts";
import { SyncSession } from "../../../src/engine/controllers/deployment/client.ts";
import { getAllReplicaSetsAndSyncRevision } from "../../../src/engine/controllers/deployment/sync.ts";
import { MiniCluster, deployment } from "./harness.ts";

function checkQuiet(c: MiniCluster): boolean {
  const stored = c.deployment();
  const d = structuredClone(stored);
  const s = new SyncSession(c.now, d, stored);
  s.lookupReplicaSet = (n) => c.store.get("ReplicaSet", "default", n);
  const { rsList } = claimReplicaSets(d, c.store);
  const first = getAllReplicaSetsAndSyncRevision(s, d, rsList, false);
  if (first.quiet !== true) return false;
  const before = JSON.stringify({ d, result: s.result });
  const second = getAllReplicaSetsAndSyncRevision(s, d, rsList, true);
  expect(second).toEqual(first);
  expect(JSON.stringify({ d, result: s.result })).toBe(before);
  return true;
}

describe("getAllReplicaSetsAndSyncRevision after a quiet call", () => {
  it("answers the same and writes nothing, at every sync of a rollout", () => {
    const c = new MiniCluster();
    c.add(deployment("web", 4, "nginx:1.14"));
    let quiet = 0;
    let loud = 0;
    const sync = (): void => {
      if (checkQuiet(c)) quiet++;
      else loud++;
      c.run(reconcileDeployment(c.ctx(), "web"));
    };
    const settle = (): void => {
      for (let i = 0; i < 12; i++) {
        for (const rs of c.replicaSets()) {
          const cur = c.get("ReplicaSet", rs.metadata.name);
          const n = cur.spec.replicas;
          cur.status = { replicas: n, readyReplicas: n, availableReplicas: n, fullyLabeledReplicas: n };
        }
        c.now += 5;
        sync();
      }
    };
    sync();
    settle();
    c.edit("Deployment", "web", (d) => {
      d.spec.template.spec.containers[0].image = "nginx:1.15";
    });
    sync();
    settle();
    c.edit("Deployment", "web", (d) => {
      d.spec.replicas = 7;
    });
    settle();
    expect(quiet).toBeGreaterThan(10);
    expect(loud).toBeGreaterThan(0);
  });
});
