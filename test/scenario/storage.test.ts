// Claims, volumes and the scheduler's VolumeBinding through whole runs (docs/storage.md), in a
// cluster without declared nodes and in one with capacity.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import type { Result } from "../../src/scenario/index.ts";

const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;

const pod = (claim: string) =>
  [
    "apiVersion: v1",
    "kind: Pod",
    "metadata: {name: app}",
    "spec:",
    "  containers: [{name: app, image: nginx}]",
    `  volumes: [{name: data, persistentVolumeClaim: {claimName: ${claim}}}]`,
  ].join("\n");

const claim = (name: string, cls?: string) =>
  [
    "apiVersion: v1",
    "kind: PersistentVolumeClaim",
    `metadata: {name: ${name}}`,
    "spec:",
    "  accessModes: [ReadWriteOnce]",
    "  resources: {requests: {storage: 1Gi}}",
    ...(cls !== undefined ? [`  storageClassName: ${cls}`] : []),
  ].join("\n");

const immediateClass = [
  "apiVersion: storage.k8s.io/v1",
  "kind: StorageClass",
  "metadata: {name: fast}",
  "provisioner: ebs.csi.aws.com",
].join("\n");

const scenario = (lines: string[], manifests: Record<string, string>) =>
  [
    ...Object.entries(manifests).flatMap(([name, body]) => [`manifest ${name} = <<YAML`, body, "YAML"]),
    ...lines,
    "run for 30s",
    "",
  ].join("\n");

const failedScheduling = (r: Result) =>
  r.events.filter((e) => e.reason === "FailedScheduling").map((e) => [e.time, e.message]);

describe.each([
  ["implicit nodes", [] as string[], 3],
  ["declared capacity", ["nodes 2 with cpu 4 memory 8Gi"], 2],
])("the scheduler's VolumeBinding (%s)", (_, nodes, count) => {
  // volume_binding.go PreFilter: a missing claim refuses every node, UnschedulableAndUnresolvable,
  // so preemption is not helpful (FitError with the PreFilter message, then PostFilter's).
  it("a pod whose claim is missing waits, then binds once the claim is there and bound", async () => {
    const r = await runScenario(
      {
        text: scenario([...nodes, "apply app", "at 5s apply data", "at 10s kubectl get pod app -o wide"], {
          app: pod("data"),
          data: claim("data"),
        }),
        file: "s.scn",
      },
      {},
    );
    expect(failedScheduling(r)[0]).toEqual([
      0,
      `0/${count} nodes are available: persistentvolumeclaim "data" not found. preemption: 0/${count} nodes are available: ${count} Preemption is not helpful for scheduling..`,
    ]);
    // kind's default class: WaitForFirstConsumer, provisioned on the chosen node in 2 s.
    const scheduled = r.events.find((e) => e.reason === "Scheduled");
    expect(scheduled?.time).toBe(7);
    const pvc = r.events.filter((e) => e.object.startsWith("persistentvolumeclaim/")).map((e) => e.reason);
    expect(pvc).toEqual([
      "WaitForFirstConsumer",
      "ExternalProvisioning",
      "Provisioning",
      "ProvisioningSucceeded",
    ]);
  });

  // GetPodVolumeClaims: an unbound claim of an Immediate class is ErrUnboundImmediatePVC.
  it("a pod whose Immediate claim is not bound yet is unschedulable until it is", async () => {
    const r = await runScenario(
      {
        text: scenario([...nodes, "apply fast", "apply data", "apply app", "at 10s kubectl get pvc data"], {
          fast: immediateClass,
          app: pod("data"),
          data: claim("data", "fast"),
        }),
        file: "s.scn",
      },
      {},
    );
    expect(failedScheduling(r)).toEqual([
      [
        0,
        `0/${count} nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/${count} nodes are available: ${count} Preemption is not helpful for scheduling..`,
      ],
    ]);
    expect(r.events.find((e) => e.reason === "Scheduled")?.time).toBe(2);
    expect(printed(r, 10)).toMatch(
      /^NAME\s+STATUS\s+VOLUME.*\ndata\s+Bound\s+pvc-[0-9a-f-]+\s+1Gi\s+RWO\s+fast\s/,
    );
  });
});

describe("protection and reclaim", () => {
  // pvc_protection_controller.go: a claim in use keeps kubernetes.io/pvc-protection; the
  // provisioned volume goes with it under Delete (the provisioner's delete), pv_protection lets it.
  it("a claim in use stays Terminating until its pod is gone; then its Delete volume goes", async () => {
    const r = await runScenario(
      {
        text: scenario(
          [
            "apply data",
            "apply app",
            "at 5s kubectl delete pvc data --wait=false",
            "at 6s kubectl get pvc data",
            "at 7s kubectl delete pod app",
            "at 20s kubectl get pvc,pv",
          ],
          { app: pod("data"), data: claim("data") },
        ),
        file: "s.scn",
      },
      {},
    );
    expect(printed(r, 6)).toMatch(/^NAME\s+STATUS\s+VOLUME.*\ndata\s+Terminating\s+pvc-/);
    expect(printed(r, 20)).toBe("No resources found in default namespace.");
  });

  it("a volume under Retain is Released when its claim goes", async () => {
    const pv = [
      "apiVersion: v1",
      "kind: PersistentVolume",
      "metadata: {name: keep}",
      "spec:",
      "  capacity: {storage: 5Gi}",
      "  accessModes: [ReadWriteOnce]",
      "  storageClassName: manual",
      "  hostPath: {path: /data/keep}",
    ].join("\n");
    const r = await runScenario(
      {
        text: scenario(
          ["apply keep", "apply data", "at 5s kubectl delete pvc data", "at 10s kubectl get pv"],
          {
            keep: pv,
            data: claim("data", "manual"),
          },
        ),
        file: "s.scn",
      },
      {},
    );
    expect(printed(r, 10)).toMatch(/\nkeep\s+5Gi\s+RWO\s+Retain\s+Released\s+default\/data\s+manual\s/);
  });
});
