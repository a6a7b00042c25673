/**
 * A CustomResourceDefinition's status.acceptedNames and NamesAccepted condition, as
 * apiextensions-apiserver's NamingConditionController computes them
 * (pkg/controller/status/naming_controller.go calculateNamesAndConditions): each requested
 * name (spec.names, with listKind and singular defaulted as SetDefaults_CustomResourceDefinitionSpec
 * does) is accepted when it equals the accepted one or no CRD of the group has accepted it
 * (equalToAcceptedOrFresh over getAcceptedNamesForGroup, the CRD's own accepted names included);
 * otherwise the accepted one stays and NamesAccepted is False with the conflict's reason
 * (PluralConflict, SingularConflict, ShortNamesConflict, KindConflict, ListKindConflict: the
 * last found wins) and `"NAME" is already in use`. Categories are taken as requested.
 * Established: kept once True; else True as soon as the names are accepted (the
 * EstablishingController's InitialNamesAccepted, at once here), or False NotAccepted.
 * A condition's lastTransitionTime moves only when its status does (helpers.go SetCRDCondition).
 */
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(str) : undefined);

interface Names {
  plural: string;
  singular: string;
  shortNames?: string[];
  kind: string;
  listKind: string;
  categories?: string[];
}

/** spec.names as the API server stores them: listKind and singular defaulted. */
function requestedNames(crd: unknown): Names {
  const names = obj(obj(obj(crd).spec).names);
  const kind = str(names.kind);
  return {
    plural: str(names.plural),
    singular: str(names.singular) || kind.toLowerCase(),
    ...(strings(names.shortNames) ? { shortNames: strings(names.shortNames) } : {}),
    kind,
    listKind: str(names.listKind) || `${kind}List`,
    ...(strings(names.categories) ? { categories: strings(names.categories) } : {}),
  };
}

function acceptedNamesOf(crd: unknown): Names {
  const a = obj(obj(obj(crd).status).acceptedNames);
  return {
    plural: str(a.plural),
    singular: str(a.singular),
    ...(strings(a.shortNames) ? { shortNames: strings(a.shortNames) } : {}),
    kind: str(a.kind),
    listKind: str(a.listKind),
    ...(strings(a.categories) ? { categories: strings(a.categories) } : {}),
  };
}

/** equalToAcceptedOrFresh: the error text, or undefined when the name may be taken. */
const inUse = (requested: string, accepted: string, used: ReadonlySet<string>): string | undefined =>
  requested === accepted || !used.has(requested) ? undefined : `"${requested}" is already in use`;

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
  (a === undefined) === (b === undefined) &&
  (a ?? []).length === (b ?? []).length &&
  (a ?? []).every((x, i) => x === b?.[i]);

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
  lastTransitionTime?: unknown;
}

/**
 * The status the naming and establishing controllers leave `crd` with, given the group's other
 * CRDs as stored (`crds` may hold `crd` itself: its stored form is skipped, its own accepted
 * names being read from `crd`), at `now` (an RFC 3339 time).
 */
export function namingStatus(crd: unknown, crds: readonly unknown[], now: string): Obj {
  const group = str(obj(obj(crd).spec).group);
  const name = str(obj(obj(crd).metadata).name);
  const resources = new Set<string>();
  const kinds = new Set<string>();
  const claim = (c: unknown) => {
    const a = acceptedNamesOf(c);
    resources.add(a.plural).add(a.singular);
    for (const s of a.shortNames ?? []) resources.add(s);
    kinds.add(a.kind).add(a.listKind);
  };
  claim(crd);
  for (const c of crds)
    if (str(obj(obj(c).spec).group) === group && str(obj(obj(c).metadata).name) !== name) claim(c);
  const requested = requestedNames(crd);
  const accepted = acceptedNamesOf(crd);
  const next: Names = { ...accepted };
  let conflict: { reason: string; message: string } | undefined;
  const check = (reason: string, error: string | undefined): boolean => {
    if (error !== undefined) conflict = { reason, message: error };
    return error === undefined;
  };
  if (check("PluralConflict", inUse(requested.plural, accepted.plural, resources)))
    next.plural = requested.plural;
  if (check("SingularConflict", inUse(requested.singular, accepted.singular, resources)))
    next.singular = requested.singular;
  if (!sameList(requested.shortNames, accepted.shortNames)) {
    const own = new Set(accepted.shortNames ?? []);
    const errors = (requested.shortNames ?? [])
      .filter((s) => !own.has(s))
      .map((s) => inUse(s, "", resources))
      .filter((e): e is string => e !== undefined);
    // utilerrors aggregate.Error(): one alone, several as [a, b].
    const error =
      errors.length === 0 ? undefined : errors.length === 1 ? errors[0] : `[${errors.join(", ")}]`;
    if (check("ShortNamesConflict", error)) {
      if (requested.shortNames === undefined) delete next.shortNames;
      else next.shortNames = requested.shortNames;
    }
  }
  if (check("KindConflict", inUse(requested.kind, accepted.kind, kinds))) next.kind = requested.kind;
  if (check("ListKindConflict", inUse(requested.listKind, accepted.listKind, kinds)))
    next.listKind = requested.listKind;
  if (requested.categories === undefined) delete next.categories;
  else next.categories = requested.categories;

  const status = obj(obj(crd).status);
  const conditions = (Array.isArray(status.conditions) ? status.conditions : []).map(
    (c) => ({ ...obj(c) }) as unknown as Condition,
  );
  const set = (c: Condition) => {
    const existing = conditions.find((e) => e.type === c.type);
    if (existing === undefined) conditions.push({ ...c, lastTransitionTime: now });
    else {
      if (existing.status !== c.status || !existing.lastTransitionTime) existing.lastTransitionTime = now;
      existing.status = c.status;
      existing.reason = c.reason;
      existing.message = c.message;
    }
  };
  set(
    conflict === undefined
      ? { type: "NamesAccepted", status: "True", reason: "NoConflicts", message: "no conflicts found" }
      : { type: "NamesAccepted", status: "False", ...conflict },
  );
  const established = conditions.find((c) => c.type === "Established");
  if (established?.status !== "True")
    set(
      conflict === undefined
        ? {
            type: "Established",
            status: "True",
            reason: "InitialNamesAccepted",
            message: "the initial names have been accepted",
          }
        : {
            type: "Established",
            status: "False",
            reason: "NotAccepted",
            message: "not all names are accepted",
          },
    );
  return { ...status, acceptedNames: sortedNames(next), conditions: conditions.map(sortedCondition) };
}

/** The accepted names with empty ones left out (omitempty), keys as encoding/json writes them, sorted. */
function sortedNames(n: Names): Obj {
  const out: Obj = {};
  if (n.categories) out.categories = n.categories;
  out.kind = n.kind;
  if (n.listKind) out.listKind = n.listKind;
  out.plural = n.plural;
  if (n.shortNames) out.shortNames = n.shortNames;
  if (n.singular) out.singular = n.singular;
  return out;
}

const sortedCondition = (c: Condition): Obj => ({
  lastTransitionTime: c.lastTransitionTime,
  message: c.message,
  reason: c.reason,
  status: c.status,
  type: c.type,
});
