/**
 * The runner: schedules every planned action in a simulation, runs it to the plan's end,
 * then checks the expectations over the trace. Reads (get, describe, rollout status and
 * history) print into the run's output at their times; a watch (`watch TARGET`, `kubectl get
 * -w`) is kubectl's own: the first table, then a row at every change as the store changes; a
 * failing action (a kubectl error) is reported with its statement's line and never stops the run.
 */
import type { Trace } from "../engine/trace.ts";
import type { ParsedCommand } from "../kubectl/command.ts";
import { explainTarget, explanationText } from "../explain/index.ts";
import { targetsStyleOf } from "../kubectl/version.ts";
import { checkExpectations } from "./expectations.ts";
import { dirname, type FileHost } from "./host.ts";
import type { ListDir } from "../kubectl/visitor.ts";
import type { Plan, PlannedAction } from "./plan.ts";
import { qualifiedNameOf } from "../k8s/namespaces.ts";
import {
  withEventsFrom,
  type ActionFailure,
  type OutputRecord,
  type ScenarioResult,
  type StoredNote,
} from "./result.ts";
import type { CommandOutput, Extension, ScenarioServices, SimulationPort } from "./services.ts";
import { targetText, type ResolvedTarget } from "./target.ts";
import { BudgetExceeded, watchBudget, type Deadline } from "./budget.ts";
import { formatTime } from "../text/format.ts";
import { limitMessages } from "./limits.ts";
import { messages } from "./messages.ts";
import { seriesOutputLeavesUnread } from "./traceReads.ts";

export interface RunOptions {
  host: FileHost;
  allowOutside?: boolean;
  /** Called as simulated time advances (at most once per simulated minute). */
  onProgress?(now: number, end: number): void;
  /** A wall-clock budget, asked as the run goes: a reason stops the run (budget.ts). */
  deadline?: Deadline;
  /** The kinds, controllers and kubectl commands the run adds. */
  extensions?: readonly Extension[];
  /**
   * Only the run's own output (its report, or `--json`) reads the result: the trace leaves out
   * the series nothing there reads (traceReads.ts), and throws if one is read after all.
   */
  outputOnly?: boolean;
}

interface LiveRow {
  time: number;
  command: string;
  line: number;
  object: string;
  text: string;
  afterEvents: number;
  /** The watch's header, when it had printed nothing before this row: it goes before its first row shown. */
  header?: string;
}

/**
 * Live watch rows as a reader wants them: one per object per instant (the state at that
 * instant, after everything due then), and none that repeats the object's previous row but
 * for its AGE. Example: rows "web 1/1 … 10s", "web 1/1 … 25s", "web 2/2 … 40s" → the 1st and 3rd.
 */
export function collapseLiveRows(rows: readonly LiveRow[]): OutputRecord[] {
  const lastAtInstant = new Map<string, LiveRow>();
  const headers = new Map<string, string>();
  for (const r of rows) {
    lastAtInstant.set(`${r.command}\u0000${r.line}\u0000${r.object}\u0000${r.time}`, r);
    const watch = `${r.command}\u0000${r.line}`;
    if (r.header !== undefined && !headers.has(watch)) headers.set(watch, r.header);
  }
  const previous = new Map<string, string>();
  const out: OutputRecord[] = [];
  for (const r of lastAtInstant.values()) {
    const key = `${r.command}\u0000${r.line}\u0000${r.object}`;
    const shown = r.text.replace(/\s+\S+$/, "");
    if (previous.get(key) === shown) continue;
    previous.set(key, shown);
    // The header was printed with the watch's first row, which this one may stand in for.
    const watch = `${r.command}\u0000${r.line}`;
    const header = headers.get(watch) ?? "";
    headers.delete(watch);
    out.push({
      time: r.time,
      command: r.command,
      text: header + r.text,
      line: r.line,
      watch: true,
      afterEvents: r.afterEvents,
    });
  }
  return out;
}

/** How far the simulation runs between progress reports, simulated seconds. */
const PROGRESS_STEP = 60;

export function runPlan(
  plan: Plan,
  services: Pick<ScenarioServices, "createSimulation" | "runKubectl" | "applyObjects" | "formatWatchRow">,
  options: RunOptions,
): ScenarioResult {
  const sim = services.createSimulation(plan.settings, options.extensions, {
    capacity: plan.capacity,
    ...(options.outputOnly ? { unreadSeries: seriesOutputLeavesUnread(plan) } : {}),
  });
  const checkBudget = watchBudget(sim, plan.settings, options.deadline);
  const output: OutputRecord[] = [];
  const failures: ActionFailure[] = [];
  const folder = dirname(plan.file);
  const readFile = (path: string): string | undefined => {
    const full = options.host.resolve(folder, path);
    if (!options.allowOutside && !options.host.isInside(folder, full)) return undefined;
    return options.host.readFile(full);
  };
  const listDir: ListDir = (path) => {
    const full = options.host.resolve(folder, path);
    if (!options.allowOutside && !options.host.isInside(folder, full)) return undefined;
    return options.host.listDir?.(full);
  };
  const io = { readFile, listDir };

  const record = (a: PlannedAction, out: CommandOutput): void => {
    const afterEvents = sim.events.length;
    // A command that goes on (`kubectl wait`) shows its prompt when it starts, as a terminal does.
    if (out.stdout === "" && out.stderr === "" && out.follow)
      output.push({ time: sim.now, command: a.text, text: "", line: a.line, afterEvents });
    if (out.stdout !== "")
      output.push({ time: sim.now, command: a.text, text: trimEnd(out.stdout), line: a.line, afterEvents });
    if (out.stderr !== "") {
      output.push({
        time: sim.now,
        command: a.text,
        text: trimEnd(out.stderr),
        line: a.line,
        error: true,
        afterEvents,
      });
      failures.push({ line: a.line, time: sim.now, command: a.text, message: failureOf(a, out) });
    }
    if (out.note !== undefined)
      output.push({ time: sim.now, command: a.text, text: out.note, line: a.line, note: true, afterEvents });
  };

  /** A statement the cluster refused (not a kubectl line): reported against its line. */
  const refused = (a: PlannedAction, err: { message: string } | undefined): void => {
    if (!err) return;
    failures.push({ line: a.line, time: sim.now, command: a.text, message: err.message });
    output.push({
      time: sim.now,
      command: a.text,
      text: err.message,
      line: a.line,
      error: true,
      afterEvents: sim.events.length,
    });
  };

  const live: LiveRow[] = [];
  /**
   * `kubectl get … -w`: the table kubectl prints first, then one row per change of what it
   * watches, as the store changes, aligned to the widths printed so far.
   */
  const startWatch = (
    a: PlannedAction,
    command: ParsedCommand,
    /** `watch TARGET` may name an object that does not exist yet: its rows start when it appears. */
    awaits?: ResolvedTarget,
  ): void => {
    const out = services.runKubectl(command, sim, io);
    const missing = awaits !== undefined && out.notFound === true;
    if (missing)
      record(a, {
        stdout: `(waiting for ${targetText(awaits, sim.kinds)} to appear)\n`,
        stderr: "",
      });
    else record(a, out);
    const w = missing
      ? { kind: awaits.kind, name: awaits.name, columns: { targetsStyle: targetsStyleOf(command.version) } }
      : out.watch;
    if (!w) return;
    const widths = w.columnWidths ?? [];
    // A table's rows are collapsed for the reader (collapseLiveRows); any other printer, or
    // --output-watch-events, prints every change the watch delivers, as kubectl does.
    const every = w.columns?.output !== undefined || w.columns?.watchEvents === true;
    sim.watchObjects([w.kind], (ch) => {
      if (w.name !== undefined && ch.object.metadata.name !== w.name) return;
      const printed = services.formatWatchRow(w.kind, ch.object, sim, widths, w.columns, ch.type);
      const { text, header } = typeof printed === "string" ? { text: printed, header: undefined } : printed;
      if (every) {
        const all = trimEnd((header ?? "") + text);
        if (all !== "")
          output.push({
            time: sim.now,
            command: a.text,
            text: all,
            line: a.line,
            watch: true,
            afterEvents: sim.events.length,
          });
        return;
      }
      // A row a `| grep` filtered out printed nothing.
      if (text === "" && header === undefined) return;
      live.push({
        time: sim.now,
        command: a.text,
        line: a.line,
        object: ch.object.metadata.name,
        text: trimEnd(text),
        afterEvents: sim.events.length,
        ...(header !== undefined ? { header } : {}),
      });
    });
  };

  /** `get events -w`, `kubectl events -w`: their lines are read from the events when the run has ended. */
  const eventWatches: {
    a: PlannedAction;
    lines: () => { time: number; afterEvents: number; text: string }[];
  }[] = [];

  /** Commands still running (keepRunning): one left when the run ends did not finish. */
  const running = new Set<PlannedAction>();
  /**
   * A command still running (`kubectl drain` retrying an eviction): what it prints later comes
   * under the same statement, without its prompt, as a watch's rows do; only its final
   * failure counts as the statement failing.
   */
  const keepRunning = (a: PlannedAction, follow: NonNullable<CommandOutput["follow"]>): void => {
    running.add(a);
    sim.at(sim.now + follow.after, `line ${a.line}: ${a.text} (running)`, () => {
      running.delete(a);
      const out = follow.next();
      printLater(a, out);
      if (out.follow) keepRunning(a, out.follow);
    });
  };

  /**
   * What a watcher prints while another statement runs (`rollout status` seeing `rollout
   * resume`'s write) comes after that statement's own output, as on a terminal.
   */
  let executing: (() => void)[] | undefined;
  /** What a running command prints after its start: under its statement, without its prompt. */
  const printLater = (a: PlannedAction, out: CommandOutput): void => {
    if (executing) {
      const at = sim.now;
      executing.push(() => pushLater(a, out, at));
      return;
    }
    pushLater(a, out, sim.now);
  };
  const pushLater = (a: PlannedAction, out: CommandOutput, time: number): void => {
    const afterEvents = sim.events.length;
    const text = trimEnd(out.stdout);
    if (text !== "") output.push({ time, command: a.text, text, line: a.line, watch: true, afterEvents });
    if (out.stderr !== "") {
      const message = trimEnd(out.stderr);
      output.push({
        time,
        command: a.text,
        text: message,
        line: a.line,
        watch: true,
        error: true,
        afterEvents,
      });
      failures.push({ line: a.line, time, command: a.text, message });
    }
  };

  /**
   * A command watching one object until satisfied (`kubectl rollout status`): what it prints at
   * each change of the object comes under the same statement; at its timeout it fails.
   */
  const watchUntil = (a: PlannedAction, until: NonNullable<CommandOutput["until"]>): void => {
    running.add(a);
    const stop = sim.watchObjects([until.kind], (ch) => {
      if (!running.has(a)) return;
      const meta = ch.object.metadata;
      if (meta.name !== until.name || (meta.namespace ?? "") !== until.namespace) return;
      const { out, done } = until.onChange(ch.type, ch.object);
      printLater(a, out);
      if (done) {
        running.delete(a);
        stop();
      }
    });
    if (until.timeout !== undefined)
      sim.at(sim.now + until.timeout, `line ${a.line}: ${a.text} (timeout)`, () => {
        if (!running.has(a)) return;
        running.delete(a);
        stop();
        printLater(a, { stdout: "", stderr: until.timeoutError + "\n" });
      });
  };

  // A folder's objects are applied file by file, each error naming its own file (kubectl's visitors).
  const applyAction = (a: Extract<PlannedAction, { kind: "apply" }>): CommandOutput => {
    if (!a.sources) return services.applyObjects(a.objects, sim, a.source);
    const outs: CommandOutput[] = [];
    for (let i = 0; i < a.objects.length;) {
      let j = i;
      while (j < a.objects.length && a.sources[j] === a.sources[i]) j++;
      outs.push(services.applyObjects(a.objects.slice(i, j), sim, a.sources[i]));
      i = j;
    }
    const count = outs.reduce((n, o) => n + (o.objects?.count ?? 0), 0);
    const failed = outs.reduce((n, o) => n + (o.objects?.failed ?? 0), 0);
    return {
      stdout: outs.map((o) => o.stdout).join(""),
      stderr: outs.map((o) => o.stderr).join(""),
      objects: { count, failed },
    };
  };

  const execute = (a: PlannedAction): void => {
    const outer = executing;
    const queued: (() => void)[] = [];
    executing = queued;
    try {
      executeNow(a);
    } finally {
      executing = outer;
      for (const print of queued) print();
    }
  };

  const executeNow = (a: PlannedAction): void => {
    try {
      switch (a.kind) {
        case "apply":
          record(a, applyAction(a));
          return;
        case "kubectl":
          if (a.watches) startWatch(a, a.command);
          else {
            const out = services.runKubectl(a.command, sim, io);
            record(a, out);
            if (out.eventWatch) eventWatches.push({ a, lines: out.eventWatch.lines });
            if (out.follow) keepRunning(a, out.follow);
            if (out.until) watchUntil(a, out.until);
          }
          return;
        case "load":
          sim.setLoad(a.deployment, a.spec);
          return;
        case "watch":
          startWatch(a, a.command, a.target);
          return;
        case "nodes":
          refused(a, sim.addNodes(a.pool, a.count));
          return;
        case "autoscaleNodes":
          refused(a, sim.autoscaleNodes(a.pool, a.autoscaling));
          return;
        case "fault": {
          // A fault that hits fewer pods than asked is the scenario's mistake: say so on its line.
          const { problem } = sim.inject(a.spec);
          if (problem !== undefined) record(a, { stdout: "", stderr: `fault: ${problem}\n` });
          return;
        }
      }
    } catch (e) {
      if (e instanceof BudgetExceeded) throw e;
      // A collaborator threw over this statement: report it against the line, keep running.
      const message = `internal error while running this statement: ${e instanceof Error ? e.message : String(e)}`;
      failures.push({ line: a.line, time: sim.now, command: a.text, message });
      output.push({
        time: sim.now,
        command: a.text,
        text: message,
        line: a.line,
        error: true,
        afterEvents: sim.events.length,
      });
    }
  };

  // Statements at one instant run in the order written (docs/language.md § Time). The writes
  // before the first read run together, before the controllers react; a read sees them, what
  // the controllers did about them and everything else due at its instant; a write written
  // after a read runs after it, and the controllers react before the next statement.
  const readSeenAt = new Set<number>();
  for (const a of plan.actions) {
    // Explanations read the finished trace: they are printed after the run (below).
    if (a.kind === "explain") continue;
    const reads = a.kind === "watch" || (a.kind === "kubectl" && (a.reads || a.watches));
    const label = `line ${a.line}: ${a.text}`;
    if (reads) {
      readSeenAt.add(a.t);
      sim.observeAt(a.t, label, () => execute(a));
    } else if (readSeenAt.has(a.t)) sim.atAfterReads(a.t, label, () => execute(a));
    else sim.at(a.t, label, () => execute(a));
  }
  let stopped: ScenarioResult["stopped"];
  try {
    advance(sim, plan.end, options.onProgress, checkBudget);
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    stopped = { time: sim.now, message: limitMessages.stopped(formatTime(sim.now), e.reason).message };
  }
  const trace = sim.trace();

  // A command the run ended under (a wait with a negative timeout, a drain still evicting)
  // did not return: said as a failure, never left to look like it finished.
  if (!stopped)
    for (const a of running) {
      const message = messages.stillRunning(formatTime(sim.now)).message;
      output.push({
        time: sim.now,
        command: a.text,
        text: message,
        line: a.line,
        watch: true,
        error: true,
        afterEvents: sim.events.length,
      });
      failures.push({ line: a.line, time: sim.now, command: a.text, message });
    }
  for (const item of collapseLiveRows(live)) output.push(item);
  for (const { a, lines } of eventWatches)
    for (const l of lines()) {
      const text = trimEnd(l.text);
      if (text !== "")
        output.push({
          time: l.time,
          command: a.text,
          text,
          line: a.line,
          watch: true,
          afterEvents: l.afterEvents,
        });
    }
  for (const a of plan.actions) {
    // A run stopped by its budget never reached the explanations due after it stopped.
    if (a.kind !== "explain" || (stopped !== undefined && a.t > stopped.time)) continue;
    const explanation = explainTarget(trace, a.explainKind, a.target.name, a.window);
    output.push({
      time: a.t,
      command: a.text,
      text: explanationText(explanation).join("\n"),
      line: a.line,
      afterEvents: eventsUpTo(trace, a.t),
    });
  }
  output.sort((a, b) => a.time - b.time || a.afterEvents - b.afterEvents);

  const expectations = checkExpectations(plan.expectations, trace, sim.kinds);
  const passed = stopped === undefined && failures.length === 0 && expectations.every((e) => e.passed);
  const stored = storedNotes(sim);
  // The events' records are made when read: the report reads the trace's (result.ts).
  return withEventsFrom(
    {
      ...(stopped ? { stopped } : {}),
      file: plan.file,
      title: plan.title,
      passed,
      status: passed ? "passed" : "failed",
      duration: trace.end,
      expectations,
      events: [],
      output,
      failures,
      diagnostics: [],
      ...(stored.length > 0 ? { stored } : {}),
      trace,
    },
    trace.events,
  );
}

/**
 * What the cluster holds of kinds nothing simulates, kind by kind in registration order; a kind
 * name two groups define is written with its group (`Gateway.networking.istio.io`, as
 * schema.GroupKind prints).
 */
function storedNotes(sim: SimulationPort): StoredNote[] {
  return sim.kinds
    .all()
    .filter((d) => d.storedOnly)
    .map((d) => ({
      kind: d.group !== "" && sim.kinds.named(d.kind).length > 1 ? `${d.kind}.${d.group}` : d.kind,
      names: sim.api.listAll(sim.kinds.key(d)).map(qualifiedNameOf),
    }))
    .filter((n) => n.names.length > 0);
}

function advance(
  sim: SimulationPort,
  end: number,
  onProgress: RunOptions["onProgress"],
  checkBudget: () => void,
): void {
  for (let t = Math.min(PROGRESS_STEP, end); ; t = Math.min(t + PROGRESS_STEP, end)) {
    sim.runUntil(t);
    onProgress?.(t, end);
    checkBudget();
    if (t >= end) return;
  }
}

/** The number of events emitted at or before t: output at t shows the state after them. */
function eventsUpTo(trace: Trace, t: number): number {
  let n = 0;
  while (n < trace.events.length && trace.events[n].time <= t) n++;
  return n;
}

const trimEnd = (s: string): string => s.replace(/\s+$/, "");

/**
 * A failed line's message: what kubectl printed on stderr, after, for an `apply` statement of
 * several objects, how many of them failed ("2 of 5 objects failed"), counted per object
 * whichever file each came from.
 */
function failureOf(a: PlannedAction, out: CommandOutput): string {
  const objects = a.kind === "apply" ? out.objects : undefined;
  if (!objects || objects.count < 2 || objects.failed === 0) return trimEnd(out.stderr);
  return `${objects.failed} of ${objects.count} objects failed\n${trimEnd(out.stderr)}`;
}
