// Taint-based eviction as pkg/controller/tainteviction (1.28's NoExecuteTaintManager) decides
// it — processPodOnNode: an untolerated NoExecute taint evicts at once; otherwise the
// shortest tolerationSeconds among the tolerations in use counts from the taint's arrival,
// and a toleration without tolerationSeconds keeps the pod for good — with the 300 s
// tolerations of not-ready and unreachable that the DefaultTolerationSeconds admission plugin
// (plugin/pkg/admission/defaulttolerationseconds) gives pods that lack them.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_TOLERATION_SECONDS,
  effectiveTolerations,
  evictionTime,
  reconcileTaintEviction,
} from "../../../src/engine/controllers/nodelifecycle/taintEviction.ts";
import type { KubeObject, Pod, Taint, Toleration } from "../../../src/k8s/types.ts";
import { defaultSettings } from "../../../src/engine/settings.ts";
import { Store } from "../../../src/engine/store.ts";

const pod = (name: string, tolerations?: Toleration[], node = "node-1", namespace = "default"): Pod =>
  ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, uid: `uid-${name}` },
    spec: {
      nodeName: node,
      containers: [{ name: "app", image: "nginx" }],
      ...(tolerations ? { tolerations } : {}),
    },
    status: { phase: "Running" },
  }) as Pod;

const unreachable: Taint = { key: "node.kubernetes.io/unreachable", effect: "NoExecute", timeAdded: 100 };
const gpu: Taint = { key: "nvidia.com/gpu", effect: "NoExecute", timeAdded: 100 };

describe("DefaultTolerationSeconds", () => {
  it("adds the two 300 s tolerations to a pod without them, and keeps a pod's own", () => {
    expect(DEFAULT_TOLERATION_SECONDS).toBe(300);
    expect(effectiveTolerations(pod("a"))).toEqual([
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
      {
        key: "node.kubernetes.io/unreachable",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
    const own: Toleration = {
      key: "node.kubernetes.io/unreachable",
      operator: "Exists",
      effect: "NoExecute",
      tolerationSeconds: 30,
    };
    expect(effectiveTolerations(pod("b", [own]))).toEqual([
      own,
      {
        key: "node.kubernetes.io/not-ready",
        operator: "Exists",
        effect: "NoExecute",
        tolerationSeconds: 300,
      },
    ]);
    // {operator: Exists} tolerates everything: nothing is added.
    expect(effectiveTolerations(pod("c", [{ operator: "Exists" }]))).toEqual([{ operator: "Exists" }]);
  });
});

describe("when a pod on a NoExecute-tainted node goes (processPodOnNode)", () => {
  it.each([
    ["no toleration of its own: the default 300 s from the taint", undefined, [unreachable], 400],
    [
      "its own 60 s",
      [
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 60,
        },
      ],
      [unreachable],
      160,
    ],
    [
      "tolerated for good (no tolerationSeconds)",
      [{ key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute" }],
      [unreachable],
      undefined,
    ],
    ["an untolerated taint: at once", undefined, [unreachable, gpu], 250],
    ["no NoExecute taint: never", undefined, [{ ...unreachable, effect: "NoSchedule" }], undefined],
  ] as [string, Toleration[] | undefined, Taint[], number | undefined][])(
    "%s",
    (_, tolerations, taints, at) => {
      expect(evictionTime(pod("p", tolerations), taints, 250)).toBe(at);
    },
  );

  it("deletes the pods that are due, with TaintManagerEviction, and comes back for the rest", () => {
    const node = {
      apiVersion: "v1",
      kind: "Node",
      metadata: { name: "node-1" },
      spec: { taints: [unreachable] },
      status: {},
    } as unknown as KubeObject;
    const pods = [
      pod("late", [
        {
          key: "node.kubernetes.io/unreachable",
          operator: "Exists",
          effect: "NoExecute",
          tolerationSeconds: 600,
        },
      ]),
      pod("web-1"),
      pod("api-1", undefined, "node-1", "prod"),
      pod("elsewhere", undefined, "node-2"),
    ];
    // Node is cluster-scoped: the store keys it by name alone.
    const store = new Store((kind) => kind !== "Node");
    for (const o of [node, ...pods]) store.add(o);
    const r = reconcileTaintEviction({ now: 400, store, settings: defaultSettings() }, "node-1");
    // addConditionAndDeletePod: DisruptionTarget first (PodDisruptionConditions, 1.26+), then the delete.
    const disruption = {
      type: "DisruptionTarget",
      status: "True",
      lastTransitionTime: 400,
      reason: "DeletionByTaintManager",
      message: "Taint manager: deleting due to NoExecute taint",
    };
    expect(
      r.writes.map((w) =>
        w.op === "updateStatus"
          ? ["updateStatus", w.object.metadata.name, (w.object as Pod).status.conditions?.at(-1)]
          : w.op === "delete"
            ? ["delete", w.namespace, w.name]
            : [w.op],
      ),
    ).toEqual([
      ["updateStatus", "web-1", disruption],
      ["delete", "default", "web-1"],
      ["updateStatus", "api-1", disruption],
      ["delete", "prod", "api-1"],
    ]);
    expect(r.events.map((e) => [e.type, e.reason, e.message, e.source, e.involvedObject.namespace])).toEqual([
      [
        "Normal",
        "TaintManagerEviction",
        "Marking for deletion Pod default/web-1",
        "taint-controller",
        undefined,
      ],
      ["Normal", "TaintManagerEviction", "Marking for deletion Pod prod/api-1", "taint-controller", "prod"],
    ]);
    expect(r.requeueAfter).toBe(300);
  });
});
