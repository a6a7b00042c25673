/**
 * `kubectl get nodes` / `describe node` in a cluster without declared nodes: the implicit
 * node-1 … node-N its pods are spread over (docs/nodes.md) are listed as a kind or minikube
 * cluster lists its node (printers.go printNode: NAME STATUS ROLES AGE VERSION; describe.go
 * describeNode), though no Node object is stored.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
    resources:
      requests: {cpu: 250m, memory: 64Mi}
`;

function cluster() {
  const sim = new Simulation();
  const k = (line: string, input?: string) =>
    runKubectl(line, sim, input ? { readFile: () => input, listDir: () => undefined } : undefined);
  return { sim, k };
}

describe("the implicit nodes in kubectl", () => {
  it("get nodes lists node-1 … node-N (cluster.nodes), Ready since the start, with the kubelet's version", () => {
    const { sim, k } = cluster();
    sim.runUntil(125);
    expect(k("get nodes").stdout).toBe(
      "NAME     STATUS   ROLES    AGE    VERSION\n" +
        "node-1   Ready    <none>   2m5s   v1.28.0\n" +
        "node-2   Ready    <none>   2m5s   v1.28.0\n" +
        "node-3   Ready    <none>   2m5s   v1.28.0\n",
    );
    expect(k("get node node-2 -o name").stdout).toBe("node/node-2\n");
    expect(k("get nodes -l kubernetes.io/hostname=node-3 -o jsonpath={.items[*].metadata.name}").stdout).toBe(
      "node-3",
    );
    expect(k("get node node-4").stderr).toBe('Error from server (NotFound): nodes "node-4" not found\n');
    // Nothing is stored: the run's objects and output stay as they were.
    expect(sim.api.listAll("Node")).toEqual([]);
  });

  it("describe node shows a pod bound to it, without capacity to take a share of", () => {
    const { sim, k } = cluster();
    expect(k("apply -f pod.yaml", POD).exitCode).toBe(0);
    sim.runUntil(30);
    const node = k("get pod web -o jsonpath={.spec.nodeName}").stdout;
    expect(node).toMatch(/^node-\d$/);
    const out = k(`describe node ${node}`).stdout;
    expect(out).toContain(`Name:               ${node}\n`);
    expect(out).toContain("  Ready            True    ");
    expect(out).toContain("  Kubelet Version:            v1.28.0\n");
    expect(out).not.toContain("Capacity:");
    expect(out).toMatch(/default\s+web\s+250m \(0%\)\s+0 \(0%\)\s+64Mi \(0%\)/);
  });

  it("a cluster with Node objects lists those alone", () => {
    const { k } = cluster();
    k("apply -f node.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: worker\n");
    expect(k("get nodes -o name").stdout).toBe("node/worker\n");
  });
});
