/**
 * k6's JSON output (`k6 run --out json=results.json`, k6's "JSON" output docs): an object per
 * line, a `Metric` line the first time a metric is seen, then a `Point` per sample —
 *
 *     {"type":"Metric","data":{"name":"http_reqs","type":"counter","contains":"default",…},"metric":"http_reqs"}
 *     {"type":"Point","data":{"time":"2024-06-05T14:00:00.52108+02:00","value":1,
 *      "tags":{"method":"GET","name":"https://shop.example.dev/api/cart","status":"200",…}},"metric":"http_reqs"}
 *
 * As in its CSV output (k6.ts), every request is one `http_reqs` point of value 1, so a
 * second's request rate is the sum of that second's points (perSecond.ts); `column "NAME"`
 * counts another Counter (`iterations`), and `series TAG="VALUE"` only the points whose tags
 * hold those values (`series status="200"`, `series name="https://…/api/cart"`), as for
 * JMeter's results. Request traffic only.
 */
import { trafficMessages, type ValueUnit } from "./messages.ts";
import { errorAt, optionRefusal, type ReadProblem, type ReadResult } from "./problems.ts";
import type { LabelMatch } from "./prometheus.ts";
import { jsonLines } from "./jsonLines.ts";
import { PerSecond } from "./perSecond.ts";
import { RowErrors } from "./rowErrors.ts";
import { parseTime } from "./timestamp.ts";

type Obj = Record<string, unknown>;
const isObject = (x: unknown): x is Obj => typeof x === "object" && x !== null && !Array.isArray(x);

/** The first line is k6's: a Metric or Point object naming its `metric`. */
export function isK6Json(text: string): boolean {
  const first = /^[\uFEFF\s]*([^\n]*)/.exec(text.slice(0, 65536))![1];
  if (!/^\{\s*"(?:type|metric|data)"/.test(first)) return false;
  try {
    const line: unknown = JSON.parse(first);
    return (
      isObject(line) && (line.type === "Metric" || line.type === "Point") && typeof line.metric === "string"
    );
  } catch {
    return false;
  }
}

export function readK6Json(
  text: string,
  opts: { unit: ValueUnit; column?: string; sum?: boolean; series?: readonly LabelMatch[] },
): ReadResult {
  if (opts.unit !== "requests")
    return { problems: [errorAt(trafficMessages.k6NotRequests(opts.unit, "JSON"), 0, 0)] };
  if (opts.sum) return optionRefusal(trafficMessages.optionNotForExport("sum", "k6Json"), "sum");
  const metric = opts.column ?? "http_reqs";
  const wanted = opts.series ?? [];
  const perSecond = new PerSecond();
  const metrics = new Set<string>();
  /** The first wanted tag's values among the metric's points, for the message when none match. */
  const seen = new Set<string>();
  let points = 0;
  const problems: ReadProblem[] = [];
  const rowErrors = new RowErrors(problems);
  const fail = rowErrors.fail;
  for (const read of jsonLines(text)) {
    const lineStart = read.offset;
    const end = read.offset + read.length;
    if ("syntaxError" in read) {
      fail(errorAt(trafficMessages.jsonSyntax(read.syntaxError, "k6"), lineStart, end - lineStart));
      continue;
    }
    const line = read.value;
    if (!isObject(line) || typeof line.metric !== "string") continue;
    metrics.add(line.metric);
    if (line.type !== "Point" || line.metric !== metric) continue;
    points++;
    const data = isObject(line.data) ? line.data : {};
    const tags = isObject(data.tags) ? data.tags : {};
    if (wanted.length > 0) {
      seen.add(String(tags[wanted[0].name] ?? ""));
      if (!wanted.every((m) => String(tags[m.name] ?? "") === m.value)) continue;
    }
    const time = typeof data.time === "string" ? parseTime(data.time) : undefined;
    if (time === undefined || time.kind !== "timestamp") {
      fail(errorAt(trafficMessages.badTime(String(data.time ?? "")), lineStart, end - lineStart));
      continue;
    }
    if (typeof data.value !== "number" || !(data.value >= 0)) {
      fail(errorAt(trafficMessages.badValue(String(data.value), "requests"), lineStart, end - lineStart));
      continue;
    }
    perSecond.add(time.seconds, data.value);
  }
  rowErrors.close();
  if (problems.length > 0) return { problems };
  if (perSecond.size === 0) {
    if (points > 0 && wanted.length > 0) {
      const text = wanted.map((m) => `${m.name}="${m.value}"`).join(" ");
      return optionRefusal(trafficMessages.noRequestMatches(text, wanted[0].name, [...seen]), "series");
    }
    const message = trafficMessages.k6NoSamples(metric, [...metrics], "JSON");
    return {
      problems: [
        opts.column === undefined
          ? errorAt(message, 0, 0)
          : { message, severity: "error", at: { option: "column" } },
      ],
    };
  }
  return { signal: perSecond.signal(), problems };
}
