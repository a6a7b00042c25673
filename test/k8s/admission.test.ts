// The admission entry point: input checks, immutability on update, no mutation of input.
import { describe, expect, it } from "vitest";
import { admit } from "../../src/k8s/admission.ts";
import { deepClone } from "../../src/k8s/clone.ts";
import { formatInvalid } from "../../src/k8s/fieldErrors.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

const pod = (image: string, extra: Record<string, unknown> = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { containers: [{ name: "c", image, ...extra }] },
});

describe("admit", () => {
  it("refuses input that is not an object, or lacks kind/apiVersion", () => {
    expect(admit("nope").errors[0]).toMatchObject({ type: "Invalid" });
    expect(admit({ apiVersion: "v1", metadata: { name: "x" } }).errors[0]).toMatchObject({
      field: "kind",
      type: "Required",
    });
    expect(admit({ kind: "Pod", metadata: { name: "x" } }).errors[0]).toMatchObject({
      field: "apiVersion",
      type: "Required",
    });
  });

  it("reports the version an object was written in", () => {
    expect(admit(pod("busybox")).sourceApiVersion).toBe("v1");
  });

  it("lets a running pod change only its image (ValidatePodUpdate)", () => {
    const old = admit(pod("busybox:1")).object as KubeObject;
    expect(admit(pod("busybox:2"), old).errors).toEqual([]);
    const r = admit(pod("busybox:1", { command: ["sleep", "1"] }), old);
    expect(formatInvalid("Pod", "p", r.errors)).toMatch(
      /^The Pod "p" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/,
    );
  });

  it("reports every error of an object with more bad labels than a call has arguments", () => {
    // The errors are gathered without push(...errors), which overflows the stack past ~120,000.
    const n = 150_000;
    const labels: Record<string, string> = {};
    for (let i = 0; i < n; i++) labels[`bad key ${i}`] = "x";
    const r = admit({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "p", labels },
      spec: { containers: [] },
    });
    expect(r.errors.filter((e) => e.field === "metadata.labels")).toHaveLength(n);
  });

  it("never changes its input", () => {
    const raw = pod("nginx");
    const before = deepClone(raw);
    admit(raw);
    expect(raw).toEqual(before);
  });
});

describe("deepClone", () => {
  it("copies nested data without sharing", () => {
    const a = { x: [1, { y: "z" }], n: null, b: true };
    const b = deepClone(a);
    expect(b).toEqual(a);
    (b.x[1] as { y: string }).y = "changed";
    expect((a.x[1] as { y: string }).y).toBe("z");
  });
});

// pkg/apis/core/v1/conversion.go Convert_v1_PodSpec_To_core_PodSpec (serviceAccountName, else
// the deprecated serviceAccount) and Convert_core_PodSpec_To_v1_PodSpec (serviceAccount =
// serviceAccountName): what `get -o yaml` shows for every kind with a pod template.
describe("the deprecated spec.serviceAccount in pod templates", () => {
  const workload = (apiVersion: string, kind: string, podSpec: Record<string, unknown>) => {
    const template = {
      metadata: { labels: { app: "w" } },
      spec: {
        restartPolicy: kind === "Job" ? "Never" : "Always",
        containers: [{ name: "c", image: "busybox:1.36" }],
        ...podSpec,
      },
    };
    const spec: Record<string, unknown> =
      kind === "Job" ? { template } : { selector: { matchLabels: { app: "w" } }, template };
    if (kind === "StatefulSet") spec.serviceName = "w";
    return { apiVersion, kind, metadata: { name: "w" }, spec };
  };
  const kinds: [string, string][] = [
    ["apps/v1", "Deployment"],
    ["apps/v1", "ReplicaSet"],
    ["apps/v1", "StatefulSet"],
    ["apps/v1", "DaemonSet"],
    ["batch/v1", "Job"],
  ];
  const templateSpec = (raw: unknown) => {
    const r = admit(raw);
    expect(r.errors).toEqual([]);
    return (r.object as unknown as { spec: { template: { spec: Record<string, unknown> } } }).spec.template
      .spec;
  };

  for (const [apiVersion, kind] of kinds)
    it(`${kind}: either field gives both, serviceAccountName winning`, () => {
      expect(templateSpec(workload(apiVersion, kind, { serviceAccountName: "robot" }))).toMatchObject({
        serviceAccount: "robot",
        serviceAccountName: "robot",
      });
      expect(templateSpec(workload(apiVersion, kind, { serviceAccount: "legacy" }))).toMatchObject({
        serviceAccount: "legacy",
        serviceAccountName: "legacy",
      });
      expect(
        templateSpec(workload(apiVersion, kind, { serviceAccount: "legacy", serviceAccountName: "robot" })),
      ).toMatchObject({ serviceAccount: "robot", serviceAccountName: "robot" });
      const none = templateSpec(workload(apiVersion, kind, {}));
      expect("serviceAccount" in none || "serviceAccountName" in none).toBe(false);
    });
});
