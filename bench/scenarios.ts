/**
 * The bench scenarios of issue #15, written as the scenario files users would write, and the
 * daily load curve they (and the naive baseline) share. `npx tsx bench/scenarios.ts` rewrites
 * bench/scenarios/*.scn; the files are committed so a bench run never depends on this script.
 *
 * - day.scn: one Deployment (100m CPU request) under an autoscaling/v2 CPU HPA at 60 %, min
 *   10, max 1000, for 24 h; the load follows a daily curve — ~100 pods' worth at midnight, a
 *   trough of ~35 at 4 am, ~670 at 11 am, ~460 at 3 pm and an evening peak just past 1000 at
 *   8 pm (the HPA stops at its maximum) — changing every 5 minutes (288 levels, `load cpu
 *   steps … every 5m`, one statement an hour).
 * - week.scn: the same day seven times (2016 levels).
 * - day-x10.scn: the same day with ten times the load and maxReplicas 10000 (10,000 pods at
 *   the peak).
 * - tiny.scn: the smallest useful scenario, for start-up costs.
 * - check-10k.scn: a valid 10,000-line scenario for `replicast check`.
 * - storm.scn: issue #17's scheduling storm, 5,000 pods over 1,000 autoscaled nodes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  dailyDemandMilli,
  MAX_REPLICAS,
  MIN_REPLICAS,
  REQUEST_MILLI,
  STEP_SECONDS,
  TARGET_PERCENT,
} from "./dayCurve.ts";

function deploymentAndHpa(maxReplicas: number): string {
  return `manifest app = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: ${MIN_REPLICAS}
  selector:
    matchLabels: { app: app }
  template:
    metadata:
      labels: { app: app }
    spec:
      containers:
      - name: app
        image: app:1
        resources:
          requests: { cpu: ${REQUEST_MILLI}m }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: app }
  minReplicas: ${MIN_REPLICAS}
  maxReplicas: ${maxReplicas}
  metrics:
  - type: Resource
    resource:
      name: cpu
      target: { type: Utilization, averageUtilization: ${TARGET_PERCENT} }
YAML
`;
}

/** The day curve as a scenario over `days` days, the load multiplied by `factor`. */
export function dayScenario(days: number, factor: number): string {
  const max = MAX_REPLICAS * factor;
  const curve = dailyDemandMilli(factor);
  const lines = [
    `# Issue #15's bench scenario${days > 1 ? `, ${days} days` : ""}${factor > 1 ? `, load ×${factor}` : ""}: written by bench/scenarios.ts.`,
    `scenario "HPA ${MIN_REPLICAS}–${max} pods under a daily curve${days > 1 ? ` for ${days} days` : ""}${factor > 1 ? ` ×${factor}` : ""}"`,
    "",
    deploymentAndHpa(max),
    "at 0s apply app",
    `expect replicas >= ${MIN_REPLICAS} always`,
    `expect replicas <= ${max} always`,
  ];
  const perHour = 3600 / STEP_SECONDS;
  for (let day = 0; day < days; day++)
    for (let hour = 0; hour < 24; hour++) {
      const levels = curve.slice(hour * perHour, (hour + 1) * perHour).map((m) => `${m}m`);
      lines.push(`at ${day * 24 + hour}h load cpu steps ${levels.join(" ")} every 5m`);
    }
  lines.push(`run until ${days * 24}h`);
  return lines.join("\n") + "\n";
}

export const TINY = `# The smallest useful scenario: CLI start-up costs (written by bench/scenarios.ts).
at 0s kubectl create deployment web --image=nginx:1.25 --replicas=2
expect available 2 within 10s
`;

/**
 * A valid scenario of exactly `lines` lines for \`replicast check\`: two manifests, then
 * rounds of timed loads, kubectl lines and expectations of every common form, ten minutes
 * apart — what a long regression scenario looks like.
 */
export function checkScenario(lines: number): string {
  const out = [
    "# A 10,000-line scenario for `replicast check` (written by bench/scenarios.ts).",
    'scenario "check 10,000 lines"',
    "set hpa.sync-period = 15s",
    ...deploymentAndHpa(50).trimEnd().split("\n"),
    "at 0s apply app",
  ];
  const round = (i: number): string[] => {
    const t = i * 600;
    return [
      `at ${t}s load cpu ${100 + (i % 7) * 50}%`,
      `expect replicas >= 10 within 2m`,
      "after 30s",
      "load cpu 100% ramp to 400% over 5m",
      "expect hpa utilization <= 70% for 2m",
      `kubectl set image deployment/app app=app:v${i + 2} --record=true`,
      "expect rollout deployment/app complete within 5m",
      `expect image app=app:v${i + 2}`,
      "kubectl get hpa app",
      "load memory 50Mi per pod on 2 pods for 5m",
      'expect event "New size:" within 1m',
      "expect hpa scale-events <= 20 per 10m",
      "# a comment line between rounds",
      "",
    ];
  };
  for (let i = 0; out.length < lines - 1; i++) out.push(...round(i));
  out.length = lines - 1;
  // Nothing may be left half-written: the last line ends the run.
  out.push("run for 10m");
  return out.join("\n") + "\n";
}

/**
 * The scheduling storm (issue #17): an HPA at a 1 s sync asks for `pods` pods of 200m within
 * minutes, five to a node of 1 CPU, so the cluster autoscaler grows one pool from 1 to `nodes`
 * nodes (provisioned in 1 s) while kube-scheduler retries thousands of Pending pods against
 * every node. What it measures is the scheduler's and the autoscaler's cost per pod and node.
 */
export function stormScenario(pods: number, nodes: number): string {
  return `# The scheduling storm of issue #17: ${pods} pods over ${nodes} autoscaled nodes (written by bench/scenarios.ts).
scenario "storm: ${pods} pods over ${nodes} autoscaled nodes at a 1 s HPA sync"
set hpa.sync-period = 1s

manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
      - name: web
        image: nginx:1.25
        resources:
          requests: { cpu: 200m, memory: 128Mi }
YAML

nodes 1 with cpu 1 memory 4Gi
autoscale nodes from 1 to ${nodes} provision 1s
at 0s apply web
at 0s kubectl autoscale deployment web --min=1 --max=${pods} --cpu-percent=50
at 10s load cpu 10000000%
expect replicas ${pods} within 10m
expect nodes ${nodes} within 10m
run for 10m
`;
}

export const BENCH_SCENARIOS: Record<string, () => string> = {
  "storm.scn": () => stormScenario(5000, 1000),
  "day.scn": () => dayScenario(1, 1),
  "week.scn": () => dayScenario(7, 1),
  "day-x10.scn": () => dayScenario(1, 10),
  "tiny.scn": () => TINY,
  "check-10k.scn": () => checkScenario(10_000),
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), "scenarios");
  mkdirSync(dir, { recursive: true });
  for (const [name, make] of Object.entries(BENCH_SCENARIOS)) writeFileSync(join(dir, name), make());
  console.log(`wrote ${Object.keys(BENCH_SCENARIOS).join(", ")} in ${dir}`);
}
