/**
 * `replicast test [DIRS|FILES…]`: every scenario as a test, a line each, then
 * `N passed, N failed`. Exit 1 when any fails (or cannot be used), 2 when there is nothing to
 * run or a flag is wrong.
 *
 * Scenarios are collected, narrowed by --filter and --shard (src/testing/select.ts), run by
 * an executor — on worker threads when the IO is the real disk, else in-process — and
 * reported in file order whatever order they finish in, so the output is the same on every
 * run. --bail stops handing out scenarios at the first failure; what is reported then is
 * every scenario up to the first failing one in file order (the same set however the
 * threads were scheduled, because scenarios are handed out in file order).
 */
import { writeFileSync } from "node:fs";
import type { ScenarioServices } from "../scenario/services.ts";
import type { ScenarioExecutor } from "../testing/executor.ts";
import { outcomeOf, unreadableOutcome, type TestOutcome } from "../testing/outcome.ts";
import { parseShard, selectScenarios, type Shard } from "../testing/select.ts";
import { colorsFor } from "./colors.ts";
import { renderDiagnostics } from "./diagnostics.ts";
import type { CliIO } from "./io.ts";
import { junitReporter } from "./reporters/junit.ts";
import { summarize, type TestReporter, type TestSummary } from "./reporters/reporter.ts";
import { tapReporter } from "./reporters/tap.ts";
import { runFile } from "./run.ts";
import { parseDuration } from "../dsl/units.ts";
import { wallClockDeadline } from "../testing/deadline.ts";

export type { TestOutcome } from "../testing/outcome.ts";
export type { TestReporter, TestSummary } from "./reporters/reporter.ts";

export interface TestFlags {
  allowOutside?: boolean;
  /** Write JUnit XML to this file. */
  junit?: string;
  /** "text" (default) or "tap". */
  reporter?: string;
  /** Keep scenarios whose path contains this (`*` matches anything). */
  filter?: string;
  /** Stop at the first failing scenario. */
  bail?: boolean;
  /** `i/n`: run the i-th of n parts of the sorted suite. */
  shard?: string;
  /** Threads; default min(cores, scenarios); 1 runs in-process. */
  jobs?: string | number;
  /** Wall-clock budget per scenario, a duration ("30s", "5m"); default DEFAULT_TIMEOUT. */
  timeout?: string;
  /** Heap budget per worker thread, MB; default DEFAULT_MAX_MEMORY_MB. */
  maxMemory?: string;
}

/** A scenario that runs longer than this (wall clock) is stopped and fails: 5 minutes. */
export const DEFAULT_TIMEOUT = "5m";
/** A worker thread whose heap grows past this is stopped and its scenario fails. */
export const DEFAULT_MAX_MEMORY_MB = 2048;

/** `--timeout 30s` → 30000 ms; an error for anything but a positive duration. */
export function parseTimeout(v: string | undefined): number | { error: string } {
  const s = parseDuration((v ?? DEFAULT_TIMEOUT).trim());
  if (s === undefined || !(s > 0) || !Number.isFinite(s))
    return { error: `--timeout must be a duration such as 30s or 5m; got "${v}"` };
  return s * 1000;
}

/** `--max-memory 1024` → 1024 (MB); at least 64. */
function parseMaxMemory(v: string | undefined): number | { error: string } {
  if (v === undefined) return DEFAULT_MAX_MEMORY_MB;
  const n = /^\d{1,7}$/.test(v.trim()) ? Number(v) : NaN;
  if (!(n >= 64)) return { error: `--max-memory must be a number of megabytes, at least 64; got "${v}"` };
  return n;
}

export interface TestOptions {
  /** Replaces the reporters the flags choose. */
  reporters?: TestReporter[];
  /** Replaces the executor (in-process or the worker pool). */
  executor?: ScenarioExecutor;
  /** Where --junit writes (default: the file system). */
  writeFile?(path: string, text: string): void;
  /** Cores, for the default pool size (default: the machine's). */
  cores?: number;
}

export const REPORTERS = ["text", "tap"] as const;

/** Run one file in this thread. */
export function runOne(file: string, io: CliIO, services: ScenarioServices, flags: TestFlags): TestOutcome {
  const started = io.clock();
  const timeout = parseTimeout(flags.timeout);
  const deadline = typeof timeout === "number" ? wallClockDeadline(io.clock, timeout) : undefined;
  const r = runFile(file, io, services, { allowOutside: flags.allowOutside }, false, deadline);
  if ("unreadable" in r) return unreadableOutcome(file, r.unreadable);
  return outcomeOf(file, r, io.clock() - started);
}

export function inProcessExecutor(io: CliIO, services: ScenarioServices, flags: TestFlags): ScenarioExecutor {
  return {
    concurrency: 1,
    run: (file) => Promise.resolve(runOne(file, io, services, flags)),
    close: () => Promise.resolve(),
  };
}

/** The default reporter: `✓ file (N expectations)` / `✗ file` with reasons, then the totals. */
export function textReporter(io: CliIO): TestReporter {
  const c = colorsFor(io.stdoutIsTTY);
  const ce = colorsFor(io.stderrIsTTY);
  return {
    onOutcome(o) {
      const n = o.result?.expectations.length ?? 0;
      if (o.passed)
        io.stdout(`${c.green("✓")} ${o.file} ${c.dim(`(${n} expectation${n === 1 ? "" : "s"})`)}\n`);
      else {
        io.stdout(`${c.red("✗")} ${o.file}\n`);
        for (const r of o.reasons) io.stdout(`    ${r}\n`);
        // A failed run's warnings too: they often say why (an add-on's kind left out, the
        // first of several columns replayed), which `run` would have printed first.
        if (o.result && o.result.diagnostics.length > 0)
          io.stderr(renderDiagnostics(o.result.diagnostics, (f) => io.host.readFile(f), ce));
      }
    },
    onEnd(outcomes, summary?: TestSummary) {
      const s = summary ?? summarize(outcomes, outcomes.length);
      if (s.notRun > 0)
        io.stdout(
          `--bail: stopped at the first failure; ${s.notRun} scenario${s.notRun === 1 ? "" : "s"} not run\n`,
        );
      io.stdout(`${s.passed} passed, ${s.failed} failed\n`);
    },
  };
}

/** Parse `--jobs`: a positive whole number. */
function parseJobs(v: string | number | undefined): number | undefined | { error: string } {
  if (v === undefined) return undefined;
  const n = typeof v === "number" ? v : /^\d+$/.test(v.trim()) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1) return { error: `--jobs must be a positive whole number; got "${v}"` };
  return n;
}

export async function testCommand(
  paths: readonly string[],
  flags: TestFlags,
  io: CliIO,
  services: ScenarioServices,
  options: TestOptions = {},
): Promise<number> {
  const reporterName = flags.reporter ?? "text";
  if (!(REPORTERS as readonly string[]).includes(reporterName)) {
    io.stderr(`replicast: unknown reporter "${reporterName}": use ${REPORTERS.join(" or ")}\n`);
    return 2;
  }
  let shard: Shard | undefined;
  if (flags.shard !== undefined) {
    const s = parseShard(flags.shard);
    if ("error" in s) {
      io.stderr(`replicast: ${s.error}\n`);
      return 2;
    }
    shard = s;
  }
  const jobs = parseJobs(flags.jobs);
  if (typeof jobs === "object") {
    io.stderr(`replicast: ${jobs.error}\n`);
    return 2;
  }
  const timeoutMs = parseTimeout(flags.timeout);
  const maxMemoryMb = parseMaxMemory(flags.maxMemory);
  for (const v of [timeoutMs, maxMemoryMb])
    if (typeof v === "object") {
      io.stderr(`replicast: ${v.error}\n`);
      return 2;
    }
  if (flags.junit !== undefined && flags.junit.trim() === "") {
    io.stderr(`replicast: --junit needs a file name\n`);
    return 2;
  }

  const { files: found, missing } = io.findScenarios(paths.length > 0 ? paths : ["."]);
  for (const m of missing) io.stderr(`replicast: no such file or directory: "${m}"\n`);
  if (found.length === 0) {
    io.stderr(`replicast: no scenarios (*.scn) found in ${paths.length > 0 ? paths.join(", ") : "."}\n`);
    return 2;
  }
  const { files, matched } = selectScenarios(found, { filter: flags.filter, shard });
  if (matched === 0) {
    io.stderr(`replicast: no scenario matches --filter "${flags.filter}" (of ${found.length} found)\n`);
    return 2;
  }

  const reporters = options.reporters ?? [
    reporterName === "tap" ? tapReporter((s) => io.stdout(s)) : textReporter(io),
    ...(flags.junit !== undefined
      ? [junitReporter((xml) => (options.writeFile ?? writeFileSync)(flags.junit!, xml))]
      : []),
  ];
  for (const r of reporters) r.onStart?.(files);

  const started = io.clock();
  // Loaded here, not with the CLI: node:worker_threads and node:os (with the perf_hooks and
  // worker modules they bring in) are Node modules every other command would load for nothing.
  const { poolSize, workerPool } = await import("../testing/pool.ts");
  const size = Math.min(jobs ?? poolSize(files.length, options.cores), Math.max(1, files.length));
  const executor =
    options.executor ??
    (size > 1 && io.workers
      ? workerPool(size, {
          allowOutside: flags.allowOutside,
          timeoutMs: timeoutMs as number,
          maxMemoryMb: maxMemoryMb as number,
        })
      : inProcessExecutor(io, services, flags));
  const outcomes = await runAll(files, executor, io, flags.bail === true, (o) => {
    for (const r of reporters) r.onOutcome(o);
  });
  await executor.close();

  const summary = summarize(outcomes, files.length, io.clock() - started);
  try {
    for (const r of reporters) r.onEnd(outcomes, summary);
  } catch (e) {
    io.stderr(
      `replicast: cannot write the JUnit report to "${flags.junit}": ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 2;
  }
  if (missing.length > 0) return 2;
  return outcomes.every((o) => o.passed) ? 0 : 1;
}

/**
 * Hand out files in order to at most `executor.concurrency` at once; report outcomes in file
 * order as soon as every earlier one is in. With `bail`, nothing new is handed out once any
 * scenario has failed, and reporting stops after the first failure in file order.
 */
async function runAll(
  files: readonly string[],
  executor: ScenarioExecutor,
  io: CliIO,
  bail: boolean,
  report: (o: TestOutcome) => void,
): Promise<TestOutcome[]> {
  const done: (TestOutcome | undefined)[] = files.map(() => undefined);
  const reported: TestOutcome[] = [];
  const running = new Set<string>();
  let next = 0;
  let failedSeen = false;
  let stopped = false;
  const progress = io.stderrIsTTY && files.length > 1;
  let finished = 0;

  const showProgress = (): void => {
    if (!progress || running.size === 0) return;
    const names = [...running].map((f) => f.slice(f.lastIndexOf("/") + 1)).join(", ");
    const line = `${finished}/${files.length} done · running ${names}`;
    io.stderr(`\r\x1b[2K${line.length > 100 ? `${line.slice(0, 99)}…` : line}`);
  };
  const flush = (): void => {
    while (!stopped && reported.length < files.length && done[reported.length]) {
      const o = done[reported.length]!;
      reported.push(o);
      if (progress) io.stderr("\r\x1b[2K");
      report(o);
      if (bail && !o.passed) stopped = true;
    }
    showProgress();
  };

  await new Promise<void>((resolve) => {
    let inFlight = 0;
    const pump = (): void => {
      while (inFlight < executor.concurrency && next < files.length && !(bail && failedSeen)) {
        const i = next++;
        inFlight++;
        running.add(files[i]);
        void executor
          .run(files[i])
          .catch((e: unknown) =>
            unreadableOutcome(
              files[i],
              `replicast: internal error in ${files[i]}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`,
            ),
          )
          .then((o) => {
            inFlight--;
            finished++;
            running.delete(files[i]);
            done[i] = o;
            if (!o.passed) failedSeen = true;
            flush();
            pump();
          });
      }
      showProgress();
      if (inFlight === 0) resolve();
    };
    pump();
  });
  if (progress) io.stderr("\r\x1b[2K");
  return reported;
}
