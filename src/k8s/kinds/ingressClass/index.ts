/**
 * networking.k8s.io/v1 IngressClass (cluster-scoped), stored as written: `kubectl get
 * ingressclass` prints printIngressClass's columns, `describe` is describeIngressClassV1.
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { eventsFor } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { DescribeContext } from "../descriptor.ts";
import { obj, str } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";

/**
 * describeIngressClassV1: controller, then the parameters reference (APIGroup only when set),
 * then the Events.
 */
export function describeIngressClass(ic: KubeObject, ctx: DescribeContext): string {
  const spec = obj((ic as unknown as Record<string, unknown>).spec);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ic.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ic.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ic.metadata.annotations);
  w.write(0, `Controller:\t${str(spec.controller)}\n`);
  if (spec.parameters !== undefined && spec.parameters !== null) {
    const p = obj(spec.parameters);
    w.write(0, "Parameters:\n");
    if (p.apiGroup !== undefined) w.write(1, `APIGroup:\t${str(p.apiGroup)}\n`);
    w.write(1, `Kind:\t${str(p.kind)}\n`);
    w.write(1, `Name:\t${str(p.name)}\n`);
  }
  eventsFor(w, ic, ctx);
  return w.toString();
}

export const IngressClassKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "IngressClass",
    group: "networking.k8s.io",
    versions: ["v1"],
    namespaced: false,
    plural: "ingressclasses",
    // printIngressClass: PARAMETERS is Kind[.apiGroup]/name, <none> without parameters.
    table: nameAgeTable(["CONTROLLER", "PARAMETERS"], (o) => {
      const spec = obj(o.spec);
      if (spec.parameters === undefined || spec.parameters === null) return [str(spec.controller), "<none>"];
      const p = obj(spec.parameters);
      const kind = p.apiGroup === undefined ? str(p.kind) : `${str(p.kind)}.${str(p.apiGroup)}`;
      return [str(spec.controller), `${kind}/${str(p.name)}`];
    }),
  }),
  describe: describeIngressClass,
};
