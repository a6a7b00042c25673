/**
 * kubectl's generic describer helpers (k8s.io/kubectl/pkg/describe/describe.go smartLabelFor,
 * with github.com/fatih/camelcase's Split, and fmt's %v of unstructured values).
 */
import { describe, expect, it } from "vitest";
import { goValue, smartLabelFor } from "../../src/k8s/printing/genericDescribe.ts";

describe("smartLabelFor", () => {
  it.each([
    ["apiVersion", "API Version"],
    ["kind", "Kind"],
    ["creationTimestamp", "Creation Timestamp"],
    ["uid", "UID"],
    ["targetCPUUtilizationPercentage", "Target CPU Utilization Percentage"],
    ["scaleTargetRef", "Scale Target Ref"],
    ["serviceURL", "Service URL"],
    ["my-field", "My - Field"],
    ["v1", "v1"],
    ["x_y", "x_y"],
  ])("%s → %s", (field, label) => {
    expect(smartLabelFor(field)).toBe(label);
  });
});

describe("%v of an unstructured value", () => {
  it.each([
    ["a string", "jobs", "jobs"],
    ["an integer", 30, "30"],
    ["a float", 0.5, "0.5"],
    ["a large float", 1.5e21, "1.5e+21"],
    ["a small float", 0.00001, "1e-05"],
    ["a boolean", true, "true"],
    ["null", null, "<nil>"],
    ["a list in a list", ["a", 1], "[a 1]"],
  ])("%s", (_n, v, text) => {
    expect(goValue(v)).toBe(text);
  });
});
