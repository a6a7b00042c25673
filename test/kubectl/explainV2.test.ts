/**
 * `kubectl explain --output=plaintext-openapiv2`: the OpenAPI v2 printer
 * (kubectl/pkg/explain: model_printer.go's KIND/VERSION, RESOURCE or FIELD line and
 * DESCRIPTION, indented 5; fields_printer.go's `   name\t<type>` with the description indented
 * 5; typename.go's types; formatter.go's wrapping to 80 columns; field_lookup.go's error for
 * the first missing word). The expected texts are the layout kubectl printed before 1.27 and
 * prints with this output, over 1.34's descriptions.
 */
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../src/kubectl/run.ts";
import { wrapV2 } from "../../src/kubectl/explain/v2.ts";
import { FakeCluster } from "./fakeCluster.ts";

const explain = (line: string) =>
  runKubectl(`kubectl explain ${line} --output=plaintext-openapiv2`, new FakeCluster());

describe("kubectl explain --output=plaintext-openapiv2", () => {
  it("a primitive field: FIELD with its type, then its description wrapped at 80 columns", () => {
    expect(explain("deploy.spec.replicas").stdout).toBe(
      [
        "KIND:     Deployment",
        "VERSION:  apps/v1",
        "",
        "FIELD:    replicas <integer>",
        "",
        "DESCRIPTION:",
        "     Number of desired pods. This is a pointer to distinguish between explicit",
        "     zero and not specified. Defaults to 1.",
        "",
      ].join("\n"),
    );
  });

  it("a kind: DESCRIPTION, then FIELDS each with its type and description; metadata is <Object>", () => {
    const lines = explain("deployments").stdout.split("\n");
    expect(lines.slice(0, 15)).toEqual([
      "KIND:     Deployment",
      "VERSION:  apps/v1",
      "",
      "DESCRIPTION:",
      "     Deployment enables declarative updates for Pods and ReplicaSets.",
      "",
      "FIELDS:",
      "   apiVersion\t<string>",
      "     APIVersion defines the versioned schema of this representation of an",
      "     object. Servers should convert recognized schemas to the latest internal",
      "     value, and may reject unrecognized values. More info:",
      "     https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources",
      "",
      "   kind\t<string>",
      "     Kind is a string value representing the REST resource this object",
    ]);
    expect(lines.slice(-11)).toEqual([
      "   metadata\t<Object>",
      "     Standard object's metadata. More info:",
      "     https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
      "",
      "   spec\t<Object>",
      "     Specification of the desired behavior of the Deployment.",
      "",
      "   status\t<Object>",
      "     Most recently observed status of the Deployment.",
      "",
      "",
    ]);
  });

  it("an object field: RESOURCE, the field's description then its type's, the enum paragraph kept by line", () => {
    expect(explain("deploy.spec.strategy").stdout.split("\n").slice(3, 20)).toEqual([
      "RESOURCE: strategy <Object>",
      "",
      "DESCRIPTION:",
      "     The deployment strategy to use to replace existing pods with new ones.",
      "",
      "     DeploymentStrategy describes how to replace existing pods with new ones.",
      "",
      "FIELDS:",
      "   rollingUpdate\t<Object>",
      "     Rolling update config params. Present only if DeploymentStrategyType =",
      "     RollingUpdate.",
      "",
      "   type\t<string>",
      '     Type of deployment. Can be "Recreate" or "RollingUpdate". Default is',
      "     RollingUpdate.",
      "",
      "     Possible enum values:",
    ]);
  });

  it("types as typename.go names them: []Object, map[string]string, a Quantity is a string; --recursive indents by 3", () => {
    expect(explain("pod.spec.containers").stdout).toContain("RESOURCE: containers <[]Object>\n");
    expect(explain("pod.spec.containers.resources.limits").stdout).toContain(
      "FIELD:    limits <map[string]string>\n",
    );
    expect(explain("pod.spec.containers.ports.containerPort").stdout).toContain(
      "FIELD:    containerPort <integer>\n",
    );
    expect(explain("deploy.spec.selector --recursive").stdout.split("\n").slice(-7)).toEqual([
      "FIELDS:",
      "   matchExpressions\t<[]Object>",
      "      key\t<string>",
      "      operator\t<string>",
      "      values\t<[]string>",
      "   matchLabels\t<map[string]string>",
      "",
    ]);
  });

  it("names the first missing word, not the last, and stops at a primitive", () => {
    expect(explain("deploy.spec.nope.deeper").stderr).toBe('error: field "nope" does not exist\n');
    // field_lookup.go VisitPrimitive returns the primitive whatever path is left; the FIELD line names the last word.
    expect(explain("deploy.spec.replicas.x").stdout).toContain("FIELD:    x <integer>\n");
  });

  it("wraps as formatter.go does: a line after a colon, list items and code blocks start their own line", () => {
    expect(wrapV2("Possible enum values:\n - `a` first\n - `b` second", 80)).toEqual([
      "Possible enum values:",
      "- `a` first",
      "- `b` second",
    ]);
    expect(wrapV2("one two three", 8)).toEqual(["one two", "three"]);
    expect(wrapV2("text\n    code  block\nmore", 80)).toEqual(["text", "    code  block", "more"]);
  });
});
