/**
 * The golden corpus covers what the product does (issue #15): every load form, expectation
 * quantity, comparison and timing of grammar/README.md, every setting, the kubectl commands
 * and output formats src/kubectl/README.md lists, HPAs in every served autoscaling version
 * with every metric source and behavior knob, and both Deployment strategies with their
 * knobs. Read from the committed scenarios and manifests, so a corpus that loses a form fails.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseScenario, SETTINGS, type Statement } from "../../src/index.ts";
import { corpus, SCENARIOS_DIR } from "../../scripts/golden/record.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const entries = corpus(root);
const statements: Statement[] = [];
const yamlTexts: string[] = [];
for (const e of entries) {
  const text = readFileSync(join(root, e.path), "utf8");
  const parsed = parseScenario(text, e.path);
  statements.push(...parsed.statements);
  for (const s of parsed.statements)
    if ((s.kind === "manifest" || s.kind === "apply") && s.source.kind === "heredoc")
      yamlTexts.push(s.source.text);
}
for (const d of readdirSync(join(root, SCENARIOS_DIR), { recursive: true, withFileTypes: true }))
  if (d.isFile() && /\.ya?ml$/.test(d.name)) yamlTexts.push(readFileSync(join(d.parentPath, d.name), "utf8"));

type Obj = Record<string, unknown>;
const objects: Obj[] = yamlTexts.flatMap((t) =>
  parseAllDocuments(t).flatMap((doc) => {
    const o = doc.toJS() as unknown;
    return o && typeof o === "object" ? [o as Obj] : [];
  }),
);
const kubectlLines = statements.flatMap((s) => (s.kind === "kubectl" ? [s.args] : []));

/** The names in `wanted` that no element of `seen` has. */
const missing = (wanted: readonly string[], seen: Iterable<string>): string[] => {
  const have = new Set(seen);
  return wanted.filter((w) => !have.has(w));
};

describe("the golden corpus covers", () => {
  it("every load form", () => {
    const forms = statements.flatMap((s) => {
      if (s.kind !== "load") return [];
      const l = s.load;
      switch (l.kind) {
        case "cpu":
          return [
            l.rampTo ? "cpu ramp" : "cpu",
            "percentOfRequest" in l.amount ? "cpu %" : "cpu milli",
            ...(s.target ? ["with a target"] : []),
          ];
        case "cpuPerPod":
          return [l.startupFor !== undefined ? "cpu per pod at startup" : "cpu per pod"];
        case "memoryPerPod":
          return [
            "memory per pod",
            ...(l.onPods !== undefined ? ["memory on N pods"] : []),
            ...(l.duration !== undefined ? ["memory for D"] : []),
          ];
        case "requests":
          return [l.costMilliPerRequest !== undefined ? "requests with cost" : "requests"];
        case "cpuSteps":
          return ["cpu steps"];
        default:
          return [l.kind];
      }
    });
    const wanted = [
      "cpu",
      "cpu %",
      "cpu milli",
      "cpu ramp",
      "cpu steps",
      "cpu per pod",
      "cpu per pod at startup",
      "memory per pod",
      "memory on N pods",
      "memory for D",
      "requests",
      "requests with cost",
      "metric",
      "off",
      "with a target",
    ];
    expect(missing(wanted, forms)).toEqual([]);
  });

  it("every expectation quantity, comparison and timing", () => {
    const expects = statements.flatMap((s) => (s.kind === "expect" ? [s] : []));
    const quantities = [
      "replicas",
      "pods",
      "ready",
      "available",
      "updated",
      "unavailable",
      "revision",
      "current",
      "desired",
      "utilization",
      "image",
      "metric",
      "condition",
      "rolloutComplete",
      "event",
      "scaleEvents",
      "podMinutes",
      "rolloutDuration",
      "unserved",
    ];
    expect(
      missing(
        quantities,
        expects.map((e) => e.quantity.kind),
      ),
    ).toEqual([]);
    expect(
      missing(
        ["==", "!=", ">=", "<=", ">", "<"],
        expects.map((e) => e.op),
      ),
    ).toEqual([]);
    expect(
      missing(
        ["within", "at", "for", "always", "never", "fromTo"],
        expects.map((e) => e.timing.kind),
      ),
    ).toEqual([]);
    expect(expects.some((e) => e.quantity.kind === "image" && e.quantity.container)).toBe(true);
    expect(expects.some((e) => e.quantity.kind === "condition" && e.quantity.reason)).toBe(true);
    expect(expects.some((e) => e.target?.kind === "pod" || e.text.startsWith("expect pods deploy"))).toBe(
      true,
    );
  });

  it("every statement kind and both time marks", () => {
    const kinds = [
      "title",
      "manifest",
      "set",
      "apply",
      "kubectl",
      "load",
      "watch",
      "run",
      "time",
      "expect",
      "nodes",
      "autoscaleNodes",
    ];
    expect(
      missing(
        kinds,
        statements.map((s) => s.kind),
      ),
    ).toEqual([]);
    expect(statements.some((s) => s.time?.kind === "after")).toBe(true);
    expect(
      missing(
        ["heredoc", "file", "name"],
        statements.flatMap((s) => (s.kind === "apply" ? [s.source.kind] : [])),
      ),
    ).toEqual([]);
    const runs = statements.flatMap((s) => (s.kind === "run" ? [s.mode] : []));
    expect(missing(["for", "until"], runs)).toEqual([]);
  });

  it("every setting", () => {
    const set = statements.flatMap((s) => (s.kind === "set" ? [s.key] : []));
    expect(
      missing(
        SETTINGS.map((s) => s.key),
        set,
      ),
    ).toEqual([]);
  });

  it("the kubectl commands, flags and output formats", () => {
    const words = (line: string) => line.replace(/^kubectl\s+/, "").split(/\s+/);
    const commands = kubectlLines.map((l) => {
      const [verb, sub] = words(l);
      return ["set", "rollout", "create", "top"].includes(verb) ? `${verb} ${sub}` : verb;
    });
    const wanted = [
      "create deployment",
      "apply",
      "set image",
      "rollout status",
      "rollout history",
      "rollout undo",
      "rollout pause",
      "rollout resume",
      "rollout restart",
      "scale",
      "autoscale",
      "delete",
      "patch",
      "annotate",
      "label",
      "expose",
      "get",
      "describe",
      "top pod",
      "top node",
      "cordon",
      "uncordon",
      "drain",
    ];
    expect(missing(wanted, commands)).toEqual([]);
    const has = (re: RegExp) => kubectlLines.some((l) => re.test(l));
    const flags: [string, RegExp][] = [
      ["-o wide", /-o wide/],
      ["-o yaml", /-o yaml/],
      ["-o json", /-o json(\s|$)/],
      ["-o name", /-o name/],
      ["-o jsonpath", /-o jsonpath=/],
      ["get -w", /^get .*-w(\s|$)/],
      ["get events", /^get (events|ev)\b/],
      ["get all", /^get all/],
      ["-l", / -l /],
      ["--sort-by", /--sort-by=/],
      ["--show-labels", /--show-labels/],
      ["| grep", /\| grep/],
      ["undo --to-revision", /undo .*--to-revision=/],
      ["history --revision", /history .*--revision=/],
      ["--record", /--record/],
      ["patch --type=json", /--type=json/],
      ["patch --type=merge", /--type=merge/],
      ["scale --current-replicas", /--current-replicas=/],
      ["top --containers", /top pods? .*--containers/],
    ];
    expect(flags.filter(([, re]) => !has(re)).map(([name]) => name)).toEqual([]);
    expect(statements.some((s) => s.kind === "watch")).toBe(true);
  });

  it("HPAs in every served autoscaling version, every metric source and behavior knob", () => {
    const hpas = objects.filter((o) => o.kind === "HorizontalPodAutoscaler");
    expect(
      missing(
        ["autoscaling/v1", "autoscaling/v2beta1", "autoscaling/v2beta2", "autoscaling/v2"],
        hpas.map((h) => String(h.apiVersion)),
      ),
    ).toEqual([]);
    const text = JSON.stringify(hpas);
    for (const t of ["Resource", "ContainerResource", "Pods", "Object", "External"])
      expect(text, `metric type ${t}`).toContain(`"type":"${t}"`);
    for (const knob of [
      '"targetCPUUtilizationPercentage"',
      '"targetAverageUtilization"',
      '"targetAverageValue"',
      '"targetValue"',
      '"metricName"',
      '"averageUtilization"',
      '"averageValue"',
      '"value"',
      '"stabilizationWindowSeconds"',
      '"selectPolicy":"Max"',
      '"selectPolicy":"Min"',
      '"selectPolicy":"Disabled"',
      '"type":"Percent"',
      "autoscaling.alpha.kubernetes.io/metrics",
      '"name":"memory"',
    ])
      expect(text, knob).toContain(knob);
    expect(kubectlLines.some((l) => l.startsWith("autoscale"))).toBe(true);
  });

  it("both Deployment strategies and their knobs", () => {
    const text = JSON.stringify(objects.filter((o) => o.kind === "Deployment"));
    for (const knob of [
      '"type":"Recreate"',
      '"type":"RollingUpdate"',
      '"maxSurge":0',
      '"maxSurge":"25%"',
      '"maxUnavailable":1',
      '"maxUnavailable":"50%"',
      '"minReadySeconds"',
      '"readinessProbe"',
      '"progressDeadlineSeconds"',
      '"terminationGracePeriodSeconds"',
      '"revisionHistoryLimit"',
      '"limits"',
    ])
      expect(text, knob).toContain(knob);
  });
});
