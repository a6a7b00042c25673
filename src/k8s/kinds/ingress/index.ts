/**
 * networking.k8s.io/v1 Ingress, stored as written (no ingress controller fills in its load
 * balancer status): `kubectl get ing` prints printIngress's columns, `kubectl describe ing` is
 * describeIngressV1.
 */
import type { KubeObject } from "../../types.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { list, obj, str } from "../stored/fields.ts";
import { fieldCell, nameAgeTable, storedKind } from "../stored/storedKind.ts";
import { describeIngress, loadBalancerText } from "./describe.ts";

/** formatHosts: the first three rules' hosts (a rule without a host adds none), "*" for none. */
export function formatHosts(rules: unknown): string {
  const all = list(rules).map(obj);
  const hosts: string[] = [];
  let more = false;
  for (const r of all) {
    if (hosts.length === 3) more = true;
    if (!more && str(r.host) !== "") hosts.push(str(r.host));
  }
  if (!hosts.length) return "*";
  return more ? `${hosts.join(",")} + ${all.length - 3} more...` : hosts.join(",");
}

/** ingressLoadBalancerStatusStringer without -o wide: longer than 16 characters cut to 13 and "...". */
const LOAD_BALANCER_WIDTH = 16;

export const IngressKind: KindDescriptor<KubeObject> = {
  ...storedKind({
    kind: "Ingress",
    group: "networking.k8s.io",
    versions: ["v1"],
    namespaced: true,
    plural: "ingresses",
    shortNames: ["ing"],
    tracksGeneration: true,
    // printIngress: CLASS <none> without spec.ingressClassName; PORTS "80, 443" with TLS.
    table: nameAgeTable(["CLASS", "HOSTS", "ADDRESS", "PORTS"], (o) => {
      const spec = obj(o.spec);
      const address = loadBalancerText(obj(o.status).loadBalancer);
      return [
        fieldCell(spec.ingressClassName),
        formatHosts(spec.rules),
        address.length > LOAD_BALANCER_WIDTH ? `${address.slice(0, LOAD_BALANCER_WIDTH - 3)}...` : address,
        list(spec.tls).length ? "80, 443" : "80",
      ];
    }),
  }),
  describe: describeIngress,
};
