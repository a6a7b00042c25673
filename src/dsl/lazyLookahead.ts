/**
 * Chevrotain's LL(k) lookahead, with each decision's function built when the parser first
 * reaches that decision instead of all of them in the constructor.
 *
 * Why: building a parser computes a lookahead function for every OR, OPTION and MANY of the
 * grammar (performSelfAnalysis → preComputeLookaheadFunctions), which is a third of the
 * parser's construction and was paid by every `replicast` command at start-up, though a small
 * scenario reaches only a few of the grammar's decisions. The function built on first use is
 * the one Chevrotain would have built up front (the same LLkLookaheadStrategy, the same
 * options), so what the parser chooses is unchanged; the grammar's validations, which need
 * the lookahead paths, still run eagerly when they are on (`validate` delegates).
 * Chevrotain documents the strategy as a parser option: `lookaheadStrategy`
 * (chevrotain/src/parse/parser/traits/looksahead.ts, ILookaheadStrategy in @chevrotain/types).
 */
import { LLkLookaheadStrategy, type ILookaheadStrategy, type IOrAlt } from "chevrotain";

type AlternationOptions = Parameters<ILookaheadStrategy["buildLookaheadForAlternation"]>[0];
type OptionalOptions = Parameters<ILookaheadStrategy["buildLookaheadForOptional"]>[0];
type AlternationLookahead = ReturnType<ILookaheadStrategy["buildLookaheadForAlternation"]>;
type OptionalLookahead = ReturnType<ILookaheadStrategy["buildLookaheadForOptional"]>;

export class LazyLookaheadStrategy implements ILookaheadStrategy {
  private readonly eager: ILookaheadStrategy;

  constructor(
    options: { maxLookahead: number },
    eager: ILookaheadStrategy = new LLkLookaheadStrategy(options),
  ) {
    this.eager = eager;
  }

  validate(
    options: Parameters<ILookaheadStrategy["validate"]>[0],
  ): ReturnType<ILookaheadStrategy["validate"]> {
    return this.eager.validate(options);
  }

  initialize(options: { rules: Parameters<ILookaheadStrategy["validate"]>[0]["rules"] }): void {
    this.eager.initialize?.(options);
  }

  buildLookaheadForAlternation(options: AlternationOptions): AlternationLookahead {
    const eager = this.eager;
    let built: AlternationLookahead | undefined;
    // Chevrotain calls a lookahead function with the parser as `this` (it reads this.LA(k)).
    return function (this: unknown, alts?: IOrAlt<unknown>[]) {
      built ??= eager.buildLookaheadForAlternation(options);
      return built.call(this, alts);
    };
  }

  buildLookaheadForOptional(options: OptionalOptions): OptionalLookahead {
    const eager = this.eager;
    let built: OptionalLookahead | undefined;
    return function (this: unknown) {
      built ??= eager.buildLookaheadForOptional(options);
      return built.call(this);
    };
  }
}
