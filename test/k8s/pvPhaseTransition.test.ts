// A PersistentVolume's status.lastPhaseTransitionTime, as the API server keeps it
// (pkg/registry/core/persistentvolume/strategy.go persistentvolumeStatusStrategy.PrepareForUpdate).
import { describe, expect, it } from "vitest";
import { phaseTransitionStatus } from "../../src/k8s/kinds/persistentVolume/phaseTransition.ts";

describe("phaseTransitionStatus", () => {
  it("keeps the stored time while the phase stays", () => {
    expect(
      phaseTransitionStatus({ phase: "Bound" }, { phase: "Bound", lastPhaseTransitionTime: 3 }, 9),
    ).toEqual({
      phase: "Bound",
      lastPhaseTransitionTime: 3,
    });
  });
  it("sets now when the phase changes and the client sent no time, or the stored one", () => {
    expect(
      phaseTransitionStatus({ phase: "Released" }, { phase: "Bound", lastPhaseTransitionTime: 3 }, 9),
    ).toEqual({
      phase: "Released",
      lastPhaseTransitionTime: 9,
    });
    expect(
      phaseTransitionStatus(
        { phase: "Released", lastPhaseTransitionTime: 3 },
        { phase: "Bound", lastPhaseTransitionTime: 3 },
        9,
      ),
    ).toEqual({ phase: "Released", lastPhaseTransitionTime: 9 });
  });
  it("keeps a time the client chose", () => {
    expect(
      phaseTransitionStatus(
        { phase: "Released", lastPhaseTransitionTime: 5 },
        { phase: "Bound", lastPhaseTransitionTime: 3 },
        9,
      ),
    ).toEqual({ phase: "Released", lastPhaseTransitionTime: 5 });
  });
});
