/**
 * `kubectl create quota` (kubectl/pkg/cmd/create/create_quota.go): createQuota's
 * populateResourceListV1 and parseScopes, the generator's `--dry-run=client -o yaml` (the
 * ResourceList as a Go map marshals it: names sorted, canonical quantities; an empty status
 * struct), `failed to create quota: …` for a server refusal, and the quota it stores enforced
 * by quota admission as a quota applied from a manifest is.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Pod } from "../../src/k8s/types.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

describe("kubectl create quota (create_quota.go)", () => {
  it("prints the quota as built with --dry-run=client -o yaml: hard in name order, canonical quantities", () => {
    // create_quota.go's own example, with cpu written in millicores.
    const r = runKubectl(
      "create quota my-quota --hard=pods=2,cpu=1000m,memory=1G,services=3,secrets=5,persistentvolumeclaims=10 --scopes=NotTerminating,NotBestEffort --dry-run=client -o yaml",
      new Simulation(),
    );
    expect(r.stdout).toBe(
      [
        "apiVersion: v1",
        "kind: ResourceQuota",
        "metadata:",
        "  creationTimestamp: null",
        "  name: my-quota",
        "spec:",
        "  hard:",
        '    cpu: "1"',
        "    memory: 1G",
        '    persistentvolumeclaims: "10"',
        '    pods: "2"',
        '    secrets: "5"',
        '    services: "3"',
        "  scopes:",
        "  - NotTerminating",
        "  - NotBestEffort",
        "status: {}",
        "",
      ].join("\n"),
    );
    expect(runKubectl("create resourcequota empty --dry-run=client -o yaml", new Simulation()).stdout).toBe(
      "apiVersion: v1\nkind: ResourceQuota\nmetadata:\n  creationTimestamp: null\n  name: empty\nspec: {}\nstatus: {}\n",
    );
    expect(runKubectl("create quota q --hard=pods=1 --dry-run=client", new Simulation()).stdout).toBe(
      "resourcequota/q created (dry run)\n",
    );
  });

  it("creates it; the quota controller takes it up and admission enforces it", () => {
    const sim = new Simulation();
    expect(runKubectl("create quota pods --hard=pods=2", sim)).toMatchObject({
      exitCode: 0,
      stdout: "resourcequota/pods created\n",
    });
    expect(runKubectl("create quota pods --hard=pods=2", sim)).toMatchObject({
      exitCode: 1,
      stderr: 'error: failed to create quota: resourcequotas "pods" already exists\n',
    });
    sim.runUntil(5);
    runKubectl("create deployment web --image=nginx:1.27 --replicas=3", sim);
    sim.runUntil(30);
    expect((sim.api.list("Pod", "default") as readonly Pod[]).length).toBe(2);
    expect(runKubectl("get quota pods", sim).stdout).toMatch(/^pods +\d+s +pods: 2\/2 +$/m);
    expect(
      sim.events.some((e) => e.reason === "FailedCreate" && e.message.includes("exceeded quota: pods")),
    ).toBe(true);
  });

  it("refuses what createQuota refuses, before anything is sent", () => {
    const messages = (line: string) => parseKubectl(line).diagnostics.map((d) => d.message);
    expect(messages("kubectl create quota q --hard=cpu")).toEqual([
      "error: Invalid argument syntax cpu, expected <resource>=<value>",
    ]);
    expect(messages("kubectl create quota q --hard=cpu=1=2")).toEqual([
      "error: Invalid argument syntax cpu=1=2, expected <resource>=<value>",
    ]);
    expect(messages("kubectl create quota q --hard=memory=lots")).toEqual([
      "error: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    ]);
    expect(messages("kubectl create quota q --hard=pods=1 --scopes=BestEffort,")).toEqual([
      'error: invalid resource quota scope ""',
    ]);
    expect(messages("kubectl create quota")).toEqual(["error: exactly one NAME is required, got 0"]);
  });
});
