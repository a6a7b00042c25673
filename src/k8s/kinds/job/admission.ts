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
import {
  duplicate,
  invalid,
  invalidOmitValue,
  notSupported,
  required,
  type FieldError,
} from "../../fieldErrors.ts";
import type { LabelSelector } from "../../types.ts";
import {
  isDNS1123Subdomain,
  isQualifiedName,
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
  // With a per-index limit the Job-wide one is out of the way (math.MaxInt32).
  spec.backoffLimit ??=
    spec.backoffLimitPerIndex !== undefined && spec.backoffLimitPerIndex !== null ? 2147483647 : 6;
  const template = defaultPodTemplate(spec.template);
  spec.template = template;
  const meta = job.metadata as Obj;
  const templateLabels = (template.metadata as Obj).labels;
  if (isObj(templateLabels) && !(isObj(meta.labels) && Object.keys(meta.labels).length > 0))
    meta.labels = { ...templateLabels };
  spec.completionMode ??= "NonIndexed";
  spec.suspend ??= false;
  spec.manualSelector ??= false;
  spec.podReplacementPolicy ??= isObj(spec.podFailurePolicy) ? "Failed" : "TerminatingOrFailed";
  // SetDefaults_PodFailurePolicyOnPodConditionsPattern: a pattern without status means True.
  if (isObj(spec.podFailurePolicy) && Array.isArray(spec.podFailurePolicy.rules))
    for (const rule of spec.podFailurePolicy.rules)
      if (isObj(rule) && Array.isArray(rule.onPodConditions))
        for (const pattern of rule.onPodConditions)
          if (isObj(pattern) && (pattern.status === undefined || pattern.status === ""))
            pattern.status = "True";
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
  for (const f of [
    "parallelism",
    "completions",
    "backoffLimit",
    "ttlSecondsAfterFinished",
    "backoffLimitPerIndex",
    "maxFailedIndexes",
  ]) {
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
  errs.push(...validatePolicies(spec));
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
  else if (isObj(spec.podFailurePolicy) && podSpec.restartPolicy !== "Never")
    errs.push(
      invalid(
        "spec.template.spec.restartPolicy",
        podSpec.restartPolicy,
        'only "Never" is supported when podFailurePolicy is specified',
      ),
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

const isSet = (v: unknown): boolean => v !== undefined && v !== null;
const ACTIONS = ["Count", "FailIndex", "FailJob", "Ignore"];
const OPERATORS = ["In", "NotIn"];
const CONDITION_STATUSES = ["False", "True", "Unknown"];
const goInt32s = (values: unknown[]): string =>
  values.length === 0 ? "[]int32{}" : `[]int32{${values.map(String).join(", ")}}`;
const quotedList = (values: readonly string[]): string =>
  `[${values.map((v) => JSON.stringify(v)).join(" ")}]`;

/**
 * validateJobSpec's checks of backoffLimitPerIndex, maxFailedIndexes, podFailurePolicy,
 * successPolicy and podReplacementPolicy (validation.go, 1.34), with its messages.
 * Examples: a rule with neither requirement → `spec.podFailurePolicy.rules[0]: Invalid value:
 * specifying one of OnExitCodes and OnPodConditions is required`; FailIndex without
 * backoffLimitPerIndex → `…rules[0].action: Invalid value: "FailIndex": requires the
 * backoffLimitPerIndex to be set`.
 */
function validatePolicies(spec: Obj): FieldError[] {
  const errs: FieldError[] = [];
  const indexed = spec.completionMode === "Indexed";
  if (isSet(spec.maxFailedIndexes) && !isSet(spec.backoffLimitPerIndex))
    errs.push(required("spec.backoffLimitPerIndex", "when maxFailedIndexes is specified"));
  if (
    indexed &&
    typeof spec.maxFailedIndexes === "number" &&
    typeof spec.completions === "number" &&
    spec.maxFailedIndexes > spec.completions
  )
    errs.push(
      invalid("spec.maxFailedIndexes", spec.maxFailedIndexes, "must be less than or equal to completions"),
    );
  if (!indexed) {
    for (const f of ["backoffLimitPerIndex", "maxFailedIndexes"])
      if (isSet(spec[f])) errs.push(invalid(`spec.${f}`, spec[f], "requires indexed completion mode"));
  }
  const pfp = spec.podFailurePolicy;
  if (isObj(pfp)) {
    const template = isObj(spec.template) ? spec.template : {};
    const podSpec: Obj = isObj(template.spec) ? template.spec : {};
    const names = new Set<string>();
    for (const list of [podSpec.containers, podSpec.initContainers])
      if (Array.isArray(list))
        for (const c of list) if (isObj(c) && typeof c.name === "string") names.add(c.name);
    const rules = Array.isArray(pfp.rules) ? pfp.rules : [];
    rules.forEach((rule, i) =>
      errs.push(
        ...validateFailureRule(spec, isObj(rule) ? rule : {}, `spec.podFailurePolicy.rules[${i}]`, names),
      ),
    );
  }
  const sp = spec.successPolicy;
  if (isObj(sp)) {
    if (!indexed)
      errs.push(invalid("spec.successPolicy", sp, "requires indexed completion mode", successPolicyText(sp)));
    else {
      const rules = Array.isArray(sp.rules) ? sp.rules : [];
      if (rules.length === 0)
        errs.push(
          required(
            "spec.successPolicy.rules",
            "at least one rules must be specified when the successPolicy is specified",
          ),
        );
      rules.forEach((rule, i) =>
        errs.push(...validateSuccessRule(spec, isObj(rule) ? rule : {}, `spec.successPolicy.rules[${i}]`)),
      );
    }
  }
  const replacement = spec.podReplacementPolicy;
  if (isObj(pfp)) {
    if (replacement !== "Failed")
      errs.push(notSupported("spec.podReplacementPolicy", replacement, ["Failed"]));
  } else if (replacement !== "Failed" && replacement !== "TerminatingOrFailed")
    errs.push(notSupported("spec.podReplacementPolicy", replacement, ["Failed", "TerminatingOrFailed"]));
  return errs;
}

/** validatePodFailurePolicyRule and its requirements' checks. */
function validateFailureRule(spec: Obj, rule: Obj, path: string, names: ReadonlySet<string>): FieldError[] {
  const errs: FieldError[] = [];
  const action = rule.action;
  if (action === undefined || action === null || action === "")
    errs.push(required(`${path}.action`, `valid values: ${quotedList(ACTIONS)}`));
  else if (action === "FailIndex") {
    if (!isSet(spec.backoffLimitPerIndex))
      errs.push(invalid(`${path}.action`, action, "requires the backoffLimitPerIndex to be set"));
  } else if (!ACTIONS.includes(String(action))) errs.push(notSupported(`${path}.action`, action, ACTIONS));
  const onExit = rule.onExitCodes;
  if (isObj(onExit)) {
    const at = `${path}.onExitCodes`;
    const op = onExit.operator;
    if (op === undefined || op === null || op === "")
      errs.push(required(`${at}.operator`, `valid values: ${quotedList(OPERATORS)}`));
    else if (!OPERATORS.includes(String(op))) errs.push(notSupported(`${at}.operator`, op, OPERATORS));
    if (isSet(onExit.containerName) && !names.has(String(onExit.containerName)))
      errs.push(
        invalid(
          `${at}.containerName`,
          onExit.containerName,
          "must be one of the container or initContainer names in the pod template",
        ),
      );
    const values = Array.isArray(onExit.values) ? onExit.values : [];
    if (values.length === 0)
      errs.push(invalid(`${at}.values`, values, "at least one value is required", "[]int32(nil)"));
    const seen = new Set<unknown>();
    let ordered = true;
    values.forEach((v, j) => {
      if (op === "In" && v === 0)
        errs.push(invalid(`${at}.values[${j}]`, v, "must not be 0 for the In operator"));
      if (seen.has(v)) errs.push(duplicate(`${at}.values[${j}]`, v));
      else seen.add(v);
      if (j > 0 && Number(values[j - 1]) > Number(v)) ordered = false;
    });
    if (!ordered) errs.push(invalid(`${at}.values`, values, "must be ordered", goInt32s(values)));
  }
  const onConditions = Array.isArray(rule.onPodConditions) ? rule.onPodConditions : [];
  onConditions.forEach((pattern, j) => {
    const p: Obj = isObj(pattern) ? pattern : {};
    const at = `${path}.onPodConditions[${j}]`;
    for (const msg of isQualifiedName(String(p.type ?? "")))
      errs.push(invalid(`${at}.type`, p.type ?? "", msg));
    if (!CONDITION_STATUSES.includes(String(p.status)))
      errs.push(notSupported(`${at}.status`, p.status, CONDITION_STATUSES));
  });
  if (isObj(onExit) && onConditions.length > 0)
    errs.push(invalidOmitValue(path, "specifying both OnExitCodes and OnPodConditions is not supported"));
  if (!isObj(onExit) && onConditions.length === 0)
    errs.push(invalidOmitValue(path, "specifying one of OnExitCodes and OnPodConditions is required"));
  return errs;
}

/** validateSuccessPolicyRule. Example: succeededCount 5 of 3 completions → `must be less than or equal to 3 (the number of specified completions)`. */
function validateSuccessRule(spec: Obj, rule: Obj, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const completions = typeof spec.completions === "number" ? spec.completions : 0;
  if (!isSet(rule.succeededCount) && !isSet(rule.succeededIndexes))
    errs.push(required(path, "at least one of succeededCount or succeededIndexes must be specified"));
  let total = 0;
  if (isSet(rule.succeededIndexes)) {
    const text = String(rule.succeededIndexes);
    const parsed = indexesFormat(text, completions);
    if (typeof parsed === "string")
      errs.push(invalid(`${path}.succeededIndexes`, text, `error parsing succeededIndexes: ${parsed}`));
    else total = parsed;
  }
  if (isSet(rule.succeededCount)) {
    const count = Number(rule.succeededCount);
    errs.push(...validateNonnegative(rule.succeededCount, `${path}.succeededCount`));
    if (count > completions)
      errs.push(
        invalid(
          `${path}.succeededCount`,
          count,
          `must be less than or equal to ${completions} (the number of specified completions)`,
        ),
      );
    if (isSet(rule.succeededIndexes) && count > total)
      errs.push(
        invalid(
          `${path}.succeededCount`,
          count,
          `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`,
        ),
      );
  }
  return errs;
}

/**
 * validateIndexesFormat and parseIndexInterval: "0,2-4" style, each index below completions,
 * intervals increasing. The number of indexes, or the error's text.
 * Examples: "0,2-4" of 5 → 4; "3-1" → "non-increasing order, previous: 3, current: 1".
 */
function indexesFormat(text: string, completions: number): number | string {
  if (text === "") return 0;
  let total = 0;
  let last: number | undefined;
  const atoi = (l: string): number | undefined => (/^[+-]?\d+$/.test(l) ? Number(l) : undefined);
  for (const part of text.split(",")) {
    const limits = part.split("-");
    if (limits.length > 2)
      return `the fragment ${JSON.stringify(part)} violates the requirement that an index interval can have at most two parts separated by '-'`;
    const x = atoi(limits[0]);
    if (x === undefined) return `cannot convert string to integer for index: ${JSON.stringify(limits[0])}`;
    if (x >= completions) return `too large index: ${JSON.stringify(limits[0])}`;
    let y = x;
    if (limits.length === 2) {
      const parsed = atoi(limits[1]);
      if (parsed === undefined)
        return `cannot convert string to integer for index: ${JSON.stringify(limits[1])}`;
      if (parsed >= completions) return `too large index: ${JSON.stringify(limits[1])}`;
      if (x >= parsed) return `non-increasing order, previous: ${x}, current: ${parsed}`;
      y = parsed;
    }
    if (last !== undefined && last >= x) return `non-increasing order, previous: ${last}, current: ${x}`;
    total += y - x + 1;
    last = y;
  }
  return total;
}

/**
 * The SuccessPolicy in the "requires indexed completion mode" error. Go's %#v prints its
 * pointer fields as addresses, which say nothing; the values are shown in their place.
 */
function successPolicyText(sp: Obj): string {
  const rules = (Array.isArray(sp.rules) ? sp.rules : []).map((r) => {
    const o: Obj = isObj(r) ? r : {};
    const idx = isSet(o.succeededIndexes)
      ? `(*string)(${JSON.stringify(String(o.succeededIndexes))})`
      : "(*string)(nil)";
    const cnt = isSet(o.succeededCount) ? `(*int32)(${String(o.succeededCount)})` : "(*int32)(nil)";
    return `batch.SuccessPolicyRule{SucceededIndexes:${idx}, SucceededCount:${cnt}}`;
  });
  return `batch.SuccessPolicy{Rules:[]batch.SuccessPolicyRule{${rules.join(", ")}}}`;
}
