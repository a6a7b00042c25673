/**
 * `replicast explain FILE TARGET [--at T | --from T1 --to T2] [--json] [--chart FILE]`: run
 * the scenario, then explain TARGET's decisions (hpa/NAME, deployment/NAME) sync by sync from
 * the run's trace. Exit 0 when the explanation is printed (whatever the scenario's
 * expectations say: `run` reports those), 2 for unusable input — the scenario, the target,
 * or the times.
 */
import { parseDuration } from "../dsl/units.ts";
import {
  ExplainKinds,
  explainKindWords,
  explainTarget,
  explanationText,
  resolveExplainTarget,
  type ExplainWindow,
} from "../explain/index.ts";
import { suggest } from "../text/suggest.ts";
import { renderDiagnostics } from "./diagnostics.ts";
import { colorsFor } from "./colors.ts";
import type { CliIO } from "./io.ts";
import { loadCharts, runFile } from "./run.ts";
import type { ScenarioServices } from "../scenario/services.ts";

export interface ExplainFlags {
  at?: string;
  from?: string;
  to?: string;
  json?: boolean;
  allowOutside?: boolean;
  chart?: string;
}

const fail = (io: CliIO, message: string): number => {
  io.stderr(`replicast explain: ${message}\n`);
  return 2;
};

/** The window the flags ask for, or the message saying what is wrong with them. */
export function explainWindow(flags: ExplainFlags): ExplainWindow | { error: string } {
  const time = (flag: string, v: string | undefined): number | undefined | { error: string } => {
    if (v === undefined) return undefined;
    const t = parseDuration(v);
    return t === undefined ? { error: `--${flag} wants a time such as 90s, 20m or 1h30m, not "${v}"` } : t;
  };
  const at = time("at", flags.at);
  const from = time("from", flags.from);
  const to = time("to", flags.to);
  for (const x of [at, from, to]) if (typeof x === "object") return x;
  if (at !== undefined && (from !== undefined || to !== undefined))
    return { error: "--at explains one moment; --from/--to a stretch: use one or the other" };
  if (from !== undefined && to !== undefined && (to as number) < (from as number))
    return { error: `--to ${flags.to} is before --from ${flags.from}` };
  const w: ExplainWindow = {};
  if (at !== undefined) w.at = at as number;
  if (from !== undefined) w.from = from as number;
  if (to !== undefined) w.to = to as number;
  return w;
}

export async function explainCommand(
  file: string,
  target: string,
  flags: ExplainFlags,
  io: CliIO,
  services: ScenarioServices,
): Promise<number> {
  const w = explainWindow(flags);
  if ("error" in w) return fail(io, w.error as string);
  if (flags.chart !== undefined) {
    const charts = await loadCharts();
    if (!charts) return fail(io, "charts are not available");
    if (charts.chartFormat(flags.chart) === undefined)
      return fail(io, `cannot tell the chart format of "${flags.chart}": use .svg, .png, .html or .vl.json`);
  }
  const r = runFile(file, io, services, { allowOutside: flags.allowOutside }, io.stderrIsTTY && !flags.json);
  if ("unreadable" in r) {
    io.stderr(r.unreadable);
    return 2;
  }
  if (r.diagnostics.length > 0)
    io.stderr(renderDiagnostics(r.diagnostics, (f) => io.host.readFile(f), colorsFor(io.stderrIsTTY)));
  if (r.status === "error" || !r.trace) return fail(io, `${file} could not be run (see the errors above)`);
  const resolved = resolveExplainTarget(target, r.trace);
  if (!resolved.ok) {
    const kinds = Object.keys(ExplainKinds).map((k) => `${k}/NAME`);
    switch (resolved.error) {
      case "syntax":
        return fail(io, `the target is KIND/NAME, e.g. ${listText(kinds, "or")}; got "${target}"`);
      case "kind": {
        const near = suggest(resolved.word ?? "", explainKindWords());
        return fail(
          io,
          `cannot explain "${resolved.word}": the kinds explained are ${listText(kinds, "and")}${near ? ` (did you mean ${near}?)` : ""}`,
        );
      }
      case "name": {
        const near = suggest(resolved.name, resolved.known);
        const list = resolved.known.map((n) => `${resolved.kind}/${n}`).join(", ");
        return fail(
          io,
          `no ${resolved.kind}/${resolved.name} in ${file}${near ? ` (did you mean ${resolved.kind}/${near}?)` : ""}: ${list === "" ? `it has no ${resolved.kind}` : `it has ${list}`}`,
        );
      }
    }
  }
  if (resolved.kind === "pod" && flags.chart !== undefined)
    return fail(
      io,
      `--chart draws an HPA's, a Deployment's or a StatefulSet's decisions; pod/${resolved.name} has no chart`,
    );
  const explanation = explainTarget(r.trace, resolved.kind, resolved.name, w);
  if (flags.json) io.stdout(JSON.stringify(explanation, null, 2) + "\n");
  else io.stdout(explanationText(explanation).join("\n") + "\n");
  if (flags.chart !== undefined) {
    const charts = (await loadCharts())!;
    const kind = resolved.kind === "hpa" ? "why" : "rollout";
    const opts = resolved.kind === "hpa" ? { hpa: resolved.name } : { deployment: resolved.name };
    try {
      await charts.writeChart({ trace: r.trace, title: r.title }, flags.chart, kind, opts);
      if (!flags.json) io.stderr(`chart written to ${flags.chart}\n`);
    } catch (e) {
      return fail(
        io,
        `cannot write the chart to "${flags.chart}": ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }
  return 0;
}

/** "a, b and c" (or "a or b"): a list as a sentence says it. */
function listText(items: readonly string[], conjunction: "and" | "or"): string {
  return items.length <= 1
    ? items.join("")
    : `${items.slice(0, -1).join(", ")} ${conjunction} ${items[items.length - 1]}`;
}
