/**
 * `kubectl create cronjob NAME --image=IMG --schedule=SCHED [--restart=OnFailure|Never] [--
 * COMMAND ARGS…]` (alias `cj`; kubectl/pkg/cmd/create/create_cronjob.go): a batch/v1 CronJob
 * whose job template runs one container named after it, the words after `--` as its command,
 * restartPolicy OnFailure unless --restart says otherwise. The API server validates the schedule
 * (`The CronJob "x" is invalid: spec.schedule: Invalid value: …`). Example: `kubectl create
 * cronjob backup --image=busybox --schedule="0 3 * * *" -- sh -c "sleep 30"` →
 * `cronjob.batch/backup created`.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { flag } from "../flags.ts";
import * as msg from "../messages.ts";
import type { KubectlResult } from "../result.ts";
import { imagePodTemplate } from "./createJob.ts";
import { createdFact, GENERATOR_FLAGS, runGenerated } from "./createGenerated.ts";

/** createCronJob: the job template is named after the CronJob too. */
function cronJobForCreate(cmd: ParsedCommand): KubeObject {
  const name = cmd.names[0];
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name },
    spec: {
      schedule: (cmd.flags.schedule as string | undefined) ?? "",
      jobTemplate: {
        metadata: { name },
        spec: {
          template: imagePodTemplate(cmd, (cmd.flags.restart as string | undefined) || "OnFailure"),
        },
      },
    },
    status: {},
  } as unknown as KubeObject;
}

function runCreateCronJob(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  return runGenerated(
    cmd,
    cluster,
    cronJobForCreate(cmd),
    "cronjob.batch",
    (m) => `failed to create cronjob: ${m}`,
  );
}

/** create_cronjob.go: exactly one NAME; --image and --schedule are required flags. */
export const createCronJobCommand: KubectlCommand = {
  verb: "create",
  sub: "cronjob",
  subAliases: ["cj"],
  flags: [flag("image", "string"), flag("schedule", "string"), flag("restart", "string"), ...GENERATOR_FLAGS],
  readOnly: false,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    const missing = ["image", "schedule"].filter((f) => cmd.flags[f] === undefined);
    if (missing.length > 0)
      ctx.error(`error: required flag(s) ${missing.map((f) => `"${f}"`).join(", ")} not set`, ctx.verbTok);
    else if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), pos[1] ?? ctx.verbTok);
  },
  run: (cmd, cluster) => runCreateCronJob(cmd, cluster),
  facts: (cmd) => ({ creates: createdFact(cmd, "batch/v1", "CronJob") }),
};
