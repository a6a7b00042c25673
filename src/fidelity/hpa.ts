/**
 * Runs the HPA vectors (test/fixtures/hpa-vectors.json, transcribed from Kubernetes'
 * replica_calculator_test.go, horizontal_test.go and autoscaling/v2 defaults_test.go) against
 * the product's own functions. Each runner builds real Pods, Deployments and HPAs and a fake
 * MetricsClient from the vector, calls the product, and compares.
 *
 * Conventions of the vectors (hpa-semantics.md §12): values in milli-units; times as ages in
 * seconds before "now" (we run at now = 0, so a time is −age); an age of 1e12 stands for Go's
 * zero time. The vectors carry the upstream tests' constants (CPU initialization 120 s,
 * readiness delay 10 s, scale-up factor 8): they are passed in from the vector, never baked
 * into the product.
 */
import { generateScaleDownRules, generateScaleUpRules } from "../k8s/hpaBehaviorDefaults.ts";
import type {
  Deployment,
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerBehavior,
  HPAScalingRules,
  Kind,
  KubeObject,
  MetricSpec,
  ObjectOfKind,
  Pod,
} from "../k8s/types.ts";
import type { ReconcileContext, StoreView } from "../engine/controller.ts";
import { defaultSettings } from "../engine/settings.ts";
import type { MetricsClient, PodResourceSample } from "../engine/metrics/types.ts";
import {
  newHPAState,
  reconcileHPA,
  type HPAConfig,
  type HPAState,
} from "../engine/controllers/hpa/controller.ts";
import { groupPods, type PodMetricsInfo } from "../engine/controllers/hpa/groupPods.ts";
import {
  calculateScaleDownLimitWithBehaviors,
  calculateScaleUpLimitWithScalingRules,
  convertDesiredReplicasWithBehaviorRate,
  convertDesiredReplicasWithRules,
  stabilizeRecommendation,
  stabilizeRecommendationWithBehaviors,
} from "../engine/controllers/hpa/normalize.ts";
import {
  calcPlainMetricReplicas,
  getExternalMetricReplicas,
  getExternalPerPodMetricReplicas,
  getObjectMetricReplicas,
  getObjectPerPodMetricReplicas,
  getResourceReplicas,
  readyPodsCount,
  type Failure,
} from "../engine/controllers/hpa/replicaCalc.ts";
import {
  getReplicasChangePerPeriod,
  storeScaleEvent,
  type TimestampedScaleEvent,
} from "../engine/controllers/hpa/scaleEvents.ts";
import type { Outcome, Vector } from "./vector.ts";

export type HpaVector = Vector;
export type { Outcome };

/** Every kind this runner checks; anything else fails in the dispatcher. */
export const HPA_KINDS: ReadonlySet<string> = new Set([
  "controller",
  "replicaCalc",
  "behaviorRate",
  "groupPods",
  "stabilization",
  "scalingRulesDefaults",
  "scaleEventStore",
  "legacyStabilization",
  "legacyNormalize",
  "scaleUpLimit",
  "scaleDownLimit",
]);

const NOW = 0;
/** A vector age (seconds before now; 1e12 = Go's zero time) as a simulated time. */
const at = (ageSec: number): number => NOW - ageSec;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

function same(actual: unknown, expected: unknown, what: string): Outcome {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  return a === e ? { pass: true } : { pass: false, message: `${what}: expected ${e}, got ${a}` };
}

function all(...checks: Outcome[]): Outcome {
  const failed = checks.filter((c) => !c.pass);
  return failed.length === 0
    ? { pass: true }
    : { pass: false, message: failed.map((f) => f.message).join("; ") };
}

// ------------------------------------------------------------------ builders

interface VectorPod {
  name: string;
  phase: Pod["status"]["phase"];
  deleted: boolean;
  readyCondition: "True" | "False" | null;
  startAgeSec: number | null;
  readyTransitionAgeSec: number | null;
  containers?: { name: string; requestMilli: number | null }[];
}

function buildPod(p: VectorPod, containers: { name: string; requestMilli: number | null }[]): Pod {
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: p.name, namespace: "default", labels: { name: "test-pod" } },
    spec: {
      containers: containers.map((c) => ({
        name: c.name,
        image: "image",
        resources: c.requestMilli === null ? {} : { requests: { cpu: `${c.requestMilli}m` } },
      })),
    },
    status: { phase: p.phase },
  };
  if (p.deleted) pod.metadata.deletionTimestamp = NOW;
  if (p.startAgeSec !== null) pod.status.startTime = at(p.startAgeSec);
  if (p.readyCondition !== null)
    pod.status.conditions = [
      { type: "Ready", status: p.readyCondition, lastTransitionTime: at(p.readyTransitionAgeSec ?? 1e12) },
    ];
  return pod;
}

function storeOf(objects: KubeObject[]): StoreView {
  return {
    get<K extends Kind>(kind: K, name: string) {
      return objects.find((o) => o.kind === kind && o.metadata.name === name) as ObjectOfKind<K> | undefined;
    },
    list<K extends Kind>(kind: K) {
      return objects.filter((o) => o.kind === kind) as ObjectOfKind<K>[];
    },
  };
}

function milliQuantities(x: Json): Json {
  if (Array.isArray(x)) return x.map(milliQuantities);
  if (x && typeof x === "object") {
    const out: Json = {};
    for (const [k, v] of Object.entries(x)) {
      if (k === "averageValueMilli") out.averageValue = `${v}m`;
      else if (k === "valueMilli") out.value = `${v}m`;
      else out[k] = milliQuantities(v);
    }
    return out;
  }
  return x;
}

/** Vector rules use null for "unset": drop those fields. */
function rulesOf(r: Json): HPAScalingRules | undefined {
  if (!r) return undefined;
  const out: HPAScalingRules = {};
  if (r.stabilizationWindowSeconds !== null && r.stabilizationWindowSeconds !== undefined)
    out.stabilizationWindowSeconds = r.stabilizationWindowSeconds;
  if (r.selectPolicy) out.selectPolicy = r.selectPolicy;
  if (r.policies) out.policies = r.policies;
  return out;
}

const events = (list: Json[] | undefined): TimestampedScaleEvent[] =>
  (list ?? []).map((e) => ({
    replicaChange: e.replicaChange,
    timestamp: at(e.ageSec),
    outdated: e.outdated ?? false,
  }));

// ------------------------------------------------------------------ kinds

function runReplicaCalc(i: Json, e: Json): Outcome {
  const tolerances = i.tolerance;
  const readiness = { cpuInitializationPeriod: 120, initialReadinessDelay: 10 };
  const container: string | undefined = i.container ?? undefined;
  const pods: Pod[] = (i.pods as (VectorPod & { requestMilli: number | null })[]).map((p) =>
    buildPod(
      p,
      container
        ? [
            { name: "container1", requestMilli: p.requestMilli },
            { name: "container2", requestMilli: p.requestMilli },
          ]
        : [{ name: "container1", requestMilli: p.requestMilli }],
    ),
  );
  const metrics: PodMetricsInfo = new Map();
  for (const p of i.pods as Json[])
    if (p.usageMilli !== null)
      metrics.set(p.name, {
        value: p.usageMilli,
        timestamp: at(p.metricAgeSec ?? 0),
        window: p.metricWindowSec ?? 60,
      });
  for (const x of i.extraMetricSamples ?? [])
    metrics.set(x.podName, { value: x.usageMilli, timestamp: NOW, window: 60 });
  const common = { currentReplicas: i.currentReplicas, tolerances, pods, metrics, readiness, now: NOW };

  let got: { replicas: number; utilization?: number; rawAverageValue?: number; usage?: number } | Failure;
  switch (`${i.metricSource}/${i.targetType}`) {
    case "Resource/Utilization":
    case "ContainerResource/Utilization":
      got = getResourceReplicas({
        ...common,
        targetUtilization: i.targetAverageUtilization,
        resource: i.resource,
        container,
      });
      break;
    case "Resource/AverageValue":
    case "ContainerResource/AverageValue":
      got = calcPlainMetricReplicas({
        ...common,
        targetUsage: i.targetAverageValueMilli,
        resource: i.resource,
      });
      break;
    case "Pods/AverageValue":
      got = calcPlainMetricReplicas({ ...common, targetUsage: i.targetAverageValueMilli, resource: "" });
      break;
    case "Object/Value":
      got = getObjectMetricReplicas(
        i.currentReplicas,
        readyPodsCount(pods),
        i.metricValuesMilli[0],
        i.targetValueMilli,
        tolerances,
      );
      break;
    case "Object/AverageValue":
      got = getObjectPerPodMetricReplicas(
        i.statusReplicas,
        i.metricValuesMilli[0],
        i.targetAverageValueMilli,
        tolerances,
      );
      break;
    case "External/Value":
      got = getExternalMetricReplicas(
        i.currentReplicas,
        readyPodsCount(pods),
        i.metricValuesMilli,
        i.targetValueMilli,
        tolerances,
      );
      break;
    case "External/AverageValue":
      got = getExternalPerPodMetricReplicas(
        i.statusReplicas,
        i.metricValuesMilli,
        i.targetAverageValueMilli,
        tolerances,
      );
      break;
    default:
      return { pass: false, message: `no calculator for ${i.metricSource}/${i.targetType}` };
  }
  if ("ok" in got && got.ok === false) {
    if (e.error !== undefined && got.error.includes(e.error)) return { pass: true };
    return { pass: false, message: `unexpected error: ${got.error}` };
  }
  if (e.error !== undefined)
    return { pass: false, message: `expected an error containing "${e.error}", got a result` };
  const r = got as { replicas: number; utilization?: number; rawAverageValue?: number; usage?: number };
  const checks = [same(r.replicas, e.desiredReplicas, "desiredReplicas")];
  if (e.utilizationPercent !== undefined)
    checks.push(same(r.utilization, e.utilizationPercent, "utilization"));
  if (e.rawAverageValueMilli !== undefined)
    checks.push(same(r.rawAverageValue, e.rawAverageValueMilli, "rawAverageValue"));
  if (e.usageMilli !== undefined) checks.push(same(r.usage, e.usageMilli, "usage"));
  return all(...checks);
}

function runGroupPods(i: Json, e: Json): Outcome {
  const pods = (i.pods as (VectorPod & { hasMetric: boolean })[]).map((p) => buildPod(p, []));
  const metrics: PodMetricsInfo = new Map();
  for (const p of i.pods as Json[])
    if (p.hasMetric)
      metrics.set(p.name, { value: 0, timestamp: at(p.metricAgeSec ?? 0), window: p.metricWindowSec ?? 0 });
  const g = groupPods(
    pods,
    metrics,
    i.resource,
    {
      cpuInitializationPeriod: i.cpuInitializationPeriodSec,
      initialReadinessDelay: i.initialReadinessDelaySec,
    },
    NOW,
  );
  const sorted = (s: Set<string>) => [...s].sort();
  return all(
    same(g.readyPodCount, e.readyPodCount, "readyPodCount"),
    same(sorted(g.unready), [...e.unready].sort(), "unready"),
    same(sorted(g.missing), [...e.missing].sort(), "missing"),
    same(sorted(g.ignored), [...e.ignored].sort(), "ignored"),
  );
}

function runBehaviorRate(i: Json, e: Json): Outcome {
  const r = convertDesiredReplicasWithBehaviorRate({
    now: NOW,
    currentReplicas: i.currentReplicas,
    desiredReplicas: i.desiredReplicas,
    minReplicas: i.minReplicas,
    maxReplicas: i.maxReplicas,
    scaleUp: generateScaleUpRules(rulesOf(i.scaleUp)),
    scaleDown: generateScaleDownRules(rulesOf(i.scaleDown)),
    scaleUpEvents: events(i.scaleUpEvents),
    scaleDownEvents: events(i.scaleDownEvents),
  });
  return all(same(r.replicas, e.desiredReplicas, "desiredReplicas"), same(r.reason, e.reason, "reason"));
}

function runStabilization(i: Json, e: Json): Outcome {
  const r = stabilizeRecommendationWithBehaviors({
    now: NOW,
    currentReplicas: i.currentReplicas,
    desiredReplicas: i.desiredReplicas,
    scaleUpWindowSeconds: i.scaleUpStabilizationWindowSeconds,
    scaleDownWindowSeconds: i.scaleDownStabilizationWindowSeconds,
    recommendations: (i.recommendationHistory as Json[]).map((x) => ({
      recommendation: x.recommendation,
      timestamp: at(x.ageSec),
    })),
  });
  const checks = [same(r.replicas, e.stabilizedReplicas, "stabilizedReplicas")];
  if (e.recommendationHistoryAfter !== undefined)
    checks.push(
      same(
        r.recommendations.map((x) => x.recommendation),
        e.recommendationHistoryAfter,
        "recommendations after",
      ),
    );
  return all(...checks);
}

function runLegacyStabilization(i: Json, e: Json): Outcome {
  const r = stabilizeRecommendation({
    now: NOW,
    windowSeconds: i.downscaleStabilizationWindowSec,
    desiredReplicas: i.desiredReplicas,
    recommendations: (i.recommendationHistory as Json[]).map((x) => ({
      recommendation: x.recommendation,
      timestamp: at(x.ageSec),
    })),
  });
  return all(
    same(r.replicas, e.stabilizedReplicas, "stabilizedReplicas"),
    same(r.recommendations.length, e.historyLengthAfter, "history length after"),
  );
}

function runLegacyNormalize(i: Json, e: Json): Outcome {
  const r = convertDesiredReplicasWithRules(
    i.currentReplicas,
    i.desiredReplicas,
    i.minReplicas,
    i.maxReplicas,
    i.scaleUpLimitFactor,
    i.scaleUpLimitMinimum,
  );
  return all(same(r.replicas, e.desiredReplicas, "desiredReplicas"), same(r.reason, e.reason, "reason"));
}

function runScalingRulesDefaults(i: Json, e: Json): Outcome {
  const given = rulesOf(i.given);
  const r = i.direction === "scaleUp" ? generateScaleUpRules(given) : generateScaleDownRules(given);
  return all(
    same(r.policies, e.policies, "policies"),
    same(r.stabilizationWindowSeconds ?? null, e.stabilizationWindowSeconds, "stabilizationWindowSeconds"),
    same(r.selectPolicy, e.selectPolicy, "selectPolicy"),
  );
}

/** Stored as a scale-up (10 → 15) and as a scale-down (10 → 5); both must agree with the vector. */
function runScaleEventStore(i: Json, e: Json): Outcome {
  const rules = i.rules ? rulesOf(i.rules) : undefined;
  const checks: Outcome[] = [];
  for (const dir of ["up", "down"] as const) {
    const behavior: HorizontalPodAutoscalerBehavior = {
      scaleUp: generateScaleUpRules(dir === "up" ? rules : undefined),
      scaleDown: generateScaleDownRules(dir === "down" ? rules : undefined),
    };
    const previous = events(i.previousEvents);
    const longest = Math.max(
      ...(dir === "up" ? behavior.scaleUp! : behavior.scaleDown!).policies!.map((p) => p.periodSeconds),
    );
    const before = getReplicasChangePerPeriod(60, previous, NOW);
    const start = { up: dir === "up" ? previous : [], down: dir === "down" ? previous : [] };
    const after = storeScaleEvent(
      behavior,
      start,
      10,
      dir === "up" ? 10 + i.replicaChange : 10 - i.replicaChange,
      NOW,
    );
    const list = after[dir];
    checks.push(same(before, e.replicasChangeInLast60sBefore, `${dir}: change in last 60s before`));
    // A default-rules vector expects nothing stored when the upstream test leaves behavior nil.
    const expectedAfter = i.rules === null ? [] : e.eventsAfter;
    const got =
      i.rules === null ? [] : list.map((x) => ({ replicaChange: x.replicaChange, outdated: x.outdated }));
    checks.push(same(got, expectedAfter, `${dir}: events after (longest period ${longest}s)`));
  }
  if (i.rules === null) {
    // Upstream's "default behavior" case passes a nil behavior: storeScaleEvent stores nothing.
    const none = storeScaleEvent(undefined, { up: [], down: [] }, 10, 10 + i.replicaChange, NOW);
    checks.push(same(none.up.length + none.down.length, e.eventsAfter.length, "nil behavior stores nothing"));
  }
  return all(...checks);
}

function runLimit(i: Json, e: Json, dir: "up" | "down"): Outcome {
  const rules = i.rules as HPAScalingRules;
  const f = dir === "up" ? calculateScaleUpLimitWithScalingRules : calculateScaleDownLimitWithBehaviors;
  return same(
    f(i.currentReplicas, events(i.scaleUpEvents), events(i.scaleDownEvents), rules, NOW),
    e.limit,
    "limit",
  );
}

// ------------------------------------------------------------------ controller

function fakeMetrics(i: Json): MetricsClient {
  const failing: string[] = i.failingMetricSources ?? [];
  const allFail = failing.some((f) => f.startsWith("all"));
  const fails = (src: string) => allFail || failing.includes(src);
  return {
    resourceSamples(): PodResourceSample[] {
      if (fails("Resource")) return [];
      return (i.resourceMetricSamples ?? []).map((s: Json) => ({
        pod: s.podName,
        timestamp: at(s.ageSec),
        window: s.windowSec,
        containers: Object.fromEntries(
          Object.entries(s.cpuMilliPerContainer).map(([c, v]) => [c, { cpu: v as number, memory: 0 }]),
        ),
      }));
    },
    podsMetric(_name: string) {
      if (fails("Pods") || !i.podsMetricSamplesMilli) return [];
      return Object.entries(i.podsMetricSamplesMilli).map(([pod, v]) => ({
        pod,
        valueMilli: v as number,
        timestamp: NOW,
        window: 60,
      }));
    },
    objectMetric() {
      if (fails("Object") || i.objectMetricValueMilli === undefined || i.objectMetricValueMilli === null)
        return undefined;
      return i.objectMetricValueMilli;
    },
    externalMetric() {
      if (fails("External") || !i.externalMetricValuesMilli) return undefined;
      return i.externalMetricValuesMilli;
    },
  };
}

function runController(v: HpaVector, i: Json, e: Json): Outcome {
  const notes = v.notes ?? "";
  const cfg = i.controllerConfig;
  const config: HPAConfig = {
    tolerance: cfg.tolerance,
    cpuInitializationPeriod: cfg.cpuInitializationPeriodSec,
    initialReadinessDelay: cfg.initialReadinessDelaySec,
    downscaleStabilizationWindow: cfg.downscaleStabilizationWindowSec,
    scaleUpLimitFactor: cfg.scaleUpLimitFactor,
    scaleUpLimitMinimum: cfg.scaleUpLimitMinimum,
  };
  const selector = notes.includes("unparsable")
    ? { matchExpressions: [{ key: "cheddar cheese", operator: "Exists" as const }] }
    : { matchLabels: { name: "test-pod" } };
  const pods = (i.pods as VectorPod[]).map((p) => buildPod(p, p.containers ?? []));
  const deployment = (name: string, sel: Deployment["spec"]["selector"]): Deployment => ({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "default" },
    spec: {
      replicas: i.specReplicas,
      selector: sel,
      template: { metadata: { labels: { name: "test-pod" } }, spec: { containers: [] } },
      strategy: { type: "RollingUpdate" },
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
    status: { replicas: i.statusReplicas },
  });
  const hpa = (name: string, target: string): HorizontalPodAutoscaler => {
    const h: HorizontalPodAutoscaler = {
      apiVersion: "autoscaling/v2",
      kind: "HorizontalPodAutoscaler",
      metadata: { name, namespace: "default", uid: `${name}-uid` },
      spec: {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: target },
        minReplicas: i.minReplicas,
        maxReplicas: i.maxReplicas,
        metrics: milliQuantities(i.metrics) as MetricSpec[],
      },
      // As horizontal_test.go's fixture: the status starts at the spec's size.
      status: { currentReplicas: i.specReplicas, desiredReplicas: i.specReplicas },
    };
    if (i.behavior)
      h.spec.behavior = { scaleUp: rulesOf(i.behavior.scaleUp), scaleDown: rulesOf(i.behavior.scaleDown) };
    return h;
  };
  const objects: KubeObject[] = [hpa("test-hpa", "test-rc"), ...pods];
  if (!notes.includes("GET of the scale subresource fails")) objects.push(deployment("test-rc", selector));
  if (notes.includes("Another HPA"))
    objects.push(hpa("test-hpa-2", "test-rc-2"), deployment("test-rc-2", selector));

  const state: HPAState = newHPAState();
  if (i.recommendationHistory !== null)
    state.recommendations = (i.recommendationHistory as Json[]).map((x) => ({
      recommendation: x.recommendation,
      timestamp: at(x.ageSec),
    }));
  const ctx: ReconcileContext = { now: NOW, store: storeOf(objects), settings: defaultSettings() };
  const client = fakeMetrics(i);
  let { result } = reconcileHPA(ctx, "test-hpa", state, client, config);

  if (v.source.includes("TestAvoidUnnecessaryUpdates")) {
    // The HPA already carries the status the controller computes: a second sync from the same
    // starting state must not write the status again.
    const written = result.writes.find((w) => w.op === "updateStatus")?.object as
      HorizontalPodAutoscaler | undefined;
    if (!written) return { pass: false, message: "first sync wrote no status to replay" };
    const replay = objects.map((o) =>
      o.kind === "HorizontalPodAutoscaler" && o.metadata.name === "test-hpa" ? written : o,
    );
    const again = reconcileHPA({ ...ctx, store: storeOf(replay) }, "test-hpa", { ...state }, client, config);
    if (again.result.writes.some((w) => w.op === "updateStatus"))
      return { pass: false, message: "status written although it did not change" };
    result = { ...again.result, writes: result.writes };
  }

  const scaleWrite = result.writes.find((w) => w.op === "update");
  const statusWrite = result.writes.find((w) => w.op === "updateStatus")?.object as
    HorizontalPodAutoscaler | undefined;
  const status = statusWrite?.status ?? ctx.store.get("HorizontalPodAutoscaler", "test-hpa")!.status;
  const scaled = scaleWrite ? (scaleWrite.object as Deployment).spec.replicas : undefined;
  const desired = scaled ?? status.desiredReplicas;
  const checks: Outcome[] = [
    same(scaleWrite !== undefined, e.scaleUpdated, "scaleUpdated"),
    same(
      (status.conditions ?? []).map((c) => [c.type, c.status, c.reason]),
      e.conditions,
      "conditions",
    ),
  ];
  checks.push(same(desired, e.desiredReplicas, "desiredReplicas"));
  if (e.currentCPUUtilizationPercent !== undefined) {
    const cpu = status.currentMetrics?.find((m) => m.type === "Resource" && m.resource?.name === "cpu");
    checks.push(
      same(cpu?.resource?.current.averageUtilization, e.currentCPUUtilizationPercent, "cpu utilization"),
    );
  }
  if (e.event) {
    const ev = result.events.find((x) => x.reason === e.event.reason);
    checks.push(same(ev?.message, e.event.message, `event ${e.event.reason}`));
  }
  if (notes.includes("No event expected")) checks.push(same(result.events.length, 0, "events"));
  return all(...checks);
}

/** Run one HPA vector through the product code. */
export function runHpaVector(v: HpaVector): Outcome {
  const i = v.inputs as Json;
  const e = v.expected as Json;
  switch (v.kind) {
    case "controller":
      return runController(v, i, e);
    case "replicaCalc":
      return runReplicaCalc(i, e);
    case "groupPods":
      return runGroupPods(i, e);
    case "behaviorRate":
      return runBehaviorRate(i, e);
    case "stabilization":
      return runStabilization(i, e);
    case "legacyStabilization":
      return runLegacyStabilization(i, e);
    case "legacyNormalize":
      return runLegacyNormalize(i, e);
    case "scalingRulesDefaults":
      return runScalingRulesDefaults(i, e);
    case "scaleEventStore":
      return runScaleEventStore(i, e);
    case "scaleUpLimit":
      return runLimit(i, e, "up");
    case "scaleDownLimit":
      return runLimit(i, e, "down");
    default:
      return { pass: false, message: `unknown HPA vector kind "${v.kind}"` };
  }
}
