/**
 * Pod IPs as a node's CNI hands them out: the host-local IPAM plugin
 * (containernetworking/plugins, plugins/ipam/host-local, which kind's kindnet and the bridge
 * and ptp setups use). Per node, over the node's pod CIDR:
 * - the range is the subnet less its network address, the gateway (the first address, which
 *   range.go `Canonicalize` claims when none is given) and the IPv4 broadcast (`lastIP`): a /24
 *   gives .2 … .254;
 * - allocator.go `Get` walks the range with a RangeIter that starts just after the last
 *   reserved address (`LastReservedIP`) and wraps around, taking the first free one, so
 *   addresses go round: .2, .3, … and a released one comes back only after the rest;
 * - `Release` (the CNI DEL of the sandbox's teardown) frees the pod's address.
 * No address is held twice. The walk skips only held addresses, so a pod costs a step or two
 * unless the range is nearly full.
 *
 * A range that is full has no address for the next sandbox (real host-local: "no IP addresses
 * available in range set", FailedCreatePodSandBox). The implicit nodes have unlimited room, and
 * a declared node fills its /24 only with maxPods above 253: either then borrows the next range
 * of its range set (`RangeShape.stride` on), as a host-local range set of several subnets takes
 * them in order, so that no pod is left without an address.
 */

/** A node's range set: its first subnet and where the following ones start. */
export interface RangeShape {
  /** The first subnet's network address (IPv4, as an unsigned 32-bit number). */
  readonly network: number;
  /** Addresses in each subnet (2^(32 − prefix)). */
  readonly size: number;
  /** From one subnet's network address to the next one's. */
  readonly stride: number;
}

/** One node's allocations. */
interface NodeRange {
  readonly shape: RangeShape;
  /** Usable addresses per subnet. */
  readonly perSubnet: number;
  /** Whether each slot (the k-th usable address of the set) is held. */
  held: Uint8Array;
  /** Slots in the subnets borrowed so far. */
  slots: number;
  count: number;
  /** The last reserved slot (-1 before the first). */
  last: number;
  /** Each slot's text, made once (many pods in turn hold one address). */
  readonly texts: string[];
}

/** The slot a pod holds. */
interface Lease {
  readonly range: NodeRange;
  readonly slot: number;
}

/** `10.244.1.0/24` as a RangeShape (subnets one /16 apart after the first), or undefined for anything else (IPv6 included). */
export function rangeOfCIDR(cidr: string): RangeShape | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (m === null) return undefined;
  const octets = [m[1], m[2], m[3], m[4]].map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix < 8 || prefix > 30) return undefined;
  const size = 2 ** (32 - prefix);
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const network = address - (address % size);
  return { network, size, stride: size * 256 };
}

function ipText(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export class HostLocalIPAM {
  /** By node name (a Node made again with another pod CIDR starts afresh). */
  private readonly nodes = new Map<string, NodeRange>();
  /** By pod uid: the pod's sandbox address while it has one. */
  private readonly leases = new Map<string, Lease>();

  /** The address the pod's sandbox holds, if any. */
  held(pod: string): string | undefined {
    const lease = this.leases.get(pod);
    return lease && lease.range.texts[lease.slot];
  }

  /**
   * The pod's address on `node` (whose range set `shape` gives): the one its sandbox holds, or
   * the next free one after the node's last reserved (allocator.go `Get`).
   */
  allocate(pod: string, node: string, shape: RangeShape): string {
    const lease = this.leases.get(pod);
    if (lease !== undefined) return lease.range.texts[lease.slot];
    const range = this.rangeOf(node, shape);
    if (range.count === range.slots) this.borrow(range);
    let slot = range.last;
    do slot = slot + 1 === range.slots ? 0 : slot + 1;
    while (range.held[slot] === 1);
    range.held[slot] = 1;
    range.count += 1;
    range.last = slot;
    this.leases.set(pod, { range, slot });
    return (range.texts[slot] ??= ipText(this.address(range, slot)));
  }

  /** The pod's sandbox is torn down (allocator.go `Release`); nothing when it held no address. */
  release(pod: string): void {
    const lease = this.leases.get(pod);
    if (lease === undefined) return;
    this.leases.delete(pod);
    lease.range.held[lease.slot] = 0;
    lease.range.count -= 1;
  }

  private rangeOf(node: string, shape: RangeShape): NodeRange {
    let range = this.nodes.get(node);
    if (range === undefined || range.shape.network !== shape.network || range.shape.size !== shape.size) {
      const perSubnet = shape.size - 3;
      range = {
        shape,
        perSubnet,
        held: new Uint8Array(perSubnet),
        slots: perSubnet,
        count: 0,
        last: -1,
        texts: [],
      };
      this.nodes.set(node, range);
    }
    return range;
  }

  /** The range set is full: the next subnet joins it. */
  private borrow(range: NodeRange): void {
    const held = new Uint8Array(range.slots + range.perSubnet);
    held.set(range.held);
    range.held = held;
    range.slots += range.perSubnet;
  }

  private address(range: NodeRange, slot: number): number {
    const subnet = Math.floor(slot / range.perSubnet);
    // .0 is the network, .1 the gateway: the first usable address is the third.
    return (range.shape.network + subnet * range.shape.stride + 2 + (slot % range.perSubnet)) >>> 0;
  }
}
