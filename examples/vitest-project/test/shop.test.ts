// Assertions over a run from TypeScript: the scenario sets the stage, the test asks questions.
import { beforeAll, describe, expect, it } from "vitest";
import { replicastMatchers, runScenario, type ScenarioResult } from "replicast/vitest";

expect.extend(replicastMatchers);

describe("the shop under a traffic spike", () => {
  let run: ScenarioResult;
  beforeAll(async () => {
    run = await runScenario({
      file: "scenarios/spike.scn",
      text: [
        "at 0s apply shop",
        "at 1m load cpu 600%", // 6× one pod's request: ceil(600 / 70) = 9 pods
        "at 6m load cpu 150%",
        "run for 20m",
      ].join("\n"),
    });
  });

  it("runs", () => expect(run.status).toBe("passed"));

  it("scales out to nine pods within two minutes of the spike", () => {
    expect(run).toHaveReplicas(9, { within: "2m", from: "1m" });
    expect(run).toHaveEvent(
      "New size: 9; reason: cpu resource utilization (percentage of request) above target",
    );
  });

  it("keeps within its HPA bounds and does not flap", () => {
    // The Deployment starts at 1 (no `replicas` in the manifest) until the HPA's first sync.
    expect(run).toHaveReplicas(1, { at: "0s" });
    expect(run).toStayBetween(2, 12, { from: "30s" });
    expect(run).toScaleAtMost(3, { per: "1m", target: "hpa/shop" });
  });

  it("serves everything once scaled", () => {
    expect(run).toHaveNoUnservedLoad({ from: "3m" });
  });

  it("gives pods back slowly: still nine a minute after the spike ends", () => {
    expect(run).toHaveReplicas(9, { at: "7m" });
    expect(run).not.toHaveReplicas(2, { at: "10m" });
    expect(run).toHaveReplicas(3, { within: "12m", from: "6m" });
  });

  it("costs what it should", () => {
    expect(run).toCostAtMost(150, { from: "0s", to: "20m" });
  });
});
