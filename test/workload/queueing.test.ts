// The M/M/c arithmetic against closed forms: Erlang B/C by the direct sums (an independent
// formula), the M/M/1 and M/M/2 special cases (Kleinrock vol. 1 §3.2, §3.5; Gross & Harris
// §2.2–2.3), and the serving model's regimes (docs/latency.md).
import { describe, expect, it } from "vitest";
import {
  erlangB,
  erlangC,
  meanQueueLength,
  meanResponseTime,
  meanResponseTimeCapped,
  responseTimeDensity,
  responseTimeQuantile,
  responseTimeTail,
  type MMc,
} from "../../src/engine/workload/queueing.ts";
import { latencyPercentile, serve } from "../../src/engine/workload/serving.ts";

/** Erlang B and C by their defining sums: B = (a^c/c!) / Σ_{k≤c} a^k/k!, C = the same with the last term × c/(c−a). */
function direct(c: number, a: number): { b: number; c: number } {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = term * (c / (c - a));
  return { b: term / sum, c: last / (sum - term + last) };
}

describe("Erlang B and C", () => {
  it.each([
    [1, 0.5],
    [2, 1],
    [3, 2.5],
    [5, 3],
    [10, 8],
    [20, 15],
    [50, 45],
  ])("c = %d, a = %d Erlangs agrees with the direct sums", (c, a) => {
    const d = direct(c, a);
    expect(erlangB(c, a)).toBeCloseTo(d.b, 12);
    expect(erlangC(c, a)).toBeCloseTo(d.c, 12);
  });

  it("table values: B(2, 1) = 0.2, C(2, 1) = 1/3, C(10, 8) = 0.4092 (the classic call-centre row)", () => {
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
    expect(erlangC(10, 8)).toBeCloseTo(0.4092, 4);
  });

  it("M/M/1: C = ρ; M/M/2: C = a²/(2 + a)", () => {
    for (const rho of [0.1, 0.5, 0.9, 0.99]) expect(erlangC(1, rho)).toBeCloseTo(rho, 12);
    for (const a of [0.2, 1, 1.5, 1.9]) expect(erlangC(2, a)).toBeCloseTo((a * a) / (2 + a), 12);
  });

  it("stays finite for a thousand servers (the recurrence, not factorials)", () => {
    const c = erlangC(1000, 950);
    expect(Number.isFinite(c)).toBe(true);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
  });

  it("at or above capacity every arrival waits", () => {
    expect(erlangC(4, 4)).toBe(1);
    expect(erlangC(4, 7)).toBe(1);
  });
});

describe("M/M/1 response time: exponential with rate μ − λ", () => {
  const q: MMc = { servers: 1, arrivalRate: 80, serviceRate: 100 };
  it("mean 1/(μ − λ) = 50 ms, Lq = ρ²/(1 − ρ) = 3.2", () => {
    expect(meanResponseTime(q)).toBeCloseTo(0.05, 12);
    expect(meanQueueLength(q)).toBeCloseTo(3.2, 12);
  });
  it.each([0.5, 0.9, 0.95, 0.99, 0.999])("the %s quantile is ln(1/(1 − p))/(μ − λ)", (p) => {
    expect(responseTimeQuantile(q, p)).toBeCloseTo(Math.log(1 / (1 - p)) / 20, 10);
  });
  it("P(T > t) = e^{−(μ−λ)t}", () => {
    for (const t of [0.01, 0.1, 0.5]) expect(responseTimeTail(q, t)).toBeCloseTo(Math.exp(-20 * t), 12);
  });
  it("a timeout caps the mean: E[min(T, τ)] = (1 − e^{−(μ−λ)τ})/(μ − λ)", () => {
    expect(meanResponseTimeCapped(q, 0.05)).toBeCloseTo((1 - Math.exp(-1)) / 20, 12);
  });
});

describe("M/M/2 response time", () => {
  it("mean 1/(μ(1 − ρ²)) (Gross & Harris eq. 2.33 with c = 2)", () => {
    const q: MMc = { servers: 2, arrivalRate: 150, serviceRate: 100 };
    expect(meanResponseTime(q)).toBeCloseTo(1 / (100 * (1 - 0.75 ** 2)), 12);
  });
  it("the tail integrates to the mean, also where θ = cμ − λ equals μ", () => {
    // λ = μ makes θ = μ: the hypoexponential's equal-rates branch.
    for (const q of [
      { servers: 2, arrivalRate: 150, serviceRate: 100 },
      { servers: 2, arrivalRate: 100, serviceRate: 100 },
      { servers: 2, arrivalRate: 100.0000001, serviceRate: 100 },
    ]) {
      let integral = 0;
      const h = 1e-5;
      for (let t = h / 2; t < 1; t += h) integral += responseTimeTail(q, t) * h;
      expect(integral).toBeCloseTo(meanResponseTime(q), 6);
      expect(meanResponseTimeCapped(q, Infinity)).toBeCloseTo(meanResponseTime(q), 12);
    }
  });
});

describe("the response-time density (Newton's slope for the quantiles)", () => {
  it.each([
    { servers: 1, arrivalRate: 80, serviceRate: 100 },
    { servers: 3, arrivalRate: 250, serviceRate: 100 },
    { servers: 2, arrivalRate: 100, serviceRate: 100 },
    { servers: 20, arrivalRate: 1900, serviceRate: 100 },
  ])("is −dP(T > t)/dt for c = $servers, λ = $arrivalRate", (q) => {
    for (const t of [0.001, 0.01, 0.05, 0.2]) {
      const h = 1e-7;
      const numeric = (responseTimeTail(q, t - h) - responseTimeTail(q, t + h)) / (2 * h);
      expect(responseTimeDensity(q, t)).toBeCloseTo(numeric, 4);
    }
  });
  it("gives quantiles whose tail is exactly 1 − p", () => {
    const q = { servers: 20, arrivalRate: 1900, serviceRate: 100 };
    for (const p of [0.5, 0.9, 0.95, 0.99, 0.999])
      expect(responseTimeTail(q, responseTimeQuantile(q, p))).toBeCloseTo(1 - p, 12);
  });
});

describe("the serving model (serving.ts)", () => {
  const base = { offered: 250, pods: 3, cpuPerPodMilli: 500, costMilli: 5, timeout: 60 };
  it("the worked example: μ = 500m / 5m = 100/s, ρ = 0.83, C(3, 2.5) ≈ 0.702", () => {
    const s = serve(base);
    expect(s.podCapacity).toBe(100);
    expect(s.utilization).toBeCloseTo(250 / 300, 12);
    expect(s.waiting).toBeCloseTo(direct(3, 2.5).c, 12);
    expect(s.served).toBe(250);
    expect(s.dropped).toBe(0);
    expect(s.latency!.mean).toBeCloseTo(direct(3, 2.5).c / 50 + 0.01, 9);
    expect(s.latency!.p95).toBeCloseTo(0.0665, 4);
  });
  it("no traffic: a request takes its service time, exponential with mean 1/μ", () => {
    const s = serve({ ...base, offered: 0 });
    expect(s.latency!.mean).toBeCloseTo(0.01, 12);
    expect(s.latency!.p95).toBeCloseTo(Math.log(20) / 100, 10);
    expect(s.waiting).toBe(0);
  });
  it("at capacity and beyond: cμ served, the rest dropped, latency the timeout", () => {
    const s = serve({ ...base, offered: 350 });
    expect(s.served).toBe(300);
    expect(s.dropped).toBe(50);
    expect(s.latency).toEqual({ mean: 60, p50: 60, p90: 60, p95: 60, p99: 60 });
    expect(serve({ ...base, offered: 300 }).dropped).toBe(0);
  });
  it("latency approaches the timeout continuously as load nears capacity", () => {
    const near = serve({ ...base, offered: 299.999 });
    expect(near.dropped).toBe(0);
    expect(near.latency!.p99).toBe(60);
    expect(near.latency!.p50).toBeGreaterThan(1);
  });
  it("no Ready pod: everything is dropped and there is no latency", () => {
    const s = serve({ ...base, pods: 0 });
    expect(s.dropped).toBe(250);
    expect(s.latency).toBeNull();
    expect(latencyPercentile({ ...base, pods: 0 }, 95)).toBeUndefined();
  });
  it("any percentile agrees with the summary's", () => {
    expect(latencyPercentile(base, 95)).toBe(serve(base).latency!.p95);
    expect(latencyPercentile(base, 99.9)).toBeGreaterThan(serve(base).latency!.p99);
  });
});
