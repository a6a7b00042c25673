/**
 * Where each field of a YAML document was written: field paths ("spec.replicas",
 * "spec.template.spec.containers[0].image", "spec.selector.matchLabels[app]") mapped to the
 * character ranges of their key and value nodes, so that errors about a field point at it.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from "yaml";

/** Half-open character ranges [start, end) in the YAML text. */
export interface FieldRanges {
  key?: [number, number];
  value?: [number, number];
  /** The value is a block mapping or sequence (it may span many lines). */
  collection?: boolean;
}

/**
 * Split a Kubernetes field path into segments: dots separate fields, `[i]` indexes a list
 * and `[key]` names a map key (field.Path's Index and Key). "a.b[0].c[x.y]" → a, b, 0, c, x.y.
 */
export function splitFieldPath(path: string): string[] {
  const segs: string[] = [];
  let cur = "";
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (ch === ".") {
      if (cur !== "") segs.push(cur);
      cur = "";
    } else if (ch === "[") {
      if (cur !== "") segs.push(cur);
      const close = path.indexOf("]", i + 1);
      const end = close === -1 ? path.length : close;
      segs.push(path.slice(i + 1, end));
      cur = "";
      i = end;
    } else {
      cur += ch;
    }
  }
  if (cur !== "") segs.push(cur);
  return segs;
}

const keyOf = (segs: readonly string[]): string => segs.join("\u0000");

const rangeOf = (n: Node | null | undefined): [number, number] | undefined =>
  n?.range ? [n.range[0], Math.max(n.range[0], n.range[1])] : undefined;

/** Every field of the document by path, plus the document's own start. */
export class PositionIndex {
  private readonly fields = new Map<string, FieldRanges>();
  readonly start: number;

  constructor(
    doc: Document,
    private readonly text: string = "",
  ) {
    const root = doc.contents as Node | null;
    this.start = root?.range?.[0] ?? doc.range?.[0] ?? 0;
    if (root) this.walk(root, []);
  }

  private walk(node: Node, path: string[]): void {
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const k = item.key as Node | null;
        const name = isScalar(k) ? String(k.value) : undefined;
        if (name === undefined) continue;
        const p = [...path, name];
        const v = item.value as Node | null;
        const empty = isScalar(v) && v.value === null && v.source === "";
        this.fields.set(keyOf(p), {
          key: rangeOf(k),
          value: v && !empty ? rangeOf(v) : undefined,
          collection: isMap(v) || isSeq(v),
        });
        if (v) this.walk(v, p);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const p = [...path, String(i)];
        const v = item as Node | null;
        this.fields.set(keyOf(p), { value: rangeOf(v), collection: isMap(v) || isSeq(v) });
        if (v) this.walk(v, p);
      });
    }
  }

  /** The ranges of exactly this path, if it was written. */
  get(path: string): FieldRanges | undefined {
    return this.fields.get(keyOf(splitFieldPath(path)));
  }

  /**
   * Where to point for a field path:
   * - a written scalar: its value (`replicas: -1` → the `-1`);
   * - a written mapping or list: its key (`labels:`), or for a list item its first line;
   * - a written key with no value: the key;
   * - a missing field: the key of the nearest written ancestor (a missing `spec.selector`
   *   points at `spec:`), else the document start.
   */
  locate(path: string): [number, number] {
    const segs = splitFieldPath(path);
    const exact = this.fields.get(keyOf(segs));
    if (exact) return exact.collection ? this.anchor(exact) : (exact.value ?? exact.key ?? this.docStart());
    for (let n = segs.length - 1; n > 0; n--) {
      const r = this.fields.get(keyOf(segs.slice(0, n)));
      if (r) return this.anchor(r);
    }
    return this.docStart();
  }

  /** The key of a written field (for "unknown field" reports), else `locate(path)`. */
  locateKey(path: string): [number, number] {
    return this.fields.get(keyOf(splitFieldPath(path)))?.key ?? this.locate(path);
  }

  private anchor(r: FieldRanges): [number, number] {
    if (r.key) return r.key;
    if (r.value) return this.firstLine(r.value);
    return this.docStart();
  }

  /** A multi-line range cut at the end of its first line. */
  private firstLine([start, end]: [number, number]): [number, number] {
    const nl = this.text.indexOf("\n", start);
    return nl === -1 || nl >= end ? [start, end] : [start, nl];
  }

  private docStart(): [number, number] {
    return [this.start, this.start];
  }
}
