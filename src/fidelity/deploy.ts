/**
 * Runs the Deployment/ReplicaSet vectors (test/fixtures/deploy-vectors.json, transcribed from
 * Kubernetes v1.28's deployment, replicaset and kubectl unit tests) against the product's own
 * functions: each runner builds real Deployments, ReplicaSets and Pods from the vector, calls
 * the function the controller itself calls, and compares with the vector's expectation.
 *
 * Conventions (deploy-semantics.md §12): replica counts are pod counts; maxSurge/maxUnavailable
 * are integers, "N%" strings, or null (unset); RFC 3339 times become seconds relative to an
 * origin chosen per vector (so nanosecond offsets survive float arithmetic); a missing or null
 * time is Go's zero time. Upstream test helpers leave progressDeadlineSeconds nil, which is
 * MaxInt32 ("no deadline") here.
 */
import type {
  ConditionStatus,
  Deployment,
  DeploymentCondition,
  DeploymentStatus,
  IntOrString,
  Kind,
  KubeObject,
  ObjectOfKind,
  Pod,
  PodPhase,
  PodTemplateSpec,
  ReplicaSet,
} from "../k8s/types.ts";
import type { StoreView } from "../engine/controller.ts";
import { SyncSession } from "../engine/controllers/deployment/client.ts";
import { syncDeployment } from "../engine/controllers/deployment/index.ts";
import { historyTable } from "../engine/controllers/deployment/history.ts";
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
import { rolloutStatusMessage } from "../engine/controllers/deployment/status.ts";
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
import type { Outcome, Vector } from "./vector.ts";

export type DeployVector = Vector;
export type { Outcome };

// Loose JSON shapes of the vectors' inputs.
/* eslint-disable @typescript-eslint/no-explicit-any */
type J = any;

// ------------------------------------------------------------------ comparison

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function expectEqual(got: unknown, expected: unknown, what = "result"): Outcome {
  return same(got, expected)
    ? { pass: true }
    : { pass: false, message: `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}` };
}

// ------------------------------------------------------------------ times

/** An RFC 3339 time as whole milliseconds plus the sub-millisecond remainder in seconds. */
function parseRFC3339(s: string): { ms: number; frac: number } {
  const m = /^(.*T\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/.exec(s);
  if (!m) throw new Error(`not an RFC 3339 time: ${s}`);
  const digits = (m[2] ?? ".").slice(1).padEnd(9, "0");
  const ms = Date.parse(`${m[1]}.${digits.slice(0, 3)}${m[3]}`);
  if (Number.isNaN(ms)) throw new Error(`not an RFC 3339 time: ${s}`);
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
  if (!m) throw new Error(`not a relative time: ${t}`);
  if (m[1] === undefined) return NOW;
  return NOW + (m[1] === "-" ? -1 : 1) * Number(m[2]) * UNIT[m[3]];
}

// ------------------------------------------------------------------ builders

const TEMPLATE: PodTemplateSpec = {
  metadata: { labels: { foo: "bar" } },
  spec: { containers: [{ name: "foo", image: "foo/bar" }] },
};

const OTHER_TEMPLATE: PodTemplateSpec = {
  metadata: { labels: { foo: "bar" } },
  spec: { containers: [{ name: "foo", image: "foo/bar" }], terminationGracePeriodSeconds: 1 },
};

function withHash(t: PodTemplateSpec, hash: string): PodTemplateSpec {
  const c = structuredClone(t);
  c.metadata.labels = { ...(c.metadata.labels ?? {}), "pod-template-hash": hash };
  return c;
}

function intOrString(v: J): IntOrString | undefined {
  return v === null || v === undefined ? undefined : v;
}

/** A Deployment as the upstream helpers build it: RollingUpdate unless told Recreate. */
function mkDeployment(spec: J = {}): Deployment {
  const recreate = typeof spec.strategy === "string" && spec.strategy.startsWith("Recreate");
  const pds = spec.progressDeadlineSeconds;
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
              maxSurge: intOrString(spec.maxSurge),
              maxUnavailable: intOrString(spec.maxUnavailable),
            },
          },
      minReadySeconds: 0,
      revisionHistoryLimit: spec.revisionHistoryLimit ?? MAX_INT32,
      progressDeadlineSeconds: pds === null || pds === undefined ? MAX_INT32 : pds,
    },
    status: {},
  };
  if (spec.status) d.status = { ...spec.status };
  return d;
}

let uidCounter = 0;

/** A ReplicaSet controlled by the helper Deployment. */
function mkRS(spec: J, opts: { template?: PodTemplateSpec; creation?: number } = {}): ReplicaSet {
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
      template: opts.template ?? withHash(OTHER_TEMPLATE, name),
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
    (spec.creationTimestamp ? secondsSince(spec.creationTimestamp, "2016-05-20T00:00:00Z") : undefined);
  if (creation !== undefined) rs.metadata.creationTimestamp = creation;
  if (spec.deletionTimestamp !== undefined) rs.metadata.deletionTimestamp = NOW;
  return rs;
}

/** A pod from the ranking vectors' description. */
function mkPod(spec: J, readyZero = false): Pod {
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

/** A read-only store over a list of objects, in list order. */
function arrayStore(objects: KubeObject[]): StoreView {
  return {
    get: <K extends Kind>(kind: K, name: string) =>
      objects.find((o) => o.kind === kind && o.metadata.name === name) as ObjectOfKind<K> | undefined,
    list: <K extends Kind>(kind: K) => objects.filter((o) => o.kind === kind) as ObjectOfKind<K>[],
  };
}

const session = (d: Deployment, now = NOW) => new SyncSession(now, d);

/** The size a ReplicaSet has after the session's writes. */
const sizeAfter = (s: SyncSession, rs: ReplicaSet): number => s.latest(rs)?.spec.replicas ?? rs.spec.replicas;

// ------------------------------------------------------------------ runners

type Runner = (inputs: J, expected: J) => Outcome;

const runners: Record<string, Runner> = {
  fenceposts(i, e) {
    const r = resolveFenceposts(i.maxSurge, i.maxUnavailable, i.desiredReplicas);
    return expectEqual({ surge: r.surge, unavailable: r.unavailable, error: r.error !== undefined }, e);
  },

  maxUnavailable: (i, e) => expectEqual({ maxUnavailable: maxUnavailable(mkDeployment(i.deployment)) }, e),

  minAvailable: (i, e) => expectEqual({ minAvailable: minAvailable(mkDeployment(i.deployment)) }, e),

  newRSReplicas(i, e) {
    const d = mkDeployment(i.deployment);
    const got = newRSNewReplicas(
      d,
      i.allRSs.map((r: J) => mkRS(r)),
      mkRS(i.newRS),
    );
    return expectEqual({ newRSReplicas: got }, e);
  },

  reconcileNew(i, e) {
    const d = mkDeployment(i.deployment);
    const newRS = mkRS(i.newRS, { template: withHash(TEMPLATE, "new") });
    const oldRSs: ReplicaSet[] = i.oldRSs.map((r: J) => mkRS(r));
    const s = session(d);
    const scaled = reconcileNewReplicaSet(s, [...oldRSs, newRS], newRS, d);
    return expectEqual({ scaled, newRSReplicas: sizeAfter(s, newRS) }, e);
  },

  reconcileOld(i, e) {
    const d = mkDeployment(i.deployment);
    const newRS = mkRS(i.newRS, { template: withHash(TEMPLATE, "new") });
    const oldRSs: ReplicaSet[] = i.oldRSs.map((r: J) => mkRS(r));
    const s = session(d);
    const scaled = reconcileOldReplicaSets(s, [...oldRSs, newRS], filterActiveReplicaSets(oldRSs), newRS, d);
    return expectEqual({ scaled, oldRSReplicasAfter: sizeAfter(s, oldRSs[0]) }, e);
  },

  cleanupUnhealthy(i, e) {
    const d = mkDeployment(i.deployment);
    const oldRSs: ReplicaSet[] = i.oldRSs.map((r: J) => mkRS(r));
    const s = session(d);
    const { cleanupCount } = cleanupUnhealthyReplicas(s, oldRSs, d, i.maxCleanupCount);
    return expectEqual({ cleanupCount, oldRSReplicasAfter: sizeAfter(s, oldRSs[0]) }, e);
  },

  scaleDownOldRolling(i, e) {
    const d = mkDeployment(i.deployment);
    const oldRSs: ReplicaSet[] = i.oldRSs.map((r: J) => mkRS(r));
    const byName = new Map(oldRSs.map((rs) => [rs.metadata.name, rs]));
    const allRSs = (i.allRSs as string[])
      .map((n) => byName.get(n))
      .filter((rs): rs is ReplicaSet => rs !== undefined);
    const s = session(d);
    const count = scaleDownOldReplicaSetsForRollingUpdate(s, allRSs, oldRSs, d);
    return expectEqual({ scaled: count > 0, oldRSReplicasAfter: sizeAfter(s, oldRSs[0]) }, e);
  },

  proportionalScale(i, e) {
    const d = mkDeployment(i.deployment);
    const newRS = i.newRS ? mkRS(i.newRS, { template: withHash(TEMPLATE, "new") }) : undefined;
    const oldRSs: ReplicaSet[] = i.oldRSs.map((r: J) => mkRS(r));
    const s = session(d);
    scale(s, d, newRS, oldRSs);
    const old: Record<string, number> = {};
    for (const rs of oldRSs)
      if (rs.metadata.name in e.oldRSReplicas) old[rs.metadata.name] = sizeAfter(s, rs);
    const got = { newRSReplicas: newRS ? sizeAfter(s, newRS) : null, oldRSReplicas: old };
    // Compare the old sizes key by key (the vector's key order is not the list order).
    const ok =
      got.newRSReplicas === e.newRSReplicas &&
      Object.keys(e.oldRSReplicas).every((k) => old[k] === e.oldRSReplicas[k]) &&
      Object.keys(old).length === Object.keys(e.oldRSReplicas).length;
    return ok
      ? { pass: true }
      : { pass: false, message: `expected ${JSON.stringify(e)}, got ${JSON.stringify(got)}` };
  },

  replicaCount(i, e) {
    const rss = i.replicaSets.map((r: J) => mkRS(r));
    return expectEqual(
      { specSum: getReplicaCountForReplicaSets(rss), statusSum: getActualReplicaCountForReplicaSets(rss) },
      e,
    );
  },

  historyCleanup(i, e) {
    const d = mkDeployment({ replicas: 1, revisionHistoryLimit: i.revisionHistoryLimit });
    const oldRSs: ReplicaSet[] = i.oldRSs.map((r: J) =>
      mkRS(r, {
        creation:
          r.creationTimestampOffsetMinutes !== undefined
            ? NOW + 60 * r.creationTimestampOffsetMinutes
            : undefined,
      }),
    );
    const s = session(d);
    cleanupDeployment(s, oldRSs, d);
    const deleted = s.calls.filter((c) => c.verb === "delete").map((c) => c.name);
    if ("deletedRSs" in e) return expectEqual(deleted, e.deletedRSs, "deleted");
    return expectEqual({ deletions: deleted.length, deleted }, e);
  },

  deploymentComplete(i, e) {
    const d = mkDeployment({
      replicas: i.specReplicas,
      maxSurge: i.maxSurge,
      maxUnavailable: i.maxUnavailable,
    });
    return expectEqual({ complete: deploymentComplete(d, { ...i.status, observedGeneration: 0 }) }, e);
  },

  deploymentProgressing(i, e) {
    const d = mkDeployment({ replicas: i.newStatus.replicas, status: i.oldStatus });
    return expectEqual({ progressing: deploymentProgressing(d, i.newStatus) }, e);
  },

  deploymentTimedOut(i, e) {
    const origin = i.now ?? "2016-01-01T00:00:00Z";
    const d = mkDeployment({ replicas: 1, progressDeadlineSeconds: i.progressDeadlineSeconds });
    if (i.progressDeadlineSeconds === null) d.spec.progressDeadlineSeconds = undefined as unknown as number;
    const status: DeploymentStatus = { conditions: [progressing(i.progressingCondition, origin)] };
    return expectEqual({ timedOut: deploymentTimedOut(d, status, i.now ? 0 : NOW) }, e);
  },

  requeueStuckDeployment(i, e) {
    const origin = i.progressingCondition?.lastUpdateTime ?? i.now ?? "2017-02-15T18:49:00Z";
    const d = mkDeployment({
      replicas: i.specReplicas,
      progressDeadlineSeconds: i.progressDeadlineSeconds,
      status: i.status,
    });
    if (i.progressingCondition) d.status.conditions = [progressing(i.progressingCondition, origin)];
    const now = i.now ? secondsSince(i.now, origin) : NOW;
    return expectEqual(
      { requeueAfterSeconds: requeueStuckDeployment(d, { ...i.newStatus, observedGeneration: 0 }, now) },
      e,
    );
  },

  syncRolloutStatus(i, e) {
    const origin = "2017-02-15T18:49:00Z";
    const spec = i.deployment;
    const d = mkDeployment({ ...spec, status: spec.status });
    d.status.conditions = (spec.conditions ?? []).map((c: J) => progressing(c, origin));
    const before = structuredClone(d.status.conditions?.find((c) => c.type === "Progressing"));
    const newRS = i.newRS ? mkRS(i.newRS, { template: withHash(TEMPLATE, "new") }) : undefined;
    const allRSs = [...i.otherRSs.map((r: J) => mkRS(r)), newRS];
    // "now" is the wall clock in the Go test: years after the 2017 conditions.
    const s = session(d, 10 * 365 * 24 * 3600);
    syncRolloutStatus(s, allRSs, newRS, d);
    const cond = d.status.conditions?.find((c) => c.type === "Progressing");
    const got = cond ? { status: cond.status, reason: cond.reason } : null;
    const outcome = expectEqual({ progressingCondition: got }, e);
    if (outcome.pass && /unchanged/.test(String((i as J).notes ?? "")) && !same(before, cond))
      return {
        pass: false,
        message: `Progressing condition changed: ${JSON.stringify(before)} → ${JSON.stringify(cond)}`,
      };
    return outcome;
  },

  recreateOldPodsRunning(i, e) {
    const oldRSs: ReplicaSet[] = i.oldRSs.map((r: J) => mkRS(r));
    const podMap: PodMap = new Map();
    for (const [uid, phases] of Object.entries(i.podMapByRSUID as Record<string, string[]>)) {
      podMap.set(
        uid,
        phases.map((phase, k) => mkPod({ name: `${uid}-${k}`, phase })),
      );
    }
    return expectEqual(
      { oldPodsRunning: oldPodsRunning(i.newRS ? mkRS(i.newRS) : undefined, oldRSs, podMap) },
      e,
    );
  },

  recreateScaleDown(i, e) {
    const d = mkDeployment(i.deployment);
    const oldRSs: ReplicaSet[] = (i.oldRSSizes as number[]).map((n, k) =>
      mkRS({ name: `old-${k}`, specReplicas: n }),
    );
    const s = session(d);
    scaleDownOldReplicaSetsForRecreate(s, oldRSs, d);
    return expectEqual({ oldRSReplicasAfter: oldRSs.map((rs) => sizeAfter(s, rs)) }, e);
  },

  rolloutStatus(i, e) {
    const d = mkDeployment({
      name: i.name,
      replicas: i.specReplicas,
      generation: i.generation,
      status: i.status,
    });
    const r = rolloutStatusMessage(d, i.revision ?? 0);
    const got: Record<string, unknown> = { message: r.message, done: r.done };
    if ("error" in e) got.error = r.error ?? null;
    return expectEqual(got, e);
  },

  rolloutHistory: (i, e) => expectEqual({ output: historyTable(i.replicaSets.map((r: J) => mkRS(r))) }, e),

  revisionAnnotations(i, e) {
    const d = mkDeployment({ replicas: 1 });
    const rs = mkRS({ name: "rs", annotations: i.initialRSAnnotations });
    for (const step of e.steps) {
      setNewReplicaSetAnnotations(d, rs, step.newRevision, i.exists, i.revHistoryLimitInChars);
      const got = {
        revisionAfter: rs.metadata.annotations?.[RevisionAnnotation] ?? null,
        revisionHistoryAfter: rs.metadata.annotations?.[RevisionHistoryAnnotation] ?? null,
      };
      const o = expectEqual(
        got,
        { revisionAfter: step.revisionAfter, revisionHistoryAfter: step.revisionHistoryAfter },
        `revision ${step.newRevision}`,
      );
      if (!o.pass) return o;
    }
    return { pass: true };
  },

  replicasAnnotations(i, e) {
    const rs = mkRS({ name: "rs" });
    const updated = setReplicasAnnotations(rs, i.desiredReplicas, i.maxReplicas);
    return expectEqual({ updated, annotations: rs.metadata.annotations }, e);
  },

  isSaturated(i, e) {
    const d = mkDeployment({ replicas: i.deploymentReplicas });
    return expectEqual({ saturated: isSaturated(d, mkRS(i.rs)) }, e);
  },

  replicasAnnotationsNeedUpdate(i, e) {
    const rs = mkRS({ name: "rs" });
    rs.metadata.annotations = i.rsAnnotations ?? undefined;
    return expectEqual(
      { needUpdate: replicasAnnotationsNeedUpdate(rs, i.desiredReplicas, i.maxReplicas) },
      e,
    );
  },

  findNewRS(i, e) {
    const d = mkDeployment({ replicas: 1 });
    const found = findNewReplicaSet(d, findRSList(i.rsList));
    return expectEqual({ newRS: found?.metadata.name ?? null }, e);
  },

  findOldRSs(i, e) {
    const d = mkDeployment({ replicas: 1 });
    const { withReplicas, all } = findOldReplicaSets(d, findRSList(i.rsList));
    const names = (rss: ReplicaSet[]) => rss.map((rs) => rs.metadata.name).sort();
    return expectEqual(
      { allOldRSs: names(all), oldRSsWithReplicas: names(withReplicas) },
      { allOldRSs: [...e.allOldRSs].sort(), oldRSsWithReplicas: [...e.oldRSsWithReplicas].sort() },
    );
  },

  podDeletionOrder(i, e) {
    const pods: Pod[] = i.pods.map((p: J) => mkPod(p));
    // The Go test shuffles the input; sorting the given order and its reverse must agree.
    for (const input of [pods, [...pods].reverse()]) {
      const o = expectEqual(
        sortByLess(input, activePodsLess).map((p) => p.metadata.name),
        e.order,
        "order",
      );
      if (!o.pass) return o;
    }
    return { pass: true };
  },

  podDeletionRank(i, e) {
    const fg = i.featureGates ?? {};
    const gates: RankingGates = {
      podDeletionCost: fg.PodDeletionCost ?? false,
      logarithmicScaleDown: fg.LogarithmicScaleDown ?? false,
    };
    const ranked = (p: J) => ({ pod: mkPod(p), rank: p.rank });
    if ("equivalent" in e) {
      const a = ranked(i.p1);
      const b = ranked(i.p2);
      const equivalent = !podDeletionLess(a, b, NOW, gates) && !podDeletionLess(b, a, NOW, gates);
      return expectEqual({ equivalent }, e);
    }
    const lesser = ranked(i.lesser);
    const greater = ranked(i.greater);
    const lg = podDeletionLess(lesser, greater, NOW, gates);
    const gl = podDeletionLess(greater, lesser, NOW, gates);
    return expectEqual(
      { lesserDeletedFirst: lg && !gl, "Less(lesser,greater)": lg, "Less(greater,lesser)": gl },
      e,
    );
  },

  podsToDelete(i, e) {
    const pods: Pod[] = i.pods.map((p: J) => mkPod(p, true));
    const related: Pod[] = i.relatedPods === null ? pods : i.relatedPods.map((p: J) => mkPod(p, true));
    return expectEqual(
      { podsToDelete: getPodsToDelete(pods, related, i.diff, NOW).map((p) => p.metadata.name) },
      e,
    );
  },

  slowStartBatch(i, e) {
    let call = 0;
    const r = slowStartBatch(i.count, i.initialBatchSize, () =>
      ++call > i.callsThatSucceed ? "fake error" : undefined,
    );
    return expectEqual({ successes: r.successes, error: r.error !== undefined, totalCalls: r.calls }, e);
  },

  rollback(i) {
    const spec = i.deployment;
    const d = mkDeployment({
      replicas: spec.replicas,
      annotations: spec.annotations,
      maxSurge: 0,
      maxUnavailable: 0,
    });
    const rss: ReplicaSet[] = i.replicaSets.map((r: J) =>
      mkRS(r, {
        template: withHash(/equals/.test(r.template) ? TEMPLATE : OTHER_TEMPLATE, r.name),
        creation: NOW + Number(r.revision),
      }),
    );
    const s = session(d);
    syncDeployment(s, d, arrayStore([d, ...rss]));
    const calls = s.calls.map((c) => `${c.verb} ${c.kind}`);
    const target = rss.find((rs) => rs.metadata.annotations?.[RevisionAnnotation] === "1");
    const problems: string[] = [];
    if (!same(calls, ["update Deployment"]))
      problems.push(`API calls ${JSON.stringify(calls)}, expected one Deployment update`);
    if (s.calls.some((c) => c.kind === "ReplicaSet")) problems.push("a ReplicaSet was written");
    if (d.metadata.annotations?.[DeprecatedRollbackTo] !== undefined)
      problems.push("rollback annotation not cleared");
    if (
      !target ||
      !same(d.spec.template.spec, target.spec.template.spec) ||
      d.spec.template.metadata.labels?.["pod-template-hash"] !== undefined
    ) {
      problems.push("template not taken from the revision-1 ReplicaSet (without its hash label)");
    }
    if (
      !s.result.events.some(
        (ev) =>
          ev.reason === "DeploymentRollback" && ev.message === `Rolled back deployment "foo" to revision 1`,
      )
    )
      problems.push("no DeploymentRollback event");
    return problems.length === 0 ? { pass: true } : { pass: false, message: problems.join("; ") };
  },

  syncCreatesRS(i) {
    const d = mkDeployment({ ...i.deployment, annotations: {} });
    const s = session(d);
    syncDeployment(s, d, arrayStore([d]));
    const calls = s.calls.map((c) => `${c.verb} ${c.kind}`);
    const created = s.result.writes.find((w) => w.op === "create");
    const expected = ["create ReplicaSet", "updateStatus Deployment", "updateStatus Deployment"];
    if (!same(calls, expected))
      return {
        pass: false,
        message: `API calls ${JSON.stringify(calls)}, expected ${JSON.stringify(expected)}`,
      };
    const rs = created && created.op === "create" ? (created.object as ReplicaSet) : undefined;
    if (rs?.spec.replicas !== 1)
      return {
        pass: false,
        message: `new ReplicaSet created with ${rs?.spec.replicas} replicas, expected 1`,
      };
    const hash = rs.metadata.labels?.["pod-template-hash"];
    if (!hash || rs.metadata.name !== `foo-${hash}`)
      return {
        pass: false,
        message: `new ReplicaSet named ${rs.metadata.name}, expected foo-<pod-template-hash>`,
      };
    return { pass: true };
  },
};

/** A Progressing condition from a vector (times relative to `origin`; missing → zero). */
function progressing(c: J, origin: string): DeploymentCondition {
  return {
    type: "Progressing",
    status: c.status as ConditionStatus,
    reason: c.reason ?? "",
    message: "",
    lastUpdateTime: secondsSince(c.lastUpdateTime, origin),
    lastTransitionTime: secondsSince(c.lastTransitionTime, origin),
  };
}

/** The findNewRS / findOldRSs lists: a matching template gets a hash label of its own. */
function findRSList(list: J[]): ReplicaSet[] {
  return list.map((r) =>
    mkRS(r, {
      template: withHash(
        r.templateEqualsDeploymentIgnoringHash ? TEMPLATE : OTHER_TEMPLATE,
        `${r.name}-hash`,
      ),
      creation: relative(r.created),
    }),
  );
}

/** Every vector kind this runner checks. */
export const DEPLOY_KINDS: ReadonlySet<string> = new Set(Object.keys(runners));

export function runDeployVector(v: DeployVector): Outcome {
  const runner = runners[v.kind];
  if (runner === undefined) return { pass: false, message: `unknown deploy vector kind "${v.kind}"` };
  return runner({ ...(v.inputs as object), notes: v.notes }, v.expected as J);
}
