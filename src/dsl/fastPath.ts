/**
 * The CST of the statement forms most lines are written in, built by hand from the tokens
 * without Chevrotain's recognizer: the same `statementLine` node, child for child and token
 * for token, that `scenarioParser().statementLine()` builds for the same tokens (parser.ts is
 * the grammar; this file follows it rule by rule). toAst.ts then reads either tree the same
 * way, so the AST, the diagnostics and their positions cannot differ.
 *
 * Why: in a fresh process (what `replicast check` pays) Chevrotain's recognizer — a rule
 * invocation, a lookahead function and a CST bookkeeping call per token — was the largest
 * part of reading a long scenario. Here a statement is a few comparisons of token types.
 *
 * The rule: accept only a token sequence that is a complete, error-free derivation of
 * `statementLine` in which every choice is the one Chevrotain's LL(k) lookahead makes (each
 * decision below is decided by one token that no other alternative starts with). Anything
 * else — other forms, a keyword where a name may go, an unterminated string, any mistake —
 * returns undefined, and parseStatements asks Chevrotain, which also words the errors.
 * test/dsl/fastPath.test.ts compares both trees over every scenario in the repository and
 * over random statements.
 */
import { tokenMatcher, type CstNode, type IToken, type TokenType } from "chevrotain";
import * as T from "./tokens.ts";

type Children = Record<string, (IToken | CstNode)[]>;

/**
 * A CST node as Chevrotain makes one without locations (tree_builder.js), but its children an
 * ordinary object rather than a prototype-less map: V8 gives the object a hidden class
 * instead of dictionary storage, so building it and toAst's reads of it are cheaper. No key
 * is ever a name Object.prototype has (keys are rule and token names).
 */
function node(name: string): { name: string; children: Children } {
  return { name, children: {} };
}

/** Reads one statement's tokens left to right; every method returns false on a token it does not expect. */
class Reader {
  i: number;
  constructor(
    readonly tokens: readonly IToken[],
    start: number,
    readonly end: number,
  ) {
    this.i = start;
  }

  peek(ahead = 0): IToken | undefined {
    const at = this.i + ahead;
    return at < this.end ? this.tokens[at] : undefined;
  }

  /** The next token's type is `type` (a category matches its members, as CONSUME does). */
  is(type: TokenType, ahead = 0): boolean {
    const t = this.peek(ahead);
    return t !== undefined && tokenMatcher(t, type);
  }

  /** CONSUME(type) under `key` (the LABEL, else the consumed type's name). */
  take(n: { children: Children }, type: TokenType, key: string = type.name): boolean {
    const t = this.peek();
    if (t === undefined || !tokenMatcher(t, type)) return false;
    add(n, key, t);
    this.i++;
    return true;
  }

  /** A closed string: an unterminated one is left to Chevrotain and toAst's own report. */
  takeString(n: { children: Children }, key = "StringLike"): boolean {
    return this.peek()?.tokenType === T.StringLiteral && this.take(n, T.StringLike, key);
  }
}

function add(n: { children: Children }, key: string, child: IToken | CstNode): void {
  const list = n.children[key];
  if (list === undefined) n.children[key] = [child];
  else list.push(child);
}

/** `statementLine`, or undefined when the tokens are not one of the forms read here. */
export function fastStatementLine(
  tokens: readonly IToken[],
  start: number,
  end: number,
): CstNode | undefined {
  const r = new Reader(tokens, start, end);
  const line = node("statementLine");
  const statement = node("statement");
  if (r.is(T.At) || r.is(T.After)) {
    const mark = node("timeMark");
    if (!(r.take(mark, T.At) || r.take(mark, T.After)) || !r.take(mark, T.Duration)) return undefined;
    add(statement, "timeMark", mark);
  }
  if (!atSeparator(r)) {
    const command = commandOf(r);
    if (command === undefined) return undefined;
    add(statement, "command", command);
  }
  add(line, "statement", statement);
  if (!(r.take(line, T.Newline) || r.take(line, T.Semicolon)) && r.peek() !== undefined) return undefined;
  return r.peek() === undefined ? line : undefined;
}

const atSeparator = (r: Reader): boolean => r.peek() === undefined || r.is(T.Newline) || r.is(T.Semicolon);

function commandOf(r: Reader): CstNode | undefined {
  const first = r.peek()?.tokenType;
  let statement: CstNode | undefined;
  if (first === T.Kubectl) {
    statement = node("kubectlStatement");
    r.take(statement, T.Kubectl);
  } else if (first === T.Load) statement = loadStatement(r);
  else if (first === T.Expect) statement = expectStatement(r);
  else if (first === T.Set) statement = setStatement(r);
  else if (first === T.Apply) statement = applyStatement(r);
  else if (first === T.Run) statement = runStatement(r);
  else if (first === T.Watch) {
    const n = node("watchStatement");
    r.take(n, T.Watch);
    statement = target(r, n) ? n : undefined;
  } else if (first === T.Scenario) {
    const n = node("titleStatement");
    statement = r.take(n, T.Scenario) && r.takeString(n) ? n : undefined;
  } else if (first === T.Manifest) {
    const n = node("manifestStatement");
    const source = node("manifestSource");
    statement =
      r.take(n, T.Manifest) &&
      r.peek()?.tokenType === T.Identifier &&
      r.take(n, T.Name) &&
      r.take(n, T.Equals) &&
      r.take(source, T.Heredoc)
        ? n
        : undefined;
    if (statement) add(n, "manifestSource", source);
  }
  if (statement === undefined) return undefined;
  const command = node("command");
  add(command, statement.name, statement);
  return command;
}

/** `target`: `deployment/web` or a bare kind word, under `key`. */
function target(r: Reader, parent: { children: Children }, key = "target"): boolean {
  const n = node("target");
  if (!(r.take(n, T.ObjectRef) || r.take(n, T.KindWord))) return false;
  add(parent, key, n);
  return true;
}

const startsTarget = (r: Reader): boolean => r.is(T.ObjectRef) || r.is(T.KindWord);

/**
 * `load [TARGET] cpu AMOUNT [per pod [at startup for D] | ramp to AMOUNT over D]`, `cpu steps A… every D`,
 * `load … memory …`, `requests R/s`, `requests steps R… every D`, `off`.
 */
function loadStatement(r: Reader): CstNode | undefined {
  const n = node("loadStatement");
  r.take(n, T.Load);
  if (startsTarget(r) && !target(r, n)) return undefined;
  if (r.is(T.Cpu)) {
    const cpu = node("cpuLoad");
    r.take(cpu, T.Cpu);
    if (r.is(T.Steps)) {
      if (!steps(r, cpu, () => cpuAmount(r, cpu, "steps"))) return undefined;
    } else if (!cpuAmount(r, cpu, "amount")) return undefined;
    else if (r.is(T.Per)) {
      if (!r.take(cpu, T.Per) || !r.take(cpu, T.Pod)) return undefined;
      if (r.is(T.At)) {
        const ok =
          r.take(cpu, T.At) &&
          r.take(cpu, T.Startup) &&
          r.take(cpu, T.For) &&
          r.take(cpu, T.Duration, "startupFor");
        if (!ok) return undefined;
      }
    } else if (r.is(T.Ramp)) {
      const ok =
        r.take(cpu, T.Ramp) &&
        r.take(cpu, T.To) &&
        cpuAmount(r, cpu, "rampTo") &&
        r.take(cpu, T.Over) &&
        r.take(cpu, T.Duration, "rampOver");
      if (!ok) return undefined;
    }
    add(n, "cpuLoad", cpu);
  } else if (r.is(T.Memory)) {
    const memory = node("memoryLoad");
    const ok =
      r.take(memory, T.Memory) &&
      r.take(memory, T.MemoryQuantity) &&
      r.take(memory, T.Per) &&
      r.take(memory, T.Pod) &&
      (!r.is(T.On) ||
        (r.take(memory, T.On) && r.take(memory, T.NumberLike, "onPods") && r.take(memory, T.Pods))) &&
      (!r.is(T.For) || (r.take(memory, T.For) && r.take(memory, T.Duration)));
    if (!ok) return undefined;
    add(n, "memoryLoad", memory);
  } else if (r.is(T.Requests)) {
    // A bare rate or steps: files and options are Chevrotain's.
    const requests = node("requestsLoad");
    if (!r.take(requests, T.Requests)) return undefined;
    const ok = r.is(T.Steps)
      ? steps(r, requests, () => r.take(requests, T.Rate, "steps"))
      : r.take(requests, T.Rate);
    if (!ok) return undefined;
    add(n, "requestsLoad", requests);
  } else if (!r.take(n, T.Off)) return undefined;
  return n;
}

/**
 * `steps V… every D` after `cpu` or `requests`: AT_LEAST_ONE value (`value` takes one, false
 * at the first token that is not one, as the loop's lookahead stops there), then `every`.
 */
function steps(r: Reader, parent: { children: Children }, value: () => boolean): boolean {
  if (!r.take(parent, T.Steps) || !value()) return false;
  while (value());
  return r.take(parent, T.Every) && r.take(parent, T.Duration, "every");
}

/** `cpuAmount`: a percent or a CPU quantity, under `key`. */
function cpuAmount(r: Reader, parent: { children: Children }, key: string): boolean {
  const n = node("cpuAmount");
  if (!(r.take(n, T.Percent) || r.take(n, T.CpuQuantity))) return false;
  add(parent, key, n);
  return true;
}

/** `expect [TARGET] EXPECTATION [TIMING]` for the rollout, event, image, scale-events, pods and quantity forms. */
function expectStatement(r: Reader): CstNode | undefined {
  const n = node("expectStatement");
  r.take(n, T.Expect);
  if (startsTarget(r) && !target(r, n)) return undefined;
  const e = expectation(r);
  if (e === undefined) return undefined;
  add(n, "expectation", e);
  if (!atSeparator(r) && !timing(r, n)) return undefined;
  return n;
}

function expectation(r: Reader): CstNode | undefined {
  const first = r.peek()?.tokenType;
  let e: CstNode | undefined;
  if (first === T.Rollout) {
    const n = node("rolloutExpectation");
    r.take(n, T.Rollout);
    if (startsTarget(r) && !target(r, n)) return undefined;
    if (r.take(n, T.Complete)) e = n;
    else if (r.take(n, T.DurationWord) && comparison(r, n)) e = n;
  } else if (first === T.Event) {
    const n = node("eventExpectation");
    if (r.take(n, T.Event) && r.takeString(n)) e = n;
  } else if (first === T.Image) e = imageExpectation(r);
  else if (first === T.ScaleEvents) {
    const n = node("scaleEventsExpectation");
    if (r.take(n, T.ScaleEvents) && comparison(r, n) && r.take(n, T.Per) && r.take(n, T.Duration)) e = n;
  } else if (first === T.Pods) {
    const n = node("podsExpectation");
    r.take(n, T.Pods);
    if (startsTarget(r) && !target(r, n)) return undefined;
    if (r.is(T.Ready)) r.take(n, T.Ready);
    if (comparison(r, n)) e = n;
  } else if (first !== undefined) {
    // quantityExpectation's alternatives in their order: a quantity word, pod-minutes,
    // unserved, or an unknown word (which toAst reports with a did-you-mean).
    const n = node("quantityExpectation");
    const word =
      r.take(n, T.QuantityWord) ||
      r.take(n, T.PodMinutes) ||
      r.take(n, T.Unserved) ||
      r.take(n, T.Identifier);
    if (word && comparison(r, n)) e = n;
  }
  if (e === undefined) return undefined;
  const n = node("expectation");
  add(n, e.name, e);
  return n;
}

/** `image [OP] IMAGE` or `image [OP] CONTAINER=IMAGE`, the container a plain word. */
function imageExpectation(r: Reader): CstNode | undefined {
  const n = node("imageExpectation");
  r.take(n, T.Image);
  if (r.is(T.CompareOp)) r.take(n, T.CompareOp);
  if (r.take(n, T.ImageRef, "image") || r.takeString(n, "image") || r.take(n, T.ObjectRef, "image")) return n;
  if (r.peek()?.tokenType !== T.Identifier) return undefined;
  r.take(n, T.Name, "image");
  if (!r.is(T.Equals)) return n;
  r.take(n, T.Equals);
  const name = node("imageName");
  const ok =
    r.take(name, T.ImageRef) ||
    r.takeString(name) ||
    r.take(name, T.ObjectRef) ||
    (r.peek()?.tokenType === T.Identifier && r.take(name, T.Name));
  if (!ok) return undefined;
  add(n, "imageName", name);
  return n;
}

/** `comparison`: `[OP] VALUE`, the value's alternatives in expectValue's order. */
function comparison(r: Reader, parent: { children: Children }): boolean {
  const n = node("comparison");
  if (r.is(T.CompareOp)) r.take(n, T.CompareOp);
  const value = node("expectValue");
  const ok =
    r.take(value, T.Percent) ||
    r.take(value, T.Duration) ||
    r.take(value, T.ByteQuantity) ||
    r.take(value, T.NumberLike) ||
    r.takeString(value) ||
    r.take(value, T.Bool);
  if (!ok) return false;
  add(n, "expectValue", value);
  add(parent, "comparison", n);
  return true;
}

/** `timing`: within D, at T, for D, always, never, from T to T; its first token decides. */
function timing(r: Reader, parent: { children: Children }): boolean {
  const n = node("timing");
  let ok: boolean;
  if (r.take(n, T.Within) || r.take(n, T.At) || r.take(n, T.For)) ok = r.take(n, T.Duration);
  else if (r.take(n, T.From))
    ok = r.take(n, T.Duration, "from") && r.take(n, T.To) && r.take(n, T.Duration, "to");
  else ok = r.take(n, T.Always) || r.take(n, T.Never);
  if (!ok) return false;
  add(parent, "timing", n);
  return true;
}

/** `set KEY [=] VALUE`, the key a plain word. */
function setStatement(r: Reader): CstNode | undefined {
  const n = node("setStatement");
  r.take(n, T.Set);
  if (r.peek()?.tokenType !== T.Identifier) return undefined;
  r.take(n, T.Name, "key");
  if (r.is(T.Equals)) r.take(n, T.Equals);
  const value = node("settingValue");
  const ok =
    r.take(value, T.Duration) ||
    r.take(value, T.Percent) ||
    r.take(value, T.MemoryQuantity) ||
    r.take(value, T.Bool);
  if (!ok) return undefined;
  add(n, "settingValue", value);
  return n;
}

/** `apply NAME` (a plain word) or `apply <<TAG … TAG`. */
function applyStatement(r: Reader): CstNode | undefined {
  const n = node("applyStatement");
  r.take(n, T.Apply);
  if (r.peek()?.tokenType === T.Identifier) {
    r.take(n, T.Name, "manifestName");
    return n;
  }
  const source = node("manifestSource");
  if (!r.take(source, T.Heredoc)) return undefined;
  add(n, "manifestSource", source);
  return n;
}

/** `run for D` / `run until T`. */
function runStatement(r: Reader): CstNode | undefined {
  const n = node("runStatement");
  r.take(n, T.Run);
  return (r.take(n, T.For) || r.take(n, T.Until)) && r.take(n, T.Duration) ? n : undefined;
}
