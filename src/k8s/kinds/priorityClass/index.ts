/**
 * scheduling.k8s.io/v1 PriorityClass, cluster-scoped: a name for a pod priority. The Priority
 * admission plug-in (engine/scheduling/priority.ts) resolves a pod's priorityClassName to
 * spec.priority and spec.preemptionPolicy; kube-scheduler's preemption reads them.
 *
 * Defaulting and validation (pkg/apis/scheduling/v1 defaults.go SetDefaults_PriorityClass,
 * pkg/apis/scheduling/validation ValidatePriorityClass): preemptionPolicy defaults to
 * PreemptLowerPriority and is that or Never; a user-defined class's value is at most
 * 1000000000 (HighestUserDefinablePriority) and its name does not start with "system-".
 * `kubectl get priorityclass` (pc) prints NAME, VALUE, GLOBAL-DEFAULT, AGE, PREEMPTIONPOLICY
 * (printers.go printPriorityClass).
 */
import { deepClone } from "../../clone.ts";
import { invalid, notSupported, required, type FieldError } from "../../fieldErrors.ts";
import { age } from "../../printing/table.ts";
import type { KubeObject } from "../../types.ts";
import { isDNS1123Subdomain, validateObjectMeta } from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { describePriorityClass } from "./describe.ts";

export interface PriorityClass {
  apiVersion: "scheduling.k8s.io/v1";
  kind: "PriorityClass";
  metadata: KubeObject["metadata"];
  value: number;
  globalDefault?: boolean;
  description?: string;
  preemptionPolicy?: "PreemptLowerPriority" | "Never";
}

/** scheduling.HighestUserDefinablePriority */
export const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const POLICIES = ["PreemptLowerPriority", "Never"] as const;

/** The classes every cluster has (pkg/apis/scheduling types.go SystemPriorityClasses). */
export const SYSTEM_PRIORITY_CLASSES: Readonly<Record<string, number>> = {
  "system-node-critical": 2000001000,
  "system-cluster-critical": 2000000000,
};

type Obj = Record<string, unknown>;

export const asPriorityClass = (o: KubeObject): PriorityClass => o as unknown as PriorityClass;

function validatePriorityClass(o: Obj): FieldError[] {
  const meta = o.metadata as Obj;
  const name = String(meta?.name ?? "");
  const errors = validateObjectMeta(meta, isDNS1123Subdomain);
  const system = Object.hasOwn(SYSTEM_PRIORITY_CLASSES, name);
  if (!system && name.startsWith("system-"))
    errors.push(invalid("metadata.name", name, "priority class names with 'system-' prefix are reserved"));
  if (o.value === undefined) errors.push(required("value"));
  else if (typeof o.value !== "number" || !Number.isInteger(o.value))
    errors.push(invalid("value", o.value, "must be an integer"));
  else if (!system && o.value > HIGHEST_USER_DEFINABLE_PRIORITY)
    errors.push(
      invalid(
        "value",
        o.value,
        `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`,
      ),
    );
  if (!POLICIES.includes(o.preemptionPolicy as (typeof POLICIES)[number]))
    errors.push(notSupported("preemptionPolicy", o.preemptionPolicy, POLICIES));
  return errors;
}

export const PriorityClassKind: KindDescriptor<KubeObject> = {
  kind: "PriorityClass",
  group: "scheduling.k8s.io",
  versions: ["v1"],
  namespaced: false,
  plural: "priorityclasses",
  singular: "priorityclass",
  shortNames: ["pc"],
  categories: [],
  prose: "a PriorityClass",
  simulated: true,
  strategy: {
    tracksGeneration: true,
    admit(raw) {
      const object = deepClone(raw) as unknown as Obj;
      if (object.preemptionPolicy === undefined) object.preemptionPolicy = "PreemptLowerPriority";
      return { object, errors: validatePriorityClass(object) };
    },
  },
  table: {
    header: ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"],
    wide: [],
    cells: (o, { now }) => {
      const pc = asPriorityClass(o);
      return [
        pc.metadata.name,
        String(pc.value),
        String(pc.globalDefault ?? false),
        age(now, pc.metadata.creationTimestamp),
        pc.preemptionPolicy ?? "Unknown",
      ];
    },
  },
  describe: describePriorityClass,
};
