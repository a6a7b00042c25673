/**
 * A binary min-heap under a strict order `before(a, b)` ("a comes out first"). The event queue
 * (queue.ts) and the scheduler's activeQ (scheduling/activeQueue.ts) are both one: each
 * supplies its order, and with a total order (both end in a sequence number) the entries come
 * out in exactly that order whatever the insertion order.
 */
export class BinaryHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  /** The first entry, without removing it. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const h = this.items;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const item = h[i];
      if (!this.before(item, h[parent])) break;
      h[i] = h[parent];
      h[parent] = item;
      i = parent;
    }
  }

  /** Remove and return the first entry. */
  pop(): T | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let first = i;
        if (l < h.length && this.before(h[l], h[first])) first = l;
        if (r < h.length && this.before(h[r], h[first])) first = r;
        if (first === i) break;
        const item = h[i];
        h[i] = h[first];
        h[first] = item;
        i = first;
      }
    }
    return top;
  }
}
