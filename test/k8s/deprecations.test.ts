/**
 * The deprecated group/version/kinds Replicast serves and the API server's warning for each:
 * deprecation.go WarningMessage (k8s.io/apiserver/pkg/endpoints/deprecation) over the types'
 * prerelease lifecycles (staging/src/k8s.io/api/autoscaling/v2beta1 and v2beta2
 * zz_generated.prerelease-lifecycle.go; core/v1 Endpoints per KEP-4974).
 */
import { describe, expect, it } from "vitest";
import {
  DEPRECATED_APIS,
  deprecationWarning,
  lifecycleOf,
  removedAt,
  replacementAt,
} from "../../src/k8s/deprecations.ts";
import { builtinKinds } from "../../src/k8s/kinds/index.ts";

describe("deprecationWarning", () => {
  it("starts at the deprecated-in release (IsDeprecated: deprecated <= current)", () => {
    expect(deprecationWarning("v1", "Endpoints", 32)).toBeUndefined();
    expect(deprecationWarning("v1", "Endpoints", 33)).toBe(
      "v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice",
    );
    expect(deprecationWarning("autoscaling/v2beta2", "HorizontalPodAutoscaler", 22)).toBeUndefined();
    expect(deprecationWarning("autoscaling/v2beta2", "HorizontalPodAutoscaler", 23)).toBe(
      "autoscaling/v2beta2 HorizontalPodAutoscaler is deprecated in v1.23+, unavailable in v1.26+; use autoscaling/v2 HorizontalPodAutoscaler",
    );
  });

  it("names the replacement of the release asked (v2beta1's changed when autoscaling/v2 went GA in 1.23)", () => {
    const v2beta1 = lifecycleOf("autoscaling/v2beta1", "HorizontalPodAutoscaler")!;
    expect(replacementAt(v2beta1, 22)?.apiVersion).toBe("autoscaling/v2beta2");
    expect(replacementAt(v2beta1, 23)?.apiVersion).toBe("autoscaling/v2");
    expect(deprecationWarning("autoscaling/v2beta1", "HorizontalPodAutoscaler", 22)).toBe(
      "autoscaling/v2beta1 HorizontalPodAutoscaler is deprecated in v1.22+, unavailable in v1.25+; use autoscaling/v2beta2 HorizontalPodAutoscaler",
    );
  });

  it("none for a version never deprecated, or another group's kind of the same name", () => {
    expect(deprecationWarning("autoscaling/v2", "HorizontalPodAutoscaler", 34)).toBeUndefined();
    expect(deprecationWarning("autoscaling/v1", "HorizontalPodAutoscaler", 34)).toBeUndefined();
    expect(deprecationWarning("example.com/v1", "Endpoints", 34)).toBeUndefined();
  });

  it("removedAt: from Kubernetes' removal on; Endpoints names none", () => {
    expect(removedAt("autoscaling/v2beta2", "HorizontalPodAutoscaler", 25)).toBe(false);
    expect(removedAt("autoscaling/v2beta2", "HorizontalPodAutoscaler", 26)).toBe(true);
    expect(removedAt("autoscaling/v2beta1", "HorizontalPodAutoscaler", 25)).toBe(true);
    expect(removedAt("v1", "Endpoints", 40)).toBe(false);
  });
});

describe("DEPRECATED_APIS", () => {
  it("lists only versions the built-in kinds serve (the others are refused before any request)", () => {
    for (const l of DEPRECATED_APIS)
      expect(builtinKinds.served(l.apiVersion, l.kind), l.apiVersion).toBeDefined();
  });

  it("deprecates before it removes, and names a replacement from the deprecation on", () => {
    for (const l of DEPRECATED_APIS) {
      if (l.removed !== undefined) expect(l.removed).toBeGreaterThan(l.deprecated);
      expect(l.replacements[0].since).toBe(l.deprecated);
    }
  });
});
