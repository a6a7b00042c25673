/**
 * `kubectl create namespace NAME [--dry-run=…] [-o …]` (kubectl/pkg/cmd/create/create_namespace.go):
 * a Namespace with that name and nothing else; the API server fills in its phase, finalizer
 * and name label. Refusals are the server's own (`Error from server (AlreadyExists):
 * namespaces "prod" already exists`): create_namespace.go returns them unwrapped.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isApiError } from "../../engine/cluster.ts";
import type { KubeObject } from "../../k8s/types.ts";
import { formatApiError } from "../apiErrors.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { dryRunFlag, flag, outputFlag } from "../flags.ts";
import * as msg from "../messages.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { dryRunSuffix, isDryRun } from "./common.ts";
import { withSaveConfig } from "./createGenerated.ts";
import { printClientObject, printObjects } from "./output.ts";

/** The object create_namespace.go sends (createNamespace): a name, an empty spec and status. */
function namespaceForCreate(cmd: ParsedCommand): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: cmd.names[0] },
    spec: {},
    status: {},
  } as unknown as KubeObject;
}

function runCreateNamespace(cmd: ParsedCommand, cluster: Cluster): KubectlResult {
  const obj = withSaveConfig(cmd, namespaceForCreate(cmd));
  const name = cmd.names[0];
  if (isDryRun(cmd)) {
    if (cmd.output) {
      const raw = structuredClone(obj) as unknown as { metadata: Record<string, unknown> };
      raw.metadata = { creationTimestamp: null, ...raw.metadata };
      return printClientObject(raw as unknown as Record<string, unknown>, cluster.kinds.of("Namespace"), cmd);
    }
    return { ...ok(`namespace/${name} created${dryRunSuffix(cmd)}\n`), readOnly: true };
  }
  const res = cluster.api.create(obj);
  if (isApiError(res)) return fail(formatApiError(res, "Namespace", name));
  if (cmd.output) return { ...printObjects([res], cmd, cluster, true), readOnly: false };
  return ok(`namespace/${name} created\n`);
}

/** create_namespace.go: exactly one NAME. */
export const createNamespaceCommand: KubectlCommand = {
  verb: "create",
  sub: "namespace",
  subAliases: ["ns"],
  flags: [dryRunFlag, outputFlag, flag("save-config", "bool"), flag("field-manager", "string")],
  readOnly: false,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), pos[1] ?? ctx.verbTok);
  },
  run: (cmd, cluster) => runCreateNamespace(cmd, cluster),
  facts: (cmd) => ({
    creates: cmd.names.length === 1 && !isDryRun(cmd) ? [namespaceForCreate(cmd)] : [],
  }),
};
