import { describe, expect, it } from "vitest";
import { executeJsonPath } from "../../src/kubectl/jsonpath.ts";

// k8s.io/client-go/util/jsonpath: jsonpath_test.go cases and the kubectl JSONPath docs.
const deploy = {
  kind: "Deployment",
  metadata: { name: "demo", labels: { app: "demo" } },
  spec: {
    replicas: 3,
    template: {
      spec: {
        containers: [
          { image: "busybox:v3", name: "busybox" },
          { image: "nginx:1.15", name: "web", ports: [{ containerPort: 80 }] },
        ],
      },
    },
  },
};
const list = {
  kind: "List",
  items: [
    { metadata: { name: "a" }, status: { phase: "Running" } },
    { metadata: { name: "b" }, status: { phase: "Pending" } },
  ],
};

describe("executeJsonPath", () => {
  const cases: { name: string; template: string; data: unknown; out: string }[] = [
    {
      name: "a list prints as compact JSON (seed 000)",
      template: "{.spec.template.spec.containers}",
      data: deploy,
      out: '[{"image":"busybox:v3","name":"busybox"},{"image":"nginx:1.15","name":"web","ports":[{"containerPort":80}]}]',
    },
    { name: "a number prints as text", template: "{.spec.replicas}", data: deploy, out: "3" },
    { name: "index", template: "{.spec.template.spec.containers[0].image}", data: deploy, out: "busybox:v3" },
    {
      name: "negative index",
      template: "{.spec.template.spec.containers[-1].name}",
      data: deploy,
      out: "web",
    },
    {
      name: "wildcard results are space separated",
      template: "{.spec.template.spec.containers[*].image}",
      data: deploy,
      out: "busybox:v3 nginx:1.15",
    },
    { name: "slice", template: "{.spec.template.spec.containers[0:1].name}", data: deploy, out: "busybox" },
    {
      name: "filter",
      template: '{.spec.template.spec.containers[?(@.name=="web")].image}',
      data: deploy,
      out: "nginx:1.15",
    },
    { name: "recursive descent", template: "{..image}", data: deploy, out: "busybox:v3 nginx:1.15" },
    { name: "bracket field", template: "{.metadata.labels['app']}", data: deploy, out: "demo" },
    {
      name: "literal text around actions",
      template: "name={.metadata.name}!",
      data: deploy,
      out: "name=demo!",
    },
    {
      name: "range … end with a string literal",
      template: '{range .items[*]}{.metadata.name}{"\\t"}{.status.phase}{"\\n"}{end}',
      data: list,
      out: "a\tRunning\nb\tPending\n",
    },
    { name: "union", template: "{.metadata.name,.spec.replicas}", data: deploy, out: "demo 3" },
    {
      name: "missing keys print nothing (allow-missing-template-keys)",
      template: "{.spec.nothing}",
      data: deploy,
      out: "",
    },
    {
      name: "a map prints as JSON with sorted keys",
      template: "{.metadata}",
      data: deploy,
      out: '{"labels":{"app":"demo"},"name":"demo"}',
    },
  ];
  for (const c of cases) it(c.name, () => expect(executeJsonPath(c.template, c.data)).toBe(c.out));

  it("rejects an unclosed range", () => {
    expect(() => executeJsonPath("{range .items[*]}{.x}", list)).toThrow(/unclosed range/);
  });
});
