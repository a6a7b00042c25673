/** What `replicast test` tells its reporters: the plan, each outcome in file order, the end. */
import type { TestOutcome } from "../../testing/outcome.ts";

export interface TestSummary {
  passed: number;
  failed: number;
  /** Scenarios selected but not run because --bail stopped the run. */
  notRun: number;
  /** Wall-clock milliseconds of the whole run (0 when the clock is not real). */
  ms: number;
}

export interface TestReporter {
  /** Before any outcome: the files that will run, in order. */
  onStart?(files: readonly string[]): void;
  /** One per scenario, in file order (whatever order the workers finish in). */
  onOutcome(o: TestOutcome): void;
  onEnd(outcomes: readonly TestOutcome[], summary?: TestSummary): void;
}

export const summarize = (outcomes: readonly TestOutcome[], selected: number, ms = 0): TestSummary => {
  const passed = outcomes.filter((o) => o.passed).length;
  return { passed, failed: outcomes.length - passed, notRun: selected - outcomes.length, ms };
};
