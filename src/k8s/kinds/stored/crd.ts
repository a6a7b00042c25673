/**
 * CustomResourceDefinitions (apiextensions.k8s.io/v1): stored like any kind, and each one
 * registers the kind it defines in the cluster's registry once created
 * (apiextensions-apiserver's crdHandler serves /apis/GROUP/VERSION/PLURAL from then on), so
 * its objects can be applied after it — in the same file too, as `kubectl apply` sends a
 * file's documents in order. The kind is stored, not simulated: a VPA or a KEDA ScaledObject
 * is kept and listed, no controller acts on it.
 *
 * The defined kind's versions are the CRD's served ones, the storage version first; its
 * table is the additionalPrinterColumns of the version a request reads (simple `.a.b`
 * JSONPaths; a `date` column prints as an age), else NAME and AGE — apiextensions-apiserver's
 * tableconvertor, one per version.
 */
import { age } from "../../printing/table.ts";
import { toRFC3339 } from "../../time.ts";
import { deepClone } from "../../clone.ts";
import { invalid } from "../../fieldErrors.ts";
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor, ScaleSubresource, TablePrinter } from "../descriptor.ts";
import { addonKind } from "../addons.ts";
import { compareKubeAwareVersions } from "../versionOrder.ts";
import { KindConflictError, type AnyKind, type KindRegistry } from "../registry.ts";
import { createdAtTable, fieldCell, storedKind } from "./storedKind.ts";
import { namingStatus } from "./crdNames.ts";

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

const crdBase = storedKind({
  kind: "CustomResourceDefinition",
  group: "apiextensions.k8s.io",
  versions: ["v1"],
  namespaced: false,
  plural: "customresourcedefinitions",
  shortNames: ["crd", "crds"],
  tracksGeneration: true,
  table: createdAtTable,
});

/** The CRD kind: its name must be `<spec.names.plural>.<spec.group>` (ValidateCustomResourceDefinition). */
export const CustomResourceDefinitionKind: KindDescriptor<KubeObject> = {
  ...crdBase,
  strategy: {
    ...crdBase.strategy,
    prepareForCreate(o, stored) {
      (o as { status?: unknown }).status = establishedStatus(o, stored);
    },
    admit(raw, apiVersion, old, opts) {
      const r = crdBase.strategy.admit(raw, apiVersion, old, opts);
      const spec = obj(raw.spec);
      const name = str(obj(raw.metadata).name);
      const want = `${str(obj(spec.names).plural)}.${str(spec.group)}`;
      if (name !== "" && name !== want)
        r.errors.push(invalid("metadata.name", name, `must be spec.names.plural+"."+spec.group`));
      return r;
    },
  },
};

/**
 * A new CRD's status as the API server leaves it within moments of the create: PrepareForCreate
 * (apiextensions-apiserver pkg/registry/customresourcedefinition/strategy.go) empties it and
 * records the storage version in storedVersions; the NamingConditionController accepts the names
 * no other CRD of the group has accepted (crdNames.ts: NamesAccepted, or its conflict), and the
 * EstablishingController (pkg/controller/establish/establishing_controller.go sync) marks it
 * Established once they are — what `kubectl wait --for condition=established` waits for. An
 * update keeps the stored status; the naming controller (controllers/crdnaming) then accepts
 * the new names.
 */
function establishedStatus(o: KubeObject, stored: readonly KubeObject[]): Obj {
  const spec = obj((o as unknown as Obj).spec);
  const storage = list(spec.versions)
    .map(obj)
    .find((v) => v.storage === true);
  const { acceptedNames, conditions } = namingStatus(
    { ...o, status: {} },
    stored,
    toRFC3339(o.metadata.creationTimestamp ?? 0),
  );
  return { acceptedNames, conditions, storedVersions: storage ? [str(storage.name)] : [] };
}

/**
 * A dotted JSONPath (`.spec.replicas`, `.status.phase`) read from an object; a filter on a list
 * picks its first item whose field has the value (`.status.conditions[?(@.type=="Ready")].status`,
 * KEDA's READY column). A backslash escapes a dot in a field name (`.metadata.labels.strimzi\.io/cluster`,
 * Strimzi's CLUSTER column): the table convertor parses each column with client-go's jsonpath
 * (tableconvertor.go New), whose parser.go parseField drops the backslash.
 */
function readPath(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const [, field, key, value] of path.matchAll(/\.((?:\\.|[^.[\\])*)|\[\?\(@\.(\w+)=="([^"]*)"\)\]/g)) {
    if (key !== undefined) v = list(v).find((item) => obj(item)[key] === value);
    else if (field !== "") v = obj(v)[field.replaceAll("\\", "")];
  }
  return v;
}

/**
 * A CRD version's additionalPrinterColumns as kubectl prints the server's Table: a column of
 * priority above 0 only under `-o wide`, and then where the CRD lists it, not at the end
 * (cli-runtime printers/tableprinter.go printTable skips `column.Priority != 0` unless Wide).
 */
function printerColumns(version: Obj): TablePrinter<KubeObject> | undefined {
  const all = list(version.additionalPrinterColumns).map(obj);
  if (all.length === 0) return undefined;
  const shown = (wide: boolean | undefined) =>
    wide ? all : all.filter((c) => Number(c.priority ?? 0) === 0);
  const header = (cols: Obj[]) => ["NAME", ...cols.map((c) => str(c.name).toUpperCase())];
  const narrow = header(shown(false));
  const wide = header(all);
  return {
    header: narrow,
    wide: [],
    columns: (opts) => ({ header: opts.wide ? wide : narrow, wide: [] }),
    cells: (o, { now, wide }) => [
      o.metadata.name,
      ...shown(wide).map((c) => {
        const v = readPath(o, str(c.jsonPath));
        if (c.type === "date" && str(c.jsonPath) === ".metadata.creationTimestamp")
          return age(now, o.metadata.creationTimestamp);
        return fieldCell(typeof v === "object" ? JSON.stringify(v) : v);
      }),
    ],
  };
}

/** NAME and AGE: a CRD version without additionalPrinterColumns (the tableconvertor's default). */
const NAME_AGE: TablePrinter<KubeObject> = {
  header: ["NAME", "AGE"],
  wide: [],
  cells: (o, { now }) => [o.metadata.name, age(now, o.metadata.creationTimestamp)],
};

/**
 * A CRD's table: each served version's additionalPrinterColumns (apiextensions/v1 keeps them
 * per version, and crdHandler builds a table convertor per version: customresource_handler.go
 * getOrCreateServingInfoFor, `tableConverters[v.Name]`), so a table follows the version the
 * request read — the object's apiVersion as the read returned it (stored/crd.ts
 * readApiVersion), the header that version's (`apiVersion` in the options), else the
 * preferred one's. Undefined when no version has columns: every one prints NAME and AGE.
 */
function versionedColumns(
  group: string,
  served: readonly Obj[],
  preferred: string,
): TablePrinter<KubeObject> | undefined {
  const tables = new Map<string, TablePrinter<KubeObject> | undefined>(
    served.map((v) => [`${group}/${str(v.name)}`, printerColumns(v)]),
  );
  if ([...tables.values()].every((t) => t === undefined)) return undefined;
  // An object stored in a version no longer served reads as the preferred one.
  const of = (apiVersion: string | undefined): TablePrinter<KubeObject> =>
    (tables.has(apiVersion ?? preferred) ? tables.get(apiVersion ?? preferred) : tables.get(preferred)) ??
    NAME_AGE;
  const first = of(preferred);
  return {
    header: first.header,
    wide: first.wide,
    columns: (opts) => {
      const t = of(opts.apiVersion);
      return t.columns?.(opts) ?? { header: t.header, wide: t.wide };
    },
    cells: (o, opts) => of(o.apiVersion).cells(o, opts),
  };
}

/** A dotted path's fields (`.spec.replicas` → spec, replicas): splitReplicasPath, leading period ignored. */
const pathFields = (path: string): string[] => path.replace(/^\./, "").split(".");

/** unstructured.NestedFieldNoCopy: the value at the fields, and whether each level was a map holding it. */
function nested(o: unknown, fields: readonly string[]): { found: boolean; value?: unknown } {
  let v: unknown = o;
  for (const f of fields) {
    if (typeof v !== "object" || v === null || Array.isArray(v) || !Object.hasOwn(v, f))
      return { found: false };
    v = (v as Obj)[f];
  }
  return { found: true, value: v };
}

/**
 * The /scale of a custom resource whose CRD version declares `subresources.scale`, as
 * apiextensions-apiserver serves it (pkg/registry/customresource/etcd.go, ScaleREST and
 * scaleFromCustomResource): spec.replicas from specReplicasPath (0 when absent, and then GET
 * fails with an InternalError), status.replicas from statusReplicasPath (0 when absent),
 * status.selector the string at labelSelectorPath ("" when absent or when the CRD names no
 * path — the HPA then stops at `selector is required`). An UPDATE sets specReplicasPath,
 * making the levels it lacks (unstructured.SetNestedField). The CRD's schema types these
 * fields (integer, string); a stored object of an implicit add-on kind has no schema, so a
 * value of another type reads as absent.
 */
function customResourceScale(scale: Obj): ScaleSubresource<KubeObject> {
  const specPath = str(scale.specReplicasPath);
  const spec = pathFields(specPath);
  const status = pathFields(str(scale.statusReplicasPath));
  const selector = str(scale.labelSelectorPath) === "" ? undefined : pathFields(str(scale.labelSelectorPath));
  const int = (o: KubeObject, fields: readonly string[]): number | undefined => {
    const v = nested(o, fields).value;
    return typeof v === "number" && Number.isInteger(v) ? v : undefined;
  };
  return {
    specReplicas: (o) => int(o, spec) ?? 0,
    statusReplicas: (o) => int(o, status) ?? 0,
    selector: (o) => {
      const v = selector && nested(o, selector).value;
      return typeof v === "string" ? v : "";
    },
    withReplicas: (o, replicas) => {
      const copy = deepClone(o) as unknown as Obj;
      let level = copy;
      for (const f of spec.slice(0, -1)) {
        const next = level[f];
        level = level[f] =
          typeof next === "object" && next !== null && !Array.isArray(next) ? (next as Obj) : {};
      }
      level[spec[spec.length - 1]] = replicas;
      return copy as unknown as KubeObject;
    },
    refusal: (o) =>
      int(o, spec) === undefined
        ? {
            reason: "InternalError",
            message: `Internal error occurred: the spec replicas field ${JSON.stringify(specPath)} does not exist`,
          }
        : undefined,
  };
}

/** Each CRD-defined kind's CustomResourceDefinition, for what reads its schemas (kubectl explain). */
const definitions = new WeakMap<object, KubeObject>();

/** The CustomResourceDefinition a kind was defined by, or undefined for any other kind. */
export const definitionOf = (kind: object): KubeObject | undefined => definitions.get(kind);

/**
 * A custom resource whose CRD version declares `subresources.status`
 * (apiextensions-apiserver registry/customresource/strategy.go): a create cannot set status
 * (PrepareForCreate deletes it), and an update of the main resource keeps the stored status, or
 * none where none is stored (PrepareForUpdate; the API server copies a stored one back). Only a
 * write to /status changes it (statusStrategy). Without the subresource, status is a field like
 * any other: an update stores the status it sends, or none (`updatesStatus`).
 */
const statusSubresourceStrategy = {
  prepareForCreate(o: KubeObject): void {
    delete (o as { status?: unknown }).status;
  },
  prepareForUpdate(o: KubeObject, old: KubeObject): void {
    if (!("status" in old)) delete (o as { status?: unknown }).status;
  },
};

/** Whether a kind's status is its status subresource's, reset on writes of the main resource. */
export function resetsStatus(kind: object): boolean {
  const crd = definitions.get(kind);
  if (crd === undefined) return true;
  const versions = list(obj((crd as unknown as Obj).spec).versions).map(obj);
  const served = versions.filter((v) => v.served !== false);
  const storage = served.find((v) => v.storage === true) ?? served[0] ?? {};
  return obj(storage.subresources).status !== undefined;
}

/** The kind a CRD defines, as a stored (not simulated) kind. */
export function kindOfCRD(crd: KubeObject): KindDescriptor<KubeObject> {
  const spec = obj((crd as unknown as Obj).spec);
  const names = obj(spec.names);
  const versions = list(spec.versions).map(obj);
  const served = versions.filter((v) => v.served !== false);
  const storage = served.find((v) => v.storage === true) ?? served[0] ?? {};
  const ordered = [storage, ...served.filter((v) => v !== storage)].map((v) => str(v.name)).filter(Boolean);
  const kind = str(names.kind);
  // The subresources of the version a client reaches first (the storage version here):
  // crdHandler serves /scale per requested version (GetSubresourcesForVersion).
  const scale = obj(obj(storage.subresources).scale);
  const statusSubresource = obj(storage.subresources).status !== undefined;
  const group = str(spec.group);
  // Every served version reads and writes the same objects (conversion None: only apiVersion
  // differs), and a client that names no version gets the group's preferred one — the first
  // served version in kube-aware order (the CRD discovery controller's PreferredVersion) —
  // so kubectl prints an object written as v1alpha1 and another written as v1 both as v1.
  const preferred = `${group}/${[...ordered].sort(compareKubeAwareVersions)[0] ?? ""}`;
  const table = versionedColumns(group, served, preferred);
  const base = storedKind({
    kind,
    group,
    versions: ordered,
    namespaced: spec.scope !== "Cluster",
    plural: str(names.plural),
    shortNames: list(names.shortNames).map(str),
    categories: list(names.categories).map(str),
    tracksGeneration: true,
    ...(table ? { table } : {}),
  });
  const defined: KindDescriptor<KubeObject> = {
    ...base,
    strategy: {
      ...base.strategy,
      admit(raw, apiVersion, old, opts) {
        const r = base.strategy.admit(raw, apiVersion, old, opts);
        if (typeof r.object.apiVersion === "string" && r.object.apiVersion !== preferred)
          r.object.apiVersion = preferred;
        return r;
      },
      ...(statusSubresource ? statusSubresourceStrategy : { updatesStatus: true }),
    },
    singular: str(names.singular) || kind.toLowerCase(),
    ...(str(scale.specReplicasPath) ? { scale: customResourceScale(scale) } : {}),
    // An add-on whose operator the simulated cluster runs (KEDA's ScaledObject): simulated.
    ...(addonKind(`${group}/${ordered[0] ?? ""}`, kind)?.simulated ? { storedOnly: false } : {}),
  };
  definitions.set(defined, crd);
  preferredVersions.set(defined, preferred);
  return defined;
}

/** Each CRD-defined kind's /scale by version, made once (null: the version declares none). */
const scalesByVersion = new WeakMap<object, Map<string, ScaleSubresource<KubeObject> | null>>();

/**
 * The /scale a request in `apiVersion` reaches: for a CRD-defined kind, that version's
 * `subresources.scale` (apiextensions-apiserver customresource_handler.go: crdHandler serves
 * each version with its own subresources, apiextensionshelpers.GetSubresourcesForVersion, so a
 * v1beta1 whose specReplicasPath is `.spec.size` scales `.spec.size`); the preferred version's
 * when the request names none (a client's RESTMapper picks it); undefined when that version
 * declares no scale subresource. Any other kind's is its own.
 */
export function scaleFor(
  kind: { readonly scale?: ScaleSubresource<KubeObject> },
  apiVersion?: string,
): ScaleSubresource<KubeObject> | undefined {
  const crd = definitions.get(kind);
  if (crd === undefined) return kind.scale;
  const requested = apiVersion ?? preferredVersions.get(kind) ?? "";
  const version = requested.slice(requested.indexOf("/") + 1);
  let byVersion = scalesByVersion.get(kind);
  if (byVersion === undefined) scalesByVersion.set(kind, (byVersion = new Map()));
  let scale = byVersion.get(version);
  if (scale === undefined) {
    const served = list(obj((crd as unknown as Obj).spec).versions)
      .map(obj)
      .find((v) => str(v.name) === version && v.served !== false);
    const declared = served && obj(obj(served.subresources).scale);
    scale =
      served === undefined
        ? (kind.scale ?? null)
        : str(declared?.specReplicasPath)
          ? customResourceScale(declared!)
          : null;
    byVersion.set(version, scale);
  }
  return scale ?? undefined;
}

/** Each CRD-defined kind's preferred apiVersion (`cert-manager.io/v1`). */
const preferredVersions = new WeakMap<object, string>();

/**
 * The apiVersion a read of a CRD-defined kind answers in: the version the request names, else
 * the group's preferred one (the first served in kube-aware order: what kubectl reads when it
 * names none); undefined for any other kind, which is read as stored. With the CRD's
 * `conversion.strategy: None` (the default) the API server converts an object to the version
 * asked for by setting its apiVersion and nothing else (apiextensions-apiserver
 * pkg/apiserver/conversion/nop_converter.go nopConverter.Convert); a `Webhook` strategy is
 * read the same here: no webhook runs (RC4124 says so).
 */
export function readApiVersion(kind: object, requested?: string): string | undefined {
  const preferred = preferredVersions.get(kind);
  return preferred === undefined ? undefined : (requested ?? preferred);
}

/** The object as a read in apiVersion returns it: the same object when it is stored so. */
export const inVersion = <T extends KubeObject>(o: T, apiVersion: string): T =>
  o.apiVersion === apiVersion ? o : { ...o, apiVersion };

/** Whether a CRD converts with a webhook (`spec.conversion.strategy: Webhook`; `None` is the default). */
export const convertsByWebhook = (crd: KubeObject): boolean =>
  str(obj(obj((crd as unknown as Obj).spec).conversion).strategy) === "Webhook";

/**
 * Register the kind a CRD defines in a registry that takes registrations, or register it
 * again from a new revision of the same CRD (`kubectl apply` of an add-on's upgrade): the
 * API server serves what the CRD says now (apiextensions-apiserver customresource_handler.go:
 * crdHandler.updateCustomResourceDefinition drops the old serving info on every change, and
 * getOrCreateServingInfoFor builds it again from the new spec), so a version newly
 * `served: false` stops being served, a new one starts and the storage version moves; the
 * objects stay, under the same key (etcd keeps them whatever the CRD serves). Another CRD's
 * kind of the group and name, or a built-in one, stays as it is. Another group's kind of the
 * name is no obstacle, a simulated built-in's included (Knative Serving's Service beside
 * core's, Istio's Gateway beside the Gateway API's): each is served under its own key, the
 * CRD's kind, stored as written, under `Kind.group` (registry.ts). A revision that serves no
 * version keeps the kind as it was (nothing here models a group with no served version).
 */
export function registerCRD(kinds: KindRegistry, crd: KubeObject, plan = false): void {
  if ((crd.kind as string) !== "CustomResourceDefinition") return;
  const earlier = plan
    ? kinds.lookup(str(obj(obj(crd).spec).group), str(obj(obj(obj(crd).spec).names).kind))
    : undefined;
  if (earlier !== undefined && sameCRD(definitions.get(earlier), crd))
    crd = withVersionsOf(definitions.get(earlier)!, crd);
  const d = kindOfCRD(crd);
  if (d.kind === "" || d.plural === "" || d.versions.length === 0) return;
  const served = kinds.lookup(d.group, d.kind);
  // The add-on's own CRD, applied after objects stored without it, replaces the assumed kind
  // (the add-on's install updating its CRD); this CRD applied again replaces its own kind.
  const key = served ? kinds.key(served) : undefined;
  if (served && (implicitKinds.has(served) || sameCRD(definitions.get(served), crd))) {
    if (sameDefinition(definitions.get(served), crd)) return;
    kinds.unregister(key!);
  } else if (served) return;
  if (!tryRegister(kinds, d, key) && served) tryRegister(kinds, served, key);
}

/**
 * A plan's registration of a CRD's new revision (`plan`: the kinds a scenario's lines may name
 * while it runs, k8s/manifest.ts): the versions an earlier revision served stay served beside
 * the new ones, not as storage, as a deleted CRD's kind stays in a plan; the run's API server
 * serves each revision as it is, and a line naming a version no longer served fails there,
 * with kubectl's error.
 */
function withVersionsOf(earlier: KubeObject, crd: KubeObject): KubeObject {
  const spec = obj(obj(crd).spec);
  const versions = list(spec.versions).map(obj);
  const servedNow = new Set(versions.filter((v) => v.served !== false).map((v) => str(v.name)));
  const kept = list(obj(obj(earlier).spec).versions)
    .map(obj)
    .filter((v) => v.served !== false && !servedNow.has(str(v.name)))
    .map((v): Obj => ({ ...v, served: true, storage: false }));
  if (kept.length === 0) return crd;
  const names = new Set(kept.map((v) => str(v.name)));
  return {
    ...crd,
    spec: { ...spec, versions: [...versions.filter((v) => !names.has(str(v.name))), ...kept] },
  } as KubeObject;
}

/** Whether two CustomResourceDefinitions are one (its name is `<plural>.<group>`). */
const sameCRD = (a: KubeObject | undefined, b: KubeObject): boolean =>
  a !== undefined && a.metadata?.name === b.metadata?.name;

/** Whether a CRD's revision defines its kind as `a` did: same spec, so nothing to serve anew. */
const sameDefinition = (a: KubeObject | undefined, b: KubeObject): boolean =>
  a !== undefined &&
  JSON.stringify((a as unknown as Obj).spec) === JSON.stringify((b as unknown as Obj).spec);

function tryRegister(kinds: KindRegistry, d: AnyKind, key?: string): boolean {
  try {
    kinds.register(d, key);
    return true;
  } catch (e) {
    if (!(e instanceof KindConflictError)) throw e;
    return false;
  }
}

/** Kinds served for an add-on's objects without its CRD (serveAddonKind); a real CRD replaces them. */
const implicitKinds = new WeakSet<object>();

/**
 * An add-on's kind (kinds/addons.ts) the cluster does not serve: served from now on as if the
 * add-on's CustomResourceDefinition were installed — the repository assumes the cluster runs
 * the add-on — stored, not simulated. Undefined for a kind of no known add-on, or a kind whose
 * name the cluster already serves in other versions (kubectl's `no matches` stands). A frozen
 * registry (a load without a cluster) gets nothing registered; the kind is still returned.
 */
export function serveAddonKind(kinds: KindRegistry, apiVersion: string, kind: string): AnyKind | undefined {
  const a = addonKind(apiVersion, kind);
  if (!a || !addonServable(kinds, apiVersion, kind)) return undefined;
  const crd = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${a.plural}.${a.group}` },
    spec: {
      group: a.group,
      names: { kind, plural: a.plural, singular: kind.toLowerCase(), shortNames: a.shortNames },
      scope: a.namespaced ? "Namespaced" : "Cluster",
      versions: a.versions.map((name, i) => ({
        name,
        served: true,
        storage: i === 0,
        ...(a.scale || a.status
          ? { subresources: { ...(a.status ? { status: {} } : {}), ...(a.scale ? { scale: a.scale } : {}) } }
          : {}),
        ...(a.printerColumns ? { additionalPrinterColumns: a.printerColumns } : {}),
      })),
    },
  } as unknown as KubeObject;
  const d = kindOfCRD(crd);
  implicitKinds.add(d);
  // A frozen registry takes nothing, and the kind is still returned.
  if (!tryRegister(kinds, d) && kinds.named(kind).length > 0) return undefined;
  return d;
}

/** Whether serveAddonKind would serve the kind (without registering it). */
export function addonServable(kinds: KindRegistry, apiVersion: string, kind: string): boolean {
  const a = addonKind(apiVersion, kind);
  // A version the add-on's CRD does not serve is kubectl's `no matches` as well.
  return a !== undefined && !kinds.lookup(a.group, kind) && a.versions.includes(a.version);
}

/**
 * A CustomResourceDefinition is gone: its kind is no longer served. (apiextensions-apiserver's
 * finalizer controller, crd_finalizer.go, deletes the kind's objects first; the API server
 * does that before calling this: engine/apiserver.ts.) Only the kind this very CRD defines is
 * taken back — not a built-in kind or one another CRD registered first.
 */
export function unregisterCRD(kinds: KindRegistry, crd: KubeObject): void {
  if ((crd.kind as string) !== "CustomResourceDefinition") return;
  const d = kindOfCRD(crd);
  const registered = kinds.lookup(d.group, d.kind);
  if (registered && registered.plural === d.plural) kinds.unregister(kinds.key(registered));
}
