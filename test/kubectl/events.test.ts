// `kubectl get events` (printers.go printEvent; client-go's event names and correlator) and
// `--sort-by` (kubectl/pkg/cmd/get/sorter.go).
import { describe, expect, it } from "vitest";
import { naturalLess, sortByField } from "../../src/kubectl/commands/sortBy.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { FakeCluster } from "./fakeCluster.ts";
import { deployment, event } from "./fixtures.ts";

function cluster(): FakeCluster {
  const c = new FakeCluster();
  c.events.push(
    event(
      0,
      "Deployment",
      "web",
      "Normal",
      "ScalingReplicaSet",
      "Scaled up replica set web-6d4cf56db6 to 2",
      "deployment-controller",
    ),
    event(
      0,
      "ReplicaSet",
      "web-6d4cf56db6",
      "Normal",
      "SuccessfulCreate",
      "Created pod: web-6d4cf56db6-abcde",
      "replicaset-controller",
    ),
    // The same event twice: the correlator makes one Event of it, count 2.
    ...[15, 30].map((t) =>
      event(
        t,
        "HorizontalPodAutoscaler",
        "web",
        "Warning",
        "FailedGetResourceMetric",
        "failed to get cpu utilization: no metrics",
        "horizontal-pod-autoscaler",
      ),
    ),
    event(
      60,
      "Deployment",
      "web",
      "Normal",
      "ScalingReplicaSet",
      "Scaled up replica set web-6d4cf56db6 to 3 from 2",
      "deployment-controller",
    ),
  );
  c.now = 150;
  return c;
}

describe("kubectl get events", () => {
  it("lists aggregates in key order (object name, then time), LAST SEEN relative to now", () => {
    expect(runKubectl("get events", cluster()).stdout).toBe(
      [
        "LAST SEEN   TYPE      REASON                    OBJECT                        MESSAGE",
        // "web-6d4cf56db6.…" sorts before "web.…": "-" comes before "." (etcd's key order).
        "2m30s       Normal    SuccessfulCreate          replicaset/web-6d4cf56db6     Created pod: web-6d4cf56db6-abcde",
        "2m30s       Normal    ScalingReplicaSet         deployment/web                Scaled up replica set web-6d4cf56db6 to 2",
        "2m          Warning   FailedGetResourceMetric   horizontalpodautoscaler/web   failed to get cpu utilization: no metrics",
        "90s         Normal    ScalingReplicaSet         deployment/web                Scaled up replica set web-6d4cf56db6 to 3 from 2",
        "",
      ].join("\n"),
    );
  });

  it("--sort-by=.lastTimestamp reads them in time order; -o wide adds source, first seen, count, name", () => {
    const out = runKubectl("get ev --sort-by=.lastTimestamp -o wide", cluster()).stdout.split("\n");
    expect(out[0]).toMatch(
      /^LAST SEEN +TYPE +REASON +OBJECT +SUBOBJECT +SOURCE +MESSAGE +FIRST SEEN +COUNT +NAME$/,
    );
    // Stable: events of one instant keep their list order.
    expect(out.slice(1, -1).map((l) => l.split(/\s{2,}/)[2])).toEqual([
      "SuccessfulCreate",
      "ScalingReplicaSet",
      "FailedGetResourceMetric",
      "ScalingReplicaSet",
    ]);
    // The correlated HPA event: seen twice, first 2m15s ago, named OBJECT.HEX(first UnixNano).
    expect(out[3]).toMatch(/ 2m15s +2 +web\.[0-9a-f]{16}$/);
  });

  it("-o jsonpath reads the Event objects", () => {
    expect(runKubectl("get events -o jsonpath={.items[*].count}", cluster()).stdout).toBe("1 1 2 1");
    const json = JSON.parse(runKubectl("get events -o json", cluster()).stdout);
    expect(json.items[2]).toMatchObject({
      kind: "Event",
      involvedObject: { kind: "HorizontalPodAutoscaler", name: "web", apiVersion: "autoscaling/v2" },
      firstTimestamp: "2024-01-01T00:00:15Z",
      lastTimestamp: "2024-01-01T00:00:30Z",
      source: { component: "horizontal-pod-autoscaler" },
    });
  });

  it("no events, a selector (events have no labels), naming one, describing them", () => {
    expect(runKubectl("get events", new FakeCluster()).stderr).toBe(
      "No resources found in default namespace.\n",
    );
    expect(runKubectl("get events -l app=web", cluster()).stdout).toBe("");
    expect(runKubectl("get events web.17", cluster()).stderr).toContain("naming events is not supported");
    expect(runKubectl("describe events", cluster()).stderr).toContain("describe events is not supported");
  });
});

describe("--sort-by (sorter.go)", () => {
  it("natural order: digit runs by value", () => {
    expect(naturalLess("pod-9", "pod-10")).toBe(true);
    expect(naturalLess("pod-10", "pod-9")).toBe(false);
    expect(naturalLess("a", "ab")).toBe(true);
  });

  it("numbers as numbers, missing fields first, braces optional; a field nobody has is an error", () => {
    const items = [{ n: 10, s: "b" }, { n: 9 }, { n: 100, s: "a" }];
    expect(sortByField(items, (x) => x, ".n")).toEqual([{ n: 9 }, { n: 10, s: "b" }, { n: 100, s: "a" }]);
    expect(sortByField(items, (x) => x, "{.s}")).toEqual([{ n: 9 }, { n: 100, s: "a" }, { n: 10, s: "b" }]);
    expect(sortByField(items, (x) => x, ".nope")).toBe(
      'error: couldn\'t find any field with path "{.nope}" in the list of objects',
    );
  });

  it("kubectl get deploy --sort-by=.spec.replicas orders a list instead of by name", () => {
    const c = new FakeCluster();
    for (const [name, replicas] of [
      ["a", 3],
      ["b", 1],
      ["c", 2],
    ] as const)
      c.api.create(deployment(name, "nginx:1", replicas));
    const names = runKubectl("get deploy --sort-by=.spec.replicas -o name", c).stdout;
    expect(names).toBe("deployment.apps/b\ndeployment.apps/c\ndeployment.apps/a\n");
  });
});
