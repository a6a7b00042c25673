/**
 * A pod bound (spec.nodeName) to a node before its Node exists: no kubelet takes it up, so it
 * stays Pending with no container status (kubectl's printPod reads the phase); when the Node
 * registers, its kubelet lists the pods bound to it (pkg/kubelet/config/apiserver.go
 * NewSourceApiserver, the spec.nodeName field selector) and runs them — unless the pod GC
 * force-deleted them first (pkg/controller/podgc/gc_controller.go gcOrphaned, quarantineTime 40 s,
 * checks every 20 s).
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: pinned
spec:
  nodeName: worker-2
  containers:
  - name: app
    image: nginx
`;
const NODE = `apiVersion: v1
kind: Node
metadata:
  name: worker-2
status:
  capacity: { cpu: "2", memory: 4Gi, pods: "110" }
`;

const outputs = (lines: string): string[] =>
  runWith(defaultServices, `scenario "bound"\nnodes 1 with cpu 2 memory 4Gi\n${lines}`, "bound.scn", {
    host: memoryHost({ "pod.yaml": POD, "node.yaml": NODE }),
  }).output.map((o) => o.text.replace(/\s+$/gm, ""));

describe("a pod bound to a node that does not exist yet", () => {
  it("stays Pending, then runs on the Node once it registers", () => {
    const [, before, , after] = outputs(
      "at 0s kubectl apply -f pod.yaml\n" +
        "at 10s kubectl get pods -o wide\n" +
        "at 20s kubectl apply -f node.yaml\n" +
        "at 30s kubectl get pods -o wide\n",
    );
    expect(before.split("\n")).toEqual([
      "NAME     READY   STATUS    RESTARTS   AGE   IP       NODE       NOMINATED NODE   READINESS GATES",
      "pinned   0/1     Pending   0          10s   <none>   worker-2   <none>           <none>",
    ]);
    expect(after.split("\n")).toEqual([
      "NAME     READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES",
      "pinned   1/1     Running   0          30s   10.244.2.2   worker-2   <none>           <none>",
    ]);
  });

  it("is gone when the Node comes after the pod GC's quarantine", () => {
    const [, , , after] = outputs(
      "at 0s kubectl apply -f pod.yaml\n" +
        "at 1m10s kubectl get pods\n" +
        "at 1m10s kubectl apply -f node.yaml\n" +
        "at 1m20s kubectl get pods\n",
    );
    expect(after).toBe("No resources found in default namespace.");
  });
});
