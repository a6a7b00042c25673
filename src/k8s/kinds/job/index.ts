/**
 * batch/v1 Job, simulated: defaulted and validated as the API server does (admission.ts), its
 * selector generated on create, status `{}` on create; the Job controller
 * (src/engine/controllers/job) runs its pods. `kubectl get jobs` prints printJob's columns,
 * `kubectl describe job` is describeJob.
 */
import { humanDuration } from "../../duration.ts";
import { selectorToString } from "../../labels.ts";
import { age, containerCells } from "../../printing/table.ts";
import type { Container, KubeObject, LabelSelector } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { list, obj, timeSeconds } from "../stored/fields.ts";
import { defaultJob, generateSelector, validateJob } from "./admission.ts";
import { describeJob } from "./describe.ts";
import { jobSummarizer, type JobSummary } from "./summary.ts";
import { JobLabels, type Job } from "./types.ts";

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

type Obj = Record<string, unknown>;

/**
 * An update that leaves out what the API server generated keeps it (kubectl apply sends the
 * manifest merged with the stored object; a replace may drop them): the selector and the
 * template's generated labels.
 */
function keepGenerated(obj: Job, old: Job): void {
  if (obj.spec.manualSelector === true) return;
  if (obj.spec.selector === undefined && old.spec.selector !== undefined)
    obj.spec.selector = structuredClone(old.spec.selector);
  const oldLabels = old.spec.template.metadata?.labels ?? {};
  const meta = (obj.spec.template.metadata ??= {});
  const labels = (meta.labels ??= {});
  for (const key of Object.values(JobLabels))
    if (labels[key] === undefined && oldLabels[key] !== undefined) labels[key] = oldLabels[key];
}

export const JobKind: KindDescriptor<KubeObject, JobSummary> = {
  kind: "Job",
  group: "batch",
  versions: ["v1"],
  namespaced: true,
  plural: "jobs",
  singular: "job",
  shortNames: [],
  categories: ["all"],
  prose: "a Job",
  simulated: true,
  strategy: {
    tracksGeneration: true,
    initialStatus: () => ({}),
    admit(raw, _apiVersion, old) {
      const object = defaultJob(raw);
      return { object, errors: validateJob(object, old as unknown as Obj | undefined) };
    },
    prepareForCreate: (job) => generateSelector(job as unknown as Obj),
    prepareForUpdate: (obj, old) => keepGenerated(obj as unknown as Job, old as unknown as Job),
  },
  // JobStatus' omitempty counts; ready and terminating are pointers, shown at 0.
  omitEmpty: ["status.active", "status.succeeded", "status.failed", "status.completedIndexes"],
  language: { word: "job", words: ["job", "jobs"], bare: false },
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
  summary: jobSummarizer,
};
