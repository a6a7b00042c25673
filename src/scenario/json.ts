/**
 * JSON text written in pieces: the very characters `JSON.stringify(value, null, space)` gives,
 * handed to a sink a piece of about 64K characters at a time, so that a large value's text is
 * never held whole. `replicast run --json` of the ×10 bench day is a 16.7 MB text: built whole
 * it was one string (two bytes a character when the title holds a dash), its UTF-8 copy to
 * write, and the 88,675 event records it was made from, all at the run's end, its peak of
 * memory. A JsonItems among the value's properties is written as the array of its items, each
 * made when it is written: the result's events come from the trace's that way (result.ts).
 *
 * Exact by construction: the writer follows ECMA-262's SerializeJSONProperty,
 * SerializeJSONObject and SerializeJSONArray for the objects it walks (a property's toJSON
 * called with its key, boxed primitives unboxed, properties whose value has no text left
 * out, in Object.keys order), and writes each run of an array's items with JSON.stringify
 * itself, the run's text moved to its depth: JSON.stringify writes a line break only between
 * tokens (a string's own line breaks come out escaped, as `\n`), so putting the depth's
 * indentation after every line break of the run's text is exactly the text it has there.
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
   * An array's items: runs of items JSON.stringify writes as it would here, each run's text
   * moved to this depth; an item with a toJSON (called with its own index) or a JsonItems
   * goes through this writer on its own.
   */
  private items(length: number, at: (i: number) => unknown, indent: string): void {
    if (length === 0) return this.put("[]");
    const gap = this.gap;
    const inner = indent + gap;
    this.put("[");
    const run: unknown[] = [];
    let i = 0;
    while (i < length) {
      const item = at(i);
      if (!hasToJSON(item) && !(item instanceof JsonItems)) {
        run.push(item);
        if (run.length === RUN) this.run(run, i + 1 === run.length, indent);
        i++;
        continue;
      }
      if (run.length > 0) this.run(run, i === run.length, indent);
      this.put(gap ? (i === 0 ? `\n${inner}` : `,\n${inner}`) : i === 0 ? "" : ",");
      const v = this.resolve(item, String(i));
      if (hasText(v)) this.value(v, inner);
      else this.put("null");
      i++;
    }
    if (run.length > 0) this.run(run, i === run.length, indent);
    this.put(gap ? `\n${indent}]` : "]");
  }

  /** Writes `run`'s items (the array's first when `first`) and empties it. */
  private run(run: unknown[], first: boolean, indent: string): void {
    const text = JSON.stringify(run, null, this.gap);
    run.length = 0;
    if (!this.gap) {
      // "[a,b]": its items, after a comma unless they are the array's first.
      this.put(first ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
      return;
    }
    // "[\n" + gap + a + ",\n" + gap + b + "\n]": its lines, each moved to this depth.
    const body = text.slice(2, -2);
    this.put(first ? "\n" : ",\n");
    this.put(indent ? indent + body.replaceAll("\n", `\n${indent}`) : body);
  }
}
