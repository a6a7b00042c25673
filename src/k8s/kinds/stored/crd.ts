/**
 * CustomResourceDefinitions (apiextensions.k8s.io/v1): stored like any kind, and each one
 * registers the kind it defines in the cluster's registry once created
 * (apiextensions-apiserver's crdHandler serves /apis/GROUP/VERSION/PLURAL from then on), so
 * its objects can be applied after it — in the same file too, as `kubectl apply` sends a
 * file's documents in order. The kind is stored, not simulated: a VPA or a KEDA ScaledObject
 * is kept and listed, no controller acts on it.
 *
 * The defined kind's versions are the CRD's served ones, the storage version first; its
 * table is the storage version's additionalPrinterColumns (simple `.a.b` JSONPaths; a `date`
 * column prints as an age), else NAME and AGE — apiextensions-apiserver's tableconvertor.
 */
import { age } from "../../printing/table.ts";
import { invalid } from "../../fieldErrors.ts";
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor, TablePrinter } from "../descriptor.ts";
import { addonKind } from "../addons.ts";
import { KindConflictError, type AnyKind, type KindRegistry } from "../registry.ts";
import { createdAtTable, fieldCell, storedKind } from "./storedKind.ts";

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

/** A dotted JSONPath (`.spec.replicas`, `.status.phase`) read from an object. */
function readPath(o: unknown, path: string): unknown {
  let v: unknown = o;
  for (const part of path.replace(/^\./, "").split(".")) {
    if (part === "") continue;
    v = obj(v)[part];
  }
  return v;
}

function printerColumns(version: Obj): TablePrinter<KubeObject> | undefined {
  const cols = list(version.additionalPrinterColumns)
    .map(obj)
    .filter((c) => Number(c.priority ?? 0) === 0);
  if (cols.length === 0) return undefined;
  return {
    header: ["NAME", ...cols.map((c) => str(c.name).toUpperCase())],
    wide: [],
    cells: (o, { now }) => [
      o.metadata.name,
      ...cols.map((c) => {
        const v = readPath(o, str(c.jsonPath));
        if (c.type === "date" && str(c.jsonPath) === ".metadata.creationTimestamp")
          return age(now, o.metadata.creationTimestamp);
        return fieldCell(typeof v === "object" ? JSON.stringify(v) : v);
      }),
    ],
  };
}

/** Each CRD-defined kind's CustomResourceDefinition, for what reads its schemas (kubectl explain). */
const definitions = new WeakMap<object, KubeObject>();

/** The CustomResourceDefinition a kind was defined by, or undefined for any other kind. */
export const definitionOf = (kind: object): KubeObject | undefined => definitions.get(kind);

/** The kind a CRD defines, as a stored (not simulated) kind. */
export function kindOfCRD(crd: KubeObject): KindDescriptor<KubeObject> {
  const spec = obj((crd as unknown as Obj).spec);
  const names = obj(spec.names);
  const versions = list(spec.versions).map(obj);
  const served = versions.filter((v) => v.served !== false);
  const storage = served.find((v) => v.storage === true) ?? served[0] ?? {};
  const ordered = [storage, ...served.filter((v) => v !== storage)].map((v) => str(v.name)).filter(Boolean);
  const kind = str(names.kind);
  const table = printerColumns(storage);
  const defined: KindDescriptor<KubeObject> = {
    ...storedKind({
      kind,
      group: str(spec.group),
      versions: ordered,
      namespaced: spec.scope !== "Cluster",
      plural: str(names.plural),
      shortNames: list(names.shortNames).map(str),
      categories: list(names.categories).map(str),
      tracksGeneration: true,
      ...(table ? { table } : {}),
    }),
    singular: str(names.singular) || kind.toLowerCase(),
  };
  definitions.set(defined, crd);
  return defined;
}

/**
 * Register the kind a CRD defines in a registry that takes registrations; a kind already
 * served (the CRD applied again, or a name a built-in kind has) stays as it is.
 */
export function registerCRD(kinds: KindRegistry, crd: KubeObject): void {
  if ((crd.kind as string) !== "CustomResourceDefinition") return;
  const d = kindOfCRD(crd);
  if (d.kind === "" || d.plural === "" || d.versions.length === 0) return;
  const served = kinds.get(d.kind);
  // The add-on's own CRD, applied after objects stored without it: its versions, names and
  // printer columns replace the assumed ones (the add-on's install updating its CRD); the
  // objects already stored stay.
  if (served && implicitKinds.has(served) && served.group === d.group) kinds.unregister(d.kind);
  else if (served) return;
  if (!tryRegister(kinds, d) && served) tryRegister(kinds, served);
}

function tryRegister(kinds: KindRegistry, d: AnyKind): boolean {
  try {
    kinds.register(d);
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
  if (!a || kinds.get(kind)) return undefined;
  const crd = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: `${a.plural}.${a.group}` },
    spec: {
      group: a.group,
      names: { kind, plural: a.plural, singular: kind.toLowerCase() },
      scope: a.namespaced ? "Namespaced" : "Cluster",
      versions: [{ name: a.version, served: true, storage: true }],
    },
  } as unknown as KubeObject;
  const d = kindOfCRD(crd);
  implicitKinds.add(d);
  // A plural another kind already answers to (Istio's and the Gateway API's Gateway): not served.
  if (!tryRegister(kinds, d) && kinds.resource(a.plural) !== undefined) return undefined;
  return d;
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
  const registered = kinds.get(d.kind);
  if (registered && registered.group === d.group && registered.plural === d.plural) kinds.unregister(d.kind);
}
