/**
 * JSON text written in pieces: the very characters `JSON.stringify(value, null, space)` gives,
 * handed to a sink a piece of about 64K characters at a time (a run's text, below, on its
 * own), so that a large value's text is never held whole. `replicast run --json` of the ×10
 * bench day is a 16.7 MB text: built whole it was one string (two bytes a character when the
 * title holds a dash), its UTF-8 copy to write, and the 88,675 event records it was made from,
 * all at the run's end, its peak of memory. A JsonItems among the value's properties is
 * written as the array of its items, each made when it is written: the result's events come
 * from the trace's that way (result.ts).
 *
 * Exact by construction: the writer follows ECMA-262's SerializeJSONProperty,
 * SerializeJSONObject and SerializeJSONArray for the objects it walks (a property's toJSON
 * called with its key, boxed primitives unboxed, properties whose value has no text left
 * out, in Object.keys order), and writes each run of an array's items with JSON.stringify
 * itself, the run wrapped in as many one-item arrays as its array's depth so that
 * JSON.stringify indents it as it stands there (SerializeJSONArray: each level one gap more),
 * and the run's text cut out of the wrappers' by their lengths.
 * Strings and keys are quoted by JSON.stringify too. test/scenario/json.test.ts compares the
 * two over generated values and over scenario results.
 */

/**
 * Items written as a JSON array, each asked for when it is written and dropped after: an
 * array's text without the array. Honoured as the value of an object's property and as an
 * item of an array or of another JsonItems; inside an array's items it is an object as any other.
 */
export class JsonItems<T = unknown> {
  constructor(
    readonly length: number,
    readonly at: (index: number) => T,
  ) {}
}

/** About this many characters a piece (a run's items may carry one past it). */
const PIECE = 1 << 16;

/** An array's items are written this many at a time by JSON.stringify. */
const RUN = 128;

/**
 * Writes `value` as JSON.stringify(value, null, space) would, in pieces, to `write`. Returns
 * false, writing nothing, where JSON.stringify returns undefined (a function, a symbol,
 * undefined, or what a toJSON turns into one of them); throws where it throws (a BigInt, a
 * cycle), after the pieces written before.
 */
export function writeJson(
  value: unknown,
  write: (piece: string) => void,
  space?: number | string,
  pieceSize = PIECE,
): boolean {
  const writer = new JsonWriter(write, gapOf(space), pieceSize);
  const v = writer.resolve(value, "");
  if (!hasText(v)) return false;
  writer.value(v, "");
  writer.flush();
  return true;
}

/** `value`'s JSON text through writeJson, joined: for tests, and for a reader that wants it whole. */
export function jsonText(value: unknown, space?: number | string, pieceSize?: number): string | undefined {
  const pieces: string[] = [];
  return writeJson(value, (p) => void pieces.push(p), space, pieceSize) ? pieces.join("") : undefined;
}

/** JSON.stringify's gap: up to 10 spaces for a number, the first 10 characters of a string. */
function gapOf(space: number | string | undefined): string {
  if (typeof space === "string") return space.slice(0, 10);
  if (typeof space !== "number") return "";
  const n = Math.min(10, Math.trunc(space));
  return n >= 1 ? " ".repeat(n) : "";
}

/** Whether a resolved value has a text of its own (SerializeJSONProperty's undefined otherwise). */
const hasText = (v: unknown): boolean => v !== undefined && typeof v !== "function" && typeof v !== "symbol";

/** Whether `v` has a toJSON to call (an object, or a BigInt through its prototype). */
const hasToJSON = (v: unknown): boolean =>
  ((typeof v === "object" && v !== null) || typeof v === "bigint") &&
  typeof (v as { toJSON?: unknown }).toJSON === "function";

/** Whether `unbox` accepts `v` as its `this`: `v` has that primitive wrapper's internal slot. */
function boxes(unbox: (this: unknown) => unknown, v: object): boolean {
  try {
    unbox.call(v);
    return true;
  } catch {
    return false;
  }
}

class JsonWriter {
  private text = "";
  /** The objects and arrays being written, outermost first: JSON.stringify refuses a cycle. */
  private readonly stack: object[] = [];
  /** Quoted keys, by key: an object's keys repeat across its kind. */
  private readonly keys = new Map<string, string>();
  private readonly colon: string;

  constructor(
    private readonly write: (piece: string) => void,
    private readonly gap: string,
    private readonly pieceSize: number,
  ) {
    this.colon = gap ? ": " : ":";
  }

  private put(s: string): void {
    // A long text (a run's) is handed on as it is: joined to the piece, it would be copied
    // again when the piece is made flat to be written.
    if (s.length >= this.pieceSize >> 2) {
      this.flush();
      this.write(s);
      return;
    }
    this.text += s;
    if (this.text.length >= this.pieceSize) this.flush();
  }

  flush(): void {
    if (this.text === "") return;
    const piece = this.text;
    this.text = "";
    this.write(piece);
  }

  /** SerializeJSONProperty's steps before writing: toJSON called with the key, a boxed primitive unboxed. */
  resolve(value: unknown, key: string): unknown {
    let v = value;
    if (hasToJSON(v)) v = (v as { toJSON: (key: string) => unknown }).toJSON(key);
    if (typeof v !== "object" || v === null || v instanceof JsonItems) return v;
    const proto: unknown = Object.getPrototypeOf(v);
    // Plain objects and arrays, nearly all there is, hold no primitive.
    if (proto === Object.prototype || proto === null || Array.isArray(v)) return v;
    if (boxes(Number.prototype.valueOf, v)) return Number(v);
    if (boxes(String.prototype.valueOf, v)) return String(v);
    if (boxes(Boolean.prototype.valueOf, v)) return Boolean.prototype.valueOf.call(v);
    if (boxes(BigInt.prototype.valueOf, v)) return BigInt.prototype.valueOf.call(v);
    return v;
  }

  /** Writes a resolved value that has a text; `indent` is its own line's indentation. */
  value(v: unknown, indent: string): void {
    switch (typeof v) {
      case "string":
        return this.put(JSON.stringify(v));
      case "number":
        return this.put(Number.isFinite(v) ? String(v) : "null");
      case "boolean":
        return this.put(v ? "true" : "false");
      case "bigint":
        throw new TypeError("Do not know how to serialize a BigInt");
    }
    if (v === null) return this.put("null");
    const o = v as object;
    if (this.stack.includes(o)) throw new TypeError("Converting circular structure to JSON");
    this.stack.push(o);
    if (o instanceof JsonItems) this.items(o.length, (i) => o.at(i), indent);
    else if (Array.isArray(o)) this.items(o.length, (i) => o[i] as unknown, indent);
    else this.object(o as Record<string, unknown>, indent);
    this.stack.pop();
  }

  private object(o: Record<string, unknown>, indent: string): void {
    const inner = indent + this.gap;
    let first = true;
    for (const key of Object.keys(o)) {
      const v = this.resolve(o[key], key);
      if (!hasText(v)) continue;
      const open = first ? "{" : ",";
      this.put(this.gap ? `${open}\n${inner}` : open);
      this.put(this.quotedKey(key));
      this.put(this.colon);
      this.value(v, inner);
      first = false;
    }
    if (first) this.put("{}");
    else this.put(this.gap ? `\n${indent}}` : "}");
  }

  private quotedKey(key: string): string {
    let quoted = this.keys.get(key);
    if (quoted === undefined) this.keys.set(key, (quoted = JSON.stringify(key)));
    return quoted;
  }

  /**
   * An array's items: runs of items JSON.stringify writes as it would here, each at this
   * depth; an item with a toJSON (called with its own index) or a JsonItems goes through this
   * writer on its own.
   */
  private items(length: number, at: (i: number) => unknown, indent: string): void {
    if (length === 0) return this.put("[]");
    const gap = this.gap;
    const inner = indent + gap;
    this.put("[");
    const run = new Run(gap, indent);
    let i = 0;
    while (i < length) {
      const item = at(i);
      if (!hasToJSON(item) && !(item instanceof JsonItems)) {
        if (run.add(item) === RUN) this.put(run.text(i + 1 === run.size));
        i++;
        continue;
      }
      if (run.size > 0) this.put(run.text(i === run.size));
      this.put(gap ? (i === 0 ? `\n${inner}` : `,\n${inner}`) : i === 0 ? "" : ",");
      const v = this.resolve(item, String(i));
      if (hasText(v)) this.value(v, inner);
      else this.put("null");
      i++;
    }
    if (run.size > 0) this.put(run.text(i === run.size));
    this.put(gap ? `\n${indent}]` : "]");
  }
}

/**
 * A run of an array's items, written by one JSON.stringify at the array's depth: the run sits
 * inside as many one-item arrays as the depth has gaps, so JSON.stringify indents its items
 * exactly as they stand here (no second copy of the text to move it), and after a first item
 * 0, so that the text from that item's end on is the run's own with the comma and line break
 * that precede it in the array. The text handed on is a slice of JSON.stringify's: one
 * string a run, nothing copied again.
 */
class Run {
  /** 0, then the run's items. */
  private readonly items: unknown[] = [0];
  /** The run inside its wrappers: what JSON.stringify is given. */
  private readonly wrapped: unknown;
  /** Characters before the 0's end, and after the last item's. */
  private readonly head: number;
  private readonly tail: number;

  constructor(
    private readonly gap: string,
    indent: string,
  ) {
    // The array's own indentation is `depth` gaps (it grew one gap a level from none).
    const depth = gap ? indent.length / gap.length : 0;
    let wrapped: unknown = this.items;
    for (let d = 0; d < depth; d++) wrapped = [wrapped];
    this.wrapped = wrapped;
    // Each array from the outermost (level 0) to the run's own (level depth) opens with "[",
    // and with a gap, a line break and its items' indentation (level + 1 gaps); each closes
    // with a line break and its own indentation before "]".
    const g = gap.length;
    const levels = depth + 1;
    const lineBreaks = gap ? levels : 0;
    this.head = levels + lineBreaks + (g * levels * (levels + 1)) / 2 + 1;
    this.tail = levels + lineBreaks + (g * depth * levels) / 2;
  }

  get size(): number {
    return this.items.length - 1;
  }

  /** Adds an item; returns the run's size. */
  add(item: unknown): number {
    this.items.push(item);
    return this.items.length - 1;
  }

  /**
   * The run's text (the array's first items when `first`: no comma before them) as it stands
   * in the array's text; empties the run.
   */
  text(first: boolean): string {
    const text = JSON.stringify(this.wrapped, null, this.gap);
    this.items.length = 1;
    // After the 0: ",\n" and the indentation, or "," alone, then the items.
    return text.slice(first ? this.head + 1 : this.head, text.length - this.tail);
  }
}
