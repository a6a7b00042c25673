/**
 * `kubectl describe ingress` (k8s.io/kubectl/pkg/describe/describe.go IngressDescriber,
 * describeIngressV1, describeBackendV1, describeIngressTLSV1): labels, namespace, address, class
 * (`<none>`), default backend (`<default>`), TLS, the rules — host (`*` without one), each
 * path and its backend — then the annotations and the Events. A service backend reads
 * `svc:port (endpoints)`: the ready addresses of the Service's Endpoints object for that port,
 * as `describe service` lists them, or `(<error: services "svc" not found>)` (or `endpoints`,
 * for a Service without Endpoints).
 */
import { eventsFor, namespaceOf } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
} from "../../printing/describeWriter.ts";
import type { KubeObject, Service } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import { formatEndpoints } from "../endpoints/index.ts";
import type { ServicePort } from "../service/describe.ts";
import { list, obj, str, strings, type Obj } from "../stored/fields.ts";

/** ingressLoadBalancerStatusStringerV1: the IPs (or hostnames), deduplicated and sorted, joined by ",". */
export function loadBalancerText(lb: unknown): string {
  const set = new Set<string>();
  for (const i of list(obj(lb).ingress).map(obj)) {
    if (str(i.ip) !== "") set.add(str(i.ip));
    else if (str(i.hostname) !== "") set.add(str(i.hostname));
  }
  return [...set].sort().join(",");
}

/** serviceBackendStringer: `name:port`, the port by number or by name. */
const serviceBackend = (svc: Obj): string => {
  const port = obj(svc.port);
  return `${str(svc.name)}:${typeof port.number === "number" && port.number !== 0 ? port.number : str(port.name)}`;
};

function describeBackend(backend: Obj, ns: string, ctx: DescribeContext): string {
  if (backend.service !== undefined) {
    const ref = obj(backend.service);
    const sb = serviceBackend(ref);
    const svc = ctx.objects.get("Service", ns, str(ref.name)) as Service | undefined;
    if (!svc) return `${sb} (<error: services "${str(ref.name)}" not found>)`;
    const endpoints = ctx.objects.get("Endpoints", ns, str(ref.name));
    if (!endpoints) return `${sb} (<error: endpoints "${str(ref.name)}" not found>)`;
    // The port's name ("" when none matches, which then picks the unnamed ports).
    const want = obj(ref.port);
    const port = ((svc.spec.ports ?? []) as ServicePort[]).find((p) =>
      typeof want.number === "number" && want.number !== 0
        ? p.port === want.number
        : p.name === str(want.name),
    );
    return `${sb} (${formatEndpoints(endpoints as unknown as Obj, new Set([port?.name ?? ""]))})`;
  }
  if (backend.resource !== undefined) {
    const r = obj(backend.resource);
    const group = r.apiGroup === undefined ? "<none>" : str(r.apiGroup);
    return `APIGroup: ${group}, Kind: ${str(r.kind)}, Name: ${str(r.name)}`;
  }
  return "";
}

export function describeIngress(ing: KubeObject, ctx: DescribeContext): string {
  const raw = ing as unknown as Obj;
  const spec = obj(raw.spec);
  const ns = namespaceOf(ing);
  const w = new PrefixWriter();
  w.write(0, `Name:\t${ing.metadata.name}\n`);
  printLabelsMultiline(w, "Labels", ing.metadata.labels);
  w.write(0, `Namespace:\t${ns}\n`);
  w.write(0, `Address:\t${loadBalancerText(obj(raw.status).loadBalancer)}\n`);
  w.write(
    0,
    `Ingress Class:\t${spec.ingressClassName === undefined ? "<none>" : str(spec.ingressClassName)}\n`,
  );
  const def =
    spec.defaultBackend === undefined ? "<default>" : describeBackend(obj(spec.defaultBackend), ns, ctx);
  w.write(0, `Default backend:\t${def}\n`);
  const tls = list(spec.tls).map(obj);
  if (tls.length) {
    w.write(0, "TLS:\n");
    for (const t of tls) {
      const hosts = strings(t.hosts).join(",");
      if (str(t.secretName) === "") w.write(1, `SNI routes ${hosts}\n`);
      else w.write(1, `${str(t.secretName)} terminates ${hosts}\n`);
    }
  }
  w.write(0, "Rules:\n  Host\tPath\tBackends\n");
  w.write(1, "----\t----\t--------\n");
  let count = 0;
  for (const rule of list(spec.rules).map(obj)) {
    if (rule.http === undefined || rule.http === null) continue;
    count++;
    w.write(1, `${str(rule.host) || "*"}\t\n`);
    for (const p of list(obj(rule.http).paths).map(obj))
      w.write(2, `\t${str(p.path)} \t${describeBackend(obj(p.backend), ns, ctx)}\n`);
  }
  if (count === 0) w.write(1, `*\t*\t${def}\n`);
  printAnnotationsMultiline(w, "Annotations", ing.metadata.annotations);
  eventsFor(w, ing, ctx);
  return w.toString();
}
