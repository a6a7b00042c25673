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

/** NAME_ALPHABET's character codes, by position. */
const ALPHABET_CODES = Array.from(NAME_ALPHABET, (c) => c.charCodeAt(0));

export function randomSuffix(rng: Rng, length = RANDOM_LENGTH): string {
  // The generated name's five characters as one string of their codes, drawn in order: appended
  // one at a time they were four short strings made and dropped per pod created.
  if (length === RANDOM_LENGTH) {
    const n = ALPHABET_CODES.length;
    const a = ALPHABET_CODES[intn(rng, n)];
    const b = ALPHABET_CODES[intn(rng, n)];
    const c = ALPHABET_CODES[intn(rng, n)];
    const d = ALPHABET_CODES[intn(rng, n)];
    return String.fromCharCode(a, b, c, d, ALPHABET_CODES[intn(rng, n)]);
  }
  let out = "";
  for (let i = 0; i < length; i++) out += NAME_ALPHABET[intn(rng, NAME_ALPHABET.length)];
  return out;
}

/** names.SimpleNameGenerator.GenerateName: base cut to 58 characters, plus 5 random ones. */
export function generateName(rng: Rng, base: string): string {
  const cut = base.length > MAX_GENERATED_NAME_LENGTH ? base.slice(0, MAX_GENERATED_NAME_LENGTH) : base;
  return cut + randomSuffix(rng);
}

/** The character codes of the lowercase hex digits, by value. */
const HEX_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
const DASH = 45;
const FOUR = 52;

/**
 * Scratch for newUid's 36 character codes, made into one flat string: appended a character at
 * a time, a uid was 32 short strings and a closure (about 1 KB of garbage per pod created).
 */
const uidCodes: number[] = new Array<number>(36).fill(0);

/** A version-4-shaped uuid ("8-4-4-4-12" lowercase hex) from the seeded generator. */
export function newUid(rng: Rng): string {
  // The variant digit is drawn first, then the others in the order the text reads: the order
  // the uids of every recorded run were drawn in.
  const c = uidCodes;
  c[19] = HEX_CODES[8 + intn(rng, 4)];
  for (let i = 0; i < 8; i++) c[i] = HEX_CODES[intn(rng, 16)];
  c[8] = DASH;
  for (let i = 9; i < 13; i++) c[i] = HEX_CODES[intn(rng, 16)];
  c[13] = DASH;
  c[14] = FOUR;
  for (let i = 15; i < 18; i++) c[i] = HEX_CODES[intn(rng, 16)];
  c[18] = DASH;
  for (let i = 20; i < 23; i++) c[i] = HEX_CODES[intn(rng, 16)];
  c[23] = DASH;
  for (let i = 24; i < 36; i++) c[i] = HEX_CODES[intn(rng, 16)];
  return String.fromCharCode.apply(null, c);
}
