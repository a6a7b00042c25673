// The load model's key for a loaded workload (src/engine/workload/types.ts loadKey): a
// Deployment keeps its bare name (the trace's `load` record as it was before StatefulSets
// could be loaded), any other kind is "Kind/name"; loadedWorkload reads it back.
import { describe, expect, it } from "vitest";
import { loadedWorkload, loadKey, type LoadedKind } from "../../src/engine/workload/types.ts";

describe("loadKey", () => {
  it.each([
    ["Deployment", "web", "web"],
    ["StatefulSet", "worker", "StatefulSet/worker"],
  ] as [LoadedKind, string, string][])("%s %s → %s, and back", (kind, name, key) => {
    expect(loadKey(kind, name)).toBe(key);
    expect(loadedWorkload(key)).toEqual({ kind, name });
  });
});
