/**
 * `kubectl version` (kubectl/pkg/cmd/version/version.go from 1.28: Client, Kustomize and
 * Server Version lines; `--client` without the server), for the scenario's kubectl.version.
 */
import { describe, expect, it } from "vitest";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";
import { FakeCluster } from "./fakeCluster.ts";

describe("kubectl version", () => {
  it("prints the client's, the embedded Kustomize's and the server's versions", () => {
    expect(runKubectl("kubectl version", new FakeCluster()).stdout).toBe(
      "Client Version: v1.34.0\nKustomize Version: v5.7.1\nServer Version: v1.34.0\n",
    );
    expect(runKubectl("kubectl version --client", new FakeCluster()).stdout).toBe(
      "Client Version: v1.34.0\nKustomize Version: v5.7.1\n",
    );
  });

  it("follows set kubectl.version: 1.30 embeds the Kustomize 1.28 took", async () => {
    const r = await runScenario(
      { text: "set kubectl.version = 1.30\nkubectl version\n", file: "v.scn" },
      { host: memoryHost({}) },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.output.map((o) => o.text)).toEqual([
      "Client Version: v1.30.0\nKustomize Version: v5.0.4-0.20230601165947-6ce0bf390ce3\nServer Version: v1.30.0",
    ]);
  });

  it("refuses what it would have to make up: -o yaml|json (the build's commit and date), and kubectl before 1.28", () => {
    const messages = (line: string, version?: number) =>
      parseKubectl(line, version === undefined ? {} : { version }).diagnostics.map((d) => d.message);
    expect(messages("version -o yaml")).toEqual([
      "error: kubectl version -o yaml (the build's commit, date and Go version) is not supported by the Replicast simulator",
    ]);
    expect(messages("version", 22)).toEqual([
      "error: kubectl version as kubectl 1.22 prints it (the build's commit and date) is not supported by the Replicast simulator",
    ]);
    // version.go Validate.
    expect(messages("version -o wide")).toEqual(["error: --output must be 'yaml' or 'json'"]);
    expect(messages("version now")).toEqual(["error: extra arguments: [now]"]);
  });
});
