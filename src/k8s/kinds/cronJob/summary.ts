/**
 * How the trace summarises a CronJob, and what expectations read from it: `current` (its
 * active Jobs, status.active: `expect cronjob/backup current <= 1 always` for a Forbid policy)
 * and `image`. The Jobs themselves are read as Jobs (`expect job/NAME condition Complete`).
 */
import type { KubeObject, PodTemplateSpec } from "../../types.ts";
import type { Summarizer } from "../descriptor.ts";
import { list, obj, str, timeSeconds } from "../stored/fields.ts";
import { field, imageQuantity, images } from "../summaries.ts";

export interface CronJobSummary {
  /** status.active: the Jobs it started that have not finished */
  current: number;
  /** status.lastScheduleTime, seconds into the run; undefined before the first */
  lastSchedule?: number;
  suspend: boolean;
  schedule: string;
  images: Record<string, string>;
  exists: boolean;
}

export const cronJobSummarizer: Summarizer<KubeObject, CronJobSummary> = {
  summarize(o, gone) {
    const raw = o as unknown as Record<string, unknown>;
    const spec = obj(raw.spec);
    const status = obj(raw.status);
    const template = obj(obj(spec.jobTemplate).spec).template as PodTemplateSpec | undefined;
    const last = gone ? undefined : timeSeconds(status.lastScheduleTime);
    return {
      current: gone ? 0 : list(status.active).length,
      ...(last === undefined ? {} : { lastSchedule: last }),
      suspend: spec.suspend === true,
      schedule: str(spec.schedule),
      images: images(template),
      exists: !gone,
    };
  },
  quantities: {
    current: field("current"),
    image: imageQuantity(),
  },
  lacks: (q) =>
    q === "pods" || q === "ready" || q === "replicas" || q === "available"
      ? `a CronJob runs Jobs, not pods: \`expect cronjob/NAME current …\` counts its active Jobs, \`expect job/NAME …\` reads one of them`
      : undefined,
};
