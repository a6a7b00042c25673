// metav1.GetControllerOf (apimachinery pkg/apis/meta/v1/controller_ref.go): the first owner
// reference whose controller field is true; none without one.
import { describe, expect, it } from "vitest";
import { getControllerOf } from "../../../src/engine/controllers/replicaset/controllerRef.ts";
import type { ObjectMeta, OwnerReference } from "../../../src/k8s/types.ts";

const ref = (name: string, controller?: boolean): OwnerReference =>
  ({
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    name,
    uid: `uid-${name}`,
    ...(controller !== undefined ? { controller } : {}),
  }) as OwnerReference;

describe("getControllerOf", () => {
  it("answers the first reference with controller=true", () => {
    const first = ref("a", true);
    const meta = {
      name: "p",
      ownerReferences: [ref("x"), ref("y", false), first, ref("b", true)],
    } as ObjectMeta;
    expect(getControllerOf(meta)).toBe(first);
  });

  it("answers none without a controller reference", () => {
    expect(getControllerOf({ name: "p" } as ObjectMeta)).toBeUndefined();
    expect(getControllerOf({ name: "p", ownerReferences: [] } as ObjectMeta)).toBeUndefined();
    expect(getControllerOf({ name: "p", ownerReferences: null } as unknown as ObjectMeta)).toBeUndefined();
    expect(
      getControllerOf({ name: "p", ownerReferences: [ref("x"), ref("y", false)] } as ObjectMeta),
    ).toBeUndefined();
  });
});
