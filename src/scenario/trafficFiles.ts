/**
 * The traffic files a scenario's `load … file "F"` statements name, read before the run as
 * manifests are: through the scenario's FileHost, relative to its folder, refused outside it
 * unless allowed. What the reader says (src/traffic) becomes diagnostics — a bad row at its
 * own FILE:LINE:COL in the data file, an option that picks nothing (`series`, `column`,
 * `sum`) on the statement — and a file read twice is read once.
 */
import type { AstTrafficFile, Span } from "../dsl/ast.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import { LineMap } from "../dsl/span.ts";
import type { Signal } from "../engine/workload/signal.ts";
import { readTraffic, trafficMessages, type ReadProblem, type ValueUnit } from "../traffic/index.ts";
import { dirname, type FileHost } from "./host.ts";
import { messages } from "./messages.ts";
import { diagnosticAt } from "./targets.ts";

export interface TrafficContext {
  /** The scenario file. */
  file: string;
  host: FileHost;
  allowOutside: boolean;
  diagnostics: Diagnostic[];
  /** Signals by file and options, so a file replayed twice is read and reported once. */
  cache: Map<string, Signal | undefined>;
}

/** The signal a `file "…"` replays, or undefined when it cannot be read (diagnostics say why). */
export function loadTrafficFile(ctx: TrafficContext, f: AstTrafficFile, unit: ValueUnit): Signal | undefined {
  const folder = dirname(ctx.file);
  const path = ctx.host.resolve(folder, f.path);
  const key = JSON.stringify([path, unit, f.series, f.column, f.sum === true]);
  if (ctx.cache.has(key)) return ctx.cache.get(key);
  const done = (signal: Signal | undefined): Signal | undefined => {
    ctx.cache.set(key, signal);
    return signal;
  };
  if (!ctx.allowOutside && !ctx.host.isInside(folder, path)) {
    ctx.diagnostics.push(diagnosticAt(ctx.file, messages.pathOutside(f.path), f.span));
    return done(undefined);
  }
  const text = ctx.host.readFile(path);
  if (text === undefined) {
    // As for manifests: the reason when the host knows it ("not a regular file", "too large").
    const why = ctx.host.whyUnreadable?.(path)?.message;
    ctx.diagnostics.push(diagnosticAt(ctx.file, messages.fileNotFound(f.path, why), f.span));
    return done(undefined);
  }
  const read = readTraffic(text, { unit, series: f.series, column: f.column, sum: f.sum === true });
  // An option for the other format picks nothing: say so on the statement.
  if (read.format === "csv" && f.series && f.seriesSpan) {
    ctx.diagnostics.push(
      diagnosticAt(ctx.file, trafficMessages.optionNotForFormat("series", "csv"), f.seriesSpan),
    );
    return done(undefined);
  }
  if (read.format === "prometheus" && f.column && f.columnSpan) {
    ctx.diagnostics.push(
      diagnosticAt(ctx.file, trafficMessages.optionNotForFormat("column", "prometheus"), f.columnSpan),
    );
    return done(undefined);
  }
  let lines: LineMap | undefined;
  for (const p of read.problems)
    ctx.diagnostics.push(placed(p, path, () => (lines ??= new LineMap(text)), ctx, f));
  return done(read.problems.some((p) => p.severity === "error") ? undefined : read.signal);
}

/** A reader's problem as a diagnostic: in the data file, or on the statement's option. */
function placed(
  p: ReadProblem,
  path: string,
  lines: () => LineMap,
  ctx: TrafficContext,
  f: AstTrafficFile,
): Diagnostic {
  if ("offset" in p.at)
    return diagnosticAt(path, p.message, lines().span(p.at.offset, p.at.length), p.severity);
  const spans: Record<string, Span | undefined> = {
    series: f.seriesSpan,
    column: f.columnSpan,
    sum: f.sumSpan,
  };
  return diagnosticAt(ctx.file, p.message, spans[p.at.option] ?? f.span, p.severity);
}
