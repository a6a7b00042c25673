/**
 * kubectl's `-o go-template` (cli-runtime printers/template.go GoTemplatePrinter): Go's
 * text/template run on the object as JSON, as the Kubernetes tutorials use it —
 * `kubectl get pods -o go-template --template '{{range .items}}{{.metadata.name}}{{"\n"}}{{end}}'`.
 *
 * Supported: text and `{{…}}` actions with `{{-`/`-}}` trimming and comments; fields
 * (`.metadata.name`, `.`), variables (`$`, `$name`, `{{range $i, $pod := .items}}`), string
 * (interpreted and raw), number and boolean literals, parentheses, pipes (`| printf "%s\n"`);
 * `if`/`else if`/`else`, `range` (lists, and maps in key order) with `else`, `with`; the
 * functions `index`, `len`, `print`, `printf` (%s %v %d %q %%), `println`, `eq`, `ne`, `lt`,
 * `le`, `gt`, `ge`, `and`, `or`, `not`, and kubectl's `exists` and `base64decode`.
 *
 * Values print as Go's fmt prints the decoded JSON: strings as they are, numbers as numbers,
 * `<nil>` for null, lists `[a b]`, maps `map[k:v]` in key order. A key a map lacks prints
 * `<no value>` (missingkey=default; --allow-missing-template-keys), and so does any field under
 * it; a field of a null is Go's `nil pointer evaluating interface {}.NAME`.
 */

export class GoTemplateError extends Error {
  constructor(
    message: string,
    /** "parse": kubectl's `error parsing template`; "exec": `error executing template`. */
    readonly stage: "parse" | "exec",
  ) {
    super(message);
  }
}

type Arg =
  | {
      kind: "field";
      /** Where the names start: dot, a variable, or a parenthesized pipeline's value (`(…).a`). */
      base: "dot" | { variable: string } | { of: Pipe };
      names: string[];
      pos: number;
      text: string;
    }
  | { kind: "literal"; value: unknown }
  | { kind: "ident"; name: string; pos: number }
  | { kind: "pipe"; pipe: Pipe };

/** One command of a pipeline: a function and its arguments, or a single operand. */
type Cmd = Arg[];

interface Pipe {
  decl: string[];
  cmds: Cmd[];
}

type Node =
  | { kind: "text"; text: string }
  | { kind: "action"; pipe: Pipe }
  | { kind: "if" | "with" | "range"; pipe: Pipe; body: Node[]; otherwise: Node[] };

const MISSING = Symbol("no value");

// ---- parsing ----

interface Action {
  body: string;
  /** Offset of the body in the template. */
  pos: number;
}

function split(template: string): (string | Action)[] {
  const out: (string | Action)[] = [];
  let i = 0;
  let trimNext = false;
  while (i <= template.length) {
    const open = template.indexOf("{{", i);
    let text = template.slice(i, open < 0 ? template.length : open);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (open < 0) {
      out.push(text);
      break;
    }
    const close = template.indexOf("}}", open + 2);
    if (close < 0) throw new GoTemplateError("template: output:1: unclosed action", "parse");
    let start = open + 2;
    let end = close;
    if (template[start] === "-" && /\s/.test(template[start + 1] ?? "")) {
      text = text.replace(/\s+$/, "");
      start++;
    }
    trimNext = false;
    if (template[end - 1] === "-" && /\s/.test(template[end - 2] ?? "")) {
      trimNext = true;
      end--;
    }
    out.push(text);
    const body = template.slice(start, end);
    if (!/^\s*\/\*[\s\S]*\*\/\s*$/.test(body)) out.push({ body, pos: start });
    i = close + 2;
  }
  return out;
}

const FUNCTIONS = new Set([
  "index",
  "len",
  "print",
  "printf",
  "println",
  "eq",
  "ne",
  "lt",
  "le",
  "gt",
  "ge",
  "and",
  "or",
  "not",
  "exists",
  "base64decode",
]);

/** An action's words: the lexer of text/template/parse, for the forms above. */
function parsePipe(src: string, base: number): Pipe {
  let i = 0;
  const skip = () => {
    while (i < src.length && /\s/.test(src[i])) i++;
  };
  const unexpected = (what: string): never => {
    throw new GoTemplateError(`template: output:1: unexpected ${what} in command`, "parse");
  };
  const operand = (): Arg => {
    skip();
    const c = src[i];
    const pos = base + i;
    if (c === "(") {
      i++;
      const inner = pipeline(")");
      i++;
      return withFields({ kind: "pipe", pipe: inner });
    }
    if (c === '"') {
      let j = i + 1;
      while (j < src.length && src[j] !== '"') j += src[j] === "\\" ? 2 : 1;
      const raw = src.slice(i, j + 1);
      i = j + 1;
      try {
        return { kind: "literal", value: JSON.parse(raw) as unknown };
      } catch {
        return unexpected(raw);
      }
    }
    if (c === "`") {
      const j = src.indexOf("`", i + 1);
      if (j < 0) unexpected("unterminated raw quoted string");
      const value = src.slice(i + 1, j);
      i = j + 1;
      return { kind: "literal", value };
    }
    const word = /^(?:\$[\w]*|\.)?[\w.$-]*/.exec(src.slice(i))![0].replace(/-$/, "");
    if (word === "") return unexpected(JSON.stringify(c));
    i += word.length;
    if (/^-?\d/.test(word)) return { kind: "literal", value: Number(word) };
    if (word === "true" || word === "false") return { kind: "literal", value: word === "true" };
    if (word === "nil") return { kind: "literal", value: null };
    if (word.startsWith("."))
      return { kind: "field", base: "dot", names: word.split(".").slice(1).filter(Boolean), pos, text: word };
    if (word.startsWith("$")) {
      const [variable, ...names] = word.split(".");
      return { kind: "field", base: { variable }, names, pos, text: word };
    }
    if (!FUNCTIONS.has(word))
      throw new GoTemplateError(`template: output:1: function "${word}" not defined`, "parse");
    return { kind: "ident", name: word, pos };
  };
  /** `(…).field`: fields after a parenthesized pipeline. */
  const withFields = (arg: Arg): Arg => {
    const m = /^(?:\.[\w-]+)+/.exec(src.slice(i));
    if (!m) return arg;
    i += m[0].length;
    return {
      kind: "field",
      base: { of: { decl: [], cmds: [[arg]] } },
      names: m[0].split(".").slice(1),
      pos: base + i - m[0].length,
      text: m[0],
    };
  };
  const pipeline = (stop?: string): Pipe => {
    const decl: string[] = [];
    const m = /^\s*(\$\w*)\s*(?:,\s*(\$\w*)\s*)?:=/.exec(src.slice(i));
    if (m) {
      decl.push(m[1]);
      if (m[2]) decl.push(m[2]);
      i += m[0].length;
    }
    const cmds: Cmd[] = [[]];
    for (;;) {
      skip();
      if (i >= src.length || (stop !== undefined && src[i] === stop)) break;
      if (src[i] === "|") {
        i++;
        cmds.push([]);
        continue;
      }
      cmds[cmds.length - 1].push(operand());
    }
    if (cmds.some((c) => c.length === 0))
      throw new GoTemplateError("template: output:1: missing value for command", "parse");
    return { decl, cmds };
  };
  return pipeline();
}

function parseTemplate(template: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Node & { kind: "if" | "with" | "range" }; inElse: boolean; chain: number }[] = [];
  const target = (): Node[] => {
    const top = stack[stack.length - 1];
    return top === undefined ? root : top.inElse ? top.node.otherwise : top.node.body;
  };
  for (const part of split(template)) {
    if (typeof part === "string") {
      if (part !== "") target().push({ kind: "text", text: part });
      continue;
    }
    const m = /^\s*(if|with|range|else|end)\b\s*([\s\S]*)$/.exec(part.body);
    const keyword = m?.[1];
    const rest = m?.[2] ?? "";
    const restPos = part.pos + part.body.length - rest.length;
    if (keyword === "if" || keyword === "with" || keyword === "range") {
      const node = { kind: keyword, pipe: parsePipe(rest, restPos), body: [], otherwise: [] } as Node & {
        kind: "if" | "with" | "range";
      };
      target().push(node);
      stack.push({ node, inElse: false, chain: 0 });
    } else if (keyword === "else") {
      const top = stack[stack.length - 1];
      if (top === undefined || top.inElse)
        throw new GoTemplateError("template: output:1: unexpected {{else}}", "parse");
      top.inElse = true;
      const elseIf = /^(if|with)\b\s*([\s\S]*)$/.exec(rest.trim());
      if (elseIf) {
        // `{{else if …}}`: an if inside the else, closed by the same {{end}}.
        const node = {
          kind: elseIf[1],
          pipe: parsePipe(elseIf[2], restPos),
          body: [],
          otherwise: [],
        } as Node & { kind: "if" | "with" };
        top.node.otherwise.push(node);
        stack.push({ node, inElse: false, chain: top.chain + 1 });
      }
    } else if (keyword === "end") {
      let top = stack.pop();
      if (top === undefined) throw new GoTemplateError("template: output:1: unexpected {{end}}", "parse");
      while (top.chain > 0) top = stack.pop()!;
    } else target().push({ kind: "action", pipe: parsePipe(part.body, part.pos) });
  }
  if (stack.length > 0) throw new GoTemplateError("template: output:1: unexpected EOF", "parse");
  return root;
}

// ---- execution ----

const goType = (v: unknown): string =>
  v === null || v === undefined || v === MISSING
    ? "interface {}"
    : typeof v === "string"
      ? "string"
      : typeof v === "number"
        ? Number.isInteger(v)
          ? "int64"
          : "float64"
        : typeof v === "boolean"
          ? "bool"
          : Array.isArray(v)
            ? "[]interface {}"
            : "map[string]interface {}";

/** fmt's %v of a decoded JSON value. */
export function goPrint(v: unknown): string {
  if (v === MISSING) return "<no value>";
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "string") return v;
  if (typeof v === "number") {
    if (Number.isInteger(v)) return String(v);
    const s = String(v);
    return s.replace(/e([+-])(\d)$/, "e$10$2");
  }
  if (typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(goPrint).join(" ")}]`;
  const o = v as Record<string, unknown>;
  return `map[${Object.keys(o)
    .sort()
    .map((k) => `${k}:${goPrint(o[k])}`)
    .join(" ")}]`;
}

const truth = (v: unknown): boolean =>
  !(
    v === MISSING ||
    v === null ||
    v === undefined ||
    v === false ||
    v === 0 ||
    v === "" ||
    (Array.isArray(v) && v.length === 0) ||
    (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0)
  );

interface Scope {
  dot: unknown;
  vars: Map<string, unknown>;
  template: string;
}

function execError(scope: Scope, pos: number, at: string, message: string): GoTemplateError {
  const before = scope.template.slice(0, pos);
  const line = before.split("\n").length;
  const col = before.length - (before.lastIndexOf("\n") + 1);
  return new GoTemplateError(
    `template: output:${line}:${col}: executing "output" at <${at}>: ${message}`,
    "exec",
  );
}

function evalArg(arg: Arg, scope: Scope): unknown {
  switch (arg.kind) {
    case "literal":
      return arg.value;
    case "pipe":
      return evalPipe(arg.pipe, scope);
    case "ident":
      return callFunction(arg, [], scope);
    case "field": {
      let v: unknown;
      if (arg.base === "dot") v = scope.dot;
      else if ("of" in arg.base) v = evalPipe(arg.base.of, scope);
      else {
        if (!scope.vars.has(arg.base.variable))
          throw new GoTemplateError(`template: output:1: undefined variable "${arg.base.variable}"`, "parse");
        v = scope.vars.get(arg.base.variable);
      }
      for (const name of arg.names) {
        // exec.go evalField: a missing key's (invalid) value has no fields, quietly; a JSON null
        // is a nil interface, an error.
        if (v === MISSING) return MISSING;
        if (v === null || v === undefined)
          throw execError(scope, arg.pos, arg.text, `nil pointer evaluating interface {}.${name}`);
        if (typeof v !== "object" || Array.isArray(v))
          throw execError(scope, arg.pos, arg.text, `can't evaluate field ${name} in type ${goType(v)}`);
        const o = v as Record<string, unknown>;
        v = Object.prototype.hasOwnProperty.call(o, name) ? o[name] : MISSING;
      }
      return v;
    }
  }
}

const compare = (a: unknown, b: unknown): number => {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  throw new Error("incompatible types for comparison");
};

function printf(format: string, args: unknown[]): string {
  let n = 0;
  return format.replace(/%([%svdq])/g, (_, verb: string) => {
    if (verb === "%") return "%";
    const v = args[n++];
    if (verb === "q") return JSON.stringify(goPrint(v));
    return goPrint(v);
  });
}

function callFunction(fn: Arg & { kind: "ident" }, args: unknown[], scope: Scope): unknown {
  const fail = (message: string) => execError(scope, fn.pos, fn.name, `error calling ${fn.name}: ${message}`);
  switch (fn.name) {
    case "index": {
      let v = args[0];
      for (const k of args.slice(1)) {
        if (Array.isArray(v) && typeof k === "number") {
          if (k < 0 || k >= v.length) throw fail(`index out of range: ${k}`);
          v = v[k];
        } else if (v !== null && typeof v === "object" && typeof k === "string")
          v = Object.prototype.hasOwnProperty.call(v, k) ? (v as Record<string, unknown>)[k] : MISSING;
        else if (v === MISSING || v === null) return MISSING;
        else throw fail(`can't index item of type ${goType(v)}`);
      }
      return v;
    }
    case "len": {
      const v = args[0];
      if (typeof v === "string" || Array.isArray(v)) return v.length;
      if (v !== null && typeof v === "object") return Object.keys(v).length;
      throw fail(`len of type ${goType(v)}`);
    }
    case "print":
      return args.map(goPrint).join("");
    case "println":
      return `${args.map(goPrint).join(" ")}\n`;
    case "printf":
      return printf(String(args[0]), args.slice(1));
    case "not":
      return !truth(args[0]);
    case "and":
      return args.find((a) => !truth(a)) ?? args[args.length - 1];
    case "or":
      return args.find((a) => truth(a)) ?? args[args.length - 1];
    case "eq":
      return args.slice(1).some((b) => b === args[0]);
    case "ne":
      return args[0] !== args[1];
    case "lt":
    case "le":
    case "gt":
    case "ge": {
      let c: number;
      try {
        c = compare(args[0], args[1]);
      } catch (e) {
        throw fail((e as Error).message);
      }
      return fn.name === "lt" ? c < 0 : fn.name === "le" ? c <= 0 : fn.name === "gt" ? c > 0 : c >= 0;
    }
    case "exists": {
      // kubectl's exists(item, keys…): whether the path is there.
      let v = args[0];
      for (const k of args.slice(1)) {
        if (v === null || typeof v !== "object") return false;
        if (Array.isArray(v)) {
          if (typeof k !== "number" || k < 0 || k >= v.length) return false;
          v = v[k];
        } else {
          if (!Object.prototype.hasOwnProperty.call(v, String(k))) return false;
          v = (v as Record<string, unknown>)[String(k)];
        }
      }
      return true;
    }
    case "base64decode": {
      try {
        return new TextDecoder().decode(Uint8Array.from(atob(String(args[0])), (c) => c.charCodeAt(0)));
      } catch {
        throw fail("illegal base64 data");
      }
    }
  }
  throw fail("not defined");
}

function evalPipe(pipe: Pipe, scope: Scope): unknown {
  let previous: unknown[] = [];
  let value: unknown;
  for (const cmd of pipe.cmds) {
    const [head, ...rest] = cmd;
    if (head.kind === "ident") {
      const args = [...rest.map((a) => evalArg(a, scope)), ...previous];
      value = callFunction(head, args, scope);
    } else {
      if (rest.length > 0 || previous.length > 0) {
        const at = head.kind === "field" ? head.text : "";
        throw execError(
          scope,
          head.kind === "field" ? head.pos : 0,
          at,
          `can't give argument to non-function ${at}`,
        );
      }
      value = evalArg(head, scope);
    }
    previous = [value];
  }
  if (pipe.decl.length === 1) scope.vars.set(pipe.decl[0], value);
  return value;
}

function run(nodes: readonly Node[], scope: Scope, out: string[]): void {
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        out.push(node.text);
        break;
      case "action": {
        const v = evalPipe(node.pipe, scope);
        if (node.pipe.decl.length === 0) out.push(goPrint(v));
        break;
      }
      case "if": {
        run(truth(evalPipe(node.pipe, scope)) ? node.body : node.otherwise, scope, out);
        break;
      }
      case "with": {
        const v = evalPipe(node.pipe, scope);
        if (truth(v)) run(node.body, { ...scope, dot: v }, out);
        else run(node.otherwise, scope, out);
        break;
      }
      case "range": {
        const decl = node.pipe.decl;
        const v = evalPipe({ ...node.pipe, decl: [] }, scope);
        const entries: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [i, x])
          : v !== null && typeof v === "object"
            ? Object.keys(v)
                .sort()
                .map((k) => [k, (v as Record<string, unknown>)[k]])
            : [];
        if (v !== MISSING && v !== null && v !== undefined && typeof v !== "object" && typeof v !== "number")
          throw new GoTemplateError(`range can't iterate over ${goPrint(v)}`, "exec");
        if (entries.length === 0) {
          run(node.otherwise, scope, out);
          break;
        }
        for (const [k, x] of entries) {
          const vars = new Map(scope.vars);
          if (decl.length === 1) vars.set(decl[0], x);
          if (decl.length === 2) {
            vars.set(decl[0], k);
            vars.set(decl[1], x);
          }
          run(node.body, { ...scope, dot: x, vars }, out);
        }
        break;
      }
    }
  }
}

/** The template's output on `data` (the object or List as JSON). Throws GoTemplateError. */
export function executeGoTemplate(template: string, data: unknown): string {
  const nodes = parseTemplate(template);
  const out: string[] = [];
  run(nodes, { dot: data, vars: new Map([["$", data]]), template }, out);
  return out.join("");
}
