/**
 * batch/v1 Job, stored as written (no job controller runs): `kubectl get jobs` prints
 * printJob's columns from the status as applied, `kubectl describe job` is describeJob.
 */
import { humanDuration } from "../../duration.ts";
import { age } from "../../printing/table.ts";
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { obj, timeSeconds } from "../stored/fields.ts";
import { storedKind } from "../stored/storedKind.ts";
import { describeJob } from "./describe.ts";

/**
 * printJob's COMPLETIONS: succeeded/completions; without completions "N/1", or "N/1 of P" for
 * a parallelism above 1.
 */
export function completionsCell(o: KubeObject): string {
  const raw = o as unknown as Record<string, unknown>;
  const spec = obj(raw.spec);
  const succeeded = Number(obj(raw.status).succeeded ?? 0);
  if (typeof spec.completions === "number") return `${succeeded}/${spec.completions}`;
  const parallelism = typeof spec.parallelism === "number" ? spec.parallelism : 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

export const JobKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "Job",
    group: "batch",
    versions: ["v1"],
    namespaced: true,
    plural: "jobs",
    categories: ["all"],
    tracksGeneration: true,
  }),
  // printJob: DURATION from startTime to completionTime, or to now while it runs; empty before
  // it starts.
  table: {
    header: ["NAME", "COMPLETIONS", "DURATION", "AGE"],
    wide: [],
    cells: (o, { now }) => {
      const status = obj((o as unknown as Record<string, unknown>).status);
      const start = timeSeconds(status.startTime);
      const end = timeSeconds(status.completionTime) ?? now;
      return [
        o.metadata.name,
        completionsCell(o),
        start === undefined ? "" : humanDuration(end - start),
        age(now, o.metadata.creationTimestamp),
      ];
    },
  },
  describe: describeJob,
};
