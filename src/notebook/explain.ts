/**
 * `explain(result, "hpa/web")` in a notebook: why the HPA (or the Deployment) did what it did,
 * read from the run's trace — printed as `replicast explain` prints it. `explanation(…)` gives
 * the same as data. Times are seconds or durations as a scenario writes them ("15m15s").
 */
import { parseDuration } from "../dsl/units.ts";
import {
  ExplainKinds,
  explainTarget,
  explanationText,
  resolveExplainTarget,
  type ExplainWindow,
  type Explanation,
} from "../explain/index.ts";
import type { Chartable } from "./bundle.ts";

/** When to explain: the decision in effect `at` a time, or every decision `from` … `to`. */
export interface ExplainWhen {
  at?: number | string;
  from?: number | string;
  to?: number | string;
}

function seconds(what: string, v: number | string | undefined): number | undefined {
  if (v === undefined || typeof v === "number") return v;
  const t = parseDuration(v);
  if (t === undefined) throw new Error(`${what}: "${v}" is not a time such as 90s, 20m or 1h30m`);
  return t;
}

/** The explanation of `target` ("hpa/NAME", "deployment/NAME", "statefulset/NAME") in `result`'s run, as data. */
export function explanation(result: Chartable, target: string, when: ExplainWhen = {}): Explanation {
  if (!result.trace)
    throw new Error("nothing to explain: the scenario did not run (see report(result) for why)");
  const t = resolveExplainTarget(target, result.trace);
  if (!t.ok) {
    const names = Object.keys(ExplainKinds).map((k) => `${k}/NAME`);
    const kinds = `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
    throw new Error(
      t.error === "name"
        ? `no ${t.kind}/${t.name} in this run: it has ${t.known.map((n) => `${t.kind}/${n}`).join(", ") || `no ${t.kind}`}`
        : `explain takes ${kinds}, not "${target}"`,
    );
  }
  const w: ExplainWindow = {};
  const at = seconds("at", when.at);
  const from = seconds("from", when.from);
  const to = seconds("to", when.to);
  if (at !== undefined) w.at = at;
  if (from !== undefined) w.from = from;
  if (to !== undefined) w.to = to;
  return explainTarget(result.trace, t.kind, t.name, w);
}

/** Print the explanation of `target`, as `replicast explain` does. */
export function explain(result: Chartable, target: string, when: ExplainWhen = {}): void {
  console.log(explanationText(explanation(result, target, when)).join("\n"));
}
