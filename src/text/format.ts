/**
 * How times and values read in reports: simulated seconds written the way a scenario writes
 * them, so a report's "75s" or "1m30s" can be pasted back into the script.
 */

/**
 * Seconds as a compound duration, largest unit first, zero parts left out.
 * Examples: 0 → "0s", 15 → "15s", 90 → "1m30s", 600 → "10m", 3725 → "1h2m5s", 0.5 → "500ms",
 * 1.25 → "1.25s".
 */
export function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 0) return `-${formatTime(-seconds)}`;
  if (seconds === 0) return "0s";
  if (seconds < 1) return `${round(seconds * 1000)}ms`;
  const whole = Math.floor(seconds);
  const frac = seconds - whole;
  const d = Math.floor(whole / 86400);
  const h = Math.floor((whole % 86400) / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  let out = "";
  if (d) out += `${d}d`;
  if (h) out += `${h}h`;
  if (m) out += `${m}m`;
  if (s || frac) out += `${round(s + frac)}s`;
  return out;
}

/** A number as people read it: integers as is, others to at most three decimals. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : String(round(n));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * A number as `toLocaleString("en-US")` writes it (thousands grouped with commas, at most
 * three decimals), without Intl for the integers limits and budgets print: the first Intl
 * call of a process loads ICU's number formatting, about 20 ms of CPU, which
 * `replicast check` paid for every manifest it counted. Examples: 1000 → "1,000",
 * -1234567 → "-1,234,567"; 1.5, -0 and 1e21 go through Intl.
 */
export function groupedNumber(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
}
