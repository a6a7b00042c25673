/**
 * A DaemonSet through a scenario: one pod per node (the implicit nodes of a cluster without
 * declared nodes; Node objects with room otherwise, where daemon pods take their requests),
 * kubectl get/describe from the controller's status, rollout status with kubectl's
 * DaemonSetStatusViewer texts (rollout_status.go), history and undo over ControllerRevisions
 * (history.go, rollback.go DaemonSetRollbacker), drain's daemonSetFilter (kubectl/pkg/drain
 * filters.go), and `expect daemonset/NAME …`.
 */
import { describe, expect, it } from "vitest";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";

const manifest = (extra = "") => `
manifest agent = <<YAML
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: kube-system }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      nodeSelector: { kubernetes.io/os: linux }
      containers:
      - name: agent
        image: agent:1
        resources: { requests: { cpu: 400m } }
        readinessProbe: { httpGet: { path: /, port: 9100 }, initialDelaySeconds: 5, periodSeconds: 5 }${extra}
YAML
`;

const run = (text: string) => runScenario({ text, file: "ds.scn" }, { host: memoryHost({}) });
type Result = Awaited<ReturnType<typeof run>>;
const outputOf = (r: Result, command: string) =>
  r.output.filter((o) => o.command === command && !o.watch).map((o) => o.text.trimEnd());

describe("a DaemonSet in a cluster without declared nodes", () => {
  const scenario = `${manifest()}
at 0s apply agent
expect kube-system/daemonset/agent desired 3 within 10s
expect kube-system/daemonset/agent ready 3 within 30s
expect kube-system/daemonset/agent image agent:2 at 1m30s
expect rollout kube-system/daemonset/agent complete within 2m
at 30s kubectl get ds -n kube-system
kubectl get pods -n kube-system -o wide
at 40s kubectl set image ds/agent agent=agent:2 -n kube-system
kubectl rollout status ds/agent -n kube-system --watch=false
at 50s kubectl rollout status ds/agent -n kube-system --watch=false
at 2m kubectl rollout status ds/agent -n kube-system --watch=false
kubectl rollout history ds/agent -n kube-system
kubectl rollout undo ds/agent -n kube-system
at 3m kubectl rollout history ds/agent -n kube-system
kubectl get controllerrevisions -n kube-system
run for 1m
`;

  it("runs one pod on each implicit node, named in the order the nodes are visited", async () => {
    const r = await run(scenario);
    expect(r.diagnostics).toEqual([]);
    const created = r.events
      .filter((e) => e.reason === "SuccessfulCreate" && e.time === 0)
      .map((e) => e.message.replace("Created pod: ", ""));
    expect(created).toHaveLength(3);
    const wide = outputOf(r, "kubectl get pods -n kube-system -o wide")[0].split("\n").slice(1);
    const nodeOf = new Map(wide.map((l) => l.split(/\s+/)).map((c) => [c[0], c[6]]));
    expect(created.map((n) => nodeOf.get(n))).toEqual(["node-1", "node-2", "node-3"]);
    expect(outputOf(r, "kubectl get ds -n kube-system")[0]).toMatch(
      /^NAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE\nagent +3 +3 +3 +3 +3 +kubernetes.io\/os=linux +30s$/,
    );
  });

  it("rolls out one node at a time (maxUnavailable 1) with kubectl's status texts, and keeps the history", async () => {
    const r = await run(scenario);
    const status = outputOf(r, "kubectl rollout status ds/agent -n kube-system --watch=false");
    expect(status[0]).toBe(
      'Waiting for daemon set "agent" rollout to finish: 0 out of 3 new pods have been updated...',
    );
    expect(status[1]).toMatch(
      /^Waiting for daemon set "agent" rollout to finish: [12] out of 3 new pods have been updated\.\.\.$/,
    );
    expect(status[2]).toBe('daemon set "agent" successfully rolled out');
    const deletes = r.events.filter((e) => e.reason === "SuccessfulDelete" && e.time >= 40 && e.time < 120);
    // One old pod at a time: each deletion waits for the replacement before it to be available.
    expect(deletes).toHaveLength(3);
    expect(new Set(deletes.map((e) => e.time)).size).toBe(3);
    expect(outputOf(r, "kubectl rollout history ds/agent -n kube-system")[0]).toBe(
      "daemonset.apps/agent\nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>",
    );
    expect(outputOf(r, "kubectl rollout undo ds/agent -n kube-system")).toEqual([
      "daemonset.apps/agent rolled back",
    ]);
    // The controller renumbers the restored revision (constructHistory): 1 becomes 3.
    expect(outputOf(r, "kubectl rollout history ds/agent -n kube-system")[1]).toBe(
      "daemonset.apps/agent\nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>",
    );
    expect(r.failures).toEqual([]);
    expect(r.expectations.every((e) => e.passed)).toBe(true);
  });
});

describe("a DaemonSet on declared nodes", () => {
  const scenario = `
nodes 2 with cpu 1 memory 2Gi
${manifest()}
manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: app, image: nginx, resources: { requests: { cpu: 500m } } }]
YAML
at 0s apply agent
at 5s apply web
expect deployment/web pending 1 within 20s
at 30s kubectl drain node-1
kubectl drain node-2 --ignore-daemonsets
run for 30s
`;

  it("daemon pods take their requests' room, so the third web pod does not fit", async () => {
    const r = await run(scenario);
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.text, e.passed])).toEqual([
      ["expect deployment/web pending 1 within 20s", true],
    ]);
  });

  it("drain refuses DaemonSet-managed pods without --ignore-daemonsets and ignores them with it", async () => {
    const r = await run(scenario);
    const refused = outputOf(r, "kubectl drain node-1").join("\n");
    expect(refused).toMatch(
      /error: cannot delete DaemonSet-managed Pods \(use --ignore-daemonsets to ignore\): kube-system\/agent-[a-z0-9]{5}$/,
    );
    const all = r.output.filter((o) => o.command === "kubectl drain node-2 --ignore-daemonsets");
    const text = all.map((o) => o.text).join("\n");
    expect(text).toMatch(/Warning: ignoring DaemonSet-managed Pods: kube-system\/agent-[a-z0-9]{5}/);
    expect(text).toContain("node/node-2 drained");
    expect(text).not.toMatch(/evicting pod kube-system/);
  });
});
