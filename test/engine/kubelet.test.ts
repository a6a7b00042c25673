import { describe, expect, it } from "vitest";
import type { Pod } from "../../src/k8s/types.ts";
import { readinessDelay, terminationDelay } from "../../src/engine/kubelet.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { goYamlText } from "../../src/kubectl/goYaml.ts";
import { fakeControllers, noopReconciler, pod } from "./fakes.ts";

const sim = (settings: Record<string, number> = {}) =>
  new Simulation({ settings, ...fakeControllers({ replicaSet: noopReconciler }) });

const cond = (p: Pod | undefined, type: string) => p?.status.conditions?.find((c) => c.type === type);

describe("readinessDelay (pkg/kubelet/prober/worker.go: first probe at/after initialDelaySeconds, successThreshold in a row)", () => {
  it.each([
    ["no probe", undefined, 0],
    ["all defaults (delay 0, period 10, threshold 1)", {}, 0],
    ["delay 5, period 10", { initialDelaySeconds: 5, periodSeconds: 10 }, 10],
    [
      "delay 10, period 10 (probe at exactly the delay counts)",
      { initialDelaySeconds: 10, periodSeconds: 10 },
      10,
    ],
    [
      "delay 5, period 10, threshold 2",
      { initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 2 },
      20,
    ],
    ["delay 0, period 3, threshold 3", { initialDelaySeconds: 0, periodSeconds: 3, successThreshold: 3 }, 6],
    ["delay 7, default period", { initialDelaySeconds: 7 }, 10],
  ])("%s → %i s", (_n, probe, expected) => {
    expect(readinessDelay(probe)).toBe(expected);
  });
});

describe("terminationDelay: pod.shutdown capped by the grace period", () => {
  it.each([
    [1, 30, 1],
    [45, 30, 30],
    [10, 0, 0],
  ])("shutdown %i, grace %i → %i", (shutdown, grace, expected) => {
    expect(terminationDelay(shutdown, grace)).toBe(expected);
  });
});

describe("Kubelet timeline in the simulation", () => {
  it("binds at creation, pulls the image after pod.startup, Running once it has, Ready at once without a probe", () => {
    const s = sim({ "pod.startup": 10, "image.pull-time": 1.5 });
    s.at(5, "create", () => void s.api.create(pod("p")));
    s.runUntil(5);
    let p = s.api.get("Pod", "default", "p");
    expect(p?.spec.nodeName).toBe("node-1");
    expect(p?.status.phase).toBe("Pending");
    expect(p?.status.startTime).toBe(5);
    expect(p?.status.containerStatuses?.[0].state?.waiting?.reason).toBe("ContainerCreating");
    expect(cond(p, "PodScheduled")?.status).toBe("True");
    expect(cond(p, "Ready")?.status).toBe("False");
    s.runUntil(16.499);
    expect(s.api.get("Pod", "default", "p")?.status.phase).toBe("Pending");
    s.runUntil(16.5);
    p = s.api.get("Pod", "default", "p");
    expect(p?.status.phase).toBe("Running");
    expect(cond(p, "Ready")).toMatchObject({ status: "True", lastTransitionTime: 16.5 });
    expect(p?.status.containerStatuses?.[0]).toMatchObject({
      ready: true,
      state: { running: { startedAt: 16.5 } },
    });
    // busybox:1.36 is IfNotPresent (tagged) and node-1 has never pulled it.
    expect(
      s.events.filter((e) => e.involvedObject.name === "p").map((e) => [e.time, e.reason, e.message]),
    ).toEqual([
      [5, "Scheduled", "Successfully assigned default/p to node-1"],
      [15, "Pulling", 'Pulling image "busybox:1.36"'],
      [16.5, "Pulled", 'Successfully pulled image "busybox:1.36" in 1.5s (1.5s including waiting)'],
      [16.5, "Created", "Created container c0"],
      [16.5, "Started", "Started container c0"],
    ]);
  });

  // The status' key order is what `kubectl get -o yaml` and --json print: the first status sets
  // phase, startTime, hostIP, conditions and containerStatuses in that order (kubelet.ts
  // acknowledge); the readiness round and the stopping status keep each condition's place and
  // move lastTransitionTime only for a status that changed (status_manager.go).
  it("the first status' fields in order; Ready and the stopping status move only the conditions that change", () => {
    const s = sim({ "pod.startup": 2, "image.pull-time": 0, "pod.shutdown": 5 });
    s.api.create(pod("p"));
    s.runUntil(0);
    let p = s.api.get("Pod", "default", "p");
    expect(Object.keys(p!.status)).toEqual([
      "phase",
      "startTime",
      "hostIP",
      "conditions",
      "containerStatuses",
    ]);
    const types = ["Initialized", "Ready", "ContainersReady", "PodScheduled"];
    expect(p!.status.conditions!.map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual(
      types.map((t) => [t, t === "Ready" || t === "ContainersReady" ? "False" : "True", 0]),
    );
    s.runUntil(2);
    p = s.api.get("Pod", "default", "p");
    expect(p!.status.conditions!.map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual(
      types.map((t) => [t, "True", t === "Ready" || t === "ContainersReady" ? 2 : 0]),
    );
    s.at(4, "delete", () => void s.api.delete("Pod", "default", "p"));
    s.runUntil(4);
    p = s.api.get("Pod", "default", "p");
    expect(p!.status.conditions!.map((c) => [c.type, c.status, c.lastTransitionTime])).toEqual(
      types.map((t) => (t === "Ready" || t === "ContainersReady" ? [t, "False", 4] : [t, "True", 0])),
    );
    expect(p!.status.containerStatuses!.map((cs) => cs.ready)).toEqual([false]);
  });

  it("pods acknowledged, made Ready and stopped together hold one conditions list and one running state, each printed in full by -o yaml", () => {
    const s = sim({ "pod.startup": 2, "image.pull-time": 0, "pod.shutdown": 5 });
    for (const n of ["a", "b", "c"]) s.api.create(pod(n));
    s.runUntil(2);
    const get = (n: string) => s.api.get("Pod", "default", n)!;
    const [a, b, c] = [get("a"), get("b"), get("c")];
    expect(a.status.conditions!.map((x) => [x.type, x.status, x.lastTransitionTime])).toEqual([
      ["Initialized", "True", 0],
      ["Ready", "True", 2],
      ["ContainersReady", "True", 2],
      ["PodScheduled", "True", 0],
    ]);
    // Built once for the three (no writer changes a stored status in place: each change makes a new list).
    expect(b.status.conditions).toBe(a.status.conditions);
    expect(c.status.conditions).toBe(a.status.conditions);
    expect(b.status.containerStatuses![0].state).toBe(a.status.containerStatuses![0].state);
    // Their own parts stay their own.
    expect(b.status.containerStatuses![0].containerID).not.toBe(a.status.containerStatuses![0].containerID);
    // kubectl's -o yaml (goYaml.ts, go-yaml v2's emitter) writes what it meets, shared or not:
    // no anchor or alias, each pod as a copy of its own would print.
    const list = { apiVersion: "v1", kind: "List", items: [a, b, c] };
    expect(goYamlText(list)).toBe(goYamlText(structuredClone(list)));
    expect(goYamlText(list)).not.toMatch(/[&*]a\d/);
    s.at(4, "delete", () => {
      for (const n of ["a", "b"]) s.api.delete("Pod", "default", n);
    });
    s.runUntil(4);
    expect(get("b").status.conditions).toBe(get("a").status.conditions);
    expect(get("a").status.conditions!.map((x) => [x.type, x.status, x.lastTransitionTime])).toEqual([
      ["Initialized", "True", 0],
      ["Ready", "False", 4],
      ["ContainersReady", "False", 4],
      ["PodScheduled", "True", 0],
    ]);
    // The pod not stopped keeps its list.
    expect(get("c").status.conditions).toBe(c.status.conditions);
  });

  it("pods acknowledged together with the same containers hold one ContainerCreating list; other containers get their own", () => {
    // kubelet_pods.go convertToAPIContainerStatuses: before a container exists its status is
    // waiting ContainerCreating, with the image as written and an empty imageID.
    const s = sim({ "pod.startup": 2, "image.pull-time": 0 });
    const other = pod("d");
    other.spec.containers[0].image = "nginx:1.25";
    for (const p of [pod("a"), pod("b"), other, pod("e", { containers: 2 })]) s.api.create(p);
    s.runUntil(1);
    const statuses = (n: string) => s.api.get("Pod", "default", n)!.status.containerStatuses!;
    expect(statuses("a")[0]).toEqual({
      name: "c0",
      image: "busybox:1.36",
      imageID: "",
      ready: false,
      started: false,
      restartCount: 0,
      state: { waiting: { reason: "ContainerCreating" } },
    });
    expect(statuses("b")).toBe(statuses("a"));
    expect(statuses("d")).not.toBe(statuses("a"));
    expect(statuses("d")[0].image).toBe("nginx:1.25");
    expect(statuses("e")).not.toBe(statuses("a"));
    expect(statuses("e").map((x) => x.name)).toEqual(["c0", "c1"]);
    // Each pod's later status is a list of its own (the shared one is never changed in place).
    s.runUntil(2);
    expect(statuses("b")).not.toBe(statuses("a"));
    expect(statuses("a")[0].state).toEqual({ running: { startedAt: 2 } });
  });

  it("readiness probe: Ready at start + first probe at/after the delay + (threshold − 1) periods", () => {
    const s = sim({ "pod.startup": 2, "image.pull-time": 0 });
    s.api.create(pod("p", { probe: { initialDelaySeconds: 5, periodSeconds: 10, successThreshold: 2 } }));
    s.runUntil(21.9);
    expect(cond(s.api.get("Pod", "default", "p"), "Ready")?.status).toBe("False");
    s.runUntil(22);
    expect(cond(s.api.get("Pod", "default", "p"), "Ready")).toMatchObject({
      status: "True",
      lastTransitionTime: 22,
    });
  });

  it("two containers: each is ready on its own probe, the pod when both are", () => {
    const s = sim({ "pod.startup": 0, "image.pull-time": 0 });
    const p = pod("p", { containers: 2 });
    p.spec.containers[1].readinessProbe = { initialDelaySeconds: 3, periodSeconds: 3 };
    s.api.create(p);
    s.runUntil(0);
    expect(s.api.get("Pod", "default", "p")?.status.containerStatuses?.map((c) => c.ready)).toEqual([
      true,
      false,
    ]);
    expect(cond(s.api.get("Pod", "default", "p"), "Ready")?.status).toBe("False");
    s.runUntil(3);
    expect(s.api.get("Pod", "default", "p")?.status.containerStatuses?.map((c) => c.ready)).toEqual([
      true,
      true,
    ]);
    expect(cond(s.api.get("Pod", "default", "p"), "Ready")?.lastTransitionTime).toBe(3);
  });

  it.each([
    ["pod.shutdown when shorter than the grace period", 4, undefined, 4],
    ["the grace period when pod.shutdown is longer", 60, 20, 20],
    ["at once with grace 0", 5, 0, 0],
  ])("termination takes %s", (_n, shutdown, grace, takes) => {
    const s = sim({ "pod.startup": 1, "pod.shutdown": shutdown });
    s.api.create(pod("p", { grace }));
    s.runUntil(10);
    s.at(10, "delete", () => void s.api.delete("Pod", "default", "p"));
    s.runUntil(10);
    const p = s.api.get("Pod", "default", "p");
    if (takes > 0) {
      // rest/delete.go BeforeDelete: the deletion at 10 s plus the grace period (30 s unless set).
      expect(p?.metadata.deletionTimestamp).toBe(10 + (grace ?? 30));
      expect(cond(p, "Ready")).toMatchObject({ status: "False", lastTransitionTime: 10 });
      expect(s.events.at(-1)).toMatchObject({
        reason: "Killing",
        message: "Stopping container c0",
        time: 10,
      });
      s.runUntil(10 + takes - 0.001);
      expect(s.api.get("Pod", "default", "p")).toBeDefined();
    }
    s.runUntil(10 + takes);
    expect(s.api.get("Pod", "default", "p")).toBeUndefined();
  });

  it("a pod deleted while still starting never becomes Running", () => {
    const s = sim({ "pod.startup": 10 });
    s.api.create(pod("p"));
    s.at(3, "delete", () => void s.api.delete("Pod", "default", "p"));
    s.runUntil(3);
    expect(s.api.get("Pod", "default", "p")?.status.phase).toBe("Pending");
    s.runUntil(30);
    expect(s.api.get("Pod", "default", "p")).toBeUndefined();
    expect(s.events.some((e) => e.reason === "Started")).toBe(false);
  });

  it("spreads pods over cluster.nodes, least loaded first, and frees a node's place on removal", () => {
    const s = sim({ "cluster.nodes": 3, "pod.shutdown": 1 });
    for (const n of ["a", "b", "c", "d"]) s.api.create(pod(n));
    s.runUntil(1);
    expect(["a", "b", "c", "d"].map((n) => s.api.get("Pod", "default", n)?.spec.nodeName)).toEqual([
      "node-1",
      "node-2",
      "node-3",
      "node-1",
    ]);
    s.api.delete("Pod", "default", "b");
    s.runUntil(5);
    s.api.create(pod("e"));
    s.runUntil(6);
    expect(s.api.get("Pod", "default", "e")?.spec.nodeName).toBe("node-2");
    expect(s.podsPerNode()).toEqual([2, 1, 1]);
  });

  it("gives each pod its node's InternalIP as hostIP and the next free IP of the node's 10.244.N.0/24", () => {
    // host-local IPAM (containernetworking/plugins plugins/ipam/host-local/backend/allocator
    // allocator.go Get): .1 is the gateway, the first pod gets .2, the next .3, on each node.
    const names = Array.from({ length: 12 }, (_, i) => `ip-${i}`);
    for (const run of [1, 2]) {
      const s = sim({ "cluster.nodes": 3, "pod.startup": 1, "image.pull-time": 0 });
      for (const n of names) s.api.create(pod(n));
      s.runUntil(2);
      names.forEach((n, i) => {
        const p = s.api.get("Pod", "default", n);
        const node = Number(p?.spec.nodeName?.slice("node-".length));
        expect(node, `run ${run}`).toBe((i % 3) + 1);
        expect(p?.status.hostIP, `run ${run}`).toBe(`10.0.0.${10 + node}`);
        expect(p?.status.podIP, `run ${run}`).toBe(`10.244.${node}.${2 + Math.floor(i / 3)}`);
      });
    }
  });

  it("a pod that names its node skips the scheduler; on an unknown node it stays Pending", () => {
    const s = sim({ "cluster.nodes": 3, "pod.startup": 1 });
    const pinned = pod("pinned");
    pinned.spec.nodeName = "node-3";
    const lost = pod("lost");
    lost.spec.nodeName = "node-9";
    s.api.create(pinned);
    s.api.create(lost);
    s.api.create(pod("free"));
    s.runUntil(5);
    expect(s.api.get("Pod", "default", "pinned")?.status.phase).toBe("Running");
    expect(s.api.get("Pod", "default", "lost")?.status.phase).toBe("Pending");
    expect(s.api.get("Pod", "default", "free")?.spec.nodeName).toBe("node-1");
    expect(s.podsPerNode()).toEqual([1, 0, 1]);
    expect(s.events.filter((e) => e.reason === "Scheduled").map((e) => e.involvedObject.name)).toEqual([
      "free",
    ]);
  });
});
