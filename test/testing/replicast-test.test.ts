/**
 * `replicast test`: reporters (text, TAP 13, JUnit XML parsed back), --filter, --bail,
 * --shard (shards partition the suite), results in file order whatever order the executor
 * finishes in, and the worker-thread pool against in-process runs.
 */
import { describe, expect, it } from "vitest";
import { runOne, testCommand, type TestFlags } from "../../src/cli/test.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import type { ScenarioExecutor } from "../../src/testing/executor.ts";
import type { TestOutcome } from "../../src/testing/outcome.ts";
import { workerPool, poolSize } from "../../src/testing/pool.ts";
import { matchesFilter, parseShard, selectScenarios, shardFiles } from "../../src/testing/select.ts";
import { memoryIO } from "../cli/io.ts";
import { nodeIO } from "../../src/cli/nodeIO.ts";
import { findAll, parseXml } from "./xml.ts";
import { WEB_DEPLOYMENT_YAML } from "../fixtures/manifests.ts";

const FILES: Record<string, string> = {
  "s/a-pass.scn": "at 0s apply web\nexpect ready 1 within 10s\n",
  "s/b-fail.scn": "at 0s apply web\nexpect replicas 3 within 30s\n",
  "s/c-pass.scn": "at 0s apply web\nexpect replicas 1\n",
  "s/d-broken.scn": "at 0s apply web\nset hpa.sync-perod = 15s\n",
  "s/e-special.scn": 'at 0s apply web\nexpect event "<a & \\"b\\" \'c\'>" within 1s\n',
  "s/traps/t-pass.scn": "at 0s apply web\nexpect ready 1 within 10s\n",
  "s/web.yaml": WEB_DEPLOYMENT_YAML,
  "s/traps/web.yaml": WEB_DEPLOYMENT_YAML,
};

async function run(argv: string[], flags: TestFlags = {}, opts: Parameters<typeof testCommand>[4] = {}) {
  const io = memoryIO(FILES);
  const written: Record<string, string> = {};
  const code = await testCommand(argv, flags, io, defaultServices, {
    writeFile: (p, t) => void (written[p] = t),
    ...opts,
  });
  return { code, out: io.stdoutText, err: io.stderrText, written };
}

describe("text reporter", () => {
  it("a line per scenario in file order, reasons with lines, then N passed, N failed", async () => {
    const r = await run(["s/"]);
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split("\n");
    expect(lines.filter((l) => /^[✓✗]/.test(l))).toEqual([
      "✓ s/a-pass.scn (1 expectation)",
      "✗ s/b-fail.scn",
      "✓ s/c-pass.scn (1 expectation)",
      "✗ s/d-broken.scn",
      "✗ s/e-special.scn",
      "✓ s/traps/t-pass.scn (1 expectation)",
    ]);
    expect(r.out).toContain(
      "    line 2: expect replicas 3 within 30s: deployment/web replicas was 1 from 0s; wanted 3 within 30s of 0s\n",
    );
    expect(lines.at(-1)).toBe("3 passed, 3 failed");
  });

  it("a scenario that expects nothing fails as a test: it could not fail otherwise", async () => {
    const io = memoryIO({ ...FILES, "n/none.scn": "at 0s apply web\n", "n/web.yaml": WEB_DEPLOYMENT_YAML });
    const code = await testCommand(["n/"], {}, io, defaultServices);
    expect(code).toBe(1);
    expect(io.stdoutText).toBe(
      "✗ n/none.scn\n" +
        "    the scenario expects nothing: as a test it would pass whatever happened; " +
        "add an `expect` line, e.g. `expect rollout complete within 5m`\n" +
        "0 passed, 1 failed\n",
    );
  });
});

describe("--reporter tap (TAP version 13)", () => {
  it("plan, test points, YAML diagnostics under failures, totals as a comment", async () => {
    const r = await run(["s/"], { reporter: "tap" });
    const lines = r.out.trimEnd().split("\n");
    expect(lines.slice(0, 3)).toEqual(["TAP version 13", "1..6", "ok 1 - s/a-pass.scn"]);
    const i = lines.indexOf("not ok 2 - s/b-fail.scn");
    expect(lines.slice(i, i + 8)).toEqual([
      "not ok 2 - s/b-fail.scn",
      "  ---",
      '  message: "1 failing expectation"',
      "  failures:",
      '    - at: "s/b-fail.scn:2"',
      '      expectation: "expect replicas 3 within 30s"',
      '      actual: "deployment/web replicas was 1 from 0s; wanted 3 within 30s of 0s"',
      "  ...",
    ]);
    expect(lines).toContain("not ok 4 - s/d-broken.scn");
    expect(lines).toContain('  message: "the scenario could not be used"');
    expect(lines).toContain("ok 6 - s/traps/t-pass.scn");
    expect(lines.filter((l) => /^(not )?ok \d+ - /.test(l))).toHaveLength(6);
    expect(lines.at(-1)).toBe("# 3 passed, 3 failed");
  });

  it("--bail ends with Bail out!", async () => {
    const r = await run(["s/"], { reporter: "tap", bail: true });
    expect(r.out.trimEnd().split("\n").slice(-2)).toEqual([
      "Bail out! stopped after the first failure; 4 not run",
      "# 1 passed, 1 failed",
    ]);
  });
});

describe("--junit FILE", () => {
  it("one testcase per scenario; failure and error elements with escaped messages; parses back", async () => {
    const r = await run(["s/"], { junit: "out/report.xml" });
    const xml = r.written["out/report.xml"];
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    const doc = parseXml(xml);
    expect(doc.name).toBe("testsuites");
    const suite = findAll(doc, "testsuite")[0];
    expect(suite.attrs).toMatchObject({ tests: "6", failures: "2", errors: "1", skipped: "0" });
    const cases = findAll(doc, "testcase");
    expect(cases.map((c) => c.attrs.name)).toEqual([
      "s/a-pass.scn",
      "s/b-fail.scn",
      "s/c-pass.scn",
      "s/d-broken.scn",
      "s/e-special.scn",
      "s/traps/t-pass.scn",
    ]);
    expect(cases.map((c) => c.attrs.classname)).toEqual(["s", "s", "s", "s", "s", "s/traps"]);
    for (const c of cases) expect(c.attrs.time).toMatch(/^\d+\.\d{3}$/);

    const [failure] = findAll(cases[1], "failure");
    expect(failure.attrs.type).toBe("ExpectationFailed");
    expect(failure.attrs.message).toBe("s/b-fail.scn:2: expect replicas 3 within 30s");
    expect(failure.text).toBe(
      "s/b-fail.scn:2: expect replicas 3 within 30s\n  deployment/web replicas was 1 from 0s; wanted 3 within 30s of 0s",
    );

    const [error] = findAll(cases[3], "error");
    expect(error.attrs.type).toBe("ScenarioError");
    expect(error.attrs.message).toMatch(/^s\/d-broken\.scn:2:5: error: unknown setting `hpa\.sync-perod`/);

    // Quotes, apostrophes, ampersands and angle brackets survive the round trip.
    const [special] = findAll(cases[4], "failure");
    expect(special.attrs.message).toBe(`s/e-special.scn:2: expect event "<a & \\"b\\" 'c'>" within 1s`);
    expect(special.text).toContain(`no event with "<a & "b" 'c'>"`);
    expect(xml).not.toMatch(/<a &|"b" 'c'>/);

    expect(findAll(cases[0], "failure")).toEqual([]);
    expect(findAll(cases[0], "property").map((p) => p.attrs)).toEqual([
      { name: "simulated", value: "1m10s" },
      { name: "expectations", value: "1" },
    ]);
  });

  it("--bail: scenarios not run are skipped testcases", async () => {
    const r = await run(["s/"], { junit: "r.xml", bail: true });
    const doc = parseXml(r.written["r.xml"]);
    expect(findAll(doc, "testsuite")[0].attrs).toMatchObject({ tests: "6", failures: "1", skipped: "4" });
    expect(findAll(doc, "skipped")).toHaveLength(4);
  });

  it("an unwritable report is an input error (2)", async () => {
    const r = await run(
      ["s/a-pass.scn"],
      { junit: "/nope/r.xml" },
      {
        writeFile: () => {
          throw new Error("ENOENT: no such file or directory");
        },
      },
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('cannot write the JUnit report to "/nope/r.xml": ENOENT');
  });
});

describe("--filter", () => {
  it.each([
    ["traps/", ["s/traps/t-pass.scn"]],
    ["-pass", ["s/a-pass.scn", "s/c-pass.scn", "s/traps/t-pass.scn"]],
    ["s/*-pass.scn", ["s/a-pass.scn", "s/c-pass.scn", "s/traps/t-pass.scn"]],
    ["s/?", []],
  ])("%s", (pattern, want) => {
    const all = Object.keys(FILES).filter((f) => f.endsWith(".scn"));
    expect(all.filter((f) => matchesFilter(f, pattern))).toEqual(want);
  });

  it("runs only the matching scenarios", async () => {
    const r = await run(["s/"], { filter: "traps/" });
    expect(r.code).toBe(0);
    expect(r.out).toBe("✓ s/traps/t-pass.scn (1 expectation)\n1 passed, 0 failed\n");
  });

  it("matching nothing is an input error", async () => {
    const r = await run(["s/"], { filter: "nothing" });
    expect(r.code).toBe(2);
    expect(r.err).toBe('replicast: no scenario matches --filter "nothing" (of 6 found)\n');
  });
});

describe("--shard i/n", () => {
  it.each([
    ["1/3", { index: 1, count: 3 }],
    [" 2 / 2 ", { index: 2, count: 2 }],
  ])("parses %j", (text, want) => expect(parseShard(text)).toEqual(want));

  it.each([
    ["0/3", "--shard <index> must be a positive number"],
    ["4/3", "--shard <index> must be smaller than <count>"],
    ["1/0", "--shard <count> must be a positive number"],
    ["a/b", "--shard must be <index>/<count>"],
    ["2", "--shard must be <index>/<count>"],
  ])("refuses %j", (text, msg) => {
    const r = parseShard(text);
    expect("error" in r && r.error).toContain(msg);
  });

  const suite = Array.from({ length: 23 }, (_, i) => `s/${String.fromCharCode(122 - i)}.scn`);
  it.each([1, 2, 3, 4, 5, 7, 23, 30])(
    "%i shards partition the suite: disjoint, complete, sizes within one",
    (n) => {
      const shards = Array.from({ length: n }, (_, i) => shardFiles(suite, { index: i + 1, count: n }));
      const all = shards.flat();
      expect(new Set(all).size).toBe(all.length);
      expect([...all].sort()).toEqual([...suite].sort());
      const sizes = shards.map((s) => s.length);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      // Contiguous slices of the sorted list, in order.
      expect(all).toEqual([...suite].sort());
    },
  );

  it("the split does not depend on the order files were found in", () => {
    const shuffled = [...suite].reverse();
    expect(shardFiles(shuffled, { index: 2, count: 3 })).toEqual(shardFiles(suite, { index: 2, count: 3 }));
  });

  it("filter first, then shard", () => {
    const files = ["a/x.scn", "b/x.scn", "b/y.scn", "b/z.scn"];
    expect(selectScenarios(files, { filter: "b/", shard: { index: 1, count: 2 } })).toEqual({
      files: ["b/x.scn", "b/y.scn"],
      matched: 3,
    });
  });

  it("through the command, the shards' outputs add up to the whole suite", async () => {
    const seen: string[] = [];
    let passed = 0;
    let failed = 0;
    for (const s of ["1/3", "2/3", "3/3"]) {
      const r = await run(["s/"], { shard: s });
      for (const l of r.out.split("\n")) if (/^[✓✗] /.test(l)) seen.push(l.split(" ")[1]);
      const [, p, f] = /(\d+) passed, (\d+) failed\n$/.exec(r.out)!;
      passed += Number(p);
      failed += Number(f);
    }
    expect(seen.sort()).toEqual(
      Object.keys(FILES)
        .filter((f) => f.endsWith(".scn"))
        .sort(),
    );
    expect([passed, failed]).toEqual([3, 3]);
  });

  it("a bad --shard is an input error", async () => {
    const r = await run(["s/"], { shard: "3/2" });
    expect(r.code).toBe(2);
    expect(r.err).toBe('replicast: --shard <index> must be smaller than <count>; got "3/2"\n');
  });

  it("an empty shard runs nothing and passes", async () => {
    const r = await run(["s/a-pass.scn"], { shard: "2/2" });
    expect(r.code).toBe(0);
    expect(r.out).toBe("0 passed, 0 failed\n");
  });
});

/** An executor whose scenarios finish in the order given by `delays` (ms), not file order. */
function fakeExecutor(results: Record<string, boolean>, delays: Record<string, number>, concurrency = 3) {
  const started: string[] = [];
  const executor: ScenarioExecutor = {
    concurrency,
    run(file) {
      started.push(file);
      const o: TestOutcome = {
        file,
        passed: results[file],
        reasons: results[file] ? [] : ["line 1: expect x: no"],
        failures: results[file]
          ? []
          : [{ kind: "expectation", file, line: 1, text: "expect x", message: "no" }],
        ms: 0,
      };
      return new Promise((resolve) => setTimeout(() => resolve(o), delays[file] ?? 0));
    },
    close: () => Promise.resolve(),
  };
  return { executor, started };
}

describe("scheduling: file order, --bail", () => {
  const files = ["s/a-pass.scn", "s/b-fail.scn", "s/c-pass.scn", "s/d-broken.scn", "s/e-special.scn"];
  const results = {
    "s/a-pass.scn": true,
    "s/b-fail.scn": false,
    "s/c-pass.scn": true,
    "s/d-broken.scn": false,
    "s/e-special.scn": true,
  };

  it("outcomes are reported in file order although they finish in reverse", async () => {
    const { executor } = fakeExecutor(
      results,
      { "s/a-pass.scn": 60, "s/b-fail.scn": 40, "s/c-pass.scn": 20 },
      5,
    );
    const r = await run(files, {}, { executor });
    expect(
      r.out
        .split("\n")
        .filter((l) => /^[✓✗]/.test(l))
        .map((l) => l.split(" ")[1]),
    ).toEqual(files);
    expect(r.out).toMatch(/3 passed, 2 failed\n$/);
  });

  it("--bail reports up to the first failure in file order, even when a later one fails first", async () => {
    // d fails first (at 0 ms), b later (30 ms): the report still stops at b, and e is never started.
    const { executor, started } = fakeExecutor(
      results,
      { "s/a-pass.scn": 50, "s/b-fail.scn": 30, "s/c-pass.scn": 10 },
      4,
    );
    const r = await run(files, { bail: true }, { executor });
    expect(started).toEqual(files.slice(0, 4));
    expect(r.code).toBe(1);
    expect(r.out).toBe(
      "✓ s/a-pass.scn (0 expectations)\n✗ s/b-fail.scn\n    line 1: expect x: no\n--bail: stopped at the first failure; 3 scenarios not run\n1 passed, 1 failed\n",
    );
  });

  it("without --bail every scenario runs", async () => {
    const { executor, started } = fakeExecutor(results, {}, 2);
    const r = await run(files, {}, { executor });
    expect(started).toEqual(files);
    expect(r.code).toBe(1);
  });

  it("flags are checked before anything runs", async () => {
    expect((await run(["s/"], { reporter: "junit" })).err).toBe(
      'replicast: unknown reporter "junit": use text or tap\n',
    );
    expect((await run(["s/"], { jobs: "0" })).err).toBe(
      'replicast: --jobs must be a positive whole number; got "0"\n',
    );
    expect((await run(["s/"], { jobs: "two" })).code).toBe(2);
  });
});

describe("the worker-thread pool", () => {
  it("min(cores, scenarios) threads", () => {
    expect([poolSize(10, 4), poolSize(2, 8), poolSize(0, 8), poolSize(5, 1)]).toEqual([4, 2, 1, 1]);
  });

  it("runs real scenario files on threads with the same outcomes as in-process", async () => {
    const files = ["scenarios/quickstart.scn", "scenarios/traps/nope.scn"];
    const pool = workerPool(2);
    try {
      const viaPool = await Promise.all(files.map((f) => pool.run(f)));
      const io = nodeIO();
      const inProcess = files.map((f) => runOne(f, io, defaultServices, {}));
      expect(viaPool.map((o) => [o.file, o.passed, o.reasons])).toEqual([
        ["scenarios/quickstart.scn", true, []],
        [
          "scenarios/traps/nope.scn",
          false,
          ['replicast: cannot read "scenarios/traps/nope.scn": no such file'],
        ],
      ]);
      expect(viaPool[0].result?.expectations).toEqual(inProcess[0].result?.expectations);
      expect(viaPool[0].result?.trace).toBeUndefined();
      expect([inProcess[1].passed, inProcess[1].reasons]).toEqual([viaPool[1].passed, viaPool[1].reasons]);
    } finally {
      await pool.close();
    }
  });
});

describe("progress on a terminal", () => {
  it("stderr shows what is running and clears the line before each result and at the end", async () => {
    const io = { ...memoryIO(FILES), stderrIsTTY: true };
    const err: string[] = [];
    io.stderr = (s: string) => void err.push(s);
    const { executor } = fakeExecutor(
      { "s/a-pass.scn": true, "s/c-pass.scn": true },
      { "s/a-pass.scn": 20 },
      2,
    );
    const code = await testCommand(["s/a-pass.scn", "s/c-pass.scn"], {}, io, defaultServices, { executor });
    expect(code).toBe(0);
    expect(err[0]).toBe("\r\x1b[2K0/2 done · running a-pass.scn, c-pass.scn");
    expect(err).toContain("\r\x1b[2K1/2 done · running a-pass.scn");
    expect(err.at(-1)).toBe("\r\x1b[2K");
  });

  it("no progress when stderr is not a terminal", async () => {
    const r = await run(["s/a-pass.scn", "s/c-pass.scn"]);
    expect(r.err).toBe("");
  });
});

describe("the command line wiring (replicast test …)", () => {
  it("maps --reporter, --filter, --shard, --bail, --jobs and --junit to the command", async () => {
    const { main } = await import("../../src/cli/cli.ts");
    const { mkdtempSync, readFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const report = `${mkdtempSync(`${tmpdir()}/replicast-cli-`)}/r.xml`;
    const io = memoryIO(FILES);
    const argv = [
      "test",
      "s/",
      "--reporter",
      "tap",
      "--filter",
      "-pass",
      "--shard",
      "1/2",
      "--bail",
      "-j",
      "1",
    ];
    const code = await main([...argv, "--junit", report], io, defaultServices);
    expect(code).toBe(0);
    expect(io.stdoutText).toBe(
      "TAP version 13\n1..2\nok 1 - s/a-pass.scn\nok 2 - s/c-pass.scn\n# 2 passed, 0 failed\n",
    );
    expect(findAll(parseXml(readFileSync(report, "utf8")), "testcase")).toHaveLength(2);
  });

  it("help lists the flags", async () => {
    const { main } = await import("../../src/cli/cli.ts");
    const io = memoryIO(FILES);
    expect(await main(["test", "--help"], io, defaultServices)).toBe(0);
    for (const flag of [
      "--junit <file>",
      "--reporter <name>",
      "--filter <pattern>",
      "--bail",
      "--shard <i/n>",
      "--jobs <n>",
    ])
      expect(io.stdoutText).toContain(flag);
  });
});

describe("reporters carry the explanation of a failing replicas expectation, as the terminal report does", () => {
  // 200% at a 50% target asks for 4; max 3 holds it at 3: the HPA's sync at 2m explains it.
  const files = {
    "x/hpa.scn": [
      "at 0s apply web",
      "kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=3",
      "at 1m load cpu 200%",
      "expect replicas 4 within 1m",
      "",
    ].join("\n"),
    "x/web.yaml": WEB_DEPLOYMENT_YAML,
  };
  const runX = async (flags: TestFlags) => {
    const io = memoryIO(files);
    const written: Record<string, string> = {};
    await testCommand(["x/"], flags, io, defaultServices, { writeFile: (p, t) => void (written[p] = t) });
    return { out: io.stdoutText, written };
  };

  it("TAP: an explanation list under the failure's actual values", async () => {
    const lines = (await runX({ reporter: "tap" })).out.split("\n");
    const i = lines.indexOf("      explanation:");
    expect(i).toBeGreaterThan(0);
    expect(lines[i - 1]).toMatch(/^ {6}actual: "deployment\/web replicas was /);
    expect(lines[i + 1]).toBe('        - "hpa/web → Deployment/web · at 2m · 1 decision"');
    expect(lines[i + 2]).toBe('        - "  2m  kept Deployment/web at 3"');
    expect(lines.slice(i + 1).join("\n")).toMatch(/limits +3 — TooManyReplicas/);
  });

  it("JUnit: the failure's body goes on with the explanation, indented under the values", async () => {
    const { written } = await runX({ junit: "r.xml" });
    const [failure] = findAll(parseXml(written["r.xml"]), "failure");
    expect(failure.text).toMatch(
      /^x\/hpa\.scn:4: expect replicas 4 within 1m\n {2}deployment\/web replicas was [^\n]+\n {4}hpa\/web → Deployment\/web · at 2m · 1 decision\n {6}2m {2}kept Deployment\/web at 3\n/,
    );
  });
});
