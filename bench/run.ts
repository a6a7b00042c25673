/**
 * `npm run bench`: how fast the engine runs and how much memory it holds, on the two
 * workloads the product card names:
 *
 * 1. a rolling update of a 1000-replica Deployment (25%/25%, pods ready 10 s after creation);
 * 2. 24 simulated hours under an HPA (min 10, max 1000, CPU 50%) whose load alternates
 *    every 2 hours between what 10 pods and what 1000 pods can serve.
 *
 * Prints a table and writes bench/results.json. Memory is sampled (process.memoryUsage)
 * between chunks of simulated time; "peak" is the highest sample.
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Simulation } from "../src/engine/simulation.ts";
import type { Deployment, HorizontalPodAutoscaler } from "../src/k8s/types.ts";

interface Result {
  name: string;
  simulatedSeconds: number;
  wallSeconds: number;
  simSecondsPerWallSecond: number;
  peakRssMB: number;
  peakHeapMB: number;
  pods: number;
  podsCreated: number;
  events: number;
  decisions: number;
  seriesPoints: number;
  traceJsonMB: number;
  notes: string;
}

const MB = 1024 * 1024;

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

function hpa(min: number, max: number): HorizontalPodAutoscaler {
  return {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "web" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
      minReplicas: min,
      maxReplicas: max,
      metrics: [
        {
          type: "Resource",
          resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 50 } },
        },
      ],
    },
  } as unknown as HorizontalPodAutoscaler;
}

/** Run in chunks, sampling memory after each; returns wall seconds and peaks. */
function timed(sim: Simulation, end: number, chunk: number): { wall: number; rss: number; heap: number } {
  let rss = 0;
  let heap = 0;
  const start = performance.now();
  for (let t = Math.min(sim.now + chunk, end); ; t = Math.min(t + chunk, end)) {
    sim.runUntil(t);
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
    if (t >= end) break;
  }
  return { wall: (performance.now() - start) / 1000, rss, heap };
}

function summarise(
  name: string,
  sim: Simulation,
  wall: number,
  rss: number,
  heap: number,
  notes: string,
): Result {
  const trace = sim.trace();
  const seriesPoints = Object.values(trace.series).reduce(
    (n, byName) =>
      n + Object.values(byName as Record<string, unknown[]>).reduce((m, pts) => m + pts.length, 0),
    0,
  );
  return {
    name,
    simulatedSeconds: sim.now,
    wallSeconds: round(wall, 3),
    simSecondsPerWallSecond: round(sim.now / wall, 0),
    peakRssMB: round(rss / MB, 1),
    peakHeapMB: round(heap / MB, 1),
    pods: sim.api.list("Pod").length,
    podsCreated: Object.keys(trace.series.Pod).length,
    events: trace.events.length,
    decisions: trace.decisions.length,
    seriesPoints,
    traceJsonMB: round(JSON.stringify(trace).length / MB, 1),
    notes,
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function rollingUpdate1000(): Result {
  const sim = new Simulation({ settings: { "pod.startup": 10 } });
  sim.at(0, "apply", () => void sim.api.create(deployment(1000, "nginx:1.24")));
  sim.at(120, "set image", () => {
    const d = structuredClone(sim.api.get("Deployment", "web")!);
    d.spec.template.spec.containers[0].image = "nginx:1.25";
    sim.api.update(d);
  });
  const { wall, rss, heap } = timed(sim, 600, 30);
  const done = sim.trace().series.Deployment.web.find((p) => p.t > 120 && p.value.complete);
  return summarise(
    "rolling update, 1000 replicas",
    sim,
    wall,
    rss,
    heap,
    `rollout complete at t=${done?.t ?? "never"}s`,
  );
}

function hpa24h(): Result {
  const day = 24 * 3600;
  const sim = new Simulation({ settings: { "pod.startup": 10 } });
  sim.at(0, "apply", () => {
    sim.api.create(deployment(10, "app:1"));
    sim.api.create(hpa(10, 1000));
  });
  // 10 pods at 50% of 100m serve 500m; 1000 pods serve 50 cores: swing between the two.
  for (let t = 0, high = false; t < day; t += 2 * 3600, high = !high) {
    const milli = high ? 50_000 : 500;
    sim.at(t, `load ${milli}m`, () => sim.setLoad("web", { kind: "cpu", amount: { milli } }));
  }
  const { wall, rss, heap } = timed(sim, day, 600);
  const replicas = sim.trace().series.Deployment.web.map((p) => p.value.replicas);
  return summarise(
    "HPA 24 h, 10 ↔ 1000 pods",
    sim,
    wall,
    rss,
    heap,
    `replicas between ${Math.min(...replicas)} and ${Math.max(...replicas)}`,
  );
}

function table(results: Result[]): string {
  const cols: [string, (r: Result) => string][] = [
    ["workload", (r) => r.name],
    ["sim s", (r) => String(r.simulatedSeconds)],
    ["wall s", (r) => r.wallSeconds.toFixed(2)],
    ["sim s / wall s", (r) => String(r.simSecondsPerWallSecond)],
    ["peak RSS MB", (r) => r.peakRssMB.toFixed(1)],
    ["peak heap MB", (r) => r.peakHeapMB.toFixed(1)],
    ["pods made", (r) => String(r.podsCreated)],
    ["events", (r) => String(r.events)],
    ["points", (r) => String(r.seriesPoints)],
    ["trace MB", (r) => r.traceJsonMB.toFixed(1)],
    ["notes", (r) => r.notes],
  ];
  const cells = [cols.map(([h]) => h), ...results.map((r) => cols.map(([, f]) => f(r)))];
  const widths = cols.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  return cells
    .map((row) =>
      row
        .map((c, i) => c.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

const results = [rollingUpdate1000(), hpa24h()];
console.log(table(results));
const out = join(dirname(fileURLToPath(import.meta.url)), "results.json");
// Wall-clock figures depend on the machine and on what else it runs: record both.
const machine = { node: process.version, cpus: cpus().length, loadAverage1m: round(loadavg()[0], 2) };
console.log(`\nnode ${machine.node}, ${machine.cpus} CPUs, load average ${machine.loadAverage1m}`);
writeFileSync(out, JSON.stringify({ machine, results }, null, 2) + "\n");
console.log(`\nwritten to ${out}`);
