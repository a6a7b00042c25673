/**
 * The warning apiextensions-apiserver sends with every request to a CRD version marked
 * `deprecated: true` (k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go:
 * getOrCreateServingInfoFor fills crdInfo.warnings per version — the version's
 * deprecationWarning, else defaultDeprecationWarning — and crdHandler.ServeHTTP adds them).
 * defaultDeprecationWarning: `<group>/<version> <Kind> is deprecated`, then `; use
 * <group>/<version> <Kind>` naming the first of the served, undeprecated versions that compare
 * greater (version.CompareKubeAwareVersionStrings), sorted greatest first.
 */
import { describe, expect, it } from "vitest";
import {
  customResourceReplacement,
  customResourceWarning,
  deprecatesVersions,
} from "../../src/k8s/deprecations.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

const crd = (versions: Record<string, unknown>[]): KubeObject =>
  ({
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "crontabs.stable.example.com" },
    spec: { group: "stable.example.com", names: { kind: "CronTab", plural: "crontabs" }, versions },
  }) as unknown as KubeObject;

describe("customResourceWarning", () => {
  it("is the version's own deprecationWarning when it has one (cert-manager 1.4 and 1.5's text)", () => {
    const text =
      "cert-manager.io/v1alpha2 Certificate is deprecated in v1.4+, unavailable in v1.6+; use cert-manager.io/v1 Certificate";
    const c = crd([
      { name: "v1alpha2", served: true, deprecated: true, deprecationWarning: text },
      { name: "v1", served: true, storage: true },
    ]);
    expect(customResourceWarning(c, "v1alpha2")).toBe(text);
    expect(customResourceWarning(c, "v1")).toBeUndefined();
  });

  it("else defaultDeprecationWarning's, naming the greatest served undeprecated version after it", () => {
    const c = crd([
      { name: "v1alpha1", served: true, deprecated: true },
      { name: "v1beta1", served: true },
      { name: "v1", served: true, storage: true },
      { name: "v2alpha1", served: true },
    ]);
    // GA sorts before alpha (v1 > v2alpha1); the beta is passed over for the GA.
    expect(customResourceWarning(c, "v1alpha1")).toBe(
      "stable.example.com/v1alpha1 CronTab is deprecated; use stable.example.com/v1 CronTab",
    );
    expect(customResourceReplacement(c, "v1alpha1")).toBe("stable.example.com/v1 CronTab");
  });

  it("names no version that is unserved, deprecated itself or older, and then ends at `is deprecated`", () => {
    const c = crd([
      { name: "v1beta1", served: true },
      { name: "v1", served: true, storage: true, deprecated: true },
      { name: "v2", served: false },
      { name: "v3", served: true, deprecated: true },
    ]);
    expect(customResourceWarning(c, "v1")).toBe("stable.example.com/v1 CronTab is deprecated");
    expect(customResourceReplacement(c, "v1")).toBeUndefined();
  });

  it("none for a version not served (crdHandler hands the request on before any warning) or not listed", () => {
    const c = crd([
      { name: "v1alpha1", served: false, deprecated: true },
      { name: "v1", served: true, storage: true },
    ]);
    expect(customResourceWarning(c, "v1alpha1")).toBeUndefined();
    expect(customResourceWarning(c, "v9")).toBeUndefined();
    expect(deprecatesVersions(c)).toBe(false);
    expect(deprecatesVersions(crd([{ name: "v1", served: true, deprecated: true }]))).toBe(true);
  });

  it("none for an empty deprecationWarning (k8s.io/apiserver/pkg/endpoints/filters/warning.go: recorder.AddWarning drops an empty text)", () => {
    const c = crd([{ name: "v1", served: true, deprecated: true, deprecationWarning: "" }]);
    expect(customResourceWarning(c, "v1")).toBeUndefined();
  });
});
