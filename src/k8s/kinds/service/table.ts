/** printService (pkg/printers/internalversion/printers.go): TYPE, CLUSTER-IP, EXTERNAL-IP, PORT(S). */
import { labelsToString } from "../../labels.ts";
import { age } from "../../printing/table.ts";
import type { Service } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}

/**
 * getServiceExternalIP: spec.externalIPs for ClusterIP and NodePort Services, the external name
 * of an ExternalName one, and for a LoadBalancer its ingress addresses (the simulated cluster
 * has no cloud to give it any: `<pending>`) and external IPs.
 */
function externalIP(svc: Service, type: string): string {
  const ips = (svc.spec.externalIPs as string[] | undefined) ?? [];
  switch (type) {
    case "ClusterIP":
    case "NodePort":
      return ips.length ? ips.join(",") : "<none>";
    case "LoadBalancer":
      return ips.length ? ips.join(",") : "<pending>";
    case "ExternalName":
      return (svc.spec.externalName as string | undefined) ?? "";
  }
  return "<unknown>";
}

/** PORT(S) is "80:30002/TCP" for a NodePort. */
export const serviceTable: TablePrinter<Service> = {
  header: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"],
  wide: ["SELECTOR"],
  cells(svc, { now, wide }) {
    const type = svc.spec.type ?? "ClusterIP";
    const clusterIP = (svc.spec.clusterIP as string | undefined) || "<none>";
    const external = externalIP(svc, type);
    const ports =
      ((svc.spec.ports ?? []) as ServicePort[])
        .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`)
        .join(",") || "<none>";
    const cells = [
      svc.metadata.name,
      type,
      clusterIP,
      external,
      ports,
      age(now, svc.metadata.creationTimestamp),
    ];
    if (wide) cells.push(svc.spec.selector ? labelsToString(svc.spec.selector) : "<none>");
    return cells;
  },
};
