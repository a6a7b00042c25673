/**
 * kubectl's JSONPath (k8s.io/client-go/util/jsonpath): a template of literal text and
 * `{…}` actions. Supported: `.field` (`.kubernetes\.io/name`: a backslash escapes a dot), `['field']`, `[n]`, `[-n]`, `[a:b]`, `[*]`, `..field`
 * (recursive descent), `[?(@.f == "x")]` filters (==, !=, <, >, <=, >=, and existence),
 * `{range …}…{end}`, string literals `{"\n"}`, `{.a,.b}` unions and `@`/`$` roots.
 *
 * Printing follows jsonpath.go PrintResults: a string, number or bool prints as text; a map
 * or list prints as compact JSON; several results of one action are separated by a space.
 * Missing keys print nothing (kubectl's --allow-missing-template-keys defaults to true).
 *
 * Example: `{.spec.template.spec.containers}` on a one-container Deployment prints
 * `[{"image":"busybox:v3","name":"busybox"}]`; `{range .items[*]}{.metadata.name}{"\n"}{end}`
 * prints one name per line.
 */

type Node =
  | { kind: "text"; text: string }
  | { kind: "path"; paths: Step[][] }
  | { kind: "literal"; text: string }
  | { kind: "range"; path: Step[]; body: Node[] };

type Step =
  | { kind: "root" }
  | { kind: "field"; name: string }
  | { kind: "recursive"; name: string }
  | { kind: "index"; index: number }
  | { kind: "slice"; start?: number; end?: number }
  | { kind: "wildcard" }
  | { kind: "filter"; left: Step[]; op?: string; right?: Step[] | { literal: unknown } };

export class JsonPathError extends Error {}

function parseJsonPath(template: string): Node[] {
  const nodes: Node[] = [];
  const stack: { range: Node & { kind: "range" }; parent: Node[] }[] = [];
  let current = nodes;
  let i = 0;
  while (i < template.length) {
    const open = template.indexOf("{", i);
    if (open < 0) {
      current.push({ kind: "text", text: template.slice(i) });
      break;
    }
    if (open > i) current.push({ kind: "text", text: template.slice(i, open) });
    const close = findClose(template, open);
    if (close < 0) throw new JsonPathError(`unclosed action`);
    const action = template.slice(open + 1, close).trim();
    i = close + 1;
    if (action.startsWith("range ")) {
      const r = { kind: "range" as const, path: parsePath(action.slice(6).trim()), body: [] as Node[] };
      current.push(r);
      stack.push({ range: r, parent: current });
      current = r.body;
    } else if (action === "end") {
      const top = stack.pop();
      if (!top) throw new JsonPathError("not in range, nothing to end");
      current = top.parent;
    } else if (action.startsWith('"')) {
      current.push({ kind: "literal", text: JSON.parse(action) as string });
    } else if (action.startsWith("'")) {
      current.push({ kind: "literal", text: action.slice(1, -1) });
    } else {
      current.push({ kind: "path", paths: splitUnion(action).map(parsePath) });
    }
  }
  if (stack.length) throw new JsonPathError("unclosed range");
  return nodes;
}

function findClose(s: string, open: number): number {
  let quote: string | undefined;
  for (let j = open + 1; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === "\\") j++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "}") return j;
  }
  return -1;
}

function splitUnion(action: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let j = 0; j < action.length; j++) {
    const c = action[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "(") depth++;
    else if (c === "]" || c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(action.slice(start, j).trim());
      start = j + 1;
    }
  }
  parts.push(action.slice(start).trim());
  return parts;
}

function parsePath(p: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  if (p[0] === "$" || p[0] === "@") i = 1;
  while (i < p.length) {
    const c = p[i];
    if (c === ".") {
      if (p[i + 1] === ".") {
        const { name, end } = scanField(p, i + 2);
        steps.push(
          name === "*" || name === "" ? { kind: "recursive", name: "*" } : { kind: "recursive", name },
        );
        i = end;
        continue;
      }
      const { name, end } = scanField(p, i + 1);
      i = end;
      if (name === "") continue;
      steps.push(name === "*" ? { kind: "wildcard" } : { kind: "field", name });
    } else if (c === "[") {
      const close = matchingBracket(p, i);
      const inner = p.slice(i + 1, close).trim();
      i = close + 1;
      if (inner === "*") steps.push({ kind: "wildcard" });
      else if (inner.startsWith("?(")) steps.push(parseFilter(inner.slice(2, -1).trim()));
      else if (/^['"]/.test(inner)) steps.push({ kind: "field", name: inner.slice(1, -1) });
      else if (inner.includes(":")) {
        const [a, b] = inner.split(":");
        const s: Step = { kind: "slice" };
        if (a.trim()) s.start = Number(a);
        if (b !== undefined && b.trim()) s.end = Number(b);
        steps.push(s);
      } else if (/^-?\d+$/.test(inner)) steps.push({ kind: "index", index: Number(inner) });
      else throw new JsonPathError(`invalid array index ${inner}`);
    } else if (c === " ") {
      i++;
    } else {
      throw new JsonPathError(`unrecognized character in action: ${c}`);
    }
  }
  return steps;
}

/**
 * parser.go parseField: a field name runs to the next unescaped terminator (isTerminator:
 * space, tab, a line end, `.`, `,`, `[`, `]`, `$`, `@`, `{`, `}`), a backslash taking the
 * character after it, and every backslash is dropped: `kubernetes\.io/hostname` is one key,
 * `checksum/config` another.
 */
function scanField(p: string, start: number): { name: string; end: number } {
  let i = start;
  while (i < p.length && !FIELD_TERMINATORS.has(p[i])) i += p[i] === "\\" ? 2 : 1;
  const end = Math.min(i, p.length);
  return { name: p.slice(start, end).replaceAll("\\", ""), end };
}

const FIELD_TERMINATORS = new Set([" ", "\t", "\r", "\n", ".", ",", "[", "]", "$", "@", "{", "}"]);

function matchingBracket(p: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let j = open; j < p.length; j++) {
    const c = p[j];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "[") depth++;
    else if (c === "]" && --depth === 0) return j;
  }
  throw new JsonPathError("unterminated array");
}

function parseFilter(expr: string): Step {
  const m = /^(.*?)\s*(==|!=|<=|>=|<|>)\s*(.*)$/.exec(expr);
  if (!m) return { kind: "filter", left: parsePath(expr) };
  const right = m[3].trim();
  let r: Step[] | { literal: unknown };
  if (right.startsWith("@") || right.startsWith("$")) r = parsePath(right);
  else if (/^['"]/.test(right)) r = { literal: right.slice(1, -1) };
  else if (right === "true" || right === "false") r = { literal: right === "true" };
  else r = { literal: Number(right) };
  return { kind: "filter", left: parsePath(m[1].trim()), op: m[2], right: r };
}

function evalSteps(roots: unknown[], steps: Step[]): unknown[] {
  let cur = roots;
  for (const s of steps) {
    const next: unknown[] = [];
    for (const v of cur) {
      switch (s.kind) {
        case "root":
          next.push(v);
          break;
        case "field":
          if (isMap(v) && Object.hasOwn(v, s.name)) next.push(v[s.name]);
          break;
        case "wildcard":
          if (Array.isArray(v)) for (const x of v) next.push(x);
          else if (isMap(v)) for (const k of Object.keys(v).sort()) next.push(v[k]);
          break;
        case "index":
          if (Array.isArray(v)) {
            const idx = s.index < 0 ? v.length + s.index : s.index;
            if (idx >= 0 && idx < v.length) next.push(v[idx]);
          }
          break;
        case "slice":
          if (Array.isArray(v)) for (const x of v.slice(s.start ?? 0, s.end ?? v.length)) next.push(x);
          break;
        case "recursive":
          collect(v, s.name, next);
          break;
        case "filter":
          if (Array.isArray(v)) for (const item of v) if (filterMatches(item, s)) next.push(item);
          break;
      }
    }
    cur = next;
  }
  return cur;
}

function collect(v: unknown, name: string, out: unknown[]): void {
  if (isMap(v)) {
    for (const k of Object.keys(v).sort()) {
      if (name === "*" || k === name) out.push(v[k]);
      collect(v[k], name, out);
    }
  } else if (Array.isArray(v)) for (const x of v) collect(x, name, out);
}

function filterMatches(item: unknown, s: Step & { kind: "filter" }): boolean {
  const left = evalSteps([item], s.left);
  if (!s.op) return left.length > 0;
  if (!left.length) return false;
  const rights = s.right && "literal" in s.right ? [s.right.literal] : evalSteps([item], s.right as Step[]);
  if (!rights.length) return false;
  const a = left[0] as number | string;
  const b = rights[0] as number | string;
  switch (s.op) {
    case "==":
      return a === b || String(a) === String(b);
    case "!=":
      return !(a === b || String(a) === String(b));
    case "<":
      return a < b;
    case ">":
      return a > b;
    case "<=":
      return a <= b;
    default:
      return a >= b;
  }
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/** Go's json.Marshal of an unstructured value: map keys sorted. */
function sortedJSON(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(sortedJSON).join(",")}]`;
  if (isMap(v)) {
    return `{${Object.keys(v)
      .sort()
      .filter((k) => v[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${sortedJSON(v[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v ?? null);
}

/** evalToText: strings raw, numbers and bools as Go's fmt prints them, maps and lists as compact JSON. */
function printValue(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "object") return sortedJSON(v);
  return String(v);
}

function render(nodes: Node[], data: unknown): string {
  let out = "";
  for (const n of nodes) {
    if (n.kind === "text" || n.kind === "literal") out += n.text;
    else if (n.kind === "path") {
      const results = n.paths.flatMap((p) => evalSteps([data], p));
      out += results.map(printValue).join(" ");
    } else {
      for (const item of evalSteps([data], n.path)) out += render(n.body, item);
    }
  }
  return out;
}

/** Execute a kubectl JSONPath template over a wire-form object (or `List`). */
export function executeJsonPath(template: string, data: unknown): string {
  return render(parseJsonPath(template), data);
}

/**
 * The values a template's actions find (JSONPath.FindResults), without printing them: what
 * `-o custom-columns` reads. Text and literals between actions are left out.
 */
export function jsonPathResults(template: string, data: unknown): unknown[][] {
  const results: unknown[][] = [];
  for (const n of parseJsonPath(template)) {
    if (n.kind === "path") results.push(n.paths.flatMap((p) => evalSteps([data], p)));
    else if (n.kind === "range") results.push(evalSteps([data], n.path));
  }
  return results;
}
