/**
 * Parses a realistic 10,000-line scenario and prints the time (target: well under 100 ms):
 * best, median and 90th percentile of 30 parses after 10 warm-up ones, CPU time, and how much
 * of it is lexing. With the default 10,000 lines it also writes bench/parse.json.
 * Run: npm run bench:parse [-- lines]
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseScenario } from "../src/dsl/index.ts";
import { tokenizeScenario } from "../src/dsl/tokens.ts";

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
// The first parse in a fresh process runs before V8 has compiled the parser's hot paths: what
// `replicast check` of one big file costs. The figures below are the steady state after it.
const firstStarted = performance.now();
const statements = parseScenario(text, "bench.scn").scenario?.statements.length ?? 0;
const firstParse = performance.now() - firstStarted;

/** Wall and CPU milliseconds of `runs` calls after `warmUp` unmeasured ones (JIT compilation). */
function measure(f: () => void, warmUp = 10, runs = 30): { wall: number[]; cpu: number[] } {
  for (let i = 0; i < warmUp; i++) f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    f();
    wall.push(performance.now() - started);
    // CPU time too: on a shared, loaded machine wall time mostly measures waiting for a core.
    const used = process.cpuUsage(cpuStarted);
    cpu.push((used.user + used.system) / 1000);
  }
  const byValue = (a: number, b: number): number => a - b;
  return { wall: wall.sort(byValue), cpu: cpu.sort(byValue) };
}

const at = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
const ms = (value: number): number => Math.round(value * 10) / 10;

const parse = measure(() => {
  const result = parseScenario(text, "bench.scn");
  if (result.diagnostics.length > 0)
    throw new Error(`bench scenario has diagnostics: ${result.diagnostics[0].message}`);
});
const lex = measure(() => tokenizeScenario(text));

const result = {
  machine: { node: process.version, cpus: availableParallelism(), loadAverage1m: ms(loadavg()[0]) },
  input: { lines, statements, chars: text.length },
  parseMs: { best: ms(parse.wall[0]), median: ms(at(parse.wall, 0.5)), p90: ms(at(parse.wall, 0.9)) },
  parseCpuMsMedian: ms(at(parse.cpu, 0.5)),
  firstParseMs: ms(firstParse),
  lexMsMedian: ms(at(lex.wall, 0.5)),
};
console.log(
  `parse ${lines} lines (${statements} statements, ${text.length} chars): median ${result.parseMs.median} ms, ` +
    `best ${result.parseMs.best} ms, p90 ${result.parseMs.p90} ms; CPU median ${result.parseCpuMsMedian} ms; ` +
    `of which lexing ${result.lexMsMedian} ms; the first parse in the process (before JIT) ` +
    `${result.firstParseMs} ms (load average ${result.machine.loadAverage1m})`,
);
if (lines === 10_000) {
  const out = join(dirname(fileURLToPath(import.meta.url)), "parse.json");
  writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
}
