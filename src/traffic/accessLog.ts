/**
 * Web server access logs in the common or combined log format — nginx's default `combined`
 * log_format, Apache's `%h %l %u %t "%r" %>s %b` (and ingress-nginx's `upstreaminfo`, which
 * starts the same way) — as `kubectl logs` or the server's access.log gives them:
 *
 *     203.0.113.7 - - [05/Jun/2024:14:00:00 +0000] "GET /api/cart HTTP/1.1" 200 1542 "-" "k6/0.51.0"
 *
 * Every line is one request, so a second's rate is its number of lines (perSecond.ts); the time
 * is the bracketed one (nginx logs a request when it ends, Apache when it arrived), its zone
 * applied. A line `kubectl logs --timestamps` prefixed with its RFC 3339 time reads the same.
 * Lines that are not requests (ingress-nginx's start-up banner, the controller's own klog
 * lines) are left out, with a warning that counts them.
 *
 * Example: two lines at 14:00:00 and one at 14:00:01 → t = [0, 1, 2], v = [2, 1, 0].
 */
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import { PerSecond, refusedOption } from "./perSecond.ts";

/** `[05/Jun/2024:14:00:00 +0000] "…"` after the host, identity and user fields. */
const LINE =
  /^(?:\d{4}-\d{2}-\d{2}T\S+\s+)?\S+ \S+ .*?\[(\d{2})\/([A-Z][a-z]{2})\/(\d{4}):(\d{2}):(\d{2}):(\d{2})(?:\.\d+)? ([+-])(\d{2})(\d{2})\] "/;

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Epoch seconds of an access-log line, or undefined when it is not one. */
function lineTime(line: string): number | undefined {
  const m = LINE.exec(line);
  if (!m) return undefined;
  const month = MONTHS.indexOf(m[2]);
  if (month < 0) return undefined;
  const utc = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) / 1000;
  const zone = (m[7] === "-" ? -1 : 1) * (Number(m[8]) * 3600 + Number(m[9]) * 60);
  return utc - zone;
}

/** Whether the text is an access log: one of its first lines is a request line. */
export function isAccessLog(text: string): boolean {
  let start = 0;
  for (let n = 0; n < 200 && start < text.length; n++) {
    const nl = text.indexOf("\n", start);
    const line = text.slice(start, nl < 0 ? text.length : nl);
    if (lineTime(line) !== undefined) return true;
    if (nl < 0) break;
    start = nl + 1;
  }
  return false;
}

export function readAccessLog(
  text: string,
  opts: { unit: ValueUnit; series?: readonly unknown[]; column?: string; sum?: boolean },
): ReadResult {
  if (opts.unit !== "requests")
    return { problems: [errorAt(trafficMessages.countedNotRequests("accessLog", opts.unit), 0, 0)] };
  const refused = refusedOption("accessLog", opts);
  if (refused) return refused;
  const perSecond = new PerSecond();
  let skipped = 0;
  let firstSkipped = { line: 0, offset: 0, length: 0 };
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let line = 1; start <= text.length; line++) {
    const nl = text.indexOf("\n", start);
    let end = nl < 0 ? text.length : nl;
    if (end > start && text[end - 1] === "\r") end--;
    const body = text.slice(start, end);
    if (body.trim() !== "") {
      const seconds = lineTime(body);
      if (seconds !== undefined) perSecond.add(seconds);
      else if (skipped++ === 0) firstSkipped = { line, offset: start, length: Math.max(1, end - start) };
    }
    if (nl < 0) break;
    start = nl + 1;
  }
  if (perSecond.size === 0) return { problems: [errorAt(trafficMessages.noSamples(), 0, 0)] };
  const problems: ReadProblem[] = [];
  if (skipped > 0)
    problems.push({
      message: trafficMessages.skippedLogLines(skipped, firstSkipped.line),
      severity: "warning",
      at: { offset: firstSkipped.offset, length: firstSkipped.length },
    });
  return { signal: perSecond.signal(), problems };
}
