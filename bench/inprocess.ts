/**
 * Bench cases that run inside one child process (bench/run.ts starts it), timing only the
 * work, not the process's start-up or module loading:
 *
 *   scenario FILE           runScenario (parse, plan, run, check) of FILE, through the API
 *   rolling                 a 1000-replica rolling update driven through the engine's API
 *   baseline DAYS FACTOR    the naive 1-second tick simulation of the bench day
 *
 * Prints one JSON line: { ms, cpuMs, simulatedSeconds, …figures of the case }.
 */
import type { Deployment } from "../src/k8s/types.ts";

// Each case imports only what it runs (dynamic imports; the bundle is split on them), so a
// case's peak RSS holds no module it does not use: the baseline loads no engine.

function deployment(replicas: number, image: string): Deployment {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web" },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: {
        metadata: { labels: { app: "web" } },
        spec: { containers: [{ name: "app", image, resources: { requests: { cpu: "100m" } } }] },
      },
    },
  } as unknown as Deployment;
}

/** 1000 replicas at 25 %/25 %, pods ready 10 s after creation; a new image at 120 s; 600 s. */
async function rolling(): Promise<Record<string, unknown>> {
  const { Simulation } = await import("../src/engine/simulation.ts");
  const started = performance.now();
  const sim = new Simulation({ settings: { "pod.startup": 10 } });
  sim.at(0, "apply", () => void sim.api.create(deployment(1000, "nginx:1.24")));
  sim.at(120, "set image", () => {
    const d = structuredClone(sim.api.get("Deployment", "default", "web")!);
    d.spec.template.spec.containers[0].image = "nginx:1.25";
    sim.api.update(d);
  });
  sim.runUntil(600);
  const trace = sim.trace();
  const ms = performance.now() - started;
  const done = trace.series.Deployment.web.find((p) => p.t > 120 && p.value.complete);
  return {
    ms,
    simulatedSeconds: 600,
    podsCreated: Object.keys(trace.series.Pod).length,
    completeAt: done?.t,
  };
}

async function scenario(file: string): Promise<Record<string, unknown>> {
  const { runScenario } = await import("../src/node.ts");
  const started = performance.now();
  const r = await runScenario({ path: file });
  const ms = performance.now() - started;
  const replicas = r.trace?.series.Deployment.app?.map((p) => p.value.replicas) ?? [];
  return {
    ms,
    simulatedSeconds: r.duration,
    status: r.status,
    rescales: r.events.filter((e) => e.reason === "SuccessfulRescale").length,
    peakPods: Math.max(0, ...replicas),
    podsCreated: r.trace ? Object.keys(r.trace.series.Pod).length : 0,
  };
}

async function baseline(days: number, factor: number): Promise<Record<string, unknown>> {
  const { naiveDay } = await import("./baseline.ts");
  const started = performance.now();
  const result = naiveDay(days, factor);
  return { ms: performance.now() - started, ...result };
}

const [kind, ...args] = process.argv.slice(2);
const cpuStarted = process.cpuUsage();
const result =
  kind === "scenario"
    ? await scenario(args[0])
    : kind === "rolling"
      ? await rolling()
      : await baseline(Number(args[0] ?? 1), Number(args[1] ?? 1));
// CPU time of the case too (module loading included): on a busy machine wall time is mostly waiting.
const cpu = process.cpuUsage(cpuStarted);
console.log(JSON.stringify({ ...result, cpuMs: (cpu.user + cpu.system) / 1000 }));
