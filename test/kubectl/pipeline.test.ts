// The shell pipeline after a kubectl command (src/kubectl/pipeline.ts), as blog walk-throughs
// write it: `kubectl get pods | tail -n +2 | wc -l`, `kubectl get rs | head -3`,
// `kubectl get pods | grep Running | wc -l`. Each stage behaves as GNU coreutils 9 / GNU grep 3
// do reading a pipe: head.c and tail.c (-n N, -N, head -n -N, tail -n +N, default 10 lines),
// wc.c (counts in the order lines, words, chars, bytes; 7-column padding for a pipe unless one
// count is printed), grep's status 1 when no line is selected.
import { describe, expect, it } from "vitest";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runPipeline } from "../../src/kubectl/pipeline.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";

// What `kubectl get pods` prints with three pods, one of them not ready.
const PODS =
  [
    "NAME                   READY   STATUS              RESTARTS   AGE",
    "web-7d9c6b8f5d-2xkqp   1/1     Running             0          2m",
    "web-7d9c6b8f5d-9wz4r   1/1     Running             0          2m",
    "web-7d9c6b8f5d-tl6mn   0/1     ContainerCreating   0          3s",
  ].join("\n") + "\n";

function pipe(line: string, text = PODS) {
  const parsed = parseKubectl(`get pods | ${line}`);
  expect(parsed.diagnostics).toEqual([]);
  return runPipeline(text, parsed.command!.pipeline!);
}

describe("pipeline stages", () => {
  it("head prints the first N lines (10 by default), -n -N all but the last N", () => {
    expect(pipe("head -2").stdout).toBe(PODS.split("\n").slice(0, 2).join("\n") + "\n");
    expect(pipe("head -n 1").stdout).toBe(PODS.split("\n")[0] + "\n");
    expect(pipe("head -n1").stdout).toBe(PODS.split("\n")[0] + "\n");
    expect(pipe("head --lines=1").stdout).toBe(PODS.split("\n")[0] + "\n");
    expect(pipe("head -n -3").stdout).toBe(PODS.split("\n")[0] + "\n");
    expect(pipe("head").stdout).toBe(PODS);
    expect(pipe("head -n 0")).toEqual({ stdout: "", status: 0 });
  });

  it("tail prints the last N lines, -n +N from line N (how walk-throughs drop the header)", () => {
    expect(pipe("tail -1").stdout).toBe(PODS.split("\n")[3] + "\n");
    expect(pipe("tail -n 2").stdout.split("\n")[0]).toMatch(/^web-7d9c6b8f5d-9wz4r/);
    expect(pipe("tail -n +2").stdout).toBe(PODS.split("\n").slice(1).join("\n"));
    // +0 and +1 both start at the first line.
    expect(pipe("tail -n +0").stdout).toBe(PODS);
    expect(pipe("tail -n 0").stdout).toBe("");
  });

  it("wc counts lines, words and bytes; one count prints bare, several padded to 7 columns", () => {
    expect(pipe("wc -l")).toEqual({ stdout: "4\n", status: 0 });
    expect(pipe("wc -lw").stdout).toBe("      4      20\n");
    expect(pipe("wc").stdout).toBe(`      4      20 ${String(PODS.length).padStart(7)}\n`);
    // -m counts characters, -c bytes: "µ" is one character, two bytes.
    expect(pipe("wc -m -c", "µ\n").stdout).toBe("      2       3\n");
    expect(pipe("wc --lines", "").stdout).toBe("0\n");
  });

  it("stages chain; the status is the last stage's", () => {
    expect(pipe("grep Running | wc -l")).toEqual({ stdout: "2\n", status: 0 });
    expect(pipe("tail -n +2 | wc -l")).toEqual({ stdout: "3\n", status: 0 });
    expect(pipe("grep -v NAME | head -1").stdout).toMatch(/^web-7d9c6b8f5d-2xkqp +1\/1 +Running/);
    // grep that selects nothing fails; a wc after it counts 0 and succeeds.
    expect(pipe("grep Pending")).toEqual({ stdout: "", status: 1 });
    expect(pipe("grep Pending | wc -l")).toEqual({ stdout: "0\n", status: 0 });
  });
});

describe("pipeline errors point at the word", () => {
  const error = (line: string) => parseKubectl(line).diagnostics[0];

  it("refuses a command it does not run, and lists what it does", () => {
    const d = error("get pods | sort -k 3");
    expect(d).toMatchObject({ message: "error: `| sort` is not supported after a kubectl command", col: 12 });
    expect(d.hint).toContain("head [-n N]");
  });

  it("gives each command's own complaint", () => {
    expect(error("get pods | head -n x")).toMatchObject({
      message: "head: invalid number of lines: 'x'",
      col: 17,
    });
    expect(error("get pods | tail -z")).toMatchObject({ message: "tail: invalid option -- 'z'", col: 17 });
    expect(error("get pods | wc -x")).toMatchObject({ message: "wc: invalid option -- 'x'" });
    expect(error("get pods | head -n")).toMatchObject({
      message: "head: option requires an argument -- 'n'",
    });
    expect(error("get pods | grep")).toMatchObject({ message: "error: grep needs a PATTERN" });
    expect(error("get pods | wc -l pods.txt")).toMatchObject({
      message: "wc: pods.txt: only standard input can be read here",
      col: 18,
    });
    expect(error("get pods | grep web |")).toMatchObject({
      message: "error: a `|` needs a command after it",
      col: 21,
    });
  });
});

describe("in a scenario", () => {
  it("prints what the pipeline prints, at the command's time", async () => {
    const r = await runScenario(
      {
        text: [
          "at 0s kubectl create deployment web --image=nginx:1.25 --replicas=3",
          "at 30s kubectl get pods | tail -n +2 | wc -l",
          "at 30s kubectl get pods -l app=web | grep -c Running",
          "at 30s kubectl get rs | head -1",
        ].join("\n"),
        file: "pipes.scn",
      },
      { host: memoryHost({}) },
    );
    const at = (line: number) => r.output.filter((o) => o.line === line).map((o) => o.text);
    expect(at(2)).toEqual(["3"]);
    expect(at(3)).toEqual(["3"]);
    expect(at(4)).toEqual(["NAME             DESIRED   CURRENT   READY   AGE"]);
    expect(r.failures).toEqual([]);
  });
});
