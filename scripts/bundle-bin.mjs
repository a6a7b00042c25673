/**
 * Bundles the `replicast` bin into dist/bin/ with esbuild, and makes its V8 code cache.
 *
 * Why: Chevrotain imports lodash-es one function per file, so the unbundled CLI loaded some
 * 860 modules before doing anything and spent most of its start-up resolving and compiling
 * them. Then, once bundled, compiling the bundle's code was still a large part of a small
 * command's time, and Node 20 keeps no compiled code between runs of ES modules. So:
 *
 * - dist/bin/replicast.cjs: the CLI (src/cli/main.ts) and every package it uses, one CommonJS
 *   bundle; the simulator, the fidelity vectors and the chart renderer still evaluate on first
 *   use (esbuild keeps dynamic imports lazy). It ends with a build id, a hash of its text.
 *   The chart renderer's packages (large, native, loaded for `--chart` only) stay external.
 * - dist/bin/replicast.cjs.cache: V8's compiled code for it, made by running check and run of
 *   scenarios/quickstart.scn and check of bench/scenarios/check-10k.scn (a long file of the
 *   common forms) through it (src/cli/trainCodeCache.ts), tagged with the build id.
 * - dist/bin/replicast.js, the bin package.json names: a small loader (src/cli/binLoader.ts)
 *   that compiles the bundle with the cache when it was made for this build and this V8, and
 *   without it otherwise (src/cli/codeCache.ts says why this is safe).
 * - dist/bin/worker.js: the `replicast test` worker thread, which the pool finds as
 *   `new URL("./worker.js", import.meta.url)` beside the bundle.
 * - dist/bin/package.json: `"type": "commonjs"`, so that Node runs the loader and the worker,
 *   bundled as CommonJS, as such: a CommonJS main module starts without Node's ES module loader.
 *
 * Run by `npm run build`, after tsc.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { Buffer } from "node:buffer";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const out = (name) => fileURLToPath(new URL(`../dist/bin/${name}`, import.meta.url));
// Start empty so that no stale file (an old bundle's cache) lingers.
rmSync(out(""), { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: "node",
  target: "node20",
  external: ["vega", "vega-lite", "@resvg/resvg-js", "tsx", "tsx/*", "tslab", "tslab/*"],
  logLevel: "warning",
};

/**
 * Commander requires node:child_process when it loads, for the one thing it spawns (a
 * subcommand kept in its own executable, which the CLI has none of); that module brings
 * node:net, node:dgram and their own modules with it, compiled and run at every start-up.
 * In the bundle commander gets a stand-in that requires child_process when `spawn` is read.
 * The build fails should commander ever read anything else of it.
 */
const lazyChildProcess = {
  name: "lazy-child-process",
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.namespace === "file" && /[/\\]commander[/\\]/.test(args.importer)
        ? { path: "node:child_process", namespace: "lazy-child-process", pluginData: args.importer }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "lazy-child-process" }, (args) => {
      const used = new Set(readFileSync(args.pluginData, "utf8").match(/(?<=\bchildProcess\.)\w+/g) ?? []);
      if ([...used].join() !== "spawn")
        throw new Error(
          `${args.pluginData} uses child_process's ${[...used].join(", ")}: only spawn is made lazy`,
        );
      return {
        contents:
          'let cp; module.exports = { get spawn() { return (cp ??= require("node:child_process")).spawn; } };',
        loader: "js",
      };
    });
  },
};

// The CLI as one CommonJS bundle, run by the loader through node:vm (codeCache.ts).
await build({
  ...common,
  plugins: [lazyChildProcess],
  entryPoints: ["src/cli/main.ts"],
  outfile: out("replicast.cjs"),
  format: "cjs",
  // No comments or indentation: a third less text to read and scan at every start-up, and
  // ASCII only (esbuild escapes the rest), which the loader reads as one-byte text.
  minifyWhitespace: true,
  charset: "ascii",
  // A CommonJS bundle has no import.meta: the sources' import.meta.url (the pool's worker,
  // the fidelity vectors, the renderer's require) becomes the bundle's own file URL.
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});
// main.ts's #! line would be a syntax error inside the loader's function wrapper.
const bundle = readFileSync(out("replicast.cjs"), "utf8").replace(/^#!.*\n/, "");
// Each character one byte in UTF-8: ASCII only.
if (Buffer.byteLength(bundle, "utf8") !== bundle.length)
  throw new Error("replicast.cjs is not ASCII: the loader reads it as latin1");
const buildId = createHash("sha256").update(bundle).digest("hex").slice(0, 32);
writeFileSync(out("replicast.cjs"), `${bundle}//# replicast-build ${buildId}\n`);

// The loader and the worker: CommonJS too, which dist/bin/package.json declares for the
// folder (the package's own "type" is "module"). Node runs a CommonJS main module without
// starting its ES module loader, and requires Node's modules without their ES module facades.
writeFileSync(out("package.json"), `${JSON.stringify({ type: "commonjs" }, null, 2)}\n`);
await build({
  ...common,
  entryPoints: ["src/cli/binLoader.ts"],
  outfile: out("replicast.js"),
  format: "cjs",
  define: { "import.meta.filename": "__filename", "import.meta.dirname": "__dirname" },
});
await build({
  ...common,
  entryPoints: ["src/testing/worker.ts"],
  outfile: out("worker.js"),
  format: "cjs",
  define: { "import.meta.url": "__bundleUrl" },
  banner: { js: 'const __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
});

// The code cache: train a throwaway build of trainCodeCache.ts on the bundle, then remove it.
const trainer = out("train-code-cache.mjs");
await build({ ...common, entryPoints: ["src/cli/trainCodeCache.ts"], outfile: trainer, format: "esm" });
const scenario = fileURLToPath(new URL("../scenarios/quickstart.scn", import.meta.url));
const long = fileURLToPath(new URL("../bench/scenarios/check-10k.scn", import.meta.url));
const trained = existsSync(scenario)
  ? spawnSync(
      process.execPath,
      [
        trainer,
        out("replicast.cjs"),
        out("replicast.cjs.cache"),
        scenario,
        ...(existsSync(long) ? [long] : []),
      ],
      { cwd: root, encoding: "utf8" },
    )
  : undefined;
rmSync(trainer);
// Without a cache the bin works, only starts slower: say so, and do not fail the build.
if (trained === undefined) console.warn(`bundle-bin: no code cache (${scenario} is missing)`);
else if (trained.status !== 0)
  console.warn(`bundle-bin: no code cache (training failed):\n${trained.stderr}`);
