/**
 * The plan's limits: sizes far beyond any real scenario, refused before the run with a
 * positioned error that names the limit and the setting that raises it (exit status 2),
 * instead of being discovered by a run that never ends or runs out of memory. Each limit is a
 * setting (`set limits.pods = 50000`, src/engine/settings.ts) with a default no real user
 * meets: a 10,000-pod cluster simulated for a month fits.
 *
 * What only the run can tell (an HPA scaling past the pods a workload may have, the cluster
 * passing its pods) is the runner's budget (budget.ts): the run stops with the partial report.
 *
 * Two facts are Kubernetes' own, not settings: replica counts are int32 (the API server cannot
 * decode more: "json: cannot unmarshal number … of type int32"), and a cluster has at most
 * 5,000 nodes ("Considerations for large clusters", kubernetes.io/docs/setup/best-practices/
 * cluster-large/: no more than 5,000 nodes, 150,000 pods, 110 pods per node).
 */
import type { Span, Statement } from "../dsl/ast.ts";
import type { Diagnostic } from "../text/diagnostic.ts";
import { formatDuration } from "../dsl/units.ts";
import type { Settings } from "../engine/settings.ts";
import { tokenize } from "../kubectl/tokenize.ts";
import type { Message } from "./messages.ts";
import { diagnosticAt } from "./targets.ts";
import { groupedNumber } from "../text/format.ts";

/** The largest int32: the most replicas any Kubernetes object can hold. */
export const MAX_INT32 = 2147483647;
/** Kubernetes' documented largest cluster. */
export const MAX_NODES = 5000;

export type LimitKey =
  | "limits.pods"
  | "limits.pods-per-workload"
  | "limits.duration"
  | "limits.min-period"
  | "limits.statements"
  | "limits.manifests"
  | "limits.documents"
  | "limits.line-length";

const n = groupedNumber;

const raise = (key: LimitKey, needed: string): string =>
  `set ${key} = ${needed} (before the run) raises the limit`;

export const limitMessages = {
  overLimit: (what: string, key: LimitKey, limit: string, needed: string): Message => ({
    code: "RC4030",
    message: `${what}: more than ${key} (${limit})`,
    hint: raise(key, needed),
  }),
  periodTooSmall: (setting: string, value: number, min: number): Message => ({
    code: "RC4031",
    message: `${setting} = ${formatDuration(value)} is less than limits.min-period (${formatDuration(min)})`,
    hint: `a shorter period makes the run do ${min / Math.max(value, 1e-9) > 1000 ? "thousands of times" : "many times"} more work; set limits.min-period = ${formatDuration(Math.max(value, 0.001))} to allow it`,
  }),
  notPositive: (key: string): Message => ({
    code: "RC4032",
    message: `${key} must be greater than zero`,
  }),
  nodes: (value: number): Message => ({
    code: "RC4033",
    message: `cluster.nodes = ${n(value)}: a cluster has between 1 and ${n(MAX_NODES)} nodes`,
    hint: "Kubernetes supports clusters of at most 5,000 nodes (kubernetes.io: Considerations for large clusters)",
  }),
  int32: (what: string, value: string): Message => ({
    code: "RC4034",
    message: `${what} ${value} is not an int32: the API server cannot decode it (json: cannot unmarshal number ${value} into Go struct field of type int32)`,
  }),
  stopped: (at: string, why: string): Message => ({
    code: "RC4035",
    message: `the run stopped at ${at}: ${why}`,
  }),
} as const;

export const LIMIT_CODES = ["RC4030", "RC4031", "RC4032", "RC4033", "RC4034", "RC4035"] as const;

/**
 * The periods limits.min-period bounds: how often the HPA, the scrapers and the cluster
 * autoscaler do their work (a 1 ms scrape interval is a thousand scrapes a simulated second),
 * and the custom-metrics window.
 */
export const MIN_PERIOD_SETTINGS: ReadonlySet<string> = new Set([
  "hpa.sync-period",
  "metrics.resolution",
  "metrics.custom-window",
  "metrics.custom-scrape-interval",
  "autoscaler.scan-interval",
]);

/** The settings as the `set` lines leave them (the plan's pass 2 does the same, later). */
export function limitSettings(statements: readonly Statement[], defaults: Settings): Settings {
  const s = { ...defaults } as Record<string, number | boolean>;
  // Indexed: cheaper than a for-of in a fresh process (semantics.ts, resolveTimes).
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.kind === "set") s[st.key] = st.value;
  }
  return s as Settings;
}

/**
 * The limits that need only the text and the statements: line length, statements, settings
 * that would make the run do absurd work (periods, node counts), replica counts on kubectl
 * lines. Returns at most one error per limit (the first place that passes it).
 */
/**
 * Where the first line of `source` longer than `max` characters starts, or -1. Each step
 * jumps to just past the last newline at most `max` characters on: every line that ends
 * there is at most `max` long. Where none is, the line from here is longer, unless the text
 * ends first. (A search for each line's newline cost a long file's check some 650
 * instructions a line, cold; with the default of 1 MiB a file of any length takes a step or two.)
 */
export function firstLongLine(source: string, max: number): number {
  let lineStart = 0;
  for (;;) {
    const newline = source.lastIndexOf("\n", lineStart + max);
    // (A `max` below zero makes the search start before `lineStart`: nothing found counts.)
    if (newline >= lineStart && newline - lineStart <= max) lineStart = newline + 1;
    else return source.length - lineStart > max ? lineStart : -1;
  }
}

export function checkTextLimits(
  file: string,
  source: string,
  statements: readonly Statement[],
  settings: Settings,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const at = (m: Message, span: Span): void => void out.push(diagnosticAt(file, m, span));

  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.kind === "set" && st.key.startsWith("limits.") && !((st.value as number) > 0))
      at(limitMessages.notPositive(st.key), st.valueSpan);
  }

  const maxLine = settings["limits.line-length"];
  const long = firstLongLine(source, maxLine);
  if (long !== -1) {
    let end = source.indexOf("\n", long);
    if (end < 0) end = source.length;
    let line = 1;
    for (let i = source.indexOf("\n"); i !== -1 && i < long; i = source.indexOf("\n", i + 1)) line++;
    at(
      limitMessages.overLimit(
        `line ${line} is ${n(end - long)} characters long`,
        "limits.line-length",
        n(maxLine),
        String(end - long),
      ),
      {
        offset: long,
        length: 0,
        line,
        col: 1,
        endLine: line,
        endCol: 1,
      },
    );
  }

  const maxStatements = settings["limits.statements"];
  if (statements.length > maxStatements)
    at(
      limitMessages.overLimit(
        `${n(statements.length)} statements`,
        "limits.statements",
        n(maxStatements),
        String(statements.length),
      ),
      statements[maxStatements].span,
    );

  const minPeriod = settings["limits.min-period"];
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.kind !== "set") continue;
    if (MIN_PERIOD_SETTINGS.has(st.key)) {
      const v = st.value as number;
      if (v < minPeriod) at(limitMessages.periodTooSmall(st.key, v, minPeriod), st.valueSpan);
    }
    if (st.key === "cluster.nodes") {
      const v = st.value as number;
      if (!(v >= 1 && v <= MAX_NODES)) at(limitMessages.nodes(v), st.valueSpan);
    }
  }

  const perWorkload = settings["limits.pods-per-workload"];
  let reported = false;
  for (let i = 0; i < statements.length; i++) {
    const st = statements[i];
    if (st.kind !== "kubectl" || reported) continue;
    const replicas = replicasFlag(st.args);
    if (replicas === undefined) continue;
    const value = Number(replicas);
    if (!Number.isFinite(value) || !/^\d+$/.test(replicas)) continue; // kubectl's own check words it
    if (value > MAX_INT32) at(limitMessages.int32("--replicas", replicas), st.argsSpan);
    else if (value > perWorkload)
      at(
        limitMessages.overLimit(
          `--replicas=${replicas}`,
          "limits.pods-per-workload",
          n(perWorkload),
          replicas,
        ),
        st.argsSpan,
      );
    else continue;
    reported = true;
  }
  return out;
}

/** `create deployment … --replicas=N` / `scale … --replicas N`: the N as written. */
function replicasFlag(args: string): string | undefined {
  if (!args.includes("--replicas")) return undefined;
  const words = tokenize(args).tokens.map((t) => t.value);
  if (words[0] !== "create" && words[0] !== "scale") return undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === "--") break;
    if (w.startsWith("--replicas=")) return w.slice("--replicas=".length);
    if (w === "--replicas") return words[i + 1];
  }
  return undefined;
}

/**
 * Times past limits.duration: the run's end, any statement's time, any expectation's window.
 * `end` is the plan's end; `latest` where it came from (the statement that sets it).
 */
export function checkDuration(
  file: string,
  settings: Settings,
  times: readonly { t: number; span: Span }[],
): Diagnostic[] {
  const max = settings["limits.duration"];
  const over = times.find((x) => !(x.t <= max));
  if (!over) return [];
  const what = Number.isFinite(over.t) ? `this reaches ${formatDuration(over.t)}` : "this time is too large";
  return [
    diagnosticAt(
      file,
      limitMessages.overLimit(
        what,
        "limits.duration",
        formatDuration(max),
        Number.isFinite(over.t) ? formatDuration(over.t) : "…",
      ),
      over.span,
    ),
  ];
}

/** Replica counts written in manifests: int32, and within limits.pods-per-workload. */
export function checkObjectReplicas(
  object: { kind: string; spec?: unknown; metadata?: { name?: string } },
  settings: Settings,
): Message | undefined {
  if (object.spec === null || typeof object.spec !== "object") return undefined;
  const spec = object.spec as Record<string, unknown>;
  const fields =
    object.kind === "Deployment" || object.kind === "ReplicaSet" || object.kind === "StatefulSet"
      ? ["replicas"]
      : object.kind === "HorizontalPodAutoscaler"
        ? ["minReplicas", "maxReplicas"]
        : [];
  for (const f of fields) {
    const v = spec[f];
    if (typeof v !== "number") continue;
    if (v > MAX_INT32) return limitMessages.int32(`${object.kind} spec.${f}`, String(v));
    // An HPA's maxReplicas is a ceiling, not pods: only the run can tell whether it is reached.
    if (f !== "maxReplicas" && v > settings["limits.pods-per-workload"])
      return limitMessages.overLimit(
        `${object.kind} "${object.metadata?.name ?? ""}" spec.${f}: ${n(v)}`,
        "limits.pods-per-workload",
        n(settings["limits.pods-per-workload"]),
        String(v),
      );
  }
  return undefined;
}
