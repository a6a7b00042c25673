// Unknown fields, as the apiserver's strict field validation names them
// ("strict decoding error: unknown field \"spec.replica\"").
import { describe, expect, it } from "vitest";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import { findUnknownFields } from "../../src/k8s/knownFields.ts";
import { loadManifests } from "../../src/k8s/manifest.ts";

describe("findUnknownFields", () => {
  it.each([
    {
      name: "a misspelt Deployment field, with the closest known one",
      apiVersion: "apps/v1",
      kind: "Deployment",
      raw: {
        spec: {
          replica: 3,
          template: { spec: { containers: [{ name: "a", image: "b", imagePullPolicyy: "Always" }] } },
        },
      },
      want: [
        { path: "spec.replica", suggestion: "replicas" },
        { path: "spec.template.spec.containers[0].imagePullPolicyy", suggestion: "imagePullPolicy" },
      ],
    },
    {
      name: "a v2 field in a v2beta1 HPA",
      apiVersion: "autoscaling/v2beta1",
      kind: "HorizontalPodAutoscaler",
      raw: {
        spec: { metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization" } } }] },
      },
      want: [{ path: "spec.metrics[0].resource.target" }],
    },
    {
      name: "a v1 field that does not exist",
      apiVersion: "autoscaling/v1",
      kind: "HorizontalPodAutoscaler",
      raw: { spec: { targetCPUUtilization: 50 } },
      want: [{ path: "spec.targetCPUUtilization" }],
    },
    {
      name: "nothing inside structures Replicast does not model",
      apiVersion: "apps/v1",
      kind: "Deployment",
      raw: {
        spec: {
          template: {
            spec: {
              affinity: { whatever: 1 },
              containers: [{ livenessProbe: { exec: { command: ["x"] } } }],
            },
          },
        },
      },
      want: [],
    },
    {
      name: "an unserved kind is not checked",
      apiVersion: "apps/v1",
      kind: "DaemonSet",
      raw: { spec: { bogus: 1 } },
      want: [],
    },
  ])("$name", ({ apiVersion, kind, raw, want }) => {
    expect(findUnknownFields(raw, apiVersion, builtinKinds.get(kind))).toEqual(want);
  });
});

describe("loadManifests reports unknown fields as warnings at their key", () => {
  it("warns and still loads the object", () => {
    const yaml = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "spec:",
      "  replica: 3",
      "  selector:",
      "    matchLabels: {app: web}",
      "  template:",
      "    metadata:",
      "      labels: {app: web}",
      "    spec:",
      "      containers:",
      "      - {name: web, image: nginx}",
      "",
    ].join("\n");
    const r = loadManifests(yaml, { file: "web.yaml" });
    expect(r.objects).toHaveLength(1);
    expect(r.diagnostics).toEqual([
      {
        code: "RC5008",
        severity: "warning",
        file: "web.yaml",
        span: expect.objectContaining({ line: 6, col: 3, length: 7 }),
        message: 'unknown field "spec.replica"',
        hint: "did you mean `replicas`? the field is ignored; kubectl apply would refuse it (strict decoding error)",
      },
    ]);
    expect(loadManifests(yaml, { unknownFields: "ignore" }).diagnostics).toEqual([]);
  });
});
