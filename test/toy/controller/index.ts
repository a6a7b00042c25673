/**
 * The PodCounter controller: it watches pods, and each PodCounter whose selector picks a pod
 * that changed is synced; a sync counts the pods (not terminating) its selector picks and the
 * Ready ones, writes them to the status when they changed, and says so in an event. It is a
 * `Controller` registered with the engine (src/engine/controller.ts) — nothing in the
 * simulation's loop knows its name.
 */
import type { Controller, Watch } from "../../../src/engine/controller.ts";
import { emptyResult } from "../../../src/engine/controller.ts";
import { labelsMatch } from "../../../src/k8s/labels.ts";
import type { Pod } from "../../../src/k8s/types.ts";
import { asPodCounter } from "../kind/index.ts";

const isReady = (p: Pod) =>
  p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True") ?? false;

/** A pod change wakes every PodCounter whose selector picks the pod, before or after the change. */
const podWatch: Watch = {
  kind: "Pod",
  route(ev, store) {
    const labels = [ev.object.metadata.labels, ev.old?.metadata.labels];
    return store
      .list("PodCounter", "default")
      .filter((o) => labels.some((l) => l && labelsMatch(asPodCounter(o).spec.selector, l)))
      .map((o) => ({ key: o.metadata.name }));
  },
};

export const podCounterController: Controller = {
  name: "podcounter",
  kind: "PodCounter",
  watches: [podWatch],
  reconcile(ctx, name) {
    const result = emptyResult();
    const stored = ctx.store.get("PodCounter", "default", name);
    if (!stored) return result;
    const pc = asPodCounter(stored);
    const pods = ctx.store
      .list("Pod", "default")
      .filter(
        (p) => p.metadata.deletionTimestamp === undefined && labelsMatch(pc.spec.selector, p.metadata.labels),
      );
    const status = {
      pods: pods.length,
      ready: pods.filter(isReady).length,
      observedGeneration: pc.metadata.generation,
    };
    if (JSON.stringify(status) === JSON.stringify(pc.status)) return result;
    result.writes.push({
      op: "updateStatus",
      object: { ...structuredClone(stored), status } as typeof stored,
    });
    result.events.push({
      type: "Normal",
      reason: "Counted",
      message: `${status.ready} of ${status.pods} pods ready`,
      involvedObject: { kind: "PodCounter", name, uid: pc.metadata.uid },
      source: "podcounter-controller",
    });
    result.decisions.push({
      controller: "podcounter",
      object: `PodCounter/${name}`,
      action: "count",
      summary: `${status.ready} of ${status.pods} pods ready`,
      inputs: { pods: pods.map((p) => p.metadata.name) },
    });
    return result;
  },
};
