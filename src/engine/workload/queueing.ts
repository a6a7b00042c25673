/**
 * The M/M/c queue in closed form: Poisson arrivals at rate λ, c identical servers each
 * serving at rate μ (exponential service times), one first-come-first-served queue. The
 * formulas are the textbook ones (Kleinrock, Queueing Systems vol. 1, §3.5; Gross & Harris,
 * Fundamentals of Queueing Theory, §2.3) and docs/latency.md derives each; this file holds
 * only the arithmetic, as pure functions the serving model (serving.ts) and the tests use.
 *
 * With a = λ/μ (the offered load in Erlangs) and ρ = a/c < 1:
 * - Erlang B, the blocking probability of M/M/c/c, by the stable recurrence
 *   B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)).
 * - Erlang C, the probability that an arrival waits: C = c·B / (c − a·(1 − B)).
 * - The wait Wq is 0 with probability 1 − C, else exponential with rate θ = cμ − λ:
 *   P(Wq > t) = C·e^{−θt}; E[Wq] = C/θ; Lq = λ·E[Wq] = C·ρ/(1 − ρ).
 * - The response time T = Wq + S, S exponential with rate μ and independent of Wq, so
 *   P(T > t) = (1 − C)·e^{−μt} + C·P(X + S > t), X exponential with rate θ, where
 *   P(X + S > t) = (μe^{−θt} − θe^{−μt}) / (μ − θ)   (θ ≠ μ), (1 + μt)·e^{−μt}   (θ = μ).
 *
 * Worked example (M/M/1, c = 1): λ = 80/s, μ = 100/s → C = ρ = 0.8, T is exponential with
 * rate μ − λ = 20/s: mean 50 ms, p95 = ln(20)/20 s ≈ 149.8 ms.
 */

/** Erlang B: blocking probability of c servers offered a Erlangs. Example: B(2, 1) = 0.2. */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * Erlang C: the probability that an arrival has to wait, for a < c (1 when a ≥ c: the queue
 * never empties). Example: C(2, 1) = 1/3; C(10, 8) ≈ 0.4092.
 */
export function erlangC(c: number, a: number): number {
  if (c <= 0 || a >= c) return 1;
  if (a <= 0) return 0;
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

export interface MMc {
  /** Servers (c ≥ 1). */
  servers: number;
  /** Arrival rate λ, per second. */
  arrivalRate: number;
  /** Service rate μ of one server, per second (> 0). */
  serviceRate: number;
}

/** Whether the queue has a steady state: λ < cμ. */
export const stable = (q: MMc): boolean => q.arrivalRate < q.servers * q.serviceRate;

/** ρ = λ / (cμ). */
export const utilization = (q: MMc): number => q.arrivalRate / (q.servers * q.serviceRate);

/** Erlang C for this queue. */
export const waitProbability = (q: MMc): number => erlangC(q.servers, q.arrivalRate / q.serviceRate);

/** Lq, the mean number of requests waiting (not in service). */
export function meanQueueLength(q: MMc): number {
  if (!stable(q)) return Infinity;
  const rho = utilization(q);
  return (waitProbability(q) * rho) / (1 - rho);
}

/** E[T] = C/(cμ − λ) + 1/μ. */
export function meanResponseTime(q: MMc): number {
  if (!stable(q)) return Infinity;
  return waitProbability(q) / (q.servers * q.serviceRate - q.arrivalRate) + 1 / q.serviceRate;
}

/** expm1(x)/x, 1 at 0: keeps P(X + S > t) exact when θ and μ are close. */
const expm1OverX = (x: number): number => (x === 0 ? 1 : Math.expm1(x) / x);

/** P(X + S > t) for independent exponentials of rates θ (X) and μ (S). */
function hypoexponentialTail(theta: number, mu: number, t: number): number {
  const d = mu - theta;
  if (Math.abs(d * t) < 1) return Math.exp(-mu * t) * (1 + mu * t * expm1OverX(d * t));
  return (mu * Math.exp(-theta * t) - theta * Math.exp(-mu * t)) / d;
}

/** P(T > t): the share of requests whose response time exceeds t (1 when unstable). */
export function responseTimeTail(q: MMc, t: number): number {
  if (!stable(q)) return 1;
  if (t <= 0) return 1;
  const mu = q.serviceRate;
  const theta = q.servers * mu - q.arrivalRate;
  const c = waitProbability(q);
  return (1 - c) * Math.exp(-mu * t) + c * hypoexponentialTail(theta, mu, t);
}

/** ∫₀^τ e^{−rt} dt. */
const expIntegral = (r: number, tau: number): number => (r === 0 ? tau : -Math.expm1(-r * tau) / r);

/**
 * E[min(T, τ)] = ∫₀^τ P(T > t) dt: the mean response time when nothing is waited for beyond
 * τ (a client's timeout). With τ = Infinity it is E[T].
 */
export function meanResponseTimeCapped(q: MMc, tau: number): number {
  if (!stable(q)) return tau;
  if (tau === Infinity) return meanResponseTime(q);
  const mu = q.serviceRate;
  const theta = q.servers * mu - q.arrivalRate;
  const c = waitProbability(q);
  const d = mu - theta;
  let hypo: number;
  if (Math.abs(d) < 1e-9 * mu) {
    // ∫₀^τ (1 + μt)e^{−μt} dt = 2(1 − e^{−μτ})/μ − τe^{−μτ}
    hypo = 2 * expIntegral(mu, tau) - tau * Math.exp(-mu * tau);
  } else {
    hypo = (mu * expIntegral(theta, tau) - theta * expIntegral(mu, tau)) / d;
  }
  return (1 - c) * expIntegral(mu, tau) + c * hypo;
}

/** The density of T at t > 0: −d/dt P(T > t). */
export function responseTimeDensity(q: MMc, t: number): number {
  if (!stable(q) || t < 0) return 0;
  const mu = q.serviceRate;
  const theta = q.servers * mu - q.arrivalRate;
  const c = waitProbability(q);
  const d = mu - theta;
  // The hypoexponential density θμ(e^{−θt} − e^{−μt})/(μ − θ), as θμ·t·e^{−μt}·expm1(dt)/(dt).
  const hypo =
    Math.abs(d * t) < 1
      ? theta * mu * t * Math.exp(-mu * t) * expm1OverX(d * t)
      : (theta * mu * (Math.exp(-theta * t) - Math.exp(-mu * t))) / d;
  return (1 - c) * mu * Math.exp(-mu * t) + c * hypo;
}

/**
 * The p-quantile of T (0 < p < 1), at most `cap`: the t with P(T > t) = 1 − p (the tail is
 * continuous and decreasing). Newton's method on the tail, kept inside a bracket that
 * bisection shrinks whenever a Newton step would leave it; to a relative 1e-12.
 * Example: M/M/1 with μ − λ = 20/s → p95 = ln(20)/20 ≈ 0.1498 s.
 */
export function responseTimeQuantile(q: MMc, p: number, cap = Infinity): number {
  if (!stable(q)) return cap;
  const target = 1 - p;
  let hi = meanResponseTime(q);
  while (responseTimeTail(q, hi) > target) {
    if (hi >= cap) return cap;
    hi *= 2;
  }
  let lo = 0;
  let t = hi;
  for (let i = 0; i < 200; i++) {
    const f = responseTimeTail(q, t) - target;
    if (f > 0) lo = t;
    else hi = t;
    const slope = responseTimeDensity(q, t);
    const newton = slope > 0 ? t + f / slope : NaN;
    const next = newton > lo && newton < hi ? newton : (lo + hi) / 2;
    const done = Math.abs(next - t) <= 1e-12 * t || hi - lo <= 1e-12 * hi;
    t = next;
    if (done) break;
  }
  return Math.min(t, cap);
}
