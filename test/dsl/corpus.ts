// What the DSL's equivalence tests read: the repository's scenario files, and random
// near-misses of valid statements (a word replaced, dropped or added), so that a fast path is
// compared with the full parser on valid and broken input alike.
import fc from "fast-check";
import { readdirSync } from "node:fs";
import { join } from "node:path";

const repo = join(import.meta.dirname, "../..");

function scnFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith(".scn"))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The repository's scenarios, the golden corpus (valid and broken) and the DSL's error cases;
 * with `bench`, the bench's scenarios too (check-10k.scn among them).
 */
export function scenarioCorpus({ bench }: { bench: boolean }): string[] {
  return [
    ...scnFiles("scenarios"),
    ...(bench ? scnFiles("bench/scenarios") : []),
    ...scnFiles("test/golden/scenarios"),
    ...scnFiles("test/dsl/golden"),
  ];
}

/** One of `statements` with up to two edits, each replacing, dropping or adding one of `words`. */
export function nearMissStatement(
  statements: readonly string[],
  words: readonly string[],
): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.constantFrom("replace", "drop", "add"), fc.nat(), fc.constantFrom(...words));
  return fc.tuple(fc.constantFrom(...statements), fc.array(edit, { maxLength: 2 })).map(([text, edits]) => {
    const w = text.split(" ");
    for (const [how, at, word] of edits) {
      const i = at % (w.length + 1);
      if (how === "add") w.splice(i, 0, word);
      else if (i < w.length) w.splice(i, 1, ...(how === "replace" ? [word] : []));
    }
    return w.join(" ");
  });
}
