/**
 * The API server's deprecation warnings: which group/version/kinds Replicast serves that
 * Kubernetes deprecates, from which release, and the warning a request to one gets.
 *
 * The API server adds a `Warning` header to every request (get, list, watch, create, update,
 * patch, delete) of a resource in a deprecated version once its release reaches the deprecated
 * one (k8s.io/apiserver/pkg/endpoints/deprecation/deprecation.go IsDeprecated, wired in
 * endpoints/installer.go registerResourceHandlers). The text is WarningMessage's:
 * `<group/version> <Kind> is deprecated in v1.N+`, then `, unavailable in v1.M+` when the type
 * names a removal, then `; use <group/version> <Kind>` when it names a replacement; the releases
 * are each type's APILifecycleDeprecated / APILifecycleRemoved / APILifecycleReplacement
 * (zz_generated.prerelease-lifecycle.go, generated from its `+k8s:prerelease-lifecycle-gen`
 * tags).
 *
 * Kubernetes stops serving a version at its removal (the API server's
 * ResourceExpirationEvaluator). Replicast keeps serving autoscaling/v2beta1 and v2beta2 at every
 * release, as the product contract has every manifest a repository holds apply: a request
 * there still gets the warning, which says since when a real cluster refuses it.
 *
 * Versions Kubernetes deprecated that Replicast does not serve at all — policy/v1beta1
 * PodDisruptionBudget (deprecated 1.21, removed 1.25), batch/v1beta1 CronJob (1.21, 1.25),
 * extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress (1.14, 1.22), apps/v1beta1,
 * apps/v1beta2 and extensions/v1beta1 workloads (1.9, 1.16) — are refused as the RESTMapper
 * refuses them (`no matches for kind …`), so no request is sent and none warns.
 *
 * A CustomResourceDefinition marks its own versions: a version with `deprecated: true` gets a
 * warning with every request, at every release (customResourceWarning below).
 */
import type { KubeObject } from "./types.ts";
import { compareKubeAwareVersions } from "./kinds/versionOrder.ts";
import { list, obj, str, type Obj } from "./kinds/stored/fields.ts";

/** One deprecated group/version/kind and its releases (minor versions of 1.x). */
export interface ApiLifecycle {
  /** `autoscaling/v2beta2`, `v1` for the core group. */
  readonly apiVersion: string;
  readonly kind: string;
  /** The release that deprecated it: requests warn from this one on. */
  readonly deprecated: number;
  /** The release that stopped serving it in Kubernetes, when it names one. */
  readonly removed?: number;
  /**
   * What to use instead, by the release that named it (the first entry from its own `since`
   * on): a type's replacement can change as newer versions go GA.
   */
  readonly replacements: readonly {
    readonly since: number;
    readonly apiVersion: string;
    readonly kind: string;
  }[];
}

const HPA = "HorizontalPodAutoscaler";

/** Every deprecated group/version/kind Replicast serves, in the order of their group/version. */
export const DEPRECATED_APIS: readonly ApiLifecycle[] = [
  // staging/src/k8s.io/api/core/v1: Endpoints' APILifecycleDeprecated (1, 33) and
  // APILifecycleReplacement discovery.k8s.io/v1 EndpointSlice, with no removal (KEP-4974,
  // "Formal Deprecation of v1.Endpoints": the type is to stay, its controllers to go).
  {
    apiVersion: "v1",
    kind: "Endpoints",
    deprecated: 33,
    replacements: [{ since: 33, apiVersion: "discovery.k8s.io/v1", kind: "EndpointSlice" }],
  },
  // staging/src/k8s.io/api/autoscaling/v2beta1/zz_generated.prerelease-lifecycle.go: introduced
  // 1.8, deprecated 1.22, removed 1.25. Its replacement tag named autoscaling/v2beta2 in 1.22
  // and autoscaling/v2 from 1.23, the release that made v2 GA.
  {
    apiVersion: "autoscaling/v2beta1",
    kind: HPA,
    deprecated: 22,
    removed: 25,
    replacements: [
      { since: 22, apiVersion: "autoscaling/v2beta2", kind: HPA },
      { since: 23, apiVersion: "autoscaling/v2", kind: HPA },
    ],
  },
  // staging/src/k8s.io/api/autoscaling/v2beta2/zz_generated.prerelease-lifecycle.go: introduced
  // 1.12, deprecated 1.23, removed 1.26, replacement autoscaling/v2.
  {
    apiVersion: "autoscaling/v2beta2",
    kind: HPA,
    deprecated: 23,
    removed: 26,
    replacements: [{ since: 23, apiVersion: "autoscaling/v2", kind: HPA }],
  },
];

/** The lifecycle of a deprecated apiVersion/kind; undefined when Kubernetes never deprecated it. */
export function lifecycleOf(apiVersion: string, kind: string): ApiLifecycle | undefined {
  for (let i = 0; i < DEPRECATED_APIS.length; i++) {
    const l = DEPRECATED_APIS[i];
    if (l.apiVersion === apiVersion && l.kind === kind) return l;
  }
  return undefined;
}

/** The replacement a release names: `autoscaling/v2` for autoscaling/v2beta1 at 1.23. */
export function replacementAt(
  l: ApiLifecycle,
  minor: number,
): { apiVersion: string; kind: string } | undefined {
  let named: { apiVersion: string; kind: string } | undefined;
  for (const r of l.replacements) if (r.since <= minor) named = r;
  return named;
}

/**
 * The warning a request to apiVersion/kind gets from the API server of release 1.`minor`,
 * as deprecation.go WarningMessage words it; undefined when it gets none. Example:
 * ("autoscaling/v2beta2", "HorizontalPodAutoscaler", 25) → `autoscaling/v2beta2
 * HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2
 * HorizontalPodAutoscaler`.
 */
export function deprecationWarning(apiVersion: string, kind: string, minor: number): string | undefined {
  const l = lifecycleOf(apiVersion, kind);
  if (l === undefined || minor < l.deprecated) return undefined;
  let text = `${apiVersion} ${kind} is deprecated in v1.${l.deprecated}+`;
  if (l.removed !== undefined) text += `, unavailable in v1.${l.removed}+`;
  const use = replacementAt(l, minor);
  if (use !== undefined) text += `; use ${use.apiVersion} ${use.kind}`;
  return text;
}

/** Whether Kubernetes 1.`minor` no longer serves apiVersion/kind (Replicast still does). */
export function removedAt(apiVersion: string, kind: string, minor: number): boolean {
  const removed = lifecycleOf(apiVersion, kind)?.removed;
  return removed !== undefined && minor >= removed;
}

/** A CRD's spec.versions, each with its name. */
const crdVersions = (crd: KubeObject): Obj[] => list(obj((crd as unknown as Obj).spec).versions).map(obj);

/**
 * The warning a request to `version` of a CustomResourceDefinition's kind gets, as
 * apiextensions-apiserver sends it (pkg/apiserver/customresource_handler.go: crdHandler.ServeHTTP
 * adds crdInfo.warnings[requestInfo.APIVersion] with warning.AddWarning before serving any verb;
 * getOrCreateServingInfoFor fills them for each version with `deprecated: true`): the version's
 * `deprecationWarning` when it has one, else defaultDeprecationWarning's `<group>/<version>
 * <Kind> is deprecated`, then `; use <group>/<version> <Kind>` naming the newest served,
 * undeprecated version that sorts after it in kube-aware order (GA after beta after alpha), when
 * there is one. Undefined for a version not deprecated, or one the CRD does not list or serve
 * (the request never reaches crdHandler's warnings: HasServedCRDVersion sends it on to a 404). An
 * empty `deprecationWarning` adds nothing (apiserver endpoints/filters/warning.go recorder.AddWarning
 * drops an empty text).
 */
export function customResourceWarning(crd: KubeObject, version: string): string | undefined {
  const versions = crdVersions(crd);
  const v = versions.find((x) => x.name === version);
  if (v === undefined || v.deprecated !== true || v.served === false) return undefined;
  if (typeof v.deprecationWarning === "string") return v.deprecationWarning || undefined;
  const spec = obj((crd as unknown as Obj).spec);
  const text = `${str(spec.group)}/${version} ${str(obj(spec.names).kind)} is deprecated`;
  const use = customResourceReplacement(crd, version);
  return use === undefined ? text : `${text}; use ${use}`;
}

/**
 * What defaultDeprecationWarning names instead of a CRD's version: `<group>/<version> <Kind>` of
 * the newest served version the CRD does not deprecate, if it sorts after this one in kube-aware
 * order (CompareKubeAwareVersionStrings); undefined when there is none.
 */
export function customResourceReplacement(crd: KubeObject, version: string): string | undefined {
  const spec = obj((crd as unknown as Obj).spec);
  const newer = crdVersions(crd)
    .filter(
      (x) =>
        x.served !== false && x.deprecated !== true && compareKubeAwareVersions(str(x.name), version) < 0,
    )
    .map((x) => str(x.name))
    .sort(compareKubeAwareVersions);
  return newer.length === 0 ? undefined : `${str(spec.group)}/${newer[0]} ${str(obj(spec.names).kind)}`;
}

/** Whether a CustomResourceDefinition marks any version it serves deprecated. */
export function deprecatesVersions(crd: KubeObject): boolean {
  return crdVersions(crd).some((v) => v.deprecated === true && v.served !== false);
}
