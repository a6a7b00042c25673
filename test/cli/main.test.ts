import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import type { ScenarioServices } from "../../src/scenario/services.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryIO } from "./io.ts";
import { WEB_DEPLOYMENT_YAML } from "../fixtures/manifests.ts";

const files = {
  "s/pass.scn": "at 0s apply web\nexpect ready 1 within 10s\n",
  "s/fail.scn": "at 0s apply web\nexpect replicas 3 within 30s\n",
  "s/web.yaml": WEB_DEPLOYMENT_YAML,
  "s/broken.scn": "at 0s apply web\nset hpa.sync-perod = 15s\n",
  "s/ambiguous.scn":
    "kubectl create deployment a --image=x\nkubectl create deployment b --image=y\nexpect replicas 3\n",
  "s/kubectl-error.scn": "at 0s apply web\nat 5s kubectl scale deployment nothere --replicas=2\n",
  "s/replay.scn": 'at 0s apply web\nload requests file "day.csv"\nexpect dropped == 0\n',
  "s/day.csv": "time,rps\n0,10\n60,ten\n",
  "s/two.csv": "time,a,b\n0,10,20\n",
  "s/warned.scn": 'at 0s apply web\nload requests file "two.csv"\nexpect replicas 3 within 30s\n',
  "s/no-request.scn":
    "kubectl create deployment web --image=x\nkubectl autoscale deployment web --max=3\nrun for 2m\n",
};

async function run(argv: string[], services?: ScenarioServices) {
  const io = memoryIO(files);
  const code = await main(argv, io, services);
  return { code, out: io.stdoutText, err: io.stderrText };
}

describe("exit statuses (docs/language.md § Running)", () => {
  const cases: { argv: string[]; code: number; name: string }[] = [
    { name: "run: every expectation holds → 0", argv: ["run", "s/pass.scn"], code: 0 },
    { name: "run: an expectation fails → 1", argv: ["run", "s/fail.scn"], code: 1 },
    { name: "run: a kubectl error at run time → 1", argv: ["run", "s/kubectl-error.scn"], code: 1 },
    { name: "run: unusable input → 2", argv: ["run", "s/broken.scn"], code: 2 },
    { name: "run: an unreadable file → 2", argv: ["run", "s/nope.scn"], code: 2 },
    { name: "check: usable → 0", argv: ["check", "s/pass.scn", "s/fail.scn"], code: 0 },
    { name: "check: one unusable → 2", argv: ["check", "s/pass.scn", "s/ambiguous.scn"], code: 2 },
    { name: "test: one failing → 1", argv: ["test", "s/pass.scn", "s/fail.scn"], code: 1 },
    { name: "test: all passing → 0", argv: ["test", "s/pass.scn"], code: 0 },
    { name: "test: nothing to run → 2", argv: ["test", "nowhere/"], code: 2 },
    { name: "an unknown command → 2", argv: ["fly"], code: 2 },
    { name: "an unknown option → 2", argv: ["run", "s/pass.scn", "--bogus"], code: 2 },
    { name: "--help → 0", argv: ["--help"], code: 0 },
    { name: "run --help → 0", argv: ["run", "--help"], code: 0 },
    { name: "--version → 0", argv: ["--version"], code: 0 },
  ];
  for (const c of cases) it(c.name, async () => expect((await run(c.argv)).code).toBe(c.code));
});

describe("what the commands print", () => {
  it("diagnostics: FILE:LINE:COL: message, the line, a caret under the spot", async () => {
    const r = await run(["check", "s/ambiguous.scn"]);
    expect(r.err).toBe(
      "s/ambiguous.scn:3:1: error: this expectation needs a target: this scenario has 2 Deployments (deployment/a, deployment/b)\n" +
        "  3 | expect replicas 3\n" +
        "    | ^^^^^^^^^^^^^^^^^\n" +
        "hint: write one of them, e.g. deployment/a\n",
    );
  });

  it("a bad row of a traffic file is framed in the data file itself", async () => {
    const r = await run(["check", "s/replay.scn"]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      "s/day.csv:3:4: error: cannot read `ten` as a number of requests per second\n" +
        "  3 | 60,ten\n" +
        "    |    ^^^\n" +
        "hint: write a number such as 120 or 87.5\n",
    );
  });

  it("a failing expectation shows its line and what the value was", async () => {
    const r = await run(["run", "s/fail.scn"]);
    expect(r.out).toContain("✗ line 2  expect replicas 3 within 30s");
    expect(r.out).toContain("deployment/web replicas was 1 from 0s; wanted 3 within 30s of 0s");
    expect(r.out).toMatch(/FAIL {2}1 expectation: 0 passed, 1 failed/);
  });

  it("a repeated warning prints once with kubectl's count; --no-aggregate prints each one", async () => {
    const warnings = (out: string) =>
      out.split("\n").filter((l) => l.includes("FailedGetResourceMetric") && l.includes("missing request"));
    const folded = warnings((await run(["run", "s/no-request.scn"])).out);
    expect(folded).toHaveLength(1);
    // kubectl's HumanDuration: under two minutes in seconds.
    expect(folded[0]).toMatch(/missing request for cpu .* \(x7 over 90s\)$/);
    const count = Number(/\(x(\d+) over/.exec(folded[0])![1]);
    expect(warnings((await run(["run", "s/no-request.scn", "--no-aggregate"])).out)).toHaveLength(count);
  });

  it("a kubectl error is reported with its statement's line", async () => {
    const r = await run(["run", "s/kubectl-error.scn"]);
    expect(r.out).toContain("✗ line 2 at 5s  kubectl scale deployment nothere --replicas=2");
    expect(r.out).toContain('Error from server (NotFound): deployments.apps "nothere" not found');
  });

  it("test prints a line per scenario, then N passed, N failed", async () => {
    const r = await run(["test", "s/pass.scn", "s/fail.scn"]);
    expect(r.out.split("\n")[0]).toBe("✓ s/pass.scn (1 expectation)");
    expect(r.out).toContain(
      "✗ s/fail.scn\n    line 2: expect replicas 3 within 30s: deployment/web replicas was 1 from 0s; wanted 3 within 30s of 0s\n",
    );
    expect(r.out.trimEnd().split("\n").at(-1)).toBe("1 passed, 1 failed");
  });

  it("test prints a failed scenario's warnings, which often say why (as `run` prints them first)", async () => {
    const r = await run(["test", "s/warned.scn", "s/pass.scn"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      's/two.csv:1:6: warning: the file has 2 value columns; replaying the first, "a"\n',
    );
    // A passing scenario's warnings stay quiet: a suite prints a line per scenario.
    const quiet = await run(["test", "s/pass.scn"]);
    expect(quiet.err).toBe("");
  });

  it("--version prints the package version (kept in step with package.json)", async () => {
    const pkg = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect((await run(["--version"])).out.trim()).toBe(pkg.version);
  });

  it("help carries examples", async () => {
    expect((await run(["run", "--help"])).out).toContain("$ replicast run scenarios/quickstart.scn");
  });

  it("--chart with an unknown extension is an input error, not a crash", async () => {
    const r = await run(["run", "s/pass.scn", "--chart", "out.gif"]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot tell the chart format of "out.gif"');
  });
});

describe("--json", () => {
  it("prints the result object with the documented shape", async () => {
    const r = await run(["run", "s/fail.scn", "--json"]);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(["file", "passed", "expectations", "events", "output"]),
    );
    expect(json.file).toBe("s/fail.scn");
    expect(json.passed).toBe(false);
    expect(json.expectations).toEqual([
      {
        line: 2,
        text: "expect replicas 3 within 30s",
        passed: false,
        message: "deployment/web replicas was 1 from 0s; wanted 3 within 30s of 0s",
      },
    ]);
    expect(json.events[0]).toEqual({
      time: 0,
      type: "Normal",
      reason: "ScalingReplicaSet",
      object: "deployment/web",
      message: expect.stringMatching(/^Scaled up replica set web-[0-9a-z]+ to 1$/),
    });
    expect(json.output[0]).toMatchObject({
      time: 0,
      command: "apply web",
      text: "deployment.apps/web created",
    });
    expect(json.trace).toBeUndefined();
    // The time series as plain arrays (timeSeries.ts): one axis per workload and per HPA.
    expect(json.series.end).toBe(json.duration);
    expect(json.series.deployments.web.t[0]).toBe(0);
    expect(json.series.deployments.web.replicas.at(-1)).toBe(1);
    expect(json.series.deployments.web.t).toHaveLength(json.series.deployments.web.ready.length);
  });
});

describe("the internal-error guard", () => {
  it("a bug prints one message, no stack trace, and exits 70", async () => {
    const exploding: ScenarioServices = {
      ...defaultServices,
      createSimulation: () => {
        throw new TypeError("boom");
      },
    };
    const r = await run(["run", "s/pass.scn"], exploding);
    expect(r.code).toBe(70);
    expect(r.err).toBe(
      "replicast: internal error: TypeError: boom\nThis is a bug in replicast, not in your scenario. Please report it with the scenario that caused it: the same input reproduces it exactly.\n",
    );
  });

  it("garbage input never reaches the guard", async () => {
    const io = memoryIO({ "g.scn": '\u0000\u0001 at at at <<EOF\n}}}{{{ expect expect\n"unterminated' });
    const code = await main(["run", "g.scn"], io);
    expect(code).toBe(2);
    expect(io.stderrText).not.toContain("internal error");
    expect(io.stderrText).toMatch(/^g\.scn:\d+:\d+: error: /);
  });
});

describe("progress on stderr", () => {
  it("is shown only when stderr is a terminal, and cleared at the end", async () => {
    const io = { ...memoryIO(files) };
    const tty = memoryIO(files);
    // A clock that moves a second per reading: the run counts as slow.
    let ms = 0;
    const withTty = {
      ...tty,
      stderrIsTTY: true,
      stderr: (s: string) => void tty.err.push(s),
      clock: () => (ms += 1000),
    };
    expect(await main(["run", "s/pass.scn"], withTty)).toBe(0);
    expect(tty.err.some((s) => s.includes("simulating s/pass.scn: 1m of"))).toBe(true);
    expect(tty.err.at(-1)).toBe("\r\x1b[2K");
    expect(await main(["run", "s/pass.scn"], io)).toBe(0);
    expect(io.err.join("")).toBe("");
    const quick = memoryIO(files);
    expect(
      await main(["run", "s/pass.scn"], {
        ...quick,
        stderrIsTTY: true,
        stderr: (s: string) => void quick.err.push(s),
      }),
    ).toBe(0);
    expect(quick.err.join("")).toBe("");
  });
});
