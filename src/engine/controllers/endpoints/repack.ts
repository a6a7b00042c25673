/**
 * The canonical layout of an Endpoints object's subsets (pkg/api/v1/endpoints/util.go
 * RepackSubsets and SortSubsets): the endpoints controller builds one subset per pod and port,
 * and RepackSubsets folds them into one subset per set of addresses that offer the same ports
 * — "not ready" winning over "ready" for an address listed both ways — so that two syncs over
 * the same pods give equal objects and no write.
 *
 * Order: addresses by IP (byte order, so 10.0.0.10 before 10.0.0.9), then by the pod's uid;
 * ports and subsets by a hash of their contents. Upstream hashes the Go dump of the value with
 * MD5 (hashutil.DeepHashObject), and a subset's dump includes pointers, so its order is only
 * stable within one run of the controller manager; here the hash is FNV-1a over the value's canonical JSON
 * (k8s/hash.ts), stable from run to run.
 */
import { canonicalJSON, fnv32a, utf8 } from "../../../k8s/hash.ts";

export interface ObjectReference {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
}

/** v1.EndpointAddress, its keys in the Go struct's order (the JSON a client sees). */
export interface EndpointAddress {
  ip: string;
  hostname?: string;
  nodeName?: string;
  targetRef?: ObjectReference;
}

export interface EndpointPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

export interface EndpointSubset {
  addresses?: EndpointAddress[];
  notReadyAddresses?: EndpointAddress[];
  ports?: EndpointPort[];
}

/** The sentinel upstream maps port-less addresses by (Port -1), so that repacking keeps them. */
const NO_PORTS: EndpointPort = { port: -1, protocol: "" };

const addressKey = (a: EndpointAddress) => `${a.ip}\u0000${a.targetRef?.uid ?? ""}`;
const portKey = (p: EndpointPort) => canonicalJSON(p);

/** LessEndpointAddress: by IP, then by the target's uid (an address without a target first). */
export function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (!b.targetRef) return a.targetRef ? 1 : 0;
  if (!a.targetRef) return -1;
  return a.targetRef.uid < b.targetRef.uid ? -1 : a.targetRef.uid > b.targetRef.uid ? 1 : 0;
}

const hashOf = (v: unknown): number => fnv32a(utf8(canonicalJSON(v)));

function byHash<T>(items: T[]): T[] {
  const keyed = items.map((item) => ({ item, h: hashOf(item) }));
  keyed.sort((x, y) => x.h - y.h);
  return keyed.map((k) => k.item);
}

/** RepackSubsets: one subset per set of (address, ready) sharing the same ports, sorted. */
export function repackSubsets(subsets: readonly EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  // Per port (by its value), the addresses offering it and whether each is ready there.
  const portToAddrs = new Map<string, { port: EndpointPort; addrs: Map<EndpointAddress, boolean> }>();
  const map = (a: EndpointAddress, port: EndpointPort, ready: boolean) => {
    const k = addressKey(a);
    let addr = allAddrs.get(k);
    if (!addr) {
      addr = a;
      allAddrs.set(k, a);
    }
    const pk = portKey(port);
    let entry = portToAddrs.get(pk);
    if (!entry) {
      entry = { port, addrs: new Map() };
      portToAddrs.set(pk, entry);
    }
    // Not ready always trumps ready.
    if (entry.addrs.get(addr) !== false) entry.addrs.set(addr, ready);
  };
  for (const ss of subsets)
    for (const port of ss.ports?.length ? ss.ports : [NO_PORTS]) {
      for (const a of ss.addresses ?? []) map(a, port, true);
      for (const a of ss.notReadyAddresses ?? []) map(a, port, false);
    }
  // The ports each set of (address, ready) offers.
  const groups = new Map<string, { addrs: Map<EndpointAddress, boolean>; ports: EndpointPort[] }>();
  for (const { port, addrs } of portToAddrs.values()) {
    const key = [...addrs]
      .sort(([a], [b]) => compareAddresses(a, b))
      .map(([a, ready]) => `${addressKey(a)}\u0000${ready}`)
      .join("\u0001");
    const g = groups.get(key);
    if (g) g.ports.push(port);
    else groups.set(key, { addrs, ports: [port] });
  }
  const final: EndpointSubset[] = [];
  for (const { addrs, ports } of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [a, r] of addrs) (r ? ready : notReady).push(a);
    final.push({
      ...(ready.length ? { addresses: ready } : {}),
      ...(notReady.length ? { notReadyAddresses: notReady } : {}),
      // Addresses that had no ports (a headless Service without ports) keep none.
      ...(ports.length === 1 && ports[0] === NO_PORTS ? {} : { ports }),
    });
  }
  return sortSubsets(final);
}

/** SortSubsets, in place. */
export function sortSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  for (const ss of subsets) {
    ss.addresses?.sort(compareAddresses);
    ss.notReadyAddresses?.sort(compareAddresses);
    if (ss.ports) ss.ports = byHash(ss.ports);
  }
  const sorted = byHash(subsets);
  subsets.splice(0, subsets.length, ...sorted);
  return subsets;
}
