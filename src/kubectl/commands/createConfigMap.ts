/**
 * `kubectl create configmap NAME [--from-literal=k=v]… [--from-file=[k=]path]…
 * [--from-env-file=path]` (kubectl/pkg/cmd/create/create_configmap.go): a ConfigMap holding
 * each key the sources give. A key that is not a valid ConfigMap key, or one given twice, is
 * kubectl's error before anything is sent. Example: `kubectl create configmap game-config
 * --from-literal=lives=3` → `configmap/game-config created`.
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import * as msg from "../messages.ts";
import { fail, type KubectlOptions, type KubectlResult } from "../result.ts";
import { createdFact, GENERATOR_FLAGS, runGenerated } from "./createGenerated.ts";
import { checkDataSourceFlags, configMapKeyErrors, DATA_SOURCE_FLAGS, dataEntries } from "./dataSources.ts";

/** createConfigMap: the object, or kubectl's error (validateNewConfigMap). */
function configMapForCreate(cmd: ParsedCommand, options: KubectlOptions): KubeObject | string {
  const name = cmd.names[0];
  const entries = dataEntries(cmd, options);
  if (typeof entries === "string") return entries;
  const data: Record<string, string> = {};
  for (const { key, value } of entries) {
    const errs = configMapKeyErrors(key);
    if (errs.length)
      return `${JSON.stringify(key)} is not a valid key name for a ConfigMap: ${errs.join(",")}`;
    if (key in data)
      return `cannot add key ${JSON.stringify(key)}, another key by that name already exists in Data for ConfigMap ${JSON.stringify(name)}`;
    data[key] = value;
  }
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name },
    ...(Object.keys(data).length ? { data } : {}),
  } as unknown as KubeObject;
}

function runCreateConfigMap(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const obj = configMapForCreate(cmd, options);
  if (typeof obj === "string") return fail(`error: ${obj}`);
  return runGenerated(cmd, cluster, obj, "configmap", (m) => `failed to create configmap: ${m}`);
}

/** create_configmap.go: exactly one NAME; an env file goes alone. */
export const createConfigMapCommand: KubectlCommand = {
  verb: "create",
  sub: "configmap",
  subAliases: ["cm"],
  flags: [...DATA_SOURCE_FLAGS, ...GENERATOR_FLAGS],
  readOnly: false,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), pos[1] ?? ctx.verbTok);
    checkDataSourceFlags(cmd, ctx, "kubectl create configmap", ctx.verbTok);
  },
  run: runCreateConfigMap,
  facts: (cmd) => ({
    creates: createdFact(cmd, "v1", "ConfigMap"),
  }),
};
