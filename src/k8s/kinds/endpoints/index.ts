/**
 * v1 Endpoints: the endpoints controller writes one for each Service with a selector
 * (src/engine/controllers/endpoints); a Service without a selector keeps the ones a manifest
 * brings, stored as written. `kubectl get ep` prints printEndpoints' ENDPOINTS
 * (formatEndpoints), `kubectl describe ep` is describeEndpoints, and `kubectl describe
 * service` reads its Endpoints line from the Service's Endpoints object.
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

/**
 * formatEndpoints (printers.go): "ip:port" for each subset's ports and addresses (the bare IP
 * for a subset without ports), at most three, then " + N more..."; "<none>" without subsets.
 * `portNames` keeps only the ports of those names (describe service passes its port's name).
 */
export function formatEndpoints(ep: Obj, portNames?: ReadonlySet<string>): string {
  const subsets = list(ep.subsets).map(obj);
  if (!subsets.length) return "<none>";
  const shown: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = list(ss.addresses).map(obj);
    const ports = list(ss.ports).map(obj);
    if (!ports.length) {
      count += addresses.length;
      for (const a of addresses) {
        if (shown.length === 3) {
          more = true;
          break;
        }
        shown.push(str(a.ip));
      }
      continue;
    }
    for (const p of ports) {
      if (portNames && !portNames.has(str(p.name))) continue;
      count += addresses.length;
      for (const a of addresses) {
        if (shown.length === 3) {
          more = true;
          break;
        }
        // net.JoinHostPort brackets an IPv6 address.
        const ip = str(a.ip);
        shown.push(`${ip.includes(":") ? `[${ip}]` : ip}:${str(p.port)}`);
      }
    }
  }
  const text = shown.join(",");
  return more ? `${text} + ${count - 3} more...` : text;
}

/**
 * describeEndpoints (describe.go): each subset's ready and not-ready addresses (`<none>`) and
 * its ports table (a port without a name `<unset>`), a blank line after each subset, then the
 * Events.
 */
export function describeEndpoints(ep: KubeObject, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ep.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(ep)}\n`);
  printLabelsMultiline(w, "Labels", ep.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", ep.metadata.annotations);
  w.write(0, "Subsets:\n");
  for (const ss of list((ep as unknown as Obj).subsets).map(obj)) {
    const ips = (v: unknown) =>
      list(v)
        .map((a) => str(obj(a).ip))
        .join(",") || "<none>";
    w.write(1, `Addresses:\t${ips(ss.addresses)}\n`);
    w.write(1, `NotReadyAddresses:\t${ips(ss.notReadyAddresses)}\n`);
    const ports = list(ss.ports).map(obj);
    if (ports.length) {
      w.write(1, "Ports:\n");
      w.write(2, "Name\tPort\tProtocol\n");
      w.write(2, "----\t----\t--------\n");
      for (const p of ports)
        w.write(2, `${str(p.name) || "<unset>"}\t${str(p.port)}\t${str(p.protocol) || "TCP"}\n`);
    }
    w.write(0, "\n");
  }
  eventsFor(w, ep, ctx);
  return w.toString();
}

const stored = storedKind({
  kind: "Endpoints",
  group: "",
  versions: ["v1"],
  namespaced: true,
  plural: "endpoints",
  shortNames: ["ep"],
  table: nameAgeTable(["ENDPOINTS"], (o) => [formatEndpoints(o)]),
});

export const EndpointsKind: KindDescriptor<KubeObject> = {
  ...stored,
  // The endpoints controller keeps the Endpoints of Services with selectors.
  simulated: true,
  storedOnly: false,
  describe: describeEndpoints,
};
