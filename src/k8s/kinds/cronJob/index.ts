/**
 * batch/v1 CronJob, stored as written (no cronjob controller runs): `kubectl get cj` prints
 * printCronJob's columns, `kubectl describe cj` is describeCronJob.
 */
import { age } from "../../printing/table.ts";
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { list, obj, printBoolPtr, str, timeSeconds } from "../stored/fields.ts";
import { storedKind } from "../stored/storedKind.ts";
import { describeCronJob } from "./describe.ts";

export const CronJobKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "CronJob",
    group: "batch",
    versions: ["v1"],
    namespaced: true,
    plural: "cronjobs",
    shortNames: ["cj"],
    categories: ["all"],
    tracksGeneration: true,
  }),
  // printCronJob: SUSPEND is printBoolPtr ("False", "True", "<unset>"); LAST SCHEDULE the age of
  // status.lastScheduleTime, "<none>" before the first run.
  table: {
    header: ["NAME", "SCHEDULE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"],
    wide: [],
    cells: (o, { now }) => {
      const raw = o as unknown as Record<string, unknown>;
      const spec = obj(raw.spec);
      const status = obj(raw.status);
      const last = timeSeconds(status.lastScheduleTime);
      return [
        o.metadata.name,
        str(spec.schedule),
        printBoolPtr(spec.suspend),
        String(list(status.active).length),
        last === undefined ? "<none>" : age(now, last),
        age(now, o.metadata.creationTimestamp),
      ];
    },
  },
  describe: describeCronJob,
};
