/**
 * The core runs under Deno: test/deno/run.ts imports src/ directly and runs a scenario with
 * the `deno` binary from node_modules, offline, with read and env permissions only.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const deno = join(root, "node_modules", ".bin", "deno");

interface DenoRun {
  runtime: string;
  status: string;
  title: string | null;
  diagnostics: string[];
  expectations: { text: string; passed: boolean }[];
  end: number | null;
  replicaSets: number;
  panels: string[];
  explanation: string[];
  charts: { kind: string; schema: string; json: number }[];
  traffic: { status: string; diagnostics: string[]; expectations: boolean[]; replayed: number[] };
}

let out: DenoRun;
let stderr = "";

beforeAll(async () => {
  const r = await promisify(execFile)(
    deno,
    ["run", "--no-prompt", "--allow-read", "--allow-env", join("test", "deno", "run.ts")],
    {
      cwd: root,
      env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" },
      maxBuffer: 1 << 24,
    },
  );
  stderr = r.stderr;
  out = JSON.parse(r.stdout.trim().split("\n").pop()!);
}, 120_000);

describe("under Deno", () => {
  it("explains the rollout from the trace: the new ReplicaSet within its surge budget", () => {
    expect(out.explanation[0]).toMatch(/^deployment\/web · at 30s · \d+ decisions$/);
    expect(out.explanation[1]).toMatch(
      /^ {2}30s {2}created ReplicaSet web-\w+ \(revision 2\) with 1 replica$/,
    );
    expect(out.explanation[2]).toBe(
      "      surge budget: at most 3 pods (2 replicas + maxSurge 1 (25% of 2, rounded up))",
    );
  });

  it("runs in Deno itself, printing nothing on stderr", () => {
    expect(out.runtime).toBe("deno");
    expect(stderr).toBe("");
  });

  it("parses and runs the scenario: a rolling update whose expectations hold", () => {
    expect(out.diagnostics).toEqual([]);
    expect(out.status).toBe("passed");
    expect(out.title).toBe("Deno smoke");
    expect(out.end).toBe(120);
    expect(out.replicaSets).toBe(2);
    expect(out.expectations.map((e) => e.passed)).toEqual([true, true]);
  });

  it("builds every chart spec from the trace", () => {
    expect(out.panels).toEqual(["rollout"]);
    expect(out.charts.map((c) => c.kind)).toEqual([
      "dashboard",
      "rollout",
      "hpa",
      "metric",
      "load",
      "requests",
      "latency",
      "why",
    ]);
    for (const c of out.charts) {
      expect(c.schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      expect(c.json).toBeGreaterThan(200);
    }
  });

  it("replays a traffic file read through an in-memory host, with latency and drops", () => {
    expect(out.traffic.diagnostics).toEqual([]);
    expect(out.traffic.status).toBe("passed");
    expect(out.traffic.expectations).toEqual([true, true]);
    expect(out.traffic.replayed).toEqual([20, 60, 30]);
  });
});
