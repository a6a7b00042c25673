/**
 * A CustomResourceDefinition with `conversion.strategy: Webhook` (apiextensions.k8s.io/v1
 * CustomResourceConversion): the API server would call the webhook to convert an object to
 * the version a request names; Replicast runs no webhook and sets the apiVersion only, as the
 * `None` strategy does (apiextensions-apiserver pkg/apiserver/conversion/nop_converter.go), and
 * says so once at the CRD (RC4124) rather than pretending to convert.
 */
import { describe, expect, it } from "vitest";
import { loadManifests } from "../../src/k8s/manifest.ts";

const CRD = (conversion: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  names: {kind: CronTab, plural: crontabs}
  scope: Namespaced
${conversion}  versions:
  - {name: v1beta1, served: true, storage: false}
  - {name: v1, served: true, storage: true}
`;

const WEBHOOK = `  conversion:
    strategy: Webhook
    webhook:
      conversionReviewVersions: ["v1"]
      clientConfig:
        service: {namespace: crontab, name: crontab-conversion, path: /convert}
`;

describe("RC4124: a CRD converting with a webhook", () => {
  it("is a warning at its strategy, once, and the CRD is stored as any other", () => {
    const r = loadManifests(CRD(WEBHOOK));
    expect(r.objects).toHaveLength(1);
    expect(r.diagnostics.map((d) => [d.code, d.severity, `${d.span.line}:${d.span.col}`, d.message])).toEqual(
      [
        [
          "RC4124",
          "warning",
          "10:15",
          "CustomResourceDefinition crontabs.stable.example.com converts its objects with a webhook: not simulated — no conversion webhook runs here, so an object read in another version than it was written in only gets that version's apiVersion, as with `strategy: None`",
        ],
      ],
    );
  });

  it("none for `strategy: None` or no conversion at all (None is the default)", () => {
    expect(loadManifests(CRD("  conversion:\n    strategy: None\n")).diagnostics).toEqual([]);
    expect(loadManifests(CRD("")).diagnostics).toEqual([]);
  });
});
