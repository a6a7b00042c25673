/**
 * The kinds an explanation can be about, as one table: the words that name the kind on a
 * command line (`hpa/web`, `deployment/web`), where its names are in a trace, and its
 * explainer. Adding a kind (StatefulSet, once the simulation has one) is a line here.
 */
import type { Trace } from "../engine/trace.ts";
import { explainDeployment, explainHpa } from "./explain.ts";
import type { ExplainWindow, Explanation } from "./model.ts";

export interface ExplainKind {
  /** How `replicast explain` and the language spell the kind (the first is the canonical one). */
  words: readonly string[];
  /** The objects of this kind that took part in the run. */
  names(trace: Trace): string[];
  explain(trace: Trace, name: string, w: ExplainWindow): Explanation;
}

export const ExplainKinds = {
  hpa: {
    words: [
      "hpa",
      "hpas",
      "horizontalpodautoscaler",
      "horizontalpodautoscalers",
      "horizontalpodautoscaler.autoscaling",
    ],
    names: (trace: Trace) => Object.keys(trace.series.HorizontalPodAutoscaler),
    explain: explainHpa,
  },
  deployment: {
    words: ["deployment", "deployments", "deploy", "deployment.apps"],
    names: (trace: Trace) => Object.keys(trace.series.Deployment),
    explain: explainDeployment,
  },
} as const satisfies Record<string, ExplainKind>;
export type ExplainKindName = keyof typeof ExplainKinds;

/** The kind a word names (`hpa`, `deploy`…), or undefined. */
export function explainKindOf(word: string): ExplainKindName | undefined {
  const w = word.toLowerCase();
  return (Object.keys(ExplainKinds) as ExplainKindName[]).find((k) =>
    (ExplainKinds[k].words as readonly string[]).includes(w),
  );
}

/** Every word the table knows, for did-you-mean suggestions. */
export const explainKindWords = (): string[] =>
  (Object.keys(ExplainKinds) as ExplainKindName[]).flatMap((k) => [...ExplainKinds[k].words]);

export type ExplainTargetResult =
  | { ok: true; kind: ExplainKindName; name: string }
  | { ok: false; error: "syntax" | "kind"; word?: string }
  | { ok: false; error: "name"; kind: ExplainKindName; name: string; known: string[] };

/** Read `KIND/NAME` against a trace: the kind from the table, the name among the run's objects. */
export function resolveExplainTarget(text: string, trace: Trace): ExplainTargetResult {
  const slash = text.indexOf("/");
  if (slash <= 0 || slash === text.length - 1) return { ok: false, error: "syntax" };
  const word = text.slice(0, slash);
  const name = text.slice(slash + 1);
  const kind = explainKindOf(word);
  if (!kind) return { ok: false, error: "kind", word };
  const known = ExplainKinds[kind].names(trace);
  if (!known.includes(name)) return { ok: false, error: "name", kind, name, known };
  return { ok: true, kind, name };
}

/** Explain the object of `kind` named `name`. */
export const explainTarget = (
  trace: Trace,
  kind: ExplainKindName,
  name: string,
  w: ExplainWindow = {},
): Explanation => ExplainKinds[kind].explain(trace, name, w);
