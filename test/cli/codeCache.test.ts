// The bin's V8 code cache (src/cli/codeCache.ts): used only for the build it was made for,
// and never needed — a missing, foreign or damaged cache leaves the bundle working.
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILD_ID_MARK, buildIdOf, codeCacheFile, readCodeCache } from "../../src/cli/codeCache.ts";

const ID = "0123456789abcdef0123456789abcdef";
const OTHER = "fedcba9876543210fedcba9876543210";

/** A CommonJS "bundle" that exports what it computed and who required it. */
function bundle(dir: string, id: string | undefined): string {
  const file = join(dir, "bundle.cjs");
  const body = [
    'const path = require("node:path");',
    "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }",
    "module.exports = { main: () => fib(20), runAsProgram: () => path.basename(__filename), nodeIO: () => __dirname };",
    id === undefined ? "" : `${BUILD_ID_MARK}${id}`,
    "",
  ].join("\n");
  writeFileSync(file, body);
  return file;
}

const fresh = () => mkdtempSync(join(tmpdir(), "replicast-codecache-"));

describe("the build id", () => {
  it("is read from the bundle's last comment", () => {
    expect(buildIdOf(`module.exports = 1;\n${BUILD_ID_MARK}${ID}\n`)).toBe(ID);
  });

  it("is missing from a bundle without one, or with a malformed one", () => {
    expect(buildIdOf("module.exports = 1;\n")).toBeUndefined();
    expect(buildIdOf(`module.exports = 1;\n${BUILD_ID_MARK}not-hex\n`)).toBeUndefined();
  });
});

describe("reading a cache file", () => {
  it("gives V8's bytes when the file was made for this build", () => {
    const file = join(fresh(), "c.cache");
    writeFileSync(file, codeCacheFile(ID, Uint8Array.from([1, 2, 3])));
    expect([...(readCodeCache(file, ID) ?? [])]).toEqual([1, 2, 3]);
  });

  it("gives nothing for another build, a bundle without an id, or no file", () => {
    const file = join(fresh(), "c.cache");
    writeFileSync(file, codeCacheFile(OTHER, Uint8Array.from([1, 2, 3])));
    expect(readCodeCache(file, ID)).toBeUndefined();
    expect(readCodeCache(file, undefined)).toBeUndefined();
    expect(readCodeCache(join(fresh(), "missing.cache"), ID)).toBeUndefined();
  });
});

/**
 * loadBundle in a process of its own: V8 keeps every script it compiled in the isolate, and a
 * second compile of the same text there takes that copy without looking at a cache at all.
 * The child is codeCache.ts bundled by esbuild; it prints what loadBundle reported.
 */
let loaderScript: string | undefined;
async function loadInChild(
  file: string,
): Promise<{ cache: string; buildId?: string; value: number; name: string; dir: string }> {
  if (loaderScript === undefined) {
    loaderScript = join(fresh(), "load.mjs");
    await build({
      stdin: {
        contents: [
          `import { writeFileSync } from "node:fs";`,
          `import { createRequire } from "node:module";`,
          `import { loadBundle } from ${JSON.stringify(join(import.meta.dirname, "../../src/cli/codeCache.ts"))};`,
          `const [file, save] = process.argv.slice(2);`,
          `const b = loadBundle(file, file + ".cache", createRequire(file));`,
          `const value = b.exports.main([]);`,
          `if (save) writeFileSync(save, b.script.createCachedData());`,
          `console.log(JSON.stringify({ cache: b.cache, buildId: b.buildId, value, name: b.exports.runAsProgram([]), dir: b.exports.nodeIO() }));`,
        ].join("\n"),
        resolveDir: import.meta.dirname,
        loader: "ts",
      },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: loaderScript,
      logLevel: "error",
    });
  }
  const r = spawnSync(process.execPath, [loaderScript, file, `${file}.v8`], { encoding: "utf8" });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as {
    cache: string;
    buildId?: string;
    value: number;
    name: string;
    dir: string;
  };
}

describe("loading a bundle", () => {
  it("runs it as require() would, with no cache file", async () => {
    const dir = fresh();
    const file = bundle(dir, ID);
    expect(await loadInChild(file)).toEqual({
      cache: "none",
      buildId: ID,
      value: 6765,
      name: "bundle.cjs",
      dir,
    });
  });

  it("uses the cache a run of the same bundle made", async () => {
    const file = bundle(fresh(), ID);
    await loadInChild(file);
    writeFileSync(`${file}.cache`, codeCacheFile(ID, readFileSync(`${file}.v8`)));
    expect(await loadInChild(file)).toMatchObject({ cache: "used", value: 6765 });
  });

  it("ignores a cache made for another build, and survives damaged bytes V8 refuses", async () => {
    const file = bundle(fresh(), ID);
    await loadInChild(file);
    writeFileSync(`${file}.cache`, codeCacheFile(OTHER, readFileSync(`${file}.v8`)));
    expect(await loadInChild(file)).toMatchObject({ cache: "none", value: 6765 });

    writeFileSync(`${file}.cache`, codeCacheFile(ID, Buffer.from("not V8's code cache at all")));
    expect(await loadInChild(file)).toMatchObject({ cache: "rejected", value: 6765 });
  });

  it("never uses a cache for a bundle without a build id", async () => {
    const file = bundle(fresh(), undefined);
    writeFileSync(`${file}.cache`, codeCacheFile(ID, Buffer.from("x")));
    expect(await loadInChild(file)).toMatchObject({ cache: "none", value: 6765 });
  });
});
