/**
 * YAML documents turned into plain values without letting a document cost more than its
 * size: the limits Kubernetes' own YAML decoder (goyaml, through sigs.k8s.io/yaml) sets, with
 * its words.
 *
 * - Aliases: `*a` repeats the node anchored `&a`; nested, ten lines expand to a billion
 *   nodes ("billion laughs"). goyaml refuses a document whose aliases expand too far
 *   (decode.go: "document contains excessive aliasing"); here a document may expand to at
 *   most MAX_EXPANDED_NODES nodes, counting each alias as the nodes it stands for.
 * - An alias inside the node it names (`a: &a {b: *a}`) would make a cycle: goyaml says
 *   "anchor 'a' value contains itself".
 * - Nesting deeper than MAX_DEPTH: goyaml says "exceeded max depth of 10000" (yaml.v2
 *   v2.2.8, parserc.go/decode.go).
 * Nothing here throws over input: the yaml package's own exceptions (its alias limit, a stack
 * overflow on absurd nesting) come back as the same messages.
 */
import {
  isCollection,
  isMap,
  isPair,
  isScalar,
  parseAllDocuments,
  parseDocument,
  visit,
  YAMLParseError,
  type Document,
  type DocumentOptions,
  type Node,
  type ParseOptions,
} from "yaml";

/** A document may stand for at most this many nodes once its aliases are expanded. */
export const MAX_EXPANDED_NODES = 1_000_000;
/** goyaml's max depth. */
export const MAX_DEPTH = 10_000;

export interface YamlProblem {
  message: string;
  /** Where to point: [start, end) in the YAML text. */
  range: [number, number];
}

const docStart = (doc: Document): [number, number] => {
  const s = (doc.contents as Node | null)?.range?.[0] ?? doc.range?.[0] ?? 0;
  return [s, s];
};

/** The first alias node of the document, for pointing at. */
function firstAliasRange(doc: Document): [number, number] | undefined {
  let found: [number, number] | undefined;
  visit(doc, {
    Alias(_, node) {
      if (node.range) found = [node.range[0], node.range[1]];
      return visit.BREAK;
    },
  });
  return found;
}

/** An alias inside the node it names, if any: goyaml's "anchor 'a' value contains itself". */
function selfReference(doc: Document): YamlProblem | undefined {
  let problem: YamlProblem | undefined;
  visit(doc, {
    Alias(_, node, path) {
      const source = node.resolve(doc);
      if (source && path.some((p) => p === source)) {
        const r = node.range ?? [0, 0];
        problem = { message: `yaml: anchor '${node.source}' value contains itself`, range: [r[0], r[1]] };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return problem;
}

/**
 * Walk the value as its consumers will (aliases expanded), counting nodes and depth; stop at
 * the first limit passed. Iterative, so that depth itself cannot overflow the stack.
 */
function measure(value: unknown): "aliasing" | "depth" | undefined {
  let nodes = 0;
  const stack: { v: unknown; depth: number }[] = [{ v: value, depth: 0 }];
  while (stack.length > 0) {
    const { v, depth } = stack.pop()!;
    if (++nodes > MAX_EXPANDED_NODES) return "aliasing";
    if (depth > MAX_DEPTH) return "depth";
    if (v === null || typeof v !== "object") continue;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    for (const c of children) stack.push({ v: c, depth: depth + 1 });
  }
  return undefined;
}

/** True when the document has any alias at all (most manifests have none: nothing to measure). */
function hasAliases(doc: Document): boolean {
  let any = false;
  visit(doc, {
    Alias() {
      any = true;
      return visit.BREAK;
    },
  });
  return any;
}

/** Depth of the node tree, iteratively (before toJS, which recurses). */
function nodeDepth(doc: Document): number {
  let max = 0;
  const stack: { n: unknown; d: number }[] = [{ n: doc.contents, d: 0 }];
  while (stack.length > 0) {
    const { n, d } = stack.pop()!;
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    if (isCollection(n)) for (const item of n.items) stack.push({ n: item, d: d + 1 });
    else if (isPair(n)) {
      stack.push({ n: n.key, d });
      stack.push({ n: n.value, d });
    }
  }
  return max;
}

/**
 * The document as a plain value, or the problem that stops it. Example: the ten-line
 * billion-laughs document → `yaml: document contains excessive aliasing` at its first `*`.
 */
export function documentToJS(doc: Document): { value: unknown } | { problem: YamlProblem } {
  const depthProblem = (): { problem: YamlProblem } => ({
    problem: { message: `yaml: exceeded max depth of ${MAX_DEPTH}`, range: docStart(doc) },
  });
  const aliasProblem = (): { problem: YamlProblem } => ({
    problem: {
      message: "yaml: document contains excessive aliasing",
      range: firstAliasRange(doc) ?? docStart(doc),
    },
  });
  try {
    if (nodeDepth(doc) > MAX_DEPTH) return depthProblem();
    const aliased = hasAliases(doc);
    if (aliased) {
      const self = selfReference(doc);
      if (self) return { problem: self };
    }
    const value = doc.toJS({ maxAliasCount: MAX_EXPANDED_NODES }) as unknown;
    if (aliased) {
      const m = measure(value);
      if (m === "aliasing") return aliasProblem();
      if (m === "depth") return depthProblem();
    }
    return { value };
  } catch (e) {
    if (e instanceof ReferenceError) return aliasProblem();
    if (e instanceof RangeError) return depthProblem();
    return {
      problem: { message: `yaml: ${e instanceof Error ? e.message : String(e)}`, range: docStart(doc) },
    };
  }
}

/**
 * Keys repeated in a map, found in one pass. The yaml package's own check compares each key
 * with every key before it in its map (compose/util-map-includes.js): quadratic, so a
 * manifest of 200,000 labels took minutes. Same rule and words as the package's — scalar
 * keys of equal value, reported at the later one: "Map keys must be unique".
 */
function duplicateKeyErrors(doc: Document): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) stack.push(n.key, n.value);
    else if (isMap(n)) {
      const seen = new Set<unknown>();
      for (const pair of n.items) {
        const k = pair.key;
        // The package compares with ===, under which NaN equals nothing.
        if (isScalar(k) && !Number.isNaN(k.value)) {
          if (seen.has(k.value)) {
            const at = k.range?.[0] ?? 0;
            errors.push(new YAMLParseError([at, at + 1], "DUPLICATE_KEY", "Map keys must be unique"));
          } else seen.add(k.value);
        }
        stack.push(pair.key, pair.value);
      }
    } else if (isCollection(n)) for (const item of n.items) stack.push(item);
  }
  return errors.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** Add the document's duplicate keys (duplicateKeyErrors) to its errors, in text order. */
function addDuplicateKeyErrors(doc: Document): Document {
  const dups = duplicateKeyErrors(doc);
  if (dups.length === 0) return doc;
  const merged: YAMLParseError[] = [];
  let i = 0;
  for (const e of doc.errors) {
    while (i < dups.length && dups[i].pos[0] < e.pos[0]) merged.push(dups[i++]);
    merged.push(e);
  }
  while (i < dups.length) merged.push(dups[i++]);
  doc.errors = merged;
  return doc;
}

/** The package's options for user YAML: errors left plain (callers word and place them), keys checked in linear time. */
const USER_YAML = { prettyErrors: false, uniqueKeys: false } as const;

/**
 * Every document of a YAML text as the yaml package parses them, duplicate keys among their
 * errors (found in linear time, duplicateKeyErrors).
 */
export function parseYamlDocuments(text: string, options: ParseOptions & DocumentOptions = {}): Document[] {
  const parsed = parseAllDocuments(text, { ...options, ...USER_YAML });
  return (Array.isArray(parsed) ? parsed : []).map(addDuplicateKeyErrors);
}

/**
 * One YAML (or JSON) value from text — a kubectl patch, a flag's value — or the first error
 * as kubectl would word the cause. Example: `a: &a [*a]` → "yaml: anchor 'a' value contains itself".
 */
export function parseYamlValue(text: string): { value: unknown } | { error: string } {
  let doc: Document;
  try {
    doc = addDuplicateKeyErrors(parseDocument(text, USER_YAML));
  } catch (e) {
    return { error: `yaml: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (doc.errors.length > 0) return { error: doc.errors[0].message.split("\n")[0] };
  const r = documentToJS(doc);
  return "problem" in r ? { error: r.problem.message } : { value: r.value };
}
