/**
 * The kubelet's status writes that say they are a change (SimApiServer.updateOwnStatus's
 * `changed`, which skips the API server's comparison): the acknowledge of a pod without a
 * startTime, the start that moves the phase (Pending to Running), and the stopping of a Ready
 * pod. A write that says so and changes nothing would be stored with a new resourceVersion and
 * watched (the registry's GuaranteedUpdate writes only what differs: staging/src/k8s.io/
 * apiserver/pkg/storage/etcd3/store.go GuaranteedUpdate, `!origState.stale &&
 * bytes.Equal(data, origState.data)`), so each such write is held here to differ from the
 * stored status by the comparison it skips, over runs that scale up and down, start pods with
 * init containers, sidecars and probes, and pull images.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { SimApiServer, sameJson } from "../../../src/engine/apiserver.ts";
import { runWith } from "../../../src/scenario/api.ts";
import { defaultServices } from "../../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "pods.scn", { host: memoryHost({}) });

const scenario = (spec: string) => `
manifest demo = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: demo }
spec:
  replicas: 3
  selector: { matchLabels: { app: demo } }
  template:
    metadata: { labels: { app: demo } }
    spec:
${spec}
YAML
at 0s
apply demo
at 60s
kubectl scale deployment demo --replicas=5
at 120s
kubectl scale deployment demo --replicas=1
at 180s
kubectl delete deployment demo
at 240s
kubectl get pods
`;

const plain = `      containers:
      - name: app
        image: demo:1
`;
const probed = `      containers:
      - name: app
        image: demo:1
        readinessProbe: { httpGet: { path: /, port: 8080 }, periodSeconds: 5, initialDelaySeconds: 10 }
      - name: side
        image: demo:1
        startupProbe: { httpGet: { path: /, port: 8080 }, periodSeconds: 5 }
`;
const initialized = `      initContainers:
      - name: migrate
        image: busybox:1.36
        command: ["sleep", "5"]
      - name: proxy
        image: envoy:1
        restartPolicy: Always
      containers:
      - name: app
        image: demo:1
        imagePullPolicy: Always
`;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Each write that said it is a change: whether the comparison it skipped finds one. */
function changedWrites(text: string): boolean[] {
  const found: boolean[] = [];
  const write = SimApiServer.prototype.updateOwnStatus;
  vi.spyOn(SimApiServer.prototype, "updateOwnStatus").mockImplementation(function (
    this: SimApiServer,
    old,
    status,
    changed,
  ) {
    if (changed === true) found.push(!sameJson(status, (old as { status?: unknown }).status));
    return write.call(this, old, status, changed) as typeof old;
  });
  run(text);
  return found;
}

describe("the kubelet's writes that say they change the status (updateOwnStatus `changed`)", () => {
  it.each([
    ["containers without probes", plain],
    ["a readiness and a startup probe", probed],
    ["an init container, a sidecar and pulled images", initialized],
  ])("%s: each differs from the stored status", (_, spec) => {
    const found = changedWrites(scenario(spec));
    // 5 pods acknowledged, started and stopped at least.
    expect(found.length).toBeGreaterThanOrEqual(10);
    expect(found.every((differs) => differs)).toBe(true);
  });
});
