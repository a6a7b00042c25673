/**
 * batch/v1 Job, stored as written (no job controller runs): `kubectl get jobs` prints
 * printJob's columns from the status as applied, `kubectl describe job` is describeJob.
 */
import { humanDuration } from "../../duration.ts";
import { selectorToString } from "../../labels.ts";
import { age, containerCells } from "../../printing/table.ts";
import type { Container, KubeObject, LabelSelector } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { list, obj, timeSeconds } from "../stored/fields.ts";
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

const WIDE = ["CONTAINERS", "IMAGES", "SELECTOR"];

/**
 * printJob's STATUS (1.30+): Complete, Failed, Terminating, Suspended or FailureTarget by the
 * first that holds — a condition of that type with status True, or a deletion under way —
 * else Running.
 */
export function jobStatus(o: KubeObject): string {
  const conditions = list(obj((o as unknown as Record<string, unknown>).status).conditions).map(obj);
  const has = (type: string) => conditions.some((c) => c.type === type && c.status === "True");
  if (has("Complete")) return "Complete";
  if (has("Failed")) return "Failed";
  if (o.metadata.deletionTimestamp !== undefined) return "Terminating";
  if (has("Suspended")) return "Suspended";
  if (has("FailureTarget")) return "FailureTarget";
  return "Running";
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
  // printJob: STATUS from the conditions (1.30+), DURATION from startTime to completionTime, or
  // to now while it runs, empty before it starts; -o wide adds CONTAINERS, IMAGES, SELECTOR.
  table: {
    header: ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
    wide: WIDE,
    columns: ({ targetsStyle }) => ({
      header:
        targetsStyle === "legacy"
          ? ["NAME", "COMPLETIONS", "DURATION", "AGE"]
          : ["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"],
      wide: WIDE,
    }),
    cells: (o, { now, wide, targetsStyle }) => {
      const raw = o as unknown as Record<string, unknown>;
      const spec = obj(raw.spec);
      const status = obj(raw.status);
      const start = timeSeconds(status.startTime);
      const end = timeSeconds(status.completionTime) ?? now;
      const containers = list(obj(obj(spec.template).spec).containers) as Container[];
      return [
        o.metadata.name,
        ...(targetsStyle === "legacy" ? [] : [jobStatus(o)]),
        completionsCell(o),
        start === undefined ? "" : humanDuration(end - start),
        age(now, o.metadata.creationTimestamp),
        ...(wide
          ? [...containerCells(containers), selectorToString(obj(spec.selector) as LabelSelector)]
          : []),
      ];
    },
  },
  describe: describeJob,
};
