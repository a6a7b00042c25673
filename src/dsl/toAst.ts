/**
 * CST → AST: the meaning of the grammar (Chevrotain's step3a_actions_visitor style). Each
 * method reads one rule's CST children and returns plain objects of ast.ts, with units
 * converted (durations → seconds, CPU → millicores, memory → bytes) and spans attached.
 * Problems that need only the statement itself (an unknown quantity, a value of the wrong
 * kind) are reported here; problems across statements are semantics.ts's.
 *
 * Under error recovery a CST node may lack children the grammar requires; statements that
 * hold a syntax error are skipped by the caller, and every read here tolerates absence.
 */
import { qualifiedName } from "../k8s/namespaces.ts";
import { isValidLabelValue } from "../k8s/validateMeta.ts";
import type { CstNode, IToken } from "chevrotain";
import type {
  AstCpuAmount,
  AstFault,
  CpuAmountToken,
  AstLoad,
  AstSeries,
  AstTrafficFile,
  CompareOp,
  ExpectValue,
  ExplainWindowAst,
  ManifestSource,
  Quantity,
  Span,
  Statement,
  TargetRef,
  TimeMark,
  Timing,
} from "./ast.ts";
import type * as C from "./cst.d.ts";
import { messages, type MessageText } from "./messages.ts";
import type { LineMap } from "./span.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { SETTINGS, settingInfo } from "../k8s/settings.ts";
import { suggest } from "../text/suggest.ts";
import type { HeredocPayload, KubectlPayload } from "./tokens.ts";
import { parseDuration, parsePercent, parseQuantityMilli, parseQuantityValue, parseRate } from "./units.ts";

export interface AstContext {
  file: string;
  lines: LineMap;
  report: (m: MessageText, span: Span) => void;
  /** The kinds targets may name (their language words). */
  kinds: KindRegistry;
}

/** The kinds targets may name, each with its kubectl short names: "deployment (deploy), rs, pod (po)…". */
function kindsText(kinds: KindRegistry): string {
  return kinds
    .all()
    .flatMap((d) => {
      if (!d.language) return [];
      const short = d.shortNames.filter((n) => n !== d.language?.word);
      return [short.length ? `${d.language.word} (${short.join(", ")})` : d.language.word];
    })
    .join(", ");
}

/** Quantity words after `expect [TARGET]`, with the AST kind each means. */
export const quantityWords: Record<string, Quantity["kind"]> = {
  replicas: "replicas",
  pods: "pods",
  ready: "ready",
  available: "available",
  updated: "updated",
  unavailable: "unavailable",
  revision: "revision",
  current: "current",
  desired: "desired",
  utilization: "utilization",
  "pod-minutes": "podMinutes",
  unserved: "unserved",
  image: "image",
  metric: "metric",
  condition: "condition",
  event: "event",
  rollout: "rolloutComplete",
  "scale-events": "scaleEvents",
  latency: "latency",
  dropped: "dropped",
  pending: "pending",
  nodes: "nodes",
};

/** Quantities counted in whole numbers. */
const countKinds = new Set<Quantity["kind"]>([
  "replicas",
  "pods",
  "ready",
  "available",
  "updated",
  "unavailable",
  "revision",
  "current",
  "desired",
  "scaleEvents",
  "nodes",
  "pending",
]);

/** A statement before its span is known (Omit that keeps the union's members apart). */
type StatementBody = Statement extends infer S ? (S extends Statement ? Omit<S, "span"> : never) : never;

const first = <T>(items: T[] | undefined): T | undefined => items?.[0];

/** Widens `extent` to cover every real token under `node`. */
function tokenExtent(node: CstNode, extent: { start: number; end: number }): void {
  for (const key in node.children) {
    for (const child of node.children[key]) {
      if ("children" in child) tokenExtent(child, extent);
      else if (real(child) !== undefined) {
        if (child.startOffset < extent.start) extent.start = child.startOffset;
        const end = child.startOffset + child.image.length;
        if (end > extent.end) extent.end = end;
      }
    }
  }
}

/** A token the parser really read (not one it invented while recovering). */
const real = (token: IToken | undefined): IToken | undefined =>
  token === undefined || token.isInsertedInRecovery || Number.isNaN(token.startOffset) ? undefined : token;

/** The options after a load's amount, as read (toAst checks which fit which load). */
interface LoadOptions {
  cost?: { milli: number; span: Span };
  times?: { value: number; span: Span };
  series?: { labels: { name: string; value: string }[]; span: Span };
  column?: { name: string; span: Span };
  sum?: Span;
}

/**
 * Latency statistics by name: `mean` (also avg, average), `median` (p50), and any `pNN`
 * percentile such as p95 or p99.9. Example: `p99.9` → 99.9; `p100` → undefined.
 */
export function latencyStatistic(word: string): "mean" | number | undefined {
  const w = word.toLowerCase();
  if (w === "mean" || w === "avg" || w === "average") return "mean";
  if (w === "median") return 50;
  const m = /^p(\d+(?:\.\d+)?)$/.exec(w);
  if (!m) return undefined;
  const p = Number(m[1]);
  return p > 0 && p < 100 ? p : undefined;
}

type Expectation = {
  quantity: Quantity;
  op: CompareOp;
  value?: ExpectValue;
  target?: TargetRef;
  defaultTiming?: Timing;
};

/**
 * A method per grammar rule, each called directly on its node's children. Not a subclass of
 * Chevrotain's generated visitor base: that base needs the parser built first, and
 * parseScenario builds the parser only for lines the hand-built path (fastPath.ts) leaves to
 * it. The generated interface still makes the compiler require a method for every rule (what
 * the base's `validateVisitor` checked at run time); Chevrotain's `visit` dispatch is not used.
 */
class AstBuilder implements Omit<C.ScenarioCstVisitor<AstContext, unknown>, "visit" | "validateVisitor"> {
  // ── helpers ──

  private span(ctx: AstContext, token: IToken): Span {
    return ctx.lines.span(token.startOffset, token.image.length);
  }

  /** From the node's first token to the end of its last (nodes carry no locations: see parser.ts). */
  private nodeSpan(ctx: AstContext, node: CstNode): Span {
    const extent = { start: Infinity, end: -Infinity };
    tokenExtent(node, extent);
    if (extent.start > extent.end) return ctx.lines.span(0, 0);
    return ctx.lines.range(extent.start, extent.end);
  }

  private duration(token: IToken | undefined): number | undefined {
    const t = real(token);
    return t === undefined ? undefined : parseDuration(t.image);
  }

  /** A double-quoted string's value, reporting unknown escapes where they stand. */
  stringValue(ctx: AstContext, token: IToken): string {
    const image = token.image;
    const closed = token.tokenType.name === "StringLiteral";
    const inner = image.slice(1, closed ? -1 : undefined);
    let out = "";
    for (let i = 0; i < inner.length; i++) {
      const ch = inner[i];
      if (ch !== "\\") {
        out += ch;
        continue;
      }
      const next = inner[i + 1];
      const escapes: Record<string, string> = { '"': '"', "\\": "\\", n: "\n", t: "\t" };
      if (next !== undefined && escapes[next] !== undefined) out += escapes[next];
      else {
        const sequence = next === undefined ? "\\" : `\\${next}`;
        ctx.report(
          messages.unknownEscape(sequence),
          ctx.lines.span(token.startOffset + 1 + i, sequence.length),
        );
        out += next ?? "";
      }
      i++;
    }
    return out;
  }

  // ── the file ──

  scenario(children: C.ScenarioCstChildren, ctx?: AstContext): Statement[] {
    const out: Statement[] = [];
    for (const node of children.statement ?? []) {
      const statement = this.statement(node.children, ctx, node);
      if (statement !== undefined) out.push(statement);
    }
    return out;
  }

  statementLine(children: C.StatementLineCstChildren, ctx?: AstContext): Statement | undefined {
    const node = first(children.statement);
    return node ? this.statement(node.children, ctx, node) : undefined;
  }

  separator(): undefined {
    return undefined;
  }

  /**
   * Where the statement being built ends (just past its last token): toStatement knows it
   * from the tokens it parsed, which is cheaper than walking the CST for it.
   */
  private statementEnd = 0;

  statement(children: C.StatementCstChildren, ctx?: AstContext, node?: CstNode): Statement | undefined {
    if (ctx === undefined || node === undefined) return undefined;
    return this.statementSpanning(children, ctx, this.nodeSpan(ctx, node));
  }

  statementSpanning(children: C.StatementCstChildren, ctx: AstContext, span: Span): Statement | undefined {
    this.statementEnd = span.offset + span.length;
    const markNode = first(children.timeMark);
    const time = markNode ? this.timeMark(markNode.children, ctx) : undefined;
    const commandNode = first(children.command);
    if (commandNode === undefined) return time ? { kind: "time", time, span } : undefined;
    const command = this.command(commandNode.children, ctx);
    if (command === undefined) return undefined;
    // The command's object is fresh: complete it in place rather than copy it.
    const statement = command as Statement;
    statement.span = span;
    if (time) statement.time = time;
    return statement;
  }

  timeMark(children: C.TimeMarkCstChildren, ctx?: AstContext): TimeMark | undefined {
    const mark = real(first(children.At ?? children.After));
    const duration = real(first(children.Duration));
    const seconds = this.duration(duration);
    if (ctx === undefined || seconds === undefined || mark === undefined || duration === undefined)
      return undefined;
    const span = ctx.lines.range(mark.startOffset, duration.startOffset + duration.image.length);
    return children.At ? { kind: "at", t: seconds, span } : { kind: "after", d: seconds, span };
  }

  command(children: C.CommandCstChildren, ctx?: AstContext): StatementBody | undefined {
    if (ctx === undefined) return undefined;
    const c = children;
    if (c.titleStatement) return this.titleStatement(c.titleStatement[0].children, ctx);
    if (c.manifestStatement) return this.manifestStatement(c.manifestStatement[0].children, ctx);
    if (c.setStatement) return this.setStatement(c.setStatement[0].children, ctx);
    if (c.applyStatement) return this.applyStatement(c.applyStatement[0].children, ctx);
    if (c.kubectlStatement) return this.kubectlStatement(c.kubectlStatement[0].children, ctx);
    if (c.loadStatement) return this.loadStatement(c.loadStatement[0].children, ctx);
    if (c.watchStatement) return this.watchStatement(c.watchStatement[0].children, ctx);
    if (c.nodesStatement) return this.nodesStatement(c.nodesStatement[0].children, ctx);
    if (c.autoscaleNodesStatement)
      return this.autoscaleNodesStatement(c.autoscaleNodesStatement[0].children, ctx);
    if (c.explainStatement) return this.explainStatement(c.explainStatement[0].children, ctx);
    if (c.faultStatement) return this.faultStatement(c.faultStatement[0].children, ctx);
    if (c.runStatement) return this.runStatement(c.runStatement[0].children, ctx);
    if (c.expectStatement) return this.expectStatement(c.expectStatement[0].children, ctx);
    return undefined;
  }

  // ── declarations ──

  titleStatement(children: C.TitleStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    const token = real(first(children.StringLike));
    if (ctx === undefined || token === undefined) return undefined;
    return { kind: "title", title: this.stringValue(ctx, token) };
  }

  manifestStatement(children: C.ManifestStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    const name = real(first(children.Name));
    const sourceNode = first(children.manifestSource);
    if (ctx === undefined || name === undefined || sourceNode === undefined) return undefined;
    const source = this.manifestSource(sourceNode.children, ctx);
    if (source === undefined) return undefined;
    return { kind: "manifest", name: name.image, nameSpan: this.span(ctx, name), source };
  }

  manifestSource(children: C.ManifestSourceCstChildren, ctx?: AstContext): ManifestSource | undefined {
    if (ctx === undefined) return undefined;
    const heredoc = real(first(children.Heredoc));
    if (heredoc !== undefined) {
      const payload = heredoc.payload as HeredocPayload;
      return {
        kind: "heredoc",
        text: payload.body,
        bodyLine: ctx.lines.position(payload.bodyOffset).line,
        bodyOffset: payload.bodyOffset,
        span: this.span(ctx, heredoc),
      };
    }
    const path = real(first(children.StringLike));
    if (path === undefined) return undefined;
    return { kind: "file", path: this.stringValue(ctx, path), span: this.span(ctx, path) };
  }

  setStatement(children: C.SetStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    const key = real(first(children.key));
    const valueNode = first(children.settingValue);
    if (ctx === undefined || key === undefined || valueNode === undefined) return undefined;
    const token = this.settingValue(valueNode.children);
    if (token === undefined) return undefined;
    const value = readSettingValue(key, token, ctx, (t) => this.span(ctx, t));
    if (value === undefined) return undefined;
    return {
      kind: "set",
      key: key.image,
      keySpan: this.span(ctx, key),
      value,
      raw: token.image,
      valueSpan: this.span(ctx, token),
    };
  }

  settingValue(children: C.SettingValueCstChildren): IToken | undefined {
    return real(first(children.Duration ?? children.Percent ?? children.MemoryQuantity ?? children.Bool));
  }

  // ── actions ──

  applyStatement(children: C.ApplyStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    if (ctx === undefined) return undefined;
    const sourceNode = first(children.manifestSource);
    if (sourceNode !== undefined) {
      const source = this.manifestSource(sourceNode.children, ctx);
      return source === undefined ? undefined : { kind: "apply", source };
    }
    const name = real(first(children.manifestName));
    if (name === undefined) return undefined;
    return { kind: "apply", source: { kind: "name", name: name.image, span: this.span(ctx, name) } };
  }

  kubectlStatement(children: C.KubectlStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    const token = real(first(children.Kubectl));
    if (ctx === undefined || token === undefined) return undefined;
    const payload = token.payload as KubectlPayload;
    const argsSpan = ctx.lines.span(payload.argsOffset, payload.args.length);
    if (payload.args === "") ctx.report(messages.emptyKubectl(), this.span(ctx, token));
    if (payload.unclosedQuote !== undefined) {
      const q = ctx.lines.text[payload.unclosedQuote];
      ctx.report(messages.unclosedKubectlQuote(q), ctx.lines.span(payload.unclosedQuote, 1));
    }
    return { kind: "kubectl", args: payload.args, argsSpan };
  }

  loadStatement(children: C.LoadStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    if (ctx === undefined) return undefined;
    const targetNode = first(children.target);
    const target = targetNode ? this.target(targetNode.children, ctx) : undefined;
    if (targetNode && target === undefined) return undefined;
    let load: AstLoad | undefined;
    if (children.cpuLoad) load = this.cpuLoad(children.cpuLoad[0].children, ctx);
    else if (children.memoryLoad) load = this.memoryLoad(children.memoryLoad[0].children, ctx);
    else if (children.requestsLoad) load = this.requestsLoad(children.requestsLoad[0].children, ctx);
    else if (children.metricLoad) load = this.metricLoad(children.metricLoad[0].children, ctx);
    else if (children.Off) load = { kind: "off" };
    if (load === undefined) return undefined;
    const cpuAmounts = children.cpuLoad ? this.cpuAmountTokens(children.cpuLoad[0].children, ctx) : [];
    return {
      kind: "load",
      ...(target ? { target } : {}),
      load,
      ...(cpuAmounts.length ? { cpuAmounts } : {}),
    };
  }

  /** The CPU amounts of a `load cpu` statement, as written, in order. */
  private cpuAmountTokens(children: C.CpuLoadCstChildren, ctx: AstContext): CpuAmountToken[] {
    const nodes = [...(children.amount ?? []), ...(children.rampTo ?? []), ...(children.steps ?? [])];
    const out: CpuAmountToken[] = [];
    for (const n of nodes) {
      const percent = real(first(n.children.Percent));
      const cpu = real(first(n.children.CpuQuantity));
      const tok = percent ?? cpu;
      if (tok === undefined) continue;
      out.push({
        text: tok.image,
        span: this.span(ctx, tok),
        bare: percent === undefined && /^[0-9.eE+-]+$/.test(tok.image),
        percent: percent !== undefined,
      });
    }
    return out.sort((a, b) => a.span.offset - b.span.offset);
  }

  cpuLoad(children: C.CpuLoadCstChildren, ctx?: AstContext): AstLoad | undefined {
    if (ctx === undefined) return undefined;
    const fileNode = first(children.trafficFile);
    if (fileNode) {
      const file = this.trafficFile(fileNode.children, ctx);
      const options = this.options(children.loadOption, ctx, "a CPU replay", { file: true });
      if (file === undefined || options === undefined) return undefined;
      return this.withTimes({ kind: "cpuFile", file: withFileOptions(file, options) }, options);
    }
    if (children.Steps) {
      const amounts = (children.steps ?? []).map((n) => this.cpuAmount(n.children, ctx));
      const everyToken = real(first(children.every));
      const every = this.duration(everyToken);
      if (amounts.some((a) => a === undefined) || every === undefined || everyToken === undefined)
        return undefined;
      if (every <= 0) {
        ctx.report(messages.notPositive("`every`", everyToken.image), this.span(ctx, everyToken));
      }
      return { kind: "cpuSteps", amounts: amounts as AstCpuAmount[], every };
    }
    const amountNode = first(children.amount);
    const amount = amountNode ? this.cpuAmount(amountNode.children, ctx) : undefined;
    if (amount === undefined) return undefined;
    if (children.Per) {
      if (!children.Startup) return { kind: "cpuPerPod", amount };
      const forToken = real(first(children.startupFor));
      const startupFor = this.duration(forToken);
      if (startupFor === undefined || forToken === undefined) return undefined;
      if (startupFor <= 0) {
        ctx.report(
          messages.notPositive("the warm-up after `at startup for`", forToken.image),
          this.span(ctx, forToken),
        );
      }
      return { kind: "cpuPerPod", amount, startupFor };
    }
    if (children.Ramp) {
      const toNode = first(children.rampTo);
      const rampTo = toNode ? this.cpuAmount(toNode.children, ctx) : undefined;
      const overToken = real(first(children.rampOver));
      const rampOver = this.duration(overToken);
      if (rampTo === undefined || rampOver === undefined) return undefined;
      return { kind: "cpu", amount, rampTo, rampOver };
    }
    return { kind: "cpu", amount };
  }

  cpuAmount(children: C.CpuAmountCstChildren, _ctx?: AstContext): AstCpuAmount | undefined {
    const percent = real(first(children.Percent));
    if (percent !== undefined) {
      const value = parsePercent(percent.image);
      return value === undefined ? undefined : { percentOfRequest: value };
    }
    const cpu = real(first(children.CpuQuantity));
    const milli = cpu === undefined ? undefined : parseQuantityMilli(cpu.image);
    return milli === undefined ? undefined : { milli };
  }

  memoryLoad(children: C.MemoryLoadCstChildren, ctx?: AstContext): AstLoad | undefined {
    const amount = real(first(children.MemoryQuantity));
    const bytes = amount === undefined ? undefined : parseQuantityValue(amount.image);
    if (ctx === undefined || bytes === undefined) return undefined;
    const load: AstLoad & { kind: "memoryPerPod" } = { kind: "memoryPerPod", bytes };
    const pods = real(first(children.onPods));
    if (pods !== undefined) {
      const n = Number(pods.image);
      if (!Number.isInteger(n))
        ctx.report(messages.notAWholeNumber("the number of pods", pods.image), this.span(ctx, pods));
      else if (n <= 0)
        ctx.report(messages.notPositive("the number of pods", pods.image), this.span(ctx, pods));
      load.onPods = n;
    }
    const duration = this.duration(first(children.Duration));
    if (duration !== undefined) load.duration = duration;
    return load;
  }

  requestsLoad(children: C.RequestsLoadCstChildren, ctx?: AstContext): AstLoad | undefined {
    if (ctx === undefined) return undefined;
    const fileNode = first(children.trafficFile);
    const options = this.options(children.loadOption, ctx, "request traffic", {
      file: fileNode !== undefined,
      cost: true,
    });
    if (options === undefined) return undefined;
    let rps: number | AstSeries | undefined;
    if (fileNode) {
      const file = this.trafficFile(fileNode.children, ctx);
      rps = file && { kind: "file", file: withFileOptions(file, options) };
    } else if (children.Steps) {
      const values = (children.steps ?? []).map((t) => parseRate(t.image));
      const every = this.every(first(children.every), ctx);
      if (values.some((v) => v === undefined) || every === undefined) return undefined;
      rps = { kind: "steps", values: values as number[], every };
    } else {
      const rate = real(first(children.Rate));
      rps = rate === undefined ? undefined : parseRate(rate.image);
    }
    if (rps === undefined) return undefined;
    const load: AstLoad & { kind: "requests" } = { kind: "requests", rps };
    if (options.cost) load.costMilliPerRequest = options.cost.milli;
    return this.withTimes(load, options);
  }

  metricLoad(children: C.MetricLoadCstChildren, ctx?: AstContext): AstLoad | undefined {
    const name = ctx && this.metricName(first(children.metricName)?.children, ctx);
    if (ctx === undefined || name === undefined) return undefined;
    const fileNode = first(children.trafficFile);
    const options = this.options(children.loadOption, ctx, "a metric", { file: fileNode !== undefined });
    if (options === undefined) return undefined;
    let value: number | AstSeries | undefined;
    if (fileNode) {
      const file = this.trafficFile(fileNode.children, ctx);
      value = file && { kind: "file", file: withFileOptions(file, options) };
    } else if (children.Steps) {
      const values = (children.steps ?? []).map((n) => this.metricValue(n.children));
      const every = this.every(first(children.every), ctx);
      if (values.some((v) => v === undefined) || every === undefined) return undefined;
      value = { kind: "steps", values: values as number[], every };
    } else {
      const valueNode = first(children.metricValue);
      value = valueNode ? this.metricValue(valueNode.children) : undefined;
    }
    if (value === undefined) return undefined;
    const load: AstLoad & { kind: "metric" } = { kind: "metric", name, valueMilli: value };
    if (children.Total) load.total = true;
    return this.withTimes(load, options);
  }

  /** A metric's name as written: a word, or a quoted string's value. */
  metricName(children: C.MetricNameCstChildren | undefined, ctx: AstContext): string | undefined {
    const word = real(first(children?.Name));
    if (word !== undefined) return word.image;
    const quoted = real(first(children?.StringLike));
    return quoted && this.stringValue(ctx, quoted);
  }

  /** `every D` of a step list: a positive duration. */
  private every(token: IToken | undefined, ctx: AstContext): number | undefined {
    const t = real(token);
    const every = this.duration(t);
    if (every === undefined || t === undefined) return undefined;
    if (every <= 0) ctx.report(messages.notPositive("`every`", t.image), this.span(ctx, t));
    return every;
  }

  private withTimes<L extends AstLoad & { times?: number }>(load: L, options: LoadOptions): L {
    if (options.times) load.times = options.times.value;
    return load;
  }

  trafficFile(children: C.TrafficFileCstChildren, ctx?: AstContext): AstTrafficFile | undefined {
    const fileToken = real(first(children.File));
    const pathToken = real(first(children.StringLike));
    if (ctx === undefined || fileToken === undefined || pathToken === undefined) return undefined;
    return {
      path: this.stringValue(ctx, pathToken),
      span: ctx.lines.range(fileToken.startOffset, pathToken.startOffset + pathToken.image.length),
    };
  }

  /**
   * A load's options, each at most once, and only where it fits: `cost` for request traffic,
   * `series`/`column`/`sum` with a file; `times` anywhere (a positive factor).
   */
  private options(
    nodes: C.LoadOptionCstNode[] | undefined,
    ctx: AstContext,
    what: string,
    fits: { file: boolean; cost?: boolean },
  ): LoadOptions | undefined {
    const out: LoadOptions = {};
    let ok = true;
    for (const node of nodes ?? []) {
      const read = this.loadOption(node.children, ctx);
      if (read === undefined) {
        ok = false;
        continue;
      }
      const { key, span } = read;
      if (out[key] !== undefined) {
        ctx.report(messages.duplicateOption(key), span);
        ok = false;
        continue;
      }
      if (key === "cost" && !fits.cost) {
        ctx.report(
          messages.optionNotHere("cost", `it is the CPU one request needs, and this is ${what}`),
          span,
        );
        ok = false;
        continue;
      }
      if ((key === "series" || key === "column" || key === "sum") && !fits.file) {
        ctx.report(
          messages.optionNotHere(key, 'it picks what a file replays: write it after `file "…"`'),
          span,
        );
        ok = false;
        continue;
      }
      Object.assign(out, read.value);
    }
    return ok ? out : undefined;
  }

  loadOption(
    children: C.LoadOptionCstChildren,
    ctx?: AstContext,
  ): { key: keyof LoadOptions; span: Span; value: LoadOptions } | undefined {
    if (ctx === undefined) return undefined;
    const c = children;
    const spanOf = (a: IToken | undefined, b: IToken | undefined): Span | undefined =>
      real(a) && real(b) ? ctx.lines.range(a!.startOffset, b!.startOffset + b!.image.length) : undefined;
    if (c.Cost) {
      const token = real(first(c.CpuQuantity));
      const milli = token === undefined ? undefined : parseQuantityMilli(token.image);
      const span = spanOf(first(c.Cost), first(c.Request));
      if (milli === undefined || span === undefined) return undefined;
      return { key: "cost", span, value: { cost: { milli, span } } };
    }
    if (c.Times) {
      const token = real(first(c.NumberLike));
      const span = spanOf(first(c.Times), token);
      if (token === undefined || span === undefined) return undefined;
      const value = Number(token.image);
      if (!(value > 0)) {
        ctx.report(messages.notPositive("the factor after `times`", token.image), this.span(ctx, token));
        return undefined;
      }
      return { key: "times", span, value: { times: { value, span } } };
    }
    if (c.Series) {
      const labels = (c.labelMatch ?? []).map((n) => this.labelMatch(n.children, ctx));
      if (labels.some((l) => l === undefined) || labels.length === 0) return undefined;
      const last = c.labelMatch![c.labelMatch!.length - 1];
      const end = this.nodeSpan(ctx, last);
      const start = first(c.Series)!;
      const span = ctx.lines.range(start.startOffset, end.offset + end.length);
      return {
        key: "series",
        span,
        value: { series: { labels: labels as { name: string; value: string }[], span } },
      };
    }
    if (c.Column) {
      const token = real(first(c.StringLike));
      const span = spanOf(first(c.Column), token);
      if (token === undefined || span === undefined) return undefined;
      return { key: "column", span, value: { column: { name: this.stringValue(ctx, token), span } } };
    }
    const sum = real(first(c.Sum));
    if (sum === undefined) return undefined;
    const span = this.span(ctx, sum);
    return { key: "sum", span, value: { sum: span } };
  }

  labelMatch(
    children: C.LabelMatchCstChildren,
    ctx?: AstContext,
  ): { name: string; value: string } | undefined {
    const name = real(first(children.Name));
    const value = real(first(children.StringLike));
    if (ctx === undefined || name === undefined || value === undefined) return undefined;
    return { name: name.image, value: this.stringValue(ctx, value) };
  }

  /** A custom metric's value in milli-units, as the metrics APIs carry it: `250` → 250000. */
  metricValue(children: C.MetricValueCstChildren): number | undefined {
    const token = real(first(children.MinutesOrMillis ?? children.ByteQuantity ?? children.NumberLike));
    return token === undefined ? undefined : parseQuantityMilli(token.image);
  }

  nodesStatement(children: C.NodesStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    const countToken = real(first(children.count));
    const cpuToken = real(first(children.cpu));
    const memoryToken = real(first(children.memory));
    if (ctx === undefined || countToken === undefined || cpuToken === undefined || memoryToken === undefined)
      return undefined;
    const count = this.wholeNumber("the number of nodes", countToken, ctx);
    const cpuMilli = parseQuantityMilli(cpuToken.image);
    const memoryBytes = parseQuantityValue(memoryToken.image);
    if (count === undefined || cpuMilli === undefined || memoryBytes === undefined) return undefined;
    if (cpuMilli <= 0)
      ctx.report(messages.notPositive("a node's cpu", cpuToken.image), this.span(ctx, cpuToken));
    if (memoryBytes <= 0)
      ctx.report(messages.notPositive("a node's memory", memoryToken.image), this.span(ctx, memoryToken));
    const statement: StatementBody & { kind: "nodes" } = { kind: "nodes", count, cpuMilli, memoryBytes };
    const pools = children.pool ?? [];
    const maxPods = children.maxPods ?? [];
    if (pools.length > 1) ctx.report(messages.duplicateOption("named"), this.span(ctx, pools[1]));
    if (maxPods.length > 1) ctx.report(messages.duplicateOption("pods"), this.span(ctx, maxPods[1]));
    const pool = real(pools[0]);
    if (pool !== undefined) {
      if (!this.poolName(pool, ctx)) return undefined;
      statement.pool = pool.image;
      statement.poolSpan = this.span(ctx, pool);
    }
    const zones = children.zone ?? [];
    if (zones.length > 1) ctx.report(messages.duplicateOption("zone"), this.span(ctx, zones[1]));
    const zone = real(zones[0]);
    if (zone !== undefined) {
      const problems = isValidLabelValue(zone.image);
      if (problems.length) {
        ctx.report(messages.badZone(zone.image, problems.join("; ")), this.span(ctx, zone));
        return undefined;
      }
      statement.zone = zone.image;
    }
    const podsToken = real(maxPods[0]);
    if (podsToken !== undefined) {
      const n = this.wholeNumber("a node's pod limit", podsToken, ctx);
      if (n === undefined) return undefined;
      if (n <= 0)
        ctx.report(messages.notPositive("a node's pod limit", podsToken.image), this.span(ctx, podsToken));
      statement.maxPods = n;
    }
    return statement;
  }

  autoscaleNodesStatement(
    children: C.AutoscaleNodesStatementCstChildren,
    ctx?: AstContext,
  ): StatementBody | undefined {
    const minToken = real(first(children.min));
    const maxToken = real(first(children.max));
    if (ctx === undefined || minToken === undefined || maxToken === undefined) return undefined;
    const min = this.wholeNumber("a pool's minimum size", minToken, ctx);
    const max = this.wholeNumber("a pool's maximum size", maxToken, ctx);
    if (min === undefined || max === undefined) return undefined;
    if (max < min)
      ctx.report(
        messages.badNodeBounds(min, max),
        ctx.lines.range(minToken.startOffset, maxToken.startOffset + maxToken.image.length),
      );
    if (max <= 0)
      ctx.report(messages.notPositive("a pool's maximum size", maxToken.image), this.span(ctx, maxToken));
    const statement: StatementBody & { kind: "autoscaleNodes" } = { kind: "autoscaleNodes", min, max };
    const pool = real(first(children.pool));
    if (pool !== undefined) {
      if (!this.poolName(pool, ctx)) return undefined;
      statement.pool = pool.image;
      statement.poolSpan = this.span(ctx, pool);
    }
    const provisions = children.provision ?? [];
    const afters = children.scaleDownAfter ?? [];
    if (provisions.length > 1)
      ctx.report(messages.duplicateOption("provision"), this.span(ctx, provisions[1]));
    if (afters.length > 1)
      ctx.report(messages.duplicateOption("scale-down after"), this.span(ctx, afters[1]));
    const provision = this.duration(real(provisions[0]));
    if (provision !== undefined) statement.provision = provision;
    const after = this.duration(real(afters[0]));
    if (after !== undefined) statement.scaleDownAfter = after;
    return statement;
  }

  /** A whole number of things, or a report. */
  private wholeNumber(what: string, token: IToken, ctx: AstContext): number | undefined {
    const n = Number(token.image);
    if (!Number.isInteger(n)) {
      ctx.report(messages.notAWholeNumber(what, token.image), this.span(ctx, token));
      return undefined;
    }
    return n;
  }

  /**
   * A pool names its nodes POOL-1, POOL-2…, which must be DNS subdomains (ValidateNodeName):
   * the pool name is held to a DNS label, as GKE and EKS hold theirs.
   */
  private poolName(token: IToken, ctx: AstContext): boolean {
    const name = token.image;
    const problem = !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)
      ? "must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
      : name.length > 50
        ? "must be no more than 50 characters"
        : undefined;
    if (problem) ctx.report(messages.badPoolName(name, problem), this.span(ctx, token));
    return problem === undefined;
  }

  watchStatement(children: C.WatchStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    const node = first(children.target);
    const target = node && ctx ? this.target(node.children, ctx) : undefined;
    return target === undefined ? undefined : { kind: "watch", target };
  }

  explainStatement(children: C.ExplainStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    if (ctx === undefined) return undefined;
    const targetNode = first(children.target);
    const target = targetNode ? this.target(targetNode.children, ctx) : undefined;
    if (targetNode && target === undefined) return undefined;
    const windowNode = first(children.explainWindow);
    const window = windowNode ? this.explainWindow(windowNode.children, ctx) : undefined;
    if (windowNode && window === undefined) return undefined;
    const statement: StatementBody & { kind: "explain" } = { kind: "explain" };
    if (target) statement.target = target;
    if (window) statement.window = window;
    return statement;
  }

  explainWindow(children: C.ExplainWindowCstChildren, ctx?: AstContext): ExplainWindowAst | undefined {
    if (ctx === undefined) return undefined;
    if (children.At) {
      const t = this.duration(first(children.Duration));
      return t === undefined ? undefined : { kind: "at", t };
    }
    const fromToken = real(first(children.from));
    const toToken = real(first(children.to));
    const from = this.duration(fromToken);
    const to = this.duration(toToken);
    if (from === undefined || to === undefined || fromToken === undefined || toToken === undefined)
      return undefined;
    if (to < from)
      ctx.report(
        messages.windowEndsBeforeStart(fromToken.image, toToken.image),
        ctx.lines.range(fromToken.startOffset, toToken.startOffset + toToken.image.length),
      );
    return { kind: "fromTo", from, to };
  }

  faultStatement(children: C.FaultStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    if (ctx === undefined) return undefined;
    const c = children;
    let fault: AstFault | undefined;
    const podsNode = first(c.faultPods);
    if ((c.Crash || c.Pull) && c.Image) {
      const nameNode = first(c.imageName);
      const token = nameNode ? this.imageName(nameNode.children) : undefined;
      if (token === undefined) return undefined;
      const isString = token.tokenType.CATEGORIES?.some((k) => k.name === "StringLike") ?? false;
      const image = isString ? this.stringValue(ctx, token) : token.image;
      fault = { kind: c.Pull ? "pullImage" : "crashImage", image };
    } else if ((c.Crash || c.Unready) && podsNode) {
      const pods = this.faultPods(podsNode.children, ctx);
      if (pods === undefined) return undefined;
      fault = { kind: c.Crash ? "crash" : "unready", ...pods };
    } else if (c.Node) {
      const name = real(first(c.Name));
      if (name === undefined) return undefined;
      fault = { kind: "nodeDown", node: name.image, nodeSpan: this.span(ctx, name) };
    } else if (c.Metrics) {
      fault = { kind: "metricsDown" };
    } else if (c.ScaleUpdates) {
      const targetNode = first(c.target);
      const target = targetNode ? this.target(targetNode.children, ctx) : undefined;
      if (targetNode && target === undefined) return undefined;
      fault = target ? { kind: "scaleUpdates", target } : { kind: "scaleUpdates" };
    }
    if (fault === undefined) return undefined;
    const statement: StatementBody & { kind: "fault" } = { kind: "fault", fault };
    if (c.For) {
      const duration = this.duration(first(c.Duration));
      if (duration === undefined) return undefined;
      const token = first(c.Duration)!;
      if (duration <= 0) {
        ctx.report(messages.notPositive("how long a fault lasts", token.image), this.span(ctx, token));
        return undefined;
      }
      statement.duration = duration;
    }
    return statement;
  }

  /** `[TARGET] N pods`: the target (when written) and how many of its pods. */
  faultPods(
    children: C.FaultPodsCstChildren,
    ctx?: AstContext,
  ): { target?: TargetRef; pods: number } | undefined {
    if (ctx === undefined) return undefined;
    const targetNode = first(children.target);
    const target = targetNode ? this.target(targetNode.children, ctx) : undefined;
    if (targetNode && target === undefined) return undefined;
    const count = real(first(children.count));
    if (count === undefined) return undefined;
    const n = Number(count.image);
    if (!Number.isInteger(n)) {
      ctx.report(messages.notAWholeNumber("the number of pods", count.image), this.span(ctx, count));
      return undefined;
    }
    if (n <= 0) {
      ctx.report(messages.notPositive("the number of pods", count.image), this.span(ctx, count));
      return undefined;
    }
    return target ? { target, pods: n } : { pods: n };
  }

  runStatement(children: C.RunStatementCstChildren, _ctx?: AstContext): StatementBody | undefined {
    const t = this.duration(first(children.Duration));
    if (t === undefined) return undefined;
    return { kind: "run", mode: children.Until ? "until" : "for", t };
  }

  target(children: C.TargetCstChildren, ctx?: AstContext): TargetRef | undefined {
    if (ctx === undefined) return undefined;
    const ref = real(first(children.ObjectRef));
    if (ref !== undefined) {
      const target = objectRefTarget(ref, ctx);
      if (target === undefined) {
        const parts = ref.image.split("/");
        const kindAt = parts.length === 3 ? parts[0].length + 1 : 0;
        const written = parts[parts.length - 2];
        // `deployment.apps/web`: the API group after the first dot does not change the kind.
        const kindWord = written.split(".")[0].toLowerCase();
        ctx.report(
          messages.unknownKind(written, suggest(kindWord, ctx.kinds.languageWords()), kindsText(ctx.kinds)),
          ctx.lines.span(ref.startOffset + kindAt, written.length),
        );
      }
      return target;
    }
    const word = real(first(children.KindWord));
    if (word === undefined) return undefined;
    const target = kindWordTarget(word, ctx);
    if (target === undefined)
      ctx.report(messages.unknownKind(word.image, undefined, kindsText(ctx.kinds)), this.span(ctx, word));
    return target;
  }

  // ── expectations ──

  expectStatement(children: C.ExpectStatementCstChildren, ctx?: AstContext): StatementBody | undefined {
    if (ctx === undefined) return undefined;
    const targetNode = first(children.target);
    const outer = targetNode ? this.target(targetNode.children, ctx) : undefined;
    if (targetNode && outer === undefined) return undefined;
    const expectationNode = first(children.expectation);
    const expectation = expectationNode ? this.expectation(expectationNode.children, ctx) : undefined;
    if (expectation === undefined) return undefined;
    const timingNode = first(children.timing);
    const timing = timingNode
      ? this.timing(timingNode.children, ctx)
      : (expectation.defaultTiming ?? { kind: "within", d: 0 });
    if (timing === undefined) return undefined;
    const target = expectation.target ?? outer;
    const expect = first(children.Expect)!;
    const span = ctx.lines.range(expect.startOffset, this.statementEnd);
    const statement: StatementBody & { kind: "expect" } = {
      kind: "expect",
      quantity: expectation.quantity,
      op: expectation.op,
      timing,
      text: ctx.lines.text.slice(span.offset, span.offset + span.length),
    };
    if (target) statement.target = target;
    if (expectation.value) statement.value = expectation.value;
    return statement;
  }

  expectation(children: C.ExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    if (ctx === undefined) return undefined;
    const c = children;
    if (c.rolloutExpectation) return this.rolloutExpectation(c.rolloutExpectation[0].children, ctx);
    if (c.eventExpectation) return this.eventExpectation(c.eventExpectation[0].children, ctx);
    if (c.conditionExpectation) return this.conditionExpectation(c.conditionExpectation[0].children, ctx);
    if (c.imageExpectation) return this.imageExpectation(c.imageExpectation[0].children, ctx);
    if (c.metricExpectation) return this.metricExpectation(c.metricExpectation[0].children, ctx);
    if (c.latencyExpectation) return this.latencyExpectation(c.latencyExpectation[0].children, ctx);
    if (c.scaleEventsExpectation)
      return this.scaleEventsExpectation(c.scaleEventsExpectation[0].children, ctx);
    if (c.podsExpectation) return this.podsExpectation(c.podsExpectation[0].children, ctx);
    if (c.nodesExpectation) return this.nodesExpectation(c.nodesExpectation[0].children, ctx);
    if (c.quantityExpectation) return this.quantityExpectation(c.quantityExpectation[0].children, ctx);
    return undefined;
  }

  rolloutExpectation(children: C.RolloutExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    if (ctx === undefined) return undefined;
    const targetNode = first(children.target);
    const target = targetNode ? this.target(targetNode.children, ctx) : undefined;
    if (targetNode && target === undefined) return undefined;
    const withTarget = target ? { target } : {};
    if (children.Complete) return { quantity: { kind: "rolloutComplete" }, op: "==", ...withTarget };
    const comparison = this.comparisonFor(
      "rollout duration",
      { kind: "rolloutDuration" },
      first(children.comparison),
      ctx,
    );
    if (comparison === undefined) return undefined;
    return { ...comparison, ...withTarget, defaultTiming: { kind: "always" } };
  }

  eventExpectation(children: C.EventExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    const token = real(first(children.StringLike));
    if (ctx === undefined || token === undefined) return undefined;
    return { quantity: { kind: "event", text: this.stringValue(ctx, token) }, op: "==" };
  }

  conditionExpectation(
    children: C.ConditionExpectationCstChildren,
    ctx?: AstContext,
  ): Expectation | undefined {
    const type = real(first(children.conditionType));
    if (ctx === undefined || type === undefined) return undefined;
    const reason = real(first(children.reason));
    const quantity: Quantity = reason
      ? { kind: "condition", type: type.image, reason: reason.image }
      : { kind: "condition", type: type.image };
    const bool = real(first(children.Bool));
    const op = compareOp(real(first(children.CompareOp)));
    if (op !== "==" && op !== "!=") {
      const opToken = first(children.CompareOp)!;
      ctx.report(messages.badExpectValue("condition", "== or !=", opToken.image), this.span(ctx, opToken));
    }
    // `condition Ready` alone means `condition Ready == True`, as kubectl wait --for=condition=Ready does.
    const value: ExpectValue = bool
      ? { kind: "bool", value: bool.image.toLowerCase() === "true", span: this.span(ctx, bool) }
      : { kind: "bool", value: true, span: this.span(ctx, type) };
    return { quantity, op, value };
  }

  imageExpectation(children: C.ImageExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    const imageToken = real(first(children.image));
    if (ctx === undefined || imageToken === undefined) return undefined;
    const op = compareOp(real(first(children.CompareOp)));
    const nameNode = first(children.imageName);
    let container: string | undefined;
    let valueToken = imageToken;
    if (nameNode !== undefined) {
      const token = this.imageName(nameNode.children);
      if (token === undefined) return undefined;
      container = imageToken.image;
      valueToken = token;
    }
    const isString = valueToken.tokenType.CATEGORIES?.some((c) => c.name === "StringLike") ?? false;
    const image = isString ? this.stringValue(ctx, valueToken) : valueToken.image;
    if (op !== "==" && op !== "!=") {
      const opToken = first(children.CompareOp)!;
      ctx.report(messages.badExpectValue("image", "== or !=", opToken.image), this.span(ctx, opToken));
    }
    return {
      quantity: container === undefined ? { kind: "image" } : { kind: "image", container },
      op,
      value: { kind: "string", value: image, span: this.span(ctx, valueToken) },
    };
  }

  imageName(children: C.ImageNameCstChildren): IToken | undefined {
    return real(first(children.ImageRef ?? children.StringLike ?? children.ObjectRef ?? children.Name));
  }

  metricExpectation(children: C.MetricExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    const name = ctx && this.metricName(first(children.metricName)?.children, ctx);
    if (ctx === undefined || name === undefined) return undefined;
    return this.comparisonFor(`metric ${name}`, { kind: "metric", name }, first(children.comparison), ctx);
  }

  latencyExpectation(children: C.LatencyExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    if (ctx === undefined) return undefined;
    const word = real(first(children.statistic));
    const statistic = word === undefined ? undefined : latencyStatistic(word.image);
    if (statistic === undefined) {
      const known = ["p50", "p90", "p95", "p99", "mean", "median"];
      ctx.report(
        messages.unknownLatencyStatistic(word?.image, word ? suggest(word.image, known) : undefined),
        word ? this.span(ctx, word) : this.span(ctx, first(children.Latency)!),
      );
      return undefined;
    }
    const label = `latency ${word!.image}`;
    return this.comparisonFor(label, { kind: "latency", statistic }, first(children.comparison), ctx);
  }

  scaleEventsExpectation(
    children: C.ScaleEventsExpectationCstChildren,
    ctx?: AstContext,
  ): Expectation | undefined {
    const perToken = real(first(children.Duration));
    const per = this.duration(perToken);
    if (ctx === undefined || per === undefined || perToken === undefined) return undefined;
    if (per <= 0)
      ctx.report(messages.notPositive("the window after `per`", perToken.image), this.span(ctx, perToken));
    const comparison = this.comparisonFor(
      "scale-events",
      { kind: "scaleEvents", per },
      first(children.comparison),
      ctx,
    );
    return comparison && { ...comparison, defaultTiming: { kind: "always" } };
  }

  podsExpectation(children: C.PodsExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    if (ctx === undefined) return undefined;
    const targetNode = first(children.target);
    const target = targetNode ? this.target(targetNode.children, ctx) : undefined;
    if (targetNode && target === undefined) return undefined;
    const kind = children.Ready ? "ready" : "pods";
    const comparison = this.comparisonFor(kind, { kind }, first(children.comparison), ctx);
    return comparison && { ...comparison, ...(target ? { target } : {}) };
  }

  nodesExpectation(children: C.NodesExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    if (ctx === undefined) return undefined;
    const pool = real(first(children.pool));
    const label = pool ? `nodes ${pool.image}` : "nodes";
    const quantity: Quantity = pool ? { kind: "nodes", pool: pool.image } : { kind: "nodes" };
    return this.comparisonFor(label, quantity, first(children.comparison), ctx);
  }

  quantityExpectation(children: C.QuantityExpectationCstChildren, ctx?: AstContext): Expectation | undefined {
    if (ctx === undefined) return undefined;
    const unknown = real(first(children.Identifier));
    if (unknown !== undefined) {
      const known = Object.keys(quantityWords);
      ctx.report(
        messages.unknownQuantity(unknown.image, suggest(unknown.image, known), known),
        this.span(ctx, unknown),
      );
      return undefined;
    }
    const word = real(first(children.QuantityWord ?? children.PodMinutes ?? children.Unserved));
    if (word === undefined) return undefined;
    const kind = quantityWords[word.image];
    const comparison = this.comparisonFor(word.image, { kind } as Quantity, first(children.comparison), ctx);
    if (comparison === undefined) return undefined;
    return kind === "podMinutes" ? { ...comparison, defaultTiming: { kind: "always" } } : comparison;
  }

  /** Reads `[OP] VALUE` and checks that the value suits the quantity. */
  private comparisonFor(
    label: string,
    quantity: Quantity,
    node: C.ComparisonCstNode | undefined,
    ctx: AstContext,
  ): Expectation | undefined {
    if (node === undefined) return undefined;
    const read = this.comparison(node.children, ctx);
    if (read === undefined) return undefined;
    const value = this.valueFor(label, quantity.kind, read.token, ctx);
    return value === undefined ? undefined : { quantity, op: read.op, value };
  }

  comparison(
    children: C.ComparisonCstChildren,
    _ctx?: AstContext,
  ): { op: CompareOp; token: IToken } | undefined {
    const valueNode = first(children.expectValue);
    const token = valueNode ? this.expectValue(valueNode.children) : undefined;
    if (token === undefined) return undefined;
    return { op: compareOp(real(first(children.CompareOp))), token };
  }

  expectValue(children: C.ExpectValueCstChildren): IToken | undefined {
    const c = children;
    return real(first(c.Percent ?? c.Duration ?? c.ByteQuantity ?? c.NumberLike ?? c.StringLike ?? c.Bool));
  }

  /** The value as the quantity reads it (expectValueOf), reporting a value that does not suit it. */
  private valueFor(
    label: string,
    kind: Quantity["kind"],
    token: IToken,
    ctx: AstContext,
  ): ExpectValue | undefined {
    const span = this.span(ctx, token);
    const value = expectValueOf(kind, token, span);
    if (typeof value !== "string") return value;
    ctx.report(messages.badExpectValue(label, value, token.image), span);
    return undefined;
  }

  timing(children: C.TimingCstChildren, ctx?: AstContext): Timing | undefined {
    if (ctx === undefined) return undefined;
    if (children.Always) return { kind: "always" };
    if (children.Never) return { kind: "never" };
    if (children.From) {
      const fromToken = real(first(children.from));
      const toToken = real(first(children.to));
      const from = this.duration(fromToken);
      const to = this.duration(toToken);
      if (from === undefined || to === undefined || fromToken === undefined || toToken === undefined)
        return undefined;
      if (to < from) {
        ctx.report(
          messages.windowEndsBeforeStart(fromToken.image, toToken.image),
          ctx.lines.range(fromToken.startOffset, toToken.startOffset + toToken.image.length),
        );
      }
      return { kind: "fromTo", from, to };
    }
    const d = this.duration(first(children.Duration));
    if (d === undefined) return undefined;
    if (children.Within) return { kind: "within", d };
    if (children.At) return { kind: "at", t: d };
    return { kind: "for", d };
  }
}

/**
 * The value of an expectation as its quantity reads it, or what the quantity wants instead.
 * Counts want whole numbers; `rollout duration` a duration (seconds, unit "s"); `utilization`
 * a percentage (a bare number counts as %); `unserved` CPU (millicores, unit "m") or a
 * percentage; `metric` any amount (`500m` is 500 with unit "m", `50Mi` bytes with unit
 * "bytes"). Example: ("replicas", `3`) → 3; ("replicas", `2.5`) → "a whole number".
 */
export function expectValueOf(kind: Quantity["kind"], token: IToken, span: Span): ExpectValue | string {
  const type = token.tokenType.name;
  const isNumber = type === "NumberLiteral" || type === "ExponentNumber";
  if (countKinds.has(kind)) {
    if (!isNumber) return "a whole number";
    const value = Number(token.image);
    if (!Number.isInteger(value)) return "a whole number";
    return { kind: "number", value, span };
  }
  switch (kind) {
    case "latency": {
      const seconds = parseDuration(token.image);
      if (seconds === undefined || !token.tokenType.CATEGORIES?.some((c) => c.name === "Duration")) {
        return "a duration such as 200ms";
      }
      return { kind: "number", value: seconds, unit: "s", span };
    }
    case "dropped": {
      if (type === "Percent") return { kind: "number", value: parsePercent(token.image)!, unit: "%", span };
      if (isNumber) return { kind: "number", value: Number(token.image), span };
      return "requests per second such as 0 or 5, or a share of those offered such as 1%";
    }
    case "rolloutDuration": {
      const seconds = parseDuration(token.image);
      if (seconds === undefined || !token.tokenType.CATEGORIES?.some((c) => c.name === "Duration")) {
        return "a duration such as 2m";
      }
      return { kind: "number", value: seconds, unit: "s", span };
    }
    case "utilization": {
      if (type === "Percent") return { kind: "number", value: parsePercent(token.image)!, unit: "%", span };
      if (isNumber) return { kind: "number", value: Number(token.image), unit: "%", span };
      return "a percentage such as 80%";
    }
    case "podMinutes":
      return isNumber ? { kind: "number", value: Number(token.image), span } : "a number of pod-minutes";
    case "unserved": {
      if (type === "Percent") return { kind: "number", value: parsePercent(token.image)!, unit: "%", span };
      if (isNumber || type === "MinutesOrMillis") {
        return { kind: "number", value: parseQuantityMilli(token.image)!, unit: "m", span };
      }
      return "a CPU amount such as 500m, 1.5 or 80%";
    }
    case "metric": {
      if (type === "Percent") return { kind: "number", value: parsePercent(token.image)!, unit: "%", span };
      if (type === "MinutesOrMillis")
        return { kind: "number", value: Number(token.image.slice(0, -1)), unit: "m", span };
      if (type === "ByteQuantity")
        return { kind: "number", value: parseQuantityValue(token.image)!, unit: "bytes", span };
      if (isNumber) return { kind: "number", value: Number(token.image), span };
      return "a number such as 250, 500m or 1k";
    }
    default:
      return "a value";
  }
}

/**
 * The target a KIND/NAME token names, or undefined when no kind has that word (target()
 * reports it). `prod/deployment/web`: a namespace first; the target's name is then its
 * qualified name, `prod/web` (src/k8s/namespaces.ts), as the trace keys it.
 */
export function objectRefTarget(ref: IToken, ctx: AstContext): TargetRef | undefined {
  const parts = ref.image.split("/");
  const namespace = parts.length === 3 ? parts[0] : undefined;
  const kind = ctx.kinds.languageWord(parts[parts.length - 2])?.kind;
  if (kind === undefined) return undefined;
  const span = ctx.lines.span(ref.startOffset, ref.image.length);
  return { kind, name: qualifiedName(namespace, parts[parts.length - 1]), span };
}

/** The target a bare kind word means (the lexer makes a KindWord only of a word the registry knows). */
export function kindWordTarget(word: IToken, ctx: AstContext): TargetRef | undefined {
  const kind = ctx.kinds.languageWord(word.image)?.kind;
  return kind === undefined ? undefined : { kind, span: ctx.lines.span(word.startOffset, word.image.length) };
}

const compareOp = (token: IToken | undefined): CompareOp => (token ? (token.image as CompareOp) : "==");

/** A file with the options that pick what to replay of it. */
function withFileOptions(file: AstTrafficFile, options: LoadOptions): AstTrafficFile {
  const out: AstTrafficFile = { ...file };
  if (options.series) {
    out.series = options.series.labels;
    out.seriesSpan = options.series.span;
  }
  if (options.column) {
    out.column = options.column.name;
    out.columnSpan = options.column.span;
  }
  if (options.sum) {
    out.sum = true;
    out.sumSpan = options.sum;
  }
  return out;
}

/**
 * A setting's value read by the setting's declared type (src/engine/settings.ts): durations
 * in seconds, `10%` as 0.1 for numbers, memory quantities in bytes, and `100m` as 100 for
 * the one CPU setting (millicores). Reports an unknown key (with a did-you-mean) or a value
 * of the wrong type; an unknown key's value is still read by its look.
 */
function readSettingValue(
  key: IToken,
  token: IToken,
  ctx: AstContext,
  span: (t: IToken) => Span,
): number | boolean | undefined {
  const info = settingInfo(key.image);
  if (info === undefined) {
    const known = SETTINGS.map((s) => s.key);
    ctx.report(messages.unknownSetting(key.image, suggest(key.image, known), known), span(key));
  }
  const tokenType = token.tokenType.name;
  const image = token.image;
  const isNumber = tokenType === "NumberLiteral" || tokenType === "ExponentNumber";
  const bad = (type: string): undefined => {
    ctx.report(messages.badSettingValue(key.image, type, image), span(token));
    return undefined;
  };
  switch (info?.type) {
    case "duration":
      return tokenType === "DurationLiteral" || tokenType === "MinutesOrMillis"
        ? parseDuration(image)
        : bad("duration");
    case "boolean":
      return tokenType === "True" || tokenType === "False" ? tokenType === "True" : bad("boolean");
    case "version": {
      // `1.22` as kubectl --version spells it; `1.30` is minor 30, never the number 1.3.
      const m = /^1\.(\d{1,3})$/.exec(image);
      return tokenType === "NumberLiteral" && m ? Number(m[1]) : bad("version");
    }
    case "integer":
      return isNumber && Number.isInteger(Number(image)) ? Number(image) : bad("integer");
    case "number":
      if (isNumber) return Number(image);
      if (tokenType === "Percent") return parsePercent(image)! / 100;
      if (tokenType === "ByteQuantity") return parseQuantityValue(image);
      if (tokenType === "MinutesOrMillis" && key.image.includes("cpu")) return Number(image.slice(0, -1));
      return bad("number");
    default:
      if (tokenType === "True" || tokenType === "False") return tokenType === "True";
      if (tokenType === "Percent") return parsePercent(image)! / 100;
      if (tokenType === "DurationLiteral" || tokenType === "MinutesOrMillis") return parseDuration(image);
      return isNumber ? Number(image) : parseQuantityValue(image);
  }
}

const builder = new AstBuilder();

/**
 * The AST of one `statementLine` CST node (the caller skips lines that hold a syntax error).
 * Called as each line is parsed, so that a line's CST is garbage before the next is built.
 */
export function toStatement(
  line: CstNode,
  ctx: AstContext,
  start: number,
  end: number,
): Statement | undefined {
  const node = (line.children as C.StatementLineCstChildren).statement[0];
  return builder.statementSpanning(node.children, ctx, ctx.lines.range(start, end));
}

/**
 * The AST of a whole-file `scenario` CST, the documented top rule (parseScenario reads a
 * file statementLine by statementLine instead; see index.ts). Spans come from the tokens.
 */
export function toStatements(scenario: CstNode, ctx: AstContext): Statement[] {
  return builder.scenario(scenario.children as C.ScenarioCstChildren, ctx);
}

/** The time mark of a `statementLine` CST node, if it has a readable one. */
export function timeMarkOf(line: CstNode, ctx: AstContext): TimeMark | undefined {
  const statement = (line.children as C.StatementLineCstChildren).statement[0];
  const mark = first(statement.children.timeMark);
  return mark ? builder.timeMark(mark.children, ctx) : undefined;
}
