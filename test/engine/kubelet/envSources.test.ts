/**
 * makeEnvironmentVariables' errors for Secret and ConfigMap sources (pkg/kubelet/kubelet_pods.go,
 * v1.28; the object manager's NotFound with its singular resource,
 * pkg/kubelet/util/manager/watch_based_manager.go): envFrom before env, the first error wins.
 */
import { describe, expect, it } from "vitest";
import type { Container, KubeObject } from "../../../src/k8s/types.ts";
import { containerConfigError } from "../../../src/engine/kubelet/envSources.ts";

const objects = [
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "db", namespace: "prod" },
    data: { password: "cA==" },
  },
  {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "s", namespace: "prod" },
    stringData: { token: "t" },
  },
  {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "app", namespace: "prod" },
    data: { mode: "fast" },
  },
] as unknown as KubeObject[];
const get = (kind: string, namespace: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.namespace === namespace && o.metadata.name === name);
const container = (fields: Partial<Container>): Container => ({ name: "c", image: "nginx", ...fields });
const secretKey = (name: string, key: string, optional?: boolean) => ({
  name: "V",
  valueFrom: { secretKeyRef: { name, key, ...(optional ? { optional } : {}) } },
});

describe("makeEnvironmentVariables", () => {
  it.each([
    [{ env: [{ name: "A", value: "1" }] }, undefined],
    [{ env: [secretKey("db", "password")] }, undefined],
    [{ env: [secretKey("s", "token")] }, undefined],
    [{ env: [secretKey("nope", "password")] }, 'secret "nope" not found'],
    [{ env: [secretKey("nope", "password", true)] }, undefined],
    [{ env: [secretKey("db", "user")] }, "couldn't find key user in Secret prod/db"],
    [{ env: [secretKey("db", "user", true)] }, undefined],
    [
      { env: [{ name: "M", valueFrom: { configMapKeyRef: { name: "app", key: "size" } } }] },
      "couldn't find key size in ConfigMap prod/app",
    ],
    [{ envFrom: [{ configMapRef: { name: "cfg" } }] }, 'configmap "cfg" not found'],
    [{ envFrom: [{ secretRef: { name: "cfg", optional: true } }] }, undefined],
    [{ envFrom: [{ secretRef: { name: "x" } }], env: [secretKey("y", "k")] }, 'secret "x" not found'],
    [{ env: [{ name: "F", valueFrom: { fieldRef: { fieldPath: "metadata.name" } } }] }, undefined],
  ])("%j → %s", (fields, error) => {
    expect(containerConfigError("prod", container(fields), get)).toBe(error);
  });
});
