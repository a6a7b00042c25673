/**
 * `kubectl describe cronjob` (k8s.io/kubectl/pkg/describe/describe.go describeCronJob,
 * describeJobTemplate, printActiveJobs, kubectl 1.34): schedule, concurrency policy, suspend,
 * the history limits and starting deadline (`<unset>` when absent; the Time Zone line came
 * later, kubernetes#136662), the job template's selector, parallelism, completions and pod
 * template, the last schedule time, the active jobs, then the Events.
 */
import { describePodTemplate, eventsFor, namespaceOf } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  list,
  obj,
  podTemplate,
  printBoolPtr,
  selectorAsSelectorText,
  str,
  timeText,
} from "../stored/fields.ts";

/** A *int32 field: its value, or `<unset>`. */
const intOrUnset = (v: unknown, suffix = ""): string => (typeof v === "number" ? `${v}${suffix}` : "<unset>");

export function describeCronJob(cj: KubeObject, ctx: DescribeContext): string {
  const raw = cj as unknown as Record<string, unknown>;
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  const jobSpec = obj(obj(spec.jobTemplate).spec);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${cj.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(cj)}\n`);
  printLabelsMultiline(w, "Labels", cj.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", cj.metadata.annotations);
  w.write(0, `Schedule:\t${str(spec.schedule)}\n`);
  w.write(0, `Concurrency Policy:\t${str(spec.concurrencyPolicy)}\n`);
  w.write(0, `Suspend:\t${printBoolPtr(spec.suspend)}\n`);
  w.write(0, `Successful Job History Limit:\t${intOrUnset(spec.successfulJobsHistoryLimit)}\n`);
  w.write(0, `Failed Job History Limit:\t${intOrUnset(spec.failedJobsHistoryLimit)}\n`);
  w.write(0, `Starting Deadline Seconds:\t${intOrUnset(spec.startingDeadlineSeconds, "s")}\n`);
  // describeJobTemplate
  w.write(
    0,
    `Selector:\t${jobSpec.selector === undefined ? "<unset>" : selectorAsSelectorText(jobSpec.selector)}\n`,
  );
  w.write(0, `Parallelism:\t${intOrUnset(jobSpec.parallelism)}\n`);
  w.write(0, `Completions:\t${intOrUnset(jobSpec.completions)}\n`);
  if (jobSpec.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${intOrUnset(jobSpec.activeDeadlineSeconds, "s")}\n`);
  describePodTemplate(w, podTemplate(obj(jobSpec.template)));
  w.write(0, `Last Schedule Time:\t${timeText(status.lastScheduleTime) ?? "<unset>"}\n`);
  const active = list(status.active).map((r) => str(obj(r).name));
  w.write(0, `Active Jobs:\t${active.length ? active.join(", ") : "<none>"}\n`);
  eventsFor(w, cj, ctx);
  return w.toString();
}
