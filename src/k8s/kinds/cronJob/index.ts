/**
 * batch/v1 CronJob, simulated: defaulted and validated as the API server does (admission.ts),
 * status `{}` on create (strategy.go PrepareForCreate); the CronJob controller
 * (src/engine/controllers/cronjob) starts its Jobs. `kubectl get cj` prints printCronJob's
 * columns, `kubectl describe cj` is describeCronJob.
 */
import { selectorToString } from "../../labels.ts";
import { age, containerCells } from "../../printing/table.ts";
import type { Container, KubeObject, LabelSelector } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { list, obj, printBoolPtr, str, timeSeconds } from "../stored/fields.ts";
import { defaultCronJob, validateCronJob } from "./admission.ts";
import { describeCronJob } from "./describe.ts";
import { cronJobSummarizer, type CronJobSummary } from "./summary.ts";
import { INSTANTIATE_ANNOTATION, SCHEDULED_TIMESTAMP_ANNOTATION } from "./types.ts";

const WIDE = ["CONTAINERS", "IMAGES", "SELECTOR"];

type Obj = Record<string, unknown>;

export const CronJobKind: KindDescriptor<KubeObject, CronJobSummary> = {
  kind: "CronJob",
  group: "batch",
  versions: ["v1"],
  namespaced: true,
  plural: "cronjobs",
  singular: "cronjob",
  shortNames: ["cj"],
  categories: ["all"],
  prose: "a CronJob",
  simulated: true,
  annotations: { scheduledTimestamp: SCHEDULED_TIMESTAMP_ANNOTATION, instantiate: INSTANTIATE_ANNOTATION },
  strategy: {
    tracksGeneration: true,
    initialStatus: () => ({}),
    admit(raw, _apiVersion, old) {
      const object = defaultCronJob(raw);
      return { object, errors: validateCronJob(object, old as unknown as Obj | undefined) };
    },
  },
  // CronJobStatus: active and the times are omitempty.
  omitEmpty: ["status.active"],
  language: { word: "cronjob", words: ["cronjob", "cronjobs", "cj"], bare: false },
  // printCronJob: TIMEZONE (1.30+, <none> without spec.timeZone); SUSPEND is printBoolPtr
  // ("False", "True", "<unset>"); LAST SCHEDULE the age of status.lastScheduleTime, "<none>"
  // before the first run; -o wide adds the job template's CONTAINERS, IMAGES, SELECTOR.
  table: {
    header: ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
    wide: WIDE,
    columns: ({ targetsStyle }) => ({
      header:
        targetsStyle === "legacy"
          ? ["NAME", "SCHEDULE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"]
          : ["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
      wide: WIDE,
    }),
    cells: (o, { now, wide, targetsStyle }) => {
      const raw = o as unknown as Record<string, unknown>;
      const spec = obj(raw.spec);
      const status = obj(raw.status);
      const jobSpec = obj(obj(spec.jobTemplate).spec);
      const last = timeSeconds(status.lastScheduleTime);
      const containers = list(obj(obj(jobSpec.template).spec).containers) as Container[];
      return [
        o.metadata.name,
        str(spec.schedule),
        ...(targetsStyle === "legacy" ? [] : [spec.timeZone === undefined ? "<none>" : str(spec.timeZone)]),
        printBoolPtr(spec.suspend),
        String(list(status.active).length),
        last === undefined ? "<none>" : age(now, last),
        age(now, o.metadata.creationTimestamp),
        ...(wide
          ? [...containerCells(containers), selectorToString(obj(jobSpec.selector) as LabelSelector)]
          : []),
      ];
    },
  },
  describe: describeCronJob,
  summary: cronJobSummarizer,
};
