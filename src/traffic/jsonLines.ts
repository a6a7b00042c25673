/**
 * The lines of a JSON-lines export (k6's `--out json`, VictoriaMetrics' `/api/v1/export`): each
 * non-blank line parsed on its own, with where it stands in the file so a reader's message can
 * point at it. A leading byte-order mark is skipped; a line that is not JSON comes back with
 * the parser's detail instead of a value, and the reader decides whether it stops the file.
 */
export type JsonLine =
  | { readonly offset: number; readonly length: number; readonly value: unknown }
  | { readonly offset: number; readonly length: number; readonly syntaxError: string };

export function* jsonLines(text: string): Generator<JsonLine> {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (start <= text.length) {
    const nl = text.indexOf("\n", start);
    const end = nl === -1 ? text.length : nl;
    const offset = start;
    start = end + 1;
    const body = text.slice(offset, end).trim();
    if (body === "") continue;
    try {
      yield { offset, length: end - offset, value: JSON.parse(body) as unknown };
    } catch (e) {
      yield { offset, length: end - offset, syntaxError: e instanceof Error ? e.message : String(e) };
    }
  }
}
