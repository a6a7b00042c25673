/**
 * An explanation as data: what `replicast explain --json` prints and what the text, the
 * report and the layered chart are drawn from. Every number in it was read from a decision
 * the controller recorded (src/engine/controllers/{hpa,deployment}/decision.ts).
 *
 * An explanation is a list of entries in time order:
 * - a `step`: one decision explained in full (an HPA sync, a Deployment's scale step) —
 *   `lines` is the block of text a person reads;
 * - a `quiet` run: consecutive decisions that changed nothing for the same reason, folded
 *   into one line ("10m–12m, 9 syncs: within tolerance (ratio 1.02–1.06); kept 4").
 */
import type { HpaSyncDecision } from "../engine/controllers/hpa/decision.ts";
import type { Time } from "../k8s/types.ts";

export interface ExplainWindow {
  /** Explain the decision in effect at `at` (the latest at or before it). */
  at?: Time;
  from?: Time;
  to?: Time;
}

/** One decision explained in full. */
export interface ExplainStep {
  kind: "step";
  t: Time;
  /** What the decision was: "scaled", "kept", "failed" (HPA); "create-rs", "scale-up"… (Deployment). */
  action: string;
  /** The headline, e.g. "scaled Deployment/app 1 → 5". */
  title: string;
  /** The block, one line per stage. */
  lines: string[];
  /** The numbers of each stage, for programs (HPA syncs: see HpaNumbers). */
  numbers: Record<string, unknown>;
}

/** Consecutive decisions that changed nothing, for one reason. */
export interface ExplainQuiet {
  kind: "quiet";
  from: Time;
  to: Time;
  /** How many decisions (HPA syncs, Deployment syncs) the line stands for. */
  count: number;
  /** The reason nothing changed, in words. */
  because: string;
  line: string;
}

export type ExplainEntry = ExplainStep | ExplainQuiet;

export interface Explanation {
  /** "hpa/web", "deployment/web" */
  target: string;
  /** What the target acts on or is, e.g. "Deployment/web" for an HPA. */
  about?: string;
  from: Time;
  to: Time;
  /** Decisions read (HPA syncs, or Deployment decisions). */
  decisions: number;
  entries: ExplainEntry[];
}

/**
 * The numbers of one HPA sync, stage by stage, as the controller recorded them (see
 * HpaSyncDecision): the explanation's `numbers` for an HPA step. Tests compare these with the
 * decision one by one.
 */
export interface HpaNumbers {
  currentReplicas?: number;
  minReplicas?: number;
  maxReplicas?: number;
  metrics: {
    name: string;
    ratio?: number;
    recomputedRatio?: number;
    proposal?: number;
    withinTolerance?: boolean;
    error?: string;
  }[];
  proposal?: number;
  stabilized?: number;
  /** The rate limit (behavior) or the 2×/4 cap (legacy) the stabilized count was held to. */
  limit?: number;
  limitReason?: string;
  desiredReplicas?: number;
  event?: string;
  /** The scale write was refused: desiredReplicas was wanted, currentReplicas stayed. */
  scaleError?: string;
}

export type { HpaSyncDecision };
