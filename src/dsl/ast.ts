/**
 * The scenario AST: plain typed objects produced by the CST→AST visitor (toAst.ts). Every
 * node carries its source span so that later stages (plan, runner, checks) can point at
 * the user's own text. Times and durations are seconds; CPU in millicores; memory in bytes.
 */
import type { Span } from "../text/diagnostic.ts";

export type { Span };

export interface Scenario {
  file: string;
  source: string;
  title?: string;
  statements: Statement[];
}

/** When a statement happens, as written. Resolution to absolute time happens in the plan. */
export type TimeMark = { kind: "at"; t: number; span: Span } | { kind: "after"; d: number; span: Span };

/**
 * `deployment/NAME`, `hpa/NAME`, … — or a bare kind word (`hpa`) meaning "the only one". The
 * word is resolved through the kind registry: `kind` is the Kubernetes kind ("Deployment",
 * "HorizontalPodAutoscaler").
 */
export interface TargetRef {
  kind: string;
  name?: string;
  span: Span;
}

export type ManifestSource =
  | {
      kind: "heredoc";
      text: string;
      /** line of the first body line in the scenario file */ bodyLine: number;
      /** offset of the first body character in the scenario text (so YAML errors get exact carets) */
      bodyOffset?: number;
      span: Span;
    }
  | { kind: "file"; path: string; span: Span }
  | { kind: "name"; name: string; span: Span };

export type AstCpuAmount = { milli: number } | { percentOfRequest: number };

/** A CPU amount where it is written: `180` (bare: cores), `900m`, `1.5`, `180%`. */
export interface CpuAmountToken {
  text: string;
  span: Span;
  /** Written without a unit (`180`: cores). */
  bare: boolean;
  percent: boolean;
}

/** `file "traffic.csv" [series L="V" …] [column "NAME"] [sum]`: a data file and what to replay of it. */
export interface AstTrafficFile {
  path: string;
  /** The `file "…"` words. */
  span: Span;
  /** Prometheus: the series whose labels match all of these. */
  series?: { name: string; value: string }[];
  seriesSpan?: Span;
  /** CSV: the value column with this header. */
  column?: string;
  columnSpan?: Span;
  /** Add up every (selected) series or column. */
  sum?: true;
  sumSpan?: Span;
}

/** Values over time as written: `steps A B … every D`, or a file. */
export type AstSeries =
  { kind: "steps"; values: number[]; every: number } | { kind: "file"; file: AstTrafficFile };

export type AstLoad =
  | { kind: "cpu"; amount: AstCpuAmount; rampTo?: AstCpuAmount; rampOver?: number }
  /** `load cpu 200m per pod`; with `at startup for 90s`, `startupFor` (seconds): a warm-up spike in each pod's first 90 s. */
  | { kind: "cpuPerPod"; amount: AstCpuAmount; startupFor?: number }
  | { kind: "memoryPerPod"; bytes: number; onPods?: number; duration?: number }
  /** `requests 100/s`, `requests steps 100/s 300/s every 10m`, `requests file "x.csv"`; `times` scales. */
  | { kind: "requests"; rps: number | AstSeries; costMilliPerRequest?: number; times?: number }
  /** `metric NAME [total] VALUE|steps …|file …`: milli-units; `total` spreads it over the Ready pods. */
  | { kind: "metric"; name: string; valueMilli: number | AstSeries; total?: true; times?: number }
  /** `cpu file "cpu.csv" [times X]`: total CPU demand replayed from data. */
  | { kind: "cpuFile"; file: AstTrafficFile; times?: number }
  | { kind: "off" }
  /** A step sequence: `load cpu steps 100% 200% 50% every 1m`. */
  | { kind: "cpuSteps"; amounts: AstCpuAmount[]; every: number };

export type Quantity =
  | { kind: "replicas" | "pods" | "ready" | "available" | "updated" | "unavailable" | "revision" }
  | { kind: "current" | "desired" | "utilization" }
  | { kind: "image"; container?: string }
  | { kind: "metric"; name: string }
  | { kind: "condition"; type: string; reason?: string }
  | { kind: "rolloutComplete" }
  | { kind: "event"; text: string }
  /** Flapping budget: number of scale events of the target in any window of `per` seconds. */
  | { kind: "scaleEvents"; per: number }
  /** Pod-minutes (integral of running pods) over the timing's window. */
  | { kind: "podMinutes" }
  /** Seconds from the start of the latest rollout to its completion. */
  | { kind: "rolloutDuration" }
  /** Unserved CPU demand, millicores (or percent of one pod's request when written with %). */
  | { kind: "unserved" }
  /** Response time of the serving model: its mean, or a percentile (0–100), in seconds. */
  | { kind: "latency"; statistic: "mean" | number }
  /** Requests dropped per second (or % of those offered when written with %). */
  | { kind: "dropped" }
  /** Ready nodes in the cluster, or of one pool (`nodes pool-a`). */
  | { kind: "nodes"; pool?: string }
  /** Pods not bound to a node (kubectl's STATUS Pending): of the target, or of the whole cluster. */
  | { kind: "pending" };

export type CompareOp = "==" | "!=" | ">=" | "<=" | ">" | "<";

/**
 * An expectation's value. `unit` says how to read a number: "%" a percentage; "s" seconds
 * (durations are converted: `2m` → 120); "m" millicores or milli-units (`unserved` always
 * carries "m" or "%": `0` → 0 "m", `1.5` → 1500 "m"; `metric x 500m` → 500 "m"); "bytes"
 * (memory quantities are converted: `50Mi` → 52428800). No unit: a plain count or number.
 * `condition TYPE` without a value reads as `== True` (a bool whose span is the type's).
 */
export type ExpectValue =
  | { kind: "number"; value: number; unit?: "%" | "m" | "s" | "bytes"; span: Span }
  | { kind: "string"; value: string; span: Span }
  | { kind: "bool"; value: boolean; span: Span };

/**
 * When an expectation must hold. Written timings are kept as written; without one, the
 * visitor supplies `within 0s` (at the statement's time), except for the window quantities
 * `scaleEvents`, `podMinutes` and `rolloutDuration`, which default to `always`.
 */
export type Timing =
  | { kind: "within"; d: number }
  | { kind: "at"; t: number }
  | { kind: "for"; d: number }
  | { kind: "always" }
  | { kind: "never" }
  | { kind: "fromTo"; from: number; to: number };

interface StatementBase {
  span: Span;
  /** An `at`/`after` written on the statement itself. */
  time?: TimeMark;
}

export type Statement =
  | (StatementBase & { kind: "title"; title: string })
  | (StatementBase & { kind: "manifest"; name: string; nameSpan: Span; source: ManifestSource })
  | (StatementBase & {
      kind: "set";
      key: string;
      keySpan: Span;
      value: number | boolean;
      raw: string;
      valueSpan: Span;
    })
  | (StatementBase & { kind: "apply"; source: ManifestSource })
  | (StatementBase & { kind: "kubectl"; args: string; argsSpan: Span })
  | (StatementBase & {
      kind: "load";
      target?: TargetRef;
      load: AstLoad;
      /** The CPU amounts as written, in order (the plan warns about surprising ones: `180` cores, a % without a request). */
      cpuAmounts?: CpuAmountToken[];
    })
  | (StatementBase & { kind: "watch"; target: TargetRef })
  /**
   * `nodes 3 with cpu 4 memory 16Gi [named pool-a] [pods 30] [zone eu-west-1a]`: a pool of nodes (CPU in
   * millicores, memory in bytes; `maxPods` the kubelet's pod limit). Without `named` the pool is
   * "node" (its nodes node-1, node-2, …).
   */
  | (StatementBase & {
      kind: "nodes";
      count: number;
      cpuMilli: number;
      memoryBytes: number;
      pool?: string;
      poolSpan?: Span;
      maxPods?: number;
      /** `zone eu-west-1a`: the nodes' topology.kubernetes.io/zone (and its beta twin). */
      zone?: string;
    })
  /**
   * `autoscale nodes [POOL] from MIN to MAX [provision D] [scale-down after D]`: the cluster
   * autoscaler manages the pool between MIN and MAX nodes (seconds for the durations).
   */
  | (StatementBase & {
      kind: "autoscaleNodes";
      pool?: string;
      poolSpan?: Span;
      min: number;
      max: number;
      provision?: number;
      scaleDownAfter?: number;
    })
  /**
   * `explain [TARGET] [at T | from T1 to T2]`: print the explanation of the target's decisions
   * into the report — the decision in effect at T (default: the statement's time), or every
   * decision from T1 to T2. An omitted target is the only Deployment's HPA, as for `hpa`.
   */
  | (StatementBase & { kind: "explain"; target?: TargetRef; window?: ExplainWindowAst })
  /**
   * `fault …`: something in the cluster breaks at the statement's time, for `duration` seconds
   * or (without `for D`) until the run ends.
   */
  | (StatementBase & { kind: "fault"; fault: AstFault; duration?: number })
  | (StatementBase & { kind: "run"; mode: "for" | "until"; t: number })
  /** `at T` / `after D` alone on a line: sets the time of what follows. */
  | (StatementBase & { kind: "time"; time: TimeMark })
  | (StatementBase & {
      kind: "expect";
      target?: TargetRef;
      quantity: Quantity;
      op: CompareOp;
      value?: ExpectValue;
      timing: Timing;
      /** The expectation as written, for reports. */
      text: string;
    });

export type StatementKind = Statement["kind"];

/** When an `explain` looks: one instant, or a stretch (seconds, absolute). */
export type ExplainWindowAst = { kind: "at"; t: number } | { kind: "fromTo"; from: number; to: number };

/** What a `fault` statement breaks, as written. */
export type AstFault =
  /** `fault crash [TARGET] N pods`: the containers of N of the target's pods exit, and again after every restart. */
  | { kind: "crash"; target?: TargetRef; pods: number }
  /** `fault crash image IMAGE`: every container running IMAGE (a bad release), now or later. */
  | { kind: "crashImage"; image: string }
  /** `fault pull image IMAGE`: the registry has no such image: every pull of it fails (ErrImagePull). */
  | { kind: "pullImage"; image: string }
  /** `fault unready [TARGET] N pods`: the readiness probes of N of the target's pods fail. */
  | { kind: "unready"; target?: TargetRef; pods: number }
  /** `fault node NAME down`: the node stops reporting. */
  | { kind: "nodeDown"; node: string; nodeSpan: Span }
  /** `fault metrics down`: metrics-server serves nothing. */
  | { kind: "metricsDown" }
  /** `fault scale-updates [TARGET]`: the API server refuses the HPA's writes of /scale. */
  | { kind: "scaleUpdates"; target?: TargetRef };
