/**
 * The pods a Job makes (job_controller.go manageJob, controller_utils.go GetPodFromTemplate):
 * the template's labels, annotations and spec, the Job as controlling owner, and the tracking
 * finalizer (appendJobCompletionFinalizerIfNotFound). An Indexed Job's pod also gets its
 * completion index — annotation and label batch.kubernetes.io/job-completion-index, hostname
 * `<job>-<index>`, and the JOB_COMPLETION_INDEX variable in each container
 * (addCompletionIndexEnvVariables) — and is named `<job>-<index>-<random 5>`
 * (podGenerateNameWithIndex); a NonIndexed Job's pod is `<job>-<random 5>`. The random part
 * comes from the run's seeded name stream, as every generated name does.
 */
import { deepClone } from "../../../k8s/clone.ts";
import {
  COMPLETION_INDEX_ANNOTATION,
  JOB_TRACKING_FINALIZER,
  JobLabels,
  type Job,
} from "../../../k8s/kinds/job/types.ts";
import type { Container, Pod, Time } from "../../../k8s/types.ts";
import { newControllerRef } from "../replicaset/controllerRef.ts";

/** The completion index of a pod, or undefined (getCompletionIndex: unknownCompletionIndex). */
export function completionIndexOf(pod: Pod): number | undefined {
  const v = pod.metadata.annotations?.[COMPLETION_INDEX_ANNOTATION];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}

/** MaxGeneratedNameLength (63 - 5 random characters) less the "-" and the index's own "-". */
const MAX_GENERATED_NAME = 58;

/** podGenerateNameWithIndex: `<job>-<index>-`, the job's name cut so that the whole fits. */
function generateNameWithIndex(job: string, index: number): string {
  const append = `-${index}-`;
  const cut = Math.max(0, MAX_GENERATED_NAME - append.length);
  return `${job.length > cut ? job.slice(0, cut) : job}${append}`;
}

/** addCompletionIndexEnvVariables: JOB_COMPLETION_INDEX from the annotation, unless a container defines it. */
function withIndexEnv(c: Container): Container {
  const env = (c.env ?? []) as { name: string }[];
  if (env.some((e) => e.name === "JOB_COMPLETION_INDEX")) return c;
  return {
    ...c,
    env: [
      ...env,
      {
        name: "JOB_COMPLETION_INDEX",
        valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']` } },
      },
    ],
  } as Container;
}

/**
 * The pod for a NonIndexed Job (index undefined) or for one index of an Indexed Job, with the
 * index's failure counts under backoffLimitPerIndex (perIndex.ts).
 */
export function newJobPod(
  job: Job,
  index: number | undefined,
  now: Time,
  indexAnnotations?: Record<string, string>,
): Pod {
  const template = job.spec.template;
  const meta = template.metadata ?? {};
  const spec = deepClone(template.spec);
  const labels: Record<string, string> = { ...(meta.labels ?? {}) };
  const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
  let generateName = `${job.metadata.name}-`;
  if (index !== undefined) {
    spec.containers = spec.containers.map(withIndexEnv);
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withIndexEnv);
    annotations[COMPLETION_INDEX_ANNOTATION] = String(index);
    if (indexAnnotations) Object.assign(annotations, indexAnnotations);
    labels[JobLabels.completionIndex] = String(index);
    (spec as { hostname?: string }).hostname = `${job.metadata.name}-${index}`;
    generateName = generateNameWithIndex(job.metadata.name, index);
  }
  const finalizers = [...((meta as { finalizers?: string[] }).finalizers ?? [])];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: "",
      generateName,
      creationTimestamp: now,
      labels,
      ownerReferences: [newControllerRef("batch/v1", "Job", job.metadata)],
      finalizers,
    },
    spec,
    status: { phase: "Pending" },
  };
  if (Object.keys(annotations).length > 0) pod.metadata.annotations = annotations;
  if (job.metadata.namespace !== undefined) pod.metadata.namespace = job.metadata.namespace;
  return pod;
}
