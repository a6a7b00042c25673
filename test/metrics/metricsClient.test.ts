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
