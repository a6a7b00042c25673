/**
 * v1 Node, cluster-scoped. Its registry strategy (pkg/registry/core/node/strategy.go) keeps
 * the status a client sends on create — the kubelet registers its node with capacity,
 * allocatable and system info already filled in — and never lets an update change it
 * (PrepareForUpdate copies the old status); ValidateNode (pkg/apis/core/validation) checks the
 * name, the taints and the resource quantities. Nodes are not in the `all` category.
 */
import { invalid, notSupported, required, type FieldError } from "../../fieldErrors.ts";
import { deepClone } from "../../clone.ts";
import { isQuantityError, parseQuantity } from "../../quantity.ts";
import type { Node } from "../../types.ts";
import {
  isDNS1123Subdomain,
  isQualifiedName,
  isValidLabelValue,
  validateObjectMeta,
} from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { describeNode } from "./describe.ts";
import { nodeSummarizer, type NodeSummary } from "./summary.ts";
import { nodeTable } from "./table.ts";
import { isObj, type Obj } from "../../jsonObject.ts";

const TAINT_EFFECTS = ["NoSchedule", "PreferNoSchedule", "NoExecute"] as const;

/** A Node has no namespace (kubectl sends none for a cluster-scoped kind); spec and status are objects. */
function defaultNode(raw: Obj): Obj {
  const n = deepClone(raw);
  const meta: Obj = isObj(n.metadata) ? { ...n.metadata } : {};
  delete meta.namespace;
  n.metadata = meta;
  n.spec = isObj(n.spec) ? n.spec : {};
  n.status = isObj(n.status) ? n.status : {};
  return n;
}

/** validateNodeTaints: a qualified key, a label value, a known effect. */
function validateTaints(taints: unknown): FieldError[] {
  if (taints === undefined || taints === null) return [];
  if (!Array.isArray(taints)) return [invalid("spec.taints", taints, "must be a list of taints")];
  const errs: FieldError[] = [];
  taints.forEach((t, i) => {
    const path = `spec.taints[${i}]`;
    if (!isObj(t)) {
      errs.push(invalid(path, t, "must be a taint"));
      return;
    }
    if (typeof t.key !== "string" || t.key === "") errs.push(required(`${path}.key`));
    else for (const msg of isQualifiedName(t.key)) errs.push(invalid(`${path}.key`, t.key, msg));
    if (typeof t.value === "string")
      for (const msg of isValidLabelValue(t.value)) errs.push(invalid(`${path}.value`, t.value, msg));
    if (t.effect === undefined || t.effect === "") errs.push(required(`${path}.effect`));
    else if (!TAINT_EFFECTS.includes(t.effect as (typeof TAINT_EFFECTS)[number]))
      errs.push(notSupported(`${path}.effect`, t.effect, TAINT_EFFECTS));
  });
  return errs;
}

/** ValidateResourceQuantityValue for status.capacity and status.allocatable: parseable, not negative. */
function validateResources(list: unknown, field: string): FieldError[] {
  if (list === undefined || list === null) return [];
  if (!isObj(list)) return [invalid(field, list, "must be a map of resource names to quantities")];
  const errs: FieldError[] = [];
  for (const [name, v] of Object.entries(list)) {
    const path = `${field}.${name}`;
    if (typeof v !== "string" && typeof v !== "number") {
      errs.push(invalid(path, v, "must be a quantity"));
      continue;
    }
    const q = parseQuantity(v);
    if (isQuantityError(q)) errs.push(invalid(path, String(v), q.message));
    else if (q.sign() < 0) errs.push(invalid(path, String(v), "must be greater than or equal to 0"));
  }
  return errs;
}

export const NodeKind: KindDescriptor<Node, NodeSummary> = {
  kind: "Node",
  group: "",
  versions: ["v1"],
  namespaced: false,
  plural: "nodes",
  singular: "node",
  shortNames: ["no"],
  categories: [],
  prose: "a Node",
  simulated: true,
  strategy: {
    tracksGeneration: false,
    admit(raw) {
      const object = defaultNode(raw);
      const spec = object.spec as Obj;
      const status = object.status as Obj;
      const errors = [
        ...validateObjectMeta(object.metadata, isDNS1123Subdomain),
        ...validateTaints(spec.taints),
        ...validateResources(status.capacity, "status.capacity"),
        ...validateResources(status.allocatable, "status.allocatable"),
      ];
      return { object, errors };
    },
  },
  language: { word: "node", words: ["node", "nodes", "no"], bare: false },
  table: nodeTable,
  describe: describeNode,
  summary: nodeSummarizer,
};
