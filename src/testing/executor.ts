/**
 * How `replicast test` runs one scenario: in-process (tests, one job) or on a worker thread
 * (pool.ts). Either way the result is a TestOutcome; the command only schedules.
 */
import type { TestOutcome } from "./outcome.ts";

export interface ScenarioExecutor {
  /** How many scenarios may run at once. */
  readonly concurrency: number;
  run(file: string): Promise<TestOutcome>;
  /** Release threads; the executor is not used afterwards. */
  close(): Promise<void>;
}
