/**
 * `watch TARGET` and `kubectl get … -w`: the header and the current row at the watch's
 * start, then a row at every change of the target, in `kubectl get -w`'s columns. Read from
 * the trace after the run, so a watch never disturbs the simulation it observes.
 */
import type {
  DeploymentSummary,
  HPASummary,
  PodSummary,
  Point,
  ReplicaSetSummary,
  Trace,
} from "../engine/trace.ts";
import { humanDuration } from "../k8s/duration.ts";
import { normalize } from "./quantities.ts";
import type { ResolvedTarget } from "./target.ts";

export interface WatchRow {
  time: number;
  text: string;
}

type Columns = {
  header: string[];
  row(name: string, age: string, t: number): string[] | undefined;
  points: readonly Point<{ exists: boolean }>[];
};

function columns(trace: Trace, target: ResolvedTarget): Columns | undefined {
  switch (target.kind) {
    case "Deployment": {
      const pts = trace.series.Deployment[target.name] ?? [];
      return {
        header: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
        points: pts,
        row: (n, age, t) =>
          at(pts, t, (s: DeploymentSummary) => [
            n,
            `${s.ready}/${s.replicas}`,
            String(s.updated),
            String(s.available),
            age,
          ]),
      };
    }
    case "HorizontalPodAutoscaler": {
      const pts = trace.series.HorizontalPodAutoscaler[target.name] ?? [];
      return {
        header: ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
        points: pts,
        row: (n, age, t) =>
          at(pts, t, (s: HPASummary) => [
            n,
            s.target,
            hpaTargets(s),
            String(s.minReplicas),
            String(s.maxReplicas),
            String(s.currentReplicas),
            age,
          ]),
      };
    }
    case "ReplicaSet": {
      const pts = trace.series.ReplicaSet[target.name] ?? [];
      return {
        header: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
        points: pts,
        row: (n, age, t) =>
          at(pts, t, (s: ReplicaSetSummary) => [n, String(s.replicas), String(s.pods), String(s.ready), age]),
      };
    }
    case "Pod": {
      const pts = trace.series.Pod[target.name] ?? [];
      return {
        header: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        points: pts,
        row: (n, age, t) =>
          at(pts, t, (s: PodSummary) => [
            n,
            s.ready ? "1/1" : "0/1",
            s.terminating ? "Terminating" : s.phase,
            "0",
            age,
          ]),
      };
    }
    case "Service":
      return undefined;
  }
}

function at<S extends { exists: boolean }>(
  pts: readonly Point<S>[],
  t: number,
  f: (s: S) => string[],
): string[] | undefined {
  let v: S | undefined;
  for (const p of pts) if (p.t <= t) v = p.value;
  return v && v.exists ? f(v) : undefined;
}

/**
 * The TARGETS column as kubectl 1.22 prints it (the seed's `0%/60%`, `80%/60%`):
 * current/target per metric, `<unknown>` before the first metrics, joined by ", ".
 */
export function hpaTargets(s: HPASummary): string {
  if (s.metrics.length === 0) return "<none>";
  return s.metrics
    .map(
      (m) => `${m.current === null ? "<unknown>" : `${Math.round(m.current)}${m.unit}`}/${m.target}${m.unit}`,
    )
    .join(", ");
}

/**
 * The rows a watch prints from `from` to the end of the run: the header, each target's
 * current row, then a row whenever what a row shows changes (rows that would differ only in
 * AGE are left out). Several targets (`kubectl get hpa -w`) share one header, rows in time order.
 */
export function watchRows(trace: Trace, targets: readonly ResolvedTarget[], from: number): WatchRow[] {
  let header: string[] | undefined;
  const table: { t: number; cells: string[] }[] = [];
  for (const target of targets) {
    const cols = columns(trace, target);
    if (!cols) continue;
    header = cols.header;
    const created = cols.points.find((p) => p.value.exists)?.t ?? from;
    const changes = normalize(
      cols.points.filter((p) => p.t > from).map((p) => ({ t: p.t, value: JSON.stringify(p.value) })),
    );
    let last = "";
    for (const t of [from, ...changes.map((p) => p.t)]) {
      const cells = cols.row(target.name, humanDuration(t - created), t);
      if (!cells) continue;
      const key = cells.slice(0, -1).join("\u0000");
      if (key === last) continue;
      last = key;
      table.push({ t, cells });
    }
  }
  if (!header) return [];
  table.sort((a, b) => a.t - b.t);
  const h = header;
  const widths = h.map((x, i) => table.reduce((w, r) => Math.max(w, r.cells[i].length), x.length));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] + 3))).join("");
  return [{ time: from, text: line(h) }, ...table.map((r) => ({ time: r.t, text: line(r.cells) }))];
}
