/** `kubectl describe service` (describe.go describeService). */
import type { Service } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import { eventsFor, namespaceOf } from "../../printing/describe.ts";
import { formatEndpoints } from "../endpoints/index.ts";
import type { Obj } from "../stored/fields.ts";

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
  appProtocol?: string;
}

/**
 * describeService: the address lines as the API server filled them in (the IP family policy
 * and families, the ClusterIP and clusterIPs, `<none>` for what a Service has none of: an
 * ExternalName one); each port's Endpoints line is formatEndpoints over the Service's
 * Endpoints object (the addresses of the endpoints controller's subsets, in its IP order, of
 * that port's name), no Endpoints object reading "<none>"; the traffic policies the Service
 * has, Internal Traffic Policy from kubectl 1.31 (kubernetes PR #125117).
 */
export function describeService(svc: Service, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  w.write(0, `Name:\t${svc.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(svc)}\n`);
  printLabelsMultiline(w, "Labels", svc.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", svc.metadata.annotations);
  const sel = svc.spec.selector ?? {};
  const selText = Object.keys(sel)
    .sort()
    .map((k) => `${k}=${sel[k]}`)
    .join(",");
  w.write(0, `Selector:\t${selText || "<none>"}\n`);
  w.write(0, `Type:\t${svc.spec.type ?? "ClusterIP"}\n`);
  const policy = svc.spec.ipFamilyPolicy as string | undefined;
  if (policy) w.write(0, `IP Family Policy:\t${policy}\n`);
  const families = (svc.spec.ipFamilies as string[] | undefined) ?? [];
  w.write(0, `IP Families:\t${families.length ? families.join(",") : "<none>"}\n`);
  const clusterIP = (svc.spec.clusterIP as string | undefined) ?? "";
  w.write(0, `IP:\t${clusterIP}\n`);
  const clusterIPs = (svc.spec.clusterIPs as string[] | undefined) ?? [];
  w.write(0, `IPs:\t${clusterIPs.length ? clusterIPs.join(",") : "<none>"}\n`);
  const externalName = svc.spec.externalName as string | undefined;
  if (externalName) w.write(0, `External Name:\t${externalName}\n`);
  // The client's Get answers an empty Endpoints when there is none.
  const endpoints = (ctx.objects.get("Endpoints", namespaceOf(svc), svc.metadata.name) ?? {}) as Obj;
  for (const p of (svc.spec.ports ?? []) as ServicePort[]) {
    const name = p.name || "<unset>";
    const proto = p.protocol ?? "TCP";
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.appProtocol) w.write(0, `AppProtocol:\t${p.appProtocol}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(0, `Endpoints:\t${formatEndpoints(endpoints, new Set([p.name ?? ""]))}\n`);
  }
  w.write(0, `Session Affinity:\t${(svc.spec.sessionAffinity as string | undefined) ?? "None"}\n`);
  const etp = svc.spec.externalTrafficPolicy as string | undefined;
  if (etp || svc.spec.type === "NodePort" || svc.spec.type === "LoadBalancer")
    w.write(0, `External Traffic Policy:\t${etp ?? "Cluster"}\n`);
  const itp = svc.spec.internalTrafficPolicy as string | undefined;
  if (itp && !ctx.withoutInternalTrafficPolicy) w.write(0, `Internal Traffic Policy:\t${itp}\n`);
  eventsFor(w, svc, ctx);
  return w.toString();
}
