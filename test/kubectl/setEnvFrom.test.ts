/**
 * `kubectl set env` beyond KEY=VALUE (kubectl/pkg/cmd/set/set_env.go RunEnv, updateEnv,
 * validateNoOverwrites; set/env/env_resolve.go GetEnvVarRefString and GetEnvVarRefValue):
 * --from a ConfigMap or Secret with --keys and --prefix, --list with and without --resolve, and
 * --overwrite=false. The objects are shaped like the "Configure a Pod to Use a ConfigMap" task
 * page's special-config and a database Secret.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Deployment } from "../../src/k8s/types.ts";
import { updateEnv } from "../../src/kubectl/commands/setEnv.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const files: Record<string, string> = {
  "config.yaml": `apiVersion: v1
kind: ConfigMap
metadata:
  name: special-config
data:
  SPECIAL_LEVEL: very
  special.how: charm
---
apiVersion: v1
kind: Secret
metadata:
  name: db-credentials
type: Opaque
data:
  password: czNjcjN0
stringData:
  db-user: app
`,
};
const k = (c: Simulation, line: string) => runKubectl(line, c, { readFile: (p) => files[p] });
const cluster = () => {
  const c = new Simulation();
  k(c, "create deployment web --image=nginx:1.25");
  k(c, "apply -f config.yaml");
  return c;
};
const env = (c: Simulation) =>
  (c.api.get("Deployment", "default", "web") as Deployment).spec.template.spec.containers[0].env;

describe("updateEnv (set_env.go)", () => {
  it("replaces in place with the first new value, appends the rest, leaves removed names out", () => {
    const existing = [
      { name: "A", value: "1" },
      { name: "B", value: "2" },
    ];
    expect(
      updateEnv(
        existing,
        [
          { name: "B", value: "3" },
          { name: "C", value: "4" },
          { name: "B", value: "5" },
          { name: "A", value: "6" },
        ],
        ["A"],
      ),
    ).toEqual([
      { name: "B", value: "3" },
      { name: "C", value: "4" },
    ]);
  });
});

describe("--from", () => {
  it("a ConfigMap: one variable per key, named in upper case, read from the key", () => {
    const c = cluster();
    expect(k(c, "set env deployment/web --from=configmap/special-config")).toMatchObject({
      exitCode: 0,
      stdout: "deployment.apps/web env updated\n",
    });
    expect(env(c)).toEqual([
      {
        name: "SPECIAL_LEVEL",
        valueFrom: { configMapKeyRef: { name: "special-config", key: "SPECIAL_LEVEL" } },
      },
      { name: "SPECIAL_HOW", valueFrom: { configMapKeyRef: { name: "special-config", key: "special.how" } } },
    ]);
  });
  it("a Secret with --keys and --prefix (the prefix goes before every name set)", () => {
    const c = cluster();
    k(c, "set env deployment/web --from=secret/db-credentials --keys=password --prefix=DB_ MODE=ro");
    expect(env(c)).toEqual([
      { name: "DB_MODE", value: "ro" },
      { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db-credentials", key: "password" } } },
    ]);
  });
  it("what kubectl refuses", () => {
    expect(k(cluster(), "set env deployment/web --from=deployment/web")).toMatchObject({
      exitCode: 1,
      stderr: "error: unsupported resource specified in --from\n",
    });
    expect(k(cluster(), "set env deployment/web --from=configmap/nope").stderr).toBe(
      'Error from server (NotFound): configmaps "nope" not found\n',
    );
    expect(
      parseKubectl("kubectl set env deployment/web --keys=a X=1").diagnostics.map((d) => d.message),
    ).toEqual(["error: when specifying --keys, a configmap or secret must be provided with --from"]);
  });
});

describe("--list", () => {
  it("prints each container's variables with the changes, references as comments, and writes nothing", () => {
    const c = cluster();
    k(c, "set env deployment/web --from=configmap/special-config --keys=SPECIAL_LEVEL GREETING=hello");
    const generation = c.api.get("Deployment", "default", "web")?.metadata.generation;
    expect(k(c, "set env deployment/web --list EXTRA=1")).toMatchObject({
      exitCode: 0,
      stdout:
        "# Deployment web, container nginx\n" +
        "GREETING=hello\n" +
        "# SPECIAL_LEVEL from configmap special-config, key SPECIAL_LEVEL\n" +
        "EXTRA=1\n",
    });
    expect(c.api.get("Deployment", "default", "web")?.metadata.generation).toBe(generation);
  });
  it("--resolve reads Secrets (stringData merged into data); what it cannot read is an error after the list", () => {
    const c = cluster();
    k(c, "set env deployment/web --from=secret/db-credentials");
    const r = k(c, "set env deployment/web --list --resolve MISSING-");
    expect(r.stdout).toBe("# Deployment web, container nginx\nDB_USER=app\nPASSWORD=s3cr3t\n");
    k(c, "delete secret db-credentials");
    expect(k(c, "set env deployment/web --list --resolve")).toMatchObject({
      exitCode: 1,
      stdout:
        "# Deployment web, container nginx\n" +
        "# DB_USER from secret db-credentials, key db-user\n" +
        "# PASSWORD from secret db-credentials, key password\n",
      stderr:
        'error retrieving reference for DB_USER, PASSWORD: secrets "db-credentials" not found\n' +
        "error: failed to retrieve valueFrom references\n",
    });
  });
  it("--list and -o do not go together", () => {
    expect(
      parseKubectl("kubectl set env deployment/web --list -o yaml").diagnostics.map((d) => d.message),
    ).toEqual(["error: --list and --output may not be specified together"]);
  });
});

describe("--overwrite=false (validateNoOverwrites)", () => {
  it("refuses to change a value that is there, and writes nothing", () => {
    const c = cluster();
    k(c, "set env deployment/web A=1");
    expect(k(c, "set env deployment/web A=2 --overwrite=false")).toMatchObject({
      exitCode: 1,
      stderr: "error: deployments/web 'A' already has a value (1), and --overwrite is false\n",
    });
    expect(env(c)).toEqual([{ name: "A", value: "1" }]);
    expect(k(c, "set env deployment/web A=1 B=2 --overwrite=false").exitCode).toBe(0);
  });
});
