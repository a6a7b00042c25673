/**
 * A failing expectation about replica counts shows, under its values, the explanation of the
 * decision nearest to where it failed: the HPA's sync for replicas/current/desired under an
 * HPA, the Deployment controller's step or wait for its pod counts.
 */
import { describe, expect, it } from "vitest";
import { formatReport } from "../../src/scenario/report.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { WEB_DEPLOYMENT_YAML } from "../fixtures/manifests.ts";

const run = (lines: string[]) =>
  runScenario(
    { text: lines.join("\n"), file: "f.scn" },
    { host: memoryHost({ "web.yaml": WEB_DEPLOYMENT_YAML }) },
  );

describe("a failing expectation explains itself", () => {
  it("replicas under an HPA: the HPA sync in effect where it failed", async () => {
    // 200% at a 50% target asks for 4; max 3 holds it at 3 (TooManyReplicas).
    const r = await run([
      "at 0s apply web",
      "kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=3",
      "at 1m load cpu 200%",
      "expect replicas 4 within 1m",
      "expect hpa desired 3 within 1m",
    ]);
    const [failed, held] = r.expectations;
    expect(failed.passed).toBe(false);
    expect(held.passed).toBe(true);
    expect(held.explanation).toBeUndefined();
    // `within` fails at the window's end, 2m: the sync of 2m explains it.
    expect(failed.explanation?.[0]).toBe("hpa/web → Deployment/web · at 2m · 1 decision");
    expect(failed.explanation?.[1]).toBe("  2m  kept Deployment/web at 3");
    expect(failed.explanation?.join("\n")).toMatch(/limits +3 — TooManyReplicas: .*\(maxReplicas 3\)/);
    const report = formatReport(r);
    expect(report).toContain(
      `      ${failed.message}\n      hpa/web → Deployment/web · at 2m · 1 decision\n        2m  kept Deployment/web at 3\n`,
    );
  });

  it("a universal timing fails at its first failing instant, and that decision is explained", async () => {
    const r = await run([
      "at 0s apply web",
      "kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=5",
      "at 1m load cpu 200%",
      "expect replicas 1 always",
    ]);
    const [e] = r.expectations;
    expect(e.message).toMatch(/replicas was 1 from 0s, 4 from 1m15s/);
    expect(e.explanation?.[0]).toBe("hpa/web → Deployment/web · at 1m15s · 1 decision");
    expect(e.explanation?.[1]).toBe("  1m15s  scaled Deployment/web 1 → 4");
  });

  it("pod counts: the rollout's step or wait", async () => {
    const r = await run(["at 0s apply web", "expect ready 1 within 1s"]);
    const [e] = r.expectations;
    expect(e.passed).toBe(false);
    expect(e.explanation?.[0]).toMatch(/^deployment\/web · at 1s · \d+ decisions$/);
    expect(e.explanation?.join("\n")).toContain("waiting for new pods: ");
    expect(e.explanation?.join("\n")).toContain("1 not ready");
  });

  it("replicas without an HPA: no controller decided them, nothing to explain", async () => {
    const r = await run(["at 0s apply web", "expect replicas 3 within 30s"]);
    expect(r.expectations[0].passed).toBe(false);
    expect(r.expectations[0].explanation).toBeUndefined();
  });
});
