/**
 * go-wordwrap v1.0.1's WrapString, which kubectl's explain templates call through
 * kubectl/pkg/util/term's word-wrap writer (`wrap 76`). Its quirks are kept, since they are
 * what kubectl prints: a line breaks only between words and a word longer than the limit stays
 * whole; the spaces at a break are dropped; an existing newline resets the count (a paragraph
 * break survives); trailing spaces that would overflow are dropped at the end. Widths count
 * characters (runes), not bytes; a no-break space is not a space.
 */
const NBSP = 0xa0;

/** unicode.IsSpace: the Latin-1 spaces, and the other White_Space characters. */
function isSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === NBSP;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

export function wrapString(s: string, lim: number): string {
  let buf = "";
  let current = 0;
  let word = "";
  let space = "";
  let wordLen = 0;
  let spaceLen = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "\n") {
      if (word.length === 0) {
        if (current + spaceLen <= lim) buf += space;
      } else {
        buf += space + word;
        word = "";
        wordLen = 0;
      }
      space = "";
      spaceLen = 0;
      buf += ch;
      current = 0;
    } else if (isSpace(c) && c !== NBSP) {
      if (space.length === 0 || word.length > 0) {
        current += spaceLen + wordLen;
        buf += space + word;
        space = "";
        spaceLen = 0;
        word = "";
        wordLen = 0;
      }
      space += ch;
      spaceLen++;
    } else {
      word += ch;
      wordLen++;
      if (current + spaceLen + wordLen > lim && wordLen < lim) {
        buf += "\n";
        current = 0;
        space = "";
        spaceLen = 0;
      }
    }
  }
  if (word.length === 0) {
    if (current + spaceLen <= lim) buf += space;
  } else buf += space + word;
  return buf;
}
