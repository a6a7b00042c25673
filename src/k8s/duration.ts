/**
 * kubectl's AGE column and event ages: a port of k8s.io/apimachinery/pkg/util/duration/
 * duration.go (HumanDuration, ShortHumanDuration). Durations here are seconds (simulated time).
 */

/** Go's int(float) conversion: truncation toward zero. */
const int = (x: number): number => Math.trunc(x);

/**
 * HumanDuration: about 2–3 significant figures.
 * Worked examples (from duration_test.go and the seed walk-throughs):
 *   4 → "4s", 119.999 → "119s", 120 → "2m", 175 → "2m55s", 241 → "4m1s", 593 → "9m53s",
 *   601 → "10m", 3000 → "50m", 10799 → "179m", 11100 → "3h5m", 28800 → "8h",
 *   49h → "2d1h", 8d2h → "8d", 367d → "367d", 2y+25h → "2y1d", 8y+2h → "8y".
 * Up to 2 s in the future still prints "0s"; beyond that "<invalid>" (clock skew tolerance).
 */
export function humanDuration(seconds: number): string {
  const s = int(seconds);
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 60 * 2) return `${s}s`;
  const minutes = int(seconds / 60);
  if (minutes < 10) {
    const rest = s % 60;
    return rest === 0 ? `${minutes}m` : `${minutes}m${rest}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = int(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${int(hours / 24)}d` : `${int(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${int(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = int(hours / 24) % 365;
    return dy === 0 ? `${int(hours / 24 / 365)}y` : `${int(hours / 24 / 365)}y${dy}d`;
  }
  return `${int(hours / 24 / 365)}y`;
}

/**
 * ShortHumanDuration: one unit only (used by `kubectl describe` event ages in older kubectl
 * and by `kubectl get events`). 59.999 → "59s", 60 → "1m", 3599 → "59m", 1d → "1d", 365d → "1y".
 */
export function shortHumanDuration(seconds: number): string {
  const s = int(seconds);
  if (s < -1) return "<invalid>";
  if (s < 0) return "0s";
  if (s < 60) return `${s}s`;
  const minutes = int(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = int(seconds / 3600);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${int(hours / 24)}d`;
  return `${int(seconds / 3600 / 24 / 365)}y`;
}

/**
 * Go's time.Duration.String (src/time/time.go), which the kubelet's and the controllers'
 * messages print with %s / %v: "0s", "10s", "1.5s", "1m20s", "5m0s", "1h0m0s". Durations
 * here are seconds, kept to the millisecond (below a second Go prints "500ms").
 */
export function goDuration(seconds: number): string {
  const ms = Math.round(Math.abs(seconds) * 1000);
  const sign = seconds < 0 && ms > 0 ? "-" : "";
  if (ms === 0) return "0s";
  if (ms < 1000) return `${sign}${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const rest = ms % 60_000;
  const secs = `${Math.floor(rest / 1000)}${
    rest % 1000
      ? `.${String(rest % 1000)
          .padStart(3, "0")
          .replace(/0+$/, "")}`
      : ""
  }s`;
  if (h > 0) return `${sign}${h}h${m}m${secs}`;
  if (m > 0) return `${sign}${m}m${secs}`;
  return `${sign}${secs}`;
}
