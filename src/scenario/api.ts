/**
 * The scenario pipeline with its collaborators passed in: parse → plan → run → check.
 * index.ts binds the real collaborators; tests bind fakes. Nothing here throws over a
 * user's input: problems come back as diagnostics in the result.
 */
import type { Diagnostic } from "../text/diagnostic.ts";
import type { FileHost } from "./host.ts";
import { isManifestCode, standsAlone } from "./messages.ts";
import { planScenario, type Plan } from "./plan.ts";
import { unusableResult, type ScenarioResult } from "./result.ts";
import { runPlan } from "./runner.ts";
import { registriesOf } from "./registries.ts";
import type { Extension, ScenarioServices } from "./services.ts";
import type { Deadline } from "./budget.ts";

export interface ScenarioOptions {
  /** Where files named by the scenario are read from; without it, only heredocs work. */
  host?: FileHost;
  /** Allow `file "…"` paths (and kubectl -f files) outside the scenario's folder. */
  allowOutside?: boolean;
  /** Progress callback for long runs (simulated seconds). */
  onProgress?(now: number, end: number): void;
  /** A wall-clock budget (adapters only: the core reads no clock); a reason stops the run. */
  deadline?: Deadline;
  /** Kinds, controllers and kubectl commands this run adds (docs/architecture.md, "Adding a kind"). */
  extensions?: readonly Extension[];
  /**
   * Nothing but the run's own output (writeReport, or writeResultJson) will read the result:
   * its trace leaves out the series neither reads (traceReads.ts; a read of one throws).
   */
  outputOnly?: boolean;
}

/** What `check` alone needs: the diagnostics, not the plan (plan.ts, PlanOptions.diagnosticsOnly). */
export interface CheckOptions extends ScenarioOptions {
  diagnosticsOnly?: boolean;
  /** Also say which manifests are in deprecated or removed API versions (plan.ts, PlanOptions.deprecations). */
  deprecations?: boolean;
}

export interface CheckResult {
  file: string;
  ok: boolean;
  diagnostics: Diagnostic[];
  plan?: Plan;
}

/** A host with no files: every file reference is reported as unreadable. */
const noFiles: FileHost = {
  readFile: () => undefined,
  resolve: (base, rel) => (rel.startsWith("/") ? rel : `${base}/${rel}`),
  isInside: () => false,
};

/**
 * Parse and plan, without running: every problem the input has, as diagnostics, at once.
 * With syntax errors the statements that did parse are still planned, for the problems a
 * statement has on its own (its kubectl line, its manifest, its file); when a manifest fails
 * to load, problems that may only follow from it (an object that is then missing) are left
 * out. Nothing is planned for running unless the whole file is sound.
 */
export function checkWith(
  services: ScenarioServices,
  text: string,
  file: string,
  options: CheckOptions = {},
): CheckResult {
  const registries = registriesOf(options.extensions);
  const parsed = services.parseScenario(text, file, { kinds: registries.kinds });
  const parseFailed = !parsed.scenario || parsed.diagnostics.some((d) => d.severity === "error");
  const scenario = parsed.scenario ?? { file, source: text, statements: parsed.statements };
  const planned = planScenario(scenario, services, {
    host: options.host ?? noFiles,
    allowOutside: options.allowOutside,
    diagnosticsOnly: options.diagnosticsOnly,
    deprecations: options.deprecations,
    ...registries,
  });
  const manifestFailed = planned.diagnostics.some((d) => d.severity === "error" && isManifestCode(d.code));
  const planDiagnostics =
    parseFailed || manifestFailed
      ? planned.diagnostics.filter((d) => standsAlone(d.code))
      : planned.diagnostics;
  const diagnostics = inSourceOrder([...parsed.diagnostics, ...planDiagnostics], file);
  if (parseFailed) return { file, ok: false, diagnostics };
  // The plan is made exactly when planning reported no error; a diagnostics-only plan makes none.
  const ok = !planned.diagnostics.some((d) => d.severity === "error");
  return { file, ok, diagnostics, plan: planned.plan };
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
    deadline: options.deadline,
    extensions: options.extensions,
    outputOnly: options.outputOnly,
  });
  result.diagnostics = checked.diagnostics;
  return result;
}

/**
 * The parser's diagnostics and the plan's in source order, as compilers list them: the
 * scenario's own lines first, by position; then other files' (a manifest file's lines), each
 * file's in the order they were found. The sort is stable.
 */
function inSourceOrder(diagnostics: Diagnostic[], file: string): Diagnostic[] {
  const files = [file, ...new Set(diagnostics.map((d) => d.file).filter((f) => f !== file))];
  const rank = (d: Diagnostic): number => files.indexOf(d.file);
  return [...diagnostics].sort(
    (a, b) => rank(a) - rank(b) || (a.file === file ? a.span.offset - b.span.offset : 0),
  );
}
