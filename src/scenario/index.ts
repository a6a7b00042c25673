/**
 * The scenario API: parse, check (parse + plan) and run scenarios, in any JavaScript runtime.
 * Reading files is injected (`host`); the Node form `runScenario({ path })` is in node.ts.
 */
import { parseScenario } from "../dsl/index.ts";
import { checkWith, runWith, type CheckResult, type ScenarioOptions } from "./api.ts";
import { defaultServices } from "./defaultServices.ts";
import type { ScenarioResult } from "./result.ts";

export { parseScenario };
export type { CheckResult, ScenarioOptions } from "./api.ts";
export type { ScenarioResult, EventRecord, OutputRecord, ActionFailure } from "./result.ts";
export { resultToJson } from "./result.ts";
export { timeSeries, type TimeSeries, type WorkloadSeries, type HpaSeries } from "./timeSeries.ts";
export type { ExpectationResult } from "./expectations.ts";
export { formatReport, formatTimeline, noColors, type Colors } from "./report.ts";
export { memoryHost, type FileHost } from "./host.ts";
export type { Extension } from "./services.ts";

export type ScenarioInput = { text: string; file?: string };

/**
 * Parse, plan, run and check a scenario given as text. Never rejects over the input: an
 * unusable scenario resolves to a result with status "error" and its diagnostics.
 * Example: `await runScenario({ text: "at 0s apply deploy; …", file: "q.scn" }, { host })`.
 */
export async function runScenario(
  input: ScenarioInput,
  options: ScenarioOptions = {},
): Promise<ScenarioResult> {
  return runWith(defaultServices, input.text, input.file ?? "scenario.scn", options);
}

/** Parse and plan without running: the diagnostics `replicast check` prints. */
export function checkScenario(input: ScenarioInput, options: ScenarioOptions = {}): CheckResult {
  return checkWith(defaultServices, input.text, input.file ?? "scenario.scn", options);
}
