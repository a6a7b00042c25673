/**
 * The scenario grammar: a pure Chevrotain CstParser, no embedded actions (Chevrotain's
 * step2_parsing style). Meaning lives in toAst.ts; friendly error words in syntaxErrors.ts.
 * grammar/grammar.ebnf is this file written as EBNF; keep the two in step.
 */
import {
  CstParser,
  tokenMatcher,
  type ILookaheadStrategy,
  type IOrAlt,
  type IParserErrorMessageProvider,
} from "chevrotain";
import { LazyLookaheadStrategy } from "./lazyLookahead.ts";
import { syntaxErrorProvider } from "./syntaxErrors.ts";
import * as T from "./tokens.ts";

/**
 * `{ ALT }` for an alternative. Written as a call so that the function is not a named
 * property: tsx/esbuild's keepNames wraps every named function literal in `__name(…)`, which
 * ran on every rule invocation and cost more than the parse itself.
 */
const alt = (ALT: () => unknown): { ALT: () => unknown } => ({ ALT });

/** CONSUME/SUBRULE labels, made once (an object literal per call is garbage per token). */
const label = {
  amount: { LABEL: "amount" },
  conditionType: { LABEL: "conditionType" },
  every: { LABEL: "every" },
  count: { LABEL: "count" },
  from: { LABEL: "from" },
  image: { LABEL: "image" },
  key: { LABEL: "key" },
  manifestName: { LABEL: "manifestName" },
  onPods: { LABEL: "onPods" },
  cpu: { LABEL: "cpu" },
  memory: { LABEL: "memory" },
  pool: { LABEL: "pool" },
  zone: { LABEL: "zone" },
  maxPods: { LABEL: "maxPods" },
  min: { LABEL: "min" },
  max: { LABEL: "max" },
  provision: { LABEL: "provision" },
  scaleDownAfter: { LABEL: "scaleDownAfter" },
  rampOver: { LABEL: "rampOver" },
  rampTo: { LABEL: "rampTo" },
  reason: { LABEL: "reason" },
  startupFor: { LABEL: "startupFor" },
  statistic: { LABEL: "statistic" },
  steps: { LABEL: "steps" },
  to: { LABEL: "to" },
} as const;

/** How many tokens the parser may look ahead to choose an alternative. */
export const MAX_LOOKAHEAD = 3;

export class ScenarioParser extends CstParser {
  /**
   * Every OR's alternatives and every OPTION/MANY body, built on first use and kept, one
   * entry per call site: `??=` evaluates its right side only the first time. A fresh closure
   * (and array) on every rule invocation was most of the parser's garbage (Chevrotain's
   * performance guide, "caching arrays of alternatives"). Safe because no body reads a rule's
   * locals. Keys are RULE_WHAT and must be unique: a reused key would run another site's body.
   */
  private readonly alts: Partial<Record<string, IOrAlt<unknown>[]>> = {};
  private readonly bodies: Partial<Record<string, () => void>> = {};
  private labelsAfterFirst: { GATE: () => boolean; DEF: () => void } | undefined;
  private poolBeforeFrom: { GATE: () => boolean; DEF: () => void } | undefined;
  private poolBeforeComparison: { GATE: () => boolean; DEF: () => void } | undefined;

  /**
   * `validate: false` skips Chevrotain's grammar validations (left recursion, ambiguous
   * alternatives, duplicate occurrences): they find mistakes in the grammar as written, so
   * the tests and scripts/gen-grammar.ts run them, and the parser every command uses at
   * start-up (below) does not pay for them again. The lookahead functions are built on first
   * use (lazyLookahead.ts) unless `lookaheadStrategy` says otherwise.
   */
  constructor(
    errorMessageProvider?: IParserErrorMessageProvider,
    options: { validate?: boolean; lookaheadStrategy?: ILookaheadStrategy } = {},
  ) {
    super(T.allTokens, {
      recoveryEnabled: true,
      // No locations on CST nodes: one object less per node; toAst.ts takes a node's span
      // from its tokens at the few places it needs one.
      nodeLocationTracking: "none",
      maxLookahead: MAX_LOOKAHEAD,
      lookaheadStrategy:
        options.lookaheadStrategy ?? new LazyLookaheadStrategy({ maxLookahead: MAX_LOOKAHEAD }),
      skipValidations: options.validate === false,
      ...(errorMessageProvider ? { errorMessageProvider } : {}),
    });
    // Records the grammar once (the lookahead functions wait for first use; the validations
    // run unless skipped) and enables the serialized grammar that draws the syntax diagram
    // and types the CST.
    this.performSelfAnalysis();
  }

  /** A file: statements separated by newlines or `;`, blank statements allowed. */
  public scenario = this.RULE("scenario", () => {
    this.OPTION((this.bodies.scenario_first ??= () => this.SUBRULE(this.statement)));
    this.MANY(
      (this.bodies.scenario_rest ??= () => {
        this.SUBRULE(this.separator);
        this.OPTION2((this.bodies.scenario_statement ??= () => this.SUBRULE2(this.statement)));
      }),
    );
  });

  /**
   * One statement and the separator that ends it: the entry rule parseScenario uses for
   * each line (see index.ts for why statements are parsed one at a time).
   */
  public statementLine = this.RULE("statementLine", () => {
    this.SUBRULE(this.statement);
    // The separator inline rather than a `separator` subrule: one CST node less per line.
    this.OPTION(
      (this.bodies.statementLine_end ??= () =>
        this.OR(
          (this.alts.statementLine_end ??= [
            alt(() => this.CONSUME(T.Newline)),
            alt(() => this.CONSUME(T.Semicolon)),
          ]),
        )),
    );
  });

  private separator = this.RULE("separator", () => {
    this.OR(
      (this.alts.separator ??= [alt(() => this.CONSUME(T.Newline)), alt(() => this.CONSUME(T.Semicolon))]),
    );
  });

  /** `at T` / `after D`, alone (it then times what follows) or before a command. */
  private statement = this.RULE("statement", () => {
    this.OR(
      (this.alts.statement ??= [
        alt(() => {
          this.SUBRULE(this.timeMark);
          this.OPTION((this.bodies.statement_command ??= () => this.SUBRULE(this.command)));
        }),
        alt(() => this.SUBRULE2(this.command)),
      ]),
    );
  });

  private timeMark = this.RULE("timeMark", () => {
    this.OR((this.alts.timeMark ??= [alt(() => this.CONSUME(T.At)), alt(() => this.CONSUME(T.After))]));
    this.CONSUME(T.Duration);
  });

  private command = this.RULE("command", () => {
    this.OR(
      (this.alts.command ??= [
        alt(() => this.SUBRULE(this.titleStatement)),
        alt(() => this.SUBRULE(this.manifestStatement)),
        alt(() => this.SUBRULE(this.setStatement)),
        alt(() => this.SUBRULE(this.applyStatement)),
        alt(() => this.SUBRULE(this.kubectlStatement)),
        alt(() => this.SUBRULE(this.loadStatement)),
        alt(() => this.SUBRULE(this.watchStatement)),
        alt(() => this.SUBRULE(this.nodesStatement)),
        alt(() => this.SUBRULE(this.autoscaleNodesStatement)),
        alt(() => this.SUBRULE(this.explainStatement)),
        alt(() => this.SUBRULE(this.faultStatement)),
        alt(() => this.SUBRULE(this.runStatement)),
        alt(() => this.SUBRULE(this.expectStatement)),
      ]),
    );
  });

  private titleStatement = this.RULE("titleStatement", () => {
    this.CONSUME(T.Scenario);
    this.CONSUME(T.StringLike);
  });

  private manifestStatement = this.RULE("manifestStatement", () => {
    this.CONSUME(T.Manifest);
    this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    this.SUBRULE(this.manifestSource);
  });

  /** Where manifests come from: a heredoc, a file, or (for `apply`) a declared name. */
  private manifestSource = this.RULE("manifestSource", () => {
    this.OR(
      (this.alts.manifestSource ??= [
        alt(() => this.CONSUME(T.Heredoc)),
        alt(() => {
          this.CONSUME(T.File);
          this.CONSUME(T.StringLike);
        }),
      ]),
    );
  });

  private setStatement = this.RULE("setStatement", () => {
    this.CONSUME(T.Set);
    this.CONSUME(T.Name, label.key);
    this.OPTION((this.bodies.setStatement_Equals ??= () => this.CONSUME(T.Equals)));
    this.SUBRULE(this.settingValue);
  });

  private settingValue = this.RULE("settingValue", () => {
    this.OR(
      (this.alts.settingValue ??= [
        alt(() => this.CONSUME(T.Duration)),
        alt(() => this.CONSUME(T.Percent)),
        alt(() => this.CONSUME(T.MemoryQuantity)),
        alt(() => this.CONSUME(T.Bool)),
      ]),
    );
  });

  private applyStatement = this.RULE("applyStatement", () => {
    this.CONSUME(T.Apply);
    this.OR(
      (this.alts.applyStatement ??= [
        alt(() => this.SUBRULE(this.manifestSource)),
        alt(() => this.CONSUME(T.Name, label.manifestName)),
      ]),
    );
  });

  private kubectlStatement = this.RULE("kubectlStatement", () => {
    this.CONSUME(T.Kubectl);
  });

  private loadStatement = this.RULE("loadStatement", () => {
    this.CONSUME(T.Load);
    this.OPTION((this.bodies.loadStatement_target ??= () => this.SUBRULE(this.target)));
    this.OR(
      (this.alts.loadStatement ??= [
        alt(() => this.SUBRULE(this.cpuLoad)),
        alt(() => this.SUBRULE(this.memoryLoad)),
        alt(() => this.SUBRULE(this.requestsLoad)),
        alt(() => this.SUBRULE(this.metricLoad)),
        alt(() => this.CONSUME(T.Off)),
      ]),
    );
  });

  /**
   * `cpu 180%`, `cpu 500m per pod`, `cpu 800m per pod at startup for 90s`,
   * `cpu 100% ramp to 400% over 5m`, `cpu steps 100% 300% every 2m`, `cpu file "cpu.csv"`.
   */
  private cpuLoad = this.RULE("cpuLoad", () => {
    this.CONSUME(T.Cpu);
    this.OR(
      (this.alts.cpuLoad ??= [
        alt(() => {
          this.SUBRULE(this.trafficFile);
          this.MANY((this.bodies.cpuLoad_options ??= () => this.SUBRULE(this.loadOption)));
        }),
        alt(() => {
          this.CONSUME(T.Steps);
          this.AT_LEAST_ONE(
            (this.bodies.cpuLoad_cpuAmount ??= () => this.SUBRULE(this.cpuAmount, label.steps)),
          );
          this.CONSUME(T.Every);
          this.CONSUME(T.Duration, label.every);
        }),
        alt(() => {
          this.SUBRULE2(this.cpuAmount, label.amount);
          this.OPTION(
            (this.bodies.cpuLoad_shape ??= () =>
              this.OR2(
                (this.alts.cpuLoad_amountThen ??= [
                  alt(() => {
                    this.CONSUME(T.Per);
                    this.CONSUME(T.Pod);
                    this.OPTION2(
                      (this.bodies.cpuLoad_startup ??= () => {
                        this.CONSUME(T.At);
                        this.CONSUME(T.Startup);
                        this.CONSUME(T.For);
                        this.CONSUME3(T.Duration, label.startupFor);
                      }),
                    );
                  }),
                  alt(() => {
                    this.CONSUME(T.Ramp);
                    this.CONSUME(T.To);
                    this.SUBRULE3(this.cpuAmount, label.rampTo);
                    this.CONSUME(T.Over);
                    this.CONSUME2(T.Duration, label.rampOver);
                  }),
                ]),
              )),
          );
        }),
      ]),
    );
  });

  private cpuAmount = this.RULE("cpuAmount", () => {
    this.OR(
      (this.alts.cpuAmount ??= [alt(() => this.CONSUME(T.Percent)), alt(() => this.CONSUME(T.CpuQuantity))]),
    );
  });

  /** `memory 100Mi per pod [on 3 pods] [for 5m]`. */
  private memoryLoad = this.RULE("memoryLoad", () => {
    this.CONSUME(T.Memory);
    this.CONSUME(T.MemoryQuantity);
    this.CONSUME(T.Per);
    this.CONSUME(T.Pod);
    this.OPTION(
      (this.bodies.memoryLoad_onPods ??= () => {
        this.CONSUME(T.On);
        this.CONSUME(T.NumberLike, label.onPods);
        this.CONSUME(T.Pods);
      }),
    );
    this.OPTION2(
      (this.bodies.memoryLoad_for ??= () => {
        this.CONSUME(T.For);
        this.CONSUME(T.Duration);
      }),
    );
  });

  /**
   * `requests 100/s`, `requests steps 100/s 300/s every 10m`, `requests file "traffic.csv"`,
   * each with options: `cost 5m per request`, `times 1.5`, and for files `series …`,
   * `column "…"`, `sum`.
   */
  private requestsLoad = this.RULE("requestsLoad", () => {
    this.CONSUME(T.Requests);
    this.OR(
      (this.alts.requestsLoad ??= [
        alt(() => this.CONSUME(T.Rate)),
        alt(() => {
          this.CONSUME(T.Steps);
          this.AT_LEAST_ONE((this.bodies.requestsLoad_steps ??= () => this.CONSUME2(T.Rate, label.steps)));
          this.CONSUME(T.Every);
          this.CONSUME(T.Duration, label.every);
        }),
        alt(() => this.SUBRULE(this.trafficFile)),
      ]),
    );
    this.MANY((this.bodies.requestsLoad_options ??= () => this.SUBRULE(this.loadOption)));
  });

  /**
   * `metric http_requests 250`, `metric queue total 800`, `metric queue steps 1 5 2 every 1m`,
   * `metric queue file "queue.csv"`: a custom metric's value (Pods, Object or External).
   */
  private metricLoad = this.RULE("metricLoad", () => {
    this.CONSUME(T.Metric);
    this.SUBRULE(this.metricName);
    this.OPTION((this.bodies.metricLoad_total ??= () => this.CONSUME(T.Total)));
    this.OR(
      (this.alts.metricLoad ??= [
        alt(() => this.SUBRULE(this.metricValue)),
        alt(() => {
          this.CONSUME(T.Steps);
          this.AT_LEAST_ONE(
            (this.bodies.metricLoad_steps ??= () => this.SUBRULE2(this.metricValue, label.steps)),
          );
          this.CONSUME(T.Every);
          this.CONSUME(T.Duration, label.every);
        }),
        alt(() => this.SUBRULE(this.trafficFile)),
      ]),
    );
    this.MANY((this.bodies.metricLoad_options ??= () => this.SUBRULE(this.loadOption)));
  });

  /** `file "traffic.csv"`: samples from a data file beside the scenario. */
  private trafficFile = this.RULE("trafficFile", () => {
    this.CONSUME(T.File);
    this.CONSUME(T.StringLike);
  });

  /** What may follow a load's amount; toAst.ts says which fit which load. */
  private loadOption = this.RULE("loadOption", () => {
    this.OR(
      (this.alts.loadOption ??= [
        alt(() => {
          this.CONSUME(T.Cost);
          this.CONSUME(T.CpuQuantity);
          this.CONSUME(T.Per);
          this.CONSUME(T.Request);
        }),
        alt(() => {
          this.CONSUME(T.Times);
          this.CONSUME(T.NumberLike);
        }),
        alt(() => {
          this.CONSUME(T.Series);
          this.SUBRULE(this.labelMatch);
          // Another matcher only if `=` follows the name: label names may be keywords (`pod`),
          // and `sum` after the matchers is an option, not a label.
          this.MANY(
            (this.labelsAfterFirst ??= {
              GATE: () => this.LA(2).tokenType === T.Equals,
              DEF: () => this.SUBRULE2(this.labelMatch),
            }),
          );
        }),
        alt(() => {
          this.CONSUME(T.Column);
          this.CONSUME(T.StringLike);
        }),
        alt(() => this.CONSUME(T.Sum)),
      ]),
    );
  });

  /** `job="api"`: a series' label and value, as PromQL writes a matcher. */
  private labelMatch = this.RULE("labelMatch", () => {
    this.CONSUME(T.Name);
    this.CONSUME(T.Equals);
    this.CONSUME(T.StringLike);
  });

  private metricValue = this.RULE("metricValue", () => {
    this.OR(
      (this.alts.metricValue ??= [
        alt(() => this.CONSUME(T.MinutesOrMillis)),
        alt(() => this.CONSUME(T.ByteQuantity)),
        alt(() => this.CONSUME(T.NumberLike)),
      ]),
    );
  });

  /** `nodes 3 with cpu 4 memory 16Gi [named pool-a] [pods 30] [zone eu-west-1a]`: a pool of nodes. */
  private nodesStatement = this.RULE("nodesStatement", () => {
    this.CONSUME(T.Nodes);
    this.CONSUME(T.NumberLike, label.count);
    this.CONSUME(T.With);
    this.CONSUME(T.Cpu);
    this.CONSUME(T.CpuQuantity, label.cpu);
    this.CONSUME(T.Memory);
    this.CONSUME(T.MemoryQuantity, label.memory);
    this.MANY(
      (this.bodies.nodesStatement_options ??= () =>
        this.OR(
          (this.alts.nodesStatement_options ??= [
            alt(() => {
              this.CONSUME(T.Named);
              this.CONSUME(T.Name, label.pool);
            }),
            alt(() => {
              this.CONSUME(T.Pods);
              this.CONSUME2(T.NumberLike, label.maxPods);
            }),
            alt(() => {
              this.CONSUME(T.Zone);
              this.CONSUME2(T.Name, label.zone);
            }),
          ]),
        )),
    );
  });

  /** `autoscale nodes [POOL] from 1 to 10 [provision 2m] [scale-down after 10m]`: the cluster autoscaler. */
  private autoscaleNodesStatement = this.RULE("autoscaleNodesStatement", () => {
    this.CONSUME(T.Autoscale);
    this.CONSUME(T.Nodes);
    // A pool name may be any word but `from`, which starts the bounds.
    this.OPTION(
      (this.poolBeforeFrom ??= {
        GATE: () => this.LA(1).tokenType !== T.From,
        DEF: () => this.CONSUME(T.Name, label.pool),
      }),
    );
    this.CONSUME(T.From);
    this.CONSUME(T.NumberLike, label.min);
    this.CONSUME(T.To);
    this.CONSUME2(T.NumberLike, label.max);
    this.MANY(
      (this.bodies.autoscaleNodesStatement_options ??= () =>
        this.OR(
          (this.alts.autoscaleNodesStatement_options ??= [
            alt(() => {
              this.CONSUME(T.Provision);
              this.CONSUME(T.Duration, label.provision);
            }),
            alt(() => {
              this.CONSUME(T.ScaleDown);
              this.CONSUME(T.After);
              this.CONSUME2(T.Duration, label.scaleDownAfter);
            }),
          ]),
        )),
    );
  });

  private watchStatement = this.RULE("watchStatement", () => {
    this.CONSUME(T.Watch);
    this.SUBRULE(this.target);
  });

  /** `explain hpa/web [at 20m | from 10m to 15m]`: the decisions of that moment or stretch, into the report. */
  private explainStatement = this.RULE("explainStatement", () => {
    this.CONSUME(T.Explain);
    this.OPTION((this.bodies.explainStatement_target ??= () => this.SUBRULE(this.target)));
    this.OPTION2((this.bodies.explainStatement_window ??= () => this.SUBRULE(this.explainWindow)));
  });

  private explainWindow = this.RULE("explainWindow", () => {
    this.OR(
      (this.alts.explainWindow ??= [
        alt(() => {
          this.CONSUME(T.At);
          this.CONSUME(T.Duration);
        }),
        alt(() => {
          this.CONSUME(T.From);
          this.CONSUME2(T.Duration, label.from);
          this.CONSUME(T.To);
          this.CONSUME3(T.Duration, label.to);
        }),
      ]),
    );
  });

  /**
   * `fault crash deployment/web 2 pods for 5m`, `fault crash image web:2`, `fault pull image
   * nginx:1.161 for 5m`, `fault unready
   * deployment/web 1 pod for 2m`, `fault node pool-a-2 down for 10m`, `fault metrics down for
   * 5m`, `fault scale-updates for 1m`: what breaks, from the statement's time, for D or for good.
   */
  private faultStatement = this.RULE("faultStatement", () => {
    this.CONSUME(T.Fault);
    this.OR(
      (this.alts.faultStatement ??= [
        alt(() => {
          this.CONSUME(T.Crash);
          this.OR2(
            (this.alts.faultStatement_crash ??= [
              alt(() => {
                this.CONSUME(T.Image);
                this.SUBRULE(this.imageName);
              }),
              alt(() => this.SUBRULE(this.faultPods)),
            ]),
          );
        }),
        alt(() => {
          this.CONSUME(T.Pull);
          this.CONSUME2(T.Image);
          this.SUBRULE2(this.imageName);
        }),
        alt(() => {
          this.CONSUME(T.Unready);
          this.SUBRULE2(this.faultPods);
        }),
        alt(() => {
          this.CONSUME(T.Node);
          this.CONSUME(T.Name);
          this.CONSUME(T.Down);
        }),
        alt(() => {
          this.CONSUME(T.Metrics);
          this.CONSUME2(T.Down);
        }),
        alt(() => {
          this.CONSUME(T.ScaleUpdates);
          this.OPTION((this.bodies.faultStatement_target ??= () => this.SUBRULE(this.target)));
        }),
      ]),
    );
    this.OPTION2(
      (this.bodies.faultStatement_for ??= () => {
        this.CONSUME(T.For);
        this.CONSUME(T.Duration);
      }),
    );
  });

  /** `[TARGET] N pods`: how many of the target's pods a fault hits. */
  private faultPods = this.RULE("faultPods", () => {
    this.OPTION((this.bodies.faultPods_target ??= () => this.SUBRULE(this.target)));
    this.CONSUME(T.NumberLike, label.count);
    this.OR((this.alts.faultPods ??= [alt(() => this.CONSUME(T.Pod)), alt(() => this.CONSUME(T.Pods))]));
  });

  private runStatement = this.RULE("runStatement", () => {
    this.CONSUME(T.Run);
    this.OR((this.alts.runStatement ??= [alt(() => this.CONSUME(T.For)), alt(() => this.CONSUME(T.Until))]));
    this.CONSUME(T.Duration);
  });

  /** `deployment/web`, or a bare kind word (`hpa`) meaning the only one of its kind. */
  private target = this.RULE("target", () => {
    this.OR(
      (this.alts.target ??= [alt(() => this.CONSUME(T.ObjectRef)), alt(() => this.CONSUME(T.KindWord))]),
    );
  });

  private expectStatement = this.RULE("expectStatement", () => {
    this.CONSUME(T.Expect);
    this.OPTION((this.bodies.expectStatement_target ??= () => this.SUBRULE(this.target)));
    this.SUBRULE(this.expectation);
    this.OPTION2((this.bodies.expectStatement_timing ??= () => this.SUBRULE(this.timing)));
  });

  private expectation = this.RULE("expectation", () => {
    this.OR(
      (this.alts.expectation ??= [
        alt(() => this.SUBRULE(this.rolloutExpectation)),
        alt(() => this.SUBRULE(this.eventExpectation)),
        alt(() => this.SUBRULE(this.conditionExpectation)),
        alt(() => this.SUBRULE(this.imageExpectation)),
        alt(() => this.SUBRULE(this.metricExpectation)),
        alt(() => this.SUBRULE(this.latencyExpectation)),
        alt(() => this.SUBRULE(this.scaleEventsExpectation)),
        alt(() => this.SUBRULE(this.podsExpectation)),
        alt(() => this.SUBRULE(this.nodesExpectation)),
        alt(() => this.SUBRULE(this.quantityExpectation)),
      ]),
    );
  });

  /** `rollout [TARGET] complete` or `rollout [TARGET] duration <= 2m`. */
  private rolloutExpectation = this.RULE("rolloutExpectation", () => {
    this.CONSUME(T.Rollout);
    this.OPTION((this.bodies.rolloutExpectation_target ??= () => this.SUBRULE(this.target)));
    this.OR(
      (this.alts.rolloutExpectation ??= [
        alt(() => this.CONSUME(T.Complete)),
        alt(() => {
          this.CONSUME(T.DurationWord);
          this.SUBRULE(this.comparison);
        }),
      ]),
    );
  });

  private eventExpectation = this.RULE("eventExpectation", () => {
    this.CONSUME(T.Event);
    this.CONSUME(T.StringLike);
  });

  /** `condition ScalingActive [== True] [reason ValidMetricFound]`. */
  private conditionExpectation = this.RULE("conditionExpectation", () => {
    this.CONSUME(T.Condition);
    this.CONSUME(T.Name, label.conditionType);
    this.OPTION(
      (this.bodies.conditionExpectation_status ??= () => {
        this.OPTION2((this.bodies.conditionExpectation_CompareOp ??= () => this.CONSUME(T.CompareOp)));
        this.CONSUME(T.Bool);
      }),
    );
    this.OPTION3(
      (this.bodies.conditionExpectation_reason ??= () => {
        this.CONSUME(T.Reason);
        this.CONSUME2(T.Name, label.reason);
      }),
    );
  });

  /** `image [OP] [CONTAINER=]IMAGE`, e.g. `image busybox=busybox:v2`. */
  private imageExpectation = this.RULE("imageExpectation", () => {
    this.CONSUME(T.Image);
    this.OPTION((this.bodies.imageExpectation_CompareOp ??= () => this.CONSUME(T.CompareOp)));
    this.OR(
      (this.alts.imageExpectation ??= [
        alt(() => this.CONSUME(T.ImageRef, label.image)),
        alt(() => this.CONSUME(T.StringLike, label.image)),
        alt(() => this.CONSUME(T.ObjectRef, label.image)),
        alt(() => {
          this.CONSUME(T.Name, label.image);
          this.OPTION2(
            (this.bodies.imageExpectation_container ??= () => {
              this.CONSUME(T.Equals);
              this.SUBRULE(this.imageName);
            }),
          );
        }),
      ]),
    );
  });

  private imageName = this.RULE("imageName", () => {
    this.OR(
      (this.alts.imageName ??= [
        alt(() => this.CONSUME(T.ImageRef)),
        alt(() => this.CONSUME(T.StringLike)),
        alt(() => this.CONSUME(T.ObjectRef)),
        alt(() => this.CONSUME(T.Name)),
      ]),
    );
  });

  private metricExpectation = this.RULE("metricExpectation", () => {
    this.CONSUME(T.Metric);
    this.SUBRULE(this.metricName);
    this.SUBRULE(this.comparison);
  });

  /**
   * A custom metric's name: a word, or a quoted string for the names adapters serve that are
   * not words (the Stackdriver adapter's `pubsub.googleapis.com|subscription|num_undelivered_messages`).
   */
  private metricName = this.RULE("metricName", () => {
    this.OR(
      (this.alts.metricName ??= [alt(() => this.CONSUME(T.Name)), alt(() => this.CONSUME(T.StringLike))]),
    );
  });

  /** `latency p95 <= 200ms`, `latency mean < 50ms`: the serving model's response time. */
  private latencyExpectation = this.RULE("latencyExpectation", () => {
    this.CONSUME(T.Latency);
    this.OPTION(
      (this.bodies.latencyExpectation_statistic ??= () => this.CONSUME(T.Identifier, label.statistic)),
    );
    this.SUBRULE(this.comparison);
  });

  /** The flapping budget: `scale-events <= 4 per 10m` (also `scale events`). */
  private scaleEventsExpectation = this.RULE("scaleEventsExpectation", () => {
    this.OR(
      (this.alts.scaleEventsExpectation ??= [
        alt(() => this.CONSUME(T.ScaleEvents)),
        alt(() => {
          this.CONSUME(T.Scale);
          this.CONSUME(T.Events);
        }),
      ]),
    );
    this.SUBRULE(this.comparison);
    this.CONSUME(T.Per);
    this.CONSUME(T.Duration);
  });

  /** `pods == 3` (status.replicas), or `pods TARGET ready == 3`. */
  private podsExpectation = this.RULE("podsExpectation", () => {
    this.CONSUME(T.Pods);
    this.OPTION((this.bodies.podsExpectation_target ??= () => this.SUBRULE(this.target)));
    this.OPTION2((this.bodies.podsExpectation_Ready ??= () => this.CONSUME(T.Ready)));
    this.SUBRULE(this.comparison);
  });

  /** `nodes >= 3` (Ready nodes), or `nodes pool-a == 2` (Ready nodes of a pool). */
  private nodesExpectation = this.RULE("nodesExpectation", () => {
    this.CONSUME(T.Nodes);
    this.OPTION(
      (this.poolBeforeComparison ??= {
        GATE: () => !tokenMatcher(this.LA(1), T.Bool),
        DEF: () => this.CONSUME(T.Name, label.pool),
      }),
    );
    this.SUBRULE(this.comparison);
  });

  /**
   * A quantity word and its comparison. An unknown word parses too, so that the visitor can
   * say "unknown quantity" with a did-you-mean rather than a generic syntax error.
   */
  private quantityExpectation = this.RULE("quantityExpectation", () => {
    this.OR(
      (this.alts.quantityExpectation ??= [
        alt(() => this.CONSUME(T.QuantityWord)),
        alt(() => this.CONSUME(T.PodMinutes)),
        alt(() => this.CONSUME(T.Unserved)),
        alt(() => this.CONSUME(T.Identifier)),
      ]),
    );
    this.SUBRULE(this.comparison);
  });

  private comparison = this.RULE("comparison", () => {
    this.OPTION((this.bodies.comparison_CompareOp ??= () => this.CONSUME(T.CompareOp)));
    this.SUBRULE(this.expectValue);
  });

  private expectValue = this.RULE("expectValue", () => {
    this.OR(
      (this.alts.expectValue ??= [
        alt(() => this.CONSUME(T.Percent)),
        alt(() => this.CONSUME(T.Duration)),
        alt(() => this.CONSUME(T.ByteQuantity)),
        alt(() => this.CONSUME(T.NumberLike)),
        alt(() => this.CONSUME(T.StringLike)),
        alt(() => this.CONSUME(T.Bool)),
      ]),
    );
  });

  private timing = this.RULE("timing", () => {
    this.OR(
      (this.alts.timing ??= [
        alt(() => {
          this.CONSUME(T.Within);
          this.CONSUME(T.Duration);
        }),
        alt(() => {
          this.CONSUME(T.At);
          this.CONSUME2(T.Duration);
        }),
        alt(() => {
          this.CONSUME(T.For);
          this.CONSUME3(T.Duration);
        }),
        alt(() => this.CONSUME(T.Always)),
        alt(() => this.CONSUME(T.Never)),
        alt(() => {
          this.CONSUME(T.From);
          this.CONSUME4(T.Duration, label.from);
          this.CONSUME(T.To);
          this.CONSUME5(T.Duration, label.to);
        }),
      ]),
    );
  });
}

let parser: ScenarioParser | undefined;

/**
 * The one parser the language uses: building a Chevrotain parser records the whole grammar
 * (some 30 ms of CPU even warm), so it is built once, on first use, and reused (`input`
 * resets its state for each statement). A file whose statements all take the hand-built path
 * (fastPath.ts) never builds it. Its grammar is validated by test/dsl/grammar.test.ts, not at
 * every start-up.
 */
export function scenarioParser(): ScenarioParser {
  return (parser ??= new ScenarioParser(syntaxErrorProvider, { validate: false }));
}
