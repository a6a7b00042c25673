// What the HPA carries from one stored pods list to the next (listAlign.ts) — each pod's
// request (replicaCalc.ts calculateRequests) and whether the target's selector selects it
// (controller.ts selected) — must be what reading every pod of the new list gives: a list
// that is not frozen carries nothing, so it is read pod by pod. The requests are those of
// GetResourceReplicas (replica_calculator.go: the sum of the containers' requests, or the
// error naming the first pod without one); the selection is labels.Selector.Matches.
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/k8s/types.ts";
import type { PodMetric } from "../../../src/engine/controllers/hpa/groupPods.ts";
import { getResourceReplicas } from "../../../src/engine/controllers/hpa/replicaCalc.ts";
import { selected } from "../../../src/engine/controllers/hpa/controller.ts";
import { parseLabelSelector } from "../../../src/k8s/labelSelectorParse.ts";
import { pod } from "./objects.ts";

/** A small seeded generator (LCG), so a failure names a case that can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A pod with its own request (a sum over its containers), or one container without any. */
function newPod(r: () => number, name: string): Pod {
  const p = pod(name, {
    cpuRequest: `${100 + Math.floor(r() * 9) * 100}m`,
    containers: r() < 0.2 ? ["app", "sidecar"] : ["app"],
  });
  if (r() < 0.03) delete p.spec.containers[0].resources!.requests!.cpu;
  if (r() < 0.3) p.metadata.labels = { app: r() < 0.5 ? "web" : "api", tier: "front" };
  return p;
}

/**
 * The store's lists as writes make them: the pods of the last list in their places, one
 * written over in place (its status, or its spec and labels too), one taken out, new ones at
 * the end — each list frozen, as the store's.
 */
function lists(seed: number, count: number): (readonly Pod[])[] {
  const r = rng(seed);
  let made = 0;
  let pods: Pod[] = [];
  for (let i = 0; i < 6; i++) pods.push(newPod(r, `p${made++}`));
  const out: (readonly Pod[])[] = [];
  for (let step = 0; step < count; step++) {
    pods = [...pods];
    const what = r();
    if (what < 0.3 && pods.length > 0) {
      const at = Math.floor(r() * pods.length);
      const old = pods[at];
      pods[at] =
        r() < 0.5
          ? { ...old, status: { ...old.status, phase: "Running" } }
          : { ...newPod(r, old.metadata.name) };
    } else if (what < 0.5 && pods.length > 1) pods.splice(Math.floor(r() * pods.length), 1);
    else for (let k = 1 + Math.floor(r() * 3); k > 0; k--) pods.push(newPod(r, `p${made++}`));
    out.push(Object.freeze(pods));
  }
  return out;
}

const samples = (pods: readonly Pod[]): (PodMetric | undefined)[] =>
  pods.map((_, i) => ({ value: 50 + ((i * 37) % 400), timestamp: 1000, window: 15 }));

function proposal(pods: readonly Pod[]) {
  return getResourceReplicas({
    currentReplicas: pods.length,
    tolerances: { scaleDown: 0.1, scaleUp: 0.1 },
    pods,
    readiness: { cpuInitializationPeriod: 300, initialReadinessDelay: 30 },
    now: 1000,
    metrics: { byPod: samples(pods) },
    targetUtilization: 50,
    resource: "cpu",
  });
}

describe("what the HPA carries from one pods list to the next", () => {
  it("gives each pod of a new list the request reading the list gives it", () => {
    let failures = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const seq = lists(seed, 40);
      // The stored lists one after another (carrying), then the same pods in lists that are
      // not frozen (read pod by pod), compared list by list.
      const carried = seq.map((l) => JSON.stringify(proposal(l)));
      const read = seq.map((l) => JSON.stringify(proposal([...l])));
      expect(carried, `seed ${seed}`).toEqual(read);
      failures += read.filter((x) => x.includes("missing request")).length;
    }
    // Some lists hold a pod without a request: the error names the list's first one.
    expect(failures).toBeGreaterThan(0);
  });

  it("selects from a new list the pods the selector selects", () => {
    for (const text of ["app=web", "app in (api),tier=front", "tier!=front"]) {
      const parsed = parseLabelSelector(text);
      if ("error" in parsed) throw new Error(parsed.error);
      const selector = parsed.requirements;
      for (let seed = 1; seed <= 20; seed++)
        for (const list of lists(seed * 7, 40)) {
          const want = list.filter((p) => {
            const labels = p.metadata.labels ?? {};
            if (text === "app=web") return labels.app === "web";
            if (text === "tier!=front") return labels.tier !== "front";
            return labels.app === "api" && labels.tier === "front";
          });
          expect(
            selected(list, text, selector).map((p) => p.metadata.name),
            `${text} seed ${seed}`,
          ).toEqual(want.map((p) => p.metadata.name));
        }
    }
  });

  // The views and requests carried from the last selection align the very lists the selection
  // aligned only when the selection is the store's list itself: when every pod is selected.
  it("is the stored list itself when the selector selects every pod of it, a frozen list of its own otherwise", () => {
    const all = parseLabelSelector("tier!=back");
    const some = parseLabelSelector("app=web");
    if ("error" in all || "error" in some) throw new Error("selector");
    let partial = 0;
    for (let seed = 1; seed <= 10; seed++)
      for (const list of lists(seed * 11, 30)) {
        expect(selected(list, "tier!=back", all.requirements)).toBe(list);
        const web = selected(list, "app=web", some.requirements);
        expect(Object.isFrozen(web)).toBe(true);
        if (web.length < list.length) {
          partial++;
          expect(web).not.toBe(list);
        }
      }
    expect(partial).toBeGreaterThan(0);
  });
});
