/**
 * check reports a claim a LimitRange applied before it will refuse (RC4091), at the claim's
 * storage request in its manifest: the API server's LimitRanger (admission.go
 * PersistentVolumeClaimValidateLimitFunc) would answer the apply with that message.
 */
import { describe, expect, it } from "vitest";
import { checkWith } from "../../src/scenario/api.ts";
import { checkServices } from "../../src/scenario/checkServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import type { ScenarioServices } from "../../src/scenario/services.ts";

const LIMITS = `apiVersion: v1
kind: LimitRange
metadata:
  name: storage
spec:
  limits:
  - type: PersistentVolumeClaim
    max:
      storage: 10Gi
`;

const CLAIM = (storage: string, namespace = "") => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
${namespace ? `  namespace: ${namespace}\n` : ""}spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: ${storage}
`;

const warnings = (text: string, files: Record<string, string>) =>
  checkWith(checkServices as ScenarioServices, text, "s/test.scn", { host: memoryHost(files) })
    .diagnostics.filter((d) => d.code === "RC4091")
    .map((d) => [d.severity, d.file, `${d.span.line}:${d.span.col}`, d.message]);

const REFUSAL =
  'persistentvolumeclaims "data" is forbidden: maximum storage usage per PersistentVolumeClaim is 10Gi, but request is 20Gi';

describe("RC4091: a claim the LimitRange applied before it refuses", () => {
  it("is reported at the claim's storage request, in its file", () => {
    expect(
      warnings("apply limits\napply pvc\nrun for 1m", {
        "s/limits.yaml": LIMITS,
        "s/pvc.yaml": CLAIM("20Gi"),
      }),
    ).toEqual([["warning", "s/pvc.yaml", "9:16", REFUSAL]]);
  });

  it("and for kubectl apply -f, in a heredoc at the scenario's own line", () => {
    // The scenario's own diagnostics come first (check sorts them by file).
    const text = `apply limits\nkubectl apply -f pvc.yaml\napply <<EOF\n${CLAIM("30Gi").replace("name: data", "name: other")}EOF\nrun for 1m`;
    expect(warnings(text, { "s/limits.yaml": LIMITS, "s/pvc.yaml": CLAIM("20Gi") })).toEqual([
      ["warning", "s/test.scn", "12:16", REFUSAL.replace('"data"', '"other"').replace("20Gi", "30Gi")],
      ["warning", "s/pvc.yaml", "9:16", REFUSAL],
    ]);
  });

  it("says nothing of a claim inside the range, applied before the range, or in another namespace", () => {
    const files = {
      "s/limits.yaml": LIMITS,
      "s/pvc.yaml": CLAIM("5Gi"),
      "s/big.yaml": CLAIM("20Gi"),
      "s/prod.yaml": CLAIM("20Gi", "prod"),
    };
    expect(warnings("apply big\napply limits\napply pvc\napply prod\nrun for 1m", files)).toEqual([]);
  });
});
