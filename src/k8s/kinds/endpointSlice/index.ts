/**
 * discovery.k8s.io/v1 EndpointSlice: what the EndpointSlice controller writes for each Service
 * with a selector (src/engine/controllers/endpointslice), or what a manifest brings. `kubectl
 * get endpointslices` prints printers.go printEndpointSlice (NAME, ADDRESSTYPE, PORTS,
 * ENDPOINTS, AGE); `kubectl describe endpointslice` is describe.go describeEndpointSliceV1.
 */
import { eventsFor, namespaceOf } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject } from "../../types.ts";
import type { DescribeContext, KindDescriptor } from "../descriptor.ts";
import { list, obj, str, type Obj } from "../stored/fields.ts";
import { nameAgeTable, storedKind } from "../stored/storedKind.ts";

/** listWithMoreString: the first three, then " + N more..."; "<unset>" for none. */
function listWithMore(items: readonly string[]): string {
  const max = 3;
  const text = items.slice(0, max).join(",");
  if (items.length > max) return `${text} + ${items.length - max} more...`;
  return text || "<unset>";
}

/** formatDiscoveryPorts: each port's number (its name without one, "*" without either). */
export function formatDiscoveryPorts(ports: unknown): string {
  return listWithMore(
    list(ports).map((v) => {
      const p = obj(v);
      return typeof p.port === "number" ? String(p.port) : typeof p.name === "string" ? p.name : "*";
    }),
  );
}

/** formatDiscoveryEndpoints: every endpoint's addresses, in order. */
export function formatDiscoveryEndpoints(endpoints: unknown): string {
  return listWithMore(list(endpoints).flatMap((e) => list(obj(e).addresses).map(str)));
}

/** describeEndpointSliceV1. */
export function describeEndpointSlice(eps: KubeObject, ctx: DescribeContext): string {
  const o = eps as unknown as Obj;
  const w = new PrefixWriter();
  w.write(0, `Name:\t${eps.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(eps)}\n`);
  printLabelsMultiline(w, "Labels", eps.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", eps.metadata.annotations);
  w.write(0, `AddressType:\t${str(o.addressType)}\n`);
  const ports = list(o.ports).map(obj);
  if (!ports.length) w.write(0, "Ports: <unset>\n");
  else {
    w.write(0, "Ports:\n");
    w.write(1, "Name\tPort\tProtocol\n");
    w.write(1, "----\t----\t--------\n");
    for (const p of ports) {
      const name = typeof p.name === "string" && p.name ? p.name : "<unset>";
      const port = typeof p.port === "number" ? String(p.port) : "<unset>";
      w.write(1, `${name}\t${port}\t${str(p.protocol)}\n`);
    }
  }
  const endpoints = list(o.endpoints).map(obj);
  if (!endpoints.length) w.write(0, "Endpoints: <none>\n");
  else {
    w.write(0, "Endpoints:\n");
    for (const e of endpoints) {
      w.write(1, `- Addresses:\t${list(e.addresses).map(str).join(", ") || "<none>"}\n`);
      w.write(2, "Conditions:\n");
      const ready = obj(e.conditions).ready;
      w.write(3, `Ready:\t${typeof ready === "boolean" ? String(ready) : "<unset>"}\n`);
      w.write(2, `Hostname:\t${typeof e.hostname === "string" ? e.hostname : "<unset>"}\n`);
      if (e.targetRef !== undefined) {
        const ref = obj(e.targetRef);
        w.write(2, `TargetRef:\t${str(ref.kind)}/${str(ref.name)}\n`);
      }
      w.write(2, `NodeName:\t${typeof e.nodeName === "string" ? e.nodeName : "<unset>"}\n`);
      w.write(2, `Zone:\t${typeof e.zone === "string" ? e.zone : "<unset>"}\n`);
    }
  }
  eventsFor(w, eps, ctx);
  return w.toString();
}

const stored = storedKind({
  kind: "EndpointSlice",
  group: "discovery.k8s.io",
  versions: ["v1"],
  namespaced: true,
  plural: "endpointslices",
  table: nameAgeTable(["ADDRESSTYPE", "PORTS", "ENDPOINTS"], (o) => [
    str(o.addressType),
    formatDiscoveryPorts(o.ports),
    formatDiscoveryEndpoints(o.endpoints),
  ]),
});

export const EndpointSliceKind: KindDescriptor<KubeObject> = {
  ...stored,
  // The EndpointSlice controller keeps the slices of Services with selectors.
  simulated: true,
  storedOnly: false,
  describe: describeEndpointSlice,
};
