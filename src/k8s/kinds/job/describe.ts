/**
 * `kubectl describe job` (k8s.io/kubectl/pkg/describe/describe.go describeJob): selector,
 * labels, annotations, the controller, parallelism, completions (`<unset>` when absent),
 * completion mode, suspend, backoff limit, TTL, start and completion times and the duration
 * between them, the active deadline, the pod counts of the status, the completed indexes of an
 * Indexed job, the pod template, then the Events (the Job controller's, src/engine/controllers/job).
 */
import { humanDuration } from "../../duration.ts";
import { controllerLine, describePodTemplate, eventsFor, namespaceOf } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import { obj, podTemplate, selectorAsSelectorText, str, timeSeconds, timeText } from "../stored/fields.ts";

const int = (v: unknown): number => (typeof v === "number" ? v : 0);

/** capIndexesListOrNone: the list cut after the first comma past 50 characters, with "...". */
export function capIndexes(indexes: string, softLimit = 50): string {
  if (indexes === "") return "<none>";
  const comma = indexes.indexOf(",", softLimit);
  return comma === -1 ? indexes : `${indexes.slice(0, comma + 1)}...`;
}

export function describeJob(job: KubeObject, ctx: DescribeContext): string {
  const raw = job as unknown as Record<string, unknown>;
  const spec = obj(raw.spec);
  const status = obj(raw.status);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${job.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(job)}\n`);
  w.write(0, `Selector:\t${selectorAsSelectorText(spec.selector)}\n`);
  printLabelsMultiline(w, "Labels", job.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", job.metadata.annotations);
  const controlledBy = controllerLine(job);
  if (controlledBy) w.write(0, `Controlled By:\t${controlledBy}\n`);
  if (spec.parallelism !== undefined) w.write(0, `Parallelism:\t${int(spec.parallelism)}\n`);
  w.write(0, `Completions:\t${spec.completions === undefined ? "<unset>" : int(spec.completions)}\n`);
  if (spec.completionMode !== undefined) w.write(0, `Completion Mode:\t${str(spec.completionMode)}\n`);
  if (spec.suspend !== undefined) w.write(0, `Suspend:\t${spec.suspend === true}\n`);
  if (spec.backoffLimit !== undefined) w.write(0, `Backoff Limit:\t${int(spec.backoffLimit)}\n`);
  if (spec.ttlSecondsAfterFinished !== undefined)
    w.write(0, `TTL Seconds After Finished:\t${int(spec.ttlSecondsAfterFinished)}\n`);
  const start = timeText(status.startTime);
  const done = timeText(status.completionTime);
  if (start) w.write(0, `Start Time:\t${start}\n`);
  if (done) w.write(0, `Completed At:\t${done}\n`);
  if (start && done)
    w.write(
      0,
      `Duration:\t${humanDuration((timeSeconds(status.completionTime) ?? 0) - (timeSeconds(status.startTime) ?? 0))}\n`,
    );
  if (spec.activeDeadlineSeconds !== undefined)
    w.write(0, `Active Deadline Seconds:\t${int(spec.activeDeadlineSeconds)}s\n`);
  const ready = status.ready === undefined ? "" : ` (${int(status.ready)} Ready)`;
  w.write(
    0,
    `Pods Statuses:\t${int(status.active)} Active${ready} / ${int(status.succeeded)} Succeeded / ${int(status.failed)} Failed\n`,
  );
  if (spec.completionMode === "Indexed")
    w.write(0, `Completed Indexes:\t${capIndexes(str(status.completedIndexes))}\n`);
  describePodTemplate(w, podTemplate(obj(spec.template)));
  eventsFor(w, job, ctx);
  return w.toString();
}
