/**
 * `kubectl describe networkpolicy` (k8s.io/kubectl/pkg/describe/describe.go
 * describeNetworkPolicy, describeNetworkPolicySpec, printNetworkPolicySpecIngressFrom and
 * printNetworkPolicySpecEgressTo): the creation time, labels, annotations, then the spec — the
 * pod selector, the ingress and egress rules (ports and peers) for the policy types it has,
 * "Not affecting …" for the others. The policy types are the ones the API server defaults
 * (SetDefaults_NetworkPolicy: Ingress always, Egress when there are egress rules) when the
 * manifest names none. A network policy has no Events section.
 */
import { selectorToString } from "../../labels.ts";
import { namespaceOf } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  type Writer,
} from "../../printing/describeWriter.ts";
import { EPOCH_MS } from "../../time.ts";
import type { KubeObject, LabelSelector } from "../../types.ts";
import { list, obj, str, strings, type Obj } from "../stored/fields.ts";

const pad2 = (n: number) => String(n).padStart(2, "0");

/** time.Time.String() in UTC: "2024-01-01 00:00:00 +0000 UTC" (API times have whole seconds). */
export function goTimeString(t: number): string {
  const d = new Date(EPOCH_MS + Math.floor(t) * 1000);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000 UTC`;
}

const selector = (v: unknown): string => selectorToString(obj(v) as LabelSelector);

/** A rule's ports: `To Port: 80/TCP`, `To Port Range: 8000-9000/TCP`; any port when it has none. */
function printPorts(w: Writer, ports: Obj[], indent: string): void {
  if (!ports.length) {
    w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    return;
  }
  for (const p of ports) {
    const proto = p.protocol === undefined ? "TCP" : str(p.protocol);
    // fmt's %s of a nil *IntOrString is "<nil>".
    const port = p.port === undefined || p.port === null ? "<nil>" : str(p.port);
    if (p.endPort === undefined) w.write(0, `${indent}To Port: ${port}/${proto}\n`);
    else w.write(0, `${indent}To Port Range: ${port}-${str(p.endPort)}/${proto}\n`);
  }
}

/** A rule's peers, each under "From:" or "To:": pod and namespace selectors, or an IP block. */
function printPeers(w: Writer, peers: Obj[], word: "From" | "To", indent: string): void {
  if (!peers.length) {
    const what = word === "From" ? "source" : "destination";
    w.write(0, `${indent}${word}: <any> (traffic not restricted by ${what})\n`);
    return;
  }
  for (const p of peers) {
    w.write(0, `${indent}${word}:\n`);
    if (p.podSelector !== undefined && p.namespaceSelector !== undefined) {
      w.write(1, `${indent}NamespaceSelector: ${selector(p.namespaceSelector)}\n`);
      w.write(1, `${indent}PodSelector: ${selector(p.podSelector)}\n`);
    } else if (p.podSelector !== undefined) w.write(1, `${indent}PodSelector: ${selector(p.podSelector)}\n`);
    else if (p.namespaceSelector !== undefined)
      w.write(1, `${indent}NamespaceSelector: ${selector(p.namespaceSelector)}\n`);
    else if (p.ipBlock !== undefined) {
      const b = obj(p.ipBlock);
      w.write(1, `${indent}IPBlock:\n`);
      w.write(2, `${indent}CIDR: ${str(b.cidr)}\n`);
      w.write(2, `${indent}Except: ${strings(b.except).join(", ")}\n`);
    }
  }
}

function printRules(w: Writer, rules: Obj[], direction: "ingress" | "egress", indent: string): void {
  if (!rules.length) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${direction} connectivity)\n`);
    return;
  }
  rules.forEach((r, i) => {
    printPorts(w, list(r.ports).map(obj), indent);
    if (direction === "ingress") printPeers(w, list(r.from).map(obj), "From", indent);
    else printPeers(w, list(r.to).map(obj), "To", indent);
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KubeObject): string {
  const spec = obj((np as unknown as Obj).spec);
  const ingress = list(spec.ingress).map(obj);
  const egress = list(spec.egress).map(obj);
  const types = strings(spec.policyTypes).length
    ? strings(spec.policyTypes)
    : ["Ingress", ...(egress.length ? ["Egress"] : [])];
  const w = new PrefixWriter();
  w.write(0, `Name:\t${np.metadata.name}\n`);
  w.write(0, `Namespace:\t${namespaceOf(np)}\n`);
  w.write(0, `Created on:\t${goTimeString(np.metadata.creationTimestamp ?? 0)}\n`);
  printLabelsMultiline(w, "Labels", np.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", np.metadata.annotations);
  w.write(0, "Spec:\n");
  w.write(1, "PodSelector: ");
  const pod = obj(spec.podSelector);
  if (Object.keys(obj(pod.matchLabels)).length === 0 && list(pod.matchExpressions).length === 0)
    w.write(2, "<none> (Allowing the specific traffic to all pods in this namespace)\n");
  else w.write(2, `${selector(pod)}\n`);
  if (types.includes("Ingress")) {
    w.write(1, "Allowing ingress traffic:\n");
    printRules(w, ingress, "ingress", "    ");
  } else w.write(1, "Not affecting ingress traffic\n");
  if (types.includes("Egress")) {
    w.write(1, "Allowing egress traffic:\n");
    printRules(w, egress, "egress", "    ");
  } else w.write(1, "Not affecting egress traffic\n");
  w.write(1, `Policy Types: ${types.join(", ")}\n`);
  return w.toString();
}
