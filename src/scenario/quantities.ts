/**
 * Every quantity an expectation can name, read from the trace as a step function of time.
 * The trace records summaries (src/engine/trace.ts); this file only picks a field out of
 * them, so expectations and the engine can never disagree about what "ready" means.
 */
import type { Quantity } from "../dsl/ast.ts";
import type { LoadSummary, Point, Trace } from "../engine/trace.ts";
import { latencyPercentile } from "../engine/workload/serving.ts";
import { formatTime } from "./format.ts";
import type { ResolvedTarget } from "./target.ts";

/** A value observed at an instant; `undefined` when the object did not exist then. */
export type Observed = number | string | boolean | undefined;

export interface QuantitySeries {
  /** The quantity as reports name it: "replicas", "condition ScalingLimited", "image app". */
  name: string;
  /** One point per instant (the last state at that instant), in time order. */
  points: Point<Observed>[];
  /** How an observed value reads in a report; "<none>" for an object that did not exist. */
  show(v: Observed): string;
}

const showPlain = (v: Observed): string => (v === undefined ? "<none>" : String(v));

/**
 * Collapse several points at one instant into the last one ("the state at T" is the state
 * after everything due at T), and drop points that repeat the previous value.
 * Example: [(0,1),(15,1),(15,2),(15,3),(30,3)] → [(0,1),(15,3)].
 */
export function normalize<V>(
  points: readonly Point<V>[],
  same: (a: V, b: V) => boolean = Object.is,
): Point<V>[] {
  const byInstant: Point<V>[] = [];
  for (const p of points) {
    if (byInstant.length > 0 && byInstant[byInstant.length - 1].t === p.t)
      byInstant[byInstant.length - 1] = p;
    else byInstant.push(p);
  }
  const out: Point<V>[] = [];
  for (const p of byInstant) {
    if (out.length > 0 && same(out[out.length - 1].value, p.value)) continue;
    out.push(p);
  }
  return out;
}

function mapSeries<S extends { exists: boolean }>(
  points: readonly Point<S>[] | undefined,
  pick: (s: S) => Observed,
): Point<Observed>[] {
  return normalize(
    (points ?? []).map((p) => ({ t: p.t, value: p.value.exists ? pick(p.value) : undefined })),
  );
}

export type SeriesError = { error: string };

/**
 * The step function of a state quantity for a target. Events and the aggregate quantities
 * (scaleEvents, podMinutes, rolloutDuration) are not states; expectations.ts handles them.
 * `requestMilli` is one pod's CPU request, for `unserved` written as a percentage.
 */
export function quantitySeries(
  trace: Trace,
  target: ResolvedTarget,
  quantity: Quantity,
  opts: { wantedString?: string; percent?: boolean; requestMilli?: number } = {},
): QuantitySeries | SeriesError {
  switch (target.kind) {
    case "Deployment":
      return deploymentSeries(trace, target.name, quantity, opts);
    case "HorizontalPodAutoscaler":
      return hpaSeries(trace, target.name, quantity);
    case "ReplicaSet":
      return replicaSetSeries(trace, target.name, quantity);
    case "Pod":
      return podSeries(trace, target.name, quantity);
    case "Service":
      return { error: `a Service has no ${quantity.kind}; name the Deployment behind it` };
  }
}

function deploymentSeries(
  trace: Trace,
  name: string,
  q: Quantity,
  opts: { wantedString?: string; percent?: boolean; requestMilli?: number },
): QuantitySeries | SeriesError {
  const pts = trace.series.Deployment[name];
  switch (q.kind) {
    case "replicas":
    case "pods":
    case "ready":
    case "available":
    case "updated":
    case "unavailable":
    case "revision": {
      const k = q.kind;
      return { name: k, points: mapSeries(pts, (s) => s[k]), show: showPlain };
    }
    case "current":
    case "desired":
      return { error: `"${q.kind}" is a quantity of an HPA; write \`expect hpa ${q.kind} …\`` };
    case "image": {
      const container = q.container;
      // Without a container name the image matches when any container runs it, as a reader
      // of `kubectl describe deploy | grep Image:` would check it.
      const pick = (images: Record<string, string>): Observed => {
        if (container !== undefined) return images[container];
        const all = Object.values(images);
        if (opts.wantedString !== undefined && all.includes(opts.wantedString)) return opts.wantedString;
        return all.join(",");
      };
      return {
        name: container ? `image ${container}` : "image",
        points: mapSeries(pts, (s) => pick(s.images)),
        show: showPlain,
      };
    }
    case "rolloutComplete":
      return { name: "rollout complete", points: mapSeries(pts, (s) => s.complete), show: showPlain };
    case "unserved": {
      const load = trace.load[name] ?? [];
      const perc = opts.percent && opts.requestMilli ? opts.requestMilli : undefined;
      const points = normalize(
        load.map(
          (p) =>
            ({
              t: p.t,
              value: perc ? (p.value.unservedMilli / perc) * 100 : p.value.unservedMilli,
            }) as Point<Observed>,
        ),
      );
      return {
        name: "unserved",
        points,
        show: (v) => (v === undefined ? "<none>" : perc ? `${fmt(v as number)}%` : `${fmt(v as number)}m`),
      };
    }
    case "latency": {
      const stat = q.statistic;
      const name = `latency ${stat === "mean" ? "mean" : `p${stat}`}`;
      const points = requestSeries(trace, name, (r) => {
        if (r.latency === null) return undefined;
        return stat === "mean" ? r.latency.mean : latencyPercentile(r, stat);
      });
      if ("error" in points) return points;
      return {
        name,
        points,
        show: (v) => (v === undefined ? "<none: no request served>" : formatTime(v as number)),
      };
    }
    case "dropped": {
      const perc = opts.percent === true;
      const points = requestSeries(trace, "dropped", (r) =>
        perc ? (r.offered > 0 ? (r.dropped / r.offered) * 100 : 0) : r.dropped,
      );
      if ("error" in points) return points;
      return {
        name: "dropped",
        points,
        show: (v) => (v === undefined ? "<none>" : perc ? `${fmt(v as number)}%` : `${fmt(v as number)}/s`),
      };
    }
    default:
      return { error: `a Deployment has no quantity "${q.kind}"` };
  }

  /** A request quantity over the run; an error when the workload never had request traffic. */
  function requestSeries(
    t: Trace,
    label: string,
    pick: (r: NonNullable<LoadSummary["requests"]>) => Observed,
  ): Point<Observed>[] | SeriesError {
    const load = t.load[name] ?? [];
    if (!load.some((p) => p.value.requests !== undefined))
      return {
        error: `${label} is about request traffic, and deployment/${name} has none: add \`load requests …\``,
      };
    return normalize(
      load.map((p) => ({ t: p.t, value: p.value.requests ? pick(p.value.requests) : undefined })),
    );
  }
}

function hpaSeries(trace: Trace, name: string, q: Quantity): QuantitySeries | SeriesError {
  const pts = trace.series.HorizontalPodAutoscaler[name];
  switch (q.kind) {
    case "replicas":
    case "current":
      return { name: q.kind, points: mapSeries(pts, (s) => s.currentReplicas), show: showPlain };
    case "desired":
      return { name: "desired", points: mapSeries(pts, (s) => s.desiredReplicas), show: showPlain };
    case "utilization":
      return {
        name: "utilization",
        points: mapSeries(pts, (s) =>
          s.metrics.length > 0 ? (s.metrics[0].current ?? undefined) : undefined,
        ),
        show: (v) => (v === undefined ? "<unknown>" : `${fmt(v as number)}%`),
      };
    case "metric": {
      const metric = q.name;
      return {
        name: `metric ${metric}`,
        // `metric http_requests` names the HPA's "pods/http_requests" too: its source prefix is optional.
        points: mapSeries(
          pts,
          (s) =>
            s.metrics.find((m) => m.name === metric || m.name.endsWith(`/${metric}`))?.current ?? undefined,
        ),
        show: (v) => (v === undefined ? "<unknown>" : fmt(v as number)),
      };
    }
    case "condition": {
      // The value is "Status/Reason" so the report shows both; expectations.ts compares parts.
      const type = q.type;
      return {
        name: `condition ${type}`,
        points: mapSeries(pts, (s) => {
          const c = s.conditions.find((x) => x.type === type);
          return c ? `${c.status}/${c.reason}` : undefined;
        }),
        show: (v) => (v === undefined ? "<none>" : String(v).replace("/", " reason ")),
      };
    }
    default:
      return { error: `an HPA has no quantity "${q.kind}"` };
  }
}

function replicaSetSeries(trace: Trace, name: string, q: Quantity): QuantitySeries | SeriesError {
  const pts = trace.series.ReplicaSet[name];
  switch (q.kind) {
    case "replicas":
    case "pods":
    case "ready":
    case "available":
    case "revision": {
      const k = q.kind;
      return { name: k, points: mapSeries(pts, (s) => s[k]), show: showPlain };
    }
    default:
      return { error: `a ReplicaSet has no quantity "${q.kind}"` };
  }
}

function podSeries(trace: Trace, name: string, q: Quantity): QuantitySeries | SeriesError {
  const pts = trace.series.Pod[name];
  switch (q.kind) {
    case "ready":
    case "available":
      return {
        name: q.kind,
        points: mapSeries(pts, (s) => (s[q.kind as "ready" | "available"] ? 1 : 0)),
        show: showPlain,
      };
    default:
      return { error: `a Pod has no quantity "${q.kind}"` };
  }
}

const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);
