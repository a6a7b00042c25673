// The claim's resize conditions and sizes as the external resizer writes them
// (kubernetes-csi/external-resizer pkg/util/util.go MergeResizeConditionsOfPVC; csi_resizer.go
// Resize's resource.NewQuantity(newSizeBytes, resource.BinarySI)).
import { describe, expect, it } from "vitest";
import {
  bytesQuantity,
  FILE_SYSTEM_RESIZE_PENDING,
  mergeResizeConditions,
  resizeCondition,
  RESIZING,
} from "../../../src/engine/controllers/resizer/conditions.ts";
import { mustParseQuantity } from "../../../src/k8s/quantity.ts";

describe("MergeResizeConditionsOfPVC", () => {
  const resizing = resizeCondition(RESIZING, 10);
  const other = { type: "ModifyingVolume", status: "True", lastTransitionTime: 3 };

  it("keeps conditions of other types and drops the resize conditions the new list leaves out", () => {
    expect(mergeResizeConditions([other, resizing], [])).toEqual([other]);
  });

  it("replaces Resizing by FileSystemResizePending (markPVCAsFSResizeRequired)", () => {
    const pending = resizeCondition(FILE_SYSTEM_RESIZE_PENDING, 15, "m");
    expect(mergeResizeConditions([resizing], [pending])).toEqual([pending]);
  });

  it("keeps a repeated condition of the same status with its old transition time", () => {
    expect(mergeResizeConditions([resizing], [resizeCondition(RESIZING, 20)])).toEqual([resizing]);
    const unknown = { ...resizing, status: "Unknown" };
    expect(mergeResizeConditions([unknown], [resizing])).toEqual([resizing]);
  });
});

describe("the resized volume's capacity", () => {
  it.each([
    ["20Gi", "20Gi"],
    ["20G", "19531250Ki"],
    ["1500M", "1500000000"],
    ["1.5Gi", "1536Mi"],
  ])("%s is written as %s (a byte count no power of 1024 divides stays in bytes)", (request, written) => {
    expect(bytesQuantity(mustParseQuantity(request))).toBe(written);
  });
});
