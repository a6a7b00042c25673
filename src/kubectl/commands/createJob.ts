/**
 * `kubectl create job NAME --image=IMG [-- COMMAND ARGS…]` and `kubectl create job NAME
 * --from=cronjob/X` (kubectl/pkg/cmd/create/create_job.go). With --image: one container named
 * after the Job, the words after `--` as its command, restartPolicy Never. With --from: the
 * CronJob's job template (its labels, its annotations plus `cronjob.kubernetes.io/instantiate:
 * manual`, its spec), the CronJob as controlling owner (without blockOwnerDeletion) — a manual
 * run the CronJob controller sees as a Job it did not start (UnexpectedJob). Example: `kubectl
 * create job backup-now --from=cronjob/backup` → `job.batch/backup-now created`.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { INSTANTIATE_ANNOTATION } from "../../k8s/kinds/cronJob/types.ts";
import { isObj, type Obj } from "../../k8s/jsonObject.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { notFoundText } from "../apiErrors.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { flag } from "../flags.ts";
import * as msg from "../messages.ts";
import { fail, type KubectlResult } from "../result.ts";
import { isDryRun } from "./common.ts";
import { createdFact, GENERATOR_FLAGS, runGenerated } from "./createGenerated.ts";

/** A field of a stored object read as an object: `{}` when it is missing or not one. */
const obj = (v: unknown): Obj => (isObj(v) ? v : {});

/**
 * The pod template of the `--image` forms of `create job` and `create cronjob`
 * (create_job.go, create_cronjob.go): one container named after the object, the words after
 * `--` as its command.
 */
export function imagePodTemplate(cmd: ParsedCommand, restartPolicy: string): Obj {
  const name = cmd.names[0];
  return {
    metadata: {},
    spec: {
      containers: [
        {
          name,
          image: cmd.flags.image as string,
          ...(cmd.dashArgs.length ? { command: [...cmd.dashArgs] } : {}),
          resources: {},
        },
      ],
      restartPolicy,
    },
  };
}

/** createJob: the --image form. */
function jobForImage(cmd: ParsedCommand): KubeObject {
  const name = cmd.names[0];
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name },
    spec: {
      template: imagePodTemplate(cmd, "Never"),
    },
    status: {},
  } as unknown as KubeObject;
}

/** createJobFromCronJob. */
function jobFromCronJob(cmd: ParsedCommand, cj: KubeObject): KubeObject {
  const template = obj(obj((cj as unknown as Obj).spec).jobTemplate);
  const meta = obj(template.metadata);
  const labels = meta.labels as Record<string, string> | undefined;
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: {
      name: cmd.names[0],
      annotations: { [INSTANTIATE_ANNOTATION]: "manual", ...obj(meta.annotations) },
      ...(labels ? { labels: { ...labels } } : {}),
      ownerReferences: [
        {
          apiVersion: "batch/v1",
          kind: "CronJob",
          name: cj.metadata.name,
          uid: cj.metadata.uid ?? "",
          controller: true,
        },
      ],
    },
    spec: structuredClone(template.spec ?? {}),
    status: {},
  } as unknown as KubeObject;
}

/** The CronJob --from names, or kubectl's error (the builder's for a type or object it cannot find). */
function fromCronJob(cmd: ParsedCommand, cluster: Cluster): KubeObject | KubectlResult {
  const from = cmd.flags.from as string;
  const slash = from.indexOf("/");
  const type = slash < 0 ? from : from.slice(0, slash);
  const name = slash < 0 ? "" : from.slice(slash + 1);
  const kind = cluster.kinds.resource(type);
  if (kind === undefined) return fail(msg.unknownResourceType(type));
  if (name === "") return fail("error: from must be an existing cronjob");
  const found = cluster.api.get(kind.kind, kind.namespaced ? cmd.namespace : "", name);
  if (found === undefined) return fail(notFoundText(kind, name));
  if (kind.kind !== "CronJob") return fail(`error: unknown object type *v1.${kind.kind}`);
  return found;
}

function runCreateJob(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  let job: KubeObject;
  if (cmd.flags.image) job = jobForImage(cmd);
  else {
    const cj = fromCronJob(cmd, cluster);
    if (!("metadata" in cj)) return cj;
    job = jobFromCronJob(cmd, cj);
  }
  return runGenerated(cmd, cluster, job, "job.batch", (m) => `failed to create job: ${m}`);
}

/** create_job.go Validate: exactly one of --image and --from, and no command with --from. */
export const createJobCommand: KubectlCommand = {
  verb: "create",
  sub: "job",
  flags: [flag("image", "string"), flag("from", "string"), ...GENERATOR_FLAGS],
  readOnly: false,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), pos[1] ?? ctx.verbTok);
    const image = (cmd.flags.image as string | undefined) ?? "";
    const from = (cmd.flags.from as string | undefined) ?? "";
    if ((image === "") === (from === ""))
      ctx.error("error: either --image or --from must be specified", ctx.verbTok);
    else if (from !== "" && cmd.dashArgs.length > 0)
      ctx.error("error: cannot specify --from and command", ctx.flagToken("from") ?? ctx.verbTok);
  },
  run: (cmd, cluster) => runCreateJob(cmd, cluster),
  facts: (cmd) => ({ creates: isDryRun(cmd) ? [] : createdFact(cmd, "batch/v1", "Job") }),
};
