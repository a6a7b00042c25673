/**
 * What an object costs a ResourceQuota: the quota evaluators of pkg/quota/v1/evaluator/core
 * (pods.go, services.go, persistent_volume_claims.go) and the object count evaluator of
 * k8s.io/apiserver/pkg/quota/v1/generic (count/<resource>.<group>, with the legacy names
 * `configmaps`, `secrets`, `replicationcontrollers`, `resourcequotas`), and how usage adds up
 * (k8s.io/apiserver/pkg/quota/v1/resources.go Add, Mask, LessThanOrEqual).
 *
 * A pod is charged `pods`, `count/pods` and its requests and limits (cpu, memory,
 * ephemeral-storage; `requests.<extended resource>` and hugepages) while it counts for quota
 * (QuotaV1Pod: not Succeeded or Failed, and not past its deletionTimestamp plus its grace
 * period); `count/pods` always. A Service is `services` and `count/services`, with
 * `services.loadbalancers` and `services.nodeports` by its type; a PersistentVolumeClaim
 * `persistentvolumeclaims` and its `requests.storage`, both charged to its storage class too
 * (`gold.storageclass.storage.k8s.io/requests.storage`). Scopes (Terminating, NotTerminating,
 * BestEffort, NotBestEffort, PriorityClass) match pods only: a quota with scopes tracks no
 * other kind (generic.MatchesNoScopeFunc).
 */
import { isObj, type Obj } from "../../jsonObject.ts";
import { isQuantityError, parseQuantity, Quantity } from "../../quantity.ts";
import type { KubeObject, Time } from "../../types.ts";
import { groupResource, type KindDescriptor } from "../descriptor.ts";

/** A resource list: quota resource name → quantity. */
export type Usage = Map<string, Quantity>;

const ZERO = Quantity.fromValue(0);
const ONE = Quantity.fromValue(1);

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const listOf = (v: unknown): Obj => (isObj(v) ? v : {});

/** Quantity.Add: the sum, in the first operand's format unless it is zero (then the second's). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const s = Math.max(a.scale, b.scale);
  const sum = a.unscaled * 10n ** BigInt(s - a.scale) + b.unscaled * 10n ** BigInt(s - b.scale);
  return Quantity.of(sum, s, a.isZero() ? b.format : a.format);
}

/** quota.Add: every resource of either, summed where both have it. */
export function addUsage(a: Usage, b: Usage): Usage {
  const out = new Map(a);
  for (const [k, v] of b) {
    const have = out.get(k);
    out.set(k, have ? addQuantities(have, v) : v);
  }
  return out;
}

/** quota.SubtractWithNonNegativeResult then RemoveZeros: what `a` adds to `b`, resource by resource. */
export function positiveDelta(a: Usage, b: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, v] of a) {
    const prev = b.get(k);
    const d = prev ? addQuantities(v, Quantity.of(-prev.unscaled, prev.scale, prev.format)) : v;
    if (d.sign() > 0) out.set(k, d);
  }
  return out;
}

/** quota.Mask: only the named resources. */
export function maskUsage(u: Usage, names: Iterable<string>): Usage {
  const out: Usage = new Map();
  for (const n of names) {
    const v = u.get(n);
    if (v) out.set(n, v);
  }
  return out;
}

/** A stored resource list (spec.hard, status.used) parsed; values that do not parse are left out. */
export function parseUsage(list: unknown): Usage {
  const out: Usage = new Map();
  for (const [k, v] of Object.entries(listOf(list))) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    const q = parseQuantity(v);
    if (!isQuantityError(q)) out.set(k, q);
  }
  return out;
}

/** As the API server serializes a ResourceList: keys in order, canonical quantities. */
export function usageJson(u: Usage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of [...u.keys()].sort(byName)) out[k] = u.get(k)!.toString();
  return out;
}

/** prettyPrint of the quota admission: `limits.cpu=2,pods=5`. */
export function prettyUsage(u: Usage): string {
  return [...u.keys()]
    .sort(byName)
    .map((k) => `${k}=${u.get(k)!.toString()}`)
    .join(",");
}

/** One kind's quota evaluator. */
export interface QuotaEvaluator {
  readonly kind: string;
  /** The quota resources (of `names`) it tracks (MatchingResources). */
  matching(names: Iterable<string>): string[];
  /** The object's usage (Usage). */
  usage(obj: KubeObject, now: Time): Usage;
  /** Whether a quota's scopes select the object (for kinds without scopes: only a quota without any). */
  matchesScopes(quota: KubeObject, obj: KubeObject): boolean;
  /** The pod evaluator's Constraints: what the object must set for the tracked resources. */
  constraints?(required: readonly string[], obj: KubeObject): string | undefined;
}

/** core.v1 ResourceList names the pod evaluator tracks by name. */
const POD_RESOURCES = new Set([
  "pods",
  "count/pods",
  "cpu",
  "memory",
  "ephemeral-storage",
  "requests.cpu",
  "requests.memory",
  "requests.ephemeral-storage",
  "limits.cpu",
  "limits.memory",
  "limits.ephemeral-storage",
]);

/** The resources whose quota makes every container say its value (pods.go validationSet). */
const VALIDATION_SET = new Set([
  "cpu",
  "memory",
  "requests.cpu",
  "requests.memory",
  "limits.cpu",
  "limits.memory",
]);

/** helper.IsExtendedResourceName: a domain-qualified name outside kubernetes.io, not `requests.`. */
const isExtended = (name: string): boolean =>
  name.includes("/") &&
  !name.startsWith("requests.") &&
  !name.split("/")[0].endsWith("kubernetes.io") &&
  !name.startsWith("count/");

const isHugePages = (name: string): boolean => name.startsWith("hugepages-");

function podMatching(names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const n of names) {
    if (POD_RESOURCES.has(n) || isHugePages(n)) out.push(n);
    else if (n.startsWith("requests.")) {
      const r = n.slice("requests.".length);
      if (isHugePages(r) || isExtended(r)) out.push(n);
    }
  }
  return out;
}

/** podComputeUsageHelper over requests and limits. */
function computeUsage(requests: Usage, limits: Usage): Usage {
  const out: Usage = new Map([["pods", ONE]]);
  for (const r of ["cpu", "memory", "ephemeral-storage"]) {
    const req = requests.get(r);
    if (req) {
      out.set(r, req);
      out.set(`requests.${r}`, req);
    }
    const lim = limits.get(r);
    if (lim) out.set(`limits.${r}`, lim);
  }
  for (const [r, q] of requests) {
    if (isHugePages(r)) out.set(r, q);
    if (isHugePages(r) || isExtended(r)) out.set(`requests.${r}`, q);
  }
  return out;
}

/** resourcehelper.PodRequests / PodLimits: containers summed, raised to any init container's, plus overhead. */
function podTotals(spec: Obj, field: "requests" | "limits"): Usage {
  let total: Usage = new Map();
  for (const c of (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj))
    total = addUsage(total, parseUsage(listOf(c.resources)[field]));
  for (const c of (Array.isArray(spec.initContainers) ? spec.initContainers : []).filter(isObj)) {
    for (const [k, v] of parseUsage(listOf(c.resources)[field])) {
      const have = total.get(k);
      if (!have || v.cmp(have) > 0) total.set(k, v);
    }
  }
  // The overhead is added to requests, and to limits where the pod sets a limit for it.
  for (const [k, v] of parseUsage(spec.overhead)) {
    const have = total.get(k);
    if (field === "requests" || have) total.set(k, have ? addQuantities(have, v) : v);
  }
  return total;
}

const specOf = (obj: KubeObject): Obj => listOf((obj as unknown as { spec?: unknown }).spec);
const statusOf = (obj: KubeObject): Obj => listOf((obj as unknown as { status?: unknown }).status);

/**
 * QuotaV1Pod: a pod counts for quota until it is Succeeded or Failed, or stuck terminating
 * past its deletionTimestamp plus its grace period (a lost node).
 */
export function podCountsForQuota(pod: KubeObject, now: Time): boolean {
  const phase = statusOf(pod).phase;
  if (phase === "Succeeded" || phase === "Failed") return false;
  const { deletionTimestamp, deletionGracePeriodSeconds } = pod.metadata;
  return !(
    deletionTimestamp !== undefined &&
    deletionGracePeriodSeconds !== undefined &&
    now > deletionTimestamp + deletionGracePeriodSeconds
  );
}

/** qos.GetPodQOS is BestEffort: no container asks or limits any cpu or memory. */
function isBestEffort(spec: Obj): boolean {
  for (const key of ["containers", "initContainers"] as const) {
    for (const c of (Array.isArray(spec[key]) ? spec[key] : []).filter(isObj)) {
      const r = listOf(c.resources);
      for (const list of [parseUsage(r.requests), parseUsage(r.limits)])
        for (const name of ["cpu", "memory"]) if ((list.get(name)?.sign() ?? 0) > 0) return false;
    }
  }
  return true;
}

interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values: string[];
}

/** A quota's scopes as Exists requirements, then its scopeSelector's (getScopeSelectorsFromQuota). */
function scopeRequirements(quota: KubeObject): ScopeRequirement[] {
  const spec = specOf(quota);
  const out: ScopeRequirement[] = [];
  for (const s of Array.isArray(spec.scopes) ? spec.scopes : [])
    if (typeof s === "string") out.push({ scopeName: s, operator: "Exists", values: [] });
  const exprs = listOf(spec.scopeSelector).matchExpressions;
  for (const e of Array.isArray(exprs) ? exprs.filter(isObj) : [])
    out.push({
      scopeName: String(e.scopeName ?? ""),
      operator: String(e.operator ?? ""),
      values: Array.isArray(e.values) ? e.values.map(String) : [],
    });
  return out;
}

/** podMatchesScopeFunc. */
function podMatchesScope(req: ScopeRequirement, pod: KubeObject): boolean {
  const spec = specOf(pod);
  switch (req.scopeName) {
    case "Terminating":
    case "NotTerminating": {
      const d = spec.activeDeadlineSeconds;
      const terminating = typeof d === "number" && d >= 0;
      return req.scopeName === "Terminating" ? terminating : !terminating;
    }
    case "BestEffort":
      return isBestEffort(spec);
    case "NotBestEffort":
      return !isBestEffort(spec);
    case "PriorityClass": {
      // A label selector over {PriorityClass: the pod's class}, the key always present.
      const cls = typeof spec.priorityClassName === "string" ? spec.priorityClassName : "";
      if (req.operator === "Exists") return cls !== "";
      if (req.operator === "In") return req.values.includes(cls);
      if (req.operator === "NotIn") return !req.values.includes(cls);
      return false;
    }
  }
  return false;
}

export const podEvaluator: QuotaEvaluator = {
  kind: "Pod",
  matching: podMatching,
  usage(pod, now) {
    // count/pods tracks every pod in storage; the rest only pods that count (PodUsageFunc).
    const out: Usage = new Map([["count/pods", ONE]]);
    if (!podCountsForQuota(pod, now)) return out;
    const spec = specOf(pod);
    return addUsage(out, computeUsage(podTotals(spec, "requests"), podTotals(spec, "limits")));
  },
  matchesScopes: (quota, pod) => scopeRequirements(quota).every((r) => podMatchesScope(r, pod)),
  constraints(required, pod) {
    const requiredSet = required.filter((r) => VALIDATION_SET.has(r));
    if (requiredSet.length === 0) return undefined;
    const missing = new Map<string, Set<string>>();
    const spec = specOf(pod);
    for (const key of ["containers", "initContainers"] as const) {
      for (const c of (Array.isArray(spec[key]) ? spec[key] : []).filter(isObj)) {
        const r = listOf(c.resources);
        const has = computeUsage(parseUsage(r.requests), parseUsage(r.limits));
        for (const name of requiredSet) {
          if (has.has(name)) continue;
          const set = missing.get(name) ?? new Set<string>();
          set.add(typeof c.name === "string" ? c.name : "");
          missing.set(name, set);
        }
      }
    }
    if (missing.size === 0) return undefined;
    const parts = [...missing.keys()]
      .sort(byName)
      .map((name) => `${name} for: ${[...missing.get(name)!].sort(byName).join(",")}`);
    return `must specify ${parts.join("; ")}`;
  },
};

/** The legacy quota name of an object count (generic evaluator's resource names). */
const LEGACY: Readonly<Record<string, string>> = {
  ConfigMap: "configmaps",
  Secret: "secrets",
  ReplicationController: "replicationcontrollers",
  ResourceQuota: "resourcequotas",
  Service: "services",
  PersistentVolumeClaim: "persistentvolumeclaims",
};

const countName = (d: Pick<KindDescriptor, "group" | "plural">): string => `count/${groupResource(d)}`;

/** persistent_volume_claims.go storageClassSuffix: `<class>.storageclass.storage.k8s.io/<resource>`. */
const STORAGE_CLASS_SUFFIX = ".storageclass.storage.k8s.io/";

/** storagehelpers.GetPersistentVolumeClaimClass: spec.storageClassName, else the beta annotation. */
function claimClass(pvc: KubeObject): string {
  const name = specOf(pvc).storageClassName;
  if (typeof name === "string") return name;
  return pvc.metadata.annotations?.["volume.beta.kubernetes.io/storage-class"] ?? "";
}

/** The object count evaluator of a kind (with the Service and PersistentVolumeClaim extras). */
function objectCountEvaluator(d: Pick<KindDescriptor, "kind" | "group" | "plural">): QuotaEvaluator {
  const names = new Set([countName(d)]);
  // Core's kinds only: another group's kind of the name (Knative's Service) is counted as itself.
  const core = d.group === "";
  const legacy = core ? LEGACY[d.kind] : undefined;
  if (legacy) names.add(legacy);
  const service = core && d.kind === "Service";
  const claim = core && d.kind === "PersistentVolumeClaim";
  if (service) {
    names.add("services.loadbalancers");
    names.add("services.nodeports");
  }
  if (claim) names.add("requests.storage");
  // persistent_volume_claims.go MatchingResources: the claim resources per storage class too.
  const byClass = (n: string) =>
    claim &&
    (n.endsWith(`${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`) ||
      n.endsWith(`${STORAGE_CLASS_SUFFIX}requests.storage`));
  return {
    kind: d.kind,
    matching: (input) => [...input].filter((n) => names.has(n) || byClass(n)),
    usage(obj) {
      const out: Usage = new Map([[countName(d), ONE]]);
      if (legacy) out.set(legacy, ONE);
      const spec = specOf(obj);
      if (service) {
        // services.go Usage: node ports for NodePort and LoadBalancer Services.
        const ports = Array.isArray(spec.ports) ? spec.ports.length : 0;
        out.set("services.loadbalancers", spec.type === "LoadBalancer" ? ONE : ZERO);
        const nodePorts =
          spec.type === "NodePort" || spec.type === "LoadBalancer"
            ? spec.type === "LoadBalancer" && spec.allocateLoadBalancerNodePorts === false
              ? (spec.ports as unknown[]).filter(
                  (p) => isObj(p) && typeof p.nodePort === "number" && p.nodePort > 0,
                ).length
              : ports
            : 0;
        out.set("services.nodeports", Quantity.fromValue(nodePorts));
      }
      if (claim) {
        // persistent_volume_claims.go Usage: the claim and its storage, charged to its
        // storage class as well (`gold.storageclass.storage.k8s.io/requests.storage`); the
        // storage is the request, or what an expansion allocated when that is more.
        const cls = claimClass(obj);
        if (cls) out.set(`${cls}${STORAGE_CLASS_SUFFIX}persistentvolumeclaims`, ONE);
        let storage = parseUsage(listOf(listOf(spec.resources).requests)).get("storage");
        const allocated = parseUsage(statusOf(obj).allocatedResources).get("storage");
        if (storage && allocated && allocated.cmp(storage) > 0) storage = allocated;
        if (storage) {
          out.set("requests.storage", storage);
          if (cls) out.set(`${cls}${STORAGE_CLASS_SUFFIX}requests.storage`, storage);
        }
      }
      return out;
    },
    // generic.MatchesNoScopeFunc: a scoped quota tracks no object of these kinds.
    matchesScopes: (quota) => scopeRequirements(quota).length === 0,
  };
}

const evaluators = new WeakMap<object, QuotaEvaluator>();

/** The evaluator of a kind the cluster serves. */
export function evaluatorOf(d: KindDescriptor): QuotaEvaluator {
  if (d.kind === "Pod" && d.group === "") return podEvaluator;
  let e = evaluators.get(d);
  if (!e) evaluators.set(d, (e = objectCountEvaluator(d)));
  return e;
}

/** The quota's tracked resources: the names of status.hard (what its controller has taken up). */
export const hardNames = (quota: KubeObject): string[] => Object.keys(listOf(statusOf(quota).hard));

/** Whether the quota tracks the object (generic.Matches): a resource of it, and its scopes. */
export function quotaMatches(quota: KubeObject, e: QuotaEvaluator, obj: KubeObject): boolean {
  return e.matching(hardNames(quota)).length > 0 && e.matchesScopes(quota, obj);
}

/**
 * CalculateUsageStats for one evaluator over the namespace's objects of its kind: each tracked
 * resource from zero, every object the quota's scopes select added.
 */
export function usageOf(
  quota: KubeObject,
  e: QuotaEvaluator,
  resources: readonly string[],
  objects: readonly KubeObject[],
  now: Time,
): Usage {
  let used: Usage = new Map(resources.map((r) => [r, ZERO]));
  for (const o of objects) if (e.matchesScopes(quota, o)) used = addUsage(used, e.usage(o, now));
  return used;
}
