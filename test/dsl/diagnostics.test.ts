// How parseScenario reports problems: all at once, at exact positions, in the catalogue's
// words, with the scenario withheld when anything is an error.
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/dsl/index.ts";
import { messages } from "../../src/dsl/messages.ts";
import { problems } from "./helpers.ts";

describe("all errors at once", () => {
  it("reports one error on each bad line and keeps reading", () => {
    const text = [
      "aply deploy",
      "at 10s load cpu",
      "expect replicas 3 within 3",
      "set hpa.sync-perod = 15s",
      "expect ready 2",
    ].join("\n");
    expect(problems(text)).toEqual([
      "1:1 RC2002 expected a statement, found `aply`",
      "2:16 RC2001 expected a CPU amount such as 500m, 1.5 or 80%, or `steps` after `cpu`, found the end of the line",
      "3:26 RC2001 expected a duration such as 30s after `within`, found `3`",
      "4:5 RC3001 unknown setting `hpa.sync-perod`",
    ]);
  });

  it("checks meaning in the good statements of a file with syntax errors", () => {
    expect(problems("at 20s apply a\nexpect replicas >=\nat 10s apply b")).toEqual([
      '2:19 RC2001 expected a value such as 3, 80%, 30s or "text" after `>=`, found the end of the line',
      "3:1 RC3003 time goes backwards: `at 10s` comes after a statement at 20s",
    ]);
  });

  it("reports a lexical error once, not again as a syntax error", () => {
    expect(problems("expect replicas 3 within 1m30\nexpect replicas @")).toEqual([
      "1:26 RC1002 `1m30` is not a number, a duration or a quantity",
      "2:17 RC1001 unexpected character `@`",
    ]);
  });

  it("withholds the scenario when there is an error", () => {
    const result = parseScenario("apply deploy\nexpect replicsa 3", "x.scn");
    expect(result.scenario).toBeUndefined();
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      code: messages.unknownQuantity.code,
      severity: "error",
      file: "x.scn",
      hint: "did you mean `replicas`?",
      span: { line: 2, col: 8, length: 8, endLine: 2, endCol: 16 },
    });
  });
});

describe("syntax errors in friendly words", () => {
  it.each([
    ["expect replicas 3 within 3", "1:26 RC2001 expected a duration such as 30s after `within`, found `3`"],
    ["run for", "1:8 RC2001 expected a duration such as 30s after `for`, found the end of the file"],
    ["apply deploy apply hpa", "1:14 RC2003 expected a new line or `;` after `deploy`, found `apply`"],
    ["at 5s frobnicate", "1:7 RC2002 expected a statement after `at 5s`, found `frobnicate`"],
    ["lod cpu 1", "1:1 RC2002 expected a statement, found `lod`"],
    ["load gpu 1", "1:6 RC2001 expected cpu, memory, requests, metric or off after `load`, found `gpu`"],
    ['manifest x file "a"', "1:12 RC2001 expected `=` after `x`, found `file`"],
    [
      "expect",
      "1:7 RC2001 expected a quantity such as replicas, pods, ready, available, updated, desired, utilization, image, condition, event or rollout after `expect`, found the end of the file",
    ],
    [
      "load cpu steps every 1m",
      "1:16 RC2001 expected at least one percentage such as 80% or CPU amount such as 500m or 1.5 after `steps`, found `every`",
    ],
    ["expect replicas 3; within 3s", "1:20 RC2002 expected a statement, found `within`"],
    ["set = 5", "1:5 RC2001 expected a setting such as hpa.sync-period after `set`, found `=`"],
    ["load metric 5", "1:13 RC2001 expected a metric name after `metric`, found `5`"],
    [
      "expect hpa condition == True",
      "1:22 RC2001 expected a condition type such as ScalingActive after `condition`, found `==`",
    ],
    ["explain hpa/web within 1m", "1:17 RC2003 expected a new line or `;` after `hpa/web`, found `within`"],
    [
      "explain hpa/web at",
      "1:19 RC2001 expected a duration such as 30s after `at`, found the end of the file",
    ],
    ["explain hpa/web from 2m to 1m", "1:22 RC3013 the window ends before it starts: from 2m to 1m"],
  ])("%s", (text, problem) => {
    expect(problems(text)).toEqual([problem]);
  });

  it("suggests the statement keyword that was meant", () => {
    const [d] = parseScenario("expcet replicas 3", "x.scn").diagnostics;
    expect(d.hint).toBe("did you mean `expect`?");
  });
});

describe("lexical problems", () => {
  it.each([
    ['scenario "abc', '1:10 RC1003 unterminated string: the line ends before the closing `"`'],
    ['scenario "a\\qb"', "1:12 RC1004 unknown escape `\\q` in a string"],
    ["apply <<YAML\nkind: x\n", "1:7 RC1005 heredoc `<<YAML` is never closed"],
    ["apply <<YAML oops\nYAML", "1:14 RC1006 unexpected `oops` after `<<YAML`"],
    ["kubectl get 'pods", "1:13 RC1007 unclosed `'` in the kubectl command line"],
    ["kubectl", "1:1 RC1008 expected a kubectl command after `kubectl`"],
    ["apply x $$ y", "1:9 RC1001 unexpected characters `$$`"],
    ["expect replicas 5x", "1:17 RC1002 `5x` is not a number, a duration or a quantity"],
  ])("%j", (text, problem) => {
    expect(problems(text)).toEqual([problem]);
  });
});

describe("checks across statements", () => {
  it("allows time to stay or move forward, with after adding to the previous time", () => {
    expect(problems("at 10s apply a\napply b\nafter 5s apply c\nat 15s apply d\nat 15s apply e")).toEqual([]);
    expect(problems("at 10s apply a\nafter 5s apply b\nat 14s apply c")).toEqual([
      "3:1 RC3003 time goes backwards: `at 14s` comes after a statement at 15s",
    ]);
  });

  it("points at the earlier declaration of a duplicate", () => {
    const [d] = parseScenario('manifest a = file "x"\nmanifest a = file "y"', "x.scn").diagnostics;
    expect(d).toMatchObject({ code: messages.duplicateManifest.code, span: { line: 2, col: 10 } });
    expect(d.related).toEqual([
      {
        file: "x.scn",
        span: expect.objectContaining({ line: 1, col: 10 }),
        message: "manifest `a` first declared here",
      },
    ]);
  });

  it("allows one title and one run", () => {
    expect(problems('scenario "a"\nscenario "b"\nrun for 1m\nrun for 2m')).toEqual([
      "2:1 RC3007 the scenario has a title already",
      "4:1 RC3008 `run` appears twice; a scenario ends once",
    ]);
  });
});

describe("fault statements", () => {
  it("say what may follow, and refuse counts and durations that cannot be", () => {
    const text = [
      "fault",
      "fault crash deployment/web pods",
      "fault metrics up",
      "faul crash 1 pod",
      "fault crash 2.5 pods",
      "fault unready 0 pods for 1m",
      "fault crash 1 pod for 0s",
    ].join("\n");
    expect(problems(text)).toEqual([
      "1:6 RC2001 expected `crash`, `pull`, `unready`, `node`, `metrics` or `scale-updates` after `fault`, found the end of the line",
      "2:28 RC2001 expected a number after `deployment/web`, found `pods`",
      "3:15 RC2001 expected `down` after `metrics`, found `up`",
      "4:1 RC2002 expected a statement, found `faul`",
      "5:13 RC3012 the number of pods must be a whole number, not `2.5`",
      "6:15 RC3014 the number of pods must be greater than zero, not `0`",
      "7:23 RC3014 how long a fault lasts must be greater than zero, not `0s`",
    ]);
  });
});
