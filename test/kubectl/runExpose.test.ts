/**
 * `kubectl run --expose` (kubectl/pkg/cmd/run/run.go generateService with ServiceGeneratorV2),
 * the Service flags of `kubectl expose` (expose.go generateService), and what the API server
 * gives every Service (pkg/registry/core/service/storage/alloc.go initIPFamilyFields, v1
 * SetDefaults_Service, the strategy's PrepareForCreate status reset).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import type { Service } from "../../src/k8s/types.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

const svc = (c: Simulation, name: string) => c.api.get("Service", "default", name) as Service;

describe("kubectl run --expose", () => {
  it("creates a Service of the same name, labels and selector on --port, printed before the Pod", () => {
    const c = new Simulation();
    expect(runKubectl("run nginx --image=nginx --port=80 --expose", c)).toMatchObject({
      exitCode: 0,
      stdout: "service/nginx created\npod/nginx created\n",
    });
    const s = svc(c, "nginx");
    expect(s.metadata.labels).toEqual({ run: "nginx" });
    expect(s.spec.selector).toEqual({ run: "nginx" });
    expect(s.spec.ports).toEqual([{ port: 80, protocol: "TCP", targetPort: 80 }]);
    expect(c.api.get("Pod", "default", "nginx")).toBeDefined();
  });
  it("--dry-run=client -o yaml prints both documents, `---` between them", () => {
    const r = runKubectl(
      "run web --image=nginx --port=8080 --expose --dry-run=client -o yaml",
      new Simulation(),
    );
    const [service, pod] = r.stdout.split("---\n");
    expect(service).toContain("kind: Service\n");
    expect(service).toContain("status:\n  loadBalancer: {}\n");
    expect(pod).toContain("kind: Pod\n");
  });
  it("needs --port", () => {
    expect(
      parseKubectl("kubectl run nginx --image=nginx --expose").diagnostics.map((d) => d.message),
    ).toEqual(["error: --port must be set when exposing a service"]);
  });
});

describe("kubectl expose's Service flags", () => {
  it("--cluster-ip=None makes a headless Service; --labels and --session-affinity are set as given", () => {
    const c = new Simulation();
    runKubectl("run db --image=postgres:16 --port=5432", c);
    expect(
      runKubectl(
        "expose pod db --name=db-headless --cluster-ip=None --labels=app=db --session-affinity=ClientIP",
        c,
      ).stdout,
    ).toBe("service/db-headless exposed\n");
    const s = svc(c, "db-headless");
    expect(s.metadata.labels).toEqual({ app: "db" });
    expect(s.spec).toMatchObject({
      clusterIP: "None",
      clusterIPs: ["None"],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
      internalTrafficPolicy: "Cluster",
      sessionAffinity: "ClientIP",
    });
  });
  it("an unknown session affinity is kubectl's error", () => {
    expect(
      parseKubectl("kubectl expose deployment web --port=80 --session-affinity=Sticky").diagnostics.map(
        (d) => d.message,
      ),
    ).toEqual(["error: unknown session affinity: Sticky"]);
  });
});

describe("what the API server gives a Service", () => {
  it("an empty load-balancer status, shown by -o yaml", () => {
    const c = new Simulation();
    runKubectl("run nginx --image=nginx --port=80 --expose", c);
    expect(runKubectl("get svc nginx -o yaml", c).stdout).toMatch(/\nstatus:\n {2}loadBalancer: \{\}\n$/);
  });
  it("a headless Service without a selector asks for dual stack", () => {
    const c = new Simulation();
    c.api.create({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "external-db", namespace: "default" },
      spec: { clusterIP: "None", ports: [{ port: 5432 }] },
    } as unknown as Service);
    expect(svc(c, "external-db").spec).toMatchObject({
      clusterIPs: ["None"],
      ipFamilyPolicy: "RequireDualStack",
    });
  });
});
