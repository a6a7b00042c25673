/**
 * `kubectl describe pod` on the pod-spec fields a real manifest carries (kubectl
 * pkg/describe/describe.go describePod, describeContainerProbe, describeContainerEnvFrom,
 * describeContainerEnvVars, resourcehelper.ExtractContainerResourceValue): the service account,
 * the Liveness, Readiness and Startup probes, "Environment Variables from:" (only when the
 * container has envFrom), and each env valueFrom as kubectl words it.
 */
import { describe, expect, it } from "vitest";
import { memoryHost } from "../../src/scenario/host.ts";
import { runScenario } from "../../src/scenario/index.ts";

const scenario = `
apply <<YAML
apiVersion: v1
kind: ServiceAccount
metadata: {name: api}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: api}
spec:
  serviceName: api
  replicas: 1
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      serviceAccountName: api
      containers:
      - name: api
        image: api:1.2.0
        envFrom:
        - configMapRef: {name: api-config}
        - secretRef: {name: api-secrets, optional: true}
          prefix: SECRET_
        env:
        - name: LOG_LEVEL
          value: info
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef: {name: db, key: password}
        - name: FEATURE_FLAGS
          valueFrom:
            configMapKeyRef: {name: flags, key: flags, optional: true}
        - name: POD_NAME
          valueFrom:
            fieldRef: {fieldPath: metadata.name}
        - name: MEM_LIMIT
          valueFrom:
            resourceFieldRef: {resource: limits.memory, divisor: 1Mi}
        - name: CPU_LIMIT
          valueFrom:
            resourceFieldRef: {resource: limits.cpu}
        resources:
          requests: {cpu: 250m, memory: 128Mi}
          limits: {memory: 256Mi}
        startupProbe:
          httpGet: {path: /healthz, port: 8080}
          failureThreshold: 30
          periodSeconds: 2
        livenessProbe:
          httpGet: {path: /healthz, port: 8080}
        readinessProbe:
          tcpSocket: {port: 8080}
YAML
at 30s kubectl describe pod api-0
kubectl describe sts api
`;

describe("kubectl describe pod: probes, env from secrets and config maps, the service account", () => {
  it("prints them as kubectl does", async () => {
    const r = await runScenario({ text: scenario, file: "desc.scn" }, { host: memoryHost({}) });
    expect(r.diagnostics).toEqual([]);
    const text = r.output.find((o) => o.command === "kubectl describe pod api-0")!.text;
    const lines = text.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "Name:             api-0",
      "Namespace:        default",
      "Priority:         0",
      "Service Account:  api",
    ]);
    const from = lines.findIndex((l) => l.includes("Liveness:"));
    expect(lines.slice(from, from + 14).map((l) => l.trimEnd())).toEqual([
      "    Liveness:   http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3",
      "    Readiness:  tcp-socket :8080 delay=0s timeout=1s period=10s #success=1 #failure=3",
      "    Startup:    http-get http://:8080/healthz delay=0s timeout=1s period=2s #success=1 #failure=30",
      "    Environment Variables from:",
      "      api-config   ConfigMap                     Optional: false",
      "      api-secrets  Secret with prefix 'SECRET_'  Optional: true",
      "    Environment:",
      "      LOG_LEVEL:      info",
      "      DB_PASSWORD:    <set to the key 'password' in secret 'db'>      Optional: false",
      "      FEATURE_FLAGS:  <set to the key 'flags' of config map 'flags'>  Optional: true",
      "      POD_NAME:       api-0 (v1:metadata.name)",
      "      MEM_LIMIT:      256 (limits.memory)",
      "      CPU_LIMIT:      node allocatable (limits.cpu)",
      "    Mounts:",
    ]);
    // The ServiceAccount admission plug-in's token volume.
    expect(lines[from + 14]).toMatch(
      /^ {6}\/var\/run\/secrets\/kubernetes\.io\/serviceaccount from kube-api-access-\w{5} \(ro\)$/,
    );
    // A pod template has no pod: the field reference's value is empty, as describe prints it.
    const template = r.output.find((o) => o.command === "kubectl describe sts api")!.text;
    expect(template).toContain("POD_NAME:        (v1:metadata.name)");
  });
});
