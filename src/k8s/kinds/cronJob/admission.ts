/**
 * A CronJob through the API server: SetDefaults_CronJob (pkg/apis/batch/v1/defaults.go: concurrencyPolicy
 * Allow, suspend false, successfulJobsHistoryLimit 3, failedJobsHistoryLimit 1; the job
 * template's pod template defaulted as any pod template is) and ValidateCronJobCreate /
 * ValidateCronJobUpdate (pkg/apis/batch/validation/validation.go), with their messages: the
 * schedule as cron.ParseStandard reads it (schedule.ts), TZ or CRON_TZ in it refused, the
 * time zone (validateTimeZone), the concurrency policy, the job template as a Job's spec (its
 * selector is generated, never written), the history limits and startingDeadlineSeconds not
 * negative, and on create a name of at most 52 characters (the controller adds 11:
 * `-<minutes since the epoch>`).
 */
import { defaultMeta, defaultPodTemplate } from "../../defaults.ts";
import { invalid, notSupported, required, type FieldError } from "../../fieldErrors.ts";
import { isObj, type Obj } from "../../jsonObject.ts";
import type { LabelSelector } from "../../types.ts";
import {
  isDNS1123Subdomain,
  validateInteger,
  validateNonnegative,
  validateObjectMeta,
} from "../../validateMeta.ts";
import { goLabelSelector } from "../../validateSelector.ts";
import { defaultJob, validateJob } from "../job/admission.ts";
import { parseSchedule } from "./schedule.ts";
import { zoneOf } from "./timeZone.ts";

/** SetDefaults_CronJob, on a copy. */
export function defaultCronJob(raw: Obj): Obj {
  const cj: Obj = structuredClone(raw);
  cj.metadata = defaultMeta(cj.metadata);
  const spec: Obj = isObj(cj.spec) ? cj.spec : {};
  cj.spec = spec;
  if (spec.concurrencyPolicy === undefined || spec.concurrencyPolicy === "") spec.concurrencyPolicy = "Allow";
  spec.suspend ??= false;
  spec.successfulJobsHistoryLimit ??= 3;
  spec.failedJobsHistoryLimit ??= 1;
  const template: Obj = isObj(spec.jobTemplate) ? spec.jobTemplate : {};
  spec.jobTemplate = template;
  const jobSpec: Obj = isObj(template.spec) ? template.spec : {};
  template.spec = jobSpec;
  jobSpec.template = defaultPodTemplate(jobSpec.template);
  return cj;
}

/** The CronJob controller names its Jobs `<name>-<minutes>`, eleven characters more: 63 - 11. */
export const MAX_CRONJOB_NAME = 52;

/**
 * validateScheduleFormat. Examples: "0 25 * * *" → `spec.schedule: Invalid value: "0 25 * * *":
 * end of range (25) above maximum (23): 25`; "CRON_TZ=UTC 0 3 * * *" → `…: cannot use TZ or
 * CRON_TZ in schedule, use timeZone field instead`.
 */
function validateSchedule(schedule: string, allowTZ: boolean, timeZone: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const parsed = parseSchedule(schedule);
  if ("error" in parsed) errs.push(invalid("spec.schedule", schedule, parsed.error));
  if (schedule.includes("TZ")) {
    if (allowTZ && timeZone !== undefined && timeZone !== null)
      errs.push(
        invalid("spec.schedule", schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule"),
      );
    else if (!allowTZ)
      errs.push(
        invalid(
          "spec.schedule",
          schedule,
          "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ),
      );
  }
  return errs;
}

/** validTimeZoneCharacters: one part of an IANA name (theory.html#naming, digits and + tolerated). */
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/** validateTimeZone. Example: "Local" → `must be an explicit time zone as defined in https://www.iana.org/time-zones`. */
export function validateTimeZone(timeZone: unknown): FieldError[] {
  if (timeZone === undefined || timeZone === null) return [];
  const field = "spec.timeZone";
  if (typeof timeZone !== "string") return [invalid(field, timeZone, "must be a string")];
  if (timeZone === "") return [invalid(field, timeZone, "timeZone must be nil or non-empty string")];
  for (const part of timeZone.split("/"))
    if (part === "." || part === ".." || part.startsWith("-") || !TIME_ZONE_PART.test(part))
      return [invalid(field, timeZone, `unknown time zone ${timeZone}`)];
  const errs: FieldError[] = [];
  if (timeZone.toLowerCase() === "local")
    errs.push(
      invalid(
        field,
        timeZone,
        "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
      ),
    );
  else {
    const zone = zoneOf(timeZone);
    if ("error" in zone) errs.push(invalid(field, timeZone, zone.error));
  }
  return errs;
}

const POLICIES = ["Allow", "Forbid", "Replace"];

/**
 * ValidateJobTemplateSpec: the job template's spec as a Job's (validateJobSpec: counts,
 * restartPolicy OnFailure or Never, containers), its selector never written (it is generated
 * for each Job) and manualSelector never true.
 */
function validateJobTemplate(template: Obj): FieldError[] {
  const prefix = "spec.jobTemplate.spec";
  const spec: Obj = isObj(template.spec) ? template.spec : {};
  const { selector, manualSelector, ...rest } = spec;
  const asJob = defaultJob({ metadata: { name: "job" }, spec: rest });
  const errs = validateJob(asJob, undefined)
    .filter((e) => e.field.startsWith("spec."))
    .map((e) => ({ ...e, field: `${prefix}${e.field.slice("spec".length)}` }));
  if (selector !== undefined && selector !== null)
    errs.push(
      invalid(
        `${prefix}.selector`,
        selector,
        "`selector` will be auto-generated",
        isObj(selector) ? goLabelSelector(selector as LabelSelector) : undefined,
      ),
    );
  if (manualSelector === true)
    errs.push(notSupported(`${prefix}.manualSelector`, manualSelector, ["nil", "false"]));
  return errs;
}

/** ValidateCronJobCreate (old undefined) or ValidateCronJobUpdate, on the defaulted object. */
export function validateCronJob(cj: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (old === undefined) errs.push(...validateObjectMeta(cj.metadata, isDNS1123Subdomain));
  const spec = cj.spec as Obj;
  const oldSpec: Obj | undefined = old && isObj(old.spec) ? old.spec : undefined;
  const schedule = spec.schedule;
  if (schedule === undefined || schedule === null || schedule === "")
    errs.push(required("spec.schedule", ""));
  else if (typeof schedule !== "string") errs.push(invalid("spec.schedule", schedule, "must be a string"));
  else {
    const allowTZ = typeof oldSpec?.schedule === "string" && oldSpec.schedule.includes("TZ");
    errs.push(...validateSchedule(schedule, allowTZ, spec.timeZone));
  }
  errs.push(...validateInteger(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  errs.push(...validateNonnegative(spec.startingDeadlineSeconds, "spec.startingDeadlineSeconds"));
  if (oldSpec === undefined || oldSpec.timeZone !== spec.timeZone)
    errs.push(...validateTimeZone(spec.timeZone));
  if (!POLICIES.includes(String(spec.concurrencyPolicy)))
    errs.push(notSupported("spec.concurrencyPolicy", spec.concurrencyPolicy, POLICIES));
  errs.push(...validateJobTemplate(spec.jobTemplate as Obj));
  for (const f of ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"]) {
    errs.push(...validateInteger(spec[f], `spec.${f}`));
    errs.push(...validateNonnegative(spec[f], `spec.${f}`));
  }
  if (typeof spec.suspend !== "boolean")
    errs.push(invalid("spec.suspend", spec.suspend, "must be a boolean"));
  const name = (cj.metadata as Obj).name;
  if (old === undefined && typeof name === "string" && name.length > MAX_CRONJOB_NAME)
    errs.push(invalid("metadata.name", name, `must be no more than ${MAX_CRONJOB_NAME} characters`));
  return errs;
}
