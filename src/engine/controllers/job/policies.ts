/**
 * A Job's pod failure policy and success policy, as the Job controller reads them (Kubernetes
 * 1.34: pkg/controller/job/pod_failure_policy.go matchPodFailurePolicy, success_policy.go
 * matchSuccessPolicy). Pure functions of the Job's spec and a pod's status.
 */
import type {
  Job,
  OnExitCodes,
  PodFailurePolicyAction,
  SuccessPolicyRule,
} from "../../../k8s/kinds/job/types.ts";
import { namespaceOf } from "../../../k8s/namespaces.ts";
import type { ContainerStatus, Pod } from "../../../k8s/types.ts";
import { parseIndexes } from "./indexes.ts";

/**
 * What the first matching rule says of a failed pod: the FailJob message, whether the failure
 * counts towards backoffLimit (not under Ignore), and the rule's action. No rule matching (or
 * no policy) counts the failure the default way, with no action.
 */
export interface PolicyMatch {
  failJobMessage?: string;
  countFailed: boolean;
  action?: PodFailurePolicyAction;
}

const NO_MATCH: PolicyMatch = { countFailed: true };

/**
 * matchPodFailurePolicy: the rules in order; the first whose requirement the pod meets decides.
 * Examples: exit code 42 against `FailJob onExitCodes In [42]` at index 0 → "Container main for
 * pod default/x failed with exit code 42 matching FailJob rule at index 0"; a pod with
 * DisruptionTarget=True against `Ignore onPodConditions [DisruptionTarget]` → not counted.
 */
export function matchPodFailurePolicy(job: Job, pod: Pod): PolicyMatch {
  const rules = job.spec.podFailurePolicy?.rules;
  if (rules === undefined) return NO_MATCH;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index];
    let what: string | undefined;
    if (rule.onExitCodes) {
      const cs = matchOnExitCodes(pod, rule.onExitCodes);
      if (cs !== undefined)
        what = `Container ${cs.name} for pod ${namespaceOf(pod)}/${pod.metadata.name} failed with exit code ${cs.state!.terminated!.exitCode}`;
    } else if (rule.onPodConditions) {
      const c = pod.status.conditions?.find((pc) =>
        rule.onPodConditions!.some((p) => p.type === pc.type && p.status === pc.status),
      );
      if (c !== undefined) what = `Pod ${namespaceOf(pod)}/${pod.metadata.name} has condition ${c.type}`;
    }
    if (what === undefined) continue;
    switch (rule.action) {
      case "Ignore":
        return { countFailed: false, action: "Ignore" };
      case "FailIndex":
        return { countFailed: true, action: "FailIndex" };
      case "Count":
        return { countFailed: true, action: "Count" };
      case "FailJob":
        return {
          countFailed: true,
          action: "FailJob",
          failJobMessage: `${what} matching FailJob rule at index ${index}`,
        };
    }
    // An action this version does not know: the rule is skipped (the API's advice to clients).
  }
  return NO_MATCH;
}

/**
 * matchOnExitCodes: the first terminated container with a non-zero exit code (exit 0 is never
 * a failure) that the requirement matches, app containers before init containers.
 */
function matchOnExitCodes(pod: Pod, req: OnExitCodes): ContainerStatus | undefined {
  for (const list of [pod.status.containerStatuses, pod.status.initContainerStatuses])
    for (const cs of list ?? []) {
      const code = cs.state?.terminated?.exitCode;
      if (code === undefined || code === 0) continue;
      if (req.containerName !== undefined && req.containerName !== cs.name) continue;
      const listed = req.values.includes(code);
      if (req.operator === "In" ? listed : req.operator === "NotIn" ? !listed : false) return cs;
    }
  return undefined;
}

/**
 * matchSuccessPolicy: the first rule met by the succeeded indexes — all of its succeededIndexes
 * (or succeededCount of them), or succeededCount indexes at all. The message names the rule.
 * Example: rules [{succeededIndexes: "0"}] with index 0 succeeded → "Matched rules at index 0".
 */
export function matchSuccessPolicy(
  rules: readonly SuccessPolicyRule[] | undefined,
  completions: number,
  succeeded: ReadonlySet<number>,
): string | undefined {
  if (rules === undefined || succeeded.size === 0) return undefined;
  for (let index = 0; index < rules.length; index++) {
    const rule = rules[index];
    if (rule.succeededIndexes !== undefined) {
      const required = parseIndexes(rule.succeededIndexes, completions);
      // A rule whose indexes are all out of range (or unreadable) matches nothing.
      if (required.size === 0) continue;
      let contains = 0;
      for (const ix of required) if (succeeded.has(ix)) contains++;
      if (
        contains === required.size ||
        (rule.succeededCount !== undefined && contains >= rule.succeededCount)
      )
        return `Matched rules at index ${index}`;
    } else if (rule.succeededCount !== undefined && succeeded.size >= rule.succeededCount)
      return `Matched rules at index ${index}`;
  }
  return undefined;
}
