/**
 * kubectl over the objects the endpoints and EndpointSlice controllers write: `get ep`
 * (printEndpoints' formatEndpoints), `get endpointslices` (printEndpointSlice: NAME
 * ADDRESSTYPE PORTS ENDPOINTS AGE), `describe endpointslice` (describeEndpointSliceV1), and
 * `describe service`, whose Endpoints line kubectl 1.22 reads from the Service's Endpoints
 * object (formatEndpoints over that port's name), in the controller's IP order.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { toRFC3339 } from "../../src/k8s/time.ts";
import type { KubeObject, Pod } from "../../src/k8s/types.ts";

function cluster(replicas: number): Simulation {
  const s = new Simulation();
  const labels = { app: "web" };
  s.api.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "web", namespace: "default" },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          containers: [{ name: "web", image: "nginx:1.25", ports: [{ name: "http", containerPort: 8080 }] }],
        },
      },
    },
  } as unknown as KubeObject);
  s.api.create({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "web", namespace: "default" },
    spec: {
      selector: labels,
      ports: [
        { name: "http", port: 80, targetPort: "http" },
        { name: "admin", port: 9000, targetPort: 9000 },
      ],
    },
  } as unknown as KubeObject);
  s.runUntil(30);
  return s;
}

/** Service web's slice (default also holds the kubernetes Service's, which the API server writes). */
const webSlice = (s: Simulation) =>
  s.api
    .list("EndpointSlice", "default")
    .find((x) => x.metadata.labels?.["kubernetes.io/service-name"] === "web") as unknown;

/** The pods' IPs as SortSubsets orders them: byte order of the text. */
const sortedIPs = (s: Simulation) =>
  (s.api.list("Pod", "default") as readonly Pod[]).map((p) => p.status.podIP as string).sort();

describe("kubectl over Endpoints and EndpointSlices", () => {
  it("get endpointslices: the slice's address type, ports and first three addresses", () => {
    const s = cluster(4);
    const slice = webSlice(s) as unknown as {
      metadata: { name: string };
      ports: { port: number }[];
      endpoints: { addresses: string[] }[];
    };
    const out = runKubectl("get endpointslices", s);
    expect(out.exitCode).toBe(0);
    const ports = slice.ports.map((p) => p.port).join(",");
    const addrs = slice.endpoints.map((e) => e.addresses[0]);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines[0].split(/\s{2,}/)).toEqual(["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"]);
    // The kubernetes Service's slice comes first (created with the cluster), then web's.
    expect(lines[1].split(/\s{2,}/)[0]).toBe("kubernetes");
    expect(lines[2].split(/\s{2,}/)).toEqual([
      slice.metadata.name,
      "IPv4",
      ports,
      `${addrs.slice(0, 3).join(",")} + 1 more...`,
      "30s",
    ]);
  });

  it("get ep: ip:port per port and address, the first three, then + N more", () => {
    const s = cluster(2);
    const out = runKubectl("get ep web", s);
    const ips = sortedIPs(s);
    const cell = out.stdout
      .trimEnd()
      .split("\n")[1]
      .split(/\s{2,}/)[1];
    // Two ports × two addresses: four, of which three are shown.
    expect(cell).toMatch(/ \+ 1 more\.\.\.$/);
    for (const shown of cell.replace(/ \+ 1 more\.\.\.$/, "").split(",")) {
      const [ip, port] = shown.split(":");
      expect(ips).toContain(ip);
      expect(["8080", "9000"]).toContain(port);
    }
  });

  it("describe service: each port's Endpoints line from the Endpoints object, in IP order, that port's only", () => {
    const s = cluster(3);
    const out = runKubectl("describe service web", s);
    expect(out.exitCode).toBe(0);
    const ips = sortedIPs(s);
    const lines = out.stdout.split("\n").filter((l) => l.startsWith("Endpoints:"));
    expect(lines.map((l) => l.replace(/^Endpoints:\s+/, ""))).toEqual([
      ips.map((ip) => `${ip}:8080`).join(","),
      ips.map((ip) => `${ip}:9000`).join(","),
    ]);
  });

  it("describe endpointslice: address type, ports table, each endpoint's conditions, target and node", () => {
    const s = cluster(1);
    const slice = webSlice(s) as unknown as {
      metadata: { name: string };
      ports: { name: string; port: number }[];
    };
    const pod = s.api.list("Pod", "default")[0] as Pod;
    const readyAt = pod.status.conditions?.find((c) => c.type === "Ready")?.lastTransitionTime ?? -1;
    const out = runKubectl(`describe endpointslice ${slice.metadata.name}`, s);
    expect(out.exitCode).toBe(0);
    const portRows = slice.ports.map((p) => `    ${p.name.padEnd(5)}  ${String(p.port).padEnd(4)}  TCP`);
    expect(out.stdout).toBe(
      [
        `Name:         ${slice.metadata.name}`,
        "Namespace:    default",
        "Labels:       endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io",
        "              kubernetes.io/service-name=web",
        // The pod's Ready transition: the change the slice's last write published.
        `Annotations:  endpoints.kubernetes.io/last-change-trigger-time: ${toRFC3339(readyAt)}`,
        "AddressType:  IPv4",
        "Ports:",
        "  Name   Port  Protocol",
        "  ----   ----  --------",
        ...portRows.map((r) => r.slice(2)),
        "Endpoints:",
        `  - Addresses:  ${pod.status.podIP}`,
        "    Conditions:",
        "      Ready:    true",
        "    Hostname:   <unset>",
        `    TargetRef:  Pod/${pod.metadata.name}`,
        `    NodeName:   ${pod.spec.nodeName}`,
        "    Zone:       <unset>",
        "Events:         <none>",
        "",
      ].join("\n"),
    );
  });

  it("get endpointslices with no Service: the usual No resources found", () => {
    const s = new Simulation();
    // kube-public: default holds the kubernetes Service's slice from the start.
    const out = runKubectl("get endpointslices -n kube-public", s);
    expect(out.stderr).toBe("No resources found in kube-public namespace.\n");
  });
});
