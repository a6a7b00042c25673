// pkg/controller/volume/persistentvolume/index.go findBestMatchForClaim and component-helpers
// storage/volume/pv_helpers.go FindMatchingVolume: the smallest Available volume that fits, in the
// access-mode group with the fewest modes first.
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../../src/k8s/types.ts";
import {
  findBestMatchForClaim,
  implicitNode,
} from "../../../src/engine/controllers/persistentvolume/matching.ts";

const pv = (name: string, size: string, modes: string[], extra: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: "v1",
    kind: "PersistentVolume",
    metadata: { name, labels: (extra.labels as Record<string, string>) ?? {} },
    spec: {
      capacity: { storage: size },
      accessModes: modes,
      storageClassName: "manual",
      ...(extra.spec as object),
    },
    status: { phase: (extra.phase as string) ?? "Available" },
  }) as unknown as KubeObject;

const claim = (size: string, modes: string[], spec: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "data", namespace: "default", uid: "u-1" },
    spec: {
      accessModes: modes,
      resources: { requests: { storage: size } },
      storageClassName: "manual",
      ...spec,
    },
  }) as unknown as KubeObject;

const volumes = [
  pv("small", "2Gi", ["ReadWriteOnce"]),
  pv("ten", "10Gi", ["ReadWriteOnce"]),
  pv("rwx-8", "8Gi", ["ReadWriteOnce", "ReadWriteMany"]),
  pv("twenty", "20Gi", ["ReadWriteOnce"]),
  pv("bound", "6Gi", ["ReadWriteOnce"], { phase: "Bound" }),
  pv("other-class", "6Gi", ["ReadWriteOnce"], { spec: { storageClassName: "fast" } }),
  pv("block", "6Gi", ["ReadWriteOnce"], { spec: { volumeMode: "Block" } }),
];

describe("findBestMatchForClaim", () => {
  it.each([
    ["5Gi RWO: the smallest RWO-only volume that fits", claim("5Gi", ["ReadWriteOnce"]), "ten"],
    ["5Gi RWX: only the RWO+RWX group has it", claim("5Gi", ["ReadWriteMany"]), "rwx-8"],
    ["2Gi RWO: exactly the size", claim("2Gi", ["ReadWriteOnce"]), "small"],
    ["30Gi: nothing large enough", claim("30Gi", ["ReadWriteOnce"]), undefined],
    [
      "class fast: the only volume of it",
      claim("1Gi", ["ReadWriteOnce"], { storageClassName: "fast" }),
      "other-class",
    ],
    ["Block: the Block volume", claim("1Gi", ["ReadWriteOnce"], { volumeMode: "Block" }), "block"],
  ])("%s", (_, c, want) => {
    expect(findBestMatchForClaim(c, volumes, false)?.metadata.name).toBe(want);
  });

  it("a volume pre-bound to the claim is taken whatever its size; WaitForFirstConsumer binds only it", () => {
    const pre = pv("pre", "1Gi", ["ReadWriteOnce"], {
      spec: { claimRef: { name: "data", namespace: "default" } },
      phase: "Available",
    });
    expect(
      findBestMatchForClaim(claim("5Gi", ["ReadWriteOnce"]), [...volumes, pre], false)?.metadata.name,
    ).toBe("pre");
    expect(findBestMatchForClaim(claim("5Gi", ["ReadWriteOnce"]), volumes, true)).toBeUndefined();
  });

  it("with a node (the scheduler's path), a volume whose node affinity excludes it is skipped", () => {
    const pinned = pv("pinned", "3Gi", ["ReadWriteOnce"], {
      spec: {
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: "kubernetes.io/hostname", operator: "In", values: ["node-2"] }] },
            ],
          },
        },
      },
    });
    const c = claim("3Gi", ["ReadWriteOnce"]);
    expect(findBestMatchForClaim(c, [pinned, ...volumes], true, implicitNode("node-1"))?.metadata.name).toBe(
      "ten",
    );
    expect(findBestMatchForClaim(c, [pinned, ...volumes], true, implicitNode("node-2"))?.metadata.name).toBe(
      "pinned",
    );
  });
});
