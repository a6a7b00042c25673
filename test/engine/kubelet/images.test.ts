/**
 * The kubelet's image manager: pkg/kubelet/images/image_manager.go (EnsureImageExists,
 * shouldPullImage; event texts of v1.28) and the default pull policy of
 * pkg/apis/core/v1/defaults.go SetDefaults_Container.
 */
import { describe, expect, it } from "vitest";
import type { Pod } from "../../../src/k8s/types.ts";
import { imageAction, imageMessages, imageRef, pullPolicyOf } from "../../../src/engine/kubelet/images.ts";
import { Simulation } from "../../../src/engine/simulation.ts";
import { fakeControllers, noopReconciler, pod } from "../fakes.ts";

describe("shouldPullImage", () => {
  it.each([
    ["Always", true, "pull"],
    ["Always", false, "pull"],
    ["IfNotPresent", true, "present"],
    ["IfNotPresent", false, "pull"],
    ["Never", true, "present"],
    ["Never", false, "never-pull"],
  ] as const)("%s, image present %s → %s", (policy, present, action) => {
    expect(imageAction(policy, present)).toBe(action);
  });
});

describe("the pull policy: as written, else SetDefaults_Container's", () => {
  it.each([
    ["nginx", undefined, "Always"],
    ["nginx:latest", undefined, "Always"],
    ["nginx:1.25", undefined, "IfNotPresent"],
    ["localhost:5000/app", undefined, "Always"],
    ["nginx:1.25", "Always", "Always"],
    ["nginx", "Never", "Never"],
  ] as const)("%s with %s → %s", (image, imagePullPolicy, policy) => {
    expect(pullPolicyOf({ name: "c", image, ...(imagePullPolicy ? { imagePullPolicy } : {}) })).toBe(policy);
  });
});

describe("image references (applyDefaultImageTag)", () => {
  it.each([
    ["nginx", "nginx:latest"],
    ["nginx:latest", "nginx:latest"],
    ["nginx:1.25", "nginx:1.25"],
    ["localhost:5000/app", "localhost:5000/app:latest"],
    ["app@sha256:abcd", "app@sha256:abcd"],
  ])("%s → %s", (image, ref) => {
    expect(imageRef(image)).toBe(ref);
  });
});

describe("event messages, as image_manager.go v1.28 formats them", () => {
  it("quotes the image as written and prints durations as Go does", () => {
    expect(imageMessages.present("nginx:1.25")).toBe(
      'Container image "nginx:1.25" already present on machine',
    );
    expect(imageMessages.pulling("nginx")).toBe('Pulling image "nginx"');
    expect(imageMessages.pulled("nginx", 1.2)).toBe(
      'Successfully pulled image "nginx" in 1.2s (1.2s including waiting)',
    );
    expect(imageMessages.pulled("nginx", 0.25)).toBe(
      'Successfully pulled image "nginx" in 250ms (250ms including waiting)',
    );
    expect(imageMessages.neverPull("app:1")).toBe(
      'Container image "app:1" is not present with pull policy of Never',
    );
  });
});

const sim = (settings: Record<string, number> = {}) =>
  new Simulation({ settings, ...fakeControllers({ replicaSet: noopReconciler }) });

function withImage(name: string, image: string, imagePullPolicy?: string): Pod {
  const p = pod(name);
  p.spec.containers[0] = { ...p.spec.containers[0], image, ...(imagePullPolicy ? { imagePullPolicy } : {}) };
  return p;
}

const imageEvents = (s: Simulation, name: string) =>
  s.events
    .filter(
      (e) => e.involvedObject.name === name && ["Pulling", "Pulled", "ErrImageNeverPull"].includes(e.reason),
    )
    .map((e) => [e.time, e.type, e.reason, e.message]);

describe("EnsureImageExists in the simulation (one node: cluster.nodes 1)", () => {
  it("IfNotPresent: the first pod on a node pulls and starts after the pull; the next finds the image", () => {
    const s = sim({ "cluster.nodes": 1, "pod.startup": 2, "image.pull-time": 3 });
    s.at(0, "a", () => void s.api.create(withImage("a", "nginx:1.25")));
    s.at(10, "b", () => void s.api.create(withImage("b", "nginx:1.25")));
    s.runUntil(20);
    expect(imageEvents(s, "a")).toEqual([
      [2, "Normal", "Pulling", 'Pulling image "nginx:1.25"'],
      [5, "Normal", "Pulled", 'Successfully pulled image "nginx:1.25" in 3s (3s including waiting)'],
    ]);
    expect(imageEvents(s, "b")).toEqual([
      [12, "Normal", "Pulled", 'Container image "nginx:1.25" already present on machine'],
    ]);
    expect(s.api.get("Pod", "default", "a")?.status.containerStatuses?.[0].state?.running?.startedAt).toBe(5);
    expect(s.api.get("Pod", "default", "b")?.status.containerStatuses?.[0].state?.running?.startedAt).toBe(
      12,
    );
  });

  it("Always (an untagged image): every pod pulls, even where the image is", () => {
    const s = sim({ "cluster.nodes": 1, "pod.startup": 2, "image.pull-time": 1 });
    s.at(0, "a", () => void s.api.create(withImage("a", "nginx")));
    s.at(10, "b", () => void s.api.create(withImage("b", "nginx")));
    s.runUntil(20);
    expect(imageEvents(s, "b")).toEqual([
      [12, "Normal", "Pulling", 'Pulling image "nginx"'],
      [13, "Normal", "Pulled", 'Successfully pulled image "nginx" in 1s (1s including waiting)'],
    ]);
  });

  it("images are per node: a pod on another node pulls again", () => {
    const s = sim({ "cluster.nodes": 2, "pod.startup": 2, "image.pull-time": 1 });
    s.at(0, "a", () => void s.api.create(withImage("a", "nginx:1.25")));
    s.at(10, "b", () => void s.api.create(withImage("b", "nginx:1.25")));
    s.runUntil(20);
    expect(s.api.get("Pod", "default", "b")?.spec.nodeName).toBe("node-2");
    expect(imageEvents(s, "b").map((e) => e[2])).toEqual(["Pulling", "Pulled"]);
  });

  it("Never: the image the node has is used; one it lacks leaves the pod Pending with ErrImageNeverPull", () => {
    const s = sim({ "cluster.nodes": 1, "pod.startup": 2, "image.pull-time": 1 });
    s.at(0, "a", () => void s.api.create(withImage("a", "app:1")));
    s.at(10, "b", () => void s.api.create(withImage("b", "app:1", "Never")));
    s.at(10, "c", () => void s.api.create(withImage("c", "app:2", "Never")));
    s.runUntil(30);
    expect(imageEvents(s, "b")).toEqual([
      [12, "Normal", "Pulled", 'Container image "app:1" already present on machine'],
    ]);
    expect(s.api.get("Pod", "default", "b")?.status.phase).toBe("Running");
    expect(imageEvents(s, "c")).toEqual([
      [
        12,
        "Warning",
        "ErrImageNeverPull",
        'Container image "app:2" is not present with pull policy of Never',
      ],
    ]);
    const c = s.api.get("Pod", "default", "c");
    expect(c?.status.phase).toBe("Pending");
    expect(c?.status.containerStatuses?.[0].state?.waiting).toEqual({
      reason: "ErrImageNeverPull",
      message: 'Container image "app:2" is not present with pull policy of Never',
    });
  });

  it("containers start one after the other: one whose image must be pulled holds back the ones after it, present or not", () => {
    // kuberuntime_manager.go SyncPod starts the containers in order, each after EnsureImageExists.
    const s = sim({ "cluster.nodes": 1, "pod.startup": 2, "image.pull-time": 3 });
    const p = pod("a", { containers: 3 });
    p.spec.containers[1] = { ...p.spec.containers[1], image: "nginx:1.25" };
    s.at(0, "warm", () => void s.api.create(withImage("w", "busybox:1.36")));
    s.at(10, "a", () => void s.api.create(p));
    s.runUntil(20);
    const kubelet = s.events
      .filter((e) => e.involvedObject.name === "a" && e.reason !== "Scheduled")
      .map(
        (e) => `${e.time} ${e.reason} ${e.message.includes("nginx") || e.message.endsWith("c1") ? "c1" : ""}`,
      );
    expect(kubelet).toEqual([
      "12 Pulled ",
      "12 Created ",
      "12 Started ",
      "12 Pulling c1",
      "15 Pulled c1",
      "15 Created c1",
      "15 Started c1",
      "15 Pulled ",
      "15 Created ",
      "15 Started ",
    ]);
    const a = s.api.get("Pod", "default", "a");
    expect(a?.status.phase).toBe("Running");
    expect(a?.status.containerStatuses?.map((c) => c.state?.running?.startedAt)).toEqual([12, 15, 15]);
  });

  it("a pod deleted during its pull never starts", () => {
    const s = sim({ "cluster.nodes": 1, "pod.startup": 2, "image.pull-time": 5 });
    s.at(0, "a", () => void s.api.create(withImage("a", "nginx")));
    s.at(4, "delete", () => void s.api.delete("Pod", "default", "a"));
    s.runUntil(20);
    expect(s.events.filter((e) => e.involvedObject.name === "a").map((e) => e.reason)).not.toContain(
      "Started",
    );
  });
});
