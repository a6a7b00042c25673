/**
 * The implicit nodes' VolumeBinding (scheduling/implicitVolumes.ts): a pod whose volumes name
 * no claim is placed without podVolumes' checks, which find nothing to check for it — the
 * claims are those of persistentVolumeClaim and generic ephemeral volumes only (kube-scheduler's
 * volumebinding plugin, PreFilter → GetPodVolumeClaims, v1.28).
 */
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/k8s/types.ts";
import { TOKEN_PROJECTION } from "../../../src/k8s/kinds/serviceAccount/admission.ts";
import { podClaims } from "../../../src/engine/controllers/persistentvolume/volumes.ts";
import { mayMountClaims } from "../../../src/engine/scheduling/implicitVolumes.ts";

const podWith = (volumes: unknown): Pod =>
  ({
    metadata: { name: "p", namespace: "web", uid: "u" },
    spec: { containers: [], volumes },
  }) as unknown as Pod;

describe("a pod's volumes that may name a claim", () => {
  const shapes: [string, unknown][] = [
    ["none", undefined],
    ["an empty list", []],
    ["the token volume", [{ name: "kube-api-access-x1y2z", projected: TOKEN_PROJECTION }]],
    [
      "emptyDir and configMap",
      [
        { name: "a", emptyDir: {} },
        { name: "b", configMap: { name: "c" } },
      ],
    ],
    ["a claim", [{ name: "data", persistentVolumeClaim: { claimName: "data" } }]],
    ["a claim without a name", [{ name: "data", persistentVolumeClaim: {} }]],
    ["an ephemeral volume", [{ name: "scratch", ephemeral: { volumeClaimTemplate: {} } }]],
    ["an ephemeral volume without a name", [{ ephemeral: {} }]],
    [
      "a claim after the token volume",
      [
        { name: "t", projected: TOKEN_PROJECTION },
        { name: "d", persistentVolumeClaim: { claimName: "d" } },
      ],
    ],
    ["malformed entries", [null, 3, "x", [{ persistentVolumeClaim: { claimName: "d" } }]]],
    ["not a list", { persistentVolumeClaim: { claimName: "d" } }],
  ];

  it.each(shapes)("%s: no claim is passed over", (_, volumes) => {
    const pod = podWith(volumes);
    // Where the fast path says no, podClaims (what podVolumes checks) has none.
    if (!mayMountClaims(pod)) expect(podClaims(pod)).toEqual([]);
  });

  it("says no for the pods nearly every run has, and yes where a claim is named", () => {
    expect(shapes.filter(([, v]) => !mayMountClaims(podWith(v))).map(([name]) => name)).toEqual([
      "none",
      "an empty list",
      "the token volume",
      "emptyDir and configMap",
      "malformed entries",
      "not a list",
    ]);
    expect(podClaims(podWith(shapes[4][1])).map((c) => c.name)).toEqual(["data"]);
  });
});
