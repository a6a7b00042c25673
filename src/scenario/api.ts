/**
 * The scenario pipeline with its collaborators passed in: parse → plan → run → check.
 * index.ts binds the real collaborators; tests bind fakes. Nothing here throws over a
 * user's input: problems come back as diagnostics in the result.
 */
import type { Diagnostic } from "../dsl/diagnostic.ts";
import type { FileHost } from "./host.ts";
import { planScenario, type Plan } from "./plan.ts";
import { unusableResult, type ScenarioResult } from "./result.ts";
import { runPlan } from "./runner.ts";
import type { ScenarioServices } from "./services.ts";

export interface ScenarioOptions {
  /** Where files named by the scenario are read from; without it, only heredocs work. */
  host?: FileHost;
  /** Allow `file "…"` paths (and kubectl -f files) outside the scenario's folder. */
  allowOutside?: boolean;
  /** Progress callback for long runs (simulated seconds). */
  onProgress?(now: number, end: number): void;
}

export interface CheckResult {
  file: string;
  ok: boolean;
  diagnostics: Diagnostic[];
  plan?: Plan;
}

/** A host with no files: every file reference is reported as unreadable. */
export const noFiles: FileHost = {
  readFile: () => undefined,
  resolve: (base, rel) => (rel.startsWith("/") ? rel : `${base}/${rel}`),
  isInside: () => false,
};

/** Parse and plan, without running: every problem the input has, as diagnostics. */
export function checkWith(
  services: ScenarioServices,
  text: string,
  file: string,
  options: ScenarioOptions = {},
): CheckResult {
  const parsed = services.parseScenario(text, file);
  const diagnostics = [...parsed.diagnostics];
  if (!parsed.scenario || diagnostics.some((d) => d.severity === "error"))
    return { file, ok: false, diagnostics };
  const planned = planScenario(parsed.scenario, services, {
    host: options.host ?? noFiles,
    allowOutside: options.allowOutside,
  });
  diagnostics.push(...planned.diagnostics);
  return { file, ok: planned.plan !== undefined, diagnostics, plan: planned.plan };
}

/** Parse, plan, run and check. */
export function runWith(
  services: ScenarioServices,
  text: string,
  file: string,
  options: ScenarioOptions = {},
): ScenarioResult {
  const checked = checkWith(services, text, file, options);
  if (!checked.plan) return unusableResult(file, checked.diagnostics);
  const result = runPlan(checked.plan, services, {
    host: options.host ?? noFiles,
    allowOutside: options.allowOutside,
    onProgress: options.onProgress,
  });
  result.diagnostics = checked.diagnostics;
  return result;
}
