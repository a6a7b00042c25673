// `kubectl describe service` prints what the API server filled in beside the address
// (kubernetes staging/src/k8s.io/kubectl/pkg/describe/describe.go describeService): the IP
// family policy and families, clusterIPs (`<none>` where a Service has none, as an
// ExternalName one), each port's appProtocol, and from kubectl 1.31 the Internal Traffic
// Policy (kubernetes PR #125117).
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../src/kubectl/index.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { FakeCluster } from "./fakeCluster.ts";

const service = (name: string, spec: Record<string, unknown>) =>
  ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: "default", creationTimestamp: 0 },
    spec,
  }) as unknown as KubeObject;

describe("describe service: addresses and policies", () => {
  const c = new FakeCluster();
  c.put(
    service("redis-headless", {
      type: "ClusterIP",
      clusterIP: "None",
      clusterIPs: ["None"],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
      selector: { app: "redis" },
      ports: [{ name: "tcp-redis", port: 6379, targetPort: "redis", protocol: "TCP", appProtocol: "redis" }],
      sessionAffinity: "None",
    }),
  );
  c.put(service("db", { type: "ExternalName", externalName: "db.example.com", sessionAffinity: "None" }));

  it("a headless Service: its families, IPs None, the port's appProtocol, the internal policy", () => {
    expect(runKubectl("describe svc redis-headless", c).stdout.split("\n")).toEqual([
      "Name:                     redis-headless",
      "Namespace:                default",
      "Labels:                   <none>",
      "Annotations:              <none>",
      "Selector:                 app=redis",
      "Type:                     ClusterIP",
      "IP Family Policy:         SingleStack",
      "IP Families:              IPv4",
      "IP:                       None",
      "IPs:                      None",
      "Port:                     tcp-redis  6379/TCP",
      "TargetPort:               redis/TCP",
      "AppProtocol:              redis",
      "Endpoints:                <none>",
      "Session Affinity:         None",
      "Internal Traffic Policy:  Cluster",
      "Events:                   <none>",
      "",
    ]);
  });

  it("an ExternalName Service: no families, no IPs, its external name", () => {
    expect(runKubectl("describe svc db", c).stdout.split("\n").slice(5, 10)).toEqual([
      "Type:              ExternalName",
      "IP Families:       <none>",
      "IP:                ",
      "IPs:               <none>",
      "External Name:     db.example.com",
    ]);
  });

  it("kubectl 1.30 and older print no Internal Traffic Policy line", () => {
    const old = runKubectl("describe svc redis-headless", c, { version: 30 }).stdout;
    expect(old).not.toContain("Internal Traffic Policy");
    expect(old).toContain("IP Family Policy:  SingleStack");
  });
});
