/**
 * The kubelet's status write when a pod's containers have all started (kubelet.ts `running`):
 * the status sync's readiness round (prober_manager.go UpdatePodStatus, status.go
 * GeneratePodReadyCondition and GenerateContainersReadyCondition) is built into the container
 * statuses at once for a pod without init containers (`runningAndReady`). Held here to the two
 * steps it replaces — the running status, then `readinessRound` over it — on every such write
 * of runs with plain, readiness-probed and startup-probed containers, several to a pod, a late
 * application start and crashing containers: the same status, key order and `undefined`
 * values included.
 */
import { afterEach, describe, expect, it } from "vitest";
import { Kubelet } from "../../../src/engine/kubelet.ts";
import { runWith } from "../../../src/scenario/api.ts";
import { defaultServices } from "../../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../../src/scenario/host.ts";

type Fn = (...args: unknown[]) => unknown;
const proto = Kubelet.prototype as unknown as Record<string, Fn>;
const fused = proto.runningAndReady;

/** JSON text with its keys in order and an `undefined` value shown (JSON.stringify leaves it out). */
const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (x === undefined ? "<undefined>" : x));

interface Checked {
  writes: number;
  differing: string[];
}

/** Runs `scenario` with each fused status compared with the two-step one. */
function check(scenario: string): Checked {
  const checked: Checked = { writes: 0, differing: [] };
  proto.runningAndReady = function (this: Record<string, Fn>, ...args: unknown[]) {
    const [pod, startedAt, timelines, podIP, awaiting] = args;
    const out = fused.apply(this, args);
    const twoSteps = this.readinessRound(pod, this.runningStatus(pod, startedAt, timelines, podIP), awaiting);
    checked.writes++;
    if (text(out) !== text(twoSteps)) checked.differing.push(`${text(out)}\n${text(twoSteps)}`);
    return out;
  };
  const r = runWith(defaultServices, scenario, "running.scn", { host: memoryHost({}) });
  expect(r.status).not.toBe("error");
  return checked;
}

afterEach(() => {
  proto.runningAndReady = fused;
});

const deployment = (containers: string, settings = "", faults = "") => `
${settings}
manifest demo = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: demo }
spec:
  replicas: 3
  selector: { matchLabels: { app: demo } }
  template:
    metadata: { labels: { app: demo } }
    spec:
      containers:
${containers}
YAML
at 0s apply demo
${faults}
at 2m kubectl scale deployment demo --replicas=5
at 4m kubectl set image deployment/demo app=demo:3
at 6m kubectl get pods
`;

const plain = (name: string) => `      - name: ${name}\n        image: demo:2\n`;
const probed = (name: string, probe: "readinessProbe" | "startupProbe", delay = 0) =>
  `${plain(name)}        ${probe}: { httpGet: { path: /, port: 8080 }, periodSeconds: 5, initialDelaySeconds: ${delay} }\n`;

describe("a started pod's status with its readiness in one build (kubelet.ts runningAndReady)", () => {
  it.each([
    ["one plain container", deployment(plain("app"))],
    ["two plain containers", deployment(plain("app") + plain("log"))],
    ["a readiness probe answering at the start", deployment(probed("app", "readinessProbe"))],
    [
      "a readiness probe 10 s in, beside a plain container",
      deployment(probed("app", "readinessProbe", 10) + plain("log")),
    ],
    ["a startup probe", deployment(probed("app", "startupProbe") + plain("log"))],
    [
      "an application that takes 20 s to start",
      deployment(plain("app") + plain("log"), "set app.startup-time = 20s"),
    ],
    [
      "containers that crash and restart",
      deployment(plain("app"), "set fault.crash-after = 5s", "at 1m fault crash image demo:2"),
    ],
  ])("%s: the same status as the running status then the readiness round", (_name, scenario) => {
    const checked = check(scenario);
    expect(checked.differing).toEqual([]);
    expect(checked.writes).toBeGreaterThan(5);
  });

  it("the comparison sees a difference: a fused build that forgets the conditions fails it", () => {
    const broken = function (this: Record<string, Fn>, ...args: unknown[]) {
      const out = fused.apply(this, args) as Record<string, unknown>;
      return { ...out, conditions: (args[0] as { status: { conditions?: unknown } }).status.conditions };
    };
    proto.runningAndReady = broken;
    const wrapped = proto.runningAndReady;
    const checked: Checked = { writes: 0, differing: [] };
    proto.runningAndReady = function (this: Record<string, Fn>, ...args: unknown[]) {
      const [pod, startedAt, timelines, podIP, awaiting] = args;
      const out = wrapped.apply(this, args);
      const twoSteps = this.readinessRound(
        pod,
        this.runningStatus(pod, startedAt, timelines, podIP),
        awaiting,
      );
      checked.writes++;
      if (text(out) !== text(twoSteps)) checked.differing.push(text(out));
      return out;
    };
    runWith(defaultServices, deployment(plain("app")), "running.scn", { host: memoryHost({}) });
    expect(checked.differing.length).toBeGreaterThan(0);
  });
});
