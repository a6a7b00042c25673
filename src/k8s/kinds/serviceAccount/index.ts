/**
 * v1 ServiceAccount, stored as written: `kubectl get sa` counts its secrets (printers.go
 * printServiceAccount, through kubectl 1.34), `kubectl describe sa` is describeServiceAccount.
 * Pods name one (the ServiceAccount admission plug-in: admission.ts), and every namespace has
 * `default` (engine/controllers/namespace/defaults.ts).
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { list } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { describeServiceAccount } from "./describe.ts";

export const ServiceAccountKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "ServiceAccount",
    group: "",
    versions: ["v1"],
    namespaced: true,
    plural: "serviceaccounts",
    shortNames: ["sa"],
    table: nameAgeTable(["SECRETS"], (o) => [String(list(o.secrets).length)]),
  }),
  describe: describeServiceAccount,
  // Read by the ServiceAccount admission plug-in and kept by the serviceaccounts controller:
  // not a kind the report lists as "stored, not simulated".
  storedOnly: false,
};
