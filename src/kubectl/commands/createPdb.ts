/**
 * `kubectl create poddisruptionbudget NAME --selector=SEL (--min-available=N|N% |
 * --max-unavailable=N|N%)` (kubectl/pkg/cmd/create/create_pdb.go): a policy/v1
 * PodDisruptionBudget over the pods the selector matches (metav1.ParseToLabelSelector), which
 * `kubectl drain` then honours. Example: `kubectl create pdb web-pdb --selector=app=web
 * --min-available=2` → `poddisruptionbudget.policy/web-pdb created`.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { flag } from "../flags.ts";
import * as msg from "../messages.ts";
import { fail, type KubectlResult } from "../result.ts";
import { parseSelector } from "../selectorParse.ts";
import { createdFact, GENERATOR_FLAGS, runGenerated } from "./createGenerated.ts";

/** create_pdb.go Validate: a count or a percentage, nothing else ("10GB" is refused). */
const AMOUNT = /^[0-9]+%?$/;

/** intstr.Parse: a number when it reads as one, else the text. */
const intOrString = (text: string): number | string => (/^-?\d+$/.test(text) ? Number(text) : text);

/** createPodDisruptionBudgets: the object, or the selector's error. */
function pdbForCreate(cmd: ParsedCommand): KubeObject | string {
  const selector = parseSelector(cmd.flags.selector as string);
  if (typeof selector === "string") return selector;
  const min = cmd.flags["min-available"] as string | undefined;
  const max = cmd.flags["max-unavailable"] as string | undefined;
  const matchLabels = { ...(selector.matchLabels ?? {}) };
  return {
    apiVersion: "policy/v1",
    kind: "PodDisruptionBudget",
    metadata: { name: cmd.names[0] },
    spec: {
      ...(min ? { minAvailable: intOrString(min) } : { maxUnavailable: intOrString(max ?? "") }),
      selector: {
        ...(Object.keys(matchLabels).length ? { matchLabels } : {}),
        ...(selector.matchExpressions?.length ? { matchExpressions: selector.matchExpressions } : {}),
      },
    },
    status: { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
  } as unknown as KubeObject;
}

function runCreatePdb(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const obj = pdbForCreate(cmd);
  if (typeof obj === "string") return fail(obj.startsWith("error: ") ? obj : `error: ${obj}`);
  return runGenerated(
    cmd,
    cluster,
    obj,
    "poddisruptionbudget.policy",
    (m) => `failed to create poddisruptionbudgets: ${m}`,
  );
}

/** create_pdb.go Validate, before anything is sent. */
export const createPdbCommand: KubectlCommand = {
  verb: "create",
  sub: "poddisruptionbudget",
  subAliases: ["pdb"],
  flags: [
    flag("selector", "string"),
    flag("min-available", "string"),
    flag("max-unavailable", "string"),
    ...GENERATOR_FLAGS,
  ],
  readOnly: false,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), pos[1] ?? ctx.verbTok);
    const min = cmd.flags["min-available"] as string | undefined;
    const max = cmd.flags["max-unavailable"] as string | undefined;
    const at = (f: string) => ctx.flagToken(f) ?? ctx.verbTok;
    if (!cmd.flags.selector) ctx.error("error: a selector must be specified", ctx.verbTok);
    else if (!min && !max)
      ctx.error("error: one of min-available or max-unavailable must be specified", ctx.verbTok);
    else if (min && max)
      ctx.error("error: min-available and max-unavailable cannot be both specified", at("max-unavailable"));
    else if (min && !AMOUNT.test(min))
      ctx.error("error: invalid format specified for min-available", at("min-available"));
    else if (max && !AMOUNT.test(max))
      ctx.error("error: invalid format specified for max-unavailable", at("max-unavailable"));
  },
  run: (cmd, cluster) => runCreatePdb(cmd, cluster),
  facts: (cmd) => ({
    creates: createdFact(cmd, "policy/v1", "PodDisruptionBudget"),
  }),
};
