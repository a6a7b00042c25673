/**
 * Parses a realistic 10,000-line scenario and prints the time (target: well under 100 ms).
 * Run: npx tsx bench/parse.ts [lines]
 */
import { loadavg } from "node:os";
import { parseScenario } from "../src/dsl/index.ts";

const block = [
  "# A rolling update under load, then the autoscaler settles.",
  'scenario "bench"',
  "set hpa.sync-period = 15s",
  "manifest deploy = <<YAML",
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  "  name: web",
  "spec:",
  "  replicas: 3",
  "YAML",
  "at 0s apply deploy",
  "kubectl autoscale deployment web --cpu-percent=60 --min=1 --max=10",
  "at 60s load cpu 180%; expect replicas 3 within 30s",
  "after 30s",
  "load cpu 100% ramp to 400% over 5m",
  "expect hpa utilization <= 70% for 2m",
  "kubectl set image deployment/web app=app:v2 --record=true",
  "expect rollout deployment/web complete within 5m",
  "expect image app=app:v2",
  "load memory 50Mi per pod on 2 pods for 10m",
  'expect event "New size: 4" within 1m',
  "expect hpa scale-events <= 4 per 10m",
  "expect pod-minutes <= 120 from 0s to 1h",
  "",
];

function scenarioOf(lines: number): string {
  const out: string[] = [];
  let round = 0;
  while (out.length < lines) {
    for (const line of block) {
      // Titles and manifests are declared once; later rounds vary the names.
      if (line.startsWith("scenario") && round > 0) out.push("# (title once)");
      else
        out.push(
          line
            .replace("manifest deploy", `manifest deploy${round}`)
            .replace("apply deploy", `apply deploy${round}`)
            .replace(/^at (\d+)s/, (_, s: string) => `at ${Number(s) + round * 600}s`),
        );
      if (out.length >= lines) break;
    }
    round++;
  }
  return out.join("\n");
}

const lines = Number(process.argv[2] ?? 10_000);
const text = scenarioOf(lines);
// Warm up: the first parse pays for JIT compilation.
for (let i = 0; i < 5; i++) parseScenario(text, "bench.scn");
const runs: number[] = [];
const cpu: number[] = [];
for (let i = 0; i < 10; i++) {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const result = parseScenario(text, "bench.scn");
  runs.push(performance.now() - started);
  // CPU time too: on a shared, loaded machine wall time mostly measures waiting for a core.
  const used = process.cpuUsage(cpuStarted);
  cpu.push((used.user + used.system) / 1000);
  if (result.diagnostics.length > 0)
    throw new Error(`bench scenario has diagnostics: ${result.diagnostics[0].message}`);
}
runs.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const statements = parseScenario(text, "bench.scn").scenario?.statements.length ?? 0;
console.log(
  `parse ${lines} lines (${statements} statements, ${text.length} chars): median ${runs[5].toFixed(1)} ms, ` +
    `best ${runs[0].toFixed(1)} ms; CPU median ${cpu[5].toFixed(1)} ms (load average ${loadavg()[0].toFixed(1)})`,
);
