// What containerd reports of a container and the kubelet copies into its ContainerStatus
// (containerd pkg/cri/server/container_status.go; kubelet_pods.go convertContainerStatus).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { containerIdOf, imageIdOf, runtimeImageOf } from "../../src/engine/kubelet/runtimeIds.ts";

describe("runtime ids", () => {
  it("a container id is containerd:// and 64 hex digits, its own for each pod, container and run", () => {
    const id = containerIdOf("0b5c6c1e-0000-4000-8000-000000000001", "app", 0);
    expect(id).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(containerIdOf("0b5c6c1e-0000-4000-8000-000000000001", "app", 0)).toBe(id);
    const others = [
      containerIdOf("0b5c6c1e-0000-4000-8000-000000000001", "app", 1),
      containerIdOf("0b5c6c1e-0000-4000-8000-000000000001", "sidecar", 0),
      containerIdOf("0b5c6c1e-0000-4000-8000-000000000002", "app", 0),
    ];
    expect(new Set([id, ...others]).size).toBe(4);
  });

  it("a container id is the digits of eight chained FNV-1a words over the key's UTF-16 units", () => {
    // The definition the ids were first made with (toString(16) per word): the table-driven
    // version must give every id it gave, or every recorded pod status would change.
    const reference = (key: string): string => {
      let out = "";
      let h = 0x811c9dc5;
      for (let i = 0; i < 8; i++) {
        h = (h ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
        for (let j = 0; j < key.length; j++) h = Math.imul(h ^ key.charCodeAt(j), 0x01000193) >>> 0;
        out += h.toString(16).padStart(8, "0");
      }
      return out;
    };
    expect(containerIdOf("0b5c6c1e-0000-4000-8000-000000000001", "app", 0)).toBe(
      `containerd://${reference("0b5c6c1e-0000-4000-8000-000000000001/app/0")}`,
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), fc.string(), fc.nat(), (uid, name, run) => {
        expect(containerIdOf(uid, name, run)).toBe(`containerd://${reference(`${uid}/${name}/${run}`)}`);
      }),
    );
    // The image ids hash a whole reference with the same words.
    expect(imageIdOf("nginx:1.14.2")).toBe(
      `docker.io/library/nginx@sha256:${reference("docker.io/library/nginx:1.14.2")}`,
    );
    expect(runtimeImageOf(`nginx@sha256:${"cd".repeat(32)}`)).toBe(
      `sha256:${reference("config docker.io/library/nginx@sha256:" + "cd".repeat(32))}`,
    );
  });

  it("the image id is the normalized repository's digest, the same for every pod of an image", () => {
    const id = imageIdOf("nginx:1.14.2");
    expect(id).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(imageIdOf("docker.io/library/nginx:1.14.2")).toBe(id);
    expect(imageIdOf("nginx:1.25")).not.toBe(id);
    expect(imageIdOf("bitnami/redis")).toMatch(/^docker\.io\/bitnami\/redis@sha256:/);
    expect(imageIdOf("localhost:5000/app:2")).toMatch(/^localhost:5000\/app@sha256:/);
    // A reference with a digest keeps it.
    const digest = `sha256:${"ab".repeat(32)}`;
    expect(imageIdOf(`gcr.io/x/app@${digest}`)).toBe(`gcr.io/x/app@${digest}`);
    expect(imageIdOf(`nginx:1.25@${digest}`)).toBe(`docker.io/library/nginx@${digest}`);
  });

  it("the status image is the first repo tag, normalized; pulled by digest, the config id", () => {
    expect(runtimeImageOf("nginx:1.14.2")).toBe("docker.io/library/nginx:1.14.2");
    expect(runtimeImageOf("nginx")).toBe("docker.io/library/nginx:latest");
    expect(runtimeImageOf("gcr.io/google-samples/kubernetes-bootcamp:v1")).toBe(
      "gcr.io/google-samples/kubernetes-bootcamp:v1",
    );
    expect(runtimeImageOf(`nginx@sha256:${"ab".repeat(32)}`)).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
