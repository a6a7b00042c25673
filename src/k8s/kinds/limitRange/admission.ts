/**
 * The LimitRanger admission plug-in on a pod's create and a claim's create and update
 * (claimLimitRangeRefusal) (plugin/pkg/admission/limitranger/
 * admission.go: Admit → PodMutateLimitFunc, Validate → PodValidateLimitFunc; pod updates are
 * left alone since a pod's containers cannot change), and the defaults the API server gives a
 * stored LimitRange (pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem).
 *
 * - Defaults: for every LimitRange of the namespace in turn, each container and init
 *   container gets the Container item's `default` as limits and `defaultRequest` as requests
 *   for the resources it does not set, and the pod the annotation
 *   `kubernetes.io/limit-ranger: LimitRanger plugin set: cpu, memory request for container app;
 *   cpu limit for container app`.
 * - Checks, after the pod's own validation: per container (type Container) and for the pod's
 *   sum (type Pod: podTotals), min, max and
 *   maxLimitRequestRatio. The first LimitRange with a breach refuses the pod, Forbidden, with
 *   every breach it found: `pods "web-5d847fd86c-x2x9q" is forbidden: maximum cpu usage per
 *   Container is 1, but limit is 2` (several are bracketed and joined by ", ", as
 *   utilerrors.NewAggregate prints them). The messages end without a period from 1.15 on
 *   (admission.go's golint clean-up; the admission.go of 1.13 and older ended each with one),
 *   so every kubectl.version Replicast models prints them the same.
 *
 * The plug-in runs on the pod as it comes, before the API server's defaults: a container
 * resource that has a limit counts as requested, since SetDefaults_Pod copies limits into
 * missing requests before kube-apiserver's admission sees the pod (defaults.ts
 * defaultSpecOfPod). Go ranges over the items' maps in no fixed order; resources are taken in
 * name order here.
 */
import { isObj, type Obj } from "../../jsonObject.ts";
import { isQuantityError, parseQuantity, Quantity } from "../../quantity.ts";
import type { KubeObject } from "../../types.ts";

/** admission.go limitRangerAnnotation. */
export const LIMIT_RANGER_ANNOTATION = "kubernetes.io/limit-ranger";

type Fields = "min" | "max" | "default" | "defaultRequest" | "maxLimitRequestRatio";

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const listOf = (v: unknown): Obj => (isObj(v) ? v : {});

/**
 * SetDefaults_LimitRangeItem on a Container item: the default limit falls back to max, the
 * default request to the default limit, then to min. Other item types are unchanged.
 */
export function defaultLimitRangeItem(item: unknown): unknown {
  if (!isObj(item) || item.type !== "Container") return item;
  const def: Obj = { ...listOf(item.default) };
  const req: Obj = { ...listOf(item.defaultRequest) };
  for (const [k, v] of Object.entries(listOf(item.max))) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
  for (const [k, v] of Object.entries(listOf(item.min))) if (!(k in req)) req[k] = v;
  // Empty maps are left out, as the API's JSON leaves them (omitempty).
  const out: Obj = { ...item };
  if (Object.keys(def).length) out.default = def;
  if (Object.keys(req).length) out.defaultRequest = req;
  return out;
}

/** A stored LimitRange's limits, defaulted (as the API server stores them). */
function itemsOf(lr: KubeObject): Obj[] {
  const spec = (lr as unknown as { spec?: unknown }).spec;
  const limits = isObj(spec) && Array.isArray(spec.limits) ? spec.limits : [];
  return limits.map(defaultLimitRangeItem).filter(isObj);
}

/** The limits of a LimitRange's items of one type, one field merged (later items win, as the Go loop). */
function merged(items: readonly Obj[], type: string, field: Fields): Obj {
  const out: Obj = {};
  for (const item of items) if (item.type === type) Object.assign(out, listOf(item[field]));
  return out;
}

/**
 * PodMutateLimitFunc for every LimitRange in turn: the pod with the defaults set (a copy;
 * `pod` is returned itself when nothing is set).
 */
export function applyLimitRangeDefaults(pod: KubeObject, ranges: readonly KubeObject[]): KubeObject {
  const spec = (pod as unknown as { spec?: unknown }).spec;
  if (!isObj(spec) || ranges.length === 0) return pod;
  let next: Obj = spec;
  const notes: string[] = [];
  for (const lr of ranges) {
    const items = itemsOf(lr);
    const limits = merged(items, "Container", "default");
    const requests = merged(items, "Container", "defaultRequest");
    if (Object.keys(limits).length + Object.keys(requests).length === 0) continue;
    next = { ...next };
    for (const [key, prefix] of [
      ["containers", "container"],
      ["initContainers", "init container"],
    ] as const) {
      if (!Array.isArray(next[key])) continue;
      next[key] = (next[key] as unknown[]).map((c) => mergeContainer(c, limits, requests, prefix, notes));
    }
  }
  if (notes.length === 0) return pod;
  const meta = pod.metadata ?? { name: "" };
  return {
    ...pod,
    metadata: {
      ...meta,
      annotations: {
        ...meta.annotations,
        [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join("; ")}`,
      },
    },
    spec: next,
  } as unknown as KubeObject;
}

/** mergeContainerResources: the resources a container does not set, taken from the defaults. */
function mergeContainer(c: unknown, limits: Obj, requests: Obj, prefix: string, notes: string[]): unknown {
  if (!isObj(c)) return c;
  const r = listOf(c.resources);
  const own = { limits: listOf(r.limits), requests: listOf(r.requests) };
  const setLimits = Object.keys(limits)
    .filter((k) => !(k in own.limits))
    .sort(byName);
  // A limit the pod sets is its request too once the API server's defaults are applied.
  const setRequests = Object.keys(requests)
    .filter((k) => !(k in own.requests) && !(k in own.limits))
    .sort(byName);
  if (setLimits.length + setRequests.length === 0) return c;
  const name = typeof c.name === "string" ? c.name : "";
  if (setRequests.length) notes.push(`${setRequests.join(", ")} request for ${prefix} ${name}`);
  if (setLimits.length) notes.push(`${setLimits.join(", ")} limit for ${prefix} ${name}`);
  const resources: Obj = { ...r };
  if (setLimits.length) resources.limits = { ...own.limits, ...pick(limits, setLimits) };
  if (setRequests.length) resources.requests = { ...own.requests, ...pick(requests, setRequests) };
  return { ...c, resources };
}

const pick = (list: Obj, keys: readonly string[]): Obj => Object.fromEntries(keys.map((k) => [k, list[k]]));

/** A resource list's parsed quantities (those that parse: validation refused the others). */
function quantities(list: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, v] of Object.entries(listOf(list))) {
    if (typeof v !== "string" && typeof v !== "number") continue;
    const q = parseQuantity(v);
    if (!isQuantityError(q)) out.set(k, q);
  }
  return out;
}

/** resource.MaxMilliValue: past it a MilliValue would overflow int64. */
const MAX_MILLI_VALUE = ((1n << 63n) - 1n) / 1000n;
const ZERO = Quantity.fromValue(0);

/** requestLimitEnforcedValues: the three at a common precision (milli when none overflows). */
function common(req: Quantity, lim: Quantity, enforced: Quantity): [bigint, bigint, bigint] {
  const all = [req, lim, enforced];
  const milli = all.every((q) => q.scaledValueBig(0) <= MAX_MILLI_VALUE);
  return all.map((q) => q.scaledValueBig(milli ? 3 : 0)) as [bigint, bigint, bigint];
}

type Constraint = (
  type: string,
  name: string,
  enforced: Quantity,
  requests: Map<string, Quantity>,
  limits: Map<string, Quantity>,
) => string | undefined;

const minConstraint: Constraint = (type, name, enforced, requests, limits) => {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = common(req ?? ZERO, lim ?? ZERO, enforced);
  const min = `minimum ${name} usage per ${type} is ${enforced.toString()}`;
  if (!req) return `${min}.  No request is specified`;
  if (r < e) return `${min}, but request is ${req.toString()}`;
  if (lim && l < e) return `${min}, but limit is ${lim.toString()}`;
  return undefined;
};

const maxConstraint: Constraint = (type, name, enforced, requests, limits) => {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l, e] = common(req ?? ZERO, lim ?? ZERO, enforced);
  const max = `maximum ${name} usage per ${type} is ${enforced.toString()}`;
  if (!lim) return `${max}.  No limit is specified`;
  if (l > e) return `${max}, but limit is ${lim.toString()}`;
  if (req && r > e) return `${max}, but request is ${req.toString()}`;
  return undefined;
};

const ratioConstraint: Constraint = (type, name, enforced, requests, limits) => {
  const req = requests.get(name);
  const lim = limits.get(name);
  const [r, l] = common(req ?? ZERO, lim ?? ZERO, enforced);
  const ratio = `${name} max limit to request ratio per ${type} is ${enforced.toString()}`;
  if (!req || r === 0n) return `${ratio}, but no request is specified or request is 0`;
  if (!lim || l === 0n) return `${ratio}, but no limit is specified or limit is 0`;
  const observed = Number(l) / Number(r);
  const milli = enforced.scaledValueBig(0) <= MAX_MILLI_VALUE;
  const allowed = Number(enforced.scaledValueBig(milli ? 3 : 0));
  if ((milli ? observed * 1000 : observed) > allowed)
    return `${ratio}, but provided ratio is ${observed.toFixed(6)}`;
  return undefined;
};

/**
 * maxRequestConstraint: a max checked on the request alone, for an item type whose objects have
 * no limits (PersistentVolumeClaim).
 */
const maxRequestConstraint: Constraint = (type, name, enforced, requests) => {
  const req = requests.get(name);
  const [r, , e] = common(req ?? ZERO, ZERO, enforced);
  const max = `maximum ${name} usage per ${type} is ${enforced.toString()}`;
  if (!req) return `${max}.  No request is specified`;
  if (r > e) return `${max}, but request is ${req.toString()}`;
  return undefined;
};

const CHECKS: readonly [Fields, Constraint][] = [
  ["min", minConstraint],
  ["max", maxConstraint],
  ["maxLimitRequestRatio", ratioConstraint],
];

/**
 * PersistentVolumeClaimValidateLimitFunc's: min as for a container but against no limits (a
 * claim's `resources.limits` is not taken as input), max against the request alone.
 */
const CLAIM_CHECKS: readonly [Fields, Constraint][] = [
  ["min", minConstraint],
  ["max", maxRequestConstraint],
];

const NO_LIMITS = new Map<string, Quantity>();

/** One item's constraints over one set of requests and limits, resources in name order. */
function check(
  item: Obj,
  requests: Map<string, Quantity>,
  limits: Map<string, Quantity>,
  errors: string[],
  checks: readonly [Fields, Constraint][] = CHECKS,
): void {
  const type = typeof item.type === "string" ? item.type : "";
  for (const [field, constraint] of checks) {
    for (const [name, enforced] of [...quantities(item[field])].sort((a, b) => byName(a[0], b[0]))) {
      const error = constraint(type, name, enforced, requests, limits);
      if (error !== undefined) errors.push(error);
    }
  }
}

/**
 * Quantity.Add: the exact sum, in the format of the first unless it is zero (so 512Mi + 1Gi
 * is 1536Mi, and 600m + 600m is 1200m).
 */
function addQuantity(a: Quantity, b: Quantity): Quantity {
  const scale = Math.max(a.scale, b.scale);
  return Quantity.of(
    a.scaledValueBig(scale) + b.scaledValueBig(scale),
    scale,
    a.isZero() ? b.format : a.format,
  );
}

/** addResourceList: each resource of `more` added to `list`'s own, or taken when `list` has none. */
function addResourceList(list: Map<string, Quantity>, more: ReadonlyMap<string, Quantity>): void {
  for (const [k, v] of more) {
    const have = list.get(k);
    list.set(k, have ? addQuantity(have, v) : v);
  }
}

/** maxResourceList: each resource of `more` where `list` has none or less. */
function maxResourceList(list: Map<string, Quantity>, more: ReadonlyMap<string, Quantity>): void {
  for (const [k, v] of more) {
    const have = list.get(k);
    if (!have || v.cmp(have) > 0) list.set(k, v);
  }
}

/** isSupportedPodLevelResource: the resources a pod's own `spec.resources` may set. */
const POD_LEVEL_RESOURCES = new Set(["cpu", "memory"]);

/**
 * podRequests / podLimits of 1.34's admission.go (a copy of component-helpers' PodRequests on
 * the spec alone): what each container sets, summed resource by resource (a resource some
 * container leaves out still counts for the others); a restartable init container (a
 * sidecar, `restartPolicy: Always`) is added too, and each other init container counts with the
 * sidecars started before it; the pod needs at least its largest init step. With the
 * PodLevelResources gate (beta, on in 1.34) the pod's own `spec.resources` wins for cpu and
 * memory.
 */
function podTotals(spec: Obj, field: "requests" | "limits"): Map<string, Quantity> {
  const total = new Map<string, Quantity>();
  for (const c of (Array.isArray(spec.containers) ? spec.containers : []).filter(isObj))
    addResourceList(total, quantities(listOf(c.resources)[field]));
  const sidecars = new Map<string, Quantity>();
  const initSteps = new Map<string, Quantity>();
  for (const c of (Array.isArray(spec.initContainers) ? spec.initContainers : []).filter(isObj)) {
    const own = quantities(listOf(c.resources)[field]);
    let step: Map<string, Quantity>;
    if (c.restartPolicy === "Always") {
      addResourceList(total, own);
      addResourceList(sidecars, own);
      step = sidecars;
    } else {
      step = new Map(own);
      addResourceList(step, sidecars);
    }
    maxResourceList(initSteps, step);
  }
  maxResourceList(total, initSteps);
  for (const [k, v] of quantities(listOf(spec.resources)[field]))
    if (POD_LEVEL_RESOURCES.has(k)) total.set(k, v);
  return total;
}

/**
 * PodValidateLimitFunc for every LimitRange in turn: the Forbidden message of the first that
 * the admitted pod breaches, or undefined. `podName` is the pod's name as the message gives it.
 */
export function limitRangeRefusal(
  pod: KubeObject,
  ranges: readonly KubeObject[],
  podName: string,
): string | undefined {
  const spec = (pod as unknown as { spec?: unknown }).spec;
  if (!isObj(spec)) return undefined;
  for (const lr of ranges) {
    const errors: string[] = [];
    for (const item of itemsOf(lr)) {
      if (item.type === "Container") {
        for (const key of ["containers", "initContainers"] as const) {
          for (const c of (Array.isArray(spec[key]) ? spec[key] : []).filter(isObj)) {
            const r = listOf(c.resources);
            check(item, quantities(r.requests), quantities(r.limits), errors);
          }
        }
      } else if (item.type === "Pod") {
        check(item, podTotals(spec, "requests"), podTotals(spec, "limits"), errors);
      }
    }
    if (errors.length > 0) return forbidden("pods", podName, errors);
  }
  return undefined;
}

/** admission.NewForbidden of utilerrors.NewAggregate(errs): one error bare, several bracketed. */
function forbidden(resource: string, name: string, errors: readonly string[]): string {
  const text = errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
  return `${resource} "${name}" is forbidden: ${text}`;
}

/**
 * PersistentVolumeClaimValidateLimitFunc for every LimitRange in turn (on a claim's create and
 * on its updates: SupportsAttributes leaves out only pod updates): the items of type
 * PersistentVolumeClaim, min and max on `spec.resources.requests`. A claim gets no defaults
 * (its storage request is required anyway). Example: `persistentvolumeclaims "data" is
 * forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi`.
 */
export function claimLimitRangeRefusal(
  claim: KubeObject,
  ranges: readonly KubeObject[],
  claimName: string,
): string | undefined {
  const spec = (claim as unknown as { spec?: unknown }).spec;
  const requests = quantities(isObj(spec) ? listOf(listOf(spec.resources).requests) : {});
  for (const lr of ranges) {
    const errors: string[] = [];
    for (const item of itemsOf(lr)) {
      if (item.type === "PersistentVolumeClaim") check(item, requests, NO_LIMITS, errors, CLAIM_CHECKS);
    }
    if (errors.length > 0) return forbidden("persistentvolumeclaims", claimName, errors);
  }
  return undefined;
}
