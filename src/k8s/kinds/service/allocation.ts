/**
 * What the API server allocates for a Service. ClusterIPs (pkg/registry/core/service/
 * ipallocator): a ClusterIP, NodePort or LoadBalancer Service without `spec.clusterIP` gets a
 * free address of the service CIDR, 10.96.0.0/12 (kubeadm's and kind's default; 10.96.0.1 is
 * the `kubernetes` Service's). Kubernetes picks at random; here the pick comes from an FNV-1a
 * hash of the name (probing on to the next free address): allocating draws nothing from the
 * run's seeded generator, so it moves no other seeded choice (pod names, uids). Headless
 * (`clusterIP: None`) and ExternalName Services get none. NodePorts (portallocator): each port
 * of a NodePort or LoadBalancer Service without one gets a free port of 30000–32767, picked
 * the same way. Example: a Service "web" gets the same address in every run.
 */
import { goStringSlice, invalid, type FieldError } from "../../fieldErrors.ts";
import { fnv32a, utf8 } from "../../hash.ts";
import type { Service } from "../../types.ts";

const BASE = (10 << 24) | (96 << 16);
/** A /12: 2^20 addresses, minus the network address, 10.96.0.1 and the broadcast address. */
const SIZE = 1 << 20;

const dotted = (ip: number): string => [24, 16, 8, 0].map((shift) => (ip >>> shift) & 255).join(".");

/** The service CIDR as the allocator names it in its errors. */
export const SERVICE_CIDR = "10.96.0.0/12";

/** A dotted IPv4 address as a number, or undefined for anything else. */
function parseIPv4(text: string): number | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255))
    return undefined;
  return parts.reduce((ip, p) => ip * 256 + Number(p), 0);
}

/**
 * A create that asks for a ClusterIP the allocator cannot give (pkg/registry/core/service/
 * storage/alloc.go allocIPs, ipallocator's Allocate): one already held by another Service
 * (ErrAllocated) or outside the range, which leaves out the CIDR's network and broadcast
 * addresses (ErrNotInRange). Examples:
 * `spec.clusterIPs: Invalid value: []string{"10.96.0.1"}: failed to allocate IP 10.96.0.1: provided IP is already allocated`,
 * `… failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12`.
 * Only IPv4 dotted addresses are checked (the cluster is single-stack IPv4).
 */
export function clusterIPAllocationErrors(svc: Service, inUse: ReadonlySet<string>): FieldError[] {
  const spec = svc.spec;
  const ip = spec.clusterIP;
  if (spec.type === "ExternalName" || typeof ip !== "string" || ip === "" || ip === "None") return [];
  const n = parseIPv4(ip);
  if (n === undefined) return [];
  const ips = Array.isArray(spec.clusterIPs) ? (spec.clusterIPs as string[]) : [ip];
  const fail = (why: string) => [
    invalid("spec.clusterIPs", ips, `failed to allocate IP ${ip}: ${why}`, goStringSlice(ips)),
  ];
  const offset = n - BASE;
  if (offset < 1 || offset >= SIZE - 1)
    return fail(
      `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`,
    );
  return inUse.has(ip) ? fail("provided IP is already allocated") : [];
}

/**
 * Gives `svc` a ClusterIP unless it has one or needs none, and the fields 1.28 sets beside it
 * on every Service but an ExternalName one, a headless one (`clusterIP: None`) or one given its
 * address included (storage/alloc.go initIPFamilyFields; v1 SetDefaults_Service for
 * internalTrafficPolicy): clusterIPs, the single-stack cluster's family, and the policy —
 * RequireDualStack for a headless Service without a selector.
 */
export function allocateClusterIP(svc: Service, inUse: ReadonlySet<string>): void {
  const spec = svc.spec;
  if (spec.type === "ExternalName") return;
  if (typeof spec.clusterIP !== "string" || spec.clusterIP === "") {
    let offset = 2 + (fnv32a(utf8(svc.metadata.name)) % (SIZE - 3));
    while (inUse.has(dotted(BASE + offset))) offset = offset + 1 < SIZE - 1 ? offset + 1 : 2;
    spec.clusterIP = dotted(BASE + offset);
  }
  const headlessWithoutSelector =
    spec.clusterIP === "None" && Object.keys((spec.selector as object | undefined) ?? {}).length === 0;
  spec.clusterIPs ??= [spec.clusterIP as string];
  spec.ipFamilies ??= ["IPv4"];
  spec.ipFamilyPolicy ??= headlessWithoutSelector ? "RequireDualStack" : "SingleStack";
  spec.internalTrafficPolicy ??= "Cluster";
}

const NODE_PORT_BASE = 30000;
const NODE_PORTS = 2768;

/** Gives each port of a NodePort or LoadBalancer Service a nodePort unless it has one. */
export function allocateNodePorts(svc: Service, inUse: ReadonlySet<number>): void {
  if (svc.spec.type !== "NodePort" && svc.spec.type !== "LoadBalancer") return;
  const taken = new Set(inUse);
  for (const [i, port] of ((svc.spec.ports ?? []) as { nodePort?: number }[]).entries()) {
    if (typeof port.nodePort === "number") continue;
    let offset = fnv32a(utf8(`${svc.metadata.name}/${i}`)) % NODE_PORTS;
    while (taken.has(NODE_PORT_BASE + offset)) offset = (offset + 1) % NODE_PORTS;
    port.nodePort = NODE_PORT_BASE + offset;
    taken.add(port.nodePort);
  }
}
