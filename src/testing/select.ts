/**
 * Which scenarios a `replicast test` run executes: `--filter` narrows the sorted file list,
 * then `--shard i/n` takes the i-th of n parts, so a CI matrix of n jobs runs every scenario
 * exactly once. Pure (no Node API): the vitest helper selects with the same rules.
 */

/** `--shard 2/3` as numbers: index is 1-based, as vitest's `--shard` counts. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parse `i/n`. Returns a message (worded after vitest's own checks of `--shard`) when the
 * text is not a shard: `0/3`, `4/3`, `a/b`, `1/0`.
 */
export function parseShard(text: string): Shard | { error: string } {
  const m = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/.exec(text);
  if (!m) return { error: `--shard must be <index>/<count>, e.g. --shard 1/3; got "${text}"` };
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) return { error: `--shard <count> must be a positive number; got "${text}"` };
  if (index < 1) return { error: `--shard <index> must be a positive number; got "${text}"` };
  if (index > count) return { error: `--shard <index> must be smaller than <count>; got "${text}"` };
  return { index, count };
}

/**
 * The files of one shard: the sorted list cut into `count` contiguous parts whose sizes
 * differ by at most one (the first `n mod count` parts take one more). Sorting first makes
 * the split the same on every machine whatever order the files were found in.
 * Example: 7 files a…g, 3 shards → [a b c] [d e] [f g]; 2 files, 3 shards → [a] [b] [].
 * (vitest's --shard slices ceil(n/count) files per shard after ordering by a hash of the
 * path; the guarantee that matters — the shards partition the suite — is the same.)
 */
export function shardFiles(files: readonly string[], shard: Shard): string[] {
  const sorted = [...files].sort(compareCodeUnits);
  const base = Math.floor(sorted.length / shard.count);
  const extra = sorted.length % shard.count;
  const i = shard.index - 1;
  const start = i * base + Math.min(i, extra);
  return sorted.slice(start, start + base + (i < extra ? 1 : 0));
}

/**
 * `--filter PATTERN`: a file is kept when its path contains the pattern; `*` in the pattern
 * matches any run of characters (within the whole path). Matching is case-sensitive, as
 * paths are. Example: "traps/" keeps scenarios/traps/a.scn; "hpa-*.scn" keeps
 * scenarios/hpa-cpu.scn and scenarios/hpa-memory.scn.
 *
 * No regular expression: the literal pieces between the stars are found left to right, each
 * at its earliest place after the previous one (greedy leftmost is exact for `*`-only
 * patterns), so a pattern of any shape costs at most one scan of the path per piece —
 * `--filter '********z'` cannot backtrack.
 */
export function matchesFilter(file: string, pattern: string): boolean {
  let at = 0;
  for (const piece of pattern.split("*")) {
    if (piece === "") continue;
    const found = file.indexOf(piece, at);
    if (found < 0) return false;
    at = found + piece.length;
  }
  return true;
}

export interface Selection {
  /** The files to run: in the order given, or sorted when sharded. */
  files: string[];
  /** How many files the filter kept before sharding. */
  matched: number;
}

/** Filter, then shard. Example: 10 files, filter "traps/" keeps 6, shard 2/2 → the last 3. */
export function selectScenarios(
  files: readonly string[],
  opts: { filter?: string; shard?: Shard } = {},
): Selection {
  const kept = files.filter((f) => opts.filter === undefined || matchesFilter(f, opts.filter));
  return { files: opts.shard ? shardFiles(kept, opts.shard) : kept, matched: kept.length };
}

/** Code-unit order (not the locale's), so every machine sorts alike. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
