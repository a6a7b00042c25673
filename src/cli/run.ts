/**
 * `replicast run FILE`: run one scenario and print its report (or its JSON), optionally
 * drawing its chart. Exit 0 when every expectation holds, 1 when any fails, 2 for unusable input.
 */
import { runWith } from "../scenario/api.ts";
import { formatTime } from "../text/format.ts";
import { writeReport } from "../scenario/report.ts";
import { writeResultJson, type ScenarioResult } from "../scenario/result.ts";
import { cannotRead } from "../scenario/host.ts";
import type { ScenarioServices } from "../scenario/services.ts";
import type { Deadline } from "../scenario/budget.ts";
import { ChartKind, isChartKind } from "../charts/index.ts";
import { colorsFor } from "./colors.ts";
import { renderDiagnostics } from "./diagnostics.ts";
import type { CliIO } from "./io.ts";
import { youngGenerationStep } from "./youngGeneration.ts";

export interface RunFlags {
  json?: boolean;
  allowOutside?: boolean;
  chart?: string;
  /** Which chart `--chart` draws: dashboard (the default), rollout, hpa, metric, load or why. */
  chartKind?: string;
  /** false (`--no-aggregate`): print every repeated warning instead of "(x4 over 45s)". */
  aggregate?: boolean;
}

/** Runs quicker than this (wall clock) show no progress line: it would only flicker. */
export const PROGRESS_AFTER_MS = 500;

/** The exit status of a result: 0 passed, 1 failed, 2 unusable input. */
export const exitCodeOf = (r: ScenarioResult): number => (r.status === "error" ? 2 : r.passed ? 0 : 1);

/** Read and run one scenario file; unreadable files come back as an unusable result. */
export function runFile(
  file: string,
  io: CliIO,
  services: ScenarioServices,
  flags: RunFlags,
  progress = false,
  deadline?: Deadline,
  outputOnly = false,
): ScenarioResult | { unreadable: string } {
  const text = io.host.readFile(file);
  if (text === undefined) return { unreadable: `${cannotRead(file, io.host)}\n` };
  let shown = false;
  const started = io.clock();
  // Every step of the run, shown or not: the bin's young generation is looked at there.
  const onProgress = (now: number, end: number): void => {
    youngGenerationStep();
    if (!progress || (!shown && io.clock() - started < PROGRESS_AFTER_MS)) return;
    shown = true;
    io.stderr(`\r\x1b[2Ksimulating ${file}: ${formatTime(now)} of ${formatTime(end)}`);
  };
  const result = runWith(services, text, file, {
    host: io.host,
    allowOutside: flags.allowOutside,
    onProgress,
    deadline,
    outputOnly,
  });
  if (shown) io.stderr("\r\x1b[2K");
  return result;
}

export async function runCommand(
  file: string,
  flags: RunFlags,
  io: CliIO,
  services: ScenarioServices,
): Promise<number> {
  if (flags.chart !== undefined) {
    const charts = await loadCharts();
    if (!charts) {
      io.stderr("replicast: charts are not available\n");
      return 2;
    }
    if (charts.chartFormat(flags.chart) === undefined) {
      io.stderr(
        `replicast: cannot tell the chart format of "${flags.chart}": use .svg, .png, .html or .vl.json\n`,
      );
      return 2;
    }
  }
  if (flags.chartKind !== undefined && !isChartKind(flags.chartKind)) {
    io.stderr(
      `replicast: unknown chart kind "${flags.chartKind}": use ${Object.keys(ChartKind).join(", ")}\n`,
    );
    return 2;
  }
  // Without a chart, only the report or the JSON below reads the run's trace.
  const r = runFile(
    file,
    io,
    services,
    flags,
    io.stderrIsTTY && !flags.json,
    undefined,
    flags.chart === undefined,
  );
  if ("unreadable" in r) {
    io.stderr(r.unreadable);
    return 2;
  }
  const errColors = colorsFor(io.stderrIsTTY);
  if (r.diagnostics.length > 0)
    io.stderr(renderDiagnostics(r.diagnostics, (f) => io.host.readFile(f), errColors));
  if (flags.json) {
    // In pieces as well, the events read from the trace one at a time (result.ts).
    writeResultJson(r, (piece) => io.stdout(piece), { series: true });
    io.stdout("\n");
  } else if (r.status !== "error")
    // In pieces as it is formatted: a long run's whole report would be the run's peak of memory.
    writeReport(r, (chunk) => io.stdout(chunk), colorsFor(io.stdoutIsTTY), {
      aggregate: flags.aggregate !== false,
    });
  if (flags.chart !== undefined && r.trace) {
    const charts = await loadCharts();
    try {
      await charts!.writeChart({ trace: r.trace, title: r.title }, flags.chart, flags.chartKind as ChartKind);
      if (!flags.json) io.stderr(`chart written to ${flags.chart}\n`);
    } catch (e) {
      io.stderr(
        `replicast: cannot write the chart to "${flags.chart}": ${e instanceof Error ? e.message : String(e)}\n`,
      );
      return 2;
    }
  }
  return exitCodeOf(r);
}

interface Charts {
  writeChart(
    result: { trace: NonNullable<ScenarioResult["trace"]>; title?: string },
    path: string,
    kind?: ChartKind,
    opts?: { hpa?: string; deployment?: string },
  ): Promise<void>;
  chartFormat(path: string): unknown;
}

/** The charts module is Node-only and heavy (vega, resvg): loaded only when asked for. */
export async function loadCharts(): Promise<Charts | undefined> {
  try {
    const m = (await import("../charts/render.ts")) as Partial<Charts>;
    return typeof m.writeChart === "function" && typeof m.chartFormat === "function"
      ? (m as Charts)
      : undefined;
  } catch {
    return undefined;
  }
}
