/**
 * Kinds Replicast stores but does not simulate (a ServiceAccount, a Role, an Ingress, a
 * CustomResourceDefinition's objects): the API server keeps them as written — metadata
 * defaulted and validated, nothing else — and kubectl lists them. No controller acts on them
 * and the trace does not summarise them; the report notes them once ("stored, not
 * simulated").
 */
import { defaultMeta } from "../../defaults.ts";
import { age } from "../../printing/table.ts";
import { toRFC3339 } from "../../time.ts";
import type { KubeObject } from "../../types.ts";
import { isDNS1123Subdomain, validateObjectMeta, type NameValidator } from "../../validateMeta.ts";
import type { KindDescriptor, TablePrinter } from "../descriptor.ts";

/** What defines a stored kind: its names, scope and (optionally) kubectl's table for it. */
export interface StoredKindSpec {
  kind: string;
  group: string;
  /** Served versions, the stored one first. */
  versions: readonly string[];
  namespaced: boolean;
  plural: string;
  shortNames?: readonly string[];
  categories?: readonly string[];
  /** metadata.generation is tracked (kinds with a spec the API server versions). */
  tracksGeneration?: boolean;
  /** The name rule (default: DNS-1123 subdomain; RBAC kinds take path-segment names). */
  nameRule?: NameValidator;
  /** printers.go's columns for it; NAME and AGE when absent (a CRD without printer columns). */
  table?: TablePrinter<KubeObject>;
}

/**
 * ValidatePathSegmentName (RBAC objects: "system:controller:deployment-controller" is a
 * valid ClusterRole name): not "." or "..", and no "/" or "%".
 */
export function isPathSegmentName(name: string): string[] {
  if (name === "." || name === "..") return [`may not be '${name}'`];
  for (const c of ["/", "%"]) if (name.includes(c)) return [`may not contain '${c}'`];
  return [];
}

/** A cell that reads a field path, `<none>` when absent (kubectl's table convention). */
export const fieldCell = (value: unknown): string =>
  value === undefined || value === null || value === "" ? "<none>" : String(value);

/** NAME … AGE: the name, the kind's own cells, the age (most printers.go tables). */
export function nameAgeTable(
  header: readonly string[],
  cells: (o: Record<string, unknown>) => string[],
): TablePrinter<KubeObject> {
  return {
    header: ["NAME", ...header, "AGE"],
    wide: [],
    cells: (o, { now }) => [
      o.metadata.name,
      ...cells(o as unknown as Record<string, unknown>),
      age(now, o.metadata.creationTimestamp),
    ],
  };
}

/** NAME, CREATED AT (printRole, printClusterRole, the CRD table): the creation time in RFC 3339. */
export const createdAtTable: TablePrinter<KubeObject> = {
  header: ["NAME", "CREATED AT"],
  wide: [],
  cells: (o) => [o.metadata.name, toRFC3339(o.metadata.creationTimestamp ?? 0)],
};

export function storedKind(spec: StoredKindSpec): KindDescriptor<KubeObject> {
  const nameRule = spec.nameRule ?? isDNS1123Subdomain;
  return {
    kind: spec.kind,
    group: spec.group,
    versions: spec.versions,
    namespaced: spec.namespaced,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    shortNames: spec.shortNames ?? [],
    categories: spec.categories ?? [],
    prose: `${/^[AEIOU]/.test(spec.kind) ? "an" : "a"} ${spec.kind}`,
    simulated: false,
    storedOnly: true,
    strategy: {
      tracksGeneration: spec.tracksGeneration ?? false,
      admit(raw) {
        const meta = defaultMeta(raw.metadata);
        if (!spec.namespaced) delete meta.namespace;
        return { object: { ...raw, metadata: meta }, errors: validateObjectMeta(meta, nameRule) };
      },
    },
    ...(spec.table ? { table: spec.table } : {}),
  };
}
