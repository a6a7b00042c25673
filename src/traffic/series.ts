/**
 * Picking series out of a monitoring answer that holds several (Datadog's grouped query, Cloud
 * Monitoring's time series), as for a Prometheus answer (prometheus.ts): `series NAME="VALUE" …`
 * keeps those whose labels (tags) all match, `sum` adds them up; otherwise the first is
 * replayed, with a warning. The messages are Prometheus' (RC6016–RC6018).
 */
import { sumSignals, type Signal } from "../engine/workload/signal.ts";
import { own } from "../k8s/safeKeys.ts";
import { trafficMessages } from "./messages.ts";
import { errorAt, type ReadProblem, type ReadResult } from "./problems.ts";
import { distinguishingTexts, type LabelMatch } from "./prometheus.ts";

export type Labels = Record<string, unknown>;

const matchText = (m: readonly LabelMatch[]): string => m.map((x) => `${x.name}="${x.value}"`).join(" ");

/**
 * The indexes of the series to replay, with a warning when the first of several is taken; or
 * the problem when none or several match. `first` places the warning (the first series' range).
 */
export function chooseSeries(
  labels: readonly Labels[],
  opts: { series?: readonly LabelMatch[]; sum?: boolean },
  first: { offset: number; length: number },
): { chosen: number[]; problems: ReadProblem[] } | { problem: ReadProblem } {
  const all = labels.map((_, i) => i);
  const wanted = opts.series ?? [];
  if (wanted.length > 0) {
    const chosen = all.filter((i) => wanted.every((m) => String(own(labels[i], m.name) ?? "") === m.value));
    if (chosen.length === 0)
      return {
        problem: {
          message: trafficMessages.noSeriesMatch(matchText(wanted), distinguishingTexts(labels)),
          severity: "error",
          at: { option: "series" },
        },
      };
    if (chosen.length > 1 && !opts.sum)
      return {
        problem: {
          message: trafficMessages.ambiguousSeries(
            matchText(wanted),
            distinguishingTexts(chosen.map((i) => labels[i])),
          ),
          severity: "error",
          at: { option: "series" },
        },
      };
    return { chosen, problems: [] };
  }
  if (all.length > 1 && !opts.sum)
    return {
      chosen: [0],
      problems: [
        {
          message: trafficMessages.severalSeries(all.length, distinguishingTexts(labels)[0]),
          severity: "warning",
          at: first,
        },
      ],
    };
  return { chosen: all, problems: [] };
}

/**
 * The series chosen, at absolute times, as the one signal to replay: shifted so the earliest
 * sample of any series is at 0 and summed when there are several; or the problems, when a row
 * was refused or no series holds a sample. `problems` holds the reader's row errors already,
 * their count said (rowErrors.ts `RowErrors.close`).
 */
export function replayedSeries(absolute: readonly Signal[], problems: ReadProblem[]): ReadResult {
  if (problems.some((p) => p.severity === "error")) return { problems };
  const firsts = absolute.filter((s) => s.t.length > 0).map((s) => s.t[0]);
  if (firsts.length === 0) return { problems: [...problems, errorAt(trafficMessages.noSamples(), 0, 0)] };
  // reduce, not Math.min(...firsts): an export may hold more series than a call takes arguments.
  const zero = firsts.reduce((a, b) => Math.min(a, b));
  const signals: Signal[] = absolute.map((s) => ({ t: s.t.map((x) => x - zero), v: s.v }));
  return { signal: signals.length === 1 ? signals[0] : sumSignals(signals), problems };
}
