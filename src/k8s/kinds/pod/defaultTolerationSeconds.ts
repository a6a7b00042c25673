/**
 * The DefaultTolerationSeconds admission plug-in (plugin/pkg/admission/defaulttolerationseconds
 * admission.go, Plugin.Admit), on by default in kube-apiserver: a pod created or updated (not
 * through a subresource) gets `node.kubernetes.io/not-ready:NoExecute op=Exists for 300s` and
 * then `node.kubernetes.io/unreachable:NoExecute op=Exists for 300s` appended to its
 * tolerations, each unless one of its own already has that key (or no key) with effect
 * NoExecute (or no effect) — by key and effect alone, whatever its operator and value.
 * So `kubectl describe pod` lists both under Tolerations and `get pod -o yaml` shows them, and
 * the taint eviction controller gives a pod on an unreachable node 300 s.
 *
 * Replicast's stored pods do not carry them, or every copy of every pod would (the API server's
 * create copy, the kubelet's status writes; docs/performance.md, twenty-third round). What
 * reads them applies this function instead: kubectl's wire form
 * (kubectl/serialize.ts: -o yaml/json/jsonpath/go-template/custom-columns, watches, diff),
 * describe pod, and the taint eviction controller; the scheduler needs none of them (a node with
 * a not-ready or unreachable NoExecute taint has the NoSchedule one too, which they do not
 * tolerate).
 */
import type { Toleration } from "../../types.ts";
import { TaintKeys } from "../node/conditions.ts";

/** --default-not-ready-toleration-seconds and --default-unreachable-toleration-seconds. */
export const DEFAULT_TOLERATION_SECONDS = 300;

const covers = (t: Toleration, key: string): boolean =>
  (t.key === undefined || t.key === "" || t.key === key) &&
  (t.effect === undefined || (t.effect as string) === "" || t.effect === "NoExecute");

const DEFAULT_KEYS = [TaintKeys.notReady, TaintKeys.unreachable] as const;

/**
 * The tolerations as the plug-in leaves them: `tolerations` itself when it adds nothing, else a
 * new list with the missing defaults appended (not-ready first).
 */
export function withDefaultTolerations(
  tolerations: readonly Toleration[] | undefined,
): readonly Toleration[] {
  const own = tolerations ?? [];
  let out: Toleration[] | undefined;
  for (const key of DEFAULT_KEYS) {
    if (own.some((t) => covers(t, key))) continue;
    out ??= [...own];
    out.push({ key, operator: "Exists", effect: "NoExecute", tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  }
  return out ?? own;
}

/**
 * A defaulted pod spec (not changed) as the plug-in admits it: itself, or a copy with the new
 * tolerations. A spec whose tolerations are not a list is left for validation to refuse.
 */
export function admitDefaultTolerationSeconds(spec: Record<string, unknown>): Record<string, unknown> {
  if (spec.tolerations !== undefined && !Array.isArray(spec.tolerations)) return spec;
  const own = spec.tolerations as Toleration[] | undefined;
  const tolerations = withDefaultTolerations(own);
  return tolerations === own ? spec : { ...spec, tolerations };
}
