/**
 * `kubectl create quota NAME [--hard=RESOURCE=QUANTITY,…] [--scopes=SCOPE,…]` (alias
 * `resourcequota`; kubectl/pkg/cmd/create/create_quota.go): a v1 ResourceQuota, which the
 * resource quota controller then takes up and quota admission enforces. Example: `kubectl
 * create quota compute --hard=cpu=1,pods=10` → `resourcequota/compute created`.
 *
 * createQuota's checks, before anything is sent: each --hard pair is `name=quantity`
 * (populateResourceListV1: "Invalid argument syntax cpu, expected <resource>=<value>"), its
 * quantity resource.ParseQuantity's (the quantity's own error), and no scope is empty
 * (parseScopes: `invalid resource quota scope ""`); the scopes' names are not checked by
 * kubectl. A refusal by the server reads `error: failed to create quota: …`.
 */
import type { Cluster } from "../../engine/cluster.ts";
import { isQuantityError, parseQuantity } from "../../k8s/quantity.ts";
import { dict } from "../../k8s/safeKeys.ts";
import type { KubeObject } from "../../k8s/types.ts";
import type { KubectlCommand, ParsedCommand } from "../command.ts";
import { flag } from "../flags.ts";
import * as msg from "../messages.ts";
import type { KubectlResult } from "../result.ts";
import { createdFact, GENERATOR_FLAGS, runGenerated } from "./createGenerated.ts";

/**
 * populateResourceListV1: the --hard pairs as a ResourceList (canonical quantities, in name
 * order as a Go map marshals; none without --hard), or kubectl's error.
 */
export function hardList(spec: string | undefined): { hard?: Record<string, string>; error?: string } {
  if (!spec) return {};
  const parsed: Record<string, string> = dict();
  for (const statement of spec.split(",")) {
    const parts = statement.split("=");
    if (parts.length !== 2)
      return { error: `Invalid argument syntax ${statement}, expected <resource>=<value>` };
    const q = parseQuantity(parts[1]);
    if (isQuantityError(q)) return { error: q.message };
    parsed[parts[0]] = q.toString();
  }
  const hard: Record<string, string> = dict();
  for (const k of Object.keys(parsed).sort()) hard[k] = parsed[k];
  return { hard };
}

/** parseScopes: the scopes as written (none without --scopes), or kubectl's error for an empty one. */
export function scopeList(spec: string | undefined): { scopes?: string[]; error?: string } {
  if (!spec) return {};
  const scopes = spec.split(",");
  if (scopes.includes("")) return { error: 'invalid resource quota scope ""' };
  return { scopes };
}

function quotaForCreate(cmd: ParsedCommand): KubeObject {
  const { hard } = hardList(cmd.flags.hard as string | undefined);
  const { scopes } = scopeList(cmd.flags.scopes as string | undefined);
  return {
    apiVersion: "v1",
    kind: "ResourceQuota",
    metadata: { name: cmd.names[0] },
    spec: { ...(hard ? { hard } : {}), ...(scopes ? { scopes } : {}) },
    status: {},
  } as unknown as KubeObject;
}

const runCreateQuota = (cmd: ParsedCommand, cluster: Cluster): KubectlResult =>
  runGenerated(cmd, cluster, quotaForCreate(cmd), "resourcequota", (m) => `failed to create quota: ${m}`);

export const createQuotaCommand: KubectlCommand = {
  verb: "create",
  sub: "quota",
  subAliases: ["resourcequota"],
  flags: [flag("hard", "string"), flag("scopes", "string"), ...GENERATOR_FLAGS],
  readOnly: false,
  args(cmd, pos, ctx) {
    cmd.names = pos.map((p) => p.value);
    if (cmd.names.length !== 1) ctx.usage(msg.exactlyOneName(cmd.names.length), pos[1] ?? ctx.verbTok);
    const at = (f: string) => ctx.flagToken(f) ?? ctx.verbTok;
    const hard = hardList(cmd.flags.hard as string | undefined).error;
    if (hard !== undefined) ctx.error(`error: ${hard}`, at("hard"));
    const scopes = scopeList(cmd.flags.scopes as string | undefined).error;
    if (scopes !== undefined) ctx.error(`error: ${scopes}`, at("scopes"));
  },
  run: (cmd, cluster) => runCreateQuota(cmd, cluster),
  facts: (cmd) => ({ creates: createdFact(cmd, "v1", "ResourceQuota") }),
};
