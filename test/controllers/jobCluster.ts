// What the Job controller's tests share: a Job manifest around one container, a cluster that
// applies Jobs (and fails the test if kubectl refused one), and reads of a Job, its pods and
// its events.
import { expect } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Job } from "../../src/k8s/kinds/job/types.ts";
import type { KubeObject, Pod } from "../../src/k8s/types.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";

export type Obj = Record<string, unknown>;

/** A batch/v1 Job of one `container`, restartPolicy Never; `spec` and `podSpec` override. */
export function jobOf(container: Obj, name: string, spec: Obj = {}, podSpec: Obj = {}): Obj {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      template: { spec: { restartPolicy: "Never", containers: [container], ...podSpec } },
      ...spec,
    },
  };
}

export function cluster(...jobs: Obj[]): Simulation {
  const s = new Simulation();
  const r = applyObjects(jobs as unknown as KubeObject[], s, "jobs.yaml");
  expect(r.stderr).toBe("");
  return s;
}

export const getJob = (s: Simulation, name: string): Job =>
  s.api.get("Job", "default", name) as unknown as Job;
export const podsOf = (s: Simulation, job: string): Pod[] =>
  (s.api.list("Pod", "default") as Pod[]).filter((p) => p.metadata.ownerReferences?.[0]?.name === job);
export const jobEvents = (s: Simulation, job: string): string[] =>
  s.events
    .filter((e) => e.involvedObject.kind === "Job" && e.involvedObject.name === job)
    .map((e) => `${e.reason}: ${e.message}`);
