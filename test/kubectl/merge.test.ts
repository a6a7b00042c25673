import { describe, expect, it } from "vitest";
import { jsonPatch, mergePatch, strategicMergePatch, threeWayMerge } from "../../src/kubectl/merge.ts";

const containers = (list: object[]) => ({ spec: { template: { spec: { containers: list } } } });

describe("mergePatch (RFC 7386)", () => {
  it("merges objects, null deletes, lists replace", () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3] })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [3],
    });
  });
});

describe("strategicMergePatch (containers merge by name)", () => {
  it("patches one container and keeps the others", () => {
    const live = containers([
      { name: "a", image: "a:1" },
      { name: "b", image: "b:1" },
    ]);
    expect(strategicMergePatch(live, containers([{ name: "b", image: "b:2" }]))).toEqual(
      containers([
        { name: "a", image: "a:1" },
        { name: "b", image: "b:2" },
      ]),
    );
  });
  it("$patch: delete removes an item", () => {
    const live = containers([
      { name: "a", image: "a:1" },
      { name: "b", image: "b:1" },
    ]);
    expect(strategicMergePatch(live, containers([{ name: "a", $patch: "delete" }]))).toEqual(
      containers([{ name: "b", image: "b:1" }]),
    );
  });
});

describe("jsonPatch (RFC 6902)", () => {
  it("replace, add to a list end, remove", () => {
    const doc = { spec: { replicas: 1, list: [1] }, x: 1 };
    expect(
      jsonPatch(doc, [
        { op: "replace", path: "/spec/replicas", value: 5 },
        { op: "add", path: "/spec/list/-", value: 2 },
        { op: "remove", path: "/x" },
      ]),
    ).toEqual({ spec: { replicas: 5, list: [1, 2] } });
  });
  it("replace of a missing key fails", () => {
    expect(() => jsonPatch({}, [{ op: "replace", path: "/a", value: 1 }])).toThrow(/missing key/);
  });
});

// kubectl apply's CreateThreeWayMergePatch (apimachinery strategicpatch) in the cases the simulator meets.
describe("threeWayMerge (kubectl apply)", () => {
  const cases: { name: string; original: unknown; modified: unknown; current: unknown; want: unknown }[] = [
    {
      name: "a field the manifest sets wins over the live value (replicas vs the HPA)",
      original: { spec: { replicas: 3 } },
      modified: { spec: { replicas: 3 } },
      current: { spec: { replicas: 10 }, status: { replicas: 10 } },
      want: { spec: { replicas: 3 }, status: { replicas: 10 } },
    },
    {
      name: "a field nobody applied stays (replicas omitted from every manifest)",
      original: { spec: { template: 1 } },
      modified: { spec: { template: 2 } },
      current: { spec: { template: 1, replicas: 10 } },
      want: { spec: { template: 2, replicas: 10 } },
    },
    {
      name: "a field dropped from the manifest is deleted",
      original: { spec: { replicas: 3, x: 1 } },
      modified: { spec: { x: 1 } },
      current: { spec: { replicas: 3, x: 1 } },
      want: { spec: { x: 1 } },
    },
    {
      name: "containers merge by name; one added by someone else is kept",
      original: containers([{ name: "a", image: "a:1" }]),
      modified: containers([{ name: "a", image: "a:2" }]),
      current: containers([
        { name: "a", image: "a:1", imagePullPolicy: "IfNotPresent" },
        { name: "sidecar", image: "s" },
      ]),
      want: containers([
        { name: "a", image: "a:2", imagePullPolicy: "IfNotPresent" },
        { name: "sidecar", image: "s" },
      ]),
    },
    {
      name: "a container removed from the manifest goes",
      original: containers([
        { name: "a", image: "a" },
        { name: "b", image: "b" },
      ]),
      modified: containers([{ name: "a", image: "a" }]),
      current: containers([
        { name: "a", image: "a" },
        { name: "b", image: "b" },
      ]),
      want: containers([{ name: "a", image: "a" }]),
    },
  ];
  for (const c of cases)
    it(c.name, () => expect(threeWayMerge(c.original, c.modified, c.current)).toEqual(c.want));
});
