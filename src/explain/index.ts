/**
 * "Why did (or didn't) it scale?": explanations of the HPA's and the Deployment controller's
 * decisions, read from a run's trace (never from the engine). See model.ts for the data,
 * explain.ts for how decisions become entries, hpa.ts and deployment.ts for the words.
 */
export type {
  ExplainEntry,
  ExplainQuiet,
  ExplainStep,
  ExplainWindow,
  Explanation,
  HpaNumbers,
} from "./model.ts";
export {
  explainDeployment,
  explainHpa,
  explainPod,
  explanationText,
  inWindow,
  nearestExplanation,
} from "./explain.ts";
export { hpaNumbers, hpaSyncs, type HpaSync } from "./hpa.ts";
export {
  ExplainKinds,
  explainKindOf,
  explainKindWords,
  explainTarget,
  resolveExplainTarget,
  type ExplainKind,
  type ExplainKindName,
  type ExplainTargetResult,
} from "./targets.ts";
