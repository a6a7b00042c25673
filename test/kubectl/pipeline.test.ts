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

// `kubectl get pods` with a restarted pod (its RESTARTS cell has two words) and `kubectl top
// pods`. Every expected output below is what GNU coreutils 9.1 and gawk 5.2 print for the same
// input with LC_ALL=C (the locale the stages assume: bytes compare as unsigned).
const TABLE =
  [
    "NAME                   READY   STATUS              RESTARTS      AGE",
    "web-7d9c6b8f5d-2xkqp   1/1     Running             0             2m",
    "web-7d9c6b8f5d-9wz4r   1/1     Running             12 (3m ago)   2m",
    "api-5c8d7f9b4-abcde    0/1     CrashLoopBackOff    3             45s",
    "db-0                   1/1     Running             0             10d",
  ].join("\n") + "\n";
const TOP =
  [
    "NAME    CPU(cores)   MEMORY(bytes)",
    "web-1   250m         128Mi",
    "web-2   1            900Ki",
    "web-3   12m          1Gi",
    "web-4   3            1024Ki",
  ].join("\n") + "\n";
const rows = (text: string, ...names: string[]) =>
  names.map((n) => text.split("\n").find((l) => l.startsWith(n))!).join("\n") + "\n";

describe("sort (coreutils sort.c, C locale)", () => {
  it("sorts whole lines by their bytes: uppercase before lowercase, so the header stays first", () => {
    expect(pipe("sort", TABLE).stdout).toBe(
      rows(TABLE, "NAME", "api", "db", "web-7d9c6b8f5d-2", "web-7d9c6b8f5d-9"),
    );
    expect(pipe("sort -r", TABLE).stdout).toBe(
      rows(TABLE, "web-7d9c6b8f5d-9", "web-7d9c6b8f5d-2", "db", "api", "NAME"),
    );
  });

  it("-k N -n compares field N as a number (a word is 0); equal keys fall back to the whole line", () => {
    // RESTARTS: "RESTARTS" is 0 like the two 0s, and the whole line orders those three.
    expect(pipe("sort -k 4 -n", TABLE).stdout).toBe(
      rows(TABLE, "NAME", "db", "web-7d9c6b8f5d-2", "api", "web-7d9c6b8f5d-9"),
    );
    // A key's own r reverses that key only; the last-resort comparison stays ascending.
    expect(pipe("sort -k4,4nr", TABLE).stdout).toBe(
      rows(TABLE, "web-7d9c6b8f5d-9", "api", "NAME", "db", "web-7d9c6b8f5d-2"),
    );
  });

  it("without -t a field starts at the blanks before it, so -k 3 of a table compares them unless -b", () => {
    // Field 3 of TOP: "         128Mi" (9 blanks) sorts after "            1024Ki" (12).
    expect(pipe("sort -k 3", TOP).stdout).toBe(rows(TOP, "web-4", "web-2", "web-3", "web-1", "NAME"));
    expect(pipe("sort -b -k 3", TOP).stdout).toBe(rows(TOP, "web-4", "web-1", "web-3", "web-2", "NAME"));
  });

  it("-h orders by SI suffix, then number (kubectl top's 1Gi > 128Mi > 1024Ki > 900Ki)", () => {
    expect(pipe("sort -k3 -h -r", TOP).stdout).toBe(rows(TOP, "web-3", "web-1", "web-4", "web-2", "NAME"));
    expect(pipe("tail -n +2 | sort -k2 -h", TOP).stdout).toBe(rows(TOP, "web-2", "web-4", "web-3", "web-1"));
  });

  it("-u keeps the first line of each run of equal keys; -t splits on one character", () => {
    expect(pipe("sort -u -k 3,3", TABLE).stdout).toBe(rows(TABLE, "api", "web-7d9c6b8f5d-2", "NAME"));
    expect(pipe("sort -t - -k 2", "a-2\nb-10\nc-1\n").stdout).toBe("c-1\nb-10\na-2\n");
    expect(pipe("sort -t- -k2n", "a-2\nb-10\nc-1\n").stdout).toBe("c-1\na-2\nb-10\n");
    expect(pipe("sort -n", "-1.5\n 2\nx\n-0\n10\n1.25\n").stdout).toBe("-1.5\n-0\nx\n1.25\n 2\n10\n");
  });
});

describe("uniq and cut (coreutils uniq.c, cut.c)", () => {
  it("uniq -c counts each run of equal adjacent lines, padded to 7 columns; -d repeated, -u unique", () => {
    expect(pipe("awk 'NR>1 {print $3}' | sort | uniq -c", TABLE).stdout).toBe(
      "      1 CrashLoopBackOff\n      3 Running\n",
    );
    expect(pipe("awk 'NR>1 {print $3}' | sort | uniq -d", TABLE).stdout).toBe("Running\n");
    expect(pipe("awk 'NR>1 {print $3}' | sort | uniq -u", TABLE).stdout).toBe("CrashLoopBackOff\n");
    // Only adjacent lines: without sort, a repeat further down counts again.
    expect(pipe("uniq -c", "a\na\nb\na\n").stdout).toBe("      2 a\n      1 b\n      1 a\n");
    expect(pipe("uniq -i", "Web\nweb\nWEB\napi\n").stdout).toBe("Web\napi\n");
  });

  it("cut -d C -f LIST splits on every C (padded columns give empty fields); -c selects bytes", () => {
    expect(pipe("cut -d ' ' -f 1", TABLE).stdout).toBe(
      "NAME\nweb-7d9c6b8f5d-2xkqp\nweb-7d9c6b8f5d-9wz4r\napi-5c8d7f9b4-abcde\ndb-0\n",
    );
    // "NAME    CPU(cores)": NAME, three empty fields, then CPU(cores).
    expect(pipe("cut -d ' ' -f 5", TOP).stdout).toBe("CPU(cores)\n\n\n\n\n");
    // A line without the delimiter is printed whole, unless -s.
    expect(pipe("cut -d- -f1,2", TABLE).stdout.split("\n")[0]).toBe(TABLE.split("\n")[0]);
    expect(pipe("cut -d- -f1,2 -s", TABLE).stdout).toBe(
      "web-7d9c6b8f5d\nweb-7d9c6b8f5d\napi-5c8d7f9b4\ndb-0                   1/1     Running             0             10d\n",
    );
    expect(pipe("cut -c 1-8", TOP).stdout).toBe("NAME    \nweb-1   \nweb-2   \nweb-3   \nweb-4   \n");
    expect(pipe("cut -c1-3,4-6 --output-delimiter=:", TOP).stdout.split("\n")[1]).toBe("web:-1 ");
    // GNU cut 9 counts -c in bytes: "é" is two.
    expect(pipe("cut -c 1-2", "émile\n").stdout).toBe("é\n");
  });
});

describe("awk (gawk's rules for one rule and print)", () => {
  it("prints the fields asked for, joined by a space (`,`) or side by side", () => {
    expect(pipe("awk '{print $1, $3}'", TOP).stdout).toBe(
      "NAME MEMORY(bytes)\nweb-1 128Mi\nweb-2 900Ki\nweb-3 1Gi\nweb-4 1024Ki\n",
    );
    expect(pipe(`awk '{print $1 ":" $NF}'`, TOP).stdout.split("\n")[1]).toBe("web-1:128Mi");
    // $(NF-1): the column before last; RESTARTS "12 (3m ago)" is three fields.
    expect(pipe("awk '{print $(NF-1)}'", TABLE).stdout).toBe("RESTARTS\n0\nago)\n3\n0\n");
    expect(pipe("awk -F- '{print $1}'", TOP).stdout).toBe(
      "NAME    CPU(cores)   MEMORY(bytes)\nweb\nweb\nweb\nweb\n",
    );
  });

  it('a pattern selects the lines: NR>1, /regex/, !/regex/, $N == "text", numbers as numbers', () => {
    expect(pipe("awk 'NR>1 {print $1}'", TOP).stdout).toBe("web-1\nweb-2\nweb-3\nweb-4\n");
    expect(pipe("awk '/Running/ {print $1}'", TABLE).stdout).toBe(
      "web-7d9c6b8f5d-2xkqp\nweb-7d9c6b8f5d-9wz4r\ndb-0\n",
    );
    expect(pipe("awk '!/Running/'", TABLE).stdout).toBe(rows(TABLE, "NAME", "api"));
    expect(pipe(`awk '$3 == "Running"'`, TABLE).stdout).toBe(
      rows(TABLE, "web-7d9c6b8f5d-2", "web-7d9c6b8f5d-9", "db"),
    );
    // "RESTARTS" is not a number, so it compares with 1 as a string, and "R" > "1".
    expect(pipe(`awk '$4 > 1 {print $1 ":" $4}'`, TABLE).stdout).toBe(
      "NAME:RESTARTS\nweb-7d9c6b8f5d-9wz4r:12\napi-5c8d7f9b4-abcde:3\n",
    );
    expect(pipe("awk '$2 ~ /^0/ {print $1}'", TABLE).stdout).toBe("api-5c8d7f9b4-abcde\n");
  });

  it("$(NF-2) on a line of one field stops awk with status 2, as gawk's fatal error does", () => {
    expect(pipe("awk '{print $(NF-2)}'", "a b c\nx\nd e f\n")).toEqual({ stdout: "a\n", status: 2 });
  });
});

describe("pipeline errors point at the word", () => {
  const error = (line: string) => parseKubectl(line).diagnostics[0];

  it("refuses a command it does not run, and lists what it does", () => {
    const d = error("get pods | jq -r .items");
    expect(d).toMatchObject({ message: "error: `| jq` is not supported after a kubectl command", col: 12 });
    expect(d.hint).toContain("head [-n N]");
    expect(d.hint).toContain("awk [-F C]");
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

  it("sort, uniq and cut complain as coreutils 9.1 does (LC_ALL=C quoting)", () => {
    expect(error("get pods | sort -k0")).toMatchObject({
      message: "sort: field number is zero: invalid field specification '0'",
      col: 17,
    });
    expect(error("get pods | sort -k 2x")).toMatchObject({
      message: "sort: stray character in field spec: invalid field specification '2x'",
    });
    expect(error("get pods | sort -k 2,x")).toMatchObject({
      message: "sort: invalid number after ',': invalid count at start of 'x'",
    });
    expect(error("get pods | sort -tab")).toMatchObject({ message: "sort: multi-character tab 'ab'" });
    expect(error("get pods | sort -hn")).toMatchObject({ message: "sort: options '-hn' are incompatible" });
    expect(error("get pods | sort -k")).toMatchObject({
      message: "sort: option requires an argument -- 'k'",
      hint: "Try 'sort --help' for more information.",
    });
    expect(error("get pods | sort -V")).toMatchObject({ message: "sort: -V is not supported here" });
    expect(error("get pods | uniq -x")).toMatchObject({ message: "uniq: invalid option -- 'x'" });
    expect(error("get pods | cut")).toMatchObject({
      message: "cut: you must specify a list of bytes, characters, or fields",
    });
    expect(error("get pods | cut -f 1x,2")).toMatchObject({
      message: "cut: invalid field value 'x,2'",
      col: 19,
    });
    expect(error("get pods | cut -f 3-1")).toMatchObject({ message: "cut: invalid decreasing range" });
    expect(error("get pods | cut -c 1 -d :")).toMatchObject({
      message: "cut: an input delimiter may be specified only when operating on fields",
    });
    expect(error("get pods | cut -f 1 -d ab")).toMatchObject({
      message: "cut: the delimiter must be a single character",
    });
  });

  it("awk refuses what it does not run at the character, and an unquoted program the shell would split", () => {
    // col 12 is `awk`, 16 the opening quote, 17 the program's first character.
    expect(error("get pods | awk 'BEGIN {print}'")).toMatchObject({
      message: "awk: `BEGIN` is not supported here",
      col: 17,
      length: 5,
    });
    expect(error("get pods | awk '{print $1 + 1}'")).toMatchObject({
      message: "awk: `+` is not supported here",
      col: 27,
    });
    expect(error("get pods | awk 'NR>1 && /x/'")).toMatchObject({
      message: "awk: `&&` is not supported here",
      col: 22,
    });
    expect(error("get pods | awk -v x=1 '{print}'")).toMatchObject({
      message: "awk: -v is not supported here",
    });
    expect(error("get pods | awk NR>1")).toMatchObject({
      message: "awk: the shell reads `>` here, before awk sees the program",
      col: 18,
      hint: "quote the program: awk 'NR>1'",
    });
    expect(error("get pods | awk '/(/'")).toMatchObject({
      message: "awk: error parsing regexp: missing closing ): `(`",
    });
    expect(error("get pods | awk '{print $1}' pods.txt")).toMatchObject({
      message: "awk: pods.txt: only standard input can be read here",
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

// bash(1) EXPANSION, Parameter Expansion and QUOTING: `$` is expanded outside single quotes
// before the command runs; unset parameters expand to nothing and an unquoted word left empty
// is removed.
describe("the shell's parameter expansion in a stage's words", () => {
  it('awk "{print $1}" gets `{print }`: whole lines, where single quotes keep the first column', () => {
    expect(pipe('awk "{print $1}"').stdout).toBe(PODS);
    expect(pipe('awk "NR>1 {print $NF}"').stdout).toBe(PODS.split("\n").slice(1).join("\n"));
    expect(pipe("awk '{print $1}'").stdout).toBe(
      ["NAME", "web-7d9c6b8f5d-2xkqp", "web-7d9c6b8f5d-9wz4r", "web-7d9c6b8f5d-tl6mn", ""].join("\n"),
    );
    // An escaped `$` in double quotes reaches awk.
    expect(pipe('awk "{print \\$1}"').stdout.split("\n")[0]).toBe("NAME");
  });

  it("drops an unquoted word that expands to nothing, keeps a quoted empty one", () => {
    expect(pipe("head $N -n 1").stdout).toBe(PODS.split("\n")[0] + "\n");
    // grep "" matches every line.
    expect(pipe('grep "$pattern"').stdout).toBe(PODS);
  });

  it("refuses command substitution and the specials it cannot know, pointing at the `$`", () => {
    for (const [line, what] of [
      ['awk "{print $(NF-1)}"', "`$(…)` command substitution"],
      ['grep "$?"', "`$?`"],
      ['grep "${x:-a}"', "`${…}` parameter expansion"],
    ]) {
      const parsed = parseKubectl(`get pods | ${line}`);
      expect(parsed.diagnostics.map((d) => d.message)).toEqual([
        `error: ${what} is not supported in a pipeline stage`,
      ]);
    }
  });
});
