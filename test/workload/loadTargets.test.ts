// What a `load` can be about (src/engine/workload/types.ts): the load key of a loaded workload
// (a Deployment keeps its bare name, as the trace's `load` record had it before; any other kind
// is "Kind/name"), and a Service in front of several workloads, whose traffic kube-proxy spreads
// evenly over the Ready endpoints (endpointShares), run end to end on scenarios/canary.scn.
import { describe, expect, it } from "vitest";
import { endpointShares, loadedWorkload, loadKey, type LoadedKind } from "../../src/engine/workload/types.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { checkScenario } from "../../src/scenario/index.ts";
import { runScenario } from "../../src/scenario/node.ts";
import { timeSeries } from "../../src/scenario/timeSeries.ts";

describe("loadKey", () => {
  it.each([
    ["Deployment", "web", "web"],
    ["StatefulSet", "worker", "StatefulSet/worker"],
    ["Service", "web", "Service/web"],
  ] as [LoadedKind, string, string][])("%s %s → %s, and back", (kind, name, key) => {
    expect(loadKey(kind, name)).toBe(key);
    expect(loadedWorkload(key)).toEqual({ kind, name });
  });
});

describe("endpointShares: each workload's Ready endpoints over all of them", () => {
  it.each([
    [
      400,
      { "Deployment/web": 3, "Deployment/web-canary": 1 },
      { "Deployment/web": 300, "Deployment/web-canary": 100 },
    ],
    [
      400,
      { "Deployment/web": 3, "Deployment/web-canary": 2 },
      { "Deployment/web": 240, "Deployment/web-canary": 160 },
    ],
    // A canary with no Ready pod is no endpoint: the stable pods carry everything.
    [
      400,
      { "Deployment/web": 3, "Deployment/web-canary": 0 },
      { "Deployment/web": 400, "Deployment/web-canary": 0 },
    ],
    [400, { "Deployment/web": 0 }, { "Deployment/web": 0 }],
  ])("%d over %o", (total, ready, want) => {
    expect(endpointShares(total, ready)).toEqual(want);
  });
});

describe("load service/NAME over a stable Deployment and its canary", () => {
  it("records each Deployment's endpoints and share of the requests", async () => {
    const r = await runScenario({ path: "scenarios/canary.scn" });
    expect(r.failures).toEqual([]);
    const load = r.trace!.load["Service/web"];
    const at = (t: number) => load.filter((p) => p.t <= t).at(-1)?.value.endpoints;
    expect(at(120)).toEqual({
      "Deployment/web": { ready: 3, share: 300 },
      "Deployment/web-canary": { ready: 1, share: 100 },
    });
    expect(at(240)).toEqual({
      "Deployment/web": { ready: 3, share: 240 },
      "Deployment/web-canary": { ready: 2, share: 160 },
    });
  });

  it("refuses a % of one pod's request there: whose pod?", () => {
    const text = `
apply <<YAML
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  selector: {matchLabels: {app: web, track: a}}
  template: {metadata: {labels: {app: web, track: a}}, spec: {containers: [{name: c, image: i}]}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec:
  selector: {matchLabels: {app: web, track: b}}
  template: {metadata: {labels: {app: web, track: b}}, spec: {containers: [{name: c, image: i}]}}
YAML
load service/web cpu 200%
expect service/web dropped == 0
`;
    const r = checkScenario({ text, file: "c.scn" }, { host: memoryHost({}) });
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "RC4025",
        "service/web selects the pods of 2 workloads (a, b): a % of one pod's request would not say whose",
      ],
    ]);
  });
});

describe("a loaded StatefulSet in the run's time series", () => {
  it("is keyed StatefulSet/NAME, with its summary's counts beside its load", async () => {
    const r = await runScenario({ path: "scenarios/statefulset-hpa.scn" });
    const s = timeSeries(r.trace!).deployments["StatefulSet/consumer"];
    expect(Math.max(...s.replicas.map((v) => v ?? 0))).toBe(8);
    expect(Math.max(...s.ready.map((v) => v ?? 0))).toBe(8);
    expect(Math.max(...s.cpuDemandMilli)).toBe(1500);
  });
});
