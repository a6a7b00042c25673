/**
 * Makes the bin's code cache (codeCache.ts): `node <this, bundled> BUNDLE CACHE SCENARIO
 * [LONG…]` loads BUNDLE as the bin does, runs the commands a user runs most — check, run and
 * run --json of SCENARIO, and check of each LONG scenario, output discarded — so that V8 has
 * compiled what they use, then writes CACHE.
 *
 * The LONG ones (the build passes bench/scenarios/check-10k.scn) are a long file of the
 * common statement forms, many lines repeated: checking one compiles what such a file needs
 * beyond a one-line scenario (a repeated line's copy, the expectation forms, `kubectl set
 * image`), which a fresh process otherwise compiles on first call. The cache holds bytecode,
 * not what the input was: it only decides which functions are compiled already. It grew by
 * 3 % (54 KB); bin, main-thread CPU, 20 interleaved pairs at load 9: check of check-10k.scn
 * beyond the tiny file's 115 -> 107 ms (paired medians), the tiny check unchanged (221 / 220 ms).
 *
 * Only those: V8 reads the whole cache at every start-up, so each function in it costs every
 * command. Training also on lines the parser's hand-built path (src/dsl/fastPath.ts) leaves to
 * Chevrotain put the Chevrotain parser in the cache, and made check of a tiny file 40 ms and
 * check of 10,000 lines 80 ms slower (CPU); a file that needs that parser compiles it then.
 *
 * Run by scripts/bundle-bin.mjs at build time; not part of the library.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { buildIdOf, codeCacheFile, loadBundle } from "./codeCache.ts";

const [bundle, cacheFile, scenario, ...long] = process.argv.slice(2);
if (!bundle || !cacheFile || !scenario)
  throw new Error("usage: trainCodeCache BUNDLE CACHE SCENARIO [LONG...]");
const buildId = buildIdOf(readFileSync(bundle, "utf8"));
if (buildId === undefined) throw new Error(`${bundle} ends with no build id`);

// No cache file is read: the bytes made below hold what these commands compiled.
const { exports, script } = loadBundle(bundle, `${cacheFile}.none`, createRequire(bundle));
const io = { ...exports.nodeIO(), stdout: () => undefined, stderr: () => undefined };
for (const argv of [
  ["check", scenario],
  ["run", scenario],
  ["run", scenario, "--json"],
  ...long.map((file) => ["check", file]),
]) {
  const code = await exports.main(argv, io);
  if (code !== 0) throw new Error(`replicast ${argv.join(" ")} exited ${code} while making the code cache`);
}

writeFileSync(cacheFile, codeCacheFile(buildId, script.createCachedData()));
