/**
 * Runs the Deployment/ReplicaSet vectors (vectors/deploy-vectors.json, transcribed from
 * Kubernetes v1.28's deployment, replicaset and kubectl unit tests) against the product's own
 * functions: each runner builds real Deployments, ReplicaSets and Pods from the vector's
 * inputs, calls the function the controller itself calls, and returns the value of every
 * expected field it knows; vector.ts compares them and fails on a field no runner knows.
 *
 * Conventions (docs/fidelity.md): replica counts are pod counts; maxSurge/maxUnavailable are
 * integers, "N%" strings, or null (unset); RFC 3339 times become seconds relative to an origin
 * chosen per vector (so nanosecond offsets survive float arithmetic); a missing or null time
 * is Go's zero time. Upstream test helpers leave progressDeadlineSeconds nil, which is
 * MaxInt32 ("no deadline") here. The `units`, `calls` and `comparator` inputs are prose for
 * people, and are never read.
 */
import type {
  ConditionStatus,
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  IntOrString,
  KubeObject,
  Pod,
  PodPhase,
  PodTemplateSpec,
  ReplicaSet,
} from "../k8s/types.ts";
import type { StoreView } from "../engine/controller.ts";
import { readerOf } from "../engine/store.ts";
import { SyncSession } from "../engine/controllers/deployment/client.ts";
import { syncDeployment } from "../engine/controllers/deployment/index.ts";
import { historyTable } from "../kubectl/commands/rollout/history.ts";
import { requeueStuckDeployment, syncRolloutStatus } from "../engine/controllers/deployment/progress.ts";
import {
  oldPodsRunning,
  scaleDownOldReplicaSetsForRecreate,
  type PodMap,
} from "../engine/controllers/deployment/recreate.ts";
import {
  cleanupUnhealthyReplicas,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  scaleDownOldReplicaSetsForRollingUpdate,
} from "../engine/controllers/deployment/rolling.ts";
import { rolloutStatusMessage } from "../kubectl/commands/rollout/status.ts";
import { cleanupDeployment, scale } from "../engine/controllers/deployment/sync.ts";
import {
  DeprecatedRollbackTo,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  ChangeCauseAnnotation,
} from "../engine/controllers/deployment/annotations.ts";
import {
  MAX_INT32,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  filterActiveReplicaSets,
  findNewReplicaSet,
  findOldReplicaSets,
  getActualReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  isSaturated,
  maxUnavailable,
  minAvailable,
  newRSNewReplicas,
  replicasAnnotationsNeedUpdate,
  resolveFenceposts,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from "../engine/controllers/deployment/util.ts";
import { ZERO_TIME } from "../engine/controllers/replicaset/pods.ts";
import {
  activePodsLess,
  getPodsToDelete,
  podDeletionLess,
  sortByLess,
  type RankingGates,
} from "../engine/controllers/replicaset/ranking.ts";
import { slowStartBatch } from "../engine/controllers/replicaset/slowStart.ts";
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

// ------------------------------------------------------------------ times

/** An RFC 3339 time as whole milliseconds plus the sub-millisecond remainder in seconds. */
function parseRFC3339(s: string): { ms: number; frac: number } {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) throw new VectorFormatError(`not an RFC 3339 time: ${JSON.stringify(s)}`);
  const digits = (m[2] ?? ".").slice(1).padEnd(9, "0");
  const ms = Date.parse(`${m[1]}.${digits.slice(0, 3)}${m[3]}`);
  if (Number.isNaN(ms)) throw new VectorFormatError(`not an RFC 3339 time: ${JSON.stringify(s)}`);
  return { ms, frac: Number(`0.000${digits.slice(3)}`) };
}

/** Seconds from `origin` to `t` (null/undefined → Go's zero time). */
function secondsSince(t: string | null | undefined, origin: string): number {
  if (t === null || t === undefined) return ZERO_TIME;
  const a = parseRFC3339(t);
  const o = parseRFC3339(origin);
  return (a.ms - o.ms) / 1000 + (a.frac - o.frac);
}

/** The simulated "now" of relative times ("now", "now-1month", "now+1m", "now-5h"). */
const NOW = 1_000_000_000;
const UNIT: Record<string, number> = { s: 1, m: 60, h: 3600, month: 30 * 24 * 3600 };

function relative(t: string | null | undefined): number | undefined {
  if (t === null || t === undefined) return undefined;
  const m = /^now(?:([+-])(\d+)(month|h|m|s))?$/.exec(t);
  if (!m)
    throw new VectorFormatError(`not a relative time ("now", "now-5h", "now+1m"…): ${JSON.stringify(t)}`);
  if (m[1] === undefined) return NOW;
  return NOW + (m[1] === "-" ? -1 : 1) * Number(m[2]) * UNIT[m[3]];
}

// ------------------------------------------------------------------ builders

const TEMPLATE: PodTemplateSpec = {
  metadata: { labels: { foo: "bar" } },
  spec: { containers: [{ name: "foo", image: "foo/bar" }] },
};

/** A template that differs from the Deployment's (as the upstream tests' terminationGracePeriodSeconds does); `n` keeps several apart. */
function otherTemplate(n = 1): PodTemplateSpec {
  return {
    metadata: { labels: { foo: "bar" } },
    spec: { containers: [{ name: "foo", image: "foo/bar" }], terminationGracePeriodSeconds: n },
  };
}

function withHash(t: PodTemplateSpec, hash: string): PodTemplateSpec {
  const c = structuredClone(t);
  c.metadata.labels = { ...(c.metadata.labels ?? {}), "pod-template-hash": hash };
  return c;
}

function intOrString(v: J): IntOrString | undefined {
  return v === null || v === undefined ? undefined : v;
}

type J = Json;

const STATUS_FIELDS = [
  "replicas",
  "updatedReplicas",
  "readyReplicas",
  "availableReplicas",
  "unavailableReplicas",
  "observedGeneration",
];
const CONDITION_FIELDS = ["type", "status", "reason", "message", "lastUpdateTime", "lastTransitionTime"];
const DEPLOYMENT_FIELDS = [
  "name",
  "strategy",
  "replicas",
  "maxSurge",
  "maxUnavailable",
  "selector",
  "progressDeadlineSeconds",
  "status",
  "conditions",
  "annotations",
  "revisionHistoryLimit",
  "generation",
];
const RS_FIELDS = [
  "name",
  "uid",
  "specReplicas",
  "statusReplicas",
  "availableReplicas",
  "readyReplicas",
  "annotations",
  "revision",
  "changeCause",
  "creationTimestamp",
  "creationTimestampOffsetMinutes",
  "deletionTimestamp",
  // Says which list the ReplicaSet is in (newRS or oldRSs), which the inputs already say.
  "isNew",
  "templateEqualsDeployment",
  "templateEqualsDeploymentIgnoringHash",
  "created",
];
const POD_FIELDS = [
  "name",
  "nodeName",
  "phase",
  "ready",
  "readySince",
  "restarts",
  "created",
  "deletionCost",
  "rank",
];

/** The strategy words of the vectors: a type, optionally built by upstream's newDeployment helper. */
function strategyOf(s: J, where: string): "RollingUpdate" | "Recreate" {
  if (s === undefined) return "RollingUpdate";
  const m = typeof s === "string" ? /^(RollingUpdate|Recreate)(\(newDeployment helper\))?$/.exec(s) : null;
  if (!m)
    throw new VectorFormatError(
      `${where}.strategy is ${JSON.stringify(s)}; this runner knows "RollingUpdate" and "Recreate"`,
    );
  return m[1] as "RollingUpdate" | "Recreate";
}

/**
 * A Deployment as the upstream helpers build it: RollingUpdate unless told Recreate.
 * `helperFenceposts`: upstream's newDeployment sets maxSurge and maxUnavailable to 0 unless
 * given (deployment_controller_test.go).
 */
function mkDeployment(spec: J, where = "inputs.deployment", helperFenceposts = false): Deployment {
  fields(spec, where, DEPLOYMENT_FIELDS);
  const recreate = strategyOf(spec.strategy, where) === "Recreate";
  const pds = spec.progressDeadlineSeconds;
  const fencepost = (v: J) => (v === undefined && helperFenceposts ? 0 : intOrString(v));
  const d: Deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: spec.name ?? "foo",
      uid: "deployment-uid",
      generation: spec.generation ?? 0,
      annotations: { ...(spec.annotations ?? {}) },
    },
    spec: {
      replicas: spec.replicas as number,
      selector: { matchLabels: spec.selector ?? { foo: "bar" } },
      template: structuredClone(TEMPLATE),
      strategy: recreate
        ? { type: "Recreate" }
        : {
            type: "RollingUpdate",
            rollingUpdate: {
              maxSurge: fencepost(spec.maxSurge),
              maxUnavailable: fencepost(spec.maxUnavailable),
            },
          },
      minReadySeconds: 0,
      revisionHistoryLimit: spec.revisionHistoryLimit ?? MAX_INT32,
      progressDeadlineSeconds: pds === null || pds === undefined ? MAX_INT32 : pds,
    },
    status: {},
  };
  if (spec.status) d.status = { ...fields(spec.status, `${where}.status`, STATUS_FIELDS) };
  return d;
}

let uidCounter = 0;

/** A ReplicaSet controlled by the helper Deployment. */
function mkRS(
  spec: J,
  where: string,
  opts: { template?: PodTemplateSpec; creation?: number } = {},
): ReplicaSet {
  fields(spec, where, RS_FIELDS);
  const name: string = spec.name ?? `rs-${++uidCounter}`;
  const annotations: Record<string, string> = { ...(spec.annotations ?? {}) };
  if (spec.revision !== undefined) annotations[RevisionAnnotation] = String(spec.revision);
  if (spec.changeCause !== undefined) annotations[ChangeCauseAnnotation] = spec.changeCause;
  const rs: ReplicaSet = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: {
      name,
      uid: spec.uid ?? `${name}-uid`,
      generation: 0,
      annotations,
      labels: { foo: "bar" },
      ownerReferences: [
        { apiVersion: "apps/v1", kind: "Deployment", name: "foo", uid: "deployment-uid", controller: true },
      ],
    },
    spec: {
      replicas: spec.specReplicas ?? 0,
      minReadySeconds: 0,
      selector: { matchLabels: { foo: "bar" } },
      template: opts.template ?? withHash(otherTemplate(), name),
    },
    status: {
      replicas: spec.statusReplicas ?? 0,
      availableReplicas: spec.availableReplicas ?? 0,
      readyReplicas: spec.readyReplicas ?? 0,
      observedGeneration: 0,
    },
  };
  const creation =
    opts.creation ??
    (spec.creationTimestampOffsetMinutes !== undefined
      ? NOW + 60 * spec.creationTimestampOffsetMinutes
      : spec.creationTimestamp
        ? secondsSince(spec.creationTimestamp, "2016-05-20T00:00:00Z")
        : undefined);
  if (creation !== undefined) rs.metadata.creationTimestamp = creation;
  if (spec.deletionTimestamp !== undefined) {
    oneOf(spec.deletionTimestamp, `${where}.deletionTimestamp`, ["set"]);
    rs.metadata.deletionTimestamp = NOW;
  }
  return rs;
}

const rsList = (x: J, where: string) => listOf(x, where, RS_FIELDS).map((r, i) => mkRS(r, `${where}[${i}]`));

/** A pod from the ranking vectors' description. */
function mkPod(spec: J, where: string, readyZero = false): Pod {
  fields(spec, where, POD_FIELDS);
  const restarts: number[] = Array.isArray(spec.restarts) ? spec.restarts : [spec.restarts ?? 0];
  const pod: Pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: spec.name },
    spec: { containers: [{ name: "c", image: "i" }], nodeName: spec.nodeName ?? "" },
    status: {
      phase: (spec.phase || undefined) as PodPhase,
      containerStatuses: restarts.map((n, i) => ({
        name: `c${i}`,
        image: "i",
        ready: !!spec.ready,
        restartCount: n,
      })),
    },
  };
  if (spec.ready) {
    const since = readyZero ? ZERO_TIME : (relative(spec.readySince) ?? ZERO_TIME);
    pod.status.conditions = [{ type: "Ready", status: "True", lastTransitionTime: since }];
  }
  const created = relative(spec.created);
  if (created !== undefined) pod.metadata.creationTimestamp = created;
  if (spec.deletionCost !== undefined)
    pod.metadata.annotations = { "controller.kubernetes.io/pod-deletion-cost": String(spec.deletionCost) };
  return pod;
}

const podList = (x: J, where: string, readyZero = false) =>
  listOf(x, where, POD_FIELDS).map((p, i) => mkPod(p, `${where}[${i}]`, readyZero));

/** A Progressing condition from a vector (times relative to `origin`; missing → zero). */
function progressing(c: J, where: string, origin: string): DeploymentCondition {
  fields(c, where, CONDITION_FIELDS);
  if (c.type !== undefined) oneOf(c.type, `${where}.type`, ["Progressing"]);
  return {
    type: "Progressing",
    status: oneOf(c.status, `${where}.status`, ["True", "False", "Unknown"]) as ConditionStatus,
    reason: c.reason ?? "",
    message: c.message ?? "",
    lastUpdateTime: secondsSince(c.lastUpdateTime, origin),
    lastTransitionTime: secondsSince(c.lastTransitionTime, origin),
  };
}

/** A read-only store over a list of objects, in list order. */
const arrayStore = (objects: KubeObject[]): StoreView => readerOf(objects);

const session = (d: Deployment, now = NOW) => new SyncSession(now, d);

/** The size a ReplicaSet has after the session's writes. */
const sizeAfter = (s: SyncSession, rs: ReplicaSet): number => s.latest(rs)?.spec.replicas ?? rs.spec.replicas;

/** An unordered list compared as a set (the vector lists names in no particular order). */
const sameMembers = (got: readonly string[]) =>
  matcher((e) => Array.isArray(e) && JSON.stringify([...e].sort()) === JSON.stringify([...got].sort()), got);

// ------------------------------------------------------------------ runners

const runners: Record<string, KindRunner> = {
  fenceposts: {
    inputs: ["maxSurge", "maxUnavailable", "desiredReplicas", "units"],
    expected: ["surge", "unavailable", "error"],
    run(i) {
      const r = resolveFenceposts(i.maxSurge, i.maxUnavailable, i.desiredReplicas);
      return { surge: r.surge, unavailable: r.unavailable, error: r.error !== undefined };
    },
  },

  maxUnavailable: {
    inputs: ["deployment"],
    expected: ["maxUnavailable"],
    run: (i) => ({ maxUnavailable: maxUnavailable(mkDeployment(i.deployment)) }),
  },

  minAvailable: {
    inputs: ["deployment"],
    expected: ["minAvailable"],
    run: (i) => ({ minAvailable: minAvailable(mkDeployment(i.deployment)) }),
  },

  newRSReplicas: {
    inputs: ["deployment", "allRSs", "newRS"],
    expected: ["newRSReplicas"],
    run(i) {
      const d = mkDeployment(i.deployment);
      return {
        newRSReplicas: newRSNewReplicas(d, rsList(i.allRSs, "inputs.allRSs"), mkRS(i.newRS, "inputs.newRS")),
      };
    },
  },

  reconcileNew: {
    inputs: ["deployment", "newRS", "oldRSs", "units"],
    expected: ["scaled", "newRSReplicas"],
    run(i) {
      const d = mkDeployment(i.deployment);
      const newRS = mkRS(i.newRS, "inputs.newRS", { template: withHash(TEMPLATE, "new") });
      const oldRSs = rsList(i.oldRSs, "inputs.oldRSs");
      const s = session(d);
      const scaled = reconcileNewReplicaSet(s, [...oldRSs, newRS], newRS, d);
      return { scaled, newRSReplicas: sizeAfter(s, newRS) };
    },
  },

  reconcileOld: {
    inputs: ["deployment", "newRS", "oldRSs", "units"],
    expected: ["scaled", "oldRSReplicasAfter"],
    run(i) {
      const d = mkDeployment(i.deployment);
      const newRS = mkRS(i.newRS, "inputs.newRS", { template: withHash(TEMPLATE, "new") });
      const oldRSs = rsList(i.oldRSs, "inputs.oldRSs");
      const s = session(d);
      const scaled = reconcileOldReplicaSets(
        s,
        [...oldRSs, newRS],
        filterActiveReplicaSets(oldRSs),
        newRS,
        d,
      );
      return { scaled, oldRSReplicasAfter: sizeAfter(s, oldRSs[0]) };
    },
  },

  cleanupUnhealthy: {
    inputs: ["deployment", "oldRSs", "maxCleanupCount"],
    expected: ["cleanupCount", "oldRSReplicasAfter"],
    run(i) {
      const d = mkDeployment(i.deployment);
      const oldRSs = rsList(i.oldRSs, "inputs.oldRSs");
      const s = session(d);
      const { cleanupCount } = cleanupUnhealthyReplicas(s, oldRSs, d, i.maxCleanupCount);
      return { cleanupCount, oldRSReplicasAfter: sizeAfter(s, oldRSs[0]) };
    },
  },

  scaleDownOldRolling: {
    inputs: ["deployment", "allRSs", "oldRSs"],
    expected: ["scaled", "oldRSReplicasAfter"],
    run(i) {
      const d = mkDeployment(i.deployment);
      const oldRSs = rsList(i.oldRSs, "inputs.oldRSs");
      const byName = new Map(oldRSs.map((rs) => [rs.metadata.name, rs]));
      if (!Array.isArray(i.allRSs)) throw new VectorFormatError("inputs.allRSs must be a list of names");
      const allRSs = (i.allRSs as string[]).map((n, k) => {
        const rs = byName.get(n);
        if (!rs)
          throw new VectorFormatError(`inputs.allRSs[${k}] names "${n}", which is not in inputs.oldRSs`);
        return rs;
      });
      const s = session(d);
      const count = scaleDownOldReplicaSetsForRollingUpdate(s, allRSs, oldRSs, d);
      return { scaled: count > 0, oldRSReplicasAfter: sizeAfter(s, oldRSs[0]) };
    },
  },

  proportionalScale: {
    // previousDeployment is what the ReplicaSets' desired/max annotations already carry.
    inputs: ["deployment", "newRS", "oldRSs", "previousDeployment", "units"],
    expected: ["newRSReplicas", "oldRSReplicas"],
    run(i) {
      const d = mkDeployment(i.deployment);
      optionalFields(i.previousDeployment, "inputs.previousDeployment", DEPLOYMENT_FIELDS);
      const newRS = i.newRS
        ? mkRS(i.newRS, "inputs.newRS", { template: withHash(TEMPLATE, "new") })
        : undefined;
      const oldRSs = rsList(i.oldRSs, "inputs.oldRSs");
      const s = session(d);
      scale(s, d, newRS, oldRSs);
      return {
        newRSReplicas: newRS ? sizeAfter(s, newRS) : null,
        oldRSReplicas: Object.fromEntries(oldRSs.map((rs) => [rs.metadata.name, sizeAfter(s, rs)])),
      };
    },
  },

  replicaCount: {
    inputs: ["replicaSets"],
    expected: ["specSum", "statusSum"],
    run(i) {
      const rss = rsList(i.replicaSets, "inputs.replicaSets");
      return {
        specSum: getReplicaCountForReplicaSets(rss),
        statusSum: getActualReplicaCountForReplicaSets(rss),
      };
    },
  },

  historyCleanup: {
    inputs: ["oldRSs", "revisionHistoryLimit", "units"],
    // Two spellings of the same fact in upstream's two tests: the names (in order), or a count and names.
    expected: ["deletions", "deleted", "deletedRSs"],
    run(i) {
      const d = mkDeployment({ replicas: 1, revisionHistoryLimit: i.revisionHistoryLimit });
      const oldRSs = rsList(i.oldRSs, "inputs.oldRSs");
      const s = session(d);
      cleanupDeployment(s, oldRSs, d);
      const deleted = s.calls.filter((c) => c.verb === "delete").map((c) => c.name);
      return { deletions: deleted.length, deleted, deletedRSs: deleted };
    },
  },

  deploymentComplete: {
    inputs: ["specReplicas", "maxSurge", "maxUnavailable", "status", "observedGeneration_vs_generation"],
    expected: ["complete"],
    run(i) {
      // Upstream's helper leaves both generations 0; no other relation is in the format.
      if (i.observedGeneration_vs_generation !== undefined)
        oneOf(i.observedGeneration_vs_generation, "inputs.observedGeneration_vs_generation", [
          "equal (both 0)",
        ]);
      const d = mkDeployment({
        replicas: i.specReplicas,
        maxSurge: i.maxSurge,
        maxUnavailable: i.maxUnavailable,
      });
      const status = fields(i.status, "inputs.status", STATUS_FIELDS);
      return { complete: deploymentComplete(d, { ...status, observedGeneration: 0 }) };
    },
  },

  deploymentProgressing: {
    inputs: ["oldStatus", "newStatus"],
    expected: ["progressing"],
    run(i) {
      const oldStatus = fields(i.oldStatus, "inputs.oldStatus", STATUS_FIELDS);
      const newStatus = fields(i.newStatus, "inputs.newStatus", STATUS_FIELDS);
      const d = mkDeployment({ replicas: newStatus.replicas, status: oldStatus });
      return { progressing: deploymentProgressing(d, newStatus) };
    },
  },

  deploymentTimedOut: {
    inputs: ["progressDeadlineSeconds", "progressingCondition", "now", "units"],
    expected: ["timedOut"],
    run(i) {
      const origin = i.now ?? "2016-01-01T00:00:00Z";
      const d = mkDeployment({ replicas: 1, progressDeadlineSeconds: i.progressDeadlineSeconds });
      if (i.progressDeadlineSeconds === null) d.spec.progressDeadlineSeconds = undefined as unknown as number;
      const status: DeploymentStatus = {
        conditions: [progressing(i.progressingCondition, "inputs.progressingCondition", origin)],
      };
      return { timedOut: deploymentTimedOut(d, status, i.now ? 0 : NOW) };
    },
  },

  requeueStuckDeployment: {
    inputs: [
      "progressDeadlineSeconds",
      "specReplicas",
      "status",
      "newStatus",
      "progressingCondition",
      "now",
      "units",
    ],
    expected: ["requeueAfterSeconds"],
    run(i) {
      const origin = i.progressingCondition?.lastUpdateTime ?? i.now ?? "2017-02-15T18:49:00Z";
      const d = mkDeployment({
        replicas: i.specReplicas,
        progressDeadlineSeconds: i.progressDeadlineSeconds,
        status: i.status,
      });
      if (i.progressingCondition)
        d.status.conditions = [progressing(i.progressingCondition, "inputs.progressingCondition", origin)];
      const now = i.now ? secondsSince(i.now, origin) : NOW;
      const newStatus = fields(i.newStatus, "inputs.newStatus", STATUS_FIELDS);
      return { requeueAfterSeconds: requeueStuckDeployment(d, { ...newStatus, observedGeneration: 0 }, now) };
    },
  },

  syncRolloutStatus: {
    inputs: ["deployment", "newRS", "otherRSs", "units"],
    expected: ["progressingCondition"],
    run(i) {
      const origin = "2017-02-15T18:49:00Z";
      const spec = i.deployment;
      const d = mkDeployment(spec);
      d.status.conditions = listOf(
        spec.conditions ?? [],
        "inputs.deployment.conditions",
        CONDITION_FIELDS,
      ).map((c, k) => progressing(c, `inputs.deployment.conditions[${k}]`, origin));
      const before = d.status.conditions.find((c) => c.type === "Progressing");
      const newRS = i.newRS
        ? mkRS(i.newRS, "inputs.newRS", { template: withHash(TEMPLATE, "new") })
        : undefined;
      const allRSs = [...rsList(i.otherRSs, "inputs.otherRSs"), newRS];
      // "now" is the wall clock in the Go test: years after the 2017 conditions.
      const now = 10 * 365 * 24 * 3600;
      syncRolloutStatus(session(d, now), allRSs, newRS, d);
      const cond = d.status.conditions?.find((c) => c.type === "Progressing");
      return { progressingCondition: progressingActual(cond, before, now) };
    },
  },

  recreateOldPodsRunning: {
    inputs: ["newRS", "oldRSs", "podMapByRSUID", "units"],
    expected: ["oldPodsRunning"],
    run(i) {
      const oldRSs = rsList(i.oldRSs, "inputs.oldRSs");
      const podMap: PodMap = new Map();
      const byUID = fields(i.podMapByRSUID, "inputs.podMapByRSUID", Object.keys(i.podMapByRSUID ?? {}));
      for (const [uid, phases] of Object.entries(byUID as Record<string, string[]>)) {
        podMap.set(
          uid,
          phases.map((phase, k) =>
            mkPod(
              { name: `${uid}-${k}`, phase: oneOf(phase, `inputs.podMapByRSUID.${uid}[${k}]`, PHASES) },
              `inputs.podMapByRSUID.${uid}[${k}]`,
            ),
          ),
        );
      }
      const newRS = i.newRS ? mkRS(i.newRS, "inputs.newRS") : undefined;
      return { oldPodsRunning: oldPodsRunning(newRS, oldRSs, podMap) };
    },
  },

  recreateScaleDown: {
    inputs: ["deployment", "oldRSSizes"],
    expected: ["oldRSReplicasAfter"],
    run(i) {
      const d = mkDeployment(i.deployment);
      const oldRSs: ReplicaSet[] = (i.oldRSSizes as number[]).map((n, k) =>
        mkRS({ name: `old-${k}`, specReplicas: n }, `inputs.oldRSSizes[${k}]`),
      );
      const s = session(d);
      scaleDownOldReplicaSetsForRecreate(s, oldRSs, d);
      return { oldRSReplicasAfter: oldRSs.map((rs) => sizeAfter(s, rs)) };
    },
  },

  rolloutStatus: {
    inputs: ["name", "generation", "specReplicas", "status", "revision"],
    expected: ["message", "done", "error"],
    run(i) {
      const d = mkDeployment({
        name: i.name,
        replicas: i.specReplicas,
        generation: i.generation,
        status: i.status,
      });
      const r = rolloutStatusMessage(d, i.revision ?? 0);
      return { message: r.message, done: r.done, error: r.error ?? null };
    },
  },

  rolloutHistory: {
    inputs: ["replicaSets"],
    expected: ["output"],
    run: (i) => ({ output: historyTable(rsList(i.replicaSets, "inputs.replicaSets")) }),
  },

  revisionAnnotations: {
    // `calls` says in words what the steps say in data: each step's newRevision is one call.
    inputs: ["initialRSAnnotations", "revHistoryLimitInChars", "exists", "calls"],
    expected: ["steps"],
    run(i, e) {
      const d = mkDeployment({ replicas: 1 });
      const rs = mkRS({ name: "rs", annotations: i.initialRSAnnotations }, "inputs");
      return {
        steps: listOf(e.steps, "expected.steps", [
          "newRevision",
          "revisionAfter",
          "revisionHistoryAfter",
        ]).map((step) => {
          setNewReplicaSetAnnotations(d, rs, step.newRevision, i.exists, i.revHistoryLimitInChars);
          return {
            newRevision: step.newRevision,
            revisionAfter: rs.metadata.annotations?.[RevisionAnnotation] ?? null,
            revisionHistoryAfter: rs.metadata.annotations?.[RevisionHistoryAnnotation] ?? null,
          };
        }),
      };
    },
  },

  replicasAnnotations: {
    inputs: ["desiredReplicas", "maxReplicas"],
    expected: ["updated", "annotations"],
    run(i) {
      const rs = mkRS({ name: "rs" }, "inputs");
      const updated = setReplicasAnnotations(rs, i.desiredReplicas, i.maxReplicas);
      return { updated, annotations: rs.metadata.annotations };
    },
  },

  isSaturated: {
    inputs: ["deploymentReplicas", "rs"],
    expected: ["saturated"],
    run: (i) => ({
      saturated: isSaturated(mkDeployment({ replicas: i.deploymentReplicas }), mkRS(i.rs, "inputs.rs")),
    }),
  },

  replicasAnnotationsNeedUpdate: {
    inputs: ["rsAnnotations", "desiredReplicas", "maxReplicas"],
    expected: ["needUpdate"],
    run(i) {
      const rs = mkRS({ name: "rs" }, "inputs");
      rs.metadata.annotations = i.rsAnnotations ?? undefined;
      return { needUpdate: replicasAnnotationsNeedUpdate(rs, i.desiredReplicas, i.maxReplicas) };
    },
  },

  findNewRS: {
    inputs: ["rsList"],
    expected: ["newRS"],
    run(i) {
      const found = findNewReplicaSet(mkDeployment({ replicas: 1 }), findRSList(i.rsList));
      return { newRS: found?.metadata.name ?? null };
    },
  },

  findOldRSs: {
    inputs: ["rsList"],
    expected: ["allOldRSs", "oldRSsWithReplicas"],
    run(i) {
      const { withReplicas, all } = findOldReplicaSets(mkDeployment({ replicas: 1 }), findRSList(i.rsList));
      const names = (rss: ReplicaSet[]) => rss.map((rs) => rs.metadata.name);
      return { allOldRSs: sameMembers(names(all)), oldRSsWithReplicas: sameMembers(names(withReplicas)) };
    },
  },

  podDeletionOrder: {
    inputs: ["comparator", "pods"],
    expected: ["order"],
    run(i) {
      oneOf(i.comparator, "inputs.comparator", ["ActivePods (no ranks, no log scale)"]);
      const pods = podList(i.pods, "inputs.pods");
      // The Go test shuffles the input: the given order and its reverse must sort alike.
      const sorted = sortByLess(pods, activePodsLess).map((p) => p.metadata.name);
      const reversed = sortByLess([...pods].reverse(), activePodsLess).map((p) => p.metadata.name);
      return {
        order:
          JSON.stringify(sorted) === JSON.stringify(reversed) ? sorted : { givenOrder: sorted, reversed },
      };
    },
  },

  podDeletionRank: {
    inputs: ["lesser", "greater", "p1", "p2", "featureGates", "units"],
    expected: ["lesserDeletedFirst", "Less(lesser,greater)", "Less(greater,lesser)", "equivalent"],
    run(i) {
      const fg = fields(i.featureGates ?? {}, "inputs.featureGates", [
        "PodDeletionCost",
        "LogarithmicScaleDown",
      ]);
      const gates: RankingGates = {
        podDeletionCost: fg.PodDeletionCost ?? false,
        logarithmicScaleDown: fg.LogarithmicScaleDown ?? false,
      };
      const ranked = (p: J, where: string) => ({ pod: mkPod(p, where), rank: p.rank });
      const out: Actual = {};
      if (i.p1 !== undefined || i.p2 !== undefined) {
        const a = ranked(i.p1, "inputs.p1");
        const b = ranked(i.p2, "inputs.p2");
        out.equivalent = !podDeletionLess(a, b, NOW, gates) && !podDeletionLess(b, a, NOW, gates);
      }
      if (i.lesser !== undefined || i.greater !== undefined) {
        const lesser = ranked(i.lesser, "inputs.lesser");
        const greater = ranked(i.greater, "inputs.greater");
        const lg = podDeletionLess(lesser, greater, NOW, gates);
        const gl = podDeletionLess(greater, lesser, NOW, gates);
        Object.assign(out, {
          lesserDeletedFirst: lg && !gl,
          "Less(lesser,greater)": lg,
          "Less(greater,lesser)": gl,
        });
      }
      return out;
    },
  },

  podsToDelete: {
    inputs: ["pods", "relatedPods", "diff", "units"],
    expected: ["podsToDelete"],
    run(i) {
      const pods = podList(i.pods, "inputs.pods", true);
      const related = i.relatedPods === null ? pods : podList(i.relatedPods, "inputs.relatedPods", true);
      return { podsToDelete: getPodsToDelete(pods, related, i.diff, NOW).map((p) => p.metadata.name) };
    },
  },

  slowStartBatch: {
    inputs: ["count", "initialBatchSize", "callsThatSucceed", "units"],
    expected: ["successes", "error", "totalCalls"],
    run(i) {
      let call = 0;
      const r = slowStartBatch(i.count, i.initialBatchSize, () =>
        ++call > i.callsThatSucceed ? "fake error" : undefined,
      );
      return { successes: r.successes, error: r.error !== undefined, totalCalls: r.calls };
    },
  },

  rollback: syncRunner(["deployment", "replicaSets"]),
  syncCreatesRS: syncRunner(["deployment", "existingReplicaSets"]),
};

const PHASES = ["", "Pending", "Running", "Succeeded", "Failed", "Unknown"];

/**
 * The Progressing condition as the vector states it: status, reason, message, and each time as
 * "unchanged" (equal to the input condition's) or "refreshed" (set to the sync's now).
 */
function progressingActual(
  cond: DeploymentCondition | undefined,
  before: DeploymentCondition | undefined,
  now: number,
): Actual[string] {
  if (cond === undefined) return null;
  const time = (t: "lastTransitionTime" | "lastUpdateTime") =>
    before !== undefined && cond[t] === before[t] ? "unchanged" : cond[t] === now ? "refreshed" : cond[t];
  const got = {
    status: cond.status,
    reason: cond.reason,
    message: cond.message,
    lastTransitionTime: time("lastTransitionTime"),
    lastUpdateTime: time("lastUpdateTime"),
  };
  return matcher((e) => {
    if (e === null) return false;
    const want = fields(e, "expected.progressingCondition", [
      "status",
      "reason",
      "message",
      "lastTransitionTime",
      "lastUpdateTime",
    ]);
    for (const t of ["lastTransitionTime", "lastUpdateTime"] as const)
      if (want[t] !== undefined)
        oneOf(want[t], `expected.progressingCondition.${t}`, ["unchanged", "refreshed"]);
    return Object.keys(want).every((k) => want[k] === got[k as keyof typeof got]);
  }, got);
}

/**
 * One whole syncDeployment (deployment_controller_test.go's fixture): the API calls it makes
 * and the Deployment it writes. `templateEqualsDeployment` ReplicaSets carry the Deployment's
 * template; every other one a template of its own.
 */
function syncRunner(inputs: string[]): KindRunner {
  return {
    inputs,
    expected: [
      "deploymentTemplateFrom",
      "rollbackAnnotationCleared",
      "revisionAnnotation",
      "replicaSetUpdates",
      "createdReplicaSets",
    ],
    run(i) {
      const d = mkDeployment(i.deployment, "inputs.deployment", true);
      const listKey = inputs[1];
      const specs = listOf(i[listKey] ?? [], `inputs.${listKey}`, RS_FIELDS);
      const rss = specs.map((r, k) =>
        mkRS(r, `inputs.${listKey}[${k}]`, {
          template: withHash(
            r.templateEqualsDeployment === true ? TEMPLATE : otherTemplate(k + 1),
            r.name ?? `rs-${k}`,
          ),
          creation: NOW + k,
        }),
      );
      const s = session(d);
      syncDeployment(s, d, arrayStore([d, ...rss]));
      const written = [...s.result.writes]
        .reverse()
        .find((w) => w.op !== "delete" && w.object.kind === "Deployment");
      const after = (written && written.op !== "delete" ? written.object : d) as Deployment;
      const sansHash = (t: PodTemplateSpec) => {
        const c = structuredClone(t);
        delete c.metadata.labels?.["pod-template-hash"];
        return JSON.stringify(c);
      };
      const from = rss.filter((rs) => sansHash(rs.spec.template) === sansHash(after.spec.template));
      const created = s.result.writes.filter((w) => w.op === "create" && w.object.kind === "ReplicaSet");
      return {
        deploymentTemplateFrom: from.length === 1 ? from[0].metadata.name : null,
        rollbackAnnotationCleared: after.metadata.annotations?.[DeprecatedRollbackTo] === undefined,
        revisionAnnotation: after.metadata.annotations?.[RevisionAnnotation] ?? null,
        replicaSetUpdates: s.calls.filter((c) => c.kind === "ReplicaSet" && c.verb === "update").length,
        createdReplicaSets: created.map((w) => ({
          specReplicas: w.op === "create" ? (w.object as ReplicaSet).spec.replicas : undefined,
        })),
      };
    },
  };
}

/** The findNewRS / findOldRSs lists: a matching template gets a hash label of its own. */
function findRSList(list: J): ReplicaSet[] {
  return listOf(list, "inputs.rsList", RS_FIELDS).map((r, k) =>
    mkRS(r, `inputs.rsList[${k}]`, {
      template: withHash(
        r.templateEqualsDeploymentIgnoringHash ? TEMPLATE : otherTemplate(),
        `${r.name}-hash`,
      ),
      creation: relative(r.created),
    }),
  );
}

/** Every vector kind this runner checks. */
export const DEPLOY_KINDS: ReadonlySet<string> = new Set(Object.keys(runners));

/** Run one Deployment/ReplicaSet vector's data (never its notes or source). */
export function runDeployVector(v: VectorData): Outcome {
  const runner = runners[v.kind];
  if (runner === undefined) return { pass: false, message: `unknown deploy vector kind "${v.kind}"` };
  return runKind(runner, v);
}
