/**
 * apps/v1 ControllerRevision: the revision history of a StatefulSet (pkg/controller/history).
 * Stored as written (its data is opaque to the API server; ValidateControllerRevision only
 * asks for a name, data, and revision ≥ 0), immutable but for metadata and revision, listed
 * by `kubectl get controllerrevisions` (printers.go printControllerRevision: NAME, CONTROLLER,
 * REVISION, AGE — CONTROLLER as "statefulset.apps/web"). Not in the `all` category.
 */
import { defaultMeta } from "../../defaults.ts";
import { invalid, required, type FieldError } from "../../fieldErrors.ts";
import { BUILTIN_FIELDS } from "../../knownFields.ts";
import { age } from "../../printing/table.ts";
import type { ControllerRevision } from "../../types.ts";
import { isDNS1123Subdomain, validateNonnegative, validateObjectMeta } from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";

/** formatResourceName: the controller's group kind in lower case, then its name. */
function controllerName(cr: ControllerRevision): string {
  const ref = cr.metadata.ownerReferences?.find((r) => r.controller);
  if (!ref) return "<none>";
  const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
  return `${ref.kind.toLowerCase()}${group ? "." + group : ""}/${ref.name}`;
}

/** ValidateControllerRevision (+ the update rule: data may not change). */
function validateControllerRevision(
  cr: Record<string, unknown>,
  old?: Record<string, unknown>,
): FieldError[] {
  const errs = validateObjectMeta(cr.metadata, isDNS1123Subdomain);
  if (cr.data === undefined || cr.data === null) errs.push(required("data", "data is mandatory"));
  errs.push(...validateNonnegative(cr.revision, "revision"));
  if (old !== undefined && JSON.stringify(cr.data) !== JSON.stringify(old.data))
    errs.push(invalid("data", "", "field is immutable"));
  return errs;
}

export const ControllerRevisionKind: KindDescriptor<ControllerRevision> = {
  kind: "ControllerRevision",
  group: "apps",
  versions: ["v1"],
  namespaced: true,
  plural: "controllerrevisions",
  singular: "controllerrevision",
  shortNames: [],
  categories: [],
  prose: "a ControllerRevision",
  simulated: true,
  fields: BUILTIN_FIELDS.controllerRevision,
  strategy: {
    tracksGeneration: false,
    admit(raw, _apiVersion, old) {
      const object = { ...raw, metadata: defaultMeta(raw.metadata) };
      return {
        object,
        errors: validateControllerRevision(object, old as unknown as Record<string, unknown> | undefined),
      };
    },
  },
  table: {
    header: ["NAME", "CONTROLLER", "REVISION", "AGE"],
    wide: [],
    cells: (cr, { now }) => [
      cr.metadata.name,
      controllerName(cr),
      String(cr.revision ?? 0),
      age(now, cr.metadata.creationTimestamp),
    ],
  },
};
