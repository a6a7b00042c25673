/**
 * labels.Parse (k8s.io/apimachinery/pkg/labels/selector.go): the string form of a label
 * selector — what a scale subresource reports in `status.selector` — back into requirements,
 * with upstream's lexer, parser and error texts, and Matches over a pod's labels.
 *
 * Grammar (selector.go's own comment):
 *     <selector-syntax>  ::= <requirement> | <requirement> "," <selector-syntax>
 *     <requirement>      ::= [!] KEY [ <set-based-restriction> | <exact-match-restriction> ]
 *     <set-based-restriction>   ::= "" | ("in" | "notin") "(" VALUE { "," VALUE } ")"
 *     <exact-match-restriction> ::= ("=" | "==" | "!=" | ">" | "<") VALUE
 *
 * Examples:
 * - "app=web,tier in (a,b)" → app = web, tier in {a, b};
 * - "cheddar cheese" (horizontal_test.go's unparsable selector) → error
 *   `unable to parse requirement: found 'cheese', expected: in, notin, =, ==, !=, gt, lt`;
 * - "" → no requirement (selects everything; the HPA rejects "" before parsing).
 */
import type { Labels } from "./labels.ts";

export type SelectorOperator = "=" | "==" | "!=" | "in" | "notin" | "exists" | "!" | "gt" | "lt";

export interface SelectorRequirement {
  key: string;
  operator: SelectorOperator;
  values: string[];
}

type Token =
  "error" | "end" | ")" | "," | "!" | "==" | "=" | ">" | "identifier" | "in" | "<" | "!=" | "notin" | "(";

/** string2token: the literal tokens. */
const LITERALS: Record<string, Token> = {
  ")": ")",
  ",": ",",
  "!": "!",
  "==": "==",
  "=": "=",
  ">": ">",
  in: "in",
  "<": "<",
  "!=": "!=",
  notin: "notin",
  "(": "(",
};

/** Upstream's binaryOperators, as its "expected: …" errors list them (selection.Operator values). */
const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

const isWhitespace = (ch: string) => ch === " " || ch === "\t" || ch === "\r" || ch === "\n";
const isSpecialSymbol = (ch: string) => "=!(),><".includes(ch);

interface Item {
  tok: Token;
  lit: string;
}

/** Lexer.Lex over the whole string (Parser.scan). */
function scan(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  for (;;) {
    while (pos < s.length && isWhitespace(s[pos])) pos++;
    if (pos >= s.length) {
      items.push({ tok: "end", lit: "" });
      return items;
    }
    if (isSpecialSymbol(s[pos])) {
      // scanSpecialSymbol: the longest run of symbols that is still a literal token.
      let buffer = "";
      let last: Item | undefined;
      while (pos < s.length && isSpecialSymbol(s[pos])) {
        buffer += s[pos];
        pos++;
        const t = LITERALS[buffer];
        if (t) last = { tok: t, lit: buffer };
        else if (last) {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: "error", lit: `error expected: keyword found '${buffer}'` });
      continue;
    }
    let buffer = "";
    while (pos < s.length && !isSpecialSymbol(s[pos]) && !isWhitespace(s[pos])) buffer += s[pos++];
    items.push({ tok: LITERALS[buffer] ?? "identifier", lit: buffer });
  }
}

const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** validateLabelKey: a qualified name, `[prefix/]name`. */
function keyError(key: string): string | undefined {
  const slash = key.lastIndexOf("/");
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  if (
    !NAME.test(name) ||
    name.length > 63 ||
    (prefix !== undefined && (!PREFIX.test(prefix) || prefix.length > 253))
  )
    return (
      `key: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', ` +
      `and must start and end with an alphanumeric character`
    );
  return undefined;
}

/** validateLabelValue. */
function valueError(key: string, value: string): string | undefined {
  if (value === "" || (NAME.test(value) && value.length <= 63)) return undefined;
  return (
    `values[0][${key}]: Invalid value: "${value}": a valid label must be an empty string or consist of ` +
    `alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`
  );
}

class ParseError extends Error {}

/**
 * Parse a selector string. Requirements come back sorted by key, as upstream sorts them.
 */
export function parseLabelSelector(
  selector: string,
): { requirements: SelectorRequirement[] } | { error: string } {
  const items = scan(selector);
  let position = 0;
  // In a value position "in" and "notin" are plain identifiers.
  const asValue = (t: Token): Token => (t === "in" || t === "notin" ? "identifier" : t);
  const lookahead = (values: boolean): Item => {
    const it = items[position];
    return values ? { tok: asValue(it.tok), lit: it.lit } : it;
  };
  const consume = (values: boolean): Item => {
    const it = lookahead(values);
    position++;
    return it;
  };
  const fail = (m: string): never => {
    throw new ParseError(m);
  };

  const parseValues = (): string[] => {
    const open = consume(true);
    if (open.tok !== "(") fail(`found '${open.lit}' expected: '('`);
    const first = lookahead(true);
    if (first.tok === ")") {
      consume(true);
      return [""];
    }
    if (first.tok !== "identifier" && first.tok !== ",")
      fail(`found '${first.lit}', expected: ',', ')' or identifier`);
    const set = new Set<string>();
    for (;;) {
      const it = consume(true);
      if (it.tok === "identifier") {
        set.add(it.lit);
        const next = lookahead(true);
        if (next.tok === ",") continue;
        if (next.tok === ")") break;
        fail(`found '${next.lit}', expected: ',' or ')'`);
      } else if (it.tok === ",") {
        if (set.size === 0) set.add("");
        const next = lookahead(true);
        if (next.tok === ")") {
          set.add("");
          break;
        }
        if (next.tok === ",") set.add("");
      } else fail(`found '${it.lit}', expected: ',', or identifier`);
    }
    if (consume(true).tok !== ")") fail(`found '${first.lit}', expected: ')'`);
    return [...set].sort();
  };

  const parseRequirement = (): SelectorRequirement => {
    let operator: SelectorOperator | undefined;
    let it = consume(true);
    if (it.tok === "!") {
      operator = "!";
      it = consume(true);
    }
    if (it.tok !== "identifier") fail(`found '${it.lit}', expected: identifier`);
    const key = it.lit;
    const bad = keyError(key);
    if (bad) fail(bad);
    const next = lookahead(true).tok;
    // A unary requirement ends here; what follows is the selector's business (a ',' or the end).
    if (operator === "!" || next === "end" || next === ",")
      return { key, operator: operator ?? "exists", values: [] };
    const op = consume(false);
    const OPS: Partial<Record<Token, SelectorOperator>> = {
      in: "in",
      notin: "notin",
      "=": "=",
      "==": "==",
      "!=": "!=",
      ">": "gt",
      "<": "lt",
    };
    const opName = OPS[op.tok];
    if (!opName) return fail(`found '${op.lit}', expected: ${BINARY_OPERATORS}`);
    let values: string[];
    if (opName === "in" || opName === "notin") values = parseValues();
    else {
      const v = lookahead(true);
      if (v.tok === "end" || v.tok === ",") values = [""];
      else {
        const got = consume(true);
        if (got.tok !== "identifier") fail(`found '${got.lit}', expected: identifier`);
        values = [got.lit];
      }
    }
    if ((opName === "gt" || opName === "lt") && !/^[-+]?\d+$/.test(values[0]))
      fail(
        `values[0]: Invalid value: "${values[0]}": for 'Gt', 'Lt' operators, the value must be an integer`,
      );
    for (const v of values) {
      const e = valueError(key, v);
      if (e) fail(e);
    }
    return { key, operator: opName, values };
  };

  const requirements: SelectorRequirement[] = [];
  try {
    for (;;) {
      const it = lookahead(true);
      if (it.tok === "end") break;
      if (it.tok !== "identifier" && it.tok !== "!")
        fail(`found '${it.lit}', expected: !, identifier, or 'end of string'`);
      try {
        requirements.push(parseRequirement());
      } catch (e) {
        if (e instanceof ParseError) throw new ParseError(`unable to parse requirement: ${e.message}`);
        throw e;
      }
      const sep = consume(true);
      if (sep.tok === "end") break;
      if (sep.tok !== ",") fail(`found '${sep.lit}', expected: ',' or 'end of string'`);
      const after = lookahead(true);
      if (after.tok !== "identifier" && after.tok !== "!")
        fail(`found '${after.lit}', expected: identifier after ','`);
    }
  } catch (e) {
    if (e instanceof ParseError) return { error: e.message };
    throw e;
  }
  return { requirements: requirements.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)) };
}

/** Requirement.Matches, every requirement (internalSelector.Matches). */
export function requirementsMatch(reqs: readonly SelectorRequirement[], labels: Labels | undefined): boolean {
  const set = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(set, r.key);
    const v = set[r.key];
    switch (r.operator) {
      case "=":
      case "==":
      case "in":
        return has && r.values.includes(v);
      case "!=":
      case "notin":
        return !has || !r.values.includes(v);
      case "exists":
        return has;
      case "!":
        return !has;
      case "gt":
      case "lt": {
        if (!has || !/^[-+]?\d+$/.test(v)) return false;
        const a = Number(v);
        const b = Number(r.values[0]);
        return r.operator === "gt" ? a > b : a < b;
      }
    }
  });
}
