/**
 * policy/v1 PodDisruptionBudget (pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec):
 * minAvailable or maxUnavailable — one, not both — each an int ≥ 0 or a percentage of at most
 * 100%; a label selector. The disruption controller (engine/controllers/disruption) keeps its
 * status; the eviction API (engine/eviction.ts) spends it. `kubectl get pdb` and `describe pdb`
 * print it as kubectl does.
 */
import { deepClone } from "../../clone.ts";
import { invalid, type FieldError } from "../../fieldErrors.ts";
import { getIntOrPercentValueSafely, isIntOrStringError } from "../../intstr.ts";
import { selectorToString } from "../../labels.ts";
import { age } from "../../printing/table.ts";
import { eventsFor, namespaceOf } from "../../printing/describe.ts";
import { PrefixWriter } from "../../printing/describeWriter.ts";
import type { IntOrString, PodDisruptionBudget } from "../../types.ts";
import { validateLabelSelector } from "../../validateSelector.ts";
import { isDNS1123Subdomain, validateObjectMeta } from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { isObj, type Obj } from "../../jsonObject.ts";

/** ValidatePositiveIntOrPercent and IsNotMoreThan100Percent. */
function validateIntOrPercent(v: unknown, field: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v !== "number" && typeof v !== "string")
    return [invalid(field, v, "must be an integer or percentage (e.g '5%')")];
  if (typeof v === "string" && !v.endsWith("%"))
    return [
      invalid(
        field,
        v,
        "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ),
    ];
  const parsed = getIntOrPercentValueSafely(v);
  if (isIntOrStringError(parsed)) return [invalid(field, v, parsed.message)];
  if (parsed.value < 0) return [invalid(field, v, "must be greater than or equal to 0")];
  if (parsed.isPercent && parsed.value > 100) return [invalid(field, v, "must not be greater than 100%")];
  return [];
}

/** IntOrString.String(): an int as digits, a string as itself. */
export const intOrStringText = (v: IntOrString): string => String(v);

export function describePdb(pdb: PodDisruptionBudget, ctx: Parameters<typeof eventsFor>[2]): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${pdb.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(pdb)}\n`);
  if (pdb.spec.minAvailable !== undefined)
    w.write(0, `Min available:\t${intOrStringText(pdb.spec.minAvailable)}\n`);
  else if (pdb.spec.maxUnavailable !== undefined)
    w.write(0, `Max unavailable:\t${intOrStringText(pdb.spec.maxUnavailable)}\n`);
  w.write(0, `Selector:\t${pdb.spec.selector ? selectorToString(pdb.spec.selector) : "<unset>"}\n`);
  w.write(0, "Status:\n");
  w.write(2, `Allowed disruptions:\t${pdb.status?.disruptionsAllowed ?? 0}\n`);
  w.write(2, `Current:\t${pdb.status?.currentHealthy ?? 0}\n`);
  w.write(2, `Desired:\t${pdb.status?.desiredHealthy ?? 0}\n`);
  w.write(2, `Total:\t${pdb.status?.expectedPods ?? 0}\n`);
  eventsFor(w, pdb, ctx);
  return w.toString();
}

export const PodDisruptionBudgetKind: KindDescriptor<PodDisruptionBudget> = {
  kind: "PodDisruptionBudget",
  group: "policy",
  versions: ["v1"],
  namespaced: true,
  plural: "poddisruptionbudgets",
  singular: "poddisruptionbudget",
  shortNames: ["pdb"],
  categories: [],
  prose: "a PodDisruptionBudget",
  simulated: true,
  strategy: {
    tracksGeneration: true,
    initialStatus: () => ({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
    admit(raw) {
      const object = deepClone(raw);
      const meta: Obj = isObj(object.metadata) ? { ...object.metadata } : {};
      meta.namespace = meta.namespace ?? "default";
      object.metadata = meta;
      const spec: Obj = isObj(object.spec) ? object.spec : {};
      object.spec = spec;
      if (!isObj(object.status))
        object.status = { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 };
      const errors = [
        ...validateObjectMeta(object.metadata, isDNS1123Subdomain),
        ...validateIntOrPercent(spec.minAvailable, "spec.minAvailable"),
        ...validateIntOrPercent(spec.maxUnavailable, "spec.maxUnavailable"),
        ...(spec.selector === undefined ? [] : validateLabelSelector(spec.selector, "spec.selector")),
      ];
      if (spec.minAvailable !== undefined && spec.maxUnavailable !== undefined)
        errors.push(invalid("spec", spec, "minAvailable and maxUnavailable cannot be both set"));
      return { object, errors };
    },
  },
  // printPodDisruptionBudget: N/A for the bound the budget does not set.
  table: {
    header: ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"],
    wide: [],
    cells: (pdb, { now }) => [
      pdb.metadata.name,
      pdb.spec.minAvailable === undefined ? "N/A" : intOrStringText(pdb.spec.minAvailable),
      pdb.spec.maxUnavailable === undefined ? "N/A" : intOrStringText(pdb.spec.maxUnavailable),
      String(pdb.status?.disruptionsAllowed ?? 0),
      age(now, pdb.metadata.creationTimestamp),
    ],
  },
  describe: describePdb,
};
