// A pod its finalizers keep after the kubelet has stopped it. The kubelet's
// SyncTerminatingPod (pkg/kubelet/kubelet.go) kills the containers, then writes the status
// generateAPIPodStatus makes with podIsTerminal: each container Terminated — exit 0, reason
// Completed when the application shut down on SIGTERM within the grace period; exit 137
// (SIGKILL), reason Error when the period ran out first — and the phase terminal (kubelet_pods.go
// getPhase: Succeeded when every container exited 0, else Failed, whatever the restartPolicy).
// Then the status manager's delete (grace period 0) finds the finalizer and the pod stays
// (kubernetes/kubernetes#120207 shows such a pod Failed/Succeeded with a deletionTimestamp).
// kubectl 1.31+ (PR #122038) prints a finished pod's reason, not Terminating, in `get` and
// its phase in `describe`.
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

function run(shutdown: string, finalizers: string, commands: string, containers = 1) {
  const text = `scenario "a deleted pod a finalizer keeps"
set pod.shutdown = ${shutdown}
manifest web = <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: web
  finalizers: ${finalizers}
spec:
  containers:
${["app", "proxy"]
  .slice(0, containers)
  .map((n) => `  - name: ${n}\n    image: nginx:1.27\n`)
  .join("")}YAML
at 0s apply web
at 5s kubectl get pods -w --output-watch-events
at 10s kubectl delete pod web --wait=false
${commands}
run for 10s
`;
  const r = runWith(defaultServices, text, "held.scn", { host: memoryHost({}) });
  expect(r.diagnostics).toEqual([]);
  const out = (command: string) => r.output.filter((o) => o.command === command).map((o) => o.text);
  return { r, out };
}

const lines = (text: string, re: RegExp) => text.split("\n").filter((l) => re.test(l));

describe("a finalizer-held pod after the kubelet stopped it", () => {
  it("a container that stops within the grace period: Terminated Completed, exit 0, the pod Succeeded", () => {
    const { out } = run(
      "1s",
      "[example.com/keep]",
      "at 1m kubectl get pods\nat 1m kubectl describe pod web\nat 1m kubectl get pod web -o yaml",
    );
    // The watch: Terminating from the delete; at 11 s (deletion + pod.shutdown) the stopped
    // status, then the kubelet's delete (period 0) the finalizer turns into an update.
    expect(out("kubectl get pods -w --output-watch-events").join("\n")).toBe(
      [
        "EVENT      NAME   READY   STATUS    RESTARTS   AGE",
        "ADDED      web    1/1     Running   0          5s",
        "MODIFIED   web    1/1     Terminating   0          10s",
        "MODIFIED   web    0/1     Terminating   0          10s",
        "MODIFIED   web    0/1     Completed     0          11s",
        "MODIFIED   web    0/1     Completed     0          11s",
      ].join("\n"),
    );
    expect(out("kubectl get pods")[0]).toMatch(/^web +0\/1 +Completed +0 +60s$/m);
    const described = out("kubectl describe pod web")[0];
    expect(
      lines(described, /^(Status|Termination Grace Period):|^ {4}State:|^ {6}(Reason|Exit Code|Finished):/),
    ).toEqual([
      "Status:           Succeeded",
      "    State:          Terminated",
      "      Reason:       Completed",
      "      Exit Code:    0",
      "      Finished:     Mon, 01 Jan 2024 00:00:11 +0000",
    ]);
    const yaml = out("kubectl get pod web -o yaml")[0];
    expect(yaml).toContain(
      [
        "    ready: false",
        "    restartCount: 0",
        "    started: false",
        "    state:",
        "      terminated:",
        "        containerID: containerd://",
      ].join("\n"),
    );
    expect(yaml).toMatch(
      /\n {8}exitCode: 0\n {8}finishedAt: "2024-01-01T00:00:11Z"\n {8}reason: Completed\n {8}startedAt: "2024-01-01T00:00:03Z"\n/,
    );
    expect(yaml).toContain("\n  phase: Succeeded\n");
    expect(yaml).toContain("\n  deletionGracePeriodSeconds: 0\n");
  });

  it("containers that outlive the grace period: SIGKILL at its end, exit 137, Error, the pod Failed", () => {
    const { out } = run(
      "60s",
      "[example.com/keep]",
      "at 1m kubectl get pods\nat 1m kubectl describe pod web",
      2,
    );
    expect(out("kubectl get pods -w --output-watch-events").join("\n")).toContain(
      "MODIFIED   web    0/2     Error         0          40s\nMODIFIED   web    0/2     Error         0          40s",
    );
    expect(out("kubectl get pods")[0]).toMatch(/^web +0\/2 +Error +0 +60s$/m);
    const described = out("kubectl describe pod web")[0];
    expect(lines(described, /^Status:|^ {6}(Reason|Exit Code|Finished):/)).toEqual([
      "Status:           Failed",
      "      Reason:       Error",
      "      Exit Code:    137",
      "      Finished:     Mon, 01 Jan 2024 00:00:40 +0000",
      "      Reason:       Error",
      "      Exit Code:    137",
      "      Finished:     Mon, 01 Jan 2024 00:00:40 +0000",
    ]);
  });

  it("during the grace period the containers still run: Terminating, as before", () => {
    const { out } = run(
      "60s",
      "[example.com/keep]",
      "at 20s kubectl get pods\nat 20s kubectl describe pod web",
    );
    expect(out("kubectl get pods")[0]).toMatch(/^web +0\/1 +Terminating +0 +20s$/m);
    const described = out("kubectl describe pod web")[0];
    expect(lines(described, /^(Status|Termination Grace Period):|^ {4}State:/)).toEqual([
      "Status:                    Terminating (lasts <invalid>)",
      "Termination Grace Period:  30s",
      "    State:          Running",
    ]);
  });

  it("a pod no finalizer keeps is removed by the same delete, with no stopped status written first", () => {
    const { out } = run("1s", "[]", "");
    expect(out("kubectl get pods -w --output-watch-events").join("\n")).toBe(
      [
        "EVENT      NAME   READY   STATUS    RESTARTS   AGE",
        "ADDED      web    1/1     Running   0          5s",
        "MODIFIED   web    1/1     Terminating   0          10s",
        "MODIFIED   web    0/1     Terminating   0          10s",
        "DELETED    web    0/1     Terminating   0          11s",
      ].join("\n"),
    );
  });
});
