/**
 * The hostile corpus as a report: every case, its exit status, its time and what is wrong
 * with it, then the count. `npm run hostile [-- NAME-FILTER]` (builds nothing: run
 * `npm run build` first). The test (hostile.test.ts) asserts the same verdicts.
 */
import { BIN } from "../built.ts";
import { hostileCases } from "./corpus.ts";
import { runCorpus } from "./harness.ts";

const filter = process.argv[2];
const cases = hostileCases().filter((c) => filter === undefined || c.name.includes(filter));
const started = performance.now();
const results = await runCorpus(cases, {
  bin: process.env.HOSTILE_BIN ?? BIN,
  isolate: process.env.HOSTILE_ISOLATE === "1",
  concurrency: Number(process.env.HOSTILE_JOBS ?? 2),
  limitMs: Number(process.env.HOSTILE_LIMIT_MS ?? 60_000),
  onResult: (r) => {
    const mark = r.problems.length === 0 ? "ok  " : "FAIL";
    process.stdout.write(
      `${mark} ${r.name.padEnd(50)} exit ${String(r.code ?? "-").padStart(2)} ${(r.ms / 1000).toFixed(2).padStart(6)} s ${((r.cpuMs ?? 0) / 1000).toFixed(2).padStart(6)} s cpu${r.problems.length ? `  ${r.problems.join("; ").slice(0, 200)}` : ""}\n`,
    );
  },
});
const failed = results.filter((r) => r.problems.length > 0);
process.stdout.write(
  `\n${results.length} cases, ${failed.length} mishandled, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
);
process.exitCode = failed.length > 0 ? 1 : 0;
