/**
 * The rollout chart of a StatefulSet: its pods at the current revision and, during a rolling
 * update, those at the update revision stacked on them (status.currentReplicas and
 * updatedReplicas), with spec.replicas, ready and available as lines and each revision marked.
 */
import { describe, expect, it } from "vitest";
import { compile } from "vega-lite";
import { rolloutChart } from "../../src/charts/index.ts";
import type { TopLevelSpec } from "../../src/charts/index.ts";
import type { Point, Trace } from "../../src/engine/trace.ts";
import type { StatefulSetSummary } from "../../src/k8s/kinds/statefulSet/summary.ts";

type AnySpec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const units = (spec: AnySpec): AnySpec[] =>
  Array.isArray(spec.layer)
    ? spec.layer.flatMap((l: AnySpec) => units({ ...l, data: l.data ?? spec.data }))
    : [spec];

const sts = (t: number, over: Partial<StatefulSetSummary>): Point<StatefulSetSummary> => ({
  t,
  value: {
    replicas: 3,
    pods: 3,
    ready: 3,
    available: 3,
    updated: 3,
    current: 3,
    images: { web: "web:1" },
    revision: 1,
    currentRevision: "web-a",
    updateRevision: "web-a",
    complete: true,
    exists: true,
    ...over,
  },
});

// web-2 is replaced at 60 s, web-1 at 62 s, web-0 at 64 s; at 66 s the update revision is current.
const trace: Trace = {
  end: 120,
  series: {
    Deployment: {},
    ReplicaSet: {},
    HorizontalPodAutoscaler: {},
    Pod: {},
    StatefulSet: {
      web: [
        sts(0, {}),
        sts(60, {
          revision: 2,
          updateRevision: "web-b",
          images: { web: "web:2" },
          current: 2,
          updated: 0,
          ready: 2,
          complete: false,
        }),
        sts(61, {
          revision: 2,
          updateRevision: "web-b",
          images: { web: "web:2" },
          current: 2,
          updated: 1,
          ready: 3,
          complete: false,
        }),
        sts(62, {
          revision: 2,
          updateRevision: "web-b",
          images: { web: "web:2" },
          current: 1,
          updated: 2,
          ready: 3,
          complete: false,
        }),
        sts(66, { revision: 2, currentRevision: "web-b", updateRevision: "web-b", images: { web: "web:2" } }),
      ],
    },
  },
  events: [],
  decisions: [],
  load: {},
};

describe("rolloutChart of a StatefulSet", () => {
  const spec = rolloutChart(trace, { title: "sts" }) as AnySpec;
  const all = units(spec);

  it("names the StatefulSet and compiles without warnings", () => {
    expect(spec.title.subtitle).toBe("statefulset/web: pods per revision");
    const warnings: string[] = [];
    compile(spec as TopLevelSpec, { logger: { warn: (m: string) => warnings.push(m) } as never });
    expect(warnings).toEqual([]);
  });

  it("stacks the pods at the current and at the update revision", () => {
    const area = all.find((u) => (typeof u.mark === "string" ? u.mark : u.mark.type) === "area")!;
    const at = (t: number) =>
      (area.data.values as AnySpec[]).filter((r) => r.t === t).map((r) => [r.series, r.value]);
    expect(at(0)).toEqual([
      ["current revision", 3],
      ["update revision", 0],
    ]);
    expect(at(62)).toEqual([
      ["current revision", 1],
      ["update revision", 2],
    ]);
    // Once the update revision is current, its pods are the current revision's.
    expect(at(66)).toEqual([
      ["current revision", 3],
      ["update revision", 0],
    ]);
  });

  it("marks the revision change", () => {
    const text = all.find(
      (u) => (typeof u.mark === "string" ? u.mark : u.mark.type) === "text" && u.data?.values?.[0]?.label,
    );
    expect(text?.data.values.map((r: AnySpec) => [r.t, r.label])).toEqual([[60, "rev 2"]]);
  });
});
