// Field error rendering: apimachinery/pkg/util/validation/field/errors.go (ErrorBody),
// apimachinery/pkg/api/errors NewInvalid, kubectl cmd/util/helpers.go (MultilineError,
// statusCausesToAggrError) and util/validation/validation.go RegexError.
import { describe, expect, it } from "vitest";
import {
  duplicate,
  fieldErrorBody,
  forbidden,
  formatInvalid,
  formatInvalidStatus,
  goStringMap,
  goStringSlice,
  invalid,
  notSupported,
  required,
} from "../../src/k8s/fieldErrors.ts";
import { regexError } from "../../src/k8s/validateMeta.ts";

describe("ErrorBody", () => {
  it.each([
    [
      invalid("f", -1, "must be greater than or equal to 0"),
      "Invalid value: -1: must be greater than or equal to 0",
    ],
    [invalid("f", "x", "bad"), 'Invalid value: "x": bad'],
    [invalid("f", true, "bad"), "Invalid value: true: bad"],
    [invalid("f", undefined, "bad"), "Invalid value: null: bad"],
    [
      invalid("f", { a: "b" }, "bad", goStringMap({ a: "b" })),
      'Invalid value: map[string]string{"a":"b"}: bad',
    ],
    [required("f"), "Required value"],
    [required("f", "name or generateName is required"), "Required value: name or generateName is required"],
    [forbidden("f", "may not be set"), "Forbidden: may not be set"],
    [duplicate("f", "web"), 'Duplicate value: "web"'],
    [notSupported("f", "Never", ["Always"]), 'Unsupported value: "Never": supported values: "Always"'],
  ])("%j", (e, want) => {
    expect(fieldErrorBody(e)).toBe(want);
    expect(e.message).toBe(want);
  });
});

describe("formatInvalid (kubectl) and formatInvalidStatus (apiserver)", () => {
  const a = invalid("spec.replicas", -1, "must be greater than or equal to 0");
  const b = required("spec.selector");
  it("one error on one line", () => {
    expect(formatInvalid("Deployment", "x", [a])).toBe(
      'The Deployment "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(formatInvalidStatus("Deployment", "x", [a])).toBe(
      'Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
  });
  it("several errors as a bulleted list (kubectl) or a bracketed aggregate (apiserver), without repeats", () => {
    expect(formatInvalid("Deployment", "x", [a, b, a])).toBe(
      'The Deployment "x" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.selector: Required value',
    );
    expect(formatInvalidStatus("HorizontalPodAutoscaler", "h", [a, b])).toBe(
      'HorizontalPodAutoscaler.autoscaling "h" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.selector: Required value]',
    );
    expect(formatInvalidStatus("Service", "s", [b])).toBe(
      'Service "s" is invalid: spec.selector: Required value',
    );
  });
  it("no causes", () => {
    expect(formatInvalid("Pod", "p", [])).toBe('The Pod "p" is invalid');
  });
});

describe("Go renderings", () => {
  it("maps with sorted keys, slices, nil", () => {
    expect(goStringMap({ tier: "web", app: "x" })).toBe('map[string]string{"app":"x", "tier":"web"}');
    expect(goStringMap(undefined)).toBe("map[string]string(nil)");
    expect(goStringSlice(["a", "b"])).toBe('[]string{"a", "b"}');
    expect(goStringSlice(undefined)).toBe("[]string(nil)");
  });
  it("RegexError keeps Go's double space before ' or'", () => {
    expect(regexError("msg", "[0-9]+%", "1%", "93%")).toBe(
      "msg (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
    );
    expect(regexError("msg", "x")).toBe("msg (regex used for validation is 'x')");
  });
});
