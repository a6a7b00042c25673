/**
 * `kubectl create secret generic NAME [--from-literal=k=v]… [--from-file=[k=]path]…
 * [--from-env-file=path] [--type=T]` (kubectl/pkg/cmd/create/create_secret.go): a Secret
 * holding each key the sources give, base64-encoded in `data`; `type` only when given (the
 * API server makes it Opaque). Example: `kubectl create secret generic db-user-pass
 * --from-literal=username=admin` → `secret/db-user-pass created`.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { base64Text } from "../../k8s/kinds/secret/index.ts";
import type { KubeObject } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { flag } from "../flags.ts";
import * as msg from "../messages.ts";
import { fail, type KubectlOptions, type KubectlResult } from "../result.ts";
import { createdFact, GENERATOR_FLAGS, runGenerated } from "./createGenerated.ts";
import { checkDataSourceFlags, configMapKeyErrors, DATA_SOURCE_FLAGS, dataEntries } from "./dataSources.ts";

/** createSecret: the object, or kubectl's error (addKeyFromLiteralToSecret). */
function secretForCreate(cmd: ParsedCommand, options: KubectlOptions): KubeObject | string {
  const entries = dataEntries(cmd, options);
  if (typeof entries === "string") return entries;
  const data: Record<string, string> = {};
  for (const { key, value } of entries) {
    const errs = configMapKeyErrors(key);
    if (errs.length) return `${JSON.stringify(key)} is not valid key name for a Secret ${errs.join(";")}`;
    if (key in data) return `cannot add key ${key}, another key by that name already exists`;
    data[key] = base64Text(value);
  }
  const type = cmd.flags.type as string | undefined;
  return {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: cmd.names[0] },
    ...(Object.keys(data).length ? { data } : {}),
    ...(type ? { type } : {}),
  } as unknown as KubeObject;
}

function runCreateSecret(cmd: ParsedCommand, cluster: Cluster, options: KubectlOptions): KubectlResult {
  const obj = secretForCreate(cmd, options);
  if (typeof obj === "string") return fail(`error: ${obj}`);
  return runGenerated(cmd, cluster, obj, "secret", (m) => `failed to create secret ${m}`);
}

/** create_secret.go NewCmdCreateSecretGeneric: exactly one NAME; an env file goes alone. */
export const createSecretGenericCommand: KubectlCommand = {
  verb: "create",
  sub: "secret",
  flags: [...DATA_SOURCE_FLAGS, flag("type", "string"), ...GENERATOR_FLAGS],
  readOnly: false,
  args(cmd, pos, ctx) {
    // `create secret` groups generic, docker-registry and tls; only generic is here.
    const [form, ...rest] = pos;
    if (!form || form.value !== "generic") {
      ctx.error(
        msg.notSupported(
          form ? `"kubectl create secret ${form.value}"` : '"kubectl create secret" without a type',
        ),
        form ?? ctx.verbTok,
        "`kubectl create secret generic NAME --from-literal=KEY=VALUE` is modelled; apply a Secret manifest for the other types",
      );
      return;
    }
    cmd.names = rest.map((p) => p.value);
    if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), rest[1] ?? form);
    checkDataSourceFlags(cmd, ctx, "kubectl create secret generic", form);
  },
  run: runCreateSecret,
  facts: (cmd) => ({
    creates: createdFact(cmd, "v1", "Secret"),
  }),
};
