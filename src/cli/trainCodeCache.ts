/**
 * Makes the bin's code cache (codeCache.ts): `node <this, bundled> BUNDLE CACHE SCENARIO`
 * loads BUNDLE as the bin does, runs the commands a user runs most — check, run and run
 * --json of SCENARIO, and check of a few lines the parser's hand-built path leaves to
 * Chevrotain, output discarded — so that V8 has compiled what they use, then writes CACHE. Run by scripts/bundle-bin.mjs at build time; not part of the library.
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

// Statements the hand-built CST path (src/dsl/fastPath.ts) leaves to Chevrotain, and a
// mistake: the parser, its lookahead and its error recovery are compiled into the cache too,
// though a scenario written in the common forms never builds them.
const beyondFastPath = "(forms beyond the fast path).scn";
const beyondText = [
  "load cpu steps 100% 200% every 1m",
  "expect hpa condition ScalingActive == True within 1m",
  "expect latency p95 <= 200ms",
  "nodes 3 with cpu 4 memory 16Gi",
  "expect replicas >= within 1m",
  "",
].join("\n");
const host = io.host;
const withText = {
  ...io,
  host: { ...host, readFile: (f: string) => (f === beyondFastPath ? beyondText : host.readFile(f)) },
};
const refused = await exports.main(["check", beyondFastPath], withText);
if (refused !== 2) throw new Error(`replicast check of a file with a mistake exited ${refused}, not 2`);
writeFileSync(cacheFile, codeCacheFile(buildId, script.createCachedData()));
