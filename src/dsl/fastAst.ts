/**
 * The AST of the statement forms most lines are written in, read straight from the tokens:
 * a time mark alone, `kubectl …`, `load [TARGET] cpu|memory|off …`, `run for|until D` and the
 * quantity, pods, rollout, event, image and scale-events expectations with their timings.
 *
 * Why: a long scenario is mostly these lines, and in a fresh process (what `replicast check`
 * pays) every line's CST — some thirty short-lived objects — and the visitor's walk over it
 * cost more than reading the tokens once. fastPath.ts still builds the CST of the other
 * common forms; Chevrotain reads the rest.
 *
 * The rule: return a statement only for a token sequence that fastPath.ts would accept and
 * from which toAst.ts would build that same statement (the same objects, keys in the same
 * order) without a diagnostic. Anything else — another form, a value that toAst would
 * report (an unknown kind, a fraction of a replica, a window that ends before it starts, an
 * escape in a string) — returns undefined, and the CST path reads the line and words the
 * diagnostic. Nothing here reports. test/dsl/fastAst.test.ts compares both paths over every
 * scenario in the repository and over random statements.
 */
import type { IToken, TokenType } from "chevrotain";
import type {
  AstCpuAmount,
  AstLoad,
  CpuAmountToken,
  ExpectValue,
  Quantity,
  Statement,
  TargetRef,
  TimeMark,
  Timing,
} from "./ast.ts";
import { expectValueOf, kindWordTarget, objectRefTarget, quantityWords, type AstContext } from "./toAst.ts";
import type { KubectlPayload } from "./tokens.ts";
import * as T from "./tokens.ts";
import { parseDuration, parsePercent, parseQuantityMilli, parseQuantityValue } from "./units.ts";

/** Concrete token types of the categories the forms below read (tokens.ts gives each its categories). */
const durations = new Set<TokenType>([T.DurationLiteral, T.MinutesOrMillis]);
const cpuQuantities = new Set<TokenType>([T.MinutesOrMillis, T.NumberLiteral]);
const memoryQuantities = new Set<TokenType>([T.ByteQuantity, T.ExponentNumber, T.NumberLiteral]);
const numbers = new Set<TokenType>([T.ExponentNumber, T.NumberLiteral]);
const compareOps = new Set<TokenType>([T.EqEq, T.NotEq, T.GtEq, T.LtEq, T.Gt, T.Lt]);
const quantityTypes = new Set<TokenType>([
  T.Replicas,
  T.Ready,
  T.Available,
  T.Updated,
  T.Unavailable,
  T.Revision,
  T.Current,
  T.Desired,
  T.Utilization,
  T.Dropped,
  T.Pending,
  T.PodMinutes,
  T.Unserved,
]);
/** expectValue's alternatives (a closed string is read below). */
const valueTypes = new Set<TokenType>([
  T.Percent,
  T.DurationLiteral,
  T.MinutesOrMillis,
  T.ByteQuantity,
  T.ExponentNumber,
  T.NumberLiteral,
  T.True,
  T.False,
]);

/** An expectation as toAst's expectation rules return it. */
interface Read {
  quantity: Quantity;
  op: "==" | "!=" | ">=" | "<=" | ">" | "<";
  value?: ExpectValue;
  target?: TargetRef;
  defaultTiming?: Timing;
}

/** Reads tokens[start, end) — one statement without its separator — left to right. */
class Cursor {
  constructor(
    readonly tokens: readonly IToken[],
    public i: number,
    readonly end: number,
    readonly ctx: AstContext,
  ) {}

  /** The next token's type, or undefined at the end of the statement. */
  type(): TokenType | undefined {
    return this.i < this.end ? this.tokens[this.i].tokenType : undefined;
  }

  /** The next token when it is of `type` (exactly: categories are listed by the caller). */
  take(type: TokenType): IToken | undefined {
    if (this.i >= this.end) return undefined;
    const t = this.tokens[this.i];
    if (t.tokenType !== type) return undefined;
    this.i++;
    return t;
  }

  /** The next token when its type is one of `types`. */
  takeOf(types: ReadonlySet<TokenType>): IToken | undefined {
    if (this.i >= this.end) return undefined;
    const t = this.tokens[this.i];
    if (!types.has(t.tokenType)) return undefined;
    this.i++;
    return t;
  }

  get done(): boolean {
    return this.i >= this.end;
  }
}

/**
 * The statement tokens[start, end) hold (`end` is the separator's index, or the end of the
 * tokens), or undefined when it is not one of the forms read here or toAst would report
 * something about it.
 */
export function fastStatement(
  tokens: readonly IToken[],
  start: number,
  end: number,
  ctx: AstContext,
): Statement | undefined {
  const c = new Cursor(tokens, start, end, ctx);
  const first = tokens[start];
  let time: TimeMark | undefined;
  if (first.tokenType === T.At || first.tokenType === T.After) {
    c.i++;
    const duration = c.takeOf(durations);
    const seconds = duration && parseDuration(duration.image);
    if (duration === undefined || seconds === undefined) return undefined;
    const span = ctx.lines.range(first.startOffset, duration.startOffset + duration.image.length);
    time = first.tokenType === T.At ? { kind: "at", t: seconds, span } : { kind: "after", d: seconds, span };
  }
  const last = tokens[end - 1];
  const span = ctx.lines.range(first.startOffset, last.startOffset + last.image.length);
  if (c.done) return time && { kind: "time", time, span };
  const type = c.type();
  let statement: Statement | undefined;
  if (type === T.Kubectl) statement = kubectl(c);
  else if (type === T.Load) statement = load(c);
  else if (type === T.Expect) statement = expect(c, last.startOffset + last.image.length);
  else if (type === T.Run) statement = run(c);
  if (statement === undefined || !c.done) return undefined;
  // toAst completes the command's object in place, in this order (statementSpanning).
  statement.span = span;
  if (time) statement.time = time;
  return statement;
}

/** A statement before its span is set (fastStatement sets it, as toAst does). */
type Body = Statement;

function kubectl(c: Cursor): Body | undefined {
  const token = c.take(T.Kubectl)!;
  const payload = token.payload as KubectlPayload;
  // An empty line and an unclosed quote are reported by toAst.
  if (payload.args === "" || payload.unclosedQuote !== undefined) return undefined;
  const argsSpan = c.ctx.lines.span(payload.argsOffset, payload.args.length);
  return { kind: "kubectl", args: payload.args, argsSpan } as Body;
}

function run(c: Cursor): Body | undefined {
  c.take(T.Run);
  const mode = c.take(T.For) ? "for" : c.take(T.Until) ? "until" : undefined;
  const duration = c.takeOf(durations);
  const t = duration && parseDuration(duration.image);
  if (mode === undefined || t === undefined) return undefined;
  return { kind: "run", mode, t } as Body;
}

/** `deployment/web` or a bare kind word, when there is one; false when toAst would refuse it. */
function targetOf(c: Cursor): TargetRef | undefined | false {
  const ref = c.take(T.ObjectRef);
  if (ref !== undefined) return objectRefTarget(ref, c.ctx) ?? false;
  const word = c.take(T.KindWord);
  if (word !== undefined) return kindWordTarget(word, c.ctx) ?? false;
  return undefined;
}

function cpuAmount(token: IToken | undefined): AstCpuAmount | undefined {
  if (token === undefined) return undefined;
  if (token.tokenType === T.Percent) {
    const value = parsePercent(token.image);
    return value === undefined ? undefined : { percentOfRequest: value };
  }
  const milli = parseQuantityMilli(token.image);
  return milli === undefined ? undefined : { milli };
}

function cpuAmountToken(c: Cursor): IToken | undefined {
  return c.take(T.Percent) ?? c.takeOf(cpuQuantities);
}

function load(c: Cursor): Body | undefined {
  c.take(T.Load);
  const t = targetOf(c);
  if (t === false) return undefined;
  let read: AstLoad | undefined;
  const amounts: IToken[] = [];
  if (c.take(T.Cpu)) {
    const amountToken = cpuAmountToken(c);
    const amount = cpuAmount(amountToken);
    if (amount === undefined) return undefined;
    amounts.push(amountToken!);
    if (c.take(T.Per)) {
      if (!c.take(T.Pod)) return undefined;
      if (c.take(T.At)) {
        if (!c.take(T.Startup) || !c.take(T.For)) return undefined;
        const forToken = c.takeOf(durations);
        const startupFor = forToken && parseDuration(forToken.image);
        // A warm-up of zero or less is reported by toAst.
        if (startupFor === undefined || startupFor <= 0) return undefined;
        read = { kind: "cpuPerPod", amount, startupFor };
      } else read = { kind: "cpuPerPod", amount };
    } else if (c.take(T.Ramp)) {
      if (!c.take(T.To)) return undefined;
      const toToken = cpuAmountToken(c);
      const rampTo = cpuAmount(toToken);
      if (rampTo === undefined || !c.take(T.Over)) return undefined;
      amounts.push(toToken!);
      const overToken = c.takeOf(durations);
      const rampOver = overToken && parseDuration(overToken.image);
      if (rampOver === undefined) return undefined;
      read = { kind: "cpu", amount, rampTo, rampOver };
    } else read = { kind: "cpu", amount };
  } else if (c.take(T.Memory)) {
    const amount = c.takeOf(memoryQuantities);
    const bytes = amount && parseQuantityValue(amount.image);
    if (bytes === undefined || !c.take(T.Per) || !c.take(T.Pod)) return undefined;
    const memory: AstLoad & { kind: "memoryPerPod" } = { kind: "memoryPerPod", bytes };
    if (c.take(T.On)) {
      const pods = c.takeOf(numbers);
      if (pods === undefined || !c.take(T.Pods)) return undefined;
      const n = Number(pods.image);
      // A fraction or a count of zero or less is reported by toAst.
      if (!Number.isInteger(n) || n <= 0) return undefined;
      memory.onPods = n;
    }
    if (c.take(T.For)) {
      const token = c.takeOf(durations);
      if (token === undefined) return undefined;
      const duration = parseDuration(token.image);
      if (duration !== undefined) memory.duration = duration;
    }
    read = memory;
  } else if (c.take(T.Off)) read = { kind: "off" };
  if (read === undefined) return undefined;
  const cpuAmounts: CpuAmountToken[] = amounts.map((token) => ({
    text: token.image,
    span: c.ctx.lines.span(token.startOffset, token.image.length),
    bare: token.tokenType !== T.Percent && /^[0-9.eE+-]+$/.test(token.image),
    percent: token.tokenType === T.Percent,
  }));
  return {
    kind: "load",
    ...(t ? { target: t } : {}),
    load: read,
    ...(cpuAmounts.length ? { cpuAmounts } : {}),
  } as Body;
}

/** `[OP] VALUE` read as `kind` reads it; undefined when absent or when toAst would report the value. */
function comparison(c: Cursor, kind: Quantity["kind"]): { op: Read["op"]; value: ExpectValue } | undefined {
  const opToken = c.takeOf(compareOps);
  const token = c.takeOf(valueTypes);
  if (token === undefined) return undefined;
  const value = expectValueOf(kind, token, c.ctx.lines.span(token.startOffset, token.image.length));
  if (typeof value === "string") return undefined;
  return { op: (opToken ? opToken.image : "==") as Read["op"], value };
}

/** A closed string without escapes: its value is what lies between the quotes. */
function plainString(c: Cursor): string | undefined {
  const token = c.take(T.StringLiteral);
  return token === undefined || token.image.includes("\\") ? undefined : token.image.slice(1, -1);
}

function expectation(c: Cursor): Read | undefined {
  const type = c.type();
  if (type !== undefined && quantityTypes.has(type)) {
    const word = c.tokens[c.i++].image;
    const kind = quantityWords[word];
    const read = comparison(c, kind);
    if (read === undefined) return undefined;
    const quantity = { kind } as Quantity;
    return kind === "podMinutes"
      ? { quantity, op: read.op, value: read.value, defaultTiming: { kind: "always" } }
      : { quantity, op: read.op, value: read.value };
  }
  if (type === T.Rollout) {
    c.i++;
    const t = targetOf(c);
    if (t === false) return undefined;
    const withTarget = t ? { target: t } : {};
    if (c.take(T.Complete)) return { quantity: { kind: "rolloutComplete" }, op: "==", ...withTarget };
    if (!c.take(T.DurationWord)) return undefined;
    const read = comparison(c, "rolloutDuration");
    if (read === undefined) return undefined;
    return {
      quantity: { kind: "rolloutDuration" },
      op: read.op,
      value: read.value,
      ...withTarget,
      defaultTiming: { kind: "always" },
    };
  }
  if (type === T.Event) {
    c.i++;
    const text = plainString(c);
    return text === undefined ? undefined : { quantity: { kind: "event", text }, op: "==" };
  }
  if (type === T.ScaleEvents) {
    c.i++;
    const read = comparison(c, "scaleEvents");
    if (read === undefined || !c.take(T.Per)) return undefined;
    const perToken = c.takeOf(durations);
    const per = perToken && parseDuration(perToken.image);
    // A window of zero or less is reported by toAst.
    if (per === undefined || per <= 0) return undefined;
    return {
      quantity: { kind: "scaleEvents", per },
      op: read.op,
      value: read.value,
      defaultTiming: { kind: "always" },
    };
  }
  if (type === T.Pods) {
    c.i++;
    const t = targetOf(c);
    if (t === false) return undefined;
    const kind = c.take(T.Ready) ? "ready" : "pods";
    const read = comparison(c, kind);
    if (read === undefined) return undefined;
    return { quantity: { kind }, op: read.op, value: read.value, ...(t ? { target: t } : {}) };
  }
  if (type === T.Image) return imageExpectation(c);
  return undefined;
}

/** `image [==|!=] IMAGE` and `image [==|!=] CONTAINER=IMAGE`, the image a reference with a tag or digest. */
function imageExpectation(c: Cursor): Read | undefined {
  c.i++;
  const opToken = c.takeOf(compareOps);
  // Other comparisons are reported by toAst.
  if (opToken !== undefined && opToken.tokenType !== T.EqEq && opToken.tokenType !== T.NotEq)
    return undefined;
  const op = (opToken ? opToken.image : "==") as Read["op"];
  let container: string | undefined;
  const name = c.take(T.Identifier);
  if (name !== undefined) {
    if (!c.take(T.Equals)) return undefined;
    container = name.image;
  }
  const image = c.take(T.ImageRef);
  if (image === undefined) return undefined;
  const value: ExpectValue = {
    kind: "string",
    value: image.image,
    span: c.ctx.lines.span(image.startOffset, image.image.length),
  };
  return { quantity: container === undefined ? { kind: "image" } : { kind: "image", container }, op, value };
}

function expect(c: Cursor, statementEnd: number): Body | undefined {
  const expectToken = c.take(T.Expect)!;
  const outer = targetOf(c);
  if (outer === false) return undefined;
  const read = expectation(c);
  if (read === undefined) return undefined;
  let timing: Timing | undefined;
  if (c.done) timing = read.defaultTiming ?? { kind: "within", d: 0 };
  else timing = timingOf(c);
  if (timing === undefined) return undefined;
  const target = read.target ?? outer;
  const statement = {
    kind: "expect",
    quantity: read.quantity,
    op: read.op,
    timing,
    text: c.ctx.lines.text.slice(expectToken.startOffset, statementEnd),
  } as Body & { kind: "expect" };
  if (target) statement.target = target;
  if (read.value) statement.value = read.value;
  return statement;
}

function timingOf(c: Cursor): Timing | undefined {
  if (c.take(T.Always)) return { kind: "always" };
  if (c.take(T.Never)) return { kind: "never" };
  const word = c.take(T.Within) ?? c.take(T.At) ?? c.take(T.For);
  if (word !== undefined) {
    const token = c.takeOf(durations);
    const d = token && parseDuration(token.image);
    if (d === undefined) return undefined;
    if (word.tokenType === T.Within) return { kind: "within", d };
    if (word.tokenType === T.At) return { kind: "at", t: d };
    return { kind: "for", d };
  }
  if (!c.take(T.From)) return undefined;
  const fromToken = c.takeOf(durations);
  if (fromToken === undefined || !c.take(T.To)) return undefined;
  const toToken = c.takeOf(durations);
  const from = parseDuration(fromToken.image);
  const to = toToken && parseDuration(toToken.image);
  // A window that ends before it starts is reported by toAst.
  if (from === undefined || to === undefined || to < from) return undefined;
  return { kind: "fromTo", from, to };
}
