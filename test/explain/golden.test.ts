// Golden files pin the rendered explanations of a few runs, as `replicast explain` prints
// them. Regenerate after an intended change with:
//   UPDATE_GOLDEN=1 npx vitest run test/explain/golden.test.ts
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  explainTarget,
  explanationText,
  resolveExplainTarget,
  type ExplainWindow,
} from "../../src/explain/index.ts";
import { runScenario } from "../../src/scenario/node.ts";

const dir = fileURLToPath(new URL("./golden/", import.meta.url));

const cases: { golden: string; file: string; target: string; window?: ExplainWindow }[] = [
  // Seed 001's behavior: 1 → 5 → 10 → 20 under the default scale-up policies, a 10-minute
  // window, then 4 pods a minute down to the minimum.
  { golden: "hpa-behavior", file: "scenarios/hpa-behavior.scn", target: "hpa/app" },
  // One quiet sync in full: the scale-down policy period still counts the last step.
  {
    golden: "hpa-behavior-at-15m15s",
    file: "scenarios/hpa-behavior.scn",
    target: "hpa/app",
    window: { at: 915 },
  },
  // kubernetes#72775: the surge pod is counted, the ratio leaves the tolerance band.
  { golden: "surge-pods-count", file: "scenarios/traps/surge-pods-count.scn", target: "hpa/web" },
  {
    golden: "surge-pods-count-rollout",
    file: "scenarios/traps/surge-pods-count.scn",
    target: "deployment/web",
    window: { from: 600, to: 640 },
  },
  // A failing metric blocks the scale-down the valid one asks for.
  {
    golden: "missing-metric-at-5m",
    file: "scenarios/traps/missing-metric-blocks-scale-down.scn",
    target: "hpa/web",
    window: { at: 300 },
  },
];

describe("golden explanations", () => {
  it.each(cases)("$golden", async ({ golden, file, target, window }) => {
    const r = await runScenario({ path: file });
    const t = resolveExplainTarget(target, r.trace!);
    if (!t.ok) throw new Error(`${target} is not in ${file}`);
    const actual = explanationText(explainTarget(r.trace!, t.kind, t.name, window)).join("\n") + "\n";
    const path = `${dir}${golden}.txt`;
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(path, actual);
    expect(existsSync(path), `${path} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(actual).toBe(readFileSync(path, "utf8"));
  });
});
