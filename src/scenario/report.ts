/**
 * The text report: a timeline (events and command output at their times), then every
 * expectation ✓/✗ with its line, failures with what the value actually was, and a summary.
 * Pure: colours come from an injected colorizer (the CLI passes picocolors' when stdout is
 * a TTY), so the same function serves files, tests and notebooks.
 */
import { humanDuration } from "../k8s/duration.ts";
import { formatTime } from "../text/format.ts";
import { eventsOf, type EventsAt, type ScenarioResult } from "./result.ts";

export interface Colors {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  cyan(s: string): string;
}

const id = (s: string): string => s;
export const noColors: Colors = { green: id, red: id, yellow: id, dim: id, bold: id, cyan: id };

export interface TimelineOptions {
  /** Show the events of individual pods (Scheduled, Pulled, Created, Started, Killing…). Default false. */
  podEvents?: boolean;
  /**
   * Fold a repeated identical warning into its first line, `(x4 over 45s)`, as kubectl
   * aggregates events (default true); false prints every one.
   */
  aggregate?: boolean;
}

/**
 * The Event API server keeps an event for `--event-ttl` (1h) after its last update; a warning
 * that comes back later is a new event, not one more of the old one's count.
 */
const EVENT_TTL = 3600;

/**
 * Which events a timeline prints and with what count: client-go's EventCorrelator records an
 * event identical to one it recorded (same object, type, reason and message) by raising that
 * event's count and lastTimestamp (events_cache.go, eventLogger.eventObserve), and kubectl
 * describe prints it once, "(x4 over 45s)" (describe.go DescribeEvents). Warnings are folded
 * so: a reader sees the first occurrence, how many followed, over how long.
 */
function warningSeries(
  events: EventsAt,
  shown: Uint8Array,
): { lead: Uint8Array; suffix: Map<number, string> } {
  const lead = shown.slice();
  type Series = { index: number; first: number; last: number; count: number };
  const open = new Map<string, Series>();
  const all: Series[] = [];
  for (let i = 0; i < events.length; i++) {
    if (!shown[i] || !events.warning(i)) continue;
    const e = events.at(i)!;
    const key = `${e.namespace ?? ""}\u0000${e.object}\u0000${e.reason}\u0000${e.message}`;
    const series = open.get(key);
    if (series && e.time - series.last <= EVENT_TTL) {
      series.count++;
      series.last = e.time;
      lead[i] = 0;
    } else {
      const fresh = { index: i, first: e.time, last: e.time, count: 1 };
      open.set(key, fresh);
      all.push(fresh);
    }
  }
  const suffix = new Map<number, string>();
  for (const s of all)
    if (s.count > 1) suffix.set(s.index, ` (x${s.count} over ${humanDuration(s.last - s.first)})`);
  return { lead, suffix };
}

/**
 * The timeline: events in emission order, each command's output placed after the events
 * emitted before it ran; a watch's later rows stand alone at their times. Example:
 *     0s  $ kubectl create deployment web --image=nginx
 *         deployment.apps/web created
 *     0s  Normal   ScalingReplicaSet  deployment/web  Scaled up replica set web-5d8f7c6b9 to 1
 */
export function formatTimeline(
  r: ScenarioResult,
  c: Colors = noColors,
  opts: TimelineOptions = {},
): string[] {
  const out: string[] = [];
  timelineLines(r, c, opts, (line) => out.push(line));
  return out;
}

/**
 * The timeline one line at a time, so a long run's report reaches its reader without all of
 * its lines (the ×10 day's are ~25 MB of heap for 2.8 MB of text) alive at once. The time
 * column's width comes first from every entry's time, then the lines follow in order.
 */
function timelineLines(
  r: ScenarioResult,
  c: Colors,
  opts: TimelineOptions,
  line: (text: string) => void,
): void {
  // The run's events as the trace holds them, each record made as it is read (result.ts): only
  // a shown event's, and once, where its line is printed (the ×10 day shows 24,900 of 88,675).
  const events = eventsOf(r);
  const n = events.length;
  const eligible = new Uint8Array(n);
  let hidden = 0;
  for (let i = 0; i < n; i++)
    if (opts.podEvents || !events.ofPod(i)) eligible[i] = 1;
    else hidden++;
  const { lead: shown, suffix } =
    opts.aggregate === false
      ? { lead: eligible, suffix: new Map<number, string>() }
      : warningSeries(events, eligible);
  let reasonWidth = 0;
  // Every command output opens an entry or continues one at its own time, so the entries'
  // times are the shown events' and the outputs'.
  let width = 3;
  let measured = NaN;
  for (let i = 0; i < n; i++) {
    if (!shown[i]) continue;
    reasonWidth = Math.max(reasonWidth, events.reason(i).length);
    // Events come in time order, many at one time: each time's text measured once in a row.
    const t = events.time(i);
    if (t !== measured) width = Math.max(width, formatTime((measured = t)).length);
  }
  reasonWidth = Math.min(28, reasonWidth);
  for (const out of r.output) width = Math.max(width, formatTime(out.time).length);
  const blank = " ".repeat(width);
  // The time column of the last time printed, and the type and reason columns by their text:
  // a few dozen distinct texts for thousands of lines.
  let columnTime = NaN;
  let column = "";
  const timeColumn = (time: number): string =>
    time === columnTime ? column : (column = c.dim(formatTime((columnTime = time)).padStart(width)));
  /** By type, then reason: the type and reason columns and the spaces after them. */
  const columns = new Map<string, Map<string, string>>();
  const columnsOf = (type: string, reason: string): string => {
    let byReason = columns.get(type);
    if (byReason === undefined) columns.set(type, (byReason = new Map()));
    let text = byReason.get(reason);
    if (text === undefined) {
      const typeColumn = type === "Warning" ? c.yellow(type.padEnd(7)) : type.padEnd(7);
      byReason.set(reason, (text = `${typeColumn}  ${reason.padEnd(reasonWidth)}  `));
    }
    return text;
  };
  // Lines already printed of the current entry: its first carries the time, the rest indent.
  let entryTime = 0;
  let entryLines = 0;
  const entryLine = (l: string): void => {
    line(`  ${entryLines++ === 0 ? timeColumn(entryTime) : blank}  ${l}`);
  };
  const openEntry = (time: number): void => {
    entryTime = time;
    entryLines = 0;
  };
  let o = 0;
  /** The output the current entry prints, when it prints one (consecutive output of one command joins it). */
  let source: ScenarioResult["output"][number] | undefined;
  const pushOutputs = (upTo: number): void => {
    while (o < r.output.length && r.output[o].afterEvents <= upTo) {
      const out = r.output[o++];
      const continues =
        source !== undefined &&
        source.command === out.command &&
        source.line === out.line &&
        source.time === out.time;
      if (out.watch || !continues) openEntry(out.time);
      if (!out.watch && !continues) entryLine(c.cyan(`$ ${out.command}`));
      // A command that printed nothing yet (a `kubectl wait` still waiting) shows its prompt alone.
      if (out.text !== "")
        for (const l of out.text.split("\n")) entryLine(out.error ? c.red(l) : out.note ? c.dim(l) : l);
      source = out;
    }
  };
  // An event line's text up to its object, kept while the time and the columns repeat (a
  // ReplicaSet's creates at one second): each `+` of a line is one more cons string to make
  // and to flatten when the chunk is written, 24,900 lines in the ×10 day.
  let leadTime = NaN;
  let leadColumns = "";
  let lead = "";
  const suffixes = suffix.size > 0;
  for (let i = 0; i < n; i++) {
    pushOutputs(i);
    if (!shown[i]) continue;
    const e = events.at(i)!;
    // The event opens its own entry, whose first line it is (entryLine's, in one text).
    openEntry(e.time);
    entryLines = 1;
    source = undefined;
    const columns = columnsOf(e.type, e.reason);
    if (e.time !== leadTime || columns !== leadColumns)
      lead = `  ${timeColumn((leadTime = e.time))}  ${(leadColumns = columns)}`;
    const message = suffixes ? e.message + (suffix.get(i) ?? "") : e.message;
    // Outside `default`, the language's spelling of a target: `prod/deployment/web`.
    line(`${e.namespace ? `${lead}${e.namespace}/` : lead}${e.object}  ${message}`);
  }
  pushOutputs(Infinity);
  if (hidden > 0)
    line(c.dim(`  (${hidden} pod event${hidden === 1 ? "" : "s"} not shown; --json lists every event)`));
}

/** The whole report. */
export function formatReport(r: ScenarioResult, c: Colors = noColors, opts: TimelineOptions = {}): string {
  const chunks: string[] = [];
  writeReport(r, (chunk) => chunks.push(chunk), c, opts);
  return chunks.join("");
}

/** Text is handed on once this much has gathered: few writes, and no whole report held. */
const CHUNK_CHARS = 1 << 16;

/**
 * The whole report, handed to `write` in pieces as it is formatted (the CLI passes stdout);
 * the pieces joined are formatReport's text.
 */
export function writeReport(
  r: ScenarioResult,
  write: (chunk: string) => void,
  c: Colors = noColors,
  opts: TimelineOptions = {},
): void {
  let pending = "";
  const line = (text: string): void => {
    pending += text + "\n";
    if (pending.length >= CHUNK_CHARS) {
      write(pending);
      pending = "";
    }
  };
  reportLines(r, c, opts, line);
  if (pending !== "") write(pending);
}

function reportLines(
  r: ScenarioResult,
  c: Colors,
  opts: TimelineOptions,
  line: (text: string) => void,
): void {
  line(c.bold(r.title ? `${r.file} — ${r.title}` : r.file));
  if (r.status === "error") {
    line(c.red("the scenario could not be run (see the errors above)"));
    return;
  }
  line("");
  timelineLines(r, c, opts, line);
  line("");
  if (r.stopped) {
    line(c.bold("Stopped"));
    line(`  ${c.red("✗")} ${c.red(r.stopped.message)}`);
    line("");
  }
  if (r.stored?.length) {
    line(c.bold("Stored, not simulated"));
    const width = Math.max(...r.stored.map((n) => n.kind.length));
    for (const n of r.stored) line(`  ${n.kind.padEnd(width)}  ${c.dim(shortList(n.names))}`);
    line("");
  }
  if (r.failures.length > 0) {
    line(c.bold("Failed commands"));
    for (const f of r.failures) {
      line(`  ${c.red("✗")} line ${f.line} at ${formatTime(f.time)}  ${f.command}`);
      for (const l of f.message.split("\n")) line(`      ${c.red(l)}`);
    }
    line("");
  }
  if (r.expectations.length > 0) {
    line(c.bold("Expectations"));
    for (const e of r.expectations) {
      if (e.passed) line(`  ${c.green("✓")} line ${e.line}  ${e.text}`);
      else {
        line(`  ${c.red("✗")} line ${e.line}  ${e.text}`);
        line(`      ${c.red(e.message)}`);
        // Why, from the decision nearest to where it failed.
        if (e.explanation) for (const l of e.explanation) line(`      ${c.dim(l)}`);
      }
    }
    line("");
  }
  line(summary(r, c));
}

/** Up to five names, then how many more: "a, b, c, d, e and 3 more". */
function shortList(names: readonly string[]): string {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/** "PASS  3 expectations: 3 passed, 0 failed · simulated 10m"; "DONE  no expectations to check · …". */
export function summary(r: ScenarioResult, c: Colors = noColors): string {
  const passed = r.expectations.filter((e) => e.passed).length;
  const failed = r.expectations.length - passed;
  const parts = [
    r.expectations.length === 0
      ? "no expectations to check"
      : `${r.expectations.length} expectation${r.expectations.length === 1 ? "" : "s"}: ${c.green(`${passed} passed`)}, ${failed > 0 ? c.red(`${failed} failed`) : `${failed} failed`}`,
  ];
  if (r.failures.length > 0)
    parts.push(c.red(`${r.failures.length} command${r.failures.length === 1 ? "" : "s"} failed`));
  if (r.stopped) parts.push(c.red(`stopped at ${formatTime(r.stopped.time)}`));
  parts.push(`simulated ${formatTime(r.duration)}`);
  // Nothing checked is not a pass: a run without expectations says it ran, no more.
  const verdict = !r.passed ? c.red("FAIL") : r.expectations.length === 0 ? "DONE" : c.green("PASS");
  return `${verdict}  ${parts.join(" · ")}`;
}
