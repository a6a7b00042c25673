/**
 * Three details of the readiness the kubelet's status sync writes, all from
 * pkg/kubelet/prober/prober_manager.go UpdatePodStatus (v1.28), which runs on every status the
 * kubelet generates, whatever the pod's phase:
 *
 * - a running app container with no readiness worker is ready (`ready = !exists`) even while
 *   the pod is Pending because another container waits for its image (ErrImagePull): READY
 *   counts it (2/3), the pod's Ready condition stays False;
 * - a regular init container that exited 0 is `ready: true` ("if c.State.Terminated != nil &&
 *   c.State.Terminated.ExitCode == 0 { Ready = true }"), and stays so while the pod stops;
 * - a startup probe worker that has not answered leaves `started` false (`started = !exists`),
 *   even when its first probe, at the start itself, succeeds: `started` comes in a write of its
 *   own, with readiness for a container without a readiness probe (readiness is only set once
 *   started), and a readiness worker's answer after it.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../../src/scenario/api.ts";
import { defaultServices } from "../../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "pods.scn", { host: memoryHost({}) });

/** The text each kubectl line printed, by its command's start. */
function printed(text: string, command: string): string[] {
  return run(text)
    .output.filter((o) => o.command.startsWith(command))
    .map((o) => o.text);
}

const STATUSES =
  `'{range .status.initContainerStatuses[*]}{.name}:{.started}/{.ready} {end}` +
  `{range .status.containerStatuses[*]}{.name}:{.started}/{.ready} {end}{"\\n"}'`;

const pod = (spec: string) => `
manifest demo = <<YAML
apiVersion: v1
kind: Pod
metadata: { name: demo }
spec:
${spec}
YAML
`;

describe("the kubelet's readiness details (prober_manager.go UpdatePodStatus)", () => {
  it("a running container of a pod still Pending (another waits for its image) is ready; the pod is not", () => {
    const text =
      pod(`  containers:
  - name: app
    image: demo:2
  - name: helper
    image: acme/helper:9
`) +
      `fault pull image acme/helper:9 for 1m
at 0s
apply demo
at 20s
kubectl get pod demo
kubectl get pod demo -o jsonpath=${STATUSES}
kubectl get pod demo -o jsonpath='{.status.phase} {.status.conditions[?(@.type=="Ready")].status}'
`;
    const [table, statuses, phase] = printed(text, "kubectl get pod demo");
    expect(table.split("\n")[1]).toMatch(/^demo\s+1\/2\s+ErrImagePull\s/);
    expect(statuses).toBe("app:true/true helper:false/false");
    expect(phase).toBe("Pending False");
  });

  it("a completed init container is ready, and stays so while the pod is deleted", () => {
    const text =
      pod(`  initContainers:
  - name: init
    image: busybox:1.36
    command: ["sh", "-c", "sleep 2"]
  containers:
  - name: app
    image: demo:2
`) +
      `at 0s
apply demo
at 30s
kubectl get pod demo -o jsonpath=${STATUSES}
kubectl delete pod demo --wait=false
kubectl get pod demo -o jsonpath=${STATUSES}
`;
    const [running, deleting] = printed(text, "kubectl get pod demo");
    expect(running).toBe("init:false/true app:true/true");
    expect(deleting).toBe("init:false/true app:true/false");
  });

  it("a startup probe that succeeds at the start: started in the worker's own write, then ready", () => {
    const text =
      pod(`  containers:
  - name: app
    image: demo:2
    startupProbe: { httpGet: { path: /, port: 8080 }, periodSeconds: 5 }
  - name: side
    image: demo:2
    startupProbe: { httpGet: { path: /, port: 8080 }, periodSeconds: 5 }
    readinessProbe: { httpGet: { path: /, port: 8080 }, periodSeconds: 5 }
`) +
      `at 0s
apply demo
kubectl get pods -w -o jsonpath='{range .status.containerStatuses[*]}{.name}:{.started}/{.ready} {end}{"\\n"}'
`;
    const watch = printed(text, "kubectl get pods -w").join("\n");
    expect(watch.split("\n").filter((l) => l !== "")).toEqual([
      "app:false/false side:false/false",
      // The containers run: neither startup worker has answered.
      "app:false/false side:false/false",
      // Both answer at once; app (no readiness probe) is ready with it, side's readiness worker runs next.
      "app:true/true side:true/false",
      "app:true/true side:true/true",
    ]);
  });

  it("a native sidecar's startup probe that succeeds at once: started and ready in the worker's own write", () => {
    const text =
      pod(`  initContainers:
  - name: proxy
    image: proxy:1
    restartPolicy: Always
    startupProbe: { httpGet: { path: /, port: 15021 }, periodSeconds: 1 }
  containers:
  - name: app
    image: demo:2
`) +
      `at 0s
apply demo
kubectl get pods -w -o jsonpath=${STATUSES}
`;
    const rows = printed(text, "kubectl get pods -w")
      .join("\n")
      .split("\n")
      .filter((l) => l !== "");
    // Never started before ready: the write that shows the sidecar running shows it not started.
    expect(rows).not.toContain("proxy:true/false app:false/false");
    expect(rows.indexOf("proxy:true/true app:false/false")).toBeGreaterThan(
      rows.lastIndexOf("proxy:false/false app:false/false"),
    );
    expect(rows.at(-1)).toBe("proxy:true/true app:true/true");
  });
});
