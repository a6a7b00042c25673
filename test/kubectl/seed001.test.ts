/**
 * Seed 001's CPU walk-through (lvbibir's "2.1 基于CPU") end to end against the real engine:
 * apply the Deployment and Service, `kubectl autoscale … --cpu-percent=60 --min=1 --max=10`,
 * `kubectl get hpa` 18 s later, then under load the HPA at 10 replicas.
 */
import { parseAllDocuments } from "yaml";
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { admit } from "../../src/k8s/admission.ts";
import { formatInvalid } from "../../src/k8s/fieldErrors.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hpa-demo
spec:
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        ports:
        - containerPort: 80
        resources:
          requests:
            memory: 50Mi
            cpu: 50m
---
apiVersion: v1
kind: Service
metadata:
  name: hpa-demo
  labels:
    app: nginx
spec:
  selector:
    app: nginx
  type: NodePort
  ports:
    - protocol: TCP
      port: 80
      targetPort: 80
      nodePort: 30002
`;

/** The seed was taken with kubectl 1.22 (HPA TARGETS `0%/60%`, autoscale sends autoscaling/v1). */
const runKubectl1_22 = (line: string, sim: Simulation) => runKubectl(line, sim, { version: 22 });

describe("seed 001: HPA on CPU", () => {
  it("autoscale, get hpa, scale out under load, re-apply leaves the HPA's replicas", () => {
    const sim = new Simulation({ admit: (raw, old) => admit(raw, old), formatInvalid });
    const objects = parseAllDocuments(MANIFEST).map((d) => d.toJS() as KubeObject);
    expect(applyObjects(objects, sim, "hpa-demo.yaml").stdout).toBe(
      "deployment.apps/hpa-demo created\nservice/hpa-demo created\n",
    );
    sim.runUntil(60);
    expect(
      runKubectl1_22("autoscale deployment hpa-demo --cpu-percent=60 --min=1 --max=10", sim).stdout,
    ).toBe("horizontalpodautoscaler.autoscaling/hpa-demo autoscaled\n");
    sim.runUntil(78);
    expect(runKubectl1_22("get hpa", sim).stdout).toBe(
      "NAME       REFERENCE             TARGETS   MINPODS   MAXPODS   REPLICAS   AGE\nhpa-demo   Deployment/hpa-demo   0%/60%    1         10        1          18s\n",
    );

    sim.setLoad("hpa-demo", { kind: "cpu", amount: { milli: 400 } });
    sim.runUntil(60 + 50 * 60);
    const row = runKubectl1_22("get hpa", sim).stdout.split("\n")[1];
    expect(row).toMatch(/^hpa-demo {3}Deployment\/hpa-demo {3}\d+%\/60%\s+1 {9}10 {8}10 {9}50m$/);
    const described = runKubectl1_22("describe hpa hpa-demo", sim).stdout;
    expect(described).toMatch(
      /\n {2}resource cpu on pods {2}\(as a percentage of request\): {2}\d+% \(\d+m\) \/ 60%\n/,
    );
    expect(described).toContain(
      "Deployment pods:                                       10 current / 10 desired\n",
    );
    expect(described).toContain("SuccessfulRescale");

    // The manifest never set replicas: applying it again keeps the HPA's 10.
    expect(applyObjects(objects, sim, "hpa-demo.yaml").stdout).toBe(
      "deployment.apps/hpa-demo unchanged\nservice/hpa-demo unchanged\n",
    );
    expect(runKubectl1_22("get deploy hpa-demo -o jsonpath={.spec.replicas}", sim).stdout).toBe("10");
  });
});
