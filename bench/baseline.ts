/**
 * The naive baseline of issue #15, written only for the benchmark: the bench day simulated
 * with a fixed 1-second tick, as simply as it can honestly be done. Every second every pod
 * is visited: it starts running 2 s after creation (pod.startup), Ready pods share the
 * demand evenly and add it to their cumulative CPU; every 15 s a scrape turns each pod's
 * cumulative CPU into its average over the window, and the HPA sync (the same 15 s) takes
 * the mean utilization of the pods with a sample, leaves the count alone within the 10 %
 * tolerance, otherwise proposes ceil(ratio × pods with samples), keeps the highest proposal
 * of the last 5 minutes when scaling down, caps a scale-up at max(2 × current, current + 4)
 * (autoscaling/v2's default scale-up policies), clamps to [min, max], and creates or deletes
 * pods (newest first). No objects, no events, no trace: the cost of the tick itself.

 * bench/inprocess.ts runs it (`baseline DAYS FACTOR`) in a process of its own.
 */
import {
  dailyDemandMilli,
  MAX_REPLICAS,
  MIN_REPLICAS,
  REQUEST_MILLI,
  STEP_SECONDS,
  TARGET_PERCENT,
} from "./dayCurve.ts";

interface NaivePod {
  created: number;
  cpu: number;
  /** Cumulative CPU at the previous scrape (NaN before the first one). */
  lastCpu: number;
  /** Average millicores over the last scrape window (NaN before there is one). */
  sample: number;
}

export interface BaselineResult {
  simulatedSeconds: number;
  rescales: number;
  peakPods: number;
  podsCreated: number;
}

const STARTUP = 2;
const PERIOD = 15;
const TOLERANCE = 0.1;
const STABILIZATION = 300;

export function naiveDay(days = 1, factor = 1): BaselineResult {
  const curve = dailyDemandMilli(factor);
  const max = MAX_REPLICAS * factor;
  const pods: NaivePod[] = [];
  const newPod = (t: number): NaivePod => ({ created: t, cpu: 0, lastCpu: NaN, sample: NaN });
  for (let i = 0; i < MIN_REPLICAS; i++) pods.push(newPod(0));
  const recommendations: { t: number; replicas: number }[] = [];
  let rescales = 0;
  let peakPods = pods.length;
  let podsCreated = pods.length;
  const end = days * 24 * 3600;
  for (let t = 0; t < end; t++) {
    const demand = curve[Math.floor(t / STEP_SECONDS) % curve.length];
    let ready = 0;
    for (const p of pods) if (t - p.created >= STARTUP) ready++;
    const share = ready > 0 ? demand / ready : 0;
    for (const p of pods) if (t - p.created >= STARTUP) p.cpu += share;
    if (t % PERIOD !== 0 || t === 0) continue;
    // The scrape: each running pod's average over the window since its previous point.
    let sum = 0;
    let withSample = 0;
    for (const p of pods) {
      if (t - p.created < STARTUP) continue;
      if (!Number.isNaN(p.lastCpu)) p.sample = (p.cpu - p.lastCpu) / PERIOD;
      p.lastCpu = p.cpu;
      if (!Number.isNaN(p.sample)) {
        sum += p.sample;
        withSample++;
      }
    }
    // The HPA sync.
    const current = pods.length;
    let proposal = current;
    if (withSample > 0) {
      const ratio = (sum / withSample / REQUEST_MILLI) * (100 / TARGET_PERCENT);
      if (Math.abs(1 - ratio) > TOLERANCE) proposal = Math.ceil(ratio * withSample);
    }
    recommendations.push({ t, replicas: proposal });
    while (recommendations[0].t <= t - STABILIZATION) recommendations.shift();
    let desired = proposal;
    if (desired < current) desired = Math.min(current, Math.max(...recommendations.map((r) => r.replicas)));
    desired = Math.min(desired, Math.max(2 * current, current + 4));
    desired = Math.max(MIN_REPLICAS, Math.min(max, desired));
    if (desired === current) continue;
    rescales++;
    if (desired > current) {
      for (let i = current; i < desired; i++) pods.push(newPod(t));
      podsCreated += desired - current;
    } else pods.length = desired;
    peakPods = Math.max(peakPods, pods.length);
  }
  return { simulatedSeconds: end, rescales, peakPods, podsCreated };
}
