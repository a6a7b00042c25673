/**
 * Runs the HPA vectors (vectors/hpa-vectors.json, transcribed from Kubernetes'
 * replica_calculator_test.go, horizontal_test.go and autoscaling/v2 defaults_test.go) against
 * the product's own functions. Each runner builds real Pods, Deployments and HPAs, a fake
 * metrics client and — for a whole sync — a scale client that fails where the vector's
 * `faults` say, calls the product, and returns the value of every expected field it knows.
 *
 * Conventions (docs/fidelity.md): values in milli-units; times as ages in seconds before "now"
 * (we run at now = 0, so a time is −age); an age of 1e12 stands for Go's zero time. The
 * vectors carry the upstream tests' controller constants (tolerance, CPU initialization
 * 120 s, readiness delay 10 s, scale-up factor 8) and they are passed in from the vector,
 * never baked into the product; the replica calculator's own tests use the same two
 * readiness constants (replica_calculator.go defaultTestingCPUInitializationPeriod,
 * defaultTestingDelayOfInitialReadinessStatus), which the calculator vectors do not repeat.
 */
import { generateScaleDownRules, generateScaleUpRules } from "../k8s/hpaBehaviorDefaults.ts";
import { parseLabelSelector, type SelectorRequirement } from "../k8s/labelSelectorParse.ts";
import type {
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerBehavior,
  HPAScalingRules,
  KubeObject,
  MetricSpec,
  Pod,
} from "../k8s/types.ts";
import type { ApiError } from "../engine/cluster.ts";
import type { StoreView, Write } from "../engine/controller.ts";
import { readerOf } from "../engine/store.ts";
import { defaultSettings } from "../engine/settings.ts";
import type { CustomMetricSample, MetricsClient, PodResourceSample } from "../engine/metrics/types.ts";
import {
  newHPAState,
  reconcileHPA,
  type HPAConfig,
  type HPAState,
} from "../engine/controllers/hpa/controller.ts";
import {
  podsMetricsFromSamples,
  resourceMetricsFromSamples,
} from "../engine/controllers/hpa/computeMetrics.ts";
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
  getExternalMetricReplicas,
  getExternalPerPodMetricReplicas,
  getMetricReplicas,
  getObjectMetricReplicas,
  getObjectPerPodMetricReplicas,
  getRawResourceReplicas,
  getResourceReplicas,
  readyPodsCount,
  type Failure,
} from "../engine/controllers/hpa/replicaCalc.ts";
import type { Scale, ScaleClient } from "../engine/controllers/hpa/scaleClient.ts";
import {
  getReplicasChangePerPeriod,
  storeScaleEvent,
  type TimestampedScaleEvent,
} from "../engine/controllers/hpa/scaleEvents.ts";
import {
  VectorFormatError,
  fields,
  listOf,
  matcher,
  oneOf,
  optionalFields,
  runKind,
  type Actual,
  type Json,
  type KindRunner,
  type Outcome,
  type VectorData,
} from "./vector.ts";

const NOW = 0;
/** A vector age (seconds before now; 1e12 = Go's zero time) as a simulated time. */
const at = (ageSec: number): number => NOW - ageSec;

/** replica_calculator_test.go's readiness constants (2 min, 10 s). */
const CALCULATOR_READINESS = { cpuInitializationPeriod: 120, initialReadinessDelay: 10 };

/** What horizontal_test.go's failing reactors answer: `fmt.Errorf("something went wrong")`. */
const SOMETHING_WENT_WRONG: ApiError = { reason: "InternalError", message: "something went wrong" };

// ------------------------------------------------------------------ builders

const POD_FIELDS = ["name", "phase", "deleted", "readyCondition", "startAgeSec", "readyTransitionAgeSec"];
const PHASES = ["Pending", "Running", "Succeeded", "Failed", "Unknown"];

function buildPod(p: Json, where: string, containers: { name: string; requestMilli: number | null }[]): Pod {
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
    status: { phase: oneOf(p.phase, `${where}.phase`, PHASES) as Pod["status"]["phase"] },
  };
  if (p.deleted) pod.metadata.deletionTimestamp = NOW;
  if (p.startAgeSec !== null && p.startAgeSec !== undefined) pod.status.startTime = at(p.startAgeSec);
  if (p.readyCondition !== null && p.readyCondition !== undefined)
    pod.status.conditions = [
      {
        type: "Ready",
        status: oneOf(p.readyCondition, `${where}.readyCondition`, ["True", "False"]),
        lastTransitionTime: at(p.readyTransitionAgeSec ?? 1e12),
      },
    ];
  return pod;
}

const storeOf = (objects: KubeObject[]): StoreView => readerOf(objects);

const TARGET_FIELDS = ["type", "averageUtilization", "averageValueMilli", "valueMilli"];
const METRIC_FIELDS: Record<string, string[]> = {
  resource: ["name", "target"],
  containerResource: ["name", "container", "target"],
  pods: ["metric", "target"],
  object: ["describedObject", "metric", "target"],
  external: ["metric", "target"],
};

/** A spec.metrics entry with milli values (`averageValueMilli: 500` → `averageValue: "500m"`). */
function metricSpec(m: Json, where: string): MetricSpec {
  fields(m, where, ["type", ...Object.keys(METRIC_FIELDS)]);
  // Any type word: an unknown one is what InvalidMetricSourceType vectors test.
  if (typeof m.type !== "string") throw new VectorFormatError(`${where}.type must be a string`);
  const out: Json = { type: m.type };
  for (const key of Object.keys(METRIC_FIELDS)) {
    if (m[key] === undefined) continue;
    const src = fields(m[key], `${where}.${key}`, METRIC_FIELDS[key]);
    const t = fields(src.target, `${where}.${key}.target`, TARGET_FIELDS);
    const target: Json = {
      type: oneOf(t.type, `${where}.${key}.target.type`, ["Utilization", "AverageValue", "Value"]),
    };
    if (t.averageUtilization !== undefined) target.averageUtilization = t.averageUtilization;
    if (t.averageValueMilli !== undefined) target.averageValue = `${t.averageValueMilli}m`;
    if (t.valueMilli !== undefined) target.value = `${t.valueMilli}m`;
    out[key] = { ...structuredClone(src), target };
  }
  return out as MetricSpec;
}

const RULES_FIELDS = ["stabilizationWindowSeconds", "selectPolicy", "policies", "tolerance"];

/** Vector rules use null for "unset": drop those fields. */
function rulesOf(r: Json, where: string): HPAScalingRules | undefined {
  if (r === null || r === undefined) return undefined;
  fields(r, where, RULES_FIELDS);
  const out: HPAScalingRules = {};
  if (r.stabilizationWindowSeconds !== null && r.stabilizationWindowSeconds !== undefined)
    out.stabilizationWindowSeconds = r.stabilizationWindowSeconds;
  if (r.selectPolicy !== null && r.selectPolicy !== undefined)
    out.selectPolicy = oneOf(r.selectPolicy, `${where}.selectPolicy`, ["Max", "Min", "Disabled"] as const);
  if (r.policies !== null && r.policies !== undefined)
    out.policies = listOf(r.policies, `${where}.policies`, ["type", "value", "periodSeconds"]).map(
      (p, k) => ({
        type: oneOf(p.type, `${where}.policies[${k}].type`, ["Pods", "Percent"]),
        value: p.value,
        periodSeconds: p.periodSeconds,
      }),
    );
  if (r.tolerance !== null && r.tolerance !== undefined) out.tolerance = String(r.tolerance);
  return out;
}

const events = (list: Json, where: string): TimestampedScaleEvent[] =>
  listOf(list ?? [], where, ["replicaChange", "ageSec", "outdated"]).map((e) => ({
    replicaChange: e.replicaChange,
    timestamp: at(e.ageSec),
    outdated: e.outdated ?? false,
  }));

const recommendations = (list: Json, where: string) =>
  listOf(list, where, ["recommendation", "ageSec"]).map((x) => ({
    recommendation: x.recommendation,
    timestamp: at(x.ageSec),
  }));

/** An unordered list of names compared as a set. */
const sameMembers = (got: Iterable<string>) => {
  const sorted = [...got].sort();
  return matcher((e) => Array.isArray(e) && JSON.stringify([...e].sort()) === JSON.stringify(sorted), sorted);
};

// ------------------------------------------------------------------ replica calculator

const CALC_POD_FIELDS = [...POD_FIELDS, "requestMilli", "usageMilli", "metricAgeSec", "metricWindowSec"];

/** ReplicaCalculator.Get*Replicas for one metric, reached through the metrics clients' answers. */
function runReplicaCalc(i: Json): Actual {
  const tolerances = fields(i.tolerance, "inputs.tolerance", ["scaleDown", "scaleUp"]);
  const container: string | undefined = i.container ?? undefined;
  const podSpecs = listOf(i.pods, "inputs.pods", CALC_POD_FIELDS);
  // replica_calculator_test.go gives every pod the test's containers, each with the request;
  // a ContainerResource case names one of two.
  const containerNames = container ? ["container1", "container2"] : ["container1"];
  const pods = podSpecs.map((p, k) =>
    buildPod(
      p,
      `inputs.pods[${k}]`,
      containerNames.map((name) => ({ name, requestMilli: p.requestMilli })),
    ),
  );
  const sampled = podSpecs.filter((p) => p.usageMilli !== null && p.usageMilli !== undefined);
  const extra = listOf(i.extraMetricSamples ?? [], "inputs.extraMetricSamples", ["podName", "usageMilli"]);
  const common = {
    currentReplicas: i.currentReplicas,
    tolerances,
    pods,
    readiness: CALCULATOR_READINESS,
    now: NOW,
  };
  const resource: string = i.resource ?? "";

  /** metrics.k8s.io PodMetrics: the usage in the named container (or the pod's one). */
  const resourceSamples = (): PodResourceSample[] =>
    [
      ...sampled.map((p) => ({
        pod: p.name,
        usage: p.usageMilli,
        timestamp: at(p.metricAgeSec ?? 0),
        window: p.metricWindowSec ?? 60,
      })),
      ...extra.map((x) => ({ pod: x.podName, usage: x.usageMilli, timestamp: NOW, window: 60 })),
    ].map((s) => ({
      pod: s.pod,
      timestamp: s.timestamp,
      window: s.window,
      containers: {
        [container ?? "container1"]: {
          cpu: resource === "cpu" ? s.usage : 0,
          memory: resource === "memory" ? s.usage : 0,
        },
      },
    }));
  const customSamples = (): CustomMetricSample[] => [
    ...sampled.map((p) => ({
      pod: p.name,
      valueMilli: p.usageMilli,
      timestamp: at(p.metricAgeSec ?? 0),
      window: p.metricWindowSec ?? 60,
    })),
    ...extra.map((x) => ({ pod: x.podName, valueMilli: x.usageMilli, timestamp: NOW, window: 60 })),
  ];

  type Got = { replicas: number; utilization?: number; rawAverageValue?: number; usage?: number } | Failure;
  let got: Got;
  const source = oneOf(i.metricSource, "inputs.metricSource", [
    "Resource",
    "ContainerResource",
    "Pods",
    "Object",
    "External",
  ]);
  const targetType = oneOf(i.targetType, "inputs.targetType", ["Utilization", "AverageValue", "Value"]);
  switch (`${source}/${targetType}`) {
    case "Resource/Utilization":
    case "ContainerResource/Utilization":
      got = getResourceReplicas({
        ...common,
        metrics: resourceMetricsFromSamples(resourceSamples(), resource, container),
        targetUtilization: i.targetAverageUtilization,
        resource,
        container,
      });
      break;
    case "Resource/AverageValue":
    case "ContainerResource/AverageValue":
      got = getRawResourceReplicas({
        ...common,
        metrics: resourceMetricsFromSamples(resourceSamples(), resource, container),
        targetUsage: i.targetAverageValueMilli,
        resource,
      });
      break;
    case "Pods/AverageValue":
      got = getMetricReplicas({
        ...common,
        metrics: podsMetricsFromSamples(customSamples()),
        targetUsage: i.targetAverageValueMilli,
        metricName: i.metricName ?? "",
      });
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
      throw new VectorFormatError(`no calculator for a ${source} metric with a ${targetType} target`);
  }
  if ("ok" in got && got.ok === false) {
    const error = got.error;
    // The Go tests compare the error by its text; the vector gives the words it must contain.
    return { error: matcher((e) => typeof e === "string" && error.includes(e), error) };
  }
  const r = got as Exclude<Got, Failure>;
  const noError = matcher(() => false, "no error");
  return {
    error: noError,
    desiredReplicas: r.replicas,
    ...(r.utilization !== undefined ? { utilizationPercent: r.utilization } : {}),
    ...(r.rawAverageValue !== undefined ? { rawAverageValueMilli: r.rawAverageValue } : {}),
    ...(r.usage !== undefined ? { usageMilli: r.usage } : {}),
  };
}

// ------------------------------------------------------------------ controller

const CONTROLLER_INPUTS = [
  "minReplicas",
  "maxReplicas",
  "specReplicas",
  "statusReplicas",
  "metrics",
  "behavior",
  "pods",
  "resourceMetricSamples",
  "podsMetricSamplesMilli",
  "objectMetricValueMilli",
  "externalMetricValuesMilli",
  "failingMetricSources",
  "recommendationHistory",
  "controllerConfig",
  "scaleSelector",
  "otherHPAs",
  "faults",
  "statusEqualsComputed",
];

const FAILING_SOURCES = [
  "Resource",
  "ContainerResource",
  "Pods",
  "Object",
  "External",
  "all metrics APIs return an error",
];

function fakeMetrics(i: Json): MetricsClient {
  const failing = (i.failingMetricSources ?? []) as unknown[];
  if (!Array.isArray(failing)) throw new VectorFormatError("inputs.failingMetricSources must be a list");
  failing.forEach((f, k) => oneOf(f, `inputs.failingMetricSources[${k}]`, FAILING_SOURCES));
  const fails = (src: string) =>
    failing.includes("all metrics APIs return an error") || failing.includes(src);
  const samples = listOf(i.resourceMetricSamples ?? [], "inputs.resourceMetricSamples", [
    "podName",
    "cpuMilliPerContainer",
    "ageSec",
    "windowSec",
  ]);
  return {
    resourceSamples(): PodResourceSample[] {
      if (fails("Resource") || fails("ContainerResource")) return [];
      return samples.map((s) => ({
        pod: s.podName,
        timestamp: at(s.ageSec),
        window: s.windowSec,
        containers: Object.fromEntries(
          Object.entries(s.cpuMilliPerContainer as Record<string, number>).map(([c, v]) => [
            c,
            { cpu: v, memory: 0 },
          ]),
        ),
      }));
    },
    podsMetric() {
      if (fails("Pods") || !i.podsMetricSamplesMilli) return [];
      return Object.entries(i.podsMetricSamplesMilli as Record<string, number>).map(([pod, v]) => ({
        pod,
        valueMilli: v,
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

/**
 * The scale subresource of horizontal_test.go's fixture: the target's spec and status
 * replicas and its selector (or the vector's `scaleSelector`), failing as `faults` says.
 */
function vectorScaleClient(i: Json, faults: { getScale?: string; updateScale?: string }) {
  const updates: Scale[] = [];
  const client: ScaleClient = {
    get(namespace, ref) {
      if (faults.getScale === "error") return SOMETHING_WENT_WRONG;
      return {
        namespace,
        target: ref,
        specReplicas: i.specReplicas,
        statusReplicas: i.statusReplicas,
        selector: i.scaleSelector ?? "name=test-pod",
      };
    },
    update(scale) {
      if (faults.updateScale === "error") return SOMETHING_WENT_WRONG;
      updates.push(scale);
      return scale;
    },
  };
  return { client, updates };
}

function runController(i: Json): Actual {
  const cfg = fields(i.controllerConfig, "inputs.controllerConfig", [
    "tolerance",
    "cpuInitializationPeriodSec",
    "initialReadinessDelaySec",
    "downscaleStabilizationWindowSec",
    "scaleUpLimitFactor",
    "scaleUpLimitMinimum",
  ]);
  const config: HPAConfig = {
    tolerance: cfg.tolerance,
    cpuInitializationPeriod: cfg.cpuInitializationPeriodSec,
    initialReadinessDelay: cfg.initialReadinessDelaySec,
    downscaleStabilizationWindow: cfg.downscaleStabilizationWindowSec,
    scaleUpLimitFactor: cfg.scaleUpLimitFactor,
    scaleUpLimitMinimum: cfg.scaleUpLimitMinimum,
  };
  const faults = optionalFields(i.faults, "inputs.faults", ["getScale", "updateScale"]) ?? {};
  for (const k of ["getScale", "updateScale"])
    if (faults[k] !== undefined) oneOf(faults[k], `inputs.faults.${k}`, ["error"]);
  if (i.scaleSelector !== undefined && typeof i.scaleSelector !== "string")
    throw new VectorFormatError("inputs.scaleSelector must be a string");
  if (i.statusEqualsComputed !== undefined)
    oneOf(i.statusEqualsComputed, "inputs.statusEqualsComputed", [true, false]);

  const pods = listOf(i.pods ?? [], "inputs.pods", [...POD_FIELDS, "containers"]).map((p, k) =>
    buildPod(
      p,
      `inputs.pods[${k}]`,
      listOf(p.containers ?? [], `inputs.pods[${k}].containers`, ["name", "requestMilli"]),
    ),
  );
  const hpa: HorizontalPodAutoscaler = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: { name: "test-hpa", namespace: "default", uid: "test-hpa-uid" },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "test-rc" },
      minReplicas: i.minReplicas,
      maxReplicas: i.maxReplicas,
      metrics: listOf(i.metrics ?? [], "inputs.metrics", ["type", ...Object.keys(METRIC_FIELDS)]).map(
        (m, k) => metricSpec(m, `inputs.metrics[${k}]`),
      ),
    },
    // As horizontal_test.go's fixture: the status starts at the spec's size.
    status: { currentReplicas: i.specReplicas, desiredReplicas: i.specReplicas },
  };
  const behavior = optionalFields(i.behavior, "inputs.behavior", ["scaleUp", "scaleDown"]);
  if (behavior)
    hpa.spec.behavior = {
      scaleUp: rulesOf(behavior.scaleUp, "inputs.behavior.scaleUp"),
      scaleDown: rulesOf(behavior.scaleDown, "inputs.behavior.scaleDown"),
    };

  // The other HPAs' selectors as the controller remembers them (AmbiguousSelector).
  const hpaSelectors = new Map<string, readonly SelectorRequirement[]>();
  listOf(i.otherHPAs ?? [], "inputs.otherHPAs", ["name", "selector"]).forEach((o, k) => {
    const parsed = parseLabelSelector(o.selector);
    if ("error" in parsed) throw new VectorFormatError(`inputs.otherHPAs[${k}].selector: ${parsed.error}`);
    hpaSelectors.set(o.name, parsed.requirements);
  });

  const initialState = (): HPAState => {
    const state = newHPAState();
    if (i.recommendationHistory !== null)
      state.recommendations = recommendations(i.recommendationHistory, "inputs.recommendationHistory");
    return state;
  };
  const metrics = fakeMetrics(i);
  const sync = (current: HorizontalPodAutoscaler) => {
    const scales = vectorScaleClient(i, faults);
    const ctx = {
      now: NOW,
      store: storeOf([current, ...pods]),
      settings: defaultSettings(),
      scales: scales.client,
      hpaSelectors,
    };
    return { ...reconcileHPA(ctx, "test-hpa", initialState(), metrics, config), updates: scales.updates };
  };
  const statusWrite = (writes: Write[]) =>
    writes.find((w) => w.op === "updateStatus")?.object as HorizontalPodAutoscaler | undefined;

  let start = hpa;
  if (i.statusEqualsComputed === true) {
    // The HPA already carries the status this sync computes (TestAvoidUnnecessaryUpdates).
    const computed = statusWrite(sync(hpa).result.writes);
    if (computed) start = { ...hpa, status: computed.status };
  }
  const { result, updates } = sync(start);
  const written = statusWrite(result.writes);
  const status = written?.status ?? start.status;
  const scaled = updates.at(-1)?.specReplicas;
  const desired = status.desiredReplicas;
  const cpu = status.currentMetrics?.find((m) => m.type === "Resource" && m.resource?.name === "cpu");
  const evs = result.events;
  return {
    // horizontal_test.go checks expectedDesiredReplicas against the status it writes and, when
    // the scale update goes through, against the scale it writes.
    desiredReplicas: matcher((e) => e === desired && (scaled === undefined || scaled === e), {
      status: desired,
      scale: scaled ?? null,
    }),
    statusDesiredReplicas: desired,
    scaleUpdated: updates.length > 0,
    statusUpdated: written !== undefined,
    conditions: (status.conditions ?? []).map((c) => [c.type, c.status, c.reason]),
    currentCPUUtilizationPercent: cpu?.resource?.current.averageUtilization ?? null,
    event: matcher(
      (e) => {
        const want = fields(e, "expected.event", ["reason", "message", "type"]);
        return evs.some(
          (x) =>
            x.reason === want.reason &&
            (want.message === undefined || x.message === want.message) &&
            (want.type === undefined || x.type === want.type),
        );
      },
      evs.map((x) => ({ type: x.type, reason: x.reason, message: x.message })),
    ),
    eventCount: evs.length,
    eventReasons: evs.map((x) => x.reason),
  };
}

// ------------------------------------------------------------------ runners

const runners: Record<string, KindRunner> = {
  controller: {
    inputs: CONTROLLER_INPUTS,
    expected: [
      "desiredReplicas",
      "statusDesiredReplicas",
      "scaleUpdated",
      "statusUpdated",
      "conditions",
      "currentCPUUtilizationPercent",
      "event",
      "eventCount",
      "eventReasons",
    ],
    run: runController,
  },

  replicaCalc: {
    inputs: [
      "metricSource",
      "targetType",
      "resource",
      "container",
      "metricName",
      "currentReplicas",
      "statusReplicas",
      "tolerance",
      "pods",
      "extraMetricSamples",
      "metricValuesMilli",
      "targetAverageUtilization",
      "targetAverageValueMilli",
      "targetValueMilli",
    ],
    expected: ["desiredReplicas", "utilizationPercent", "rawAverageValueMilli", "usageMilli", "error"],
    run: runReplicaCalc,
  },

  groupPods: {
    inputs: ["resource", "cpuInitializationPeriodSec", "initialReadinessDelaySec", "pods"],
    expected: ["readyPodCount", "unready", "missing", "ignored"],
    run(i) {
      const specs = listOf(i.pods, "inputs.pods", [
        ...POD_FIELDS,
        "hasMetric",
        "metricAgeSec",
        "metricWindowSec",
      ]);
      const pods = specs.map((p, k) => buildPod(p, `inputs.pods[${k}]`, []));
      const metrics: PodMetricsInfo = new Map();
      for (const p of specs)
        if (p.hasMetric)
          metrics.set(p.name, {
            value: 0,
            timestamp: at(p.metricAgeSec ?? 0),
            window: p.metricWindowSec ?? 0,
          });
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
      return {
        readyPodCount: g.readyPodCount,
        unready: sameMembers(g.unready),
        missing: sameMembers(g.missing),
        ignored: sameMembers(g.ignored),
      };
    },
  },

  behaviorRate: {
    // Whether the test gave the rules or left them to defaulting: `scaleUp`/`scaleDown` are
    // already the defaulted rules either way.
    inputs: [
      "currentReplicas",
      "desiredReplicas",
      "minReplicas",
      "maxReplicas",
      "scaleUp",
      "scaleDown",
      "scaleUpEvents",
      "scaleDownEvents",
      "scaleUpRulesGivenInTest",
      "scaleDownRulesGivenInTest",
    ],
    expected: ["desiredReplicas", "reason"],
    run(i) {
      const r = convertDesiredReplicasWithBehaviorRate({
        now: NOW,
        currentReplicas: i.currentReplicas,
        desiredReplicas: i.desiredReplicas,
        minReplicas: i.minReplicas,
        maxReplicas: i.maxReplicas,
        scaleUp: generateScaleUpRules(rulesOf(i.scaleUp, "inputs.scaleUp")),
        scaleDown: generateScaleDownRules(rulesOf(i.scaleDown, "inputs.scaleDown")),
        scaleUpEvents: events(i.scaleUpEvents, "inputs.scaleUpEvents"),
        scaleDownEvents: events(i.scaleDownEvents, "inputs.scaleDownEvents"),
      });
      return { desiredReplicas: r.replicas, reason: r.reason };
    },
  },

  stabilization: {
    inputs: [
      "currentReplicas",
      "desiredReplicas",
      "scaleUpStabilizationWindowSeconds",
      "scaleDownStabilizationWindowSeconds",
      "recommendationHistory",
    ],
    expected: ["stabilizedReplicas", "recommendationHistoryAfter"],
    run(i) {
      const r = stabilizeRecommendationWithBehaviors({
        now: NOW,
        currentReplicas: i.currentReplicas,
        desiredReplicas: i.desiredReplicas,
        scaleUpWindowSeconds: i.scaleUpStabilizationWindowSeconds,
        scaleDownWindowSeconds: i.scaleDownStabilizationWindowSeconds,
        recommendations: recommendations(i.recommendationHistory, "inputs.recommendationHistory"),
      });
      return {
        stabilizedReplicas: r.replicas,
        recommendationHistoryAfter: r.recommendations.map((x) => x.recommendation),
      };
    },
  },

  legacyStabilization: {
    inputs: ["desiredReplicas", "downscaleStabilizationWindowSec", "recommendationHistory"],
    expected: ["stabilizedReplicas", "historyLengthAfter"],
    run(i) {
      const r = stabilizeRecommendation({
        now: NOW,
        windowSeconds: i.downscaleStabilizationWindowSec,
        desiredReplicas: i.desiredReplicas,
        recommendations: recommendations(i.recommendationHistory, "inputs.recommendationHistory"),
      });
      return { stabilizedReplicas: r.replicas, historyLengthAfter: r.recommendations.length };
    },
  },

  legacyNormalize: {
    inputs: [
      "currentReplicas",
      "desiredReplicas",
      "minReplicas",
      "maxReplicas",
      "scaleUpLimitFactor",
      "scaleUpLimitMinimum",
    ],
    expected: ["desiredReplicas", "reason"],
    run(i) {
      const r = convertDesiredReplicasWithRules(
        i.currentReplicas,
        i.desiredReplicas,
        i.minReplicas,
        i.maxReplicas,
        i.scaleUpLimitFactor,
        i.scaleUpLimitMinimum,
      );
      return { desiredReplicas: r.replicas, reason: r.reason };
    },
  },

  scalingRulesDefaults: {
    inputs: ["direction", "given"],
    expected: ["policies", "stabilizationWindowSeconds", "selectPolicy"],
    run(i) {
      const given = rulesOf(i.given, "inputs.given");
      const direction = oneOf(i.direction, "inputs.direction", ["scaleUp", "scaleDown"]);
      const r = direction === "scaleUp" ? generateScaleUpRules(given) : generateScaleDownRules(given);
      return {
        policies: r.policies,
        stabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
        selectPolicy: r.selectPolicy,
      };
    },
  },

  scaleEventStore: {
    // `note` says in words what this runner does: the change is stored as a scale-up
    // (10 → 10+change, with behavior.scaleUp = rules) and as a scale-down (10 → 10−change, with
    // behavior.scaleDown = rules), as TestStoreScaleEvents does; `rules: null` is a nil behavior.
    inputs: ["replicaChange", "previousEvents", "rules", "note"],
    expected: ["replicasChangeInLast60sBefore", "eventsAfter"],
    run(i) {
      const rules = rulesOf(i.rules, "inputs.rules");
      const previous = events(i.previousEvents, "inputs.previousEvents");
      const before = getReplicasChangePerPeriod(60, previous, NOW);
      const stored = (["up", "down"] as const).map((dir) => {
        const behavior: HorizontalPodAutoscalerBehavior | undefined = rules
          ? dir === "up"
            ? { scaleUp: rules }
            : { scaleDown: rules }
          : undefined;
        const start = { up: dir === "up" ? previous : [], down: dir === "down" ? previous : [] };
        const after = storeScaleEvent(
          behavior,
          start,
          10,
          dir === "up" ? 10 + i.replicaChange : 10 - i.replicaChange,
          NOW,
        );
        return after[dir].map((x) => ({ replicaChange: x.replicaChange, outdated: x.outdated }));
      });
      // Up and down must agree; if they do not, the result shows both and cannot match.
      const same = JSON.stringify(stored[0]) === JSON.stringify(stored[1]);
      return {
        replicasChangeInLast60sBefore: before,
        eventsAfter: same ? stored[0] : { up: stored[0], down: stored[1] },
      };
    },
  },

  scaleUpLimit: limitRunner("up"),
  scaleDownLimit: limitRunner("down"),
};

function limitRunner(dir: "up" | "down"): KindRunner {
  return {
    inputs: ["currentReplicas", "rules", "scaleUpEvents", "scaleDownEvents"],
    expected: ["limit"],
    run(i) {
      const rules = rulesOf(i.rules, "inputs.rules")!;
      const f = dir === "up" ? calculateScaleUpLimitWithScalingRules : calculateScaleDownLimitWithBehaviors;
      return {
        limit: f(
          i.currentReplicas,
          events(i.scaleUpEvents, "inputs.scaleUpEvents"),
          events(i.scaleDownEvents, "inputs.scaleDownEvents"),
          rules,
          NOW,
        ),
      };
    },
  };
}

/** Every kind this runner checks; anything else fails in the dispatcher. */
export const HPA_KINDS: ReadonlySet<string> = new Set(Object.keys(runners));

/** Run one HPA vector's data (never its notes or source) through the product code. */
export function runHpaVector(v: VectorData): Outcome {
  const runner = runners[v.kind];
  if (runner === undefined) return { pass: false, message: `unknown HPA vector kind "${v.kind}"` };
  return runKind(runner, v);
}
