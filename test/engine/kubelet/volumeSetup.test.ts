/**
 * SetUp of secret, configMap and projected volumes (pkg/volume/secret/secret.go SetUpAt and
 * MakePayload, pkg/volume/configmap/configmap.go, pkg/volume/projected/projected.go
 * collectData, v1.28), the FailedMount text (operationexecutor/operation_generator.go
 * GenerateError), and which pod-worker sync finds the volumes mounted (volume_manager.go
 * podAttachAndMountTimeout 2m3s, pod_workers.go backOffPeriod 10 s).
 */
import { describe, expect, it } from "vitest";
import type { KubeObject, Pod } from "../../../src/k8s/types.ts";
import { TOKEN_PROJECTION } from "../../../src/k8s/kinds/serviceAccount/admission.ts";
import {
  mountFailedMessage,
  setUpError,
  syncFinding,
  unmountedVolumes,
} from "../../../src/engine/kubelet/volumeSetup.ts";

const objects: KubeObject[] = [
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "tls", namespace: "web" },
    data: { "tls.crt": "eA==" },
  },
  {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "conf", namespace: "web" },
    binaryData: { b: "eA==" },
  },
] as unknown as KubeObject[];
const get = (kind: string, namespace: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);

describe("SetUpAt's errors", () => {
  it.each([
    [{ secret: { secretName: "tls" } }, undefined],
    [{ secret: { secretName: "db" } }, 'secret "db" not found'],
    [{ secret: { secretName: "db", optional: true } }, undefined],
    [
      { secret: { secretName: "tls", items: [{ key: "tls.key", path: "k" }] } },
      "references non-existent secret key: tls.key",
    ],
    [{ secret: { secretName: "tls", items: [{ key: "tls.key", path: "k" }], optional: true } }, undefined],
    [{ configMap: { name: "app" } }, 'configmap "app" not found'],
    [{ configMap: { name: "conf", items: [{ key: "b", path: "b" }] } }, undefined],
    [
      { configMap: { name: "conf", items: [{ key: "a", path: "a" }] } },
      "configmap references non-existent config key: a",
    ],
    [{ projected: { sources: [{ secret: { name: "db" } }] } }, 'secret "db" not found'],
    [
      { projected: { sources: [{ secret: { name: "tls" } }, { configMap: { name: "x", optional: true } }] } },
      undefined,
    ],
    [{ emptyDir: {} }, undefined],
  ])("%j → %s", (volume, error) => {
    expect(setUpError({ name: "v", ...volume }, "web", get)).toBe(error);
  });

  it("words the FailedMount event as GenerateError's simple message", () => {
    expect(mountFailedMessage({ volume: "tls-secret", error: 'secret "x" not found' })).toBe(
      'MountVolume.SetUp failed for volume "tls-secret" : secret "x" not found',
    );
  });
});

describe("the sync that finds the volumes mounted", () => {
  it.each([
    [0, 0.5, 0.5],
    [0, 63.5, 63.5],
    [0, 123, 123],
    [0, 127.5, 133],
    [0, 133, 133],
    [10, 249.5, 249.5],
    [0, 257, 266],
  ])("first sync at %d, mounted at %d → %d", (first, mounted, sync) => {
    expect(syncFinding(first, mounted)).toBe(sync);
  });
});

describe("the kube-api-access volume (the ServiceAccount admission's projection)", () => {
  const podIn = (namespace: string) =>
    ({
      metadata: { name: "p", namespace },
      spec: {
        containers: [],
        volumes: [
          { name: "kube-api-access-x1y2z", projected: TOKEN_PROJECTION },
          { name: "tmp", emptyDir: {} },
        ],
      },
    }) as unknown as Pod;
  const rootCA = {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "kube-root-ca.crt", namespace: "web" },
  };
  const withRootCA = (kind: string, namespace: string, name: string) =>
    kind === "ConfigMap" && namespace === "web" && name === "kube-root-ca.crt"
      ? ({ ...rootCA, data: { "ca.crt": "PEM" } } as unknown as KubeObject)
      : undefined;

  it("mounts while the root CA publisher's ConfigMap holds ca.crt", () => {
    expect(unmountedVolumes(podIn("web"), withRootCA)).toEqual([]);
  });

  it("fails as its configMap source does when the ConfigMap is missing", () => {
    expect(unmountedVolumes(podIn("other"), withRootCA)).toEqual([
      { volume: "kube-api-access-x1y2z", error: 'configmap "kube-root-ca.crt" not found' },
    ]);
    const empty = () => rootCA as unknown as KubeObject;
    expect(unmountedVolumes(podIn("web"), empty)).toEqual([
      { volume: "kube-api-access-x1y2z", error: "configmap references non-existent config key: ca.crt" },
    ]);
  });

  it("checks each stored ConfigMap again: one replaced without ca.crt fails, and back with it mounts", () => {
    // The answer is kept per ConfigMap object (a stored object is replaced, never changed in place).
    const withKey = { ...rootCA, data: { "ca.crt": "PEM" } } as unknown as KubeObject;
    const without = { ...rootCA, data: {} } as unknown as KubeObject;
    let stored = withKey;
    const get = () => stored;
    expect(unmountedVolumes(podIn("web"), get)).toEqual([]);
    expect(unmountedVolumes(podIn("web"), get)).toEqual([]);
    stored = without;
    expect(unmountedVolumes(podIn("web"), get)).toEqual([
      { volume: "kube-api-access-x1y2z", error: "configmap references non-existent config key: ca.crt" },
    ]);
    stored = withKey;
    expect(unmountedVolumes(podIn("web"), get)).toEqual([]);
  });
});
