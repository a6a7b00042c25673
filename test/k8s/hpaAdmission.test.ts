// HPA version conversion (pkg/apis/autoscaling/{v1,v2beta1}/conversion.go), defaulting
// (pkg/apis/autoscaling/v2/defaults.go) and validation (pkg/apis/autoscaling/validation/validation.go).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { admit } from "../../src/k8s/admission.ts";
import { formatInvalid } from "../../src/k8s/fieldErrors.ts";
import type { HorizontalPodAutoscaler } from "../../src/k8s/types.ts";

type Obj = Record<string, unknown>;
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const ref = { apiVersion: "apps/v1", kind: "Deployment", name: "web" };

function hpa(apiVersion: string, spec: Obj): Obj {
  return {
    apiVersion,
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web" },
    spec: { scaleTargetRef: ref, maxReplicas: 10, ...spec },
  };
}

function admitted(raw: Obj): HorizontalPodAutoscaler {
  const r = admit(raw);
  expect(r.errors).toEqual([]);
  return r.object as HorizontalPodAutoscaler;
}

const cpu = (n: number) => ({
  type: "Resource",
  resource: { name: "cpu", target: { type: "Utilization", averageUtilization: n } },
});

describe("conversion to the internal autoscaling/v2 form", () => {
  it("seed 000's autoscaling/v2beta1 memory HPA", () => {
    const raw = parse(fixture("seed000-hpa-mem-hpa-v2beta1.yaml")) as Obj;
    const r = admit(raw);
    expect(r.sourceApiVersion).toBe("autoscaling/v2beta1");
    const h = r.object as HorizontalPodAutoscaler;
    expect(h.apiVersion).toBe("autoscaling/v2");
    expect(h.spec).toEqual({
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "hpa-mem" },
      minReplicas: 1,
      maxReplicas: 10,
      metrics: [
        {
          type: "Resource",
          resource: { name: "memory", target: { type: "Utilization", averageUtilization: 60 } },
        },
      ],
    });
  });

  it("autoscaling/v1: targetCPUUtilizationPercentage becomes a cpu Utilization metric", () => {
    const h = admitted(hpa("autoscaling/v1", { minReplicas: 1, targetCPUUtilizationPercentage: 60 }));
    expect(h.spec.metrics).toEqual([cpu(60)]);
    expect(h.spec).not.toHaveProperty("targetCPUUtilizationPercentage");
    expect(h.spec.behavior).toBeUndefined();
  });

  it("autoscaling/v1 without a target defaults to 80% and minReplicas 1 (kubectl autoscale without --cpu-percent)", () => {
    const h = admitted(hpa("autoscaling/v1", {}));
    expect(h.spec.metrics).toEqual([cpu(80)]);
    expect(h.spec.minReplicas).toBe(1);
  });

  it("autoscaling/v1 restores metrics and behavior kept in annotations (other metrics first, then cpu)", () => {
    const raw = hpa("autoscaling/v1", { targetCPUUtilizationPercentage: 50 });
    (raw.metadata as Obj).annotations = {
      "autoscaling.alpha.kubernetes.io/metrics": JSON.stringify([
        { type: "Resource", resource: { name: "memory", targetAverageValue: "100Mi" } },
      ]),
      "autoscaling.alpha.kubernetes.io/behavior": JSON.stringify({
        scaleDown: {
          stabilizationWindowSeconds: 60,
          policies: [{ type: "Pods", value: 1, periodSeconds: 60 }],
        },
      }),
      keep: "me",
    };
    const h = admitted(raw);
    expect(h.spec.metrics).toEqual([
      {
        type: "Resource",
        resource: { name: "memory", target: { type: "AverageValue", averageValue: "100Mi" } },
      },
      cpu(50),
    ]);
    expect(h.spec.behavior?.scaleDown).toEqual({
      stabilizationWindowSeconds: 60,
      selectPolicy: "Max",
      policies: [{ type: "Pods", value: 1, periodSeconds: 60 }],
    });
    expect(h.metadata.annotations).toEqual({ keep: "me" });
  });

  it.each([
    {
      name: "Resource targetAverageValue",
      v2beta1: { type: "Resource", resource: { name: "memory", targetAverageValue: "0.5Gi" } },
      v2: {
        type: "Resource",
        resource: { name: "memory", target: { type: "AverageValue", averageValue: "512Mi" } },
      },
    },
    {
      name: "Pods metricName + targetAverageValue + selector",
      v2beta1: {
        type: "Pods",
        pods: { metricName: "qps", targetAverageValue: "10", selector: { matchLabels: { a: "b" } } },
      },
      v2: {
        type: "Pods",
        pods: {
          metric: { name: "qps", selector: { matchLabels: { a: "b" } } },
          target: { type: "AverageValue", averageValue: "10" },
        },
      },
    },
    {
      name: "Object targetValue",
      v2beta1: {
        type: "Object",
        object: { target: { kind: "Service", name: "svc" }, metricName: "rps", targetValue: "2k" },
      },
      v2: {
        type: "Object",
        object: {
          describedObject: { kind: "Service", name: "svc" },
          metric: { name: "rps" },
          target: { type: "Value", value: "2k" },
        },
      },
    },
    {
      name: "Object averageValue",
      v2beta1: {
        type: "Object",
        object: {
          target: { kind: "Service", name: "svc" },
          metricName: "rps",
          targetValue: "2k",
          averageValue: "100",
        },
      },
      v2: {
        type: "Object",
        object: {
          describedObject: { kind: "Service", name: "svc" },
          metric: { name: "rps" },
          target: { type: "AverageValue", value: "2k", averageValue: "100" },
        },
      },
    },
    {
      name: "External targetAverageValue + metricSelector",
      v2beta1: {
        type: "External",
        external: {
          metricName: "queue",
          metricSelector: { matchLabels: { q: "jobs" } },
          targetAverageValue: "30",
        },
      },
      v2: {
        type: "External",
        external: {
          metric: { name: "queue", selector: { matchLabels: { q: "jobs" } } },
          target: { type: "AverageValue", averageValue: "30" },
        },
      },
    },
    {
      name: "External targetValue",
      v2beta1: { type: "External", external: { metricName: "queue", targetValue: "1500m" } },
      v2: {
        type: "External",
        external: { metric: { name: "queue" }, target: { type: "Value", value: "1500m" } },
      },
    },
  ])("autoscaling/v2beta1 $name", ({ v2beta1, v2 }) => {
    expect(admitted(hpa("autoscaling/v2beta1", { metrics: [v2beta1] })).spec.metrics).toEqual([v2]);
  });

  it("autoscaling/v2beta1 without metrics gets cpu 80%", () => {
    expect(admitted(hpa("autoscaling/v2beta1", {})).spec.metrics).toEqual([cpu(80)]);
  });

  it.each(["autoscaling/v2", "autoscaling/v2beta2"])(
    "%s keeps its shape; quantities are canonicalised",
    (v) => {
      const metrics = [
        {
          type: "Pods",
          pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "0.5" } },
        },
        {
          type: "ContainerResource",
          containerResource: {
            name: "cpu",
            container: "app",
            target: { type: "Utilization", averageUtilization: 60 },
          },
        },
      ];
      const h = admitted(hpa(v, { minReplicas: 2, metrics }));
      expect(h.spec.minReplicas).toBe(2);
      expect(h.spec.metrics).toEqual([
        {
          type: "Pods",
          pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "500m" } },
        },
        metrics[1],
      ]);
    },
  );

  it("defaults behavior only when it is given (legacy path otherwise)", () => {
    expect(admitted(hpa("autoscaling/v2", {})).spec.behavior).toBeUndefined();
    const h = admitted(
      hpa("autoscaling/v2", {
        behavior: { scaleDown: { policies: [{ type: "Percent", value: 10, periodSeconds: 60 }] } },
      }),
    );
    expect(h.spec.behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: "Max",
        policies: [
          { type: "Pods", value: 4, periodSeconds: 15 },
          { type: "Percent", value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { selectPolicy: "Max", policies: [{ type: "Percent", value: 10, periodSeconds: 60 }] },
    });
  });
});

describe("HPA validation messages", () => {
  const cases: { name: string; raw: Obj; want: string }[] = [
    {
      name: "maxReplicas below minReplicas",
      raw: hpa("autoscaling/v2", { minReplicas: 5, maxReplicas: 2 }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    },
    {
      name: "maxReplicas 0",
      raw: hpa("autoscaling/v1", { minReplicas: 1, maxReplicas: 0 }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: \n* spec.maxReplicas: Invalid value: 0: must be greater than 0\n* spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
    },
    {
      // validateMetrics checks minReplicas 0 whatever the gate says, so both errors appear.
      name: "minReplicas 0 without HPAScaleToZero",
      raw: hpa("autoscaling/v2", { minReplicas: 0 }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: \n* spec.minReplicas: Invalid value: 0: must be greater than or equal to 1\n* spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    },
    {
      name: "scaleTargetRef without a name",
      raw: hpa("autoscaling/v2", { scaleTargetRef: { kind: "Deployment" } }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.scaleTargetRef.name: Required value',
    },
    {
      name: "utilization below 1",
      raw: hpa("autoscaling/v2", { metrics: [cpu(0)] }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0',
    },
    {
      name: "unknown target type",
      raw: hpa("autoscaling/v2", {
        metrics: [
          {
            type: "Resource",
            resource: { name: "cpu", target: { type: "Percent", averageUtilization: 50 } },
          },
        ],
      }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.type: Invalid value: "Percent": must be either Utilization, Value, or AverageValue',
    },
    {
      name: "resource target without a value",
      raw: hpa("autoscaling/v2", {
        metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization" } } }],
      }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.target.averageUtilization: Required value: must set either a target raw value or a target utilization',
    },
    {
      // Only one block is present, so upstream does not also forbid it.
      name: "metric type with the wrong block",
      raw: hpa("autoscaling/v2", {
        metrics: [
          { type: "Pods", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 5 } } },
        ],
      }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].pods: Required value: must populate information for the given metric source',
    },
    {
      name: "two source blocks",
      raw: hpa("autoscaling/v2", {
        metrics: [
          {
            ...cpu(50),
            pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "1" } },
          },
        ],
      }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].pods: Forbidden: must populate the given metric source only',
    },
    {
      name: "policy value 0",
      raw: hpa("autoscaling/v2", {
        behavior: { scaleUp: { policies: [{ type: "Pods", value: 0, periodSeconds: 15 }] } },
      }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.policies[0].value: Invalid value: 0: must be greater than zero',
    },
    {
      name: "periodSeconds above 1800",
      raw: hpa("autoscaling/v2", {
        behavior: { scaleDown: { policies: [{ type: "Percent", value: 10, periodSeconds: 3600 }] } },
      }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleDown.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800',
    },
    {
      name: "stabilization window above 3600",
      raw: hpa("autoscaling/v2", { behavior: { scaleDown: { stabilizationWindowSeconds: 3601 } } }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleDown.stabilizationWindowSeconds: Invalid value: 3601: must be less than or equal to 3600',
    },
    {
      name: "negative stabilization window",
      raw: hpa("autoscaling/v2", { behavior: { scaleUp: { stabilizationWindowSeconds: -1 } } }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: -1: must be greater than or equal to zero',
    },
    {
      name: "unknown selectPolicy",
      raw: hpa("autoscaling/v2", { behavior: { scaleUp: { selectPolicy: "Fastest" } } }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.selectPolicy: Unsupported value: "Fastest": supported values: "Disabled", "Max", "Min"',
    },
    {
      name: "empty policies list",
      raw: hpa("autoscaling/v2", { behavior: { scaleUp: { policies: [] } } }),
      want: 'The HorizontalPodAutoscaler "web" is invalid: spec.behavior.scaleUp.policies: Required value: must specify at least one Policy',
    },
  ];
  it.each(cases)("$name", ({ raw, want }) => {
    const r = admit(raw);
    expect(r.object).toBeUndefined();
    expect(formatInvalid("HorizontalPodAutoscaler", "web", r.errors)).toBe(want);
  });

  it("allows minReplicas 0 under HPAScaleToZero only with an Object or External metric", () => {
    const external = {
      type: "External",
      external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "30" } },
    };
    expect(
      admit(hpa("autoscaling/v2", { minReplicas: 0, metrics: [external] }), undefined, { scaleToZero: true })
        .errors,
    ).toEqual([]);
    const r = admit(hpa("autoscaling/v2", { minReplicas: 0 }), undefined, { scaleToZero: true });
    expect(formatInvalid("HorizontalPodAutoscaler", "web", r.errors)).toBe(
      'The HorizontalPodAutoscaler "web" is invalid: spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
    );
  });
});

describe("resource names (ValidateContainerResourceName)", () => {
  it("refuses a resource that is not a standard container resource", () => {
    const r = admit(
      hpa("autoscaling/v2beta1", {
        metrics: [{ type: "Resource", resource: { name: "memroy", targetAverageUtilization: 60 } }],
      }),
    );
    expect(formatInvalid("HorizontalPodAutoscaler", "web", r.errors)).toBe(
      'The HorizontalPodAutoscaler "web" is invalid: spec.metrics[0].resource.name: Invalid value: "memroy": must be a standard resource for containers',
    );
  });
  it.each(["cpu", "memory", "ephemeral-storage", "hugepages-2Mi", "example.com/gpu"])(
    "accepts %s",
    (name) => {
      expect(
        admit(
          hpa("autoscaling/v2", {
            metrics: [
              { type: "Resource", resource: { name, target: { type: "AverageValue", averageValue: "1" } } },
            ],
          }),
        ).errors,
      ).toEqual([]);
    },
  );
});
