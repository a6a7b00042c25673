/**
 * Which objects a chart is about. A scenario usually has one Deployment and at most one HPA;
 * when the caller names none, the charts pick the first Deployment and the HPA whose
 * scaleTargetRef is that Deployment (the same rule the language uses for an omitted target).
 */
import type { KubeEvent } from "../k8s/types.ts";
import type { HPASummary, Point, ReplicaSetSummary, Trace } from "../engine/trace.ts";
import { loadedWorkload, loadKey } from "../engine/workload/types.ts";

/** Options every chart builder takes. */
export interface ChartOptions {
  /** Chart title; the scenario's title is the usual choice. */
  title?: string;
  /** The Deployment to chart; default: the first in the trace. */
  deployment?: string;
  /** The HPA to chart; default: the one targeting the Deployment, else the first. */
  hpa?: string;
  /** Plot width in pixels (default 640). */
  width?: number;
  /** Plot height in pixels (default 220; 150 per panel in the dashboard). */
  height?: number;
}

export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 220;

/**
 * The workload to chart, by load key (src/engine/workload/types.ts): the one named, else the
 * first Deployment, else a loaded workload, else the first StatefulSet ("StatefulSet/NAME").
 */
export function pickDeployment(trace: Trace, name?: string): string | undefined {
  if (name !== undefined) return name;
  const names = Object.keys(trace.series.Deployment);
  if (names.length > 0) return names[0];
  const fromRs = Object.values(trace.series.ReplicaSet)
    .map((points) => points[0]?.value.deployment)
    .find((d) => d !== undefined);
  const loaded = Object.keys(trace.load)[0];
  if (fromRs ?? loaded) return fromRs ?? loaded;
  const statefulSet = Object.keys(trace.series.StatefulSet ?? {})[0];
  return statefulSet === undefined ? undefined : loadKey("StatefulSet", statefulSet);
}

export function pickHpa(trace: Trace, name?: string, deployment?: string): string | undefined {
  if (name !== undefined) return name;
  const all = Object.entries(trace.series.HorizontalPodAutoscaler);
  if (deployment !== undefined) {
    const workload = loadedWorkload(deployment);
    const target = `${workload.kind}/${workload.name}`;
    const match = all.find(([, points]) => points.some((p) => p.value.target === target));
    if (match) return match[0];
  }
  return all[0]?.[0];
}

/** The ReplicaSets a Deployment owns (at any time in the run), oldest first revision first. */
export function replicaSetsOf(
  trace: Trace,
  deployment: string,
): { name: string; points: Point<ReplicaSetSummary>[] }[] {
  const owned = Object.entries(trace.series.ReplicaSet).filter(([, points]) =>
    points.some((p) => p.value.deployment === deployment),
  );
  const firstRevision = (points: Point<ReplicaSetSummary>[]) =>
    points.find((p) => p.value.revision > 0)?.value.revision ?? Infinity;
  const firstSeen = (points: Point<ReplicaSetSummary>[]) => points[0]?.t ?? Infinity;
  return owned
    .map(([name, points]) => ({ name, points }))
    .sort(
      (a, b) =>
        firstRevision(a.points) - firstRevision(b.points) ||
        firstSeen(a.points) - firstSeen(b.points) ||
        a.name.localeCompare(b.name),
    );
}

export function hpaPoints(trace: Trace, hpa: string | undefined): Point<HPASummary>[] {
  return hpa === undefined ? [] : (trace.series.HorizontalPodAutoscaler[hpa] ?? []);
}

/** Events about the given objects, in emission order. */
export function eventsAbout(trace: Trace, objects: readonly { kind: string; name: string }[]): KubeEvent[] {
  const keys = new Set(objects.map((o) => `${o.kind}/${o.name}`));
  return trace.events.filter((e) => keys.has(`${e.involvedObject.kind}/${e.involvedObject.name}`));
}

/** The images of a pod template, as one label: "busybox:v1", or "app:v2, sidecar:1.0". */
export function imagesLabel(images: Record<string, string>): string {
  return Object.values(images).join(", ");
}
