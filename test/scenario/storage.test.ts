// Claims, volumes and the scheduler's VolumeBinding through whole runs (docs/storage.md), in a
// cluster without declared nodes and in one with capacity.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

type Result = Awaited<ReturnType<typeof runScenario>>;

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
        text: scenario(
          [
            ...nodes,
            "apply app",
            "at 2s kubectl get pod app -o jsonpath='{.status.conditions[0].type} {.status.conditions[0].status} {.status.conditions[0].reason}'",
            "at 5s apply data",
          ],
          {
            app: pod("data"),
            data: claim("data"),
          },
        ),
        file: "s.scn",
      },
      {},
    );
    // handleSchedulingFailure's condition, in both kinds of cluster.
    expect(printed(r, 2)).toBe("PodScheduled False Unschedulable");
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

describe("a rendered postgres chart's StatefulSet (test/fixtures/repos/statefulset)", () => {
  // As on kind: the claim gets the default class `standard` (DefaultStorageClass), waits for its
  // pod (WaitForFirstConsumer), the scheduler's selected node, then local-path's volume
  // (sig-storage-lib-external-provisioner's events), bound by the PV controller (bind-completed,
  // bound-by-controller), protected by kubernetes.io/pvc-protection.
  it("describe pvc data-pg-0 after the run's scale-down", async () => {
    const file = "test/fixtures/repos/statefulset/postgres.scn";
    const r = await runScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });
    const pv = "pvc-684e4eda-a364-434e-8f25-10c632d4e86a";
    const provisioner =
      "rancher.io/local-path_local-path-provisioner-7577fdbbfb-2x9lq_92e2194b-776c-45d6-bead-c640a853acf8";
    const from = (s: string) => s.padEnd(provisioner.length + 2);
    expect(printed(r, 120, 1)?.split("\n")).toEqual([
      "Name:          data-pg-0",
      "Namespace:     default",
      "StorageClass:  standard",
      "Status:        Bound",
      `Volume:        ${pv}`,
      "Labels:        app.kubernetes.io/name=postgresql",
      "Annotations:   pv.kubernetes.io/bind-completed: yes",
      "               pv.kubernetes.io/bound-by-controller: yes",
      "               volume.beta.kubernetes.io/storage-provisioner: rancher.io/local-path",
      "               volume.kubernetes.io/selected-node: node-1",
      "               volume.kubernetes.io/storage-provisioner: rancher.io/local-path",
      "Finalizers:    [kubernetes.io/pvc-protection]",
      "Capacity:      8Gi",
      "Access Modes:  RWO",
      "VolumeMode:    Filesystem",
      "Used By:       pg-0",
      "Events:",
      `  Type    Reason                 Age   ${from("From")}Message`,
      `  ----    ------                 ----  ${from("----")}-------`,
      `  Normal  WaitForFirstConsumer   2m    ${from("persistentvolume-controller")}waiting for first consumer to be created before binding`,
      `  Normal  ExternalProvisioning   2m    ${from("persistentvolume-controller")}Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
      `  Normal  Provisioning           2m    ${from(provisioner)}External provisioner is provisioning volume for claim "default/data-pg-0"`,
      `  Normal  ProvisioningSucceeded  118s  ${from(provisioner)}Successfully provisioned volume ${pv}`,
    ]);
  });
});

describe("a namespace deleted with its claims", () => {
  // namespaced_resources_deleter.go: the namespace goes once its content is gone; a claim
  // kubernetes.io/pvc-protection held goes after its pods (pvc_protection_controller.go), and
  // the namespace controller looks again then.
  it("is gone once the pods, then the claims and their Delete volumes, are", async () => {
    const text = [
      "manifest all = <<YAML",
      "apiVersion: v1",
      "kind: Namespace",
      "metadata: {name: data}",
      "---",
      claim("data").replace("metadata: {name: data}", "metadata: {name: data, namespace: data}"),
      "---",
      pod("data").replace("metadata: {name: app}", "metadata: {name: app, namespace: data}"),
      "YAML",
      "apply all",
      "at 10s kubectl get pv -o name",
      "at 20s kubectl delete ns data --wait=false",
      "at 1m30s kubectl get ns data",
      "kubectl get pv",
      "run for 5s",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(printed(r, 10)).toMatch(/^persistentvolume\/pvc-[0-9a-f-]+$/);
    expect(printed(r, 90)).toBe('Error from server (NotFound): namespaces "data" not found');
    expect(printed(r, 90, 1)).toBe("No resources found in default namespace.");
  });
});

describe("the cluster autoscaler and a pod its claims refuse", () => {
  // cluster-autoscaler runs the scheduler framework's filters, VolumeBinding's PreFilter among
  // them, in its simulation: a pod whose claim is missing fits no template node, so no scale-up
  // (though the one node, with 500m left, has no room for its 1 CPU either).
  it("adds no node for it", async () => {
    const text = [
      "nodes 1 with cpu 2 memory 4Gi named pool",
      "autoscale nodes pool from 1 to 3",
      "manifest app = <<YAML",
      pod("missing").replace("image: nginx}", "image: nginx, resources: {requests: {cpu: '1'}}}"),
      "---",
      "apiVersion: v1",
      "kind: Pod",
      "metadata: {name: filler}",
      "spec:",
      "  containers: [{name: app, image: nginx, resources: {requests: {cpu: 1500m}}}]",
      "YAML",
      "apply app",
      "at 1m kubectl get nodes -o name",
      "run for 5s",
      "",
    ].join("\n");
    const r = await runScenario({ text, file: "s.scn" }, {});
    expect(printed(r, 60)).toBe("node/pool-1");
    expect(r.events.filter((e) => e.reason === "TriggeredScaleUp")).toEqual([]);
  });
});

describe("a pod assumed on its node while its claims bind (declared nodes)", () => {
  // scheduler.go schedulingCycle: Reserve assumes the pod on the chosen node (cache.go
  // AssumePod) before the binding cycle waits in PreBind (volume_binding.go PreBind,
  // binder.go BindPodVolumes), so a pod scheduled meanwhile sees the room taken.
  const cpuPod = (name: string, withClaim: boolean) =>
    [
      "apiVersion: v1",
      "kind: Pod",
      `metadata: {name: ${name}}`,
      "spec:",
      "  containers: [{name: app, image: nginx, resources: {requests: {cpu: 1500m}}}]",
      ...(withClaim ? ["  volumes: [{name: data, persistentVolumeClaim: {claimName: data}}]"] : []),
    ].join("\n");
  const run = (lines: string[]) =>
    runScenario(
      {
        text: scenario(["nodes 1 with cpu 2 memory 4Gi", "apply data", "apply a", ...lines], {
          data: claim("data"),
          a: cpuPod("a", true),
          b: cpuPod("b", false),
        }),
        file: "s.scn",
      },
      {},
    );
  const scheduling = (r: Result) =>
    r.events
      .filter((e) => e.reason === "Scheduled" || e.reason === "FailedScheduling")
      .map((e) => [e.time, e.object, e.message]);

  it("a second pod cannot take the room while the first waits for its volume", async () => {
    const r = await run(["at 1s apply b", "at 5s kubectl get pods -o wide"]);
    expect(scheduling(r)).toEqual([
      [
        1,
        "pod/b",
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..",
      ],
      [2, "pod/a", "Successfully assigned default/a to node-1"],
      // Tried again when the claim changed (bound), and the room is a's now.
      [
        2,
        "pod/b",
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..",
      ],
    ]);
    expect(
      printed(r, 5)
        ?.split("\n")
        .map((l) => l.split(/\s+/).slice(0, 7).join(" ")),
    ).toEqual([
      "NAME READY STATUS RESTARTS AGE IP NODE",
      "a 1/1 Running 0 5s 10.244.1.2 node-1",
      "b 0/1 Pending 0 4s <none> <none>",
    ]);
  });

  // The assumed pod deleted in PreBind: its room is free again (ForgetPod), and the waiting pod
  // is moved (the unscheduled pod's delete is a cluster event) and tried after its 1 s backoff.
  it("its room is free again once it is deleted", async () => {
    const r = await run(["apply b", "at 1s kubectl delete pod a"]);
    expect(scheduling(r)).toEqual([
      [
        0,
        "pod/b",
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod..",
      ],
      [1, "pod/b", "Successfully assigned default/b to node-1"],
    ]);
  });
});

describe("a volume's lastPhaseTransitionTime (GA in 1.31)", () => {
  // strategy.go: PrepareForCreate starts the volume Pending at its creation; the status
  // strategy moves the time with each phase the PV controller writes (Available, Bound, Released).
  it("moves with each phase and is printed as a timestamp", async () => {
    const pv = [
      "apiVersion: v1",
      "kind: PersistentVolume",
      "metadata: {name: vol}",
      "spec:",
      "  capacity: {storage: 2Gi}",
      "  accessModes: [ReadWriteOnce]",
      '  storageClassName: ""',
      "  hostPath: {path: /data/vol}",
    ].join("\n");
    const jsonpath =
      "at {s} kubectl get pv vol -o jsonpath='{.status.phase} {.status.lastPhaseTransitionTime}'";
    const r = await runScenario(
      {
        text: scenario(
          [
            "apply vol",
            jsonpath.replace("{s}", "1s"),
            "at 5s apply data",
            jsonpath.replace("{s}", "8s"),
            "at 12s kubectl delete pvc data",
            jsonpath.replace("{s}", "15s"),
          ],
          { vol: pv, data: claim("data", `""`) },
        ),
        file: "s.scn",
      },
      {},
    );
    expect([printed(r, 1), printed(r, 8), printed(r, 15)]).toEqual([
      "Available 2024-01-01T00:00:00Z",
      "Bound 2024-01-01T00:00:05Z",
      "Released 2024-01-01T00:00:12Z",
    ]);
  });
});

describe("growing or shrinking a bound claim", () => {
  const patch = (size: string) =>
    `kubectl patch pvc data -p '{"spec":{"resources":{"requests":{"storage":"${size}"}}}}'`;
  const expandable = [
    "apiVersion: storage.k8s.io/v1",
    "kind: StorageClass",
    "metadata: {name: expandable}",
    "provisioner: rancher.io/local-path",
    "volumeBindingMode: WaitForFirstConsumer",
    "allowVolumeExpansion: true",
  ].join("\n");
  const run = (cls: string | undefined, lines: string[]) =>
    runScenario(
      {
        text: scenario(["apply sc", "apply data", "apply app", ...lines], {
          sc: expandable,
          data: claim("data", cls),
          app: pod("data"),
        }),
        file: "s.scn",
      },
      {},
    );

  // PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize
  // admission.go): kind's `standard` class does not set allowVolumeExpansion; a claim not yet
  // Bound cannot be expanded at all.
  it("is refused by PersistentVolumeClaimResize unless bound and its class allows expansion", async () => {
    const r = await run(undefined, [patch("2Gi"), `at 10s ${patch("2Gi")}`]);
    expect(printed(r, 0, 3)).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: Only bound persistent volume claims can be expanded',
    );
    expect(printed(r, 10)).toBe(
      'Error from server (Forbidden): persistentvolumeclaims "data" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
    );
  });

  // validation.go ValidatePersistentVolumeClaimUpdate with RecoverVolumeExpansionFailure (GA in
  // 1.34): the request may not go down to status.capacity or below.
  it("grows under a class with allowVolumeExpansion, and never below status.capacity", async () => {
    const r = await run("expandable", [`at 10s ${patch("3Gi")}`, patch("512Mi"), patch("2Gi")]);
    expect([printed(r, 10), printed(r, 10, 1), printed(r, 10, 2)]).toEqual([
      "persistentvolumeclaim/data patched",
      'The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than status.capacity',
      "persistentvolumeclaim/data patched",
    ]);
  });
});

describe("the scheduler's bind timeout (declared nodes)", () => {
  // volumebinding BindPodVolumes polls until VolumeBindingArgs.bindTimeoutSeconds (600 s); the
  // binding cycle then fails with RunPreBindPlugins' wrapped error, handleSchedulingFailure
  // records it (reason SchedulerError: an error, not a rejection), and the pod is tried again
  // after its backoff — on the claim's selected node only (binder.go FindPodVolumes).
  it("a pod whose claim is not bound within 600 s fails its binding cycle and is tried again", async () => {
    const r = await runScenario(
      {
        text: [
          "manifest app = <<YAML",
          pod("data"),
          "YAML",
          "manifest data = <<YAML",
          claim("data"),
          "YAML",
          "set storage.provision-time = 15m",
          "nodes 2 with cpu 4 memory 8Gi",
          "apply data",
          "apply app",
          "at 601s kubectl get pod app -o jsonpath='{.status.conditions[0].reason}: {.status.conditions[0].message}'",
          "at 1000s kubectl get pod app -o jsonpath='{.status.phase} {.spec.nodeName}'",
          "at 1000s kubectl get pvc data -o jsonpath='{.metadata.annotations.volume\\.kubernetes\\.io/selected-node}'",
          "run for 1001s",
          "",
        ].join("\n"),
        file: "s.scn",
      },
      {},
    );
    const message = 'running PreBind plugin "VolumeBinding": binding volumes: context deadline exceeded';
    expect(failedScheduling(r)).toEqual([[600, message]]);
    expect(printed(r, 601)).toBe(`SchedulerError: ${message}`);
    // Tried again after its 1 s backoff, assumed on the same node, bound once provisioned.
    const again = r.trace!.decisions.filter((d) => d.object === "Pod/app").map((d) => [d.t, d.action]);
    expect(again).toEqual([
      [0, "wait-volumes"],
      [600, "bind-timeout"],
      [601, "wait-volumes"],
      [900, "bind"],
    ]);
    const node = printed(r, 1000, 1);
    expect(printed(r, 1000)).toBe(`Running ${node}`);
  });
});
