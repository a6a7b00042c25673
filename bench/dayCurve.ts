/**
 * The bench day of issue #15: the workload's constants and its daily load curve, shared by the
 * scenario files (bench/scenarios.ts writes them) and the naive baseline (bench/baseline.ts).
 */
import { mulberry32 } from "../src/engine/rng.ts";

/** Levels per day: one every 5 minutes. */
export const STEPS_PER_DAY = 288;
export const STEP_SECONDS = 300;
/** The workload: a 100m CPU request, a 60 % target; the HPA keeps 10–1000 pods (×10: 10 000). */
export const REQUEST_MILLI = 100;
export const TARGET_PERCENT = 60;
export const MIN_REPLICAS = 10;
export const MAX_REPLICAS = 1000;

const bump = (h: number, mid: number, width: number): number => Math.exp(-(((h - mid) / width) ** 2) / 2);

/**
 * CPU demand in millicores for each 5-minute step of one day: pods' worth at the target (60m
 * a pod) — 100 at midnight, 35 at 4 am, 670 at 11 am, 460 at 3 pm, 990 at 8 pm — with ±4 %
 * noise from the engine's seeded generator (the same values on every run).
 * Example: step 0 (midnight) = 5,979m (100 pods' worth), step 240 (8 pm) ≈ 59,000m.
 */
export function dailyDemandMilli(factor = 1): number[] {
  const rng = mulberry32(2026);
  const out: number[] = [];
  for (let step = 0; step < STEPS_PER_DAY; step++) {
    const h = (step * STEP_SECONDS) / 3600;
    const shape =
      0.02 +
      0.58 * bump(h, 11, 2.2) +
      0.3 * bump(h, 15, 2.5) +
      0.93 * bump(h, 20, 1.8) +
      0.08 * bump(h, 0, 2);
    const noise = 1 + (rng.next() - 0.5) * 0.08;
    const pods = Math.min(0.97, shape) * MAX_REPLICAS * noise;
    out.push(Math.round(pods * ((REQUEST_MILLI * TARGET_PERCENT) / 100)) * factor);
  }
  return out;
}
