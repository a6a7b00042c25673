/**
 * How the trace summarises a Job, and the quantities expectations read from it: `pods` (its
 * active pods, status.active), `ready` (status.ready), `condition Complete|Failed|…` (`expect
 * job/migrate condition Complete within 2m`) and `image`.
 */
import type { KubeObject } from "../../types.ts";
import type { Job } from "./types.ts";
import type { Summarizer } from "../descriptor.ts";
import {
  conditionQuantity,
  conditionSummaries,
  field,
  imageQuantity,
  images,
  type ConditionSummary,
} from "../summaries.ts";

export interface JobSummary {
  /** status.active: pods not terminated and not being deleted */
  pods: number;
  /** status.ready */
  ready: number;
  /** status.succeeded, status.failed: the pods counted so far */
  succeeded: number;
  failed: number;
  images: Record<string, string>;
  conditions: ConditionSummary[];
  exists: boolean;
}

export const jobSummarizer: Summarizer<KubeObject, JobSummary> = {
  summarize(o, gone) {
    const job = o as unknown as Job;
    const s = job.status ?? {};
    return {
      pods: gone ? 0 : (s.active ?? 0),
      ready: gone ? 0 : (s.ready ?? 0),
      succeeded: gone ? 0 : (s.succeeded ?? 0),
      failed: gone ? 0 : (s.failed ?? 0),
      images: images(job.spec.template),
      conditions: gone ? [] : conditionSummaries(s.conditions),
      exists: !gone,
    };
  },
  quantities: {
    pods: field("pods"),
    ready: field("ready"),
    condition: conditionQuantity(),
    image: imageQuantity(),
  },
  lacks: (q) =>
    q === "replicas" || q === "available" || q === "updated" || q === "unavailable"
      ? `a Job has no ${q} count; write \`expect job/NAME condition Complete …\` or \`expect job/NAME pods …\``
      : undefined,
};
