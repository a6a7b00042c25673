// The node lifecycle controller's zones and eviction rate limits
// (pkg/controller/nodelifecycle/node_lifecycle_controller.go v1.28: ComputeZoneState,
// handleDisruption, setLimiterInZone, HealthyQPSFunc, ReducedQPSFunc, doNoExecuteTaintingPass;
// scheduler/rate_limited_queue.go RateLimitedTimedQueue, SwapLimiter; component-helpers
// nodetopology.GetZoneKey), with kube-controller-manager's defaults --node-eviction-rate 0.1,
// --secondary-node-eviction-rate 0.01, --unhealthy-zone-threshold 0.55,
// --large-cluster-size-threshold 50.
import { describe, expect, it } from "vitest";
import { ZoneTaintQueue } from "../../../src/engine/controllers/nodelifecycle/taintQueue.ts";
import { computeZoneState, zoneOf, zoneRate } from "../../../src/engine/controllers/nodelifecycle/zones.ts";
import { defaultSettings } from "../../../src/engine/settings.ts";
import type { Node } from "../../../src/k8s/types.ts";
import { runWith } from "../../../src/scenario/api.ts";
import { defaultServices } from "../../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../../src/scenario/host.ts";

const settings = defaultSettings();

describe("ComputeZoneState", () => {
  it("is FullDisruption with no node Ready, PartialDisruption from 55 % not Ready and more than 2, else Normal", () => {
    expect(computeZoneState(0, 1, settings)).toBe("FullDisruption");
    expect(computeZoneState(1, 2, settings)).toBe("Normal"); // 2 not Ready: not more than 2
    expect(computeZoneState(1, 3, settings)).toBe("PartialDisruption"); // 0.75
    expect(computeZoneState(9, 11, settings)).toBe("PartialDisruption"); // exactly 0.55
    expect(computeZoneState(10, 10, settings)).toBe("Normal"); // 0.5
    expect(computeZoneState(3, 0, settings)).toBe("Normal");
  });
});

describe("setLimiterInZone", () => {
  it("taints at 0.1/s when Normal or FullDisruption, 0.01/s when a zone of more than 50 nodes is partly down, else none", () => {
    expect(zoneRate("Normal", 3, settings)).toBe(0.1);
    expect(zoneRate("FullDisruption", 3, settings)).toBe(0.1);
    expect(zoneRate("PartialDisruption", 50, settings)).toBe(0);
    expect(zoneRate("PartialDisruption", 51, settings)).toBe(0.01);
  });
});

describe("GetZoneKey", () => {
  const node = (labels: Record<string, string>) => ({ metadata: { name: "n", labels } }) as unknown as Node;
  it('reads the beta zone label before topology.kubernetes.io/zone, with the region; no labels is the zone ""', () => {
    expect(zoneOf(node({}))).toBe("");
    expect(zoneOf(node({ "topology.kubernetes.io/zone": "a" }))).toBe("a");
    expect(
      zoneOf(node({ "topology.kubernetes.io/zone": "a", "failure-domain.beta.kubernetes.io/zone": "b" })),
    ).toBe("b");
    expect(zoneOf(node({ "topology.kubernetes.io/zone": "a", "topology.kubernetes.io/region": "r" }))).toBe(
      "r:a",
    );
  });
});

describe("RateLimitedTimedQueue with a one-token bucket", () => {
  it("lets the first node out at once and the next one per 1/rate seconds, each node once", () => {
    const q = new ZoneTaintQueue(0.1);
    expect(q.add("a", 100)).toBe(true);
    expect(q.add("b", 100)).toBe(true);
    expect(q.add("a", 100)).toBe(false);
    expect(q.take(100).map((t) => t.node)).toEqual(["a"]);
    expect(q.take(105)).toEqual([]);
    expect(q.nextAt()).toBe(110);
    expect(q.take(110)).toEqual([{ node: "b", since: 100 }]);
    expect(q.nextAt()).toBeUndefined();
  });

  it("SwapLimiter: a new rate starts empty if the old bucket was empty, full if it was full; 0 never lets out", () => {
    const empty = new ZoneTaintQueue(0.1);
    empty.add("a", 0);
    empty.add("b", 0);
    empty.take(0);
    empty.swapRate(0.01, 5);
    expect(empty.nextAt()).toBe(105);
    const full = new ZoneTaintQueue(0.1);
    full.swapRate(0.01, 5);
    full.add("a", 5);
    expect(full.take(5).map((t) => t.node)).toEqual(["a"]);
    const never = new ZoneTaintQueue(0.1);
    never.swapRate(0, 5);
    never.add("a", 5);
    expect(never.take(1e6)).toEqual([]);
    expect(never.nextAt()).toBeUndefined();
  });
});

const run = (text: string) => runWith(defaultServices, text, "zones.scn", { host: memoryHost({}) });

const web = (replicas: number) => `manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: ${replicas}
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers:
      - name: web
        image: nginx:1.25
        resources:
          requests: { cpu: 100m, memory: 64Mi }
      topologySpreadConstraints:
      - { maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: DoNotSchedule, labelSelector: { matchLabels: { app: web } } }
YAML
at 0s apply web
`;

/** When each node got its NoExecute taint, from the Node series' successive states. */
async function taintTimes(text: string): Promise<{
  taints: [number, string][];
  evictions: [number, string][];
  decisions: string[];
}> {
  const r = await run(text);
  expect(r.diagnostics).toEqual([]);
  const trace = r.trace!;
  const decisions = trace.decisions
    .filter((d) => d.controller === "nodelifecycle")
    .map((d) => `${d.t} ${d.object} ${d.summary}`);
  const taints = decisions
    .filter((d) => d.includes(":NoExecute after"))
    .map((d): [number, string] => [Number(d.split(" ")[0]), d.split(" ")[1]]);
  const podNode = new Map(
    trace.events
      .filter((e) => e.reason === "Scheduled")
      .map((e) => [e.involvedObject.name, e.message.split(" to ")[1]]),
  );
  const evictions = trace.events
    .filter((e) => e.reason === "TaintManagerEviction")
    .map((e): [number, string] => [e.time, podNode.get(e.involvedObject.name) ?? "?"]);
  return { taints, evictions, decisions };
}

describe("a zone's nodes tainted through its rate-limited queue (doNoExecuteTaintingPass)", () => {
  it("a zone wholly down while another is up: FullDisruption keeps the normal rate, one node per 10 s", async () => {
    const { evictions, decisions } = await taintTimes(
      "nodes 2 with cpu 2 memory 4Gi named a zone za\nnodes 2 with cpu 2 memory 4Gi named b zone zb\n" +
        web(4) +
        "at 1m fault node a-1 down\nat 1m fault node a-2 down\nrun until 8m\n",
    );
    expect(decisions).toEqual([
      "100 Node/* Controller detected that zone is now in new state: zone za FullDisruption (was Normal), tainting 0.1 nodes/s",
      "110 Node/a-2 node.kubernetes.io/unreachable:NoExecute after 10s in the taint queue of zone za (FullDisruption)",
    ]);
    expect(evictions).toEqual([
      [400, "a-1"],
      [410, "a-2"],
    ]);
  });

  it("a small zone partly down (3 of 4 not Ready) taints no more nodes: ReducedQPSFunc is 0 up to 50 nodes", async () => {
    const { evictions, decisions } = await taintTimes(
      "nodes 4 with cpu 2 memory 4Gi\n" +
        web(4) +
        "at 1m fault node node-1 down\nat 2m fault node node-2 down\nat 3m fault node node-3 down\nrun until 12m\n",
    );
    expect(decisions).toEqual([
      '220 Node/* Controller detected that zone is now in new state: zone "" PartialDisruption (was Normal), tainting 0 nodes/s',
    ]);
    // node-1 at 1m40s and node-2 at 2m40s were tainted in a Normal zone, each at once; node-3 never.
    expect(evictions).toEqual([
      [400, "node-1"],
      [460, "node-2"],
    ]);
  });

  it("a zone partly down larger than --large-cluster-size-threshold taints at the secondary rate, 100 s apart", async () => {
    const { evictions } = await taintTimes(
      "set nodelifecycle.large-cluster-size-threshold = 3\nnodes 4 with cpu 2 memory 4Gi\n" +
        web(4) +
        "at 1m fault node node-1 down\nat 1m fault node node-2 down\nat 1m fault node node-3 down\nrun until 15m\n",
    );
    // The 0.1 bucket was full when the 0.01 one replaced it, so the new one starts full (SwapLimiter).
    expect(evictions).toEqual([
      [400, "node-1"],
      [500, "node-2"],
      [600, "node-3"],
    ]);
  });

  it("follows --node-eviction-rate", async () => {
    const { evictions } = await taintTimes(
      "set nodelifecycle.node-eviction-rate = 0.5\nnodes 3 with cpu 2 memory 4Gi named a zone za\nnodes 1 with cpu 2 memory 4Gi named b zone zb\n" +
        web(4) +
        "at 1m fault node a-1 down\nat 1m fault node a-2 down\nat 1m fault node a-3 down\nrun until 8m\n",
    );
    expect(evictions).toEqual([
      [400, "a-1"],
      [402, "a-2"],
      [404, "a-3"],
    ]);
  });
});

describe("master disruption mode (handleDisruption with every zone FullDisruption)", () => {
  it("removes the NoExecute taints and evicts nothing; a node back Ready ends it and the others are tainted from an empty bucket", async () => {
    const { evictions, decisions } = await taintTimes(
      "nodes 3 with cpu 2 memory 4Gi\n" +
        web(3) +
        "at 1m fault node node-1 down for 4m\nat 1m fault node node-2 down\nat 1m fault node node-3 down\nrun until 12m\n",
    );
    expect(decisions).toEqual([
      "100 Node/* Controller detected that all Nodes are not-Ready. Entering master disruption mode",
      "300 Node/* Controller detected that some Nodes are Ready. Exiting master disruption mode",
      '310 Node/node-2 node.kubernetes.io/unreachable:NoExecute after 210s in the taint queue of zone "" (Normal)',
      '320 Node/node-3 node.kubernetes.io/unreachable:NoExecute after 220s in the taint queue of zone "" (Normal)',
    ]);
    expect(evictions).toEqual([
      [610, "node-2"],
      [620, "node-3"],
    ]);
  });
});
