import { describe, expect, it } from "vitest";
import { formatTime } from "../../src/text/format.ts";
import { joinPath, memoryHost, pathInside } from "../../src/scenario/host.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { tokenize } from "../../src/kubectl/tokenize.ts";
import { messages } from "../../src/scenario/messages.ts";
import { loadSteps, subSpan } from "../../src/scenario/plan.ts";
import { collapseLiveRows } from "../../src/scenario/runner.ts";
import { cpuMilli } from "../../src/scenario/targets.ts";
import { stretchesIn, timingWindow } from "../../src/scenario/timing.ts";
import { normalize } from "../../src/scenario/quantities.ts";
import { span } from "./helpers.ts";

describe("formatTime", () => {
  const cases: [number, string][] = [
    [0, "0s"],
    [15, "15s"],
    [90, "1m30s"],
    [600, "10m"],
    [3725, "1h2m5s"],
    [86400 + 60, "1d1m"],
    [0.5, "500ms"],
    [1.25, "1.25s"],
  ];
  for (const [s, text] of cases) it(`${s} → ${text}`, () => expect(formatTime(s)).toBe(text));
});

describe("POSIX paths of the in-memory host", () => {
  const joins: [string, string, string][] = [
    ["a/b", "../c.yaml", "a/c.yaml"],
    ["a", "/etc/x", "/etc/x"],
    [".", "x", "x"],
    ["a", "../../x", "../x"],
    ["/s", "./m/../n.yaml", "/s/n.yaml"],
  ];
  for (const [base, rel, want] of joins)
    it(`join(${base}, ${rel}) = ${want}`, () => expect(joinPath(base, rel)).toBe(want));
  const inside: [string, string, boolean][] = [
    ["a/b", "a/b/c", true],
    ["a/b", "a/b/x/y", true],
    ["a/b", "a/bc", false],
    ["a/b", "a/c", false],
    [".", "x/y", true],
    [".", "../x", false],
    [".", "/etc/x", false],
  ];
  for (const [dir, path, want] of inside)
    it(`${path} inside ${dir}: ${want}`, () => expect(pathInside(dir, path)).toBe(want));
  it("reads normalised paths", () =>
    expect(memoryHost({ "s/./a.yaml": "x" }).readFile("s/b/../a.yaml")).toBe("x"));
});

describe("kubectl lines, read once", () => {
  const words = (line: string) => tokenize(line).tokens.map((t) => t.value);
  it("split like a shell", () => {
    expect(words(`get deploy x -o jsonpath='{.spec.replicas}'`)).toEqual([
      "get",
      "deploy",
      "x",
      "-o",
      "jsonpath={.spec.replicas}",
    ]);
    expect(words(`annotate deploy x note="a \\"b\\" c"`)).toEqual([
      "annotate",
      "deploy",
      "x",
      'note=a "b" c',
    ]);
    expect(words("  scale   deploy/x --replicas=2 ")).toEqual(["scale", "deploy/x", "--replicas=2"]);
  });

  /** What the planner learns of a line: reads, watches, and the names of what it creates. */
  const facts = (line: string) => {
    const f = parseKubectl(line).facts;
    return (
      f && {
        reads: f.reads,
        watches: f.watches,
        creates: f.creates.map((o) => {
          const ref = (o.spec as { scaleTargetRef?: { name: string } }).scaleTargetRef;
          return `${o.kind}/${o.metadata.name}${ref ? ` → ${ref.name}` : ""}`;
        }),
        applies: f.applies,
      }
    );
  };
  const cases: { line: string; facts: object }[] = [
    {
      line: "create deployment demo --image=busybox:v1 --replicas=3 -- sleep 3600",
      facts: { creates: ["Deployment/demo"], reads: false },
    },
    { line: "create deploy --image=x demo", facts: { creates: ["Deployment/demo"] } },
    // A dry run creates nothing; a line with an error still names what it meant.
    { line: "create deployment demo --image=x --dry-run=client", facts: { creates: [] } },
    { line: "create deployment demo --image=x --bogus", facts: { creates: ["Deployment/demo"] } },
    {
      line: "autoscale deployment web --cpu-percent=10 --min=1 --max=10",
      facts: { creates: ["HorizontalPodAutoscaler/web → web"] },
    },
    {
      line: "autoscale deployment/web --max=3 --name=front",
      facts: { creates: ["HorizontalPodAutoscaler/front → web"] },
    },
    { line: "apply -f a.yaml --filename=b.yaml", facts: { applies: ["a.yaml", "b.yaml"], reads: false } },
    { line: "get hpa -w", facts: { reads: true, watches: { kind: "HorizontalPodAutoscaler" } } },
    { line: "get deploy/web --watch", facts: { watches: { kind: "Deployment", name: "web" } } },
    { line: "get pods", facts: { reads: true, watches: undefined } },
    { line: "rollout history deployment web", facts: { reads: true } },
    { line: "rollout undo deployment web", facts: { reads: false } },
  ];
  for (const c of cases) it(c.line, () => expect(facts(c.line)).toMatchObject(c.facts));
});

describe("small rules of the plan", () => {
  it("cpuMilli", () => {
    expect([cpuMilli("500m"), cpuMilli("0.5"), cpuMilli("2"), cpuMilli("1.5k")]).toEqual([
      500,
      500,
      2000,
      undefined,
    ]);
  });
  it("subSpan points at a word of a one-line span", () => {
    expect(subSpan(span(3, 9, 8, 40), 4, 4)).toEqual({
      offset: 44,
      length: 4,
      line: 3,
      col: 13,
      endLine: 3,
      endCol: 17,
    });
  });
  it("cpu steps become one load change per step", () => {
    expect(
      loadSteps({ kind: "cpuSteps", amounts: [{ percentOfRequest: 100 }, { milli: 200 }], every: 60 }),
    ).toEqual([
      { offset: 0, lasts: 60, spec: { kind: "cpu", amount: { percentOfRequest: 100 } } },
      { offset: 60, lasts: 60, spec: { kind: "cpu", amount: { milli: 200 } } },
    ]);
  });
  it("requests default to 1 millicore each", () => {
    expect(loadSteps({ kind: "requests", rps: 50 })[0].spec).toEqual({
      kind: "requests",
      rps: 50,
      costMilliPerRequest: 1,
    });
  });
});

describe("step functions", () => {
  it("normalize keeps the last point of an instant and drops repeats", () => {
    expect(
      normalize([
        { t: 0, value: 1 },
        { t: 15, value: 1 },
        { t: 15, value: 2 },
        { t: 15, value: 3 },
        { t: 30, value: 3 },
      ]),
    ).toEqual([
      { t: 0, value: 1 },
      { t: 15, value: 3 },
    ]);
  });
  it("stretchesIn stamps the value at the window's start with the time it began", () => {
    const pts = [
      { t: 0, value: 1 },
      { t: 75, value: 3 },
      { t: 200, value: 1 },
    ];
    expect(stretchesIn(pts, 60, 90)).toEqual([
      { t: 0, value: 1 },
      { t: 75, value: 3 },
    ]);
    expect(stretchesIn(pts, -5, -1)).toEqual([{ t: -5, value: undefined }]);
  });
  it("timing windows", () => {
    expect(timingWindow({ kind: "within", d: 30 }, 60, 600)).toEqual({
      from: 60,
      to: 90,
      every: false,
      negate: false,
    });
    expect(timingWindow({ kind: "never" }, 60, 600)).toEqual({
      from: 60,
      to: 600,
      every: true,
      negate: true,
    });
    expect(timingWindow({ kind: "at", t: 120 }, 60, 600)).toEqual({
      from: 120,
      to: 120,
      every: true,
      negate: false,
    });
  });
});

describe("live watch rows", () => {
  it("keep one row per object per instant and drop rows that differ only in AGE", () => {
    const row = (time: number, text: string) => ({
      time,
      command: "watch deploy/web",
      line: 3,
      object: "web",
      text,
      afterEvents: 0,
    });
    const out = collapseLiveRows([
      row(10, "web   0/1   0   0   10s"),
      row(10, "web   1/1   1   1   10s"),
      row(25, "web   1/1   1   1   25s"),
      row(40, "web   2/2   2   2   40s"),
    ]);
    expect(out.map((o) => [o.time, o.text])).toEqual([
      [10, "web   1/1   1   1   10s"],
      [40, "web   2/2   2   2   40s"],
    ]);
    expect(out.every((o) => o.watch)).toBe(true);
  });
});

describe("the message catalogue", () => {
  it("every code is unique", () => {
    // Every message takes strings or string lists; call each with both shapes' worth of arguments.
    const codes = Object.values(messages).map(
      (f) => (f as (...a: unknown[]) => { code: string })("x", ["y"]).code,
    );
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^RC4\d{3}$/.test(c))).toBe(true);
  });
});
