/**
 * A Job through the API server: SetDefaults_Job (pkg/apis/batch/v1/defaults.go), the pod
 * template's SetDefaults_PodSpec, strategy.go's PrepareForCreate (generateSelector) and the
 * essentials of ValidateJob (pkg/apis/batch/validation/validation.go), with their messages.
 *
 * Defaults (Kubernetes 1.34): completions and parallelism 1 when both are unset, parallelism 1
 * otherwise; backoffLimit 6; completionMode NonIndexed; suspend false; manualSelector false;
 * podReplacementPolicy TerminatingOrFailed (JobPodReplacementPolicy); the Job's own labels are
 * its template's when it has none. The template's restartPolicy is defaulted to Always like any
 * pod's, which validation then refuses: a Job's pods must say OnFailure or Never.
 */
import { defaultMeta, defaultPodTemplate } from "../../defaults.ts";
import { invalid, notSupported, required, type FieldError } from "../../fieldErrors.ts";
import type { LabelSelector } from "../../types.ts";
import {
  isDNS1123Subdomain,
  validateInteger,
  validateNonnegative,
  validateObjectMeta,
} from "../../validateMeta.ts";
import { goLabelSelector, validateLabelSelector } from "../../validateSelector.ts";
import { JobLabels } from "./types.ts";
import { isObj, type Obj } from "../../jsonObject.ts";

/** SetDefaults_Job, on a copy. */
export function defaultJob(raw: Obj): Obj {
  const job: Obj = structuredClone(raw);
  job.metadata = defaultMeta(job.metadata);
  const spec: Obj = isObj(job.spec) ? job.spec : {};
  job.spec = spec;
  if (spec.completions === undefined && spec.parallelism === undefined) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  spec.parallelism ??= 1;
  spec.backoffLimit ??= 6;
  const template = defaultPodTemplate(spec.template);
  spec.template = template;
  const meta = job.metadata as Obj;
  const templateLabels = (template.metadata as Obj).labels;
  if (isObj(templateLabels) && !(isObj(meta.labels) && Object.keys(meta.labels).length > 0))
    meta.labels = { ...templateLabels };
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.manualSelector ??= false;
  spec.podReplacementPolicy ??= "TerminatingOrFailed";
  return job;
}

/**
 * generateSelector (strategy.go PrepareForCreate, unless manualSelector): the template gets
 * job-name and controller-uid in both forms, each unless already there, and the selector
 * matches batch.kubernetes.io/controller-uid. A Job created without labels then shows the
 * template's — generated ones included — as its own: the stored object is defaulted again when
 * read back (SetDefaults_Job copies the template's labels to a Job that has none).
 * Example: Job "migrate", uid u → selector {batch.kubernetes.io/controller-uid: u}; template
 * labels {batch.kubernetes.io/controller-uid: u, batch.kubernetes.io/job-name: migrate,
 * controller-uid: u, job-name: migrate}.
 */
export function generateSelector(job: Obj): void {
  const spec = job.spec as Obj;
  const meta = job.metadata as Obj;
  if (spec.manualSelector === true) return;
  const template = spec.template as Obj;
  const tmeta: Obj = isObj(template.metadata) ? template.metadata : {};
  template.metadata = tmeta;
  const labels: Record<string, string> = isObj(tmeta.labels) ? (tmeta.labels as Record<string, string>) : {};
  tmeta.labels = labels;
  const name = String(meta.name ?? "");
  const uid = String(meta.uid ?? "");
  for (const key of [JobLabels.legacyJobName, JobLabels.jobName]) labels[key] ??= name;
  for (const key of [JobLabels.legacyControllerUid, JobLabels.controllerUid]) labels[key] ??= uid;
  const selector: Obj = isObj(spec.selector) ? spec.selector : {};
  spec.selector = selector;
  const matchLabels: Record<string, string> = isObj(selector.matchLabels)
    ? (selector.matchLabels as Record<string, string>)
    : {};
  selector.matchLabels = matchLabels;
  matchLabels[JobLabels.controllerUid] ??= uid;
  if (!(isObj(meta.labels) && Object.keys(meta.labels).length > 0)) meta.labels = { ...labels };
}

const RESTART_POLICIES = ["OnFailure", "Never"];

/**
 * ValidateJob's checks a manifest commonly trips: the counts non-negative, backoffLimit and
 * activeDeadlineSeconds, completionMode, an Indexed Job's completions, the template's
 * restartPolicy, and — without manualSelector — no selector of the user's own.
 * Example: a template without restartPolicy → `spec.template.spec.restartPolicy: Unsupported
 * value: "Always": supported values: "OnFailure", "Never"`.
 */
export function validateJob(job: Obj, old: Obj | undefined): FieldError[] {
  const errs: FieldError[] = [];
  if (old === undefined) errs.push(...validateObjectMeta(job.metadata, isDNS1123Subdomain));
  const spec = job.spec as Obj;
  for (const f of ["parallelism", "completions", "backoffLimit", "ttlSecondsAfterFinished"]) {
    errs.push(...validateInteger(spec[f], `spec.${f}`));
    errs.push(...validateNonnegative(spec[f], `spec.${f}`));
  }
  const deadline = spec.activeDeadlineSeconds;
  if (deadline !== undefined && deadline !== null) {
    errs.push(...validateInteger(deadline, "spec.activeDeadlineSeconds"));
    if (typeof deadline === "number" && deadline <= 0)
      errs.push(invalid("spec.activeDeadlineSeconds", deadline, "must be greater than 0"));
  }
  const mode = spec.completionMode;
  if (mode !== "NonIndexed" && mode !== "Indexed")
    errs.push(notSupported("spec.completionMode", mode, ["NonIndexed", "Indexed"]));
  else if (mode === "Indexed" && (spec.completions === undefined || spec.completions === null))
    errs.push(required("spec.completions", "when completion mode is Indexed"));
  if (
    old === undefined &&
    spec.manualSelector !== true &&
    spec.selector !== undefined &&
    spec.selector !== null
  )
    errs.push(
      invalid(
        "spec.selector",
        spec.selector,
        "`selector` will be auto-generated",
        goLabelSelector(spec.selector as LabelSelector),
      ),
    );
  else if (spec.manualSelector === true) {
    if (spec.selector === undefined || spec.selector === null) errs.push(required("spec.selector", ""));
    else errs.push(...validateLabelSelector(spec.selector, "spec.selector"));
  }
  const template = spec.template as Obj;
  const podSpec: Obj = isObj(template.spec) ? template.spec : {};
  if (!RESTART_POLICIES.includes(String(podSpec.restartPolicy)))
    errs.push(
      notSupported("spec.template.spec.restartPolicy", podSpec.restartPolicy ?? "", RESTART_POLICIES),
    );
  if (!Array.isArray(podSpec.containers) || podSpec.containers.length === 0)
    errs.push(required("spec.template.spec.containers", ""));
  if (old !== undefined) errs.push(...validateJobUpdate(spec, old.spec as Obj));
  return errs;
}

/** ValidateJobUpdate: the selector and the completion mode are immutable. */
function validateJobUpdate(spec: Obj, old: Obj): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.selector !== undefined && JSON.stringify(spec.selector) !== JSON.stringify(old.selector))
    errs.push(
      invalid(
        "spec.selector",
        spec.selector,
        "field is immutable",
        goLabelSelector(spec.selector as LabelSelector),
      ),
    );
  if (spec.completionMode !== old.completionMode)
    errs.push(invalid("spec.completionMode", spec.completionMode, "field is immutable"));
  return errs;
}
