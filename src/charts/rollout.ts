/**
 * The rollout chart: pods per ReplicaSet (a StatefulSet: per revision) over time as stacked steps (one colour per
 * ReplicaSet, labelled by image and the revisions it held), the Deployment's ready and
 * available counts and spec.replicas as lines on top, each revision change marked, and the
 * Deployment's and ReplicaSets' events as rules with tooltips.
 *
 * A rollback revives an old ReplicaSet under a new revision number (deployment-controller
 * sync.go, getNewReplicaSet: the revision is bumped and the old one appended to
 * `deployment.kubernetes.io/revision-history`), so a ReplicaSet's label lists every revision
 * it held: the v1 ReplicaSet after `rollout undo --to-revision=1` reads "busybox:v1 · rev 1, 4".
 */
import type { DeploymentSummary, Point, ReplicaSetSummary, Trace } from "../engine/trace.ts";
import { loadedWorkload } from "../engine/workload/types.ts";
import type { StatefulSetSummary } from "../k8s/kinds/statefulSet/summary.ts";
import { eventRows, eventRuleLayer } from "./events.ts";
import { Color, Dash, replicaSetColor } from "./palette.ts";
import type { ChartOptions } from "./select.ts";
import {
  DEFAULT_HEIGHT,
  DEFAULT_WIDTH,
  eventsAbout,
  imagesLabel,
  pickDeployment,
  replicaSetsOf,
} from "./select.ts";
import { alignedRows, seriesRows } from "./steps.ts";
import { clockStyle, formatClock, timeX } from "./timeAxis.ts";
import type { Layer, Row, TopLevelSpec } from "./vl.ts";
import { topLevel } from "./topLevel.ts";

/** The Deployment lines drawn over the ReplicaSet areas. */
export const RolloutLine = {
  // Drawn first, so that where the lines coincide (a settled Deployment) ready stays on top.
  desired: { label: "spec.replicas", color: Color.want, dash: Dash.dashed },
  ready: { label: "ready", color: Color.ink, dash: Dash.solid },
  available: { label: "available", color: Color.ink, dash: Dash.dotted },
} as const;
export type RolloutLine = keyof typeof RolloutLine;

/** The lines a workload's summary gives (a Deployment's, a StatefulSet's). */
type WorkloadLines = Pick<DeploymentSummary, "exists" | "ready" | "available" | "replicas">;

const LINE_PICK: Record<RolloutLine, (d: WorkloadLines) => number | null> = {
  ready: (d) => (d.exists ? d.ready : null),
  available: (d) => (d.exists ? d.available : null),
  desired: (d) => (d.exists ? d.replicas : null),
};

/**
 * A ReplicaSet's legend label: its images, the revisions it held in order, and — only when
 * two ReplicaSets share the images (a `rollout restart`) — its name's hash suffix.
 * Example: images {busybox: "busybox:v1"}, revisions 1 then 4 → "busybox:v1 · rev 1, 4".
 */
export function replicaSetLabel(
  name: string,
  points: readonly Point<ReplicaSetSummary>[],
  disambiguate: boolean,
): string {
  const revisions: number[] = [];
  for (const p of points)
    if (p.value.revision > 0 && revisions[revisions.length - 1] !== p.value.revision)
      revisions.push(p.value.revision);
  const images = imagesLabel(points[points.length - 1]?.value.images ?? {}) || name;
  const rev = revisions.length > 0 ? ` · rev ${revisions.join(", ")}` : "";
  const suffix = disambiguate ? ` (${name.slice(name.lastIndexOf("-") + 1)})` : "";
  return `${images}${rev}${suffix}`;
}

/**
 * The instants the Deployment's revision changed, after its first: each start of a rollout
 * or rollback, labelled with the new revision and its images.
 * Example: revisions 1 (t 0), 2 (t 30), 3 (t 60) → rows at 30 "rev 2" and 60 "rev 3".
 */
export function revisionChanges(
  points: readonly Point<Pick<DeploymentSummary, "exists" | "revision" | "images">>[],
  end: number,
): Row[] {
  const style = clockStyle(end);
  const rows: Row[] = [];
  let last: number | undefined;
  for (const p of points) {
    if (p.t > end || !p.value.exists || p.value.revision <= 0) continue;
    if (last !== undefined && p.value.revision !== last) {
      const row = {
        t: p.t,
        time: formatClock(p.t, style),
        label: `rev ${p.value.revision}`,
        images: imagesLabel(p.value.images),
      };
      if (rows.length > 0 && rows[rows.length - 1].t === p.t) rows[rows.length - 1] = row;
      else rows.push(row);
    }
    last = p.value.revision;
  }
  return rows;
}

/** What a rollout chart draws of one workload: pod areas, the workload's lines, events, revision marks. */
interface RolloutParts {
  /** The stacked pod areas, each a series of pod counts. */
  labelled: {
    series: string;
    points: readonly Point<{ exists: boolean; pods: number }>[];
    order: number;
    extra: Row;
  }[];
  areaTitle: string;
  /** Who the tooltip names for an area ("ReplicaSet", "revision"). */
  areaOwner: string;
  lineRows: Row[];
  lineTitle: string;
  events: ReturnType<typeof eventsAbout>;
  revisions: Row[];
}

/** A Deployment: pods per ReplicaSet, labelled by image and revision. */
function deploymentParts(trace: Trace, deployment: string): RolloutParts {
  const end = trace.end;
  const sets = replicaSetsOf(trace, deployment);
  const imageCounts = new Map<string, number>();
  for (const s of sets) {
    const key = imagesLabel(s.points[s.points.length - 1]?.value.images ?? {});
    imageCounts.set(key, (imageCounts.get(key) ?? 0) + 1);
  }
  const labelled = sets.map((s, order) => ({
    series: replicaSetLabel(
      s.name,
      s.points,
      (imageCounts.get(imagesLabel(s.points[s.points.length - 1]?.value.images ?? {})) ?? 0) > 1,
    ),
    points: s.points,
    order,
    extra: { replicaSet: s.name },
  }));
  const deploymentPoints = trace.series.Deployment[deployment];
  return {
    labelled,
    areaTitle: "ReplicaSet pods",
    areaOwner: "ReplicaSet",
    lineRows: (Object.keys(RolloutLine) as RolloutLine[]).flatMap((line) =>
      seriesRows(deploymentPoints, end, RolloutLine[line].label, LINE_PICK[line]),
    ),
    lineTitle: `deployment/${deployment}`,
    events: eventsAbout(trace, [
      { kind: "Deployment", name: deployment },
      ...sets.map((s) => ({ kind: "ReplicaSet", name: s.name })),
    ]),
    revisions: revisionChanges(deploymentPoints ?? [], end),
  };
}

/**
 * A StatefulSet: its pods at the current revision (status.currentReplicas) and, during a
 * rolling update, those already at the update revision (status.updatedReplicas) stacked on
 * them; the same lines and revision marks as a Deployment's.
 */
function statefulSetParts(trace: Trace, name: string): RolloutParts {
  const end = trace.end;
  const points = (trace.series.StatefulSet?.[name] ?? []) as Point<StatefulSetSummary>[];
  const area = (pick: (s: StatefulSetSummary) => number) =>
    points.map((p) => ({ t: p.t, value: { exists: p.value.exists, pods: pick(p.value) } }));
  const rolling = (s: StatefulSetSummary) => s.updateRevision !== s.currentRevision;
  return {
    labelled: [
      { series: "current revision", points: area((s) => s.current), order: 0, extra: { statefulSet: name } },
      {
        series: "update revision",
        points: area((s) => (rolling(s) ? s.updated : 0)),
        order: 1,
        extra: { statefulSet: name },
      },
    ],
    areaTitle: "StatefulSet pods",
    areaOwner: "StatefulSet",
    lineRows: (Object.keys(RolloutLine) as RolloutLine[]).flatMap((line) =>
      seriesRows(points, end, RolloutLine[line].label, LINE_PICK[line]),
    ),
    lineTitle: `statefulset/${name}`,
    events: eventsAbout(trace, [{ kind: "StatefulSet", name }]),
    revisions: revisionChanges(points, end),
  };
}

/**
 * The rollout chart's layers, without title or size (the dashboard reuses them), for the
 * workload a load key names (a Deployment by its name, "StatefulSet/NAME").
 */
export function rolloutLayers(trace: Trace, deployment: string): Layer[] {
  const end = trace.end;
  const workload = loadedWorkload(deployment);
  const { labelled, areaTitle, areaOwner, lineRows, lineTitle, events, revisions } =
    workload.kind === "StatefulSet"
      ? statefulSetParts(trace, workload.name)
      : deploymentParts(trace, deployment);
  const areaRows = alignedRows(labelled, end, (v) => (v.exists ? v.pods : 0));

  const x = timeX(end);
  const layers: Layer[] = [];
  if (areaRows.length > 0) {
    layers.push({
      data: { values: areaRows },
      mark: {
        type: "area",
        interpolate: "step-after",
        opacity: 0.95,
        line: { strokeWidth: 0.5, color: "#ffffff" },
      },
      encoding: {
        x,
        y: {
          field: "value",
          type: "quantitative",
          stack: "zero",
          title: "pods",
          axis: { tickMinStep: 1, format: "d" },
        },
        color: {
          field: "series",
          type: "nominal",
          title: areaTitle,
          scale: {
            domain: labelled.map((l) => l.series),
            range: labelled.map((l) => replicaSetColor(l.order)),
          },
          legend: { orient: "right", labelLimit: 260 },
        },
        order: { field: "order", type: "quantitative" },
        tooltip: [
          { field: "time", title: "time" },
          { field: areaOwner === "ReplicaSet" ? "replicaSet" : "statefulSet", title: areaOwner },
          { field: "series", title: areaOwner === "ReplicaSet" ? "images · revisions" : "pods" },
          { field: "value", title: "pods" },
        ],
      },
    });
  }
  layers.push(eventRuleLayer(eventRows(events, end), end));
  if (revisions.length > 0) {
    layers.push({
      data: { values: revisions },
      layer: [
        {
          mark: { type: "rule", color: Color.ink, strokeWidth: 1.2, strokeDash: [...Dash.dashed] },
          encoding: { x: timeX(end) },
        },
        {
          mark: {
            type: "text",
            align: "left",
            baseline: "top",
            dx: 3,
            dy: 2,
            fontSize: 10,
            fontWeight: "bold",
            color: Color.ink,
          },
          encoding: {
            x: timeX(end),
            y: { value: 0 },
            text: { field: "label" },
            tooltip: [
              { field: "time", title: "time" },
              { field: "label", title: "revision" },
              { field: "images", title: "images" },
            ],
          },
        },
      ],
    });
  }
  if (lineRows.length > 0) {
    const lines = Object.values(RolloutLine);
    layers.push({
      data: { values: lineRows },
      mark: { type: "line", interpolate: "step-after", strokeWidth: 2 },
      encoding: {
        x: timeX(end),
        y: { field: "value", type: "quantitative" },
        stroke: {
          field: "series",
          type: "nominal",
          title: lineTitle,
          scale: { domain: lines.map((l) => l.label), range: lines.map((l) => l.color) },
          legend: { orient: "right" },
        },
        strokeDash: {
          field: "series",
          type: "nominal",
          title: lineTitle,
          scale: { domain: lines.map((l) => l.label), range: lines.map((l) => [...l.dash]) },
          legend: { orient: "right" },
        },
        tooltip: [
          { field: "time", title: "time" },
          { field: "series", title: "line" },
          { field: "value", title: "pods" },
        ],
      },
    });
  }
  return layers;
}

/** The rollout chart of one Deployment (default: the first in the trace). */
export function rolloutChart(trace: Trace, opts: ChartOptions = {}): TopLevelSpec {
  const deployment = pickDeployment(trace, opts.deployment);
  const layers = deployment === undefined ? [] : rolloutLayers(trace, deployment);
  const workload = deployment === undefined ? undefined : loadedWorkload(deployment);
  return topLevel({
    title: opts.title,
    subtitle:
      workload === undefined
        ? "no Deployment in this run"
        : workload.kind === "StatefulSet"
          ? `statefulset/${workload.name}: pods per revision`
          : `deployment/${workload.name}: pods per ReplicaSet`,
    width: opts.width ?? DEFAULT_WIDTH,
    height: opts.height ?? DEFAULT_HEIGHT,
    layers,
    end: trace.end,
  });
}
