/**
 * The bin's V8 code cache: how dist/bin/replicast.js loads the bundled CLI (replicast.cjs)
 * with the bytecode V8 compiled for it at build time, so a command does not compile the
 * parser, the simulator and their libraries again at every start-up.
 *
 * Why this way: Node 20 caches no compiled code for ES modules or require() (its
 * module.enableCompileCache arrived in Node 22.1), but node:vm's Script takes V8 code-cache
 * bytes (`cachedData`) and makes them (`createCachedData`, which after a run includes every
 * function compiled so far). scripts/bundle-bin.mjs builds replicast.cjs as one CommonJS
 * bundle ending in a build id, runs a few commands through it (trainCodeCache.ts) and writes
 * replicast.cjs.cache: that build id on a line, then V8's bytes. Nothing writes a cache at run
 * time. A cache is used only for the bundle it was made for (the same build id); V8 itself
 * refuses bytes from another V8 version or other flags (`cachedDataRejected`), and then, as
 * when the file is missing, the bundle is compiled as usual: the cache changes how fast the
 * bin starts, never what it does.
 */
import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { Script } from "node:vm";
import type { main, runAsProgram } from "./main.ts";
import type { nodeIO } from "./nodeIO.ts";

/** The comment that ends the bundle: the build id, a hash of the bundle's text before it. */
export const BUILD_ID_MARK = "//# replicast-build ";

/** What replicast.cjs exports (src/cli/main.ts). */
export interface BinExports {
  main: typeof main;
  runAsProgram: typeof runAsProgram;
  nodeIO: typeof nodeIO;
}

/** The build id the bundle ends with, if it ends with one. */
export function buildIdOf(source: string): string | undefined {
  const at = source.lastIndexOf(BUILD_ID_MARK);
  if (at < 0) return undefined;
  const id = source.slice(at + BUILD_ID_MARK.length).trim();
  return /^[0-9a-f]{16,128}$/.test(id) ? id : undefined;
}

/** A cache file's contents: the build id it was made for, a newline, V8's bytes. */
export function codeCacheFile(buildId: string, v8Bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`${buildId}\n`, "latin1"), v8Bytes]);
}

/** V8's bytes from a cache file made for this build id; undefined when missing, unreadable or made for another build. */
export function readCodeCache(cacheFile: string, buildId: string | undefined): Buffer | undefined {
  if (buildId === undefined) return undefined;
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const newline = bytes.indexOf(10);
  if (newline < 0 || bytes.toString("latin1", 0, newline) !== buildId) return undefined;
  return bytes.subarray(newline + 1);
}

export interface LoadedBundle {
  exports: BinExports;
  /** The compiled bundle (its createCachedData makes a cache). */
  script: Script;
  buildId: string | undefined;
  /** Whether a cache was found for this build and whether V8 took it. */
  cache: "none" | "used" | "rejected";
}

/**
 * Compiles and evaluates the CommonJS bundle as Node's require() would (the same function
 * wrapper), with the code cache when there is one for it. `requireFromBundle` resolves as a
 * require() in the bundle's folder would: the bin passes its own (it sits beside the bundle),
 * so that loading does not need node:module, whose ES module loader the bin has no other use for.
 */
export function loadBundle(
  file: string,
  cacheFile: string,
  requireFromBundle: NodeJS.Require,
  /** Called once the bundle is compiled, before it runs: V8 flags set here leave the cache usable. */
  compiled?: () => void,
): LoadedBundle {
  // The bundle is ASCII (scripts/bundle-bin.mjs makes sure): read as latin1, it becomes a
  // one-byte string without UTF-8 decoding, the cheapest text for V8 to take.
  const source = readFileSync(file, "latin1");
  const buildId = buildIdOf(source);
  const cachedData = readCodeCache(cacheFile, buildId);
  // The wrapper shares the bundle's first line, so line numbers in messages stay the file's.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  compiled?.();
  const module = { exports: {} };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    requireFromBundle,
    module,
    file,
    dirname(file),
  );
  return {
    exports: module.exports as BinExports,
    script,
    buildId,
    cache: cachedData === undefined ? "none" : script.cachedDataRejected ? "rejected" : "used",
  };
}
