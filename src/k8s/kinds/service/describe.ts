/** `kubectl describe service` (describe.go describeService, kubectl 1.22). */
import { labelsMatch, selectorFromSet } from "../../labels.ts";
import type { Pod, Service } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import { eventsFor, namespaceOf } from "../../printing/describe.ts";

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  nodePort?: number;
  protocol?: string;
}

/**
 * formatEndpoints: "ip:port" of the ready pods the selector picks, at most three, then
 * " + N more..."; "<none>" when there are none.
 */
export function endpointsLine(svc: Service, port: ServicePort, pods: readonly Pod[]): string {
  const sel = svc.spec.selector;
  if (!sel || !Object.keys(sel).length) return "<none>";
  const ready = pods.filter(
    (p) =>
      p.metadata.deletionTimestamp === undefined &&
      p.status?.podIP &&
      labelsMatch(selectorFromSet(sel), p.metadata.labels) &&
      p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"),
  );
  const target = port.targetPort ?? port.port;
  const list = ready.map((p) => `${p.status.podIP}:${typeof target === "number" ? target : port.port}`);
  if (!list.length) return "<none>";
  return list.length > 3 ? `${list.slice(0, 3).join(",")} + ${list.length - 3} more...` : list.join(",");
}

/** describeService (kubectl 1.22). */
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
  const clusterIP = (svc.spec.clusterIP as string | undefined) ?? "";
  w.write(0, `IP:\t${clusterIP}\n`);
  if (clusterIP) w.write(0, `IPs:\t${clusterIP}\n`);
  for (const p of (svc.spec.ports ?? []) as ServicePort[]) {
    const name = p.name || "<unset>";
    const proto = p.protocol ?? "TCP";
    w.write(0, `Port:\t${name}\t${p.port}/${proto}\n`);
    w.write(0, `TargetPort:\t${p.targetPort ?? p.port}/${proto}\n`);
    if (p.nodePort) w.write(0, `NodePort:\t${name}\t${p.nodePort}/${proto}\n`);
    w.write(
      0,
      `Endpoints:\t${endpointsLine(svc, p, ctx.objects.list("Pod", svc.metadata.namespace ?? ""))}\n`,
    );
  }
  w.write(0, `Session Affinity:\t${(svc.spec.sessionAffinity as string | undefined) ?? "None"}\n`);
  const etp = svc.spec.externalTrafficPolicy as string | undefined;
  if (etp || svc.spec.type === "NodePort" || svc.spec.type === "LoadBalancer")
    w.write(0, `External Traffic Policy:\t${etp ?? "Cluster"}\n`);
  eventsFor(w, svc, ctx);
  return w.toString();
}
