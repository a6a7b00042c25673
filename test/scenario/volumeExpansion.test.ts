// A bound claim grown in place through whole runs (docs/storage.md, "Growing a claim"): the
// expand controller, the CSI external-resizer and the kubelet's filesystem resize, with the
// exact kubectl output of each step.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";

type Result = Awaited<ReturnType<typeof runScenario>>;

const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;
const events = (r: Result, object: string) =>
  r.events.filter((e) => e.object === object).map((e) => [e.time, e.type, e.reason, e.message]);

const ebs = [
  "apiVersion: storage.k8s.io/v1",
  "kind: StorageClass",
  "metadata: {name: ebs}",
  "provisioner: ebs.csi.aws.com",
  "allowVolumeExpansion: true",
].join("\n");

const claim = (name: string, cls: string, size: string, mode = "Filesystem") =>
  [
    "apiVersion: v1",
    "kind: PersistentVolumeClaim",
    `metadata: {name: ${name}}`,
    "spec:",
    `  storageClassName: ${cls}`,
    `  volumeMode: ${mode}`,
    "  accessModes: [ReadWriteOnce]",
    `  resources: {requests: {storage: ${size}}}`,
  ].join("\n");

const pod = (name: string, claimName: string) =>
  [
    "apiVersion: v1",
    "kind: Pod",
    `metadata: {name: ${name}}`,
    "spec:",
    "  containers: [{name: app, image: nginx}]",
    `  volumes: [{name: data, persistentVolumeClaim: {claimName: ${claimName}}}]`,
  ].join("\n");

const patch = (name: string, size: string) =>
  `kubectl patch pvc ${name} -p '{"spec":{"resources":{"requests":{"storage":"${size}"}}}}'`;

/** A run applying `manifests` at 0 s (all but `later`), after the `set` lines in `settings`. */
const run = (
  manifests: Record<string, string>,
  lines: string[],
  { settings = [] as string[], later = [] as string[] } = {},
) =>
  runScenario(
    {
      text: [
        ...settings,
        ...Object.entries(manifests).flatMap(([name, body]) => [`manifest ${name} = <<YAML`, body, "YAML"]),
        ...Object.keys(manifests)
          .filter((name) => !later.includes(name))
          .map((name) => `apply ${name}`),
        ...lines,
        "run for 3m",
        "",
      ].join("\n"),
      file: "s.scn",
    },
    {},
  );

/** The rows of a describe's Conditions block (describe.go describePersistentVolumeClaim). */
const conditionsBlock = (text: string | undefined) => {
  const lines = (text ?? "").split("\n");
  const at = lines.indexOf("Conditions:");
  return at < 0 ? [] : lines.slice(at, lines.indexOf("Events:"));
};

describe("a claim of a CSI class with allowVolumeExpansion, mounted by a running pod", () => {
  // expand_controller.go syncHandler: no in-tree plugin expands a CSI volume, so the Warning
  // ExternalExpanding; external-resizer controller.go resizePVC: markPVCResizeInProgress and the
  // Resizing event, then UpdatePVCapacity and markPVCAsFSResizeRequired; the kubelet's
  // node_expander.go: FileSystemResizeSuccessful on the pod and the claim, MarkFSResizeFinished.
  const manifests = { ebs, data: claim("data", "ebs", "10Gi"), app: pod("app", "data") };
  const lines = [
    `at 10s ${patch("data", "20Gi")}`,
    "at 11s kubectl get pvc data",
    "kubectl describe pvc data",
    "at 16s kubectl get pvc data",
    "kubectl get pv",
    "kubectl describe pvc data",
    "kubectl get pvc data -o yaml",
    "at 70s kubectl get pvc data",
    "kubectl describe pvc data",
    "kubectl describe pod app",
  ];

  it("records the expand controller's, the resizer's and the kubelet's events, in order", async () => {
    const r = await run(manifests, lines);
    const volume = r.output
      .find((o) => o.time === 16 && o.command === "kubectl get pv")!
      .text.split("\n")[1]
      .split(" ")[0];
    expect(events(r, "persistentvolumeclaim/data").slice(-4)).toEqual([
      [10, "Warning", "ExternalExpanding", "waiting for an external controller to expand this PVC"],
      [10, "Normal", "Resizing", `External resizer is resizing volume ${volume}`],
      // storage.resize-time (5 s) later.
      [15, "Normal", "FileSystemResizeRequired", "Require file system resize of volume on node"],
      // The pod, started at 2 s (its volume provisioned), is synced every minute (--sync-frequency).
      [
        62,
        "Normal",
        "FileSystemResizeSuccessful",
        `MountVolume.NodeExpandVolume succeeded for volume "${volume}" node-1`,
      ],
    ]);
    expect(events(r, "pod/app").filter((e) => e[2] === "FileSystemResizeSuccessful")).toEqual([
      [
        62,
        "Normal",
        "FileSystemResizeSuccessful",
        `MountVolume.NodeExpandVolume succeeded for volume "${volume}" node-1`,
      ],
    ]);
  });

  it("shows the old CAPACITY and the resize conditions until the kubelet is done", async () => {
    const r = await run(manifests, lines);
    // printPersistentVolumeClaim: CAPACITY is status.capacity.
    const capacity = (t: number, nth = 0) => printed(r, t, nth)?.split("\n")[1].split(/\s+/)[3];
    expect([capacity(11), capacity(16), capacity(70)]).toEqual(["10Gi", "10Gi", "20Gi"]);
    // printPersistentVolume: CAPACITY is the volume's spec.capacity, grown by the resizer.
    expect(printed(r, 16, 1)?.split("\n")[1].split(/\s+/)[1]).toBe("20Gi");
    expect(conditionsBlock(printed(r, 11, 1))).toEqual([
      "Conditions:",
      "  Type       Status  LastProbeTime                     LastTransitionTime                Reason  Message",
      "  ----       ------  -----------------                 ------------------                ------  -------",
      "  Resizing   True    Mon, 01 Jan 0001 00:00:00 +0000   Mon, 01 Jan 2024 00:00:10 +0000           ",
    ]);
    expect(conditionsBlock(printed(r, 16, 2))).toEqual([
      "Conditions:",
      "  Type                      Status  LastProbeTime                     LastTransitionTime                Reason  Message",
      "  ----                      ------  -----------------                 ------------------                ------  -------",
      "  FileSystemResizePending   True    Mon, 01 Jan 0001 00:00:00 +0000   Mon, 01 Jan 2024 00:00:15 +0000           Waiting for user to (re-)start a pod to finish file system resize of volume on node.",
    ]);
    expect(printed(r, 16, 3)).toContain(
      [
        "status:",
        "  accessModes:",
        "  - ReadWriteOnce",
        // RecoverVolumeExpansionFailure (1.32+, resize_status.go markForPendingNodeExpansion).
        "  allocatedResourceStatuses:",
        "    storage: NodeResizePending",
        "  allocatedResources:",
        "    storage: 20Gi",
        "  capacity:",
        "    storage: 10Gi",
        "  conditions:",
        "  - lastProbeTime: null",
        '    lastTransitionTime: "2024-01-01T00:00:15Z"',
        "    message: Waiting for user to (re-)start a pod to finish file system resize of",
        "      volume on node.",
        '    status: "True"',
        "    type: FileSystemResizePending",
        "  phase: Bound",
      ].join("\n"),
    );
    // MarkFSResizeFinished removes the resize conditions: no Conditions block.
    expect(printed(r, 70, 1)).not.toContain("Conditions:");
    const volume = printed(r, 16, 1)?.split("\n")[1].split(" ")[0];
    const row = (text: string | undefined) =>
      text?.split("\n").find((l) => l.includes("FileSystemResizeSuccessful"));
    expect(row(printed(r, 70, 1))).toBe(
      `  Normal   FileSystemResizeSuccessful  8s    kubelet                                               MountVolume.NodeExpandVolume succeeded for volume "${volume}" node-1`,
    );
    expect(row(printed(r, 70, 2))).toBe(
      `  Normal   FileSystemResizeSuccessful  8s    kubelet            MountVolume.NodeExpandVolume succeeded for volume "${volume}" node-1`,
    );
  });
});

describe("RecoverVolumeExpansionFailure's status fields", () => {
  // external-resizer resize_status.go (markControllerResizeInProgress, markForPendingNodeExpansion)
  // and the kubelet's MarkNodeExpansionFinishedWithRecovery, on from 1.32; a 1.28 cluster writes
  // neither field.
  const manifests = { ebs, data: claim("data", "ebs", "10Gi"), app: pod("app", "data") };
  const jsonpath = "'{.status.allocatedResources.storage}/{.status.allocatedResourceStatuses.storage}'";
  const lines = [
    `at 10s ${patch("data", "20Gi")}`,
    `at 11s kubectl get pvc data -o jsonpath=${jsonpath}`,
    `at 16s kubectl get pvc data -o jsonpath=${jsonpath}`,
    `at 70s kubectl get pvc data -o jsonpath=${jsonpath}`,
  ];
  it.each([
    ["1.34", ["20Gi/ControllerResizeInProgress", "20Gi/NodeResizePending", "20Gi/"]],
    ["1.28", ["/", "/", "/"]],
  ])("at %s", async (version, want) => {
    const r = await run(manifests, lines, { settings: [`set kubectl.version = ${version}`] });
    expect([printed(r, 11), printed(r, 16), printed(r, 70)]).toEqual(want);
  });
});

describe("a claim grown again while its volume is being resized", () => {
  const lines = [
    `at 10s ${patch("data", "20Gi")}`,
    `at 12s ${patch("data", "30Gi")}`,
    "at 16s kubectl get pv -o jsonpath='{.items[0].spec.capacity.storage}'",
    "kubectl get pvc data -o jsonpath='{.status.conditions[*].type}'",
    "at 150s kubectl get pvc data -o jsonpath='{.status.capacity.storage}'",
  ];
  const manifests = { ebs, data: claim("data", "ebs", "10Gi"), app: pod("app", "data") };
  const timeline = (r: Result) =>
    events(r, "persistentvolumeclaim/data")
      .slice(-8)
      .map((e) => [e[0], e[2]]);

  // external-resizer controller.go (legacy path): the claim's update is queued while resizePVC
  // runs; once ControllerExpandVolume returns with the first size, the next sync finds the volume
  // smaller than the request (pvNeedResize) and resizes again at once.
  it("at 1.28, resizes to the second size as soon as the first is in", async () => {
    const r = await run(manifests, lines, { settings: ["set kubectl.version = 1.28"] });
    expect(timeline(r).slice(-7)).toEqual([
      [10, "ExternalExpanding"],
      [10, "Resizing"],
      [12, "ExternalExpanding"],
      [15, "FileSystemResizeRequired"],
      [15, "Resizing"],
      [20, "FileSystemResizeRequired"],
      [62, "FileSystemResizeSuccessful"],
    ]);
    expect([printed(r, 16), printed(r, 16, 1), printed(r, 150)]).toEqual(["20Gi", "Resizing", "30Gi"]);
  });

  // expand_and_recover.go expandAndRecover (RecoverVolumeExpansionFailure, 1.32+): with
  // NodeResizePending and the volume as large as allocatedResources, the controller lets the
  // node's expansion finish first; the kubelet's status write (capacity grown) wakes it again.
  it("at 1.34, waits for the kubelet's part of the first size before the second", async () => {
    const r = await run(manifests, lines);
    expect(timeline(r)).toEqual([
      [10, "ExternalExpanding"],
      [10, "Resizing"],
      [12, "ExternalExpanding"],
      [15, "FileSystemResizeRequired"],
      [62, "FileSystemResizeSuccessful"],
      [62, "Resizing"],
      [67, "FileSystemResizeRequired"],
      [122, "FileSystemResizeSuccessful"],
    ]);
    expect([printed(r, 16), printed(r, 16, 1), printed(r, 150)]).toEqual([
      "20Gi",
      "FileSystemResizePending",
      "30Gi",
    ]);
  });
});

describe("a claim no pod mounts", () => {
  // controller.go markPVCAsFSResizeRequired: "Waiting for user to (re-)start a pod"; the
  // kubelet grows the filesystem only when a pod mounts it (operation_generator.go
  // GenerateMountVolumeFunc, expandVolumeDuringMount).
  it("stays FileSystemResizePending until a pod mounts it, then grows at the mount", async () => {
    const r = await run(
      { ebs, data: claim("data", "ebs", "1Gi"), app: pod("app", "data") },
      [
        `at 10s ${patch("data", "2Gi")}`,
        "at 2m kubectl get pvc data -o jsonpath='{.status.conditions[0].type} {.status.capacity.storage}'",
        "at 2m apply app",
        "at 150s kubectl get pvc data -o jsonpath='{.status.conditions} {.status.capacity.storage}'",
      ],
      { later: ["app"] },
    );
    expect(printed(r, 120)).toBe("FileSystemResizePending 1Gi");
    expect(printed(r, 150)).toBe(" 2Gi");
    expect(
      events(r, "persistentvolumeclaim/data")
        .filter((e) => e[2] === "FileSystemResizeSuccessful")
        .map((e) => e[0]),
    ).toEqual([120]);
  });
});

describe("volumes the resizer does not grow on the node", () => {
  // external-resizer: a Block volume needs no NodeExpandVolume, so markPVCResizeFinished sets
  // status.capacity at once (VolumeResizeSuccessful); the new size is the driver's bytes as a
  // BinarySI quantity (csi_resizer.go Resize: resource.NewQuantity(newSizeBytes, BinarySI)).
  it("a Block volume is done when the controller side is: VolumeResizeSuccessful, capacity in bytes", async () => {
    const r = await run({ ebs, raw: claim("raw", "ebs", "1G", "Block") }, [
      `at 10s ${patch("raw", "2G")}`,
      "at 20s kubectl get pvc raw -o jsonpath='{.status.capacity.storage} {.status.conditions}'",
    ]);
    expect(
      events(r, "persistentvolumeclaim/raw")
        .slice(-2)
        .map((e) => e.slice(0, 4)),
    ).toEqual([
      [10, "Normal", "Resizing", expect.stringMatching(/^External resizer is resizing volume pvc-/)],
      [15, "Normal", "VolumeResizeSuccessful", "Resize volume succeeded"],
    ]);
    // (jsonpath prints the absent conditions as nothing; the report trims the line.)
    expect(printed(r, 20)).toBe("1953125Ki");
  });

  // expand_controller.go: FindExpandablePluginBySpec finds no plugin for a hostPath volume and
  // there is no CSI driver to run a resizer, so the claim keeps its size (kind's local-path).
  it("a local-path volume is never grown: only ExternalExpanding", async () => {
    const lp = ebs.replace("name: ebs", "name: lp").replace("ebs.csi.aws.com", "rancher.io/local-path");
    const r = await run({ lp, data: claim("data", "lp", "1Gi"), app: pod("app", "data") }, [
      `at 10s ${patch("data", "2Gi")}`,
      "at 2m kubectl get pvc data -o jsonpath='{.status.capacity.storage} {.status.conditions}'",
      "kubectl get pv -o jsonpath='{.items[0].spec.capacity.storage}'",
    ]);
    expect(events(r, "persistentvolumeclaim/data").slice(-1)).toEqual([
      [10, "Warning", "ExternalExpanding", "waiting for an external controller to expand this PVC"],
    ]);
    expect([printed(r, 120), printed(r, 120, 1)]).toEqual(["1Gi", "1Gi"]);
  });
});

describe("what the API server refuses", () => {
  // validation.go ValidatePersistentVolumeClaimUpdate: without RecoverVolumeExpansionFailure
  // (off before 1.32) any decrease is refused; with it, a decrease to status.capacity or below.
  it.each([
    ["1.28", "field can not be less than previous value"],
    ["1.34", "field can not be less than status.capacity"],
  ])("a shrink at %s", async (version, message) => {
    const r = await run({ ebs, data: claim("data", "ebs", "10Gi") }, [`at 10s ${patch("data", "5Gi")}`], {
      settings: [`set kubectl.version = ${version}`],
    });
    expect(printed(r, 10)).toBe(
      `The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: ${message}`,
    );
  });

  it("a growth back above status.capacity is let through at 1.34 only", async () => {
    const lines = [`at 10s ${patch("data", "20Gi")}`, patch("data", "15Gi")];
    const old = await run({ ebs, data: claim("data", "ebs", "10Gi") }, lines, {
      settings: ["set kubectl.version = 1.28"],
    });
    const now = await run({ ebs, data: claim("data", "ebs", "10Gi") }, lines);
    expect(printed(old, 10, 1)).toBe(
      'The PersistentVolumeClaim "data" is invalid: spec.resources.requests.storage: Forbidden: field can not be less than previous value',
    );
    expect(printed(now, 10, 1)).toBe("persistentvolumeclaim/data patched");
  });

  // ValidateStatefulSetUpdate: volumeClaimTemplates is not among the fields an update may change,
  // so growing a StatefulSet's claims means patching each claim.
  it("a StatefulSet's volumeClaimTemplates cannot grow", async () => {
    const sts = (size: string) =>
      [
        "apiVersion: apps/v1",
        "kind: StatefulSet",
        "metadata: {name: db}",
        "spec:",
        "  serviceName: db",
        "  replicas: 1",
        "  selector: {matchLabels: {app: db}}",
        "  template:",
        "    metadata: {labels: {app: db}}",
        "    spec: {containers: [{name: db, image: postgres:16}]}",
        "  volumeClaimTemplates:",
        "  - metadata: {name: data}",
        `    spec: {storageClassName: ebs, accessModes: [ReadWriteOnce], resources: {requests: {storage: ${size}}}}`,
      ].join("\n");
    const r = await run({ ebs, db: sts("10Gi"), bigger: sts("20Gi") }, ["at 10s apply bigger"], {
      later: ["bigger"],
    });
    expect(printed(r, 10)).toBe(
      "The StatefulSet \"db\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });
});
