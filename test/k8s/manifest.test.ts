// Manifest loading: positions of fields, diagnostics worded as kubectl words them, and the
// seed walk-throughs' manifests (seed 000) loading unchanged.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadManifests, writtenPath } from "../../src/k8s/manifest.ts";
import { MANIFEST_MESSAGE_CODES, manifestMessages } from "../../src/k8s/messages.ts";
import { splitFieldPath } from "../../src/k8s/yamlPositions.ts";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:1.25
        resources:
          requests:
            cpu: 50m
`;

describe("seed 000 manifests load unchanged, with no diagnostics", () => {
  it.each([
    ["seed000-demo-rollout.yaml", [["Deployment", "demo-rollout"]]],
    [
      "seed000-hpa-demo.yaml",
      [
        ["Deployment", "hpa-demo"],
        ["Service", "hpa-demo"],
      ],
    ],
    [
      "seed000-hpa-mem.yaml",
      [
        ["Deployment", "hpa-mem"],
        ["ConfigMap", "increase-mem-config"],
      ],
    ],
    ["seed000-hpa-mem-hpa-v2beta1.yaml", [["HorizontalPodAutoscaler", "hpa-mem"]]],
  ])("%s", (file, want) => {
    const r = loadManifests(fixture(file), { file });
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.map((o) => [o.object.kind, o.object.metadata.name])).toEqual(want);
    for (const o of r.objects) expect(o.source.file).toBe(file);
  });

  it("keeps objects as written (no defaults, served version)", () => {
    const [hpa] = loadManifests(fixture("seed000-hpa-mem-hpa-v2beta1.yaml")).objects;
    expect(hpa.source.apiVersion).toBe("autoscaling/v2beta1");
    expect(hpa.object.apiVersion as string).toBe("autoscaling/v2beta1");
    const [mem, cm] = loadManifests(fixture("seed000-hpa-mem.yaml")).objects;
    expect((mem.object.spec as Record<string, unknown>).replicas).toBeUndefined();
    expect((cm.object as { data?: Record<string, string> }).data?.["increase-mem.sh"]).toContain(
      "mount -t tmpfs -o size=40M tmpfs /tmp/memory\n",
    );
  });

  it("numbers the documents of a multi-document file", () => {
    const r = loadManifests(fixture("seed000-hpa-demo.yaml"));
    expect(r.objects.map((o) => o.source.documentIndex)).toEqual([0, 1]);
    expect(r.objects[1].position("spec.ports[0].nodePort")).toMatchObject({ line: 38, col: 17 });
  });
});

describe("field positions", () => {
  const [web] = loadManifests(DEPLOY).objects;
  it.each([
    ["spec.replicas", 6, 13, 1],
    ["spec.template.spec.containers[0].image", 17, 16, 10],
    ["spec.template.spec.containers[0].resources.requests[cpu]", 20, 18, 3],
    ["spec.template.spec.containers[0].resources.requests.cpu", 20, 18, 3],
    ["metadata.name", 4, 9, 3],
    // Missing fields fall back to the key of the nearest written parent.
    ["spec.strategy.rollingUpdate.maxSurge", 5, 1, 4],
    ["spec.template.spec.containers[0].ports", 16, 9, 9],
    ["spec.template.metadata.labels", 12, 7, 6],
    ["spec.template.spec.containers[3].image", 15, 7, 10],
  ])("%s → %d:%d (length %d)", (path, line, col, length) => {
    expect(web.position(path)).toMatchObject({ line, col, length });
  });

  it("gives whole spans with end positions", () => {
    expect(web.position("spec.template.spec.containers[0].image")).toEqual({
      offset: DEPLOY.indexOf("nginx:1.25"),
      length: 10,
      line: 17,
      col: 16,
      endLine: 17,
      endCol: 26,
    });
  });

  it("splits Kubernetes field paths", () => {
    expect(splitFieldPath("spec.containers[0].resources.requests[cpu]")).toEqual([
      "spec",
      "containers",
      "0",
      "resources",
      "requests",
      "cpu",
    ]);
    expect(splitFieldPath("metadata.labels[app.kubernetes.io/name]")).toEqual([
      "metadata",
      "labels",
      "app.kubernetes.io/name",
    ]);
  });
});

describe("a heredoc inside a scenario reports the scenario's own lines", () => {
  // The body starts at line 12 of the scenario, so the YAML's line k is scenario line 11 + k.
  it("maps syntax errors", () => {
    const bad = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n   bogus: [1, 2\n";
    const alone = loadManifests(bad);
    const r = loadManifests(bad, { file: "demo.scn", lineOffset: 11 });
    expect(r.objects).toEqual([]);
    expect(r.diagnostics.length).toBeGreaterThan(0);
    expect(r.diagnostics[0]).toMatchObject({
      file: "demo.scn",
      code: "RC5001",
      severity: "error",
      message: "Nested mappings are not allowed in compact mappings",
      span: { line: 4 + 11, col: 9 },
    });
    r.diagnostics.forEach((d, i) => {
      expect(d.span.line).toBe(alone.diagnostics[i].span.line + 11);
      expect(d.span.endLine).toBe(alone.diagnostics[i].span.endLine + 11);
      expect(d.message).toBe(alone.diagnostics[i].message);
    });
  });

  it("maps validation errors to the field's value", () => {
    const r = loadManifests(DEPLOY.replace("replicas: 3", "replicas: -1"), {
      file: "demo.scn",
      lineOffset: 11,
    });
    expect(r.objects).toEqual([]);
    expect(r.diagnostics).toEqual([
      {
        code: "RC5007",
        severity: "error",
        file: "demo.scn",
        span: expect.objectContaining({ line: 6 + 11, col: 13, length: 2 }),
        message:
          'The Deployment "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      },
    ]);
  });

  it("applies column and offset shifts", () => {
    const [o] = loadManifests(DEPLOY, { lineOffset: 100, colOffset: 4, offsetBase: 1000 }).objects;
    expect(o.position("spec.replicas")).toMatchObject({
      line: 106,
      col: 17,
      offset: 1000 + DEPLOY.indexOf("3\n  selector"),
    });
  });
});

describe("diagnostics", () => {
  it("one per YAML syntax error, at the exact spot, with the yaml package's message", () => {
    const r = loadManifests("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n");
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        code: "RC5001",
        message: "Map keys must be unique",
        span: expect.objectContaining({ line: 5, col: 3 }),
      }),
    ]);
  });

  it("unknown kind or version, in kubectl's words, with the supported kinds as a hint", () => {
    const r = loadManifests("apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: old\n");
    expect(r.diagnostics).toHaveLength(1);
    const [d] = r.diagnostics;
    expect(d.message).toBe('no matches for kind "Deployment" in version "extensions/v1beta1"');
    expect(d.hint).toContain("Deployment (apps/v1)");
    expect(d.hint).toContain(
      "HorizontalPodAutoscaler (autoscaling/v2, autoscaling/v1, autoscaling/v2beta2, autoscaling/v2beta1)",
    );
    expect(d.span).toMatchObject({ line: 2, col: 7, length: 10 });
  });

  it("missing name, kind and apiVersion", () => {
    const noName = loadManifests("apiVersion: v1\nkind: Service\nmetadata:\n  labels: {a: b}\n");
    expect(noName.diagnostics.map((d) => [d.code, d.message, d.span.line])).toEqual([
      ["RC5004", "resource name may not be empty", 3],
    ]);
    const noKind = loadManifests("apiVersion: v1\nmetadata:\n  name: x\n");
    expect(noKind.diagnostics.map((d) => d.message)).toEqual(["error validating data: kind not set"]);
    const noVersion = loadManifests("kind: Pod\nmetadata:\n  name: x\n");
    expect(noVersion.diagnostics.map((d) => d.message)).toEqual([
      "error validating data: apiVersion not set",
    ]);
  });

  it("a document that is not an object", () => {
    const r = loadManifests("- a\n- b\n");
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "json: cannot unmarshal array into Go value of type map[string]interface {}",
    ]);
  });

  it("skips empty documents but keeps counting them", () => {
    const r = loadManifests(`---\n# only a comment\n---\n${DEPLOY}---\n`);
    expect(r.diagnostics).toEqual([]);
    expect(r.objects.map((o) => o.source.documentIndex)).toEqual([1]);
    expect(loadManifests("").objects).toEqual([]);
  });

  it("expands kind: List, pointing into its items", () => {
    const list =
      "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: a\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: b\n";
    const r = loadManifests(list);
    expect(r.objects.map((o) => [o.object.metadata.name, o.source.itemIndex])).toEqual([
      ["a", 0],
      ["b", 1],
    ]);
    expect(r.objects[1].position("metadata.name")).toMatchObject({ line: 11, col: 11 });
  });

  it("validation can be turned off (objects then come back even when invalid)", () => {
    const r = loadManifests(DEPLOY.replace("replicas: 3", "replicas: -1"), { validate: false });
    expect(r.diagnostics).toEqual([]);
    expect(r.objects).toHaveLength(1);
  });

  it("uses only catalogue codes, each unique", () => {
    expect(new Set(MANIFEST_MESSAGE_CODES).size).toBe(MANIFEST_MESSAGE_CODES.length);
    const r = loadManifests("a: [\n---\n- x\n---\napiVersion: v9\nkind: Thing\nmetadata: {name: t}\n");
    for (const d of r.diagnostics) expect(MANIFEST_MESSAGE_CODES).toContain(d.code);
  });

  it("lists every code of the catalogue (the scenario stage tells manifest diagnostics by it)", () => {
    const codes = Object.values(manifestMessages).map(
      (m) => (m as (...args: string[]) => { code: string })("x", "y", "z").code,
    );
    expect([...new Set(codes)].sort()).toEqual([...MANIFEST_MESSAGE_CODES].sort());
  });
});

describe("errors in older HPA versions point at the field as written", () => {
  it.each([
    [
      "autoscaling/v2beta1",
      "spec.metrics[0].resource.target.averageUtilization",
      "spec.metrics[0].resource.targetAverageUtilization",
    ],
    [
      "autoscaling/v2beta1",
      "spec.metrics[0].pods.target.averageValue",
      "spec.metrics[0].pods.targetAverageValue",
    ],
    ["autoscaling/v2beta1", "spec.metrics[0].object.target.value", "spec.metrics[0].object.targetValue"],
    [
      "autoscaling/v2beta1",
      "spec.metrics[0].object.describedObject.name",
      "spec.metrics[0].object.target.name",
    ],
    ["autoscaling/v2beta1", "spec.metrics[0].external.metric.name", "spec.metrics[0].external.metricName"],
    [
      "autoscaling/v1",
      "spec.metrics[0].resource.target.averageUtilization",
      "spec.targetCPUUtilizationPercentage",
    ],
    [
      "autoscaling/v2",
      "spec.metrics[0].resource.target.averageUtilization",
      "spec.metrics[0].resource.target.averageUtilization",
    ],
  ])("%s %s → %s", (v, path, want) => {
    expect(writtenPath(path, v)).toBe(want);
  });

  it("a v2beta1 utilization of 0 is reported on its own line", () => {
    const yaml = fixture("seed000-hpa-mem-hpa-v2beta1.yaml").replace(
      "targetAverageUtilization: 60",
      "targetAverageUtilization: 0",
    );
    const r = loadManifests(yaml, { file: "hpa.yaml" });
    expect(r.diagnostics).toEqual([
      expect.objectContaining({
        message:
          'The HorizontalPodAutoscaler "hpa-mem" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
        span: expect.objectContaining({ line: 16, col: 35, length: 1 }),
      }),
    ]);
  });
});
