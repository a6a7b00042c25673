/**
 * `kubectl wait` (kubectl/pkg/cmd/wait/wait.go): conditionFuncFor's `--for` forms, the
 * condition check (ConditionalWait.checkCondition, JSONPathWait), and the wait as a process in
 * simulated time against one deadline (RunWait).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Deployment } from "../../src/k8s/types.ts";
import { conditionMet, parseWaitCondition, WAIT_POLL } from "../../src/kubectl/commands/wait.ts";
import { runKubectl } from "../../src/kubectl/index.ts";
import type { KubectlResult } from "../../src/kubectl/index.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";

describe("--for (conditionFuncFor)", () => {
  const cases: [string, ReturnType<typeof parseWaitCondition>][] = [
    ["delete", { kind: "delete" }],
    ["DELETE", { kind: "delete" }],
    ["condition=Available", { kind: "condition", name: "Available", status: "true" }],
    ["condition=Ready=false", { kind: "condition", name: "Ready", status: "false" }],
    [
      "jsonpath={.status.readyReplicas}=3",
      { kind: "jsonpath", template: "{.status.readyReplicas}", value: "3" },
    ],
    // RelaxedJSONPathExpression: the braces may be left out.
    [".status.phase=Running", 'error: unrecognized condition: ".status.phase=Running"'],
    ["jsonpath=.status.phase=Running", { kind: "jsonpath", template: "{.status.phase}", value: "Running" }],
    [
      "jsonpath={.status.loadBalancer.ingress}",
      { kind: "jsonpath", template: "{.status.loadBalancer.ingress}" },
    ],
    // splitJSONPathInput keeps `==` (a filter) whole.
    [
      'jsonpath={.status.conditions[?(@.type=="Ready")].status}=True',
      { kind: "jsonpath", template: '{.status.conditions[?(@.type=="Ready")].status}', value: "True" },
    ],
    [
      "jsonpath={.a}=",
      "error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3",
    ],
    ["available", 'error: unrecognized condition: "available"'],
  ];
  for (const [text, want] of cases) it(text, () => expect(parseWaitCondition(text)).toEqual(want));

  it("a quoted part inside a flag word is still the flag (the shell removes the quotes)", () => {
    const r = parseKubectl("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/web");
    expect(r.diagnostics).toEqual([]);
    expect(r.command?.flags.for).toBe("jsonpath={.status.phase}=Running");
  });
});

describe("the condition check (ConditionalWait.checkCondition)", () => {
  const deployment = (generation: number, observed: number, status: string) =>
    ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "default", generation },
      spec: {},
      status: { observedGeneration: observed, conditions: [{ type: "Available", status }] },
    }) as unknown as Deployment;
  it("type and status compare case-insensitively", () => {
    expect(
      conditionMet(deployment(1, 1, "True"), { kind: "condition", name: "available", status: "true" }),
    ).toBe(true);
    expect(
      conditionMet(deployment(1, 1, "False"), { kind: "condition", name: "Available", status: "true" }),
    ).toBe(false);
  });
  it("a condition observed for an older generation does not count", () => {
    expect(
      conditionMet(deployment(2, 1, "True"), { kind: "condition", name: "Available", status: "true" }),
    ).toBe(false);
  });
  it("jsonpath: the value as text, trimmed; without a value, any value", () => {
    const d = deployment(1, 1, "True");
    expect(
      conditionMet(d, { kind: "jsonpath", template: "{.status.observedGeneration}", value: " 1 " }),
    ).toBe(true);
    expect(conditionMet(d, { kind: "jsonpath", template: "{.status.readyReplicas}" })).toBe(false);
  });
});

describe("kubectl wait in simulated time (RunWait)", () => {
  function follow(sim: Simulation, line: string): { t: number; r: KubectlResult }[] {
    const out: { t: number; r: KubectlResult }[] = [];
    let r = runKubectl(line, sim);
    out.push({ t: sim.now, r });
    while (r.follow) {
      const f = r.follow;
      expect(f.after).toBeLessThanOrEqual(WAIT_POLL);
      sim.runUntil(sim.now + f.after);
      r = f.run(sim);
      out.push({ t: sim.now, r });
    }
    return out;
  }
  const started = () => {
    const sim = new Simulation();
    runKubectl("create deployment web --image=nginx --replicas=2", sim);
    // The controllers react at the same instant (the ReplicaSet and its pods exist).
    sim.runUntil(0);
    return sim;
  };

  it("prints `condition met` the second the Deployment is Available, then returns", () => {
    const sim = started();
    const steps = follow(sim, "wait --for=condition=available deployment/web --timeout=60s");
    const last = steps[steps.length - 1];
    expect(last.r).toMatchObject({ exitCode: 0, stdout: "deployment.apps/web condition met\n" });
    const available = (sim.api.get("Deployment", "default", "web") as Deployment).status.conditions?.find(
      (c) => c.type === "Available",
    );
    expect(available?.status).toBe("True");
    // Reported at the first check after it turned true.
    expect(last.t).toBeGreaterThan(0);
    expect(steps.slice(0, -1).every((s) => s.r.stdout === "")).toBe(true);
  });

  it("waits for each pod a selector finds, one after another", () => {
    const sim = started();
    const steps = follow(sim, "wait --for=condition=Ready pod -l app=web --timeout=2m");
    const printed = steps.map((s) => s.r.stdout).join("");
    expect(printed.match(/^pod\/web-[a-z0-9]+-[a-z0-9]+ condition met$/gm)).toHaveLength(2);
    expect(steps[steps.length - 1].r.exitCode).toBe(0);
  });

  it("times out with the object named as wait.go names it, at the deadline", () => {
    const sim = started();
    const steps = follow(sim, "wait --for=jsonpath={.status.replicas}=5 deployment/web --timeout=5s");
    const last = steps[steps.length - 1];
    expect(last.t).toBe(5);
    expect(last.r).toMatchObject({
      exitCode: 1,
      stderr: "error: timed out waiting for the condition on deployments/web\n",
    });
  });

  it("--timeout=0 checks once", () => {
    expect(runKubectl("wait --for=condition=available deployment/web --timeout=0", started())).toMatchObject({
      exitCode: 1,
      stderr: "error: condition not met for deployments/web\n",
    });
  });

  it("--for=delete: met once the object is gone; one gone already is no error", () => {
    const sim = started();
    sim.runUntil(20);
    const pod = sim.api.list("Pod", "default")[0].metadata.name;
    runKubectl(`delete pod ${pod} --wait=false`, sim);
    const steps = follow(sim, `wait --for=delete pod/${pod} --timeout=60s`);
    expect(steps[steps.length - 1].r).toMatchObject({ exitCode: 0, stdout: `pod/${pod} condition met\n` });
    expect(runKubectl(`wait --for=delete pod/${pod}`, sim)).toMatchObject({
      exitCode: 0,
      stdout: "",
      stderr: "",
    });
  });

  it("nothing selected is wait.go's errNoMatchingResources", () => {
    expect(runKubectl("wait --for=condition=Ready pod -l app=none", started())).toMatchObject({
      exitCode: 1,
      stderr: "error: no matching resources found\n",
    });
  });
});
