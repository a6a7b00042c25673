// Preloaded into every bench child (`node --import ./bench/peak-rss.mjs …`): at exit, writes the
// process's peak resident set and CPU time (getrusage, via process.resourceUsage) to the file
// named by BENCH_USAGE_OUT, so each case's memory is its own process's, start-up included.
import { writeFileSync } from "node:fs";

const out = process.env.BENCH_USAGE_OUT;
if (out)
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(
      out,
      JSON.stringify({ maxRssKB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }),
    );
  });
