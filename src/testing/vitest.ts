/**
 * `replicast/vitest`: scenarios as vitest tests, and matchers over run results.
 *
 *   // test/scenarios.test.ts
 *   import { defineScenarioSuite } from "replicast/vitest";
 *   defineScenarioSuite("scenarios");          // one test per scenarios/**\/*.scn
 *
 *   // test/web.test.ts
 *   import { expect, test } from "vitest";
 *   import { replicastMatchers, runScenario } from "replicast/vitest";
 *   expect.extend(replicastMatchers);
 *   test("web scales out", async () => {
 *     const r = await runScenario({ path: "scenarios/web.scn" });
 *     expect(r).toHaveReplicas(3, { within: "1m", from: "1m" });
 *   });
 *
 * A failing scenario test's message names every failing expectation as file:line with the
 * values the run actually had; the thrown error's stack points at the first one, so vitest
 * shows that line of the .scn file.
 */
import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { runScenario } from "../scenario/node.ts";
import type { ScenarioResult } from "../scenario/result.ts";
import { matchers, type MatchResult, type TargetOption, type TimeSpec, type When } from "./matchers.ts";
import { failureText, outcomeOf } from "./outcome.ts";
import { compareCodeUnits, parseShard, selectScenarios, type Shard } from "./select.ts";

export { runScenario };
export type { ScenarioResult };
export type { When, TimeSpec, TargetOption, MatchResult } from "./matchers.ts";
export { matchers } from "./matchers.ts";

export interface ScenarioSuiteOptions {
  /** Only scenarios whose path (relative to the folder) contains this; `*` matches anything. */
  filter?: string;
  /** `i/n`: only the i-th of n parts of the sorted suite (as `replicast test --shard`). */
  shard?: string;
  /** Per-scenario timeout, milliseconds (default 120 000: a long scenario simulates hours). */
  timeout?: number;
  /** Allow scenarios to read files outside their folder. */
  allowOutside?: boolean;
  /** The describe block's name (default: the folder as given); `false` for none. */
  name?: string | false;
}

/** Every `*.scn` under `dir`, relative to it, sorted (node_modules and dot-folders skipped). */
export function findScenarioFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name.startsWith(".")) continue;
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name.endsWith(".scn")) out.push(relative(dir, p).split(sep).join("/"));
    }
  };
  walk(dir);
  return out.sort(compareCodeUnits);
}

/** An error whose message lists the failures and whose stack points at the first failing line. */
export class ScenarioFailure extends Error {
  constructor(
    message: string,
    readonly result: ScenarioResult,
    at?: { file: string; line: number },
  ) {
    super(message);
    this.name = "ScenarioFailure";
    this.stack = at
      ? `${this.name}: ${message}\n    at ${resolve(at.file)}:${at.line}:1`
      : `${this.name}: ${message}`;
  }
}

/** Run one file and throw a ScenarioFailure unless every expectation held. */
export async function assertScenario(
  path: string,
  opts: { allowOutside?: boolean } = {},
): Promise<ScenarioResult> {
  const r = await runScenario({ path }, { allowOutside: opts.allowOutside });
  const o = outcomeOf(path, r);
  if (o.passed) return r;
  const first = o.failures.find((f) => f.line !== undefined);
  const count = (kind: string): number => o.failures.filter((f) => f.kind === kind).length;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  const head =
    r.status === "error"
      ? `${path} could not be used (${plural(count("input"), "error")})`
      : r.expectations.length === 0
        ? `${path} expects nothing`
        : `${path}: ${[
            count("expectation") > 0 ? plural(count("expectation"), "failing expectation") : "",
            count("action") > 0 ? plural(count("action"), "failed command") : "",
          ]
            .filter(Boolean)
            .join(", ")}`;
  throw new ScenarioFailure(
    [head, ...o.failures.map(failureText)].join("\n"),
    r,
    first ? { file: first.file, line: first.line! } : undefined,
  );
}

/**
 * One vitest test per `*.scn` under `dir` (a path relative to the working directory — the
 * vitest root — or a file: URL such as `new URL("../scenarios", import.meta.url)`).
 * Each test runs its scenario and fails with every failing expectation's file:line.
 */
export function defineScenarioSuite(dir: string | URL, options: ScenarioSuiteOptions = {}): void {
  const root = typeof dir === "string" ? dir : fileURLToPath(dir);
  const abs = isAbsolute(root) ? root : resolve(root);
  let shard: Shard | undefined;
  if (options.shard !== undefined) {
    const s = parseShard(options.shard);
    if ("error" in s) throw new TypeError(s.error);
    shard = s;
  }
  if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory())
    throw new Error(`defineScenarioSuite: no such folder "${root}" (resolved to ${abs})`);
  const { files } = selectScenarios(findScenarioFiles(abs), { filter: options.filter, shard });
  const timeout = options.timeout ?? 120_000;
  const body = (): void => {
    if (files.length === 0) {
      // An empty folder is a mistake worth a red test; a filter or shard that selects nothing
      // is a legitimate slice of a larger suite, and says so.
      const narrowed = options.filter !== undefined || shard !== undefined;
      test(`no scenarios (*.scn) ${narrowed ? "selected" : "found"} in ${root}`, () => {
        if (!narrowed) throw new Error(`defineScenarioSuite: no scenarios (*.scn) under ${abs}`);
        expect(files).toEqual([]);
      });
      return;
    }
    for (const f of files) {
      const path = relative(process.cwd(), join(abs, f)).split(sep).join("/");
      test(f, async () => void (await assertScenario(path, { allowOutside: options.allowOutside })), timeout);
    }
  };
  if (options.name === false) body();
  else describe(options.name ?? (typeof dir === "string" ? dir : relative(process.cwd(), abs) || "."), body);
}

/** Another name for defineScenarioSuite. */
export const scenarioTests = defineScenarioSuite;

/** vitest's shape: `pass` and a lazy message; `.not` gets the passing message. */
function adapt<A extends unknown[]>(
  name: string,
  fn: (received: unknown, ...args: A) => MatchResult,
): (this: { isNot: boolean }, received: unknown, ...args: A) => { pass: boolean; message: () => string } {
  return function (received, ...args) {
    const r = fn(received, ...args);
    return {
      pass: r.pass,
      message: () =>
        this.isNot ? `expected ${name} not to hold, but ${r.message}` : `${name}: ${r.message}`,
    };
  };
}

type MatchersObject = Parameters<typeof expect.extend>[0];

/** For `expect.extend(replicastMatchers)`. */
export const replicastMatchers: MatchersObject = {
  toHaveReplicas: adapt("toHaveReplicas", matchers.toHaveReplicas),
  toHaveEvent: adapt("toHaveEvent", matchers.toHaveEvent),
  toCompleteRollout: adapt("toCompleteRollout", matchers.toCompleteRollout),
  toStayBetween: adapt("toStayBetween", matchers.toStayBetween),
  toHaveNoUnservedLoad: adapt("toHaveNoUnservedLoad", matchers.toHaveNoUnservedLoad),
  toScaleAtMost: adapt("toScaleAtMost", matchers.toScaleAtMost),
  toCostAtMost: adapt("toCostAtMost", matchers.toCostAtMost),
  toKeepLatencyUnder: adapt("toKeepLatencyUnder", matchers.toKeepLatencyUnder),
  toDropNoRequests: adapt("toDropNoRequests", matchers.toDropNoRequests),
  toHaveReadyNodes: adapt("toHaveReadyNodes", matchers.toHaveReadyNodes),
  toHaveNoPendingPods: adapt("toHaveNoPendingPods", matchers.toHaveNoPendingPods),
  toPass: adapt("toPass", matchers.toPass),
};

/** The matchers' signatures, for vitest's `Assertion` (declared below). */
export interface ReplicastMatchers<R = unknown> {
  /** The Deployment's spec.replicas is n at the time/window given (default: at the end of the run). */
  toHaveReplicas(n: number, when?: When & TargetOption): R;
  /** An event whose message contains `text` (default: anywhere in the run). */
  toHaveEvent(text: string, when?: When & TargetOption): R;
  /** The latest rollout completed (within `within` of its start). */
  toCompleteRollout(opts?: { within?: TimeSpec } & TargetOption): R;
  /** replicas (or `quantity`) stayed within [min, max] over the window (default: the whole run). */
  toStayBetween(
    min: number,
    max: number,
    opts?: When & TargetOption & { quantity?: "replicas" | "pods" | "ready" | "available" | "updated" },
  ): R;
  /** No CPU demand went unserved over the window (default: the whole run). */
  toHaveNoUnservedLoad(opts?: When & TargetOption): R;
  /** At most n scale events in any window of `per`. */
  toScaleAtMost(n: number, opts: { per: TimeSpec } & When & TargetOption): R;
  /** At most this many pod-minutes over the window (default: the whole run). */
  toCostAtMost(podMinutes: number, opts?: When & TargetOption): R;
  /** The response time's percentile (default p95, or "mean") stayed at or under the limit (default: from the first request served). */
  toKeepLatencyUnder(limit: TimeSpec, opts?: When & TargetOption & { percentile?: number | "mean" }): R;
  /** No request was dropped over the window (default: from the first request traffic). */
  toDropNoRequests(opts?: When & TargetOption): R;
  /** The cluster's (or a pool's) Ready nodes are n at the time/window given (default: at the end of the run). */
  toHaveReadyNodes(n: number, opts?: When & { pool?: string }): R;
  /** No pod of the cluster (or of the target) is Pending over the window (default: at the end of the run). */
  toHaveNoPendingPods(opts?: When & TargetOption): R;
  /** Every expectation written in the scenario held. */
  toPass(): R;
}

declare module "vitest" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends ReplicastMatchers<T> {}
}
