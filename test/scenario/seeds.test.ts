/**
 * Every scenario in scenarios/ (the seed walk-throughs and the quickstart) runs against the
 * real engine and all its expectations hold. scenarios/traps/ holds scenarios that are meant
 * to fail and is not included.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/node.ts";

const dir = "scenarios";
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".scn"))
  .sort();

describe("scenarios/", () => {
  it("holds the seed scenarios", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        "hpa-behavior.scn",
        "hpa-cpu.scn",
        "hpa-memory.scn",
        "quickstart.scn",
        "reapply-under-hpa.scn",
        "rollout-history-undo.scn",
      ]),
    );
  });

  for (const f of files) {
    it(`${f} passes`, async () => {
      const r = await runScenario({ path: `${dir}/${f}` });
      const problems = [
        ...r.diagnostics
          .filter((d) => d.severity === "error")
          .map((d) => `${d.file}:${d.span.line}:${d.span.col}: ${d.message}`),
        ...r.failures.map((x) => `line ${x.line}: ${x.command}: ${x.message}`),
        ...r.expectations.filter((e) => !e.passed).map((e) => `line ${e.line}: ${e.text}: ${e.message}`),
      ];
      expect(problems).toEqual([]);
      expect(r.passed).toBe(true);
      expect(r.expectations.length).toBeGreaterThan(0);
    });
  }
});

describe("what the seeds print", () => {
  it("rollout-history-undo reproduces seed 000's history tables", async () => {
    const r = await runScenario({ path: `${dir}/rollout-history-undo.scn` });
    const histories = r.output
      .filter((o) => o.command === "kubectl rollout history deployment demo-rollout")
      .map((o) => o.text);
    expect(histories).toEqual([
      [
        "deployment.apps/demo-rollout",
        "REVISION  CHANGE-CAUSE",
        "1         <none>",
        "2         kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true",
        "3         kubectl set image deployment/demo-rollout busybox=busybox:v3 --record=true",
      ].join("\n"),
      [
        "deployment.apps/demo-rollout",
        "REVISION  CHANGE-CAUSE",
        "2         kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true",
        "3         kubectl set image deployment/demo-rollout busybox=busybox:v3 --record=true",
        "4         <none>",
      ].join("\n"),
      [
        "deployment.apps/demo-rollout",
        "REVISION  CHANGE-CAUSE",
        "3         kubectl set image deployment/demo-rollout busybox=busybox:v3 --record=true",
        "4         <none>",
        "5         kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true",
      ].join("\n"),
    ]);
    expect(r.output.find((o) => o.command === "kubectl rollout status deployment demo-rollout")?.text).toBe(
      'deployment "demo-rollout" successfully rolled out',
    );
    expect(r.output.filter((o) => o.command.includes("grep -i image:")).map((o) => o.text.trim())).toEqual([
      "Image:      busybox:v3",
      "Image:      busybox:v1",
      "Image:      busybox:v2",
    ]);
  });

  it("hpa-cpu scales 4 → 8 → 10 as seed 000's describe shows", async () => {
    const r = await runScenario({ path: `${dir}/hpa-cpu.scn` });
    const sizes = r.events
      .filter((e) => e.reason === "SuccessfulRescale")
      .map((e) => Number(/New size: (\d+)/.exec(e.message)?.[1]));
    expect(sizes).toEqual([4, 8, 10, 1]);
  });

  it("hpa-behavior: 1 → 5 → 10 → 20, then 16, 12, 8, 4, 1 one minute apart", async () => {
    const r = await runScenario({ path: `${dir}/hpa-behavior.scn` });
    const rescales = r.events.filter((e) => e.reason === "SuccessfulRescale");
    expect(rescales.map((e) => Number(/New size: (\d+)/.exec(e.message)?.[1]))).toEqual([
      5, 10, 20, 16, 12, 8, 4, 1,
    ]);
    const down = rescales.slice(3).map((e) => e.time);
    expect(down.slice(1).map((t, i) => t - down[i])).toEqual([60, 60, 60, 60]);
  });

  it("hpa-memory's watch prints 80%/60% and then two replicas, as the seed's `kubectl get hpa -w`", async () => {
    const r = await runScenario({ path: `${dir}/hpa-memory.scn` });
    const rows = r.output
      .filter((o) => o.command === "kubectl get hpa -w")
      .flatMap((o) => o.text.split("\n"));
    expect(rows[0]).toMatch(/^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE$/);
    expect(rows.some((l) => /^hpa-mem\s+Deployment\/hpa-mem\s+80%\/60%\s+1\s+10\s+1\s+/.test(l))).toBe(true);
    expect(rows.some((l) => /^hpa-mem\s+Deployment\/hpa-mem\s+80%\/60%\s+1\s+10\s+2\s+/.test(l))).toBe(true);
  });
});
