/**
 * Bundles the `replicast` bin (and its test workers) into dist/bin/ with esbuild.
 *
 * Why: Chevrotain imports lodash-es one function per file, so the unbundled CLI loaded some
 * 860 modules before doing anything and spent most of its start-up resolving and compiling
 * them (0.8 s for a one-second scenario; every `replicast test` worker paid it again). The
 * bundle holds our code, Chevrotain and lodash in a few files; code split on the dynamic
 * imports, so the simulator loads on first use and the chart renderer (vega, resvg) only for
 * `--chart`. commander, picocolors and yaml are bundled too: every command loads them, and
 * resolving and reading their files one by one cost more than compiling them in a chunk. The
 * chart renderer's packages (large, native or loaded for `--chart` only) and the loaders stay
 * external.
 *
 * dist/bin/worker.js sits beside the chunk that holds the worker pool, which finds it as
 * `new URL("./worker.js", import.meta.url)`, as the unbundled pool finds dist/testing/worker.js.
 * Run by `npm run build`, after tsc.
 */
import { build } from "esbuild";
import { rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// Chunk names carry content hashes: start empty so that no stale chunk lingers.
rmSync(new URL("../dist/bin", import.meta.url), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { replicast: "src/cli/main.ts", worker: "src/testing/worker.ts" },
  outdir: "dist/bin",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // Chunks beside the entries: the pool in a chunk finds ./worker.js next to itself.
  chunkNames: "[name]-[hash]",
  external: ["vega", "vega-lite", "@resvg/resvg-js", "tsx", "tsx/*", "tslab", "tslab/*"],
  // The CommonJS packages bundled in (commander, picocolors, yaml) require Node's built-in
  // modules; an ES module has no `require`, so each output file makes one.
  banner: {
    js: 'import { createRequire as __createRequire } from "node:module";\nconst require = __createRequire(import.meta.url);',
  },
  logLevel: "warning",
});
