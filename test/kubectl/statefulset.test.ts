/**
 * kubectl on StatefulSets, run through a scenario: get (READY, -o wide), rollout status with
 * kubectl's StatefulSetStatusViewer texts, history over ControllerRevisions (history.go
 * printHistory), undo (rollback.go StatefulSetRollbacker: the controller renumbers the
 * restored revision), restart, pause (objectpauser.go: Deployments only), autoscale (any kind
 * with a scale subresource), and the ordered pod creation in `get pods -w`.
 */
import { describe, expect, it } from "vitest";
import { statefulSetRolloutStatus } from "../../src/k8s/kinds/statefulSet/rollout.ts";
import { defaultStatefulSet } from "../../src/k8s/defaults.ts";
import type { StatefulSet } from "../../src/k8s/types.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";

const scenario = `
apply <<YAML
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: "registry.k8s.io/nginx-slim:0.8", resources: {requests: {cpu: 100m}}}]
YAML
kubectl get pods -w
at 3s kubectl rollout status sts web
at 1m kubectl get sts
kubectl get sts -o wide
kubectl rollout status statefulset/web
at 2m kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.9 --record
at 3m kubectl rollout history statefulset/web
at 3m10s kubectl rollout undo statefulset/web
at 4m kubectl rollout history statefulset/web
kubectl get controllerrevisions
kubectl rollout undo statefulset/web --to-revision=3
kubectl rollout pause statefulset/web
kubectl autoscale statefulset web --max=5 --cpu-percent=50
expect statefulset/web revision 3
`;

const run = () => runScenario({ text: scenario, file: "sts.scn" }, { host: memoryHost({}) });
type Result = Awaited<ReturnType<typeof run>>;
const outputOf = (r: Result, command: string) =>
  r.output.filter((o) => o.command === command && !o.watch).map((o) => o.text.trimEnd());

describe("kubectl on a StatefulSet", () => {
  it("creates the pods in ordinal order, each once the one before is Ready", async () => {
    const r = await run();
    expect(r.diagnostics).toEqual([]);
    const creates = r.events
      .filter((e) => e.reason === "SuccessfulCreate" && e.object === "statefulset/web")
      .slice(0, 3)
      .map((e) => [e.time, e.message]);
    // Each pod is Ready pod.startup (2 s) plus the image pull (image.pull-time, 1 s) after its
    // creation: each lands on a node that has not pulled the image yet (IfNotPresent).
    expect(creates).toEqual([
      [0, "create Pod web-0 in StatefulSet web successful"],
      [3, "create Pod web-1 in StatefulSet web successful"],
      [6, "create Pod web-2 in StatefulSet web successful"],
    ]);
  });

  it("get, rollout status, history, undo, pause and autoscale print as kubectl does", async () => {
    const r = await run();
    expect(outputOf(r, "kubectl rollout status sts web")).toEqual(["Waiting for 2 pods to be ready..."]);
    expect(outputOf(r, "kubectl get sts")).toEqual(["NAME   READY   AGE\nweb    3/3     60s"]);
    expect(outputOf(r, "kubectl get sts -o wide")).toEqual([
      "NAME   READY   AGE   CONTAINERS   IMAGES\nweb    3/3     60s   nginx        registry.k8s.io/nginx-slim:0.8",
    ]);
    // apps/v1 defaulting writes rollingUpdate {partition: 0}, so the status reads "partitioned".
    expect(outputOf(r, "kubectl rollout status statefulset/web")).toEqual([
      "partitioned roll out complete: 3 new pods have been updated...",
    ]);
    expect(outputOf(r, "kubectl rollout history statefulset/web")).toEqual([
      [
        "statefulset.apps/web",
        "REVISION  CHANGE-CAUSE",
        "1         <none>",
        "2         kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.9 --record=true",
      ].join("\n"),
      // The undo made revision 1 the template again: the controller renumbered it 3.
      [
        "statefulset.apps/web",
        "REVISION  CHANGE-CAUSE",
        "2         kubectl set image statefulset/web nginx=registry.k8s.io/nginx-slim:0.9 --record=true",
        "3         <none>",
      ].join("\n"),
    ]);
    expect(outputOf(r, "kubectl rollout undo statefulset/web")).toEqual(["statefulset.apps/web rolled back"]);
    expect(outputOf(r, "kubectl rollout undo statefulset/web --to-revision=3")).toEqual([
      "statefulset.apps/web skipped rollback (current template already matches revision 3)",
    ]);
    expect(outputOf(r, "kubectl rollout pause statefulset/web")).toEqual([
      'error: statefulsets.apps "web" pausing is not supported',
    ]);
    // kubectl 1.34 (the default kubectl.version) deprecates --cpu-percent (kubernetes PR #129373).
    expect(outputOf(r, "kubectl autoscale statefulset web --max=5 --cpu-percent=50")).toEqual([
      "Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).\n" +
        "horizontalpodautoscaler.autoscaling/web autoscaled",
    ]);
    const [revisions] = outputOf(r, "kubectl get controllerrevisions");
    expect(revisions.split("\n").map((l) => l.split(/\s+/).slice(1, 3))).toEqual([
      ["CONTROLLER", "REVISION"],
      ["statefulset.apps/web", "2"],
      ["statefulset.apps/web", "3"],
    ]);
    expect(r.expectations.map((e) => e.passed)).toEqual([true]);
  });
});

// rollout_status.go StatefulSetStatusViewer.Status, one row per branch.
describe("statefulSetRolloutStatus", () => {
  const sts = (
    spec: Record<string, unknown>,
    status: Record<string, unknown>,
    generation = 1,
  ): StatefulSet => {
    const s = defaultStatefulSet({
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "web", generation },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "a", image: "a" }] } },
        ...spec,
      },
    }) as unknown as StatefulSet;
    s.status = { replicas: 3, observedGeneration: 1, ...status };
    return s;
  };
  it.each([
    [
      "OnDelete",
      sts({ updateStrategy: { type: "OnDelete" } }, {}),
      "error: rollout status is only available for RollingUpdate strategy type",
    ],
    ["spec not observed", sts({}, {}, 2), "Waiting for statefulset spec update to be observed...\n"],
    ["pods not ready", sts({}, { readyReplicas: 1 }), "Waiting for 2 pods to be ready...\n"],
    [
      "partition 2, none updated",
      sts(
        { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } } },
        { readyReplicas: 3, updatedReplicas: 0 },
      ),
      "Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated...\n",
    ],
    [
      "partition 2, one updated",
      sts(
        { updateStrategy: { type: "RollingUpdate", rollingUpdate: { partition: 2 } } },
        { readyReplicas: 3, updatedReplicas: 1 },
      ),
      "partitioned roll out complete: 1 new pods have been updated...\n",
    ],
    [
      "RollingUpdate without a block, revisions differ",
      sts(
        { updateStrategy: { type: "RollingUpdate" } },
        { readyReplicas: 3, updatedReplicas: 1, currentRevision: "web-a", updateRevision: "web-b" },
      ),
      "waiting for statefulset rolling update to complete 1 pods at revision web-b...\n",
    ],
    [
      "RollingUpdate without a block, done",
      sts(
        { updateStrategy: { type: "RollingUpdate" } },
        { readyReplicas: 3, currentReplicas: 3, currentRevision: "web-b", updateRevision: "web-b" },
      ),
      "statefulset rolling update complete 3 pods at revision web-b...\n",
    ],
  ])("%s", (_name, set, want) => {
    const st = statefulSetRolloutStatus(set);
    expect(st.error !== undefined ? `error: ${st.error}` : st.message).toBe(want);
  });
});
