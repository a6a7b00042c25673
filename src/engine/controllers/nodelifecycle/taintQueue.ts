/**
 * A zone's queue of nodes waiting for their NoExecute taint (pkg/controller/nodelifecycle/
 * scheduler/rate_limited_queue.go RateLimitedTimedQueue, v1.28): nodes in the order they were
 * added, each at most once (UniqueQueue), taken from the head while the zone's token bucket
 * has a token (Try). The bucket holds one token (EvictionRateLimiterBurst) refilled at the
 * zone's rate, so a healthy zone taints its first node at once and the next ones one per
 * 1/rate seconds — 10 s at --node-eviction-rate 0.1.
 *
 * SwapLimiter: a new rate makes a new bucket, full unless the old one was empty at that
 * moment ("we drain the new one"); a rate of 0 never gives a token (NewFakeNeverRateLimiter).
 * Example: a zone emptied its bucket at 100 s and turns PartialDisruption of a large zone at
 * 105 s: the 0.01 bucket starts empty, so its next node is tainted at 205 s.
 */
import type { Time } from "../../../k8s/types.ts";

/** Time rounding: a requeue lands at now + (readyAt − now), which floats may put a hair early. */
const EPSILON = 1e-9;

export class ZoneTaintQueue {
  private readonly nodes: { node: string; since: Time }[] = [];
  /** When the bucket holds its token again: −∞ full, +∞ never (rate 0). */
  private readyAt = -Infinity;

  constructor(private rate: number) {}

  get size(): number {
    return this.nodes.length;
  }

  /** UniqueQueue.Add: false when the node is already queued. */
  add(node: string, now: Time): boolean {
    if (this.has(node)) return false;
    this.nodes.push({ node, since: now });
    return true;
  }

  has(node: string): boolean {
    return this.nodes.some((q) => q.node === node);
  }

  /** UniqueQueue.Remove. */
  remove(node: string): boolean {
    const i = this.nodes.findIndex((q) => q.node === node);
    if (i < 0) return false;
    this.nodes.splice(i, 1);
    return true;
  }

  /** Empty the queue. */
  clear(): void {
    this.nodes.length = 0;
  }

  /** SwapLimiter. */
  swapRate(rate: number, now: Time): void {
    if (rate === this.rate) return;
    const oldHadToken = this.tryAccept(now);
    this.rate = rate;
    this.readyAt = rate <= 0 ? Infinity : oldHadToken ? -Infinity : now + 1 / rate;
  }

  /** Try: the nodes the bucket lets out now, from the head, each spending a token, with when each was queued. */
  take(now: Time): { node: string; since: Time }[] {
    const out: { node: string; since: Time }[] = [];
    while (this.nodes.length > 0 && this.tryAccept(now))
      out.push(this.nodes.shift() as { node: string; since: Time });
    return out;
  }

  /** When the head can next be taken, or undefined (empty, or a rate of 0). */
  nextAt(): Time | undefined {
    return this.nodes.length > 0 && this.readyAt < Infinity ? this.readyAt : undefined;
  }

  /** TokenBucketRateLimiter.TryAccept with burst 1. */
  private tryAccept(now: Time): boolean {
    if (this.rate <= 0 || now + EPSILON < this.readyAt) return false;
    this.readyAt = now + 1 / this.rate;
    return true;
  }
}
