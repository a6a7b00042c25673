/**
 * kubectl's reading of RBAC policy rules (k8s.io/kubectl/pkg/util/rbac rbac.go BreakdownRule,
 * CompactRules, SortableRuleSlice; describe.go CombineResourceGroup), as `kubectl describe
 * role` lists them.
 */
import { list, obj, strings } from "../stored/fields.ts";

export interface PolicyRule {
  verbs: string[];
  apiGroups: string[];
  resources: string[];
  resourceNames: string[];
  nonResourceURLs: string[];
}

const rule = (r: Partial<PolicyRule>): PolicyRule => ({
  verbs: r.verbs ?? [],
  apiGroups: r.apiGroups ?? [],
  resources: r.resources ?? [],
  resourceNames: r.resourceNames ?? [],
  nonResourceURLs: r.nonResourceURLs ?? [],
});

/**
 * BreakdownRule: one rule per group × resource × verb (× resource name), then one per
 * non-resource URL × verb. A rule without apiGroups yields no resource rules.
 */
export function breakdownRule(r: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of r.apiGroups)
    for (const resource of r.resources)
      for (const verb of r.verbs) {
        if (r.resourceNames.length)
          for (const name of r.resourceNames)
            out.push(
              rule({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] }),
            );
        else out.push(rule({ apiGroups: [group], resources: [resource], verbs: [verb] }));
      }
  for (const url of r.nonResourceURLs)
    for (const verb of r.verbs) out.push(rule({ nonResourceURLs: [url], verbs: [verb] }));
  return out;
}

/**
 * CompactRules: rules naming one group, one resource and at most one resource name are merged
 * by those, their verbs appended in order; other rules are kept as they are, before them.
 */
export function compactRules(rules: readonly PolicyRule[]): PolicyRule[] {
  const compacted: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple =
      r.resourceNames.length <= 1 &&
      r.nonResourceURLs.length === 0 &&
      r.apiGroups.length === 1 &&
      r.resources.length === 1;
    if (!isSimple) {
      compacted.push(r);
      continue;
    }
    const key = JSON.stringify([
      r.apiGroups[0],
      r.resources[0],
      r.resourceNames.length > 0,
      r.resourceNames[0] ?? "",
    ]);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs);
    else simple.set(key, rule({ ...r, verbs: [...r.verbs] }));
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String() (generated.pb.go), the key SortableRuleSlice sorts by. */
const goSlice = (v: readonly string[]) => `[${v.join(" ")}]`;
export const ruleString = (r: PolicyRule): string =>
  `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`;

/** The rules of a Role or ClusterRole as `describe` lists them: broken down, compacted, sorted (stable). */
export function describedRules(rules: unknown): PolicyRule[] {
  const parsed = list(rules).map((x) => {
    const r = obj(x);
    return rule({
      verbs: strings(r.verbs),
      apiGroups: strings(r.apiGroups),
      resources: strings(r.resources),
      resourceNames: strings(r.resourceNames),
      nonResourceURLs: strings(r.nonResourceURLs),
    });
  });
  const keyed = compactRules(parsed.flatMap(breakdownRule)).map((r) => [ruleString(r), r] as const);
  // Array.prototype.sort is stable, as sort.Stable is.
  return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
}

/** CombineResourceGroup: `resource.group[/subresource]`, the group left out for the core group. */
export function combineResourceGroup(resources: readonly string[], groups: readonly string[]): string {
  if (!resources.length) return "";
  const [resource, sub] = resources[0].split(/\/(.*)/s, 2);
  let combined = resource;
  if (groups.length && groups[0] !== "") combined += `.${groups[0]}`;
  if (sub !== undefined) combined += `/${sub}`;
  return combined;
}
