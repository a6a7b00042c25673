/**
 * `kubectl describe quota` (k8s.io/kubectl/pkg/describe/describe.go describeQuota,
 * helpTextForResourceQuotaScope) and the quota section of `kubectl describe namespace`
 * (DescribeResourceQuotas): the scopes with their help text, then one row per resource of
 * status.hard in name order with its used and hard quantities. A quota has no Events section.
 */
import { isQuantityError, parseQuantity, Quantity } from "../../quantity.ts";
import { namespaceOf } from "../../printing/describe.ts";
import { PrefixWriter, type Writer } from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import { obj, str, strings } from "../stored/fields.ts";

const SCOPE_HELP: Readonly<Record<string, string>> = {
  Terminating:
    "Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.",
  NotTerminating:
    "Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.",
  BestEffort:
    "Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.",
  NotBestEffort:
    "Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.",
};

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Quantity.String() of a status value; the zero Quantity ("0") when absent. */
function quantity(v: unknown): Quantity | undefined {
  if (v === undefined || v === null) return undefined;
  const q = parseQuantity(v as string | number);
  return isQuantityError(q) ? undefined : q;
}

/**
 * The quota's rows: status.hard's resources sorted, with used and hard. describeQuota shows a
 * used quantity in the hard one's format when they differ (resource.NewQuantity(used.Value(),
 * hard.Format)); DescribeResourceQuotas (`describe namespace`) prints them as they are.
 */
export function quotaRows(q: KubeObject, sameFormat: boolean): [string, string, string][] {
  const status = obj((q as unknown as Record<string, unknown>).status);
  const hard = obj(status.hard);
  const used = obj(status.used);
  return Object.keys(hard)
    .sort(byBytes)
    .map((name) => {
      const h = quantity(hard[name]);
      let u = quantity(used[name]) ?? Quantity.fromValue(0);
      if (sameFormat && h && u.format !== h.format) u = Quantity.fromValue(u.value(), h.format);
      return [name, u.toString(), h ? h.toString() : str(hard[name])];
    });
}

const scopesOf = (q: KubeObject): string[] =>
  strings(obj((q as unknown as Record<string, unknown>).spec).scopes).sort(byBytes);

export function describeQuota(q: KubeObject): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${q.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(q)}\n`);
  const scopes = scopesOf(q);
  if (scopes.length) {
    w.write(0, `Scopes:\t${scopes.join(", ")}\n`);
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(0, ` * ${SCOPE_HELP[s]}\n`);
  }
  w.write(0, "Resource\tUsed\tHard\n");
  w.write(0, "--------\t----\t----\n");
  for (const [name, used, hard] of quotaRows(q, true)) w.write(0, `${name}\t${used}\t${hard}\n`);
  return w.toString();
}

/** DescribeResourceQuotas: every quota of the namespace in name order, or "No resource quota.". */
export function describeResourceQuotas(w: Writer, quotas: readonly KubeObject[]): void {
  if (!quotas.length) {
    w.write(0, "No resource quota.\n");
    return;
  }
  w.write(0, "Resource Quotas\n");
  for (const q of [...quotas].sort((a, b) => byBytes(a.metadata.name, b.metadata.name))) {
    w.write(1, `Name:\t${q.metadata.name}\n`);
    const scopes = scopesOf(q);
    if (scopes.length) {
      w.write(1, `Scopes:\t${scopes.join(", ")}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(1, `* ${SCOPE_HELP[s]}\n`);
    }
    w.write(1, "Resource\tUsed\tHard\n");
    w.write(1, "--------\t---\t---\n");
    for (const [name, used, hard] of quotaRows(q, false)) w.write(1, `${name}\t${used}\t${hard}\n`);
  }
}
