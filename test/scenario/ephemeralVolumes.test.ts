// Generic ephemeral volumes through whole runs (docs/storage.md): the ephemeral volume
// controller's claim (pkg/controller/volume/ephemeral controller.go handleVolume), bound as any
// claim and collected with its pod; the scheduler's refusals (volume_binding.go podHasPVCs);
// kubectl's words for them (describe.go printEphemeralVolumeSource, getPodsForPVC).
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";

type Result = Awaited<ReturnType<typeof runScenario>>;

const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;

const ephemeralVolume = (indent: string) =>
  [
    "volumes:",
    "- name: scratch",
    "  ephemeral:",
    "    volumeClaimTemplate:",
    "      metadata: {labels: {type: scratch, tier: cache}}",
    "      spec:",
    "        accessModes: [ReadWriteOnce]",
    "        resources: {requests: {storage: 1Gi}}",
  ].map((l) => indent + l);

const deployment = [
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata: {name: web}",
  "spec:",
  "  replicas: 2",
  "  selector: {matchLabels: {app: web}}",
  "  template:",
  "    metadata: {labels: {app: web}}",
  "    spec:",
  "      containers: [{name: app, image: nginx}]",
  ...ephemeralVolume("      "),
].join("\n");

const pod = [
  "apiVersion: v1",
  "kind: Pod",
  "metadata: {name: app}",
  "spec:",
  "  containers: [{name: app, image: nginx}]",
  ...ephemeralVolume("  "),
].join("\n");

const scenario = (lines: string[], manifests: Record<string, string>, runFor = "run for 90s") =>
  [
    ...Object.entries(manifests).flatMap(([name, body]) => [`manifest ${name} = <<YAML`, body, "YAML"]),
    ...lines,
    runFor,
    "",
  ].join("\n");

const run = (text: string) => runScenario({ text, file: "s.scn" }, {});

describe.each([
  ["implicit nodes", [] as string[]],
  ["declared capacity", ["nodes 2 with cpu 4 memory 8Gi"]],
])("a Deployment's generic ephemeral volumes (%s)", (_, nodes) => {
  it("each pod gets its claim <pod>-<volume>, owned by it, bound by the default class; both go with the pod", async () => {
    const r = await run(
      scenario(
        [
          ...nodes,
          "apply web",
          "at 10s kubectl get pvc -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.ownerReferences[0].controller} {.metadata.ownerReferences[0].blockOwnerDeletion} {.metadata.labels.type} {.status.phase}{\"\\n\"}{end}'",
          "at 10s kubectl get pods -o jsonpath='{range .items[*]}{.metadata.name} {.status.phase}{\"\\n\"}{end}'",
          "at 20s kubectl delete deployment web",
          "at 80s kubectl get pods,pvc,pv",
        ],
        { web: deployment },
      ),
    );
    const pods = printed(r, 10, 1)!.trim().split("\n");
    expect(pods).toHaveLength(2);
    expect(pods.every((l) => l.endsWith(" Running"))).toBe(true);
    // ephemeral.VolumeClaimName: "<pod>-<volume>"; the pod its controller (handleVolume).
    expect(printed(r, 10)!.trim().split("\n")).toEqual(
      pods.map((l) => {
        const name = l.split(" ")[0];
        return `${name}-scratch Pod/${name} true true scratch Bound`;
      }),
    );
    // The garbage collector takes each claim with its pod, and the provisioner the volume (Delete).
    expect(printed(r, 80)).toBe("No resources found in default namespace.");
  });
});

describe("kubectl's words for an ephemeral volume", () => {
  it("describe pod prints the claim template through a nested writer; describe pvc names the owner pod", async () => {
    const r = await run(
      scenario(
        ["apply app", "at 10s kubectl describe pod app", "at 10s kubectl describe pvc app-scratch"],
        { app: pod },
        "run for 11s",
      ),
    );
    const describePod = printed(r, 10)!.split("\n");
    const at = describePod.indexOf("  scratch:");
    // printEphemeralVolumeSource: NewNestedPrefixWriter(w, LEVEL_2) indents every write, the
    // label and annotation values' too (four spaces after their column, eight before a later label's tab).
    expect(describePod.slice(at, at + 10)).toEqual([
      "  scratch:",
      "    Type:          EphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)",
      "    StorageClass:  ",
      "    Volume:        ",
      "    Labels:            tier=cache",
      "                       type=scratch",
      "    Annotations:       <none>",
      "    Capacity:      ",
      "    Access Modes:  ",
      // SetDefaults_PersistentVolumeClaimSpec on the pod's template (SetObjectDefaults_Pod).
      "    VolumeMode:    Filesystem",
    ]);
    // getPodsForPVC: the pods among the claim's owners are "Used By" it.
    expect(printed(r, 10, 1)).toMatch(/\nLabels:\s+tier=cache\n\s+type=scratch\n/);
    expect(printed(r, 10, 1)).toMatch(/\nUsed By:\s+app\n/);
  });
});

describe("a claim of that name the pod does not own", () => {
  const claim = [
    "apiVersion: v1",
    "kind: PersistentVolumeClaim",
    "metadata: {name: app-scratch}",
    "spec:",
    "  accessModes: [ReadWriteOnce]",
    "  resources: {requests: {storage: 1Gi}}",
  ].join("\n");

  // ephemeral.VolumeIsForPod, in the ephemeral volume controller (its FailedBinding event, the
  // pod retried under DefaultTypedControllerRateLimiter: 5 ms doubling) and in the scheduler's
  // PreFilter (UnschedulableAndUnresolvable, so preemption is not helpful).
  it("is not used: FailedBinding repeats, the pod is unschedulable until the claim is deleted", async () => {
    const r = await run(
      scenario(
        [
          "apply claim",
          "apply app",
          "at 60s kubectl get events --field-selector involvedObject.name=app,reason=FailedBinding -o jsonpath='{.items[0].count} {.items[0].source.component} {.items[0].message}'",
          "at 61s kubectl delete pvc app-scratch",
          "at 70s kubectl get pod app -o jsonpath='{.status.phase}'",
          "at 70s kubectl get pvc app-scratch -o jsonpath='{.metadata.ownerReferences[0].name} {.status.phase}'",
        ],
        { app: pod, claim },
      ),
    );
    const notOwner = "PVC default/app-scratch was not created for pod default/app (pod is not owner)";
    expect(r.events.filter((e) => e.reason === "FailedScheduling").map((e) => [e.time, e.message])).toEqual([
      [
        0,
        `0/3 nodes are available: ${notOwner}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..`,
      ],
    ]);
    // Retries at 5 ms, 15 ms, 35 ms … 40.955 s: 14 by the 60th second.
    expect(printed(r, 60)).toBe(`14 ephemeral_volume ephemeral volume scratch: ${notOwner}`);
    // The user's claim goes at once (no scheduled pod uses it: podUsesPVC), and the pod's own is made.
    expect(printed(r, 70)).toBe("Running");
    expect(printed(r, 70, 1)).toBe("app Bound");
  });
});

describe("a claim the API server refuses", () => {
  const quota = [
    "apiVersion: v1",
    "kind: ResourceQuota",
    "metadata: {name: q}",
    "spec:",
    '  hard: {persistentvolumeclaims: "0"}',
  ].join("\n");

  // handleVolume's create error, wrapped by syncHandler's event; podHasPVCs' words for an
  // ephemeral volume's claim not made yet.
  it("is retried under the rate limit while the pod waits for it", async () => {
    const r = await run(
      scenario(
        [
          "apply q",
          "apply app",
          "at 30s kubectl delete resourcequota q",
          "at 50s kubectl get pod app -o jsonpath='{.status.phase}'",
        ],
        { app: pod, q: quota },
        "run for 51s",
      ),
    );
    expect(r.events.find((e) => e.reason === "FailedBinding")?.message).toBe(
      'ephemeral volume scratch: create PVC app-scratch: persistentvolumeclaims "app-scratch" is forbidden: exceeded quota: q, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=0, limited: persistentvolumeclaims=0',
    );
    expect(r.events.find((e) => e.reason === "FailedScheduling")?.message).toBe(
      '0/3 nodes are available: waiting for ephemeral volume controller to create the persistentvolumeclaim "app-scratch". preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..',
    );
    // The retry after the quota went: 40.955 s, the 14th (5 ms · (2^13 − 1)).
    expect(r.events.find((e) => e.reason === "ProvisioningSucceeded")?.time).toBeCloseTo(42.955, 6);
    expect(printed(r, 50)).toBe("Running");
  });
});

describe("a StatefulSet pod made again", () => {
  const statefulSet = [
    "apiVersion: apps/v1",
    "kind: StatefulSet",
    "metadata: {name: web}",
    "spec:",
    "  replicas: 1",
    "  serviceName: web",
    "  selector: {matchLabels: {app: web}}",
    "  template:",
    "    metadata: {labels: {app: web}}",
    "    spec:",
    "      containers: [{name: app, image: nginx}]",
    ...ephemeralVolume("      "),
  ].join("\n");

  // The old claim goes with the old web-0 (garbage collector), the new web-0 gets a new claim of
  // the same name: another uid, so another volume (pvc-<uid>), and the old volume's release and
  // deletion do not sync the new claim again (pv_controller.go: a volume's claimRef names a uid).
  it("gets a claim of the same name with another uid, and its events once", async () => {
    const uidAndVolume = "kubectl get pvc web-0-scratch -o jsonpath='{.metadata.uid} {.spec.volumeName}'";
    const r = await run(
      scenario(
        [
          "apply web",
          `at 20s ${uidAndVolume}`,
          "at 30s kubectl rollout restart statefulset web",
          `at 80s ${uidAndVolume}`,
        ],
        { web: statefulSet },
      ),
    );
    const [uid1, pv1] = printed(r, 20)!.split(" ");
    const [uid2, pv2] = printed(r, 80)!.split(" ");
    expect(uid2).not.toBe(uid1);
    expect(pv1).toBe(`pvc-${uid1}`);
    expect(pv2).toBe(`pvc-${uid2}`);
    const waits = r.events.filter((e) => e.reason === "WaitForFirstConsumer").map((e) => e.time);
    expect(waits).toHaveLength(2);
    expect(r.events.filter((e) => e.reason === "FailedBinding")).toEqual([]);
  });
});
