/**
 * Go's text/tabwriter as kubectl uses it, so that column spacing comes out byte for byte.
 *
 * Text is split into lines, lines into tab-terminated cells; the text after a line's last tab
 * is not a column cell and is never padded. A column block is a run of consecutive lines that
 * all have a cell in that column; each block gets its own width (widest cell + padding, at
 * least minWidth), computed recursively column by column (tabwriter.go `format`).
 *
 * Example (padding 3, as `kubectl get`):
 *   "NAME\tREADY\tAGE\nweb-1\t1/1\t4s\n" → "NAME    READY   AGE\nweb-1   1/1     4s\n"
 * Example (padding 2, as `kubectl describe`): a line with no tab ends the block above it, so
 *   "Image:\tbusybox\nHost Port:\t<none>\nCommand:\nEnvironment:\t<none>\n" aligns Image with
 *   Host Port (width 12) and Environment alone (width 14).
 */

export interface TabwriterOptions {
  minWidth: number;
  padding: number;
  /** liggitt/tabwriter's RememberWidths (kubectl get -w): column widths only grow between flushes. */
  rememberWidths?: number[];
}

/** `kubectl get` (printers/tabwriter.go): minwidth 6, padding 3. */
export const GET_TABWRITER: TabwriterOptions = { minWidth: 6, padding: 3 };
/** `kubectl describe`, `rollout history` (tabbedString): minwidth 0, padding 2. */
export const DESCRIBE_TABWRITER: TabwriterOptions = { minWidth: 0, padding: 2 };

const width = (s: string) => [...s].length;

export function tabwrite(text: string, opts: TabwriterOptions): string {
  const endsWithNewline = text.endsWith("\n");
  const rawLines = (endsWithNewline ? text.slice(0, -1) : text).split("\n");
  const lines = rawLines.map((l) => l.split("\t"));
  const widths: number[] = [];
  const out: string[] = [];

  const writeLines = (line0: number, line1: number) => {
    for (let i = line0; i < line1; i++) {
      const cells = lines[i];
      let s = "";
      for (let j = 0; j < cells.length; j++) {
        const c = cells[j];
        s += c;
        if (j < widths.length && j < cells.length - 1) s += " ".repeat(Math.max(0, widths[j] - width(c)));
      }
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= lines[t].length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = opts.minWidth;
      for (; t < line1; t++) {
        const cells = lines[t];
        if (column >= cells.length - 1) break;
        const cw = width(cells[column]) + opts.padding;
        if (cw > w) w = cw;
      }
      if (opts.rememberWidths) {
        const remembered = opts.rememberWidths[column] ?? 0;
        if (remembered > w) w = remembered;
        opts.rememberWidths[column] = w;
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--;
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join("\n") + (endsWithNewline ? "\n" : "");
}
