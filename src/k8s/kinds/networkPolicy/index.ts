/**
 * networking.k8s.io/v1 NetworkPolicy, stored as written (no network is simulated): `kubectl get
 * netpol` prints printNetworkPolicy's POD-SELECTOR, `describe` is describeNetworkPolicy.
 */
import { selectorToString } from "../../labels.ts";
import type { KubeObject, LabelSelector } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { obj } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { describeNetworkPolicy } from "./describe.ts";

export const NetworkPolicyKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "NetworkPolicy",
    group: "networking.k8s.io",
    versions: ["v1"],
    namespaced: true,
    plural: "networkpolicies",
    shortNames: ["netpol"],
    tracksGeneration: true,
    table: nameAgeTable(["POD-SELECTOR"], (o) => [
      selectorToString(obj(obj(o.spec).podSelector) as LabelSelector),
    ]),
  }),
  describe: describeNetworkPolicy,
};
