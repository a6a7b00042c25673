/** A family of generated scenarios: one theme, a count, and a generator for one scenario. */
import type { Random } from "../random.ts";
import type { ScenarioWriter } from "../script.ts";

export interface Family {
  /** The folder under test/golden/scenarios/. */
  name: string;
  count: number;
  /** What the family covers (written into each scenario's header). */
  describe: string;
  make(r: Random, index: number): ScenarioWriter;
}
