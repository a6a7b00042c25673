/**
 * Every quantity an expectation can name, read from the trace as a step function of time.
 * The trace records summaries (src/engine/trace.ts); each kind's descriptor says which field
 * a quantity reads, so expectations and the engine can never disagree about what "ready" means.
 */
import type { Quantity } from "../dsl/ast.ts";
import type { LoadSummary, Point, Trace } from "../engine/trace.ts";
import { latencyPercentile } from "../engine/workload/serving.ts";
import { loadKey } from "../engine/workload/types.ts";
import type { Observed, ObjectSummary, QuantityQuery } from "../k8s/kinds/descriptor.ts";
import type { KindRegistry } from "../k8s/kinds/registry.ts";
import { showPlain } from "../k8s/kinds/summaries.ts";
import { formatTime } from "../text/format.ts";
import type { ResolvedTarget } from "./target.ts";

/** A value observed at an instant; `undefined` when the object did not exist then. */
export type { Observed };

export interface QuantitySeries {
  /** The quantity as reports name it: "replicas", "condition ScalingLimited", "image app". */
  name: string;
  /** One point per instant (the last state at that instant), in time order. */
  points: Point<Observed>[];
  /** How an observed value reads in a report; "<none>" for an object that did not exist. */
  show(v: Observed): string;
}

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

function mapSeries<S extends ObjectSummary>(
  points: readonly Point<S>[] | undefined,
  pick: (s: S) => Observed,
): Point<Observed>[] {
  return normalize(
    (points ?? []).map((p) => ({ t: p.t, value: p.value.exists ? pick(p.value) : undefined })),
  );
}

export type SeriesError = { error: string };

/**
 * The step function of a state quantity for a target: the target kind's summary read as its
 * descriptor says (src/k8s/kinds/<kind>/summary.ts), or, for the load quantities (`unserved`,
 * `latency`, `dropped`), the load model's record of the Deployment. Events and the aggregate
 * quantities (scaleEvents, podMinutes, rolloutDuration) are not states; expectations.ts
 * handles them.
 * `requestMilli` is one pod's CPU request, for `unserved` written as a percentage.
 */
export function quantitySeries(
  trace: Trace,
  target: ResolvedTarget,
  quantity: Quantity,
  opts: { wantedString?: string; percent?: boolean; requestMilli?: number },
  kinds: KindRegistry,
): QuantitySeries | SeriesError {
  const d = kinds.get(target.kind);
  const prose = d?.prose ?? `a ${target.kind}`;
  // The load model records its demand per loaded workload (trace.load), not in the summary.
  if (target.kind === "Deployment" || target.kind === "StatefulSet" || target.kind === "Service") {
    const load = loadSeries(trace, loadKey(target.kind, target.name), quantity, opts);
    if (load) return load;
  }
  const summary = d?.summary;
  const reading = summary?.quantities[quantity.kind];
  if (!summary || !reading)
    return { error: summary?.lacks?.(quantity.kind) ?? `${prose} has no quantity "${quantity.kind}"` };
  const q: QuantityQuery = { ...quantity, wantedString: opts.wantedString };
  const points = trace.series[target.kind]?.[target.name];
  return {
    name: reading.name?.(q) ?? quantity.kind,
    points: mapSeries(points, (s) => reading.read(s, q)),
    show: reading.show ?? showPlain,
  };
}

/** A load quantity of the workload with load key `name` from trace.load; undefined for any other quantity. */
function loadSeries(
  trace: Trace,
  name: string,
  q: Quantity,
  opts: { percent?: boolean; requestMilli?: number },
): QuantitySeries | SeriesError | undefined {
  const load = trace.load[name] ?? [];
  switch (q.kind) {
    case "unserved": {
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
      const label = `latency ${stat === "mean" ? "mean" : `p${stat}`}`;
      const points = requestSeries(label, (r) => {
        if (r.latency === null) return undefined;
        return stat === "mean" ? r.latency.mean : latencyPercentile(r, stat);
      });
      if ("error" in points) return points;
      return {
        name: label,
        points,
        show: (v) => (v === undefined ? "<none: no request served>" : formatTime(v as number)),
      };
    }
    case "dropped": {
      const perc = opts.percent === true;
      const points = requestSeries("dropped", (r) =>
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
      return undefined;
  }

  /** A request quantity over the run; an error when the workload never had request traffic. */
  function requestSeries(
    label: string,
    pick: (r: NonNullable<LoadSummary["requests"]>) => Observed,
  ): Point<Observed>[] | SeriesError {
    if (!load.some((p) => p.value.requests !== undefined))
      return {
        error: `${label} is about request traffic, and deployment/${name} has none: add \`load requests …\``,
      };
    return normalize(
      load.map((p) => ({ t: p.t, value: p.value.requests ? pick(p.value.requests) : undefined })),
    );
  }
}

const fmt = (n: number): string => String(Math.round(n * 1000) / 1000);
