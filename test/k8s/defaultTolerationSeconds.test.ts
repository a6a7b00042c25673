// The DefaultTolerationSeconds admission plug-in (plugin/pkg/admission/defaulttolerationseconds
// admission.go, Plugin.Admit): a pod gets not-ready and unreachable NoExecute tolerations of
// 300 s unless one of its own has that key (or none) and effect NoExecute (or none), judged by
// key and effect alone. Replicast's pods do not carry them; kubectl's wire form and describe
// add them as the API server would have stored them.
import { describe, expect, it } from "vitest";
import {
  admitDefaultTolerationSeconds,
  withDefaultTolerations,
} from "../../src/k8s/kinds/pod/defaultTolerationSeconds.ts";
import { admit } from "../../src/k8s/admission.ts";
import { describePod } from "../../src/k8s/kinds/pod/describe.ts";
import type { Pod, Toleration } from "../../src/k8s/types.ts";
import { toWire } from "../../src/kubectl/serialize.ts";

const notReady: Toleration = {
  key: "node.kubernetes.io/not-ready",
  operator: "Exists",
  effect: "NoExecute",
  tolerationSeconds: 300,
};
const unreachable: Toleration = { ...notReady, key: "node.kubernetes.io/unreachable" };

describe("withDefaultTolerations", () => {
  it("appends not-ready, then unreachable, to a pod without either", () => {
    expect(withDefaultTolerations(undefined)).toEqual([notReady, unreachable]);
    const own: Toleration = { key: "gpu", operator: "Exists", effect: "NoSchedule" };
    expect(withDefaultTolerations([own])).toEqual([own, notReady, unreachable]);
  });

  it("adds only the missing one, and nothing (the same list) when both are covered", () => {
    const own: Toleration = {
      key: "node.kubernetes.io/unreachable",
      operator: "Exists",
      effect: "NoExecute",
      tolerationSeconds: 30,
    };
    expect(withDefaultTolerations([own])).toEqual([own, notReady]);
    const all = [{ operator: "Exists" }] as Toleration[];
    expect(withDefaultTolerations(all)).toBe(all);
    // An empty key with effect NoExecute covers both; an empty effect with the key covers it.
    const noKey = [{ operator: "Exists", effect: "NoExecute" }] as Toleration[];
    expect(withDefaultTolerations(noKey)).toBe(noKey);
    const noEffect: Toleration[] = [{ key: "node.kubernetes.io/not-ready", operator: "Exists" }];
    expect(withDefaultTolerations(noEffect)).toEqual([...noEffect, unreachable]);
  });

  it("judges by key and effect only: an Equal toleration of the key counts, a NoSchedule one does not", () => {
    const equal: Toleration = {
      key: "node.kubernetes.io/not-ready",
      operator: "Equal",
      value: "x",
      effect: "NoExecute",
    };
    expect(withDefaultTolerations([equal])).toEqual([equal, unreachable]);
    const noSchedule: Toleration = {
      key: "node.kubernetes.io/not-ready",
      operator: "Exists",
      effect: "NoSchedule",
    };
    expect(withDefaultTolerations([noSchedule])).toEqual([noSchedule, notReady, unreachable]);
  });

  it("leaves a spec whose tolerations are not a list to validation", () => {
    const spec = { tolerations: "x" };
    expect(admitDefaultTolerationSeconds(spec)).toBe(spec);
  });
});

describe("a pod as kubectl reads it", () => {
  const manifest = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "web", namespace: "default" },
    spec: { containers: [{ name: "app", image: "nginx:1.25" }] },
  };

  it("the wire form has the two tolerations, the stored pod does not carry them", () => {
    const pod = admit(manifest).object as Pod;
    expect(pod.spec.tolerations).toBeUndefined();
    expect((toWire(pod) as { spec: { tolerations?: unknown } }).spec.tolerations).toEqual([
      notReady,
      unreachable,
    ]);
    // Another group's kind named Pod is not core's.
    const other = { ...pod, apiVersion: "example.com/v1" } as unknown as Pod;
    expect((toWire(other) as { spec: { tolerations?: unknown } }).spec.tolerations).toBeUndefined();
  });

  it("prints them under Tolerations in describe (describe.go describePod)", () => {
    const pod = admit(manifest).object as Pod;
    pod.status = { phase: "Pending" };
    const out = describePod(pod, { events: [], now: 0, showEvents: false } as never);
    expect(out).toContain(
      "Tolerations:      node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n" +
        "                  node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n",
    );
  });
});
