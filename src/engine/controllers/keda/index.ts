/**
 * KEDA's operator: a ScaledObject (keda.sh/v1alpha1) makes and drives an HPA, as kedacore/keda
 * 2.16 does (controllers/keda/scaledobject_controller.go Reconcile and reconcileScaledObject):
 *
 * 1. The conditions are initialized (Ready, Active, Fallback, Paused: Unknown).
 * 2. Paused (`autoscaling.keda.sh/paused: "true"`, or `autoscaling.keda.sh/paused-replicas: N`):
 *    the scale loop stops and the HPA is deleted; with paused-replicas the target is scaled to N
 *    first (the executor's paused branch) and status.pausedReplicaCount is N; Paused True
 *    ScaledObjectPaused "ScaledObject is paused". The annotation removed: Paused False
 *    ScaledObjectUnpaused "pause annotation removed for ScaledObject", and the loop starts again.
 * 3. The checks, each a Ready False ScaledObjectCheckFailed "<message>: <error>" with a Warning
 *    event of the same text, and Active Unknown UnknownState "ScaledObject check failed":
 *    scaleTargetRef.name missing; the label `scaledobject.keda.sh/name` put on the ScaledObject;
 *    the target's /scale (its absence: a Warning "Target resource doesn't exist" or "Target
 *    resource doesn't expose /scale subresource", then the check's message); status.scaleTargetKind
 *    (`apps/v1.Deployment`), scaleTargetGVKR and originalReplicaCount (the target's replicas
 *    before KEDA, once); the replica bounds; the triggers; status.triggersTypes and
 *    authenticationsTypes; the HPA (hpa.ts) created or updated, and status.hpaName.
 * 4. A new HPA, or a new generation, starts the scale loop (executor.ts: a poll now, then every
 *    pollingInterval). Ready True ScaledObjectReady, with a Normal ScaledObjectReady "ScaledObject is
 *    ready for scaling" when it was not True. Fallback False NoFallbackFound without spec.fallback.
 *
 * A failed check is retried with the work queue's backoff (controller-runtime requeues the
 * error). Events come from `keda-operator`. Not modelled: spec.fallback (the HPA's metrics under
 * fallback), scalingModifiers, the paused-scale-in/out annotations, the webhook that refuses a
 * second ScaledObject on one target, TriggerAuthentication's secrets (a trigger's auth is stored,
 * its value never read), the finalizer and restoreToOriginalReplicaCount.
 *
 * The metrics adapter (keda-operator-metrics-apiserver) answers the HPA's External metrics whose
 * selector names a ScaledObject: the trigger's value at the query (`kedaMetricsAdapter`).
 */
import { deepClone } from "../../../k8s/clone.ts";
import { obj, str, type Obj } from "../../../k8s/kinds/stored/fields.ts";
import { involvedObjectOf, parseQualifiedName, qualifiedName } from "../../../k8s/namespaces.ts";
import { controllerOf } from "../../../k8s/owners.ts";
import type { EventDraft, KubeObject, LabelSelector, Time } from "../../../k8s/types.ts";
import { isApiError } from "../../cluster.ts";
import {
  emptyResult,
  NO_WAKE_UP,
  type Controller,
  type ControllerContext,
  type ReconcileResult,
} from "../../controller.ts";
import { fnv } from "../../defaultServices.ts";
import { mulberry32 } from "../../rng.ts";
import { requestScale, type PollStatus } from "./executor.ts";
import { hpaUpdate, newHPAForScaledObject } from "./hpa.ts";
import {
  conditionOf,
  hpaNameOf,
  initializedConditions,
  needsToPause,
  PAUSED,
  PAUSED_REPLICAS,
  pausedReplicaCount,
  pollingInterval,
  replicaBoundsError,
  SCALED_OBJECT_LABEL,
  setCondition,
  targetRefOf,
  triggersAndAuthTypes,
  triggersError,
  triggersOf,
  type Condition,
} from "./scaledObject.ts";
import { buildScaler, type LoadMetric, type Scaler } from "./scalers.ts";

const SOURCE = "keda-operator";
const KIND = "ScaledObject";
const HPA = "HorizontalPodAutoscaler";

/** message.go's texts. */
const SCALE_TARGET_ERR = "ScaledObject doesn't have correct scaleTargetRef specification";
const READY_MESSAGE = "ScaledObject is defined correctly and is ready for scaling";
const PAUSED_MESSAGE = "ScaledObject is paused";

/** A running scale loop: the ScaledObject's generation it was started for, its next poll and scalers. */
interface ScaleLoop {
  generation: number;
  nextPoll: Time;
  scalers: { scaler: Scaler; trigger: { name?: string } }[];
}

/**
 * What the reconciler last saw of a ScaledObject, for its predicates (SetupWithManager): a
 * change wakes Reconcile only on a new generation, a changed pause annotation, or Ready turning
 * True (util/predicate.go ScaleObjectReadyConditionPredicate) — not the scale loop's status
 * writes. `retry`: the last reconcile failed, and the work queue's backoff calls again.
 */
interface Seen {
  generation: number;
  paused: string;
  ready: string;
  retry: boolean;
}

/** The operator's in-memory state of one run: the scale loops, which the metrics adapter reads too. */
export interface Keda {
  controller: Controller;
  /**
   * external.metrics.k8s.io as KEDA's adapter serves it: undefined for a query whose selector
   * names no ScaledObject (another adapter's), else the metric's values in milli (empty: no value).
   */
  externalMetric(
    namespace: string,
    metric: string,
    selector: LabelSelector | undefined,
    now: Time,
  ): number[] | undefined;
}

/** The ScaledObject a query's selector names (the label KEDA puts on each External metric). */
function scaledObjectOf(selector: LabelSelector | undefined): string | undefined {
  const m = selector?.matchLabels;
  return m !== undefined && Object.hasOwn(m, SCALED_OBJECT_LABEL) ? m[SCALED_OBJECT_LABEL] : undefined;
}

/** The Ready condition's status of a stored ScaledObject ("" before the conditions are initialized). */
function readyOf(so: KubeObject): string {
  const conditions = (so as unknown as { status?: { conditions?: Condition[] } }).status?.conditions;
  return Array.isArray(conditions) ? (conditions.find((c) => c.type === "Ready")?.status ?? "") : "";
}

/** GVKString: `apps/v1.Deployment`. */
const gvkString = (apiVersion: string, kind: string): string => `${apiVersion}.${kind}`;

/** KEDA's operator and metrics adapter for one run; `load` reads the language's `load metric`. */
export function createKeda(load: LoadMetric): Keda {
  const loops = new Map<string, ScaleLoop>();
  const seen = new Map<string, Seen>();

  const reconcile = (ctx: ControllerContext, key: string): ReconcileResult => {
    const result = emptyResult();
    const { namespace, name } = parseQualifiedName(key);
    const stored = ctx.store.get(KIND, namespace, name);
    if (stored === undefined || stored.metadata.deletionTimestamp !== undefined) {
      loops.delete(key);
      seen.delete(key);
      return result;
    }
    const loop0 = loops.get(key);
    const pollDue = loop0 !== undefined && ctx.now >= loop0.nextPoll - 1e-9;
    const was = seen.get(key);
    const now: Seen = {
      generation: stored.metadata.generation ?? 0,
      paused: `${stored.metadata.annotations?.[PAUSED] ?? ""}/${stored.metadata.annotations?.[PAUSED_REPLICAS] ?? ""}`,
      ready: readyOf(stored),
      retry: false,
    };
    const hpaName = str(obj((stored as unknown as Obj).status).hpaName);
    const hpaGone =
      hpaName !== "" && loop0 !== undefined && ctx.store.get(HPA, namespace, hpaName) === undefined;
    const wake =
      was === undefined ||
      was.retry ||
      hpaGone ||
      was.generation !== now.generation ||
      was.paused !== now.paused ||
      (was.ready !== "True" && now.ready === "True");
    seen.set(key, now);
    if (!wake && !pollDue) return result;
    let so = stored;
    const status = deepClone(obj((stored as unknown as Obj).status));
    const conditions: Condition[] = Array.isArray(status.conditions)
      ? (status.conditions as Condition[])
      : initializedConditions();
    status.conditions = conditions;
    const event = (type: "Normal" | "Warning", reason: string, message: string): void => {
      const e: EventDraft = { type, reason, message, involvedObject: involvedObjectOf(so), source: SOURCE };
      result.events.push(e);
    };

    const outcome = wake ? reconcileScaledObject() : { message: READY_MESSAGE, skipped: true };
    if ("skipped" in outcome) {
      // Only the scale loop's poll runs.
    } else if (outcome.error !== undefined) {
      const full = `${outcome.message}: ${outcome.error}`;
      setCondition(conditions, "Ready", "False", "ScaledObjectCheckFailed", full);
      setCondition(conditions, "Active", "Unknown", "UnknownState", "ScaledObject check failed");
      event("Warning", "ScaledObjectCheckFailed", full);
      result.failed = true;
      now.retry = true;
    } else {
      const was = conditionOf(conditions, "Ready");
      if (was.status !== "True") event("Normal", "ScaledObjectReady", "ScaledObject is ready for scaling");
      setCondition(conditions, "Ready", "True", "ScaledObjectReady", outcome.message);
    }
    const fallback = obj(obj((so as unknown as Obj).spec).fallback);
    if (wake && Object.keys(fallback).length === 0)
      setCondition(
        conditions,
        "Fallback",
        "False",
        "NoFallbackFound",
        "No fallbacks are active on this scaled object",
      );

    // The scale loop's poll, when due (a requeue at the poll, or the loop's start).
    const loop = loops.get(key);
    if (
      !("error" in outcome && outcome.error !== undefined) &&
      loop !== undefined &&
      ctx.now >= loop.nextPoll - 1e-9
    ) {
      requestScale({
        now: ctx.now,
        so,
        target: targetRefOf(so),
        status: status as unknown as PollStatus,
        scalers: loop.scalers,
        scales: ctx.scales,
        load,
        event,
      });
      const period = pollingInterval(so);
      loop.nextPoll = ctx.now + period;
      result.requeueAfter = period;
    }
    if (JSON.stringify(status) !== JSON.stringify((stored as unknown as Obj).status ?? {})) {
      const next = { ...(so as unknown as Obj), status } as unknown as KubeObject;
      result.writes.push({ op: "updateStatus", object: next });
    }
    return result;

    /** reconcileScaledObject: the Ready message, and the error when a check fails. */
    function reconcileScaledObject(): { message: string; error?: string } {
      const paused = pausedReplicaCount(so);
      if (typeof paused === "object")
        return { message: "error getting the paused replica count", error: paused.error };
      if (needsToPause(so)) {
        if (conditionOf(conditions, "Paused").status === "True") return { message: READY_MESSAGE };
        if (paused !== undefined) pauseAt(paused);
        loops.delete(key);
        const hpa = ctx.store.get(HPA, namespace, str(status.hpaName) || hpaNameOf(so));
        if (hpa !== undefined && controllerOf(hpa)?.uid === so.metadata.uid)
          result.writes.push({ op: "delete", kind: HPA, namespace, name: hpa.metadata.name });
        setCondition(conditions, "Paused", "True", "ScaledObjectPaused", PAUSED_MESSAGE);
        return { message: PAUSED_MESSAGE };
      }
      if (conditionOf(conditions, "Paused").status === "True") {
        setCondition(
          conditions,
          "Paused",
          "False",
          "ScaledObjectUnpaused",
          "pause annotation removed for ScaledObject",
        );
        delete status.pausedReplicaCount;
      }
      const target = targetRefOf(so);
      if (target.name === "")
        return { message: SCALE_TARGET_ERR, error: "ScaledObject.spec.scaleTargetRef.name is missing" };
      // ensureScaledObjectLabel: the label the metrics adapter finds the ScaledObject by.
      if (so.metadata.labels?.[SCALED_OBJECT_LABEL] !== name) {
        const labelled = deepClone(so);
        labelled.metadata.labels = { ...(labelled.metadata.labels ?? {}), [SCALED_OBJECT_LABEL]: name };
        result.writes.push({ op: "update", object: labelled });
        so = labelled;
      }
      // checkTargetResourceIsScalable
      const slash = target.apiVersion.indexOf("/");
      const group = slash < 0 ? "" : target.apiVersion.slice(0, slash);
      const resource = `${target.kind.toLowerCase()}s`;
      const scale = ctx.scales.get(namespace, target);
      if (isApiError(scale)) {
        // Without /scale, KEDA reads the object itself: missing, that Get's NotFound is the error.
        if (ctx.store.get(target.kind, namespace, target.name) === undefined) {
          event("Warning", "ScaledObjectCheckFailed", "Target resource doesn't exist");
          return {
            message: SCALE_TARGET_ERR,
            error: `${resource}${group ? "." + group : ""} "${target.name}" not found`,
          };
        }
        event("Warning", "ScaledObjectCheckFailed", "Target resource doesn't expose /scale subresource");
        return { message: SCALE_TARGET_ERR, error: scale.message };
      }
      const gvk = gvkString(target.apiVersion, target.kind);
      if (status.scaleTargetKind !== gvk) {
        status.scaleTargetKind = gvk;
        status.scaleTargetGVKR = {
          group,
          kind: target.kind,
          resource,
          version: slash < 0 ? target.apiVersion : target.apiVersion.slice(slash + 1),
        };
      }
      if (status.originalReplicaCount === undefined) status.originalReplicaCount = scale.specReplicas;
      const bounds = replicaBoundsError(so);
      if (bounds !== undefined)
        return {
          message: "ScaledObject doesn't have correct Idle/Min/Max Replica Counts specification",
          error: bounds,
        };
      const triggers = triggersError(so);
      if (triggers !== undefined)
        return { message: "ScaledObject doesn't have correct triggers specification", error: triggers };
      const types = triggersAndAuthTypes(so);
      status.triggersTypes = types.triggers;
      status.authenticationsTypes = types.auths;
      // ensureHPAForScaledObjectExists: the scalers first (GetScalersCache), then the HPA.
      const scalers: ScaleLoop["scalers"] = [];
      const names: string[] = [];
      for (const [i, t] of triggersOf(so).entries()) {
        const s = buildScaler(i, t);
        if ("error" in s) {
          event("Warning", "KEDAScalerFailed", s.error);
          return {
            message: "failed to ensure HPA is correctly created for ScaledObject",
            error: `error getting scaler for trigger #${i}: ${s.error}`,
          };
        }
        if (s.externalName !== undefined) {
          if (names.includes(s.externalName))
            return {
              message: "failed to ensure HPA is correctly created for ScaledObject",
              error: `metricName ${s.externalName} defined multiple times in ScaledObject ${name}, please refer the documentation how to define metricName manually`,
            };
          names.push(s.externalName);
        }
        scalers.push({ scaler: s, trigger: { name: str(t.name) || undefined } });
      }
      // Lists KEDA leaves nil (omitempty) when no trigger makes such a metric.
      const resources = scalers.filter((s) => s.scaler.externalName === undefined).map((s) => s.scaler.type);
      if (names.length > 0) status.externalMetricNames = names;
      else delete status.externalMetricNames;
      if (resources.length > 0) status.resourceMetricNames = resources;
      else delete status.resourceMetricNames;
      const wanted = newHPAForScaledObject(
        so,
        target,
        scalers.map((s) => s.scaler),
        undefined,
      );
      const hpaName = wanted.metadata.name;
      const found = ctx.store.get(HPA, namespace, hpaName);
      let created = false;
      if (found === undefined) {
        result.writes.push({
          op: "create",
          object: wanted,
          // Its uid from a stream of its own (the ScaledObject's and the instant: one made again
          // after a deletion is another object), so that no pod made later is renamed.
          uids: mulberry32(fnv(`${HPA} ${key} ${so.metadata.uid ?? ""} ${ctx.now}`)),
        });
        created = true;
      } else {
        const update = hpaUpdate(wanted, found);
        if (update !== undefined) result.writes.push({ op: "update", object: update });
      }
      // A renamed HPA (advanced.horizontalPodAutoscalerConfig.name changed): the old one goes.
      const before = str(status.hpaName);
      if (before !== "" && before !== hpaName && ctx.store.get(HPA, namespace, before) !== undefined)
        result.writes.push({ op: "delete", kind: HPA, namespace, name: before });
      status.hpaName = hpaName;
      const generation = so.metadata.generation ?? 0;
      const loop = loops.get(key);
      if (created || loop === undefined || loop.generation !== generation)
        loops.set(key, { generation, nextPoll: ctx.now, scalers });
      else loop.scalers = scalers;
      return { message: READY_MESSAGE };
    }

    /** The executor's paused branch: the target at the paused count, status.pausedReplicaCount. */
    function pauseAt(count: number): void {
      const target = targetRefOf(so);
      const scale = ctx.scales.get(namespace, target);
      if (!isApiError(scale) && scale.specReplicas !== count)
        ctx.scales.update({ ...scale, specReplicas: count });
      status.pausedReplicaCount = count;
    }
  };

  const controller: Controller = {
    name: "keda",
    kind: KIND,
    // The HPA it owns: a deleted one is made again (Owns(&HorizontalPodAutoscaler{})).
    watches: [
      {
        kind: HPA,
        filter: { types: ["DELETED"], controlledBy: KIND },
        route: (ev) => {
          const owner = controllerOf(ev.object);
          return owner?.kind === KIND
            ? [{ key: qualifiedName(ev.object.metadata.namespace, owner.name) }]
            : NO_WAKE_UP;
        },
      },
    ],
    reconcile,
    forget: (key) => {
      loops.delete(key);
      seen.delete(key);
    },
  };

  return {
    controller,
    externalMetric(namespace, metric, selector, now) {
      const owner = scaledObjectOf(selector);
      if (owner === undefined) return undefined;
      const loop = loops.get(qualifiedName(namespace, owner));
      const s = loop?.scalers.find((x) => x.scaler.externalName === metric);
      if (s?.scaler.read === undefined) return [];
      const r = s.scaler.read(namespace, now, load);
      return "error" in r ? [] : [Math.round(r.value * 1000)];
    },
  };
}
