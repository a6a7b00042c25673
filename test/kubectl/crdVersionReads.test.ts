/**
 * What a read of a custom resource prints follows the version the request read, not the
 * storage version: the group's preferred version when the request names none (the first served
 * in version.CompareKubeAwareVersionStrings order, the CRD discovery controller's
 * PreferredVersion), else the one named as RESOURCE.VERSION.GROUP.
 *
 * - Tables: apiextensions/v1 keeps additionalPrinterColumns per version, and crdHandler builds
 *   one table convertor per served version (apiextensions-apiserver
 *   pkg/apiserver/customresource_handler.go getOrCreateServingInfoFor, tableConverters[v.Name]).
 * - `get -w`: the watch is a request to the same version (get.go watch(): the builder's
 *   Watch on the mapping kubectl chose), so each change comes converted to it as the listing
 *   did (conversion None sets apiVersion alone: conversion/nop_converter.go).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { formatWatchChange } from "../../src/kubectl/watch.ts";
import type { KubeObject } from "../../src/k8s/types.ts";

/** v1beta1 stored, v1 served and preferred; each version with its own columns. */
const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget}
  versions:
  - name: v1beta1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
    additionalPrinterColumns:
    - {name: Size, type: integer, jsonPath: .spec.size}
  - name: v1
    served: true
    storage: false
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
    additionalPrinterColumns:
    - {name: Color, type: string, jsonPath: .spec.color}
    - {name: Size, type: integer, jsonPath: .spec.size}
    - {name: Owner, type: string, jsonPath: .spec.owner, priority: 1}
`;
const widget = (size: number) => `apiVersion: example.com/v1beta1
kind: Widget
metadata: {name: w}
spec: {size: ${size}, color: blue, owner: ops}
`;
const FILES: Record<string, string> = { "crd.yaml": CRD, "w.yaml": widget(1), "w2.yaml": widget(2) };

function cluster() {
  const s = new Simulation();
  const run = (line: string) => runKubectl(line, s, { readFile: (p: string) => FILES[p] });
  expect(run("apply -f crd.yaml").exitCode).toBe(0);
  expect(run("apply -f w.yaml").exitCode).toBe(0);
  return { s, run };
}

describe("a CRD's printer columns are the version read's", () => {
  it("no version named: the preferred v1's columns, not the storage v1beta1's", () => {
    const { run } = cluster();
    expect(run("get widgets").stdout).toBe("NAME   COLOR   SIZE\nw      blue    1\n");
    expect(run("get widgets -o wide").stdout).toBe(
      "NAME   COLOR   SIZE   OWNER\nw      blue    1      ops\n",
    );
  });

  it("RESOURCE.VERSION.GROUP: that version's columns", () => {
    const { run } = cluster();
    expect(run("get widgets.v1beta1.example.com").stdout).toBe("NAME   SIZE\nw      1\n");
    expect(run("get widgets.v1.example.com").stdout).toBe("NAME   COLOR   SIZE\nw      blue    1\n");
  });
});

describe("get -w of a custom resource prints each change in the version the request read", () => {
  const change = (version: string | undefined, output: string) => {
    const { s, run } = cluster();
    const resource = version === undefined ? "widgets" : `widgets.${version}.example.com`;
    const r = run(`get ${resource} -w ${output}`);
    expect(run("apply -f w2.yaml").exitCode).toBe(0);
    const stored = s.api.get("Widget", "default", "w") as KubeObject;
    // The object as the store holds it (written as v1beta1, kept as v1): the watch converts it.
    expect(stored.apiVersion).toBe("example.com/v1");
    return { listing: r.stdout, change: formatWatchChange("Widget", stored, s, r.watch).text };
  };

  it("-o yaml, no version named: the preferred example.com/v1, in the listing and in the change", () => {
    const { listing, change: text } = change(undefined, "-o yaml");
    expect(listing).toMatch(/^apiVersion: example.com\/v1\n/);
    expect(text).toMatch(/^---\napiVersion: example.com\/v1\n/);
  });

  it("-o yaml of widgets.v1beta1.example.com: example.com/v1beta1", () => {
    const { change: text } = change("v1beta1", "-o yaml");
    expect(text).toMatch(/^---\napiVersion: example.com\/v1beta1\n/);
  });

  it("a table watch: the change's row has the read version's columns", () => {
    expect(change(undefined, "").change).toBe("w      blue    2\n");
    expect(change("v1beta1", "").change).toBe("w      2\n");
  });
});
