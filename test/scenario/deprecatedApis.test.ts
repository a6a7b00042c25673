/**
 * `replicast check` says a manifest's version is deprecated (RC4120, the API server's own
 * warning: deprecation.go WarningMessage, from each type's prerelease lifecycle) or no longer
 * served by Kubernetes at the scenario's kubectl.version (RC4121: autoscaling/v2beta1 from 1.25,
 * v2beta2 from 1.26, as the API server's ResourceExpirationEvaluator stops serving them), at the
 * object's apiVersion. A run applies them all unchanged and reports none of this.
 */
import { describe, expect, it } from "vitest";
import { checkWith, runWith } from "../../src/scenario/api.ts";
import { checkServices } from "../../src/scenario/checkServices.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import type { ScenarioServices } from "../../src/scenario/services.ts";

const HPA = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 3
`;

const scenario = (apiVersion: string, version?: string) =>
  `${version ? `set kubectl.version = ${version}\n` : ""}manifest hpa = <<YAML
${HPA(apiVersion)}YAML
at 0s apply hpa
run for 1m
`;

const deprecations = (text: string, files: Record<string, string> = {}) =>
  checkWith(checkServices as ScenarioServices, text, "s/test.scn", {
    host: memoryHost(files),
    diagnosticsOnly: true,
    deprecations: true,
  })
    .diagnostics.filter((d) => d.code === "RC4120" || d.code === "RC4121")
    .map((d) => [d.code, d.severity, d.file, `${d.span.line}:${d.span.col}`, d.message, d.hint]);

describe("check: deprecated and removed API versions", () => {
  it("RC4120 at 1.23 to 1.25 for autoscaling/v2beta2, at its apiVersion, with the API server's warning", () => {
    expect(deprecations(scenario("autoscaling/v2beta2", "1.25"))).toEqual([
      [
        "RC4120",
        "warning",
        "s/test.scn",
        "3:13",
        "autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler (the API server of kubectl.version 1.25 sends this warning with every request to it)",
        "use autoscaling/v2 HorizontalPodAutoscaler",
      ],
    ]);
    expect(deprecations(scenario("autoscaling/v2beta2", "1.22"))).toEqual([]);
  });

  it("v2beta1 at 1.22: the replacement 1.22 names, and the one 1.23 names", () => {
    const [d] = deprecations(scenario("autoscaling/v2beta1", "1.22"));
    expect(d[4]).toBe(
      "autoscaling/v2beta1 HorizontalPodAutoscaler is deprecated in v1.22+, unavailable in v1.25+; use autoscaling/v2beta2 HorizontalPodAutoscaler (the API server of kubectl.version 1.22 sends this warning with every request to it)",
    );
    expect(d[5]).toBe(
      "use autoscaling/v2beta2 HorizontalPodAutoscaler; from Kubernetes 1.23, autoscaling/v2 HorizontalPodAutoscaler",
    );
  });

  it("RC4121 from the removal on (the current kubectl, 1.34, by default)", () => {
    expect(deprecations(scenario("autoscaling/v2beta2"))).toEqual([
      [
        "RC4121",
        "warning",
        "s/test.scn",
        "2:13",
        'autoscaling/v2beta2 HorizontalPodAutoscaler is not served by Kubernetes 1.26+ (kubectl.version 1.34): a real cluster refuses it (no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2beta2"); Replicast still applies it',
        "use autoscaling/v2 HorizontalPodAutoscaler",
      ],
    ]);
    expect(deprecations(scenario("autoscaling/v2beta1", "1.25"))[0][0]).toBe("RC4121");
  });

  it("none for autoscaling/v2 and v1", () => {
    expect(deprecations(scenario("autoscaling/v2"))).toEqual([]);
    expect(deprecations(scenario("autoscaling/v1", "1.22"))).toEqual([]);
  });

  it("a file kubectl apply -f reads, at its own line: v1 Endpoints from 1.33 (KEP-4974)", () => {
    const ep = "apiVersion: v1\nkind: Endpoints\nmetadata: {name: external}\n";
    expect(deprecations("at 0s kubectl apply -f ep.yaml\nrun for 1m\n", { "s/ep.yaml": ep })).toEqual([
      [
        "RC4120",
        "warning",
        "s/ep.yaml",
        "1:13",
        "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice (the API server of kubectl.version 1.34 sends this warning with every request to it)",
        "use discovery.k8s.io/v1 EndpointSlice",
      ],
    ]);
  });

  it("the full check (with its plan) says the same; without asking, check says nothing of it", () => {
    const text = scenario("autoscaling/v2beta2");
    const check = (diagnosticsOnly: boolean, deprecations: boolean) =>
      checkWith(checkServices as ScenarioServices, text, "s/test.scn", {
        host: memoryHost({}),
        diagnosticsOnly,
        deprecations,
      }).diagnostics;
    expect(check(false, true)).toEqual(check(true, true));
    expect(check(true, true)).toHaveLength(1);
    expect(check(true, false)).toEqual([]);
  });

  it("a run applies the manifest and reports none of it", () => {
    const r = runWith(defaultServices, scenario("autoscaling/v2beta2"), "s/test.scn", {
      host: memoryHost({}),
    });
    expect(r.diagnostics.filter((d) => d.code === "RC4120" || d.code === "RC4121")).toEqual([]);
  });
});
