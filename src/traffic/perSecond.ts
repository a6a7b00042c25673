/**
 * Request rates from files that log one row per request (k6's CSV output, JMeter's results,
 * Gatling's simulation.log, an access log): a second's rate is the number of requests logged
 * in it. A second without one served none (0, not the rate before it), and after the last the
 * test is over (0). The first second is the statement's time; the rows may come in any order
 * (load generators flush per thread, web servers log a request when it ends).
 *
 * Example: 3 requests in second 1717596000 and 1 in 1717596002 → t = [0, 1, 2, 3],
 * v = [3, 0, 1, 0].
 */
import type { Signal } from "../engine/workload/signal.ts";
import { trafficMessages, type CountedFormat } from "./messages.ts";
import { optionRefusal, type ReadResult } from "./problems.ts";

/** Counts requests per whole second of their (epoch) times. */
export class PerSecond {
  private readonly counts = new Map<number, number>();

  add(seconds: number, count = 1): void {
    const second = Math.floor(seconds);
    this.counts.set(second, (this.counts.get(second) ?? 0) + count);
  }

  get size(): number {
    return this.counts.size;
  }

  /** The rates as a step signal: one step per change of rate. */
  signal(): Signal {
    const seconds = [...this.counts.keys()].sort((a, b) => a - b);
    const first = seconds[0];
    const signal: Signal = { t: [], v: [] };
    const push = (t: number, v: number): void => {
      if (signal.v.length > 0 && signal.v[signal.v.length - 1] === v) return;
      signal.t.push(t);
      signal.v.push(v);
    };
    let previous = first - 1;
    for (const s of seconds) {
      if (s > previous + 1) push(previous + 1 - first, 0);
      push(s - first, this.counts.get(s)!);
      previous = s;
    }
    push(previous + 1 - first, 0);
    return signal;
  }
}

/**
 * A counted file's refusal of the options that pick from other exports (`series`, `column`,
 * `sum`): every request line is counted. Undefined when none is given.
 */
export function refusedOption(
  format: CountedFormat,
  opts: { series?: readonly unknown[]; column?: string; sum?: boolean },
): ReadResult | undefined {
  const option =
    (opts.series?.length ?? 0) > 0
      ? "series"
      : opts.column !== undefined
        ? "column"
        : opts.sum
          ? "sum"
          : undefined;
  if (option === undefined) return undefined;
  return optionRefusal(trafficMessages.optionNotForExport(option, format), option);
}
