/**
 * `kubectl set resources` (set_resources.go, generateversioned populateResourceListV1) and
 * `kubectl set env` (set_env.go): template changes the HPA and rollout walk-throughs make.
 */
import { describe, expect, it } from "vitest";
import type { Deployment } from "../../src/k8s/types.ts";
import { parseResourceList } from "../../src/kubectl/commands/setResources.ts";
import { containersMatching } from "../../src/kubectl/commands/setContainers.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { FakeCluster } from "./fakeCluster.ts";

const k = (c: FakeCluster, line: string) => runKubectl(line, c);
const web = () => {
  const c = new FakeCluster();
  k(c, "create deployment web --image=nginx --image=envoyproxy/envoy:v1.30");
  return c;
};
const containers = (c: FakeCluster) =>
  (c.api.get("Deployment", "default", "web") as Deployment).spec.template.spec.containers;

describe("populateResourceListV1", () => {
  const cases: [string, Record<string, string> | string][] = [
    ["cpu=200m,memory=512Mi", { cpu: "200m", memory: "512Mi" }],
    // Stored in canonical form, as the API server's quantity serialisation writes it.
    ["cpu=0.5,memory=1024Mi", { cpu: "500m", memory: "1Gi" }],
    ["", {}],
    ["cpu", "Invalid argument syntax cpu, expected <resource>=<value>"],
    [
      "cpu=abc",
      "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ],
  ];
  for (const [spec, want] of cases)
    it(JSON.stringify(spec), () => expect(parseResourceList(spec)).toEqual(want));
});

describe("-c patterns (filepath.Match)", () => {
  const list = [{ name: "web" }, { name: "web-sidecar" }, { name: "envoy" }] as never[];
  it("* is every container, web-* a prefix, a name itself", () => {
    expect(containersMatching(list, "*")).toHaveLength(3);
    expect(containersMatching(list, "web-*").map((c: { name: string }) => c.name)).toEqual(["web-sidecar"]);
    expect(containersMatching(list, "envoy").map((c: { name: string }) => c.name)).toEqual(["envoy"]);
  });
});

describe("kubectl set resources", () => {
  it("sets the named resources of the matching containers, keeping the others", () => {
    const c = web();
    expect(k(c, "set resources deployment web -c nginx --requests=cpu=100m")).toMatchObject({
      exitCode: 0,
      stdout: "deployment.apps/web resource requirements updated\n",
    });
    expect(k(c, "set resources deployment web -c nginx --limits=memory=256Mi").exitCode).toBe(0);
    const [nginx, envoy] = containers(c);
    expect(nginx.resources).toEqual({ requests: { cpu: "100m" }, limits: { memory: "256Mi" } });
    expect(envoy.resources).toEqual({});
  });
  it("an update that changes nothing prints nothing; a pattern that matches nothing warns", () => {
    const c = web();
    k(c, "set resources deployment web --requests=cpu=100m");
    expect(k(c, "set resources deployment web --requests=cpu=100m")).toMatchObject({
      exitCode: 0,
      stdout: "",
    });
    expect(k(c, "set resources deployment web -c db --requests=cpu=1")).toMatchObject({
      exitCode: 0,
      stderr: 'warning: deployment.apps/web does not have any containers matching "db"\n',
    });
  });
  it("asks for an update", () => {
    expect(k(web(), "set resources deployment web").stderr).toContain(
      "you must specify an update to requests or limits (in the form of --requests/--limits)",
    );
  });
});

describe("kubectl set env", () => {
  it("sets in place or at the end, removes with KEY-, in every matching container", () => {
    const c = web();
    expect(k(c, "set env deployment/web A=1 B=2").stdout).toBe("deployment.apps/web env updated\n");
    expect(k(c, "set env deployment/web -c nginx A=3 B-").exitCode).toBe(0);
    const [nginx, envoy] = containers(c);
    expect(nginx.env).toEqual([{ name: "A", value: "3" }]);
    expect(envoy.env).toEqual([
      { name: "A", value: "1" },
      { name: "B", value: "2" },
    ]);
  });
  it("a change that changes nothing writes nothing (no new rollout)", () => {
    const c = web();
    k(c, "set env deployment/web A=1");
    const generation = (c.api.get("Deployment", "default", "web") as Deployment).metadata.generation;
    expect(k(c, "set env deployment/web A=1").stdout).toBe("");
    expect((c.api.get("Deployment", "default", "web") as Deployment).metadata.generation).toBe(generation);
  });
  it("needs at least one variable", () => {
    expect(k(web(), "set env deployment/web").stderr).toContain(
      "at least one environment variable must be provided",
    );
  });
});
