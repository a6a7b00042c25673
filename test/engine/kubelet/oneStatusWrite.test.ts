/**
 * The kubelet writes a container's start and the readiness it has then in one pod status, as
 * the status sync does (kubelet_pods.go generateAPIPodStatus calls prober_manager.go
 * UpdatePodStatus before status_manager.go SetPodStatus): a running, started container with no
 * readiness probe worker is ready (`ready = !exists`), and status.go GeneratePodReadyCondition
 * and GenerateContainersReadyCondition read those containers in the same status. A readiness
 * or startup probe worker that has not answered leaves its container not ready in that status;
 * its answer is a write of its own (kubelet.go syncLoopIteration: readinessManager.Updates →
 * SetContainerReadiness; startupManager.Updates → SetContainerStartup).
 *
 * `kubectl get pods -w --output-watch-events` prints every change the watch delivers (one per
 * write), so a write that no longer happens is a row that is no longer printed.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../../src/scenario/api.ts";
import { defaultServices } from "../../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "pods.scn", { host: memoryHost({}) });

/** The watch's rows as [time, READY, STATUS, RESTARTS] (the pod's name and AGE left out). */
function rows(text: string): [number, string, string, string][] {
  const r = run(text);
  return r.output
    .filter((o) => o.command.startsWith("kubectl get pods -w"))
    .flatMap((o) => o.text.split("\n").map((line) => [o.time, line] as const))
    .filter(([, line]) => !line.startsWith("EVENT"))
    .map(([time, line]) => {
      const cols = line.trim().split(/\s{2,}/);
      return [time, cols[2], cols[3], cols[4]];
    });
}

const deployment = (containers: string, extra = "") => `
${extra}
manifest demo = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: demo }
spec:
  replicas: 1
  selector: { matchLabels: { app: demo } }
  template:
    metadata: { labels: { app: demo } }
    spec:
      containers:
${containers}
YAML
at 0s
apply demo
kubectl get pods -w --output-watch-events
`;

const plain = (name: string) => `      - name: ${name}\n        image: demo:2\n`;
const probed = (name: string, probe: "readinessProbe" | "startupProbe") =>
  `${plain(name)}        ${probe}: { httpGet: { path: /, port: 8080 }, periodSeconds: 5 }\n`;

describe("a container's start and its readiness in one pod status (prober_manager.go UpdatePodStatus)", () => {
  it("without a readiness probe: from ContainerCreating to Running and Ready in one write", () => {
    expect(rows(deployment(plain("app")) + "at 30s kubectl get pods\n").slice(0, 2)).toEqual([
      [0, "0/1", "ContainerCreating", "0"],
      [3, "1/1", "Running", "0"],
    ]);
  });

  it("with a readiness probe: Running not ready first, Ready with the worker's answer", () => {
    // initialDelaySeconds 0: the worker answers at the start, still in a write of its own.
    expect(rows(deployment(probed("app", "readinessProbe"))).slice(0, 3)).toEqual([
      [0, "0/1", "ContainerCreating", "0"],
      [3, "0/1", "Running", "0"],
      [3, "1/1", "Running", "0"],
    ]);
  });

  it("with a startup probe: not ready until the startup worker has answered", () => {
    expect(rows(deployment(probed("app", "startupProbe"))).slice(0, 3)).toEqual([
      [0, "0/1", "ContainerCreating", "0"],
      [3, "0/1", "Running", "0"],
      [3, "1/1", "Running", "0"],
    ]);
  });

  it("beside a probed container: the unprobed one is ready in the first write, the pod once both are", () => {
    expect(rows(deployment(plain("app") + probed("web", "readinessProbe"))).slice(0, 3)).toEqual([
      [0, "0/2", "ContainerCreating", "0"],
      [3, "1/2", "Running", "0"],
      [3, "2/2", "Running", "0"],
    ]);
  });

  it("a restart after a crash: running and ready again in one write, the exit in one", () => {
    // fault.crash-after 5 s: the container exits 5 s after each start; the first restart is
    // at once (no back-off yet), the next after 10 s of CrashLoopBackOff.
    const r = rows(deployment(plain("app"), "set fault.crash-after = 5s\nat 0s fault crash image demo:2\n"));
    expect(r.filter(([t]) => t <= 23)).toEqual([
      [0, "0/1", "ContainerCreating", "0"],
      [3, "1/1", "Running", "0"],
      [8, "0/1", "Error", "0"],
      [8, "1/1", "Running", "1 (0s ago)"],
      [13, "0/1", "Error", "1 (5s ago)"],
      [23, "1/1", "Running", "2 (10s ago)"],
    ]);
  });
});
