/**
 * Picking series out of a monitoring answer that holds several (Datadog's grouped query, Cloud
 * Monitoring's time series), as for a Prometheus answer (prometheus.ts): `series NAME="VALUE" …`
 * keeps those whose labels (tags) all match, `sum` adds them up; otherwise the first is
 * replayed, with a warning. The messages are Prometheus' (RC6016–RC6018).
 */
import { own } from "../k8s/safeKeys.ts";
import { trafficMessages } from "./messages.ts";
import type { ReadProblem } from "./problems.ts";
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
