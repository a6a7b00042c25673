/**
 * What every `kubectl create KIND NAME …` generator does with the object it built
 * (kubectl/pkg/cmd/create/create_*.go Run): `--save-config` records it as the last applied
 * configuration (util.CreateOrUpdateAnnotation), `--dry-run=client` prints it as built, with
 * `creationTimestamp: null`, else it is sent to the command's namespace and printed as the
 * server stored it: `configmap/NAME created`, or with -o as asked.
 */
import type { ApiError, Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import { KubectlAnnotations } from "../../k8s/annotations.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { formatApiError } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { flag, dryRunFlag, outputFlag } from "../flags.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { lastAppliedConfiguration } from "./apply.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";
import { printClientObject, printObjects } from "./output.ts";

/** The flags every generator has besides its own. */
export const GENERATOR_FLAGS = [
  dryRunFlag,
  outputFlag,
  flag("save-config", "bool"),
  flag("field-manager", "string"),
  flag("validate", "string"),
];

/** `--save-config`: the object as built, recorded as its last applied configuration. */
export function withSaveConfig<T extends KubeObject>(cmd: ParsedCommand, obj: T): T {
  if (cmd.flags["save-config"] !== true) return obj;
  const annotations = {
    ...(obj.metadata.annotations ?? {}),
    [KubectlAnnotations.lastAppliedConfiguration]: lastAppliedConfiguration(obj),
  };
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

/** The object as the generator sends it: in the command's namespace only with -n (EnforceNamespace). */
export function generated(cmd: ParsedCommand, obj: KubeObject): KubeObject {
  const placed = cmd.namespaceGiven
    ? { ...obj, metadata: { ...obj.metadata, namespace: cmd.namespace } }
    : obj;
  return withSaveConfig(cmd, placed as KubeObject);
}

/**
 * Print or send what a generator built. `prefix` is how the object is named in the output
 * (`configmap`, `service`, `poddisruptionbudget.policy`); `wrap` is the generator's wording of
 * a refusal (`failed to create configmap: …`), else the server's own.
 */
export function runGenerated(
  cmd: ParsedCommand,
  cluster: Cluster,
  built: KubeObject,
  prefix: string,
  wrap?: (message: string) => string,
): KubectlResult {
  const obj = generated(cmd, built);
  const name = obj.metadata.name;
  if (isDryRun(cmd)) {
    if (cmd.output) {
      const raw = structuredClone(obj) as unknown as { metadata: Record<string, unknown> };
      raw.metadata = { creationTimestamp: null, ...raw.metadata };
      return printClientObject(raw as unknown as Record<string, unknown>, cluster.kinds.of(obj.kind), cmd);
    }
    return { ...ok(`${prefix}/${name} created${dryRunSuffix(cmd)}\n`), readOnly: true };
  }
  const res = cluster.api.create({ ...obj, metadata: { ...obj.metadata, namespace: cmd.namespace } });
  if (isApiError(res))
    return fail(
      wrap
        ? `error: ${wrap(statusMessage(res, cluster, obj.kind, name))}`
        : formatApiError(res, obj.kind, name),
    );
  if (cmd.output) return { ...printObjects([res], cmd, cluster, true), readOnly: false };
  return ok(`${prefix}/${name} created\n`);
}

/**
 * The server's own Status message, which a generator's `fmt.Errorf("failed to create …: %v", err)`
 * prints: an Invalid one as errors.NewInvalid words it (`Service "x" is invalid: spec.clusterIPs: …`,
 * several causes in brackets), not as kubectl's checkErr would (`The Service "x" is invalid`).
 */
function statusMessage(res: ApiError, cluster: Cluster, kind: string, name: string): string {
  if (res.reason !== "Invalid" || !res.causes?.length) return res.message;
  const group = cluster.kinds.get(kind)?.group;
  const causes = [...new Set(res.causes.map((c) => `${c.field}: ${c.message}`))];
  const body = causes.length === 1 ? causes[0] : `[${causes.join(", ")}]`;
  return `${group ? `${kind}.${group}` : kind} ${JSON.stringify(name)} is invalid: ${body}`;
}

/** What the planner is told a generator line creates: an object of that kind and name, in the command's namespace. */
export function createdFact(cmd: ParsedCommand, apiVersion: string, kind: string): KubeObject[] {
  if (cmd.names.length !== 1 || isDryRun(cmd)) return [];
  const sent = generated(cmd, {
    apiVersion,
    kind,
    metadata: { name: cmd.names[0] },
  } as unknown as KubeObject);
  return [{ ...sent, metadata: { ...sent.metadata, namespace: cmd.namespace } } as KubeObject];
}
