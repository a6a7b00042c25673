/**
 * Writes the traffic fixtures of scenarios/traffic/:
 * - week.csv: a week of a web shop's request rate, one sample every five minutes, shaped like
 *   what a load balancer's monitoring exports (RFC 3339 timestamps, requests per second);
 * - tuesday-evening.json: three hours of the same shop as Prometheus answers
 *   /api/v1/query_range?query=rate(http_requests_total{job="shop"}[5m])&step=60 — a series per
 *   pod and status code, Unix-second timestamps, values as strings, on one line as the API
 *   sends it.
 * Run: npx tsx scripts/gen-week-traffic.ts. test/traffic/week.test.ts regenerates both in
 * memory and fails when a committed file is stale.
 *
 * The shape, hour by hour (UTC, the shop's local time):
 * - a day: quiet at night (about 8% of the peak at 04:00), a late-morning rise, the day's peak
 *   in the afternoon around 15:30, and an evening bump at 20:30;
 * - a week: Monday to Thursday alike, Friday 10% lower, Saturday and Sunday at 62% and 52%;
 * - two surges a scenario can be judged by: a newsletter on Tuesday at 19:00 (2.5 × for
 *   40 minutes, arriving within five) and a flash sale on Thursday at 10:30 (1.8 × for 30);
 * - noise: each sample × (1 + 0.08·z), z standard normal from the project's seeded generator
 *   (mulberry32, Box–Muller), so the file is the same on every machine.
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mulberry32 } from "../src/engine/rng.ts";

export interface WeekOptions {
  /** Unix seconds of the first sample. */
  start: number;
  days: number;
  /** Seconds between samples. */
  step: number;
  /** Requests per second at the weekday peak, before noise. */
  peak: number;
  seed: number;
}

export const WEEK: WeekOptions = {
  /** A Monday. */
  start: Date.UTC(2024, 2, 4) / 1000,
  days: 7,
  /** Seconds between samples. */
  step: 300,
  /** Requests per second at the weekday peak, before noise. */
  peak: 1000,
  seed: 20240304,
};

const bump = (h: number, at: number, width: number): number => {
  // The nearest of at − 24, at, at + 24: a bump late in the evening carries past midnight.
  const d = Math.min(Math.abs(h - at), Math.abs(h - at - 24), Math.abs(h - at + 24));
  return Math.exp(-(d * d) / (2 * width * width));
};

/** The share of the day's peak at hour h (0–24). */
export function dailyShape(h: number): number {
  const raw = 0.08 + 0.55 * bump(h, 11, 2.2) + 0.75 * bump(h, 15.5, 2.4) + 0.45 * bump(h, 20.5, 1.6);
  return Math.min(1, raw);
}

/** Monday = 0 … Sunday = 6. */
export const weeklyShape = [1, 1, 1, 1, 0.9, 0.62, 0.52] as const;

/** Surges: day, start hour, minutes, factor. */
export const SURGES = [
  { day: 1, hour: 19, minutes: 40, factor: 2.5, what: "newsletter" },
  { day: 3, hour: 10.5, minutes: 30, factor: 1.8, what: "flash sale" },
] as const;

export function weekTraffic(w: WeekOptions = WEEK): { time: number; rps: number }[] {
  const rng = mulberry32(w.seed);
  const gaussian = (): number => {
    const u = 1 - rng.next();
    const v = rng.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  const out: { time: number; rps: number }[] = [];
  for (let s = 0; s < w.days * 86400; s += w.step) {
    const day = Math.floor(s / 86400);
    const hour = (s % 86400) / 3600;
    let rate = w.peak * dailyShape(hour) * weeklyShape[day];
    for (const surge of SURGES)
      if (day === surge.day && hour >= surge.hour && hour < surge.hour + surge.minutes / 60)
        rate *= surge.factor;
    const noisy = rate * (1 + 0.08 * gaussian());
    out.push({ time: w.start + s, rps: Math.max(0, Math.round(noisy * 10) / 10) });
  }
  return out;
}

const rfc3339 = (seconds: number): string => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

export function weekCsv(w: WeekOptions = WEEK): string {
  const rows = weekTraffic(w).map((x) => `${rfc3339(x.time)},${x.rps}`);
  return ["timestamp,requests_per_second", ...rows, ""].join("\n");
}

/** The shop's pods in the Prometheus answer, and each one's share of the traffic. */
export const PODS = [
  { pod: "shop-6f7c9d8b5-2xkqp", instance: "10.244.1.17:8080", share: 0.34 },
  { pod: "shop-6f7c9d8b5-h8rzt", instance: "10.244.2.9:8080", share: 0.33 },
  { pod: "shop-6f7c9d8b5-wq4mn", instance: "10.244.3.22:8080", share: 0.33 },
] as const;

/** Status codes and their shares of each pod's requests. */
export const CODES = [
  { code: "200", share: 0.982 },
  { code: "500", share: 0.018 },
] as const;

/**
 * Tuesday 18:00–21:00 (the newsletter at 19:00) at a 60 s step: the week's shape and surge,
 * split over three pods and two status codes, each series with noise of its own.
 */
export function prometheusAnswer(w: WeekOptions = WEEK): string {
  const rng = mulberry32(w.seed + 1);
  const from = w.start + 86400 + 18 * 3600;
  const result = PODS.flatMap((p) =>
    CODES.map((c) => ({
      metric: {
        code: c.code,
        instance: p.instance,
        job: "shop",
        method: "GET",
        namespace: "shop",
        pod: p.pod,
      },
      values: Array.from({ length: 3 * 60 + 1 }, (_, i) => {
        const hour = 18 + i / 60;
        let rate = w.peak * dailyShape(hour) * weeklyShape[1];
        for (const surge of SURGES)
          if (surge.day === 1 && hour >= surge.hour && hour < surge.hour + surge.minutes / 60)
            rate *= surge.factor;
        const noisy = rate * p.share * c.share * (1 + 0.05 * (2 * rng.next() - 1));
        return [from + i * 60, String(Math.round(noisy * 1e6) / 1e6)];
      }),
    })),
  );
  return `${JSON.stringify({ status: "success", data: { resultType: "matrix", result } })}\n`;
}

export const paths = {
  weekCsv: fileURLToPath(new URL("../scenarios/traffic/week.csv", import.meta.url)),
  prometheus: fileURLToPath(new URL("../scenarios/traffic/tuesday-evening.json", import.meta.url)),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(paths.weekCsv, weekCsv());
  writeFileSync(paths.prometheus, prometheusAnswer());
  console.log(`wrote ${paths.weekCsv} and ${paths.prometheus}`);
}
