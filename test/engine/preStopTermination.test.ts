// preStop hooks in pod termination. kubelet's killContainer (pkg/kubelet/kuberuntime/
// kuberuntime_container.go) runs the hook before the SIGTERM, bounded by the grace period, and
// gives the container what is left — at least minimumGracePeriodInSeconds (2); the pod is
// removed once its last container has stopped (killContainersWithSyncResult kills them in
// parallel). The Recreate strategy scales the new ReplicaSet up only once no old pod is left
// (pkg/controller/deployment/recreate.go oldPodsRunning).
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

function run(opts: {
  preStop: string;
  grace: number;
  shutdown?: string;
  strategy?: string;
  commands: string;
}) {
  const text = `scenario "preStop"
${opts.shutdown ? `set pod.shutdown = ${opts.shutdown}\n` : ""}manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  strategy:
    type: ${opts.strategy ?? "RollingUpdate"}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: ${opts.grace}
      containers:
      - name: app
        image: nginx:1.27
        lifecycle:
          preStop:
${opts.preStop}
YAML
at 0s apply web
${opts.commands}
run for 1m
`;
  const r = runWith(defaultServices, text, "prestop.scn", { host: memoryHost({}) });
  expect(r.diagnostics).toEqual([]);
  const out = (command: string) => r.output.filter((o) => o.command === command).map((o) => o.text);
  return { r, out };
}

/** The pod rows of a `kubectl get pods` text, as "STATUS" per pod (names vary with the hash). */
const statuses = (text: string): string[] =>
  text
    .split("\n")
    .slice(1)
    .filter((l) => l.trim() !== "")
    .map((l) => l.split(/\s+/)[2]);

describe("a Deployment scaled down whose pods have preStop hooks", () => {
  it("preStop `sleep 5`, grace 30 s: the pod is Terminating for 5 s + pod.shutdown (1 s)", () => {
    const { out } = run({
      preStop: '            exec:\n              command: ["sleep", "5"]',
      grace: 30,
      commands: [
        "at 10s kubectl scale deployment web --replicas=1",
        "at 15s kubectl get pods",
        "at 17s kubectl get pods",
      ].join("\n"),
    });
    const [at15, at17] = out("kubectl get pods");
    expect(statuses(at15).sort()).toEqual(["Running", "Terminating"]);
    expect(statuses(at17)).toEqual(["Running"]);
  });

  it("the watch shows the deletion at 10 s and the removal at 16 s", () => {
    const { r } = run({
      preStop: "            sleep:\n              seconds: 5",
      grace: 30,
      commands:
        "at 10s kubectl scale deployment web --replicas=1\nat 10s kubectl get pods -w --output-watch-events",
    });
    const deleted = r.output.filter(
      (o) => o.command === "kubectl get pods -w --output-watch-events" && /^DELETED/.test(o.text),
    );
    expect(deleted.map((o) => o.time)).toEqual([16]);
  });

  it("a hook longer than the grace period is cut at the period; SIGKILL 2 s later (exit 137)", () => {
    const { r } = run({
      preStop: '            exec:\n              command: ["sh", "-c", "sleep 120"]',
      grace: 10,
      shutdown: "5s",
      commands:
        "at 10s kubectl scale deployment web --replicas=1\nat 10s kubectl get pods -w --output-watch-events",
    });
    const deleted = r.output.filter(
      (o) => o.command === "kubectl get pods -w --output-watch-events" && /^DELETED/.test(o.text),
    );
    // 10 s (deletion) + 10 s (the hook, cut at the period) + 2 s (minimumGracePeriodInSeconds).
    expect(deleted.map((o) => o.time)).toEqual([22]);
  });

  it("a Recreate rollout creates its new pods only once the old pods' hooks and shutdown are over", () => {
    const { r } = run({
      preStop: '            exec:\n              command: ["/bin/sh", "-c", "sleep 5 && nginx -s quit"]',
      grace: 30,
      strategy: "Recreate",
      commands: "at 10s kubectl set image deployment/web app=nginx:1.28",
    });
    const created = r.events.filter((e) => e.reason === "SuccessfulCreate").map((e) => e.time);
    expect(created).toEqual([0, 0, 16, 16]);
  });
});

describe("preStop hooks outside a scale-down", () => {
  function pod(extra: string, lifecycle: string, commands: string, settings = "") {
    const text = `scenario "preStop pod"
${settings}manifest web = <<YAML
apiVersion: v1
kind: Pod
metadata:
  name: web
${extra}spec:
  terminationGracePeriodSeconds: 10
  containers:
  - name: app
    image: nginx:1.27
    livenessProbe:
      httpGet: {path: /, port: 80}
      periodSeconds: 10
      failureThreshold: 3
    lifecycle:
      preStop:
${lifecycle}
YAML
at 0s apply web
${commands}
run for 1m
`;
    const r = runWith(defaultServices, text, "prestop-pod.scn", { host: memoryHost({}) });
    expect(r.diagnostics).toEqual([]);
    return r;
  }

  it("a liveness-probe kill runs the hook too: killed at 23 s, restarted at 23 + 7 + 1 s", () => {
    // The same killContainer (kuberuntime_manager.go computePodActions → killContainer).
    const r = pod("", "        sleep:\n          seconds: 7", "", "set app.startup-time = 1h\n");
    expect(r.events.filter((e) => e.reason === "Killing").map((e) => e.time)).toEqual([23, 51]);
    expect(r.events.filter((e) => e.reason === "Started").map((e) => e.time)).toEqual([3, 31, 59]);
  });

  it("a finalizer-held pod shows which container the SIGKILL ended: exit 137 past the period, 0 within it", () => {
    const describe = (hook: number) =>
      pod(
        "  finalizers: [example.com/keep]\n",
        `        exec:\n          command: ["sleep", "${hook}"]`,
        "at 10s kubectl delete pod web --wait=false\nat 50s kubectl describe pod web",
        "set pod.shutdown = 5s\n",
      )
        .output.filter((o) => o.command === "kubectl describe pod web")
        .map((o) => o.text.split("\n").filter((l) => /^ {6}(Exit Code|Finished):/.test(l)))[0];
    // grace 10: a 3-s hook leaves 7 s, the application stops in 5 → 10 + 3 + 5 = 18 s, exit 0.
    expect(describe(3)).toEqual([
      "      Exit Code:    0",
      "      Finished:     Mon, 01 Jan 2024 00:00:18 +0000",
    ]);
    // a 9-s hook leaves 1 s, raised to 2, the application needs 5 → SIGKILL at 10 + 9 + 2 = 21 s.
    expect(describe(9)).toEqual([
      "      Exit Code:    137",
      "      Finished:     Mon, 01 Jan 2024 00:00:21 +0000",
    ]);
  });
});
