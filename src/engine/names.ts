/**
 * Names and uids as the API server makes them, drawn from the run's seeded generator.
 *
 * `generateName`: the apiserver appends 5 random characters from the alphabet
 * "bcdfghjklmnpqrstvwxz2456789" (k8s.io/apiserver/pkg/storage/names/generate.go, using
 * utilrand.String, whose alphabet leaves out vowels and look-alike characters so names never
 * spell words). Example: generateName "web-5d847fd86c-" → "web-5d847fd86c-678pr".
 * The name is cut so the result fits 63 characters (maxGeneratedNameLength = 63 − 5 = 58).
 */
import type { Rng } from "./controller.ts";
import { intn } from "./rng.ts";

export const NAME_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
const RANDOM_LENGTH = 5;
const MAX_NAME_LENGTH = 63;
const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

export function randomSuffix(rng: Rng, length = RANDOM_LENGTH): string {
  let out = "";
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[intn(rng, NAME_ALPHABET.length)];
  return out;
}

/** names.SimpleNameGenerator.GenerateName: base cut to 58 characters, plus 5 random ones. */
export function generateName(rng: Rng, base: string): string {
  const cut = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  return cut + randomSuffix(rng);
}

const HEX_DIGITS = "0123456789abcdef";

/** A version-4-shaped uuid ("8-4-4-4-12" lowercase hex) from the seeded generator. */
export function newUid(rng: Rng): string {
  // A digit's character from the table, not Number#toString(16): the same text, once per pod.
  const hex = (n: number) => {
    let s = "";
    for (let i = 0; i < n; i++) s += HEX_DIGITS[intn(rng, 16)];
    return s;
  };
  const variant = HEX_DIGITS[8 + intn(rng, 4)];
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}
