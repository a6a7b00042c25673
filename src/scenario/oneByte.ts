/**
 * A text that V8 can hold one byte a character, held so. A scenario whose file has one
 * character past Latin-1 (the bench days' titles have an en dash) is read as a two-byte
 * string, and so is every part cut from it: a heredoc's YAML, and through it every name the
 * run makes from the manifest's — each pod's, each ReplicaSet's, each event's message — and
 * every text JSON.stringify writes with one of them, twice the bytes (the ×10 day's `--json`
 * allocated 94 MB against 53 MB for the same scenario written in ASCII; docs/performance.md,
 * twenty-first round). V8 keeps a cut's width (Factory::NewProperSubString) and a join's
 * (a cons of a two-byte part); JSON.parse makes a string one-byte when its characters fit.
 */

/** `text` itself when it holds a character past U+00FF, else the same characters, one-byte in V8. */
export function oneByte(text: string): string {
  return PAST_LATIN1.test(text) ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** A UTF-16 code unit past U+00FF (a surrogate among them: the pattern has no u flag). */
const PAST_LATIN1 = /[\u0100-\uffff]/;
