// The resource metrics API as an HPA reads it (MetricsServer.client): the views by pod index
// must answer exactly what the list of samples answers, pod by pod, in any namespace.
import { describe, expect, it } from "vitest";
import { CustomMetricsPipeline } from "../../src/engine/metrics/customMetrics.ts";
import { MetricsServer, METRICS_API_DOWN } from "../../src/engine/metrics/metricsServer.ts";
import { WorkloadModel } from "../../src/engine/workload/loadModel.ts";
import { defaultSettings } from "../../src/engine/settings.ts";
import { Windows } from "../../src/engine/faults/index.ts";
import type { ResourceSampleView } from "../../src/engine/metrics/types.ts";
import { MemStore, deployment, pod } from "../controllers/hpa/objects.ts";
import { FrozenListStore } from "../workload/frozenListStore.ts";
import { intn, mulberry32 } from "../../src/engine/rng.ts";
import type { Pod } from "../../src/k8s/types.ts";

function rig(namespace: string, outages?: Windows) {
  const settings = defaultSettings();
  const inNamespace = <T extends { metadata: { namespace?: string } }>(o: T): T => ({
    ...o,
    metadata: { ...o.metadata, namespace },
  });
  // "c" starts late: no sample at the first scrapes that give "a" and "b" theirs.
  const pods = [
    pod("a", { cpuRequest: "100m" }),
    pod("b", { cpuRequest: "200m" }),
    pod("c", { cpuRequest: "100m", start: 20 }),
  ].map(inNamespace);
  const store = new MemStore([inNamespace(deployment("web", 3, "100m")), ...pods]);
  const workload = new WorkloadModel();
  const server = new MetricsServer(workload, new CustomMetricsPipeline(workload), outages);
  workload.observe(store, settings, 0);
  workload.setLoad(store, settings, 0, `${namespace === "default" ? "" : `${namespace}/`}web`, {
    kind: "cpu",
    amount: { percentOfRequest: 70 },
  });
  return { settings, store, server };
}

/** The views as the list would be: each pod's sample but its name, by index. */
function viewsAsSamples(names: readonly string[], views: readonly (ResourceSampleView | undefined)[]) {
  return names.flatMap((pod, i) => {
    const v = views[i];
    return v === undefined ? [] : [{ pod, timestamp: v.t, window: v.window, containers: v.containers }];
  });
}

describe("MetricsServer client: resource samples by pod index", () => {
  for (const namespace of ["default", "prod"])
    it(`answers what the list answers, pod by pod (namespace ${namespace})`, () => {
      const { settings, store, server } = rig(namespace);
      const client = server.client(namespace);
      // Asked in another order than the store's, with a pod that does not exist.
      const names = ["c", "nope", "b", "a"];
      let compared = 0;
      for (const t of [0, 15, 30, 45]) {
        server.scrape(store, settings, t);
        server.setClock(t, settings);
        const views: (ResourceSampleView | undefined)[] = new Array(names.length).fill(undefined);
        const sampled = client.resourceSampleViews!(names, views);
        const listed = client.resourceSamples(names);
        if ("error" in listed) throw new Error(listed.error);
        expect(sampled).toBe(listed.length);
        expect(viewsAsSamples(names, views)).toEqual(listed);
        compared += listed.length;
      }
      // Samples came: at 15 and 30 for a and b, at 45 for c too (its second scrape).
      expect(compared).toBeGreaterThanOrEqual(5);
    });

  it("answers by runs what it answers by pod index, across scrapes, regroupings and a pod gone", () => {
    const { settings, store, server } = rig("default");
    const client = server.client("default");
    // The same names list at every scrape, as an HPA's over an unchanged pods list: its runs
    // are kept while the points each name finds stay the same objects.
    const names = ["a", "b", "nope", "c"];
    let sampledRuns = 0;
    for (const t of [0, 15, 30, 45, 60, 75, 90, 105]) {
      // "b" is deleted after 60: it leaves the scrapes, and its point and sample are forgotten.
      if (t === 75) store.remove("Pod", "b");
      server.scrape(store, settings, t);
      server.setClock(t, settings);
      const views: (ResourceSampleView | undefined)[] = new Array(names.length).fill(undefined);
      client.resourceSampleViews!(names, views);
      const runs = client.resourceSampleRuns!(names);
      if ("error" in runs) throw new Error(runs.error);
      const byRun: (ResourceSampleView | undefined)[] = [];
      for (let k = 0, i = 0; k < runs.ends.length; k++)
        for (; i < runs.ends[k]; i++) byRun.push(runs.views[k]);
      expect(byRun, `t=${t}`).toEqual(views);
      for (let i = 0; i < names.length; i++) expect(byRun[i] === views[i], `t=${t}, ${names[i]}`).toBe(true);
      sampledRuns += runs.views.filter((v) => v !== undefined).length;
    }
    // Samples came (a and b from 30, c from 60).
    expect(sampledRuns).toBeGreaterThan(0);
  });

  it("answers the API's error while metrics-server is down, as the list does", () => {
    const down = new Windows();
    down.add(20, 40);
    const { settings, store, server } = rig("default", down);
    server.scrape(store, settings, 15);
    server.setClock(30, settings);
    const client = server.client("default");
    const views: (ResourceSampleView | undefined)[] = [undefined];
    expect(client.resourceSampleViews!(["a"], views)).toEqual({ error: METRICS_API_DOWN.message });
    expect(client.resourceSampleRuns!(["a"])).toEqual({ error: METRICS_API_DOWN.message });
    expect(client.resourceSamples(["a"])).toEqual({ error: METRICS_API_DOWN.message });
  });
});

describe("MetricsServer client: runs over a pods list carried from the last one asked", () => {
  // Asked with the pods its names are of, the client carries each pod's point record from the
  // last pods list asked (a pod of that list, or one written over it) while no record left the
  // map, and a pod that had none is looked up again once a record was put in. Each pod's view
  // must be what the views by index give it, whatever the writes, deletions, pods created again
  // under their names, nodes down (their pods' points forgotten) and metrics-server outages.
  it("answers by runs, pod by pod, what it answers by index", () => {
    const rng = mulberry32(20261207);
    const settings = defaultSettings();
    const outages = new Windows();
    outages.add(400, 430);
    let made = 0;
    const podOf = (name: string, t: number): Pod => ({
      ...pod(name, { cpuRequest: `${100 * (1 + intn(rng, 2))}m`, start: t }),
      spec: { ...pod(name).spec, nodeName: `n${intn(rng, 3)}` },
    });
    const store = new FrozenListStore([deployment("web", 6, "100m")]);
    for (let i = 0; i < 6; i++) store.put(podOf(`p${made++}`, 0));
    const workload = new WorkloadModel();
    const nodeDown = (node: string, t: number) => node === "n2" && t >= 200 && t < 260;
    const server = new MetricsServer(workload, new CustomMetricsPipeline(workload), outages, nodeDown);
    workload.setLoad(store, settings, 0, "web", { kind: "cpu", amount: { milli: 300 } });
    const client = server.client("default");
    let carried = 0;
    for (let t = 15; t <= 900; t += 15) {
      const op = intn(rng, 8);
      const pods = store.listAll("Pod") as readonly Pod[];
      if (op === 0 && pods.length > 1) store.remove("Pod", pods[intn(rng, pods.length)].metadata.name);
      else if (op === 1) store.put(podOf(`p${made++}`, t - 5));
      else if (op === 2 && pods.length > 0) {
        // A status write (the same spec, so the same scrape record), or the pod created again.
        const old = pods[intn(rng, pods.length)];
        store.put(
          intn(rng, 2) === 0 ? { ...old, status: { ...old.status } } : podOf(old.metadata.name, t - 5),
        );
      } else if (op === 3)
        workload.setLoad(store, settings, t - 5, "web", {
          kind: "cpu",
          amount: { milli: 50 * (1 + intn(rng, 20)) },
        });
      workload.observe(store, settings, t - 5);
      server.scrape(store, settings, t);
      server.setClock(t, settings);
      const listed = store.listAll("Pod") as readonly Pod[];
      // Asked twice: once right after the scrape, once with the list and layout unchanged.
      for (let ask = 0; ask < 2; ask++) {
        const names = listed.map((p) => p.metadata.name);
        const views: (ResourceSampleView | undefined)[] = new Array(names.length).fill(undefined);
        const sampled = client.resourceSampleViews!(names, views);
        const runs = client.resourceSampleRuns!(names, listed);
        if ("error" in runs) {
          expect(sampled).toEqual(runs);
          continue;
        }
        const byRun: (ResourceSampleView | undefined)[] = [];
        for (let k = 0, i = 0; k < runs.ends.length; k++)
          for (; i < runs.ends[k]; i++) byRun.push(runs.views[k]);
        expect(byRun.length, `t=${t}`).toBe(names.length);
        for (let i = 0; i < names.length; i++)
          expect(byRun[i] === views[i], `t=${t}, ${names[i]}`).toBe(true);
        carried += views.filter((v) => v !== undefined).length;
      }
    }
    expect(carried).toBeGreaterThan(100);
  });
});
