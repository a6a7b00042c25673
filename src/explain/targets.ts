/**
 * The kinds an explanation can be about, as one table: the kind, and its explainer. The words
 * that name a kind on a command line (`hpa/web`, `deploy/web`, `sts/web`,
 * `horizontalpodautoscaler.autoscaling/web`) are the kind registry's language words; the names
 * an explanation can be about are the kind's objects in the trace. Adding a kind is a line here.
 */
import type { Trace } from "../engine/trace.ts";
import { builtinKinds } from "../k8s/kinds/builtin.ts";
import { qualifiedName } from "../k8s/namespaces.ts";
import { explainDeployment, explainHpa, explainPod, explainStatefulSet } from "./explain.ts";
import type { ExplainWindow, Explanation } from "./model.ts";

export interface ExplainKind {
  /** The kind, as the kind registry names it. */
  kind: string;
  explain(trace: Trace, name: string, w: ExplainWindow): Explanation;
}

/** Keyed by the kind's canonical language word (`hpa/NAME`, `deployment/NAME`, `statefulset/NAME`). */
export const ExplainKinds = {
  hpa: { kind: "HorizontalPodAutoscaler", explain: explainHpa },
  deployment: { kind: "Deployment", explain: explainDeployment },
  statefulset: { kind: "StatefulSet", explain: explainStatefulSet },
  pod: { kind: "Pod", explain: explainPod },
} as const satisfies Record<string, ExplainKind>;
export type ExplainKindName = keyof typeof ExplainKinds;

const explainKindNames = Object.keys(ExplainKinds) as ExplainKindName[];

/** The objects of an explainable kind that took part in the run. */
const namesIn = (trace: Trace, kind: ExplainKindName): string[] =>
  Object.keys(trace.series[ExplainKinds[kind].kind] ?? {});

/** The kind a word names (`hpa`, `deploy`, `sts`, `deployment.apps`…), or undefined. */
export function explainKindOf(word: string): ExplainKindName | undefined {
  const kind = builtinKinds.languageWord(word)?.kind;
  return explainKindNames.find((k) => ExplainKinds[k].kind === kind);
}

/** Every word that names an explainable kind, for did-you-mean suggestions. */
export const explainKindWords = (): string[] =>
  explainKindNames.flatMap((k) => [...(builtinKinds.get(ExplainKinds[k].kind)?.language?.words ?? [])]);

export type ExplainTargetResult =
  | { ok: true; kind: ExplainKindName; name: string }
  | { ok: false; error: "syntax" | "kind"; word?: string }
  | { ok: false; error: "name"; kind: ExplainKindName; name: string; known: string[] };

/**
 * Read `KIND/NAME` (or `NAMESPACE/KIND/NAME`, as the language writes a target outside default)
 * against a trace: the kind from the table, the name among the run's objects, which the trace
 * keys by qualified name (`web`, `prod/web`).
 */
export function resolveExplainTarget(text: string, trace: Trace): ExplainTargetResult {
  const parts = text.split("/");
  if ((parts.length !== 2 && parts.length !== 3) || parts.some((p) => p === ""))
    return { ok: false, error: "syntax" };
  const [namespace, word, bare] = parts.length === 3 ? parts : [undefined, parts[0], parts[1]];
  const name = qualifiedName(namespace, bare);
  const kind = explainKindOf(word);
  if (!kind) return { ok: false, error: "kind", word };
  const known = namesIn(trace, kind);
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
