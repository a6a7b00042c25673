/**
 * Where things are in a JSON text, for errors that must point into a data file: the first
 * syntax error (JSON.parse's message carries no position in current engines) and the
 * character range of the value at a path. Used only when something is wrong, so the happy
 * path stays JSON.parse.
 *
 * Example: in `{"a": [1, "x"]}` the path ["a", 1] is the range of `"x"` (offset 10, length 3).
 */

export type JsonPath = readonly (string | number)[];

interface JsonNode {
  start: number;
  end: number;
  children?: Map<string | number, JsonNode>;
}

class JsonSyntaxError {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

const describe = (text: string, i: number): string =>
  i >= text.length ? "the end of the file" : `\`${text[i]}\``;

/** Deeper than any range-query answer (four levels), shallow enough for any stack. */
const MAX_DEPTH = 1000;

/** A small recursive-descent reader of RFC 8259 JSON that keeps every value's range. */
class Reader {
  private i = 0;
  private depth = 0;

  constructor(private readonly text: string) {}

  read(): JsonNode {
    this.space();
    const node = this.value();
    this.space();
    if (this.i < this.text.length)
      this.fail(`unexpected ${describe(this.text, this.i)} after the JSON value`);
    return node;
  }

  private fail(message: string, at = this.i): never {
    throw new JsonSyntaxError(at, message);
  }

  private space(): void {
    while (this.i < this.text.length && /[ \t\r\n\uFEFF]/.test(this.text[this.i])) this.i++;
  }

  private value(): JsonNode {
    const start = this.i;
    const ch = this.text[this.i];
    if (ch === "{" || ch === "[") {
      // Recursive descent: bound the depth so a hostile file is an error, not a stack overflow.
      if (++this.depth > MAX_DEPTH) this.fail(`the JSON nests deeper than ${MAX_DEPTH} levels`);
      const node = ch === "{" ? this.object() : this.array();
      this.depth--;
      return node;
    }
    if (ch === '"') {
      this.string();
      return { start, end: this.i };
    }
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      this.text.slice(this.i, this.i + 64),
    );
    if (!literal) this.fail(`expected a JSON value, found ${describe(this.text, this.i)}`);
    this.i += literal[0].length;
    return { start, end: this.i };
  }

  private string(): string {
    const start = this.i;
    this.i++;
    let out = "";
    while (this.i < this.text.length && this.text[this.i] !== '"') {
      const ch = this.text[this.i];
      if (ch === "\n") this.fail("the line ends inside a string", start);
      if (ch === "\\") {
        out += this.text.slice(this.i, this.i + 2);
        this.i += 2;
      } else {
        out += ch;
        this.i++;
      }
    }
    if (this.i >= this.text.length) this.fail("the file ends inside a string", start);
    this.i++;
    return out;
  }

  private object(): JsonNode {
    const start = this.i;
    const children = new Map<string | number, JsonNode>();
    this.i++;
    this.space();
    if (this.text[this.i] === "}") {
      this.i++;
      return { start, end: this.i, children };
    }
    for (;;) {
      this.space();
      if (this.text[this.i] !== '"') this.fail(`expected a "key", found ${describe(this.text, this.i)}`);
      const key = this.string();
      this.space();
      if (this.text[this.i] !== ":")
        this.fail(`expected \`:\` after a key, found ${describe(this.text, this.i)}`);
      this.i++;
      this.space();
      children.set(key, this.value());
      this.space();
      if (this.text[this.i] === ",") {
        this.i++;
        continue;
      }
      if (this.text[this.i] === "}") {
        this.i++;
        return { start, end: this.i, children };
      }
      this.fail(`expected \`,\` or \`}\`, found ${describe(this.text, this.i)}`);
    }
  }

  private array(): JsonNode {
    const start = this.i;
    const children = new Map<string | number, JsonNode>();
    this.i++;
    this.space();
    if (this.text[this.i] === "]") {
      this.i++;
      return { start, end: this.i, children };
    }
    for (let k = 0; ; k++) {
      this.space();
      children.set(k, this.value());
      this.space();
      if (this.text[this.i] === ",") {
        this.i++;
        continue;
      }
      if (this.text[this.i] === "]") {
        this.i++;
        return { start, end: this.i, children };
      }
      this.fail(`expected \`,\` or \`]\`, found ${describe(this.text, this.i)}`);
    }
  }
}

/** The first syntax error of a JSON text, or undefined when it is valid. */
export function jsonSyntaxError(text: string): { offset: number; message: string } | undefined {
  try {
    new Reader(text).read();
    return undefined;
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { offset: e.offset, message: e.message };
    throw e;
  }
}

/** The range of the value at `path` (as far down as it exists), for a caret under it. */
export function jsonRange(text: string, path: JsonPath): { offset: number; length: number } {
  let node: JsonNode;
  try {
    node = new Reader(text).read();
  } catch {
    return { offset: 0, length: 0 };
  }
  for (const key of path) {
    const next = node.children?.get(key);
    if (!next) break;
    node = next;
  }
  return { offset: node.start, length: node.end - node.start };
}
