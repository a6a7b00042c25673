/**
 * Makes the bin's code cache (codeCache.ts): `node <this, bundled> BUNDLE CACHE SCENARIO`
 * loads BUNDLE as the bin does, runs the commands a user runs most — check, run and run
 * --json of SCENARIO, output discarded — so that V8 has compiled what they use, then writes
 * CACHE.
 *
 * Only those: V8 reads the whole cache at every start-up, so each function in it costs every
 * command. Training also on lines the parser's hand-built path (src/dsl/fastPath.ts) leaves to
 * Chevrotain put the Chevrotain parser in the cache, and made check of a tiny file 40 ms and
 * check of 10,000 lines 80 ms slower (CPU); a file that needs that parser compiles it then.
 *
 * Run by scripts/bundle-bin.mjs at build time; not part of the library.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { buildIdOf, codeCacheFile, loadBundle } from "./codeCache.ts";

const [bundle, cacheFile, scenario] = process.argv.slice(2);
if (!bundle || !cacheFile || !scenario) throw new Error("usage: trainCodeCache BUNDLE CACHE SCENARIO");
const buildId = buildIdOf(readFileSync(bundle, "utf8"));
if (buildId === undefined) throw new Error(`${bundle} ends with no build id`);

// No cache file is read: the bytes made below hold what these commands compiled.
const { exports, script } = loadBundle(bundle, `${cacheFile}.none`);
const io = { ...exports.nodeIO(), stdout: () => undefined, stderr: () => undefined };
for (const argv of [
  ["check", scenario],
  ["run", scenario],
  ["run", scenario, "--json"],
]) {
  const code = await exports.main(argv, io);
  if (code !== 0) throw new Error(`replicast ${argv.join(" ")} exited ${code} while making the code cache`);
}

writeFileSync(cacheFile, codeCacheFile(buildId, script.createCachedData()));
