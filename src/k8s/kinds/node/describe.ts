/**
 * `kubectl describe node` (k8s.io/kubectl/pkg/describe/describe.go describeNode and
 * describeNodeResource): roles, labels, taints, Unschedulable, the kubelet's Lease, the
 * conditions, addresses, Capacity and Allocatable, System Info, the non-terminated pods with
 * their requests and limits as percentages of allocatable, the Allocated resources totals, and
 * the events.
 */
import { age } from "../../printing/table.ts";
import { eventsFor } from "../../printing/describe.ts";
import {
  PrefixWriter,
  printAnnotationsMultiline,
  printLabelsMultiline,
  rfc1123z,
  type Writer,
} from "../../printing/describeWriter.ts";
import { quantityText } from "../../printing/quantityText.ts";
import { cpuText, firstFormat, memoryText, podLimits, podRequests, resourcesOf } from "../../podResources.ts";
import type { Node, Pod, Taint } from "../../types.ts";
import type { DescribeContext } from "../descriptor.ts";
import { lastTick, NODE_LEASE_RENEW_INTERVAL, NODE_STATUS_REPORT_FREQUENCY } from "./conditions.ts";
import { findNodeRoles } from "./table.ts";

/** Taint.ToString(): `key=value:Effect`, or `key:Effect` without a value. */
export const taintText = (t: Taint): string =>
  t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`;

/** printNodeTaintsMultiline: sorted by "effect,key", one per line. */
function printTaints(w: Writer, taints: readonly Taint[] | undefined): void {
  w.write(0, "Taints:\t");
  if (!taints?.length) {
    w.write(0, "<none>\n");
    return;
  }
  const key = (t: Taint) => `${t.effect},${t.key}`;
  [...taints]
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .forEach((t, i) => {
      if (i) w.write(0, "\t");
      w.write(0, `${taintText(t)}\n`);
    });
}

/** SortableResourceNames: resource names in string order, each with its Quantity.String(). */
function printResourceList(w: Writer, list: Record<string, string>): void {
  for (const name of Object.keys(list).sort()) w.write(0, `  ${name}:\t${quantityText(list[name])}\n`);
}

/** int64(float64(x) / float64(total) * 100): a percentage truncated toward zero, 0 over a zero total. */
const percent = (x: number, total: number): number => (total === 0 ? 0 : Math.trunc((x / total) * 100));

/** The pods bound to the node that have not terminated (phase neither Succeeded nor Failed), in API order. */
export function nonTerminatedPods(node: Node, pods: readonly Pod[]): Pod[] {
  return pods
    .filter(
      (p) =>
        p.spec.nodeName === node.metadata.name &&
        p.status?.phase !== "Succeeded" &&
        p.status?.phase !== "Failed",
    )
    .sort((a, b) => {
      const ka = `${a.metadata.namespace ?? "default"}/${a.metadata.name}`;
      const kb = `${b.metadata.namespace ?? "default"}/${b.metadata.name}`;
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
}

function describeNodeResource(w: Writer, node: Node, pods: readonly Pod[], now: number): void {
  w.write(0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
  w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
  const alloc = resourcesOf(
    Object.keys(node.status?.allocatable ?? {}).length ? node.status.allocatable : node.status?.capacity,
  );
  const memFormat = (p: Pod, part: "requests" | "limits") =>
    firstFormat(p.spec.containers.map((c) => c.resources?.[part]?.memory));
  for (const p of pods) {
    const req = podRequests(p);
    const lim = podLimits(p);
    w.write(
      1,
      `${p.metadata.namespace ?? "default"}\t${p.metadata.name}\t\t` +
        `${cpuText(req.cpu)} (${percent(req.cpu, alloc.cpu)}%)\t` +
        `${cpuText(lim.cpu)} (${percent(lim.cpu, alloc.cpu)}%)\t` +
        `${memoryText(req.memory, memFormat(p, "requests"))} (${percent(req.memory, alloc.memory)}%)\t` +
        `${memoryText(lim.memory, memFormat(p, "limits"))} (${percent(lim.memory, alloc.memory)}%)\t` +
        `${age(now, p.metadata.creationTimestamp)}\n`,
    );
  }
  w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
  w.write(1, "Resource\tRequests\tLimits\n");
  w.write(1, "--------\t--------\t------\n");
  const total = (part: "requests" | "limits") => {
    const sum = { cpu: 0, memory: 0 };
    for (const p of pods) {
      const r = part === "requests" ? podRequests(p) : podLimits(p);
      sum.cpu += r.cpu;
      sum.memory += r.memory;
    }
    const format = firstFormat(
      pods.flatMap((p) => p.spec.containers.map((c) => c.resources?.[part]?.memory)),
    );
    return { ...sum, format };
  };
  const reqs = total("requests");
  const lims = total("limits");
  w.write(
    1,
    `cpu\t${cpuText(reqs.cpu)} (${percent(reqs.cpu, alloc.cpu)}%)\t${cpuText(lims.cpu)} (${percent(lims.cpu, alloc.cpu)}%)\n`,
  );
  w.write(
    1,
    `memory\t${memoryText(reqs.memory, reqs.format)} (${percent(reqs.memory, alloc.memory)}%)\t` +
      `${memoryText(lims.memory, lims.format)} (${percent(lims.memory, alloc.memory)}%)\n`,
  );
  w.write(1, "ephemeral-storage\t0 (0%)\t0 (0%)\n");
}

export function describeNode(node: Node, ctx: DescribeContext): string {
  const w = new PrefixWriter();
  const created = node.metadata.creationTimestamp ?? 0;
  w.write(0, `Name:\t${node.metadata.name}\n`);
  const roles = findNodeRoles(node);
  w.write(0, `Roles:\t${roles.length ? roles.join(",") : "<none>"}\n`);
  printLabelsMultiline(w, "Labels", node.metadata.labels);
  printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
  w.write(0, `CreationTimestamp:\t${rfc1123z(created)}\n`);
  printTaints(w, node.spec?.taints);
  w.write(0, `Unschedulable:\t${node.spec?.unschedulable === true}\n`);
  w.write(0, "Lease:\n");
  w.write(1, `HolderIdentity:\t${node.metadata.name}\n`);
  w.write(1, "AcquireTime:\t<unset>\n");
  w.write(1, `RenewTime:\t${rfc1123z(lastTick(created, ctx.now, NODE_LEASE_RENEW_INTERVAL))}\n`);
  const conditions = node.status?.conditions ?? [];
  if (conditions.length) {
    w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
    w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
    for (const c of conditions) {
      const heartbeat = Math.max(
        c.lastHeartbeatTime ?? created,
        lastTick(c.lastHeartbeatTime ?? created, ctx.now, NODE_STATUS_REPORT_FREQUENCY),
      );
      w.write(
        1,
        `${c.type} \t${c.status} \t${rfc1123z(heartbeat)} \t${rfc1123z(c.lastTransitionTime ?? created)} \t${c.reason ?? ""} \t${c.message ?? ""}\n`,
      );
    }
  }
  w.write(0, "Addresses:\n");
  for (const a of node.status?.addresses ?? []) w.write(1, `${a.type}:\t${a.address}\n`);
  if (Object.keys(node.status?.capacity ?? {}).length) {
    w.write(0, "Capacity:\n");
    printResourceList(w, node.status.capacity ?? {});
  }
  if (Object.keys(node.status?.allocatable ?? {}).length) {
    w.write(0, "Allocatable:\n");
    printResourceList(w, node.status.allocatable ?? {});
  }
  const info = node.status?.nodeInfo ?? {};
  w.write(0, "System Info:\n");
  w.write(0, `  Machine ID:\t${info.machineID ?? ""}\n`);
  w.write(0, `  System UUID:\t${info.systemUUID ?? ""}\n`);
  w.write(0, `  Boot ID:\t${info.bootID ?? ""}\n`);
  w.write(0, `  Kernel Version:\t${info.kernelVersion ?? ""}\n`);
  w.write(0, `  OS Image:\t${info.osImage ?? ""}\n`);
  w.write(0, `  Operating System:\t${info.operatingSystem ?? ""}\n`);
  w.write(0, `  Architecture:\t${info.architecture ?? ""}\n`);
  w.write(0, `  Container Runtime Version:\t${info.containerRuntimeVersion ?? ""}\n`);
  w.write(0, `  Kubelet Version:\t${info.kubeletVersion ?? ""}\n`);
  w.write(0, `  Kube-Proxy Version:\t${info.kubeProxyVersion ?? ""}\n`);
  if (node.spec?.podCIDR) w.write(0, `PodCIDR:\t${node.spec.podCIDR}\n`);
  if (node.spec?.podCIDRs?.length) w.write(0, `PodCIDRs:\t${node.spec.podCIDRs.join(",")}\n`);
  if (node.spec?.providerID) w.write(0, `ProviderID:\t${node.spec.providerID}\n`);
  describeNodeResource(w, node, nonTerminatedPods(node, ctx.objects.listAll("Pod")), ctx.now);
  eventsFor(w, node, ctx);
  return w.toString();
}
