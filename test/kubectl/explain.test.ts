/**
 * `kubectl explain` (kubectl/pkg/cmd/explain/explain.go and the OpenAPI v3 renderer,
 * kubectl/pkg/explain/v2/templates/plaintext.tmpl), over 1.34's documents of the modelled
 * kinds. The expected texts are kubectl 1.3x's own output for these lines (the layout is the
 * template's: GROUP/KIND/VERSION, a FIELD line and two blank lines, the field's description
 * then its type's, a line of four spaces, FIELDS with `name\t<type>`, the enum on the line
 * after, the description wrapped at 78 columns less the indentation).
 */
import { describe, expect, it } from "vitest";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { explainDocument, type Schema } from "../../src/kubectl/explain/render.ts";
import { wrapString } from "../../src/kubectl/explain/wordWrap.ts";
import { explainSchemasJson } from "../../src/kubectl/explain/schemas.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { FakeCluster } from "./fakeCluster.ts";

const explain = (line: string) => runKubectl(`kubectl explain ${line}`, new FakeCluster());
const stdout = (line: string) => {
  const r = explain(line);
  expect(r.stderr).toBe("");
  expect(r.exitCode).toBe(0);
  return r.stdout;
};
const stderr = (line: string, version?: number) =>
  parseKubectl(`kubectl explain ${line}`, version === undefined ? {} : { version }).diagnostics.map(
    (d) => d.message,
  );

const STRATEGY_HEAD = [
  "GROUP:      apps",
  "KIND:       Deployment",
  "VERSION:    v1",
  "",
  "FIELD: strategy <DeploymentStrategy>",
  "",
  "",
  "DESCRIPTION:",
  "    The deployment strategy to use to replace existing pods with new ones.",
  "    DeploymentStrategy describes how to replace existing pods with new ones.",
  "    ",
  "FIELDS:",
];

describe("kubectl explain", () => {
  it("prints a field: its type, both descriptions, and its type's fields with their enums", () => {
    expect(stdout("deploy.spec.strategy")).toBe(
      [
        ...STRATEGY_HEAD,
        "  rollingUpdate\t<RollingUpdateDeployment>",
        "    Rolling update config params. Present only if DeploymentStrategyType =",
        "    RollingUpdate.",
        "",
        "  type\t<string>",
        "  enum: Recreate, RollingUpdate",
        '    Type of deployment. Can be "Recreate" or "RollingUpdate". Default is',
        "    RollingUpdate.",
        "    ",
        "    Possible enum values:",
        '     - `"Recreate"` Kill all existing pods before creating new ones.',
        '     - `"RollingUpdate"` Replace the old ReplicaSets by new one using rolling',
        "    update i.e gradually scale down the old ReplicaSets and scale up the new",
        "    one.",
        "",
        "",
        "",
      ].join("\n"),
    );
  });

  it("--recursive prints the names and types of every field below, indented two by two", () => {
    expect(stdout("deploy.spec.strategy --recursive")).toBe(
      [
        ...STRATEGY_HEAD,
        "  rollingUpdate\t<RollingUpdateDeployment>",
        "    maxSurge\t<IntOrString>",
        "    maxUnavailable\t<IntOrString>",
        "  type\t<string>",
        "  enum: Recreate, RollingUpdate",
        "",
        "",
      ].join("\n"),
    );
    const behavior = stdout("hpa.spec.behavior --recursive");
    expect(behavior).toContain(
      [
        "FIELDS:",
        "  scaleDown\t<HPAScalingRules>",
        "    policies\t<[]HPAScalingPolicy>",
        "      periodSeconds\t<integer> -required-",
        "      type\t<string> -required-",
        "      value\t<integer> -required-",
        "    selectPolicy\t<string>",
      ].join("\n"),
    );
    // DESCRIPTION wraps at 76 columns: "target" would fit in 77.
    expect(behavior).toContain(
      "    HorizontalPodAutoscalerBehavior configures the scaling behavior of the\n" +
        "    target in both Up and Down directions (scaleUp and scaleDown fields\n" +
        "    respectively).\n    \nFIELDS:\n",
    );
    // An HPA is autoscaling/v2, its preferred version.
    expect(behavior.split("\n").slice(0, 3)).toEqual([
      "GROUP:      autoscaling",
      "KIND:       HorizontalPodAutoscaler",
      "VERSION:    v2",
    ]);
  });

  it("reads the TYPE word as the RESTMapper does: short name, singular, plural, kind, plural.group", () => {
    const expected = stdout("deployments.spec.replicas");
    for (const word of ["deploy", "deployment", "Deployment", "deployments.apps"])
      expect(stdout(`${word}.spec.replicas`)).toBe(expected);
    expect(expected).toContain("FIELD: replicas <integer>\n\n\nDESCRIPTION:\n    Number of desired pods.");
    // The core group prints no GROUP line.
    expect(stdout("po").startsWith("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n")).toBe(true);
    expect(stdout("pods.")).toBe(stdout("pods"));
  });

  it("--api-version picks another served version: autoscaling/v1's HPA", () => {
    const v1 = stdout("hpa.spec --api-version=autoscaling/v1");
    expect(v1).toContain("VERSION:    v1\n");
    expect(v1).toContain("  targetCPUUtilizationPercentage\t<integer>\n");
    expect(v1).toContain("  maxReplicas\t<integer> -required-\n");
    expect(stdout("hpa.spec")).toContain("  metrics\t<[]MetricSpec>\n");
  });

  it("prints a map's and an array's element type, and the referenced type's description after the field's", () => {
    const limits = stdout("pod.spec.containers.resources.limits");
    expect(limits).toContain("FIELD: limits <map[string]Quantity>\n");
    expect(limits).toContain(
      "    Limits describes the maximum amount of compute resources allowed. More info:\n" +
        "    https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/\n" +
        "    Quantity is a fixed-point representation of a number.",
    );
    const containers = stdout("pods.spec.containers");
    expect(containers).toContain("FIELD: containers <[]Container>\n");
    expect(containers).toContain("  name\t<string> -required-\n");
    // Time is a string schema, so it prints as its type, not its name.
    expect(stdout("pod.metadata")).toContain("  creationTimestamp\t<string>\n");
  });

  it("lists at most four enum values in FIELDS, and all of them on the FIELD line", () => {
    expect(stdout("pod.status")).toContain(
      "  phase\t<string>\n  enum: Failed, Pending, Running, Succeeded, ....\n",
    );
    expect(stdout("svc.spec.type")).toContain(
      "FIELD: type <string>\nENUM:\n    ClusterIP\n    ExternalName\n    LoadBalancer\n    NodePort\n\nDESCRIPTION:\n",
    );
  });

  it("reports kubectl's errors", () => {
    // The template names the path's last word, whichever word is missing.
    expect(explain("pods.spec.foo.bar").stderr).toBe('error: field "bar" does not exist\n');
    expect(explain("deploy.spec.replicas.x").exitCode).toBe(1);
    expect(explain("deploy.constructor").stderr).toBe('error: field "constructor" does not exist\n');
    expect(explain("deploy.spec.__proto__").stderr).toBe('error: field "__proto__" does not exist\n');
    expect(stderr("deploymnt")).toEqual(['error: the server doesn\'t have a resource type "deploymnt"']);
    expect(stderr("")).toEqual([
      'error: You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.',
    ]);
    expect(stderr("pods svc")).toEqual(["error: We accept only this format: explain RESOURCE"]);
    // explain has --output but no -o: pflag stops there, so `yaml` is never an argument.
    expect(stderr("deploy -o yaml")).toEqual(["error: unknown shorthand flag: 'o' in -o"]);
    expect(stderr("hpa --api-version=autoscaling/v2beta2")).toEqual([
      'error: couldn\'t find resource for "autoscaling/v2beta2, Resource=horizontalpodautoscalers"',
    ]);
    expect(stderr("pods --api-version=apps/v1")).toEqual([
      "error: GVR (apps/v1, Resource=pods) not found in OpenAPI schema",
    ]);
    expect(stderr("pods --api-version=a/b/c")).toEqual(["error: unexpected GroupVersion string: a/b/c"]);
    expect(stderr("pods --output=yaml")).toEqual(["error: unrecognized format: yaml"]);
    expect(stdout("pods --output=plaintext")).toBe(stdout("pods"));
  });

  it("refuses what it would have to make up: a kind whose documents are not shipped, an older kubectl's documents", () => {
    expect(stderr("ingress")).toEqual([
      "error: kubectl explain ingresses.networking.k8s.io (its OpenAPI documents are not shipped) is not supported by the Replicast simulator",
    ]);
    expect(stderr("pods", 22)).toEqual([
      "error: kubectl explain as kubectl 1.22 prints it (OpenAPI v2) is not supported by the Replicast simulator",
    ]);
  });

  it("runs in a scenario, and a wrong field is found when the scenario is checked", async () => {
    const r = await runScenario(
      { text: "kubectl explain cj.spec.concurrencyPolicy\n", file: "e.scn" },
      { host: memoryHost({}) },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.output.map((o) => o.text)[0]).toMatch(
      /^GROUP: {6}batch\nKIND: {7}CronJob\nVERSION: {4}v1\n\nFIELD: concurrencyPolicy <string>\nENUM:\n {4}Allow\n {4}Forbid\n {4}Replace\n/,
    );
    const bad = await runScenario(
      { text: "kubectl explain deploy.spec.replica\n", file: "e.scn" },
      { host: memoryHost({}) },
    );
    // The scenario's diagnostic is kubectl's message without its `error: `.
    expect(bad.diagnostics.map((d) => d.message)).toEqual(['field "replica" does not exist']);
  });
});

describe("explain's documents", () => {
  const doc = explainDocument();
  const refs = (s: Schema | undefined): string[] =>
    s === undefined
      ? []
      : [
          ...(s.$ref === undefined ? [] : [s.$ref]),
          ...(s.allOf ?? []).flatMap(refs),
          ...Object.values(s.properties ?? {}).flatMap(refs),
          ...refs(s.items),
          ...refs(s.additionalProperties),
        ];

  it("cover the modelled kinds, and every reference resolves", () => {
    expect(doc.kinds.map((k) => `${k.group}/${k.version}/${k.kind}`)).toEqual(
      expect.arrayContaining([
        "apps/v1/Deployment",
        "apps/v1/ReplicaSet",
        "apps/v1/StatefulSet",
        "apps/v1/DaemonSet",
        "/v1/Pod",
        "/v1/Service",
        "/v1/ConfigMap",
        "/v1/Namespace",
        "/v1/ResourceQuota",
        "/v1/LimitRange",
        "autoscaling/v1/HorizontalPodAutoscaler",
        "autoscaling/v2/HorizontalPodAutoscaler",
        "batch/v1/Job",
        "batch/v1/CronJob",
        "policy/v1/PodDisruptionBudget",
      ]),
    );
    const missing = [...doc.schemas.values()].flatMap(refs).filter((r) => !doc.schemas.has(r));
    expect(missing).toEqual([]);
  });

  it("are 1.34's: no field added after it (Pod status's allocatedResources came in 1.36)", () => {
    expect(stdout("pod.status")).not.toContain("allocatedResources");
    expect(stdout("pod.spec")).toContain("  hostnameOverride\t<string>\n");
  });

  it("keep the spec's list items: the generators' comment escape of `*` is not the spec's text", () => {
    // types.go (autoscaling/v2 HorizontalPodAutoscalerBehavior.ScaleUp): "  * increase no more
    // than 4 pods per 60 seconds"; the OpenAPI text has no backslash.
    const out = stdout("hpa.spec.behavior.scaleUp");
    expect(out).toContain("\n      * increase no more than 4 pods per 60 seconds\n");
    expect(out).not.toContain("\\*");
  });

  it("take a Quantity field's text from 1.34 (HPA tolerance was alpha there, beta from 1.35)", () => {
    const out = stdout("hpa.spec.behavior.scaleUp.tolerance");
    expect(out).toContain("This is an alpha field and requires enabling the");
    expect(out).not.toContain("beta field");
  });

  it("are ASCII text, as the CLI bundle must be", () => {
    expect(/^[\x20-\x7e\n]*$/.test(explainSchemasJson())).toBe(true);
  });
});

describe("wrapString (go-wordwrap WrapString, as kubectl's wrap uses it)", () => {
  it("breaks between words, dropping the spaces at the break", () => {
    expect(wrapString("aaa bbb ccc", 7)).toBe("aaa bbb\nccc");
    expect(wrapString("aaa   bbb", 5)).toBe("aaa\nbbb");
  });
  it("keeps a word longer than the limit whole, and a newline starts the count again", () => {
    expect(wrapString("a https://example.com/very/long b", 10)).toBe("a\nhttps://example.com/very/long\nb");
    expect(wrapString("aaa\n\nbbb ccc", 7)).toBe("aaa\n\nbbb ccc");
  });
});
