/**
 * The PromQL the custom-metrics pipeline evaluates, as Prometheus evaluates it.
 *
 * `rate(counter[range])` at time `at` (promql/functions.go, extrapolatedRate): take the
 * samples in the range — left-open, (at − range, at], as Prometheus 3 selects them (its
 * migration guide: "range selectors … are now left-open") — need two of them, add back
 * counter resets, then extrapolate the increase towards the range's edges: fully when the
 * first/last sample lies within 1.1 average sample intervals of its edge, else by half an
 * interval; never below the counter's zero point. Divide by the range.
 *
 * Worked example (the young-series effect the HPA sees): a pod Ready at 0 receiving
 * 250 requests/s, scraped at 60 (15000) and 120 (30000), rate(…[5m]) at 120: increase 15000
 * over the 60 s sampled; the zero point lies 60 s before the first sample, within the
 * threshold (66 s), so the increase extends to 120 s → 30000 / 300 s = 100/s, not 250/s.
 * A counter is rated at its full value only once it is as old as the range.
 */

export interface CounterSample {
  t: number;
  v: number;
}

/** `rate(x[range])` at `at` over a series' samples (time-ordered); undefined with fewer than two. */
export function extrapolatedRate(
  samples: readonly CounterSample[],
  at: number,
  range: number,
): number | undefined {
  const start = at - range;
  const inRange = samples.filter((s) => s.t > start && s.t <= at);
  if (inRange.length < 2) return undefined;
  const first = inRange[0];
  const last = inRange[inRange.length - 1];
  let correction = 0;
  let previous = first.v;
  for (const s of inRange) {
    if (s.v < previous) correction += previous;
    previous = s.v;
  }
  let result = last.v - first.v + correction;
  let durationToStart = first.t - start;
  const durationToEnd = at - last.t;
  const sampledInterval = last.t - first.t;
  const averageInterval = sampledInterval / (inRange.length - 1);
  if (result > 0 && first.v >= 0) {
    // A counter cannot go below zero: extrapolate no further back than its zero point.
    const durationToZero = sampledInterval * (first.v / result);
    if (durationToZero < durationToStart) durationToStart = durationToZero;
  }
  const threshold = averageInterval * 1.1;
  let extrapolateTo = sampledInterval;
  extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
  result *= extrapolateTo / sampledInterval;
  return result / range;
}
