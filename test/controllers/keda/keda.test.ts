/**
 * KEDA's operator in a run (src/engine/controllers/keda), against kedacore/keda 2.16:
 * controllers/keda/scaledobject_controller.go (Reconcile, reconcileScaledObject, the checks and
 * their messages), controllers/keda/hpa.go (the HPA), pkg/scaling/executor/scale_scaledobjects.go
 * (RequestScale: activation, cooldown, idleReplicaCount, paused-replicas), the CRD's printer
 * columns (config/crd/bases/keda.sh_scaledobjects.yaml) and its events (pkg/eventreason).
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/scenario/index.ts";
import { nodeHost } from "../../../src/scenario/nodeHost.ts";

type Result = Awaited<ReturnType<typeof runScenario>>;

/** The text a kubectl line printed at `time` (seconds), the nth at that instant. */
const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;

/** An object's events, each `time reason: message` once (a repeated one counts in `count`). */
const eventsOf = (r: Result, object: string) =>
  r.events.filter((e) => e.object === object).map((e) => `${e.time} ${e.reason}: ${e.message}`);

const run = (text: string) => runScenario({ text, file: "s.scn" }, {});

const deployment = (name: string, replicas: number) => [
  "apiVersion: apps/v1",
  "kind: Deployment",
  "metadata:",
  `  name: ${name}`,
  "spec:",
  `  replicas: ${replicas}`,
  "  selector:",
  `    matchLabels: {app: ${name}}`,
  "  template:",
  "    metadata:",
  `      labels: {app: ${name}}`,
  "    spec:",
  "      containers:",
  `        - {name: ${name}, image: "nginx:1.25", resources: {requests: {cpu: 100m}}}`,
];

const prometheus = (extra = "") =>
  `    - {type: prometheus, metadata: {serverAddress: "http://prom:9090", query: "sum(up)", threshold: "5"${extra}}}`;

describe("scenarios/keda-scale-to-zero.scn: a queue worker from zero and back, a cron window", () => {
  it("passes, with KEDA's columns, HPAs and events", async () => {
    const file = "scenarios/keda-scale-to-zero.scn";
    const r = await runScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["RC4125"]);
    expect([r.status, r.passed, r.failures]).toEqual(["passed", true, []]);
    expect(printed(r, 60)).toBe(
      [
        "NAME     SCALETARGETKIND      SCALETARGETNAME   MIN   MAX   READY   ACTIVE   FALLBACK   PAUSED    TRIGGERS     AUTHENTICATIONS   AGE",
        "web      apps/v1.Deployment   web               1     10    True    False    False      Unknown   cron         <none>            60s",
        "worker   apps/v1.Deployment   worker            0     20    True    False    False      Unknown   prometheus   <none>            60s",
      ].join("\n"),
    );
    // The worker at 0: the HPA's scaling is disabled (its REPLICAS 0), KEDA's alone brings it back.
    expect(printed(r, 60, 1)).toBe(
      [
        "NAME              REFERENCE           TARGETS              MINPODS   MAXPODS   REPLICAS   AGE",
        "keda-hpa-web      Deployment/web      1/1 (avg)            1         10        1          60s",
        "keda-hpa-worker   Deployment/worker   <unknown>/10 (avg)   1         20        0          60s",
      ].join("\n"),
    );
    expect(printed(r, 300, 1)).toBe(
      [
        "NAME              REFERENCE           TARGETS      MINPODS   MAXPODS   REPLICAS   AGE",
        "keda-hpa-worker   Deployment/worker   9/10 (avg)   1         20        5          5m",
      ].join("\n"),
    );
    // Deactivated at its second poll (never active, initialCooldownPeriod 0), activated at the
    // poll after the load, deactivated once the last active poll (9m45s) is 180 s behind.
    expect(eventsOf(r, "scaledobject/worker")).toEqual([
      "0 ScaledObjectReady: ScaledObject is ready for scaling",
      "15 KEDAScaleTargetDeactivated: Deactivated apps/v1.Deployment default/worker from 1 to 0",
      "120 KEDAScaleTargetActivated: Scaled apps/v1.Deployment default/worker from 0 to 1, triggered by prometheusScaler",
      "780 KEDAScaleTargetDeactivated: Deactivated apps/v1.Deployment default/worker from 5 to 0",
    ]);
    const describe = printed(r, 840)!.split("\n");
    expect(describe.slice(0, 3)).toEqual([
      "Name:         worker",
      "Namespace:    default",
      "Labels:       scaledobject.keda.sh/name=worker",
    ]);
    expect(describe).toEqual(
      expect.arrayContaining([
        "  External Metric Names:",
        "    s0-prometheus",
        "  Hpa Name:                keda-hpa-worker",
        "  Last Active Time:        2024-01-01T00:09:45Z",
        "  Original Replica Count:  1",
        "  Scale Target Kind:  apps/v1.Deployment",
        "  Triggers Types:     prometheus",
      ]),
    );
  });
});

describe("a ScaledObject KEDA refuses, paused-replicas, and two on one target", () => {
  const text = [
    "manifest m = <<YAML",
    ...deployment("web", 3),
    "---",
    "apiVersion: keda.sh/v1alpha1",
    "kind: ScaledObject",
    "metadata: {name: web}",
    "spec:",
    "  scaleTargetRef: {name: web}",
    "  minReplicaCount: 1",
    "  triggers:",
    prometheus(),
    "---",
    "apiVersion: keda.sh/v1alpha1",
    "kind: ScaledObject",
    "metadata: {name: noname}",
    "spec:",
    "  scaleTargetRef: {kind: Deployment}",
    "  triggers:",
    prometheus(),
    "---",
    "apiVersion: keda.sh/v1alpha1",
    "kind: ScaledObject",
    "metadata: {name: bounds}",
    "spec:",
    "  scaleTargetRef: {name: web}",
    "  minReplicaCount: 5",
    "  maxReplicaCount: 2",
    "  triggers:",
    prometheus(),
    "YAML",
    "at 0s apply m",
    // No metricName: the generated name is the load's.
    "at 1m load deployment/web metric s0-prometheus 30",
    "at 2m kubectl get so",
    "at 3m kubectl annotate so web autoscaling.keda.sh/paused-replicas=2",
    "at 4m kubectl get so web",
    "at 4m kubectl get hpa",
    "at 4m kubectl get deploy web",
    "at 5m kubectl annotate so web autoscaling.keda.sh/paused-replicas-",
    "at 6m kubectl get so web",
    "at 6m kubectl get hpa",
    "run until 7m",
    "",
  ].join("\n");

  it("checks the target's name and the replica bounds (Ready False ScaledObjectCheckFailed, retried)", async () => {
    const r = await run(text);
    expect(printed(r, 120)).toBe(
      [
        "NAME     SCALETARGETKIND      SCALETARGETNAME   MIN      MAX      READY   ACTIVE    FALLBACK   PAUSED    TRIGGERS     AUTHENTICATIONS   AGE",
        "bounds   apps/v1.Deployment   web               5        2        False   Unknown   False      Unknown   <none>       <none>            2m",
        "noname   <none>               <none>            <none>   <none>   False   Unknown   False      Unknown   <none>       <none>            2m",
        "web      apps/v1.Deployment   web               1        <none>   True    True      False      Unknown   prometheus   <none>            2m",
      ].join("\n"),
    );
    const failed = (name: string) => [
      ...new Set(
        r.events
          .filter((e) => e.object === `scaledobject/${name}`)
          .map((e) => `${e.type} ${e.reason}: ${e.message}`),
      ),
    ];
    expect(failed("noname")).toEqual([
      "Warning ScaledObjectCheckFailed: ScaledObject doesn't have correct scaleTargetRef specification: ScaledObject.spec.scaleTargetRef.name is missing",
    ]);
    expect(failed("bounds")).toEqual([
      "Warning ScaledObjectCheckFailed: ScaledObject doesn't have correct Idle/Min/Max Replica Counts specification: MinReplicaCount=5 must be less than MaxReplicaCount=2",
    ]);
    // The work queue's backoff (5 ms doubling): tried again, never an HPA.
    expect(r.events.filter((e) => e.object === "scaledobject/noname").length).toBeGreaterThan(10);
    expect(r.events.some((e) => e.object === "horizontalpodautoscaler/keda-hpa-noname")).toBe(false);
  });

  it("paused-replicas: the target at the paused count, the HPA deleted, Paused True; removed, the HPA is made again", async () => {
    const r = await run(text);
    expect(printed(r, 240)).toBe(
      [
        "NAME   SCALETARGETKIND      SCALETARGETNAME   MIN   MAX      READY   ACTIVE   FALLBACK   PAUSED   TRIGGERS     AUTHENTICATIONS   AGE",
        "web    apps/v1.Deployment   web               1     <none>   True    True     False      True     prometheus   <none>            4m",
      ].join("\n"),
    );
    expect(printed(r, 240, 1)).toBe("No resources found in default namespace.");
    expect(printed(r, 240, 2)).toBe(
      ["NAME   READY   UP-TO-DATE   AVAILABLE   AGE", "web    2/2     2            2           4m"].join(
        "\n",
      ),
    );
    expect(printed(r, 360)).toContain("False      False    prometheus");
    // Made again at 5m: 30 / 5 per pod asks for 6 again.
    expect(printed(r, 360, 1)).toBe(
      [
        "NAME           REFERENCE        TARGETS     MINPODS   MAXPODS   REPLICAS   AGE",
        "keda-hpa-web   Deployment/web   5/5 (avg)   1         100       6          60s",
      ].join("\n"),
    );
  });
});

describe("the scale loop's other paths", () => {
  const text = [
    "manifest m = <<YAML",
    ...deployment("web", 2),
    "---",
    "apiVersion: keda.sh/v1alpha1",
    "kind: ScaledObject",
    "metadata: {name: a}",
    "spec:",
    "  scaleTargetRef: {name: web}",
    "  minReplicaCount: 0",
    "  triggers:",
    '    - {type: cpu, metricType: Utilization, metadata: {value: "50"}}',
    "---",
    "apiVersion: keda.sh/v1alpha1",
    "kind: ScaledObject",
    "metadata: {name: b}",
    "spec:",
    "  scaleTargetRef: {name: web}",
    "  triggers:",
    "    - {type: memory, metricType: AverageValue, metadata: {value: 200Mi, containerName: web}}",
    "---",
    ...deployment("jobs", 1),
    "---",
    "apiVersion: keda.sh/v1alpha1",
    "kind: ScaledObject",
    "metadata: {name: jobs}",
    "spec:",
    "  scaleTargetRef: {name: jobs}",
    "  idleReplicaCount: 0",
    "  minReplicaCount: 2",
    "  maxReplicaCount: 6",
    "  cooldownPeriod: 60",
    "  triggers:",
    prometheus(', ignoreNullValues: "false"'),
    "YAML",
    "at 0s apply m",
    "at 1m kubectl get so",
    "at 1m kubectl get hpa",
    "at 2m load deployment/jobs metric s0-prometheus 3",
    "at 3m kubectl get so jobs",
    "at 4m load deployment/jobs metric s0-prometheus 0",
    "run until 6m",
    "",
  ].join("\n");

  it("cpu or memory alone is always active (never to zero); two ScaledObjects on one target make two HPAs that select the same pods", async () => {
    const r = await run(text);
    expect(printed(r, 60)).toBe(
      [
        "NAME   SCALETARGETKIND      SCALETARGETNAME   MIN      MAX      READY   ACTIVE   FALLBACK   PAUSED    TRIGGERS     AUTHENTICATIONS   AGE",
        "a      apps/v1.Deployment   web               0        <none>   True    True     False      Unknown   cpu          <none>            60s",
        "b      apps/v1.Deployment   web               <none>   <none>   True    True     False      Unknown   memory       <none>            60s",
        "jobs   apps/v1.Deployment   jobs              2        6        False   False    False      Unknown   prometheus   <none>            60s",
      ].join("\n"),
    );
    expect(printed(r, 60, 1)).toBe(
      [
        "NAME            REFERENCE         TARGETS                   MINPODS   MAXPODS   REPLICAS   AGE",
        "keda-hpa-a      Deployment/web    cpu: <unknown>/50%        1         100       2          60s",
        "keda-hpa-b      Deployment/web    memory: <unknown>/200Mi   1         100       2          60s",
        "keda-hpa-jobs   Deployment/jobs   <unknown>/5 (avg)         2         6         2          60s",
      ].join("\n"),
    );
    // KEDA's admission webhook, which refuses the second, is not simulated: the HPA controller
    // finds both HPAs over the same pods (horizontal.go AmbiguousSelector).
    expect(r.events.map((e) => `${e.object} ${e.reason}: ${e.message}`)).toContain(
      "horizontalpodautoscaler/keda-hpa-b AmbiguousSelector: pods by selector app=web are controlled by multiple HPAs: [default/keda-hpa-a default/keda-hpa-b]",
    );
    expect(
      r.events.some((e) => e.object === "scaledobject/a" && e.reason === "KEDAScaleTargetDeactivated"),
    ).toBe(false);
  });

  it("a trigger in error: Ready False TriggerError, KEDAScalerFailed; idleReplicaCount: inactive after cooldown goes to idle, not to min", async () => {
    const r = await run(text);
    expect(printed(r, 180)).toContain(
      "jobs   apps/v1.Deployment   jobs              2     6     True    True ",
    );
    const jobs = r.events.filter((e) => e.object === "scaledobject/jobs");
    expect(jobs.map((e) => `${e.type} ${e.reason}: ${e.message}`)).toEqual([
      "Normal ScaledObjectReady: ScaledObject is ready for scaling",
      // At each poll (pollingInterval 30 s) until the load is there at 2m.
      ...Array(4).fill(
        "Warning KEDAScalerFailed: prometheus metrics 'prometheus' target may be lost, the result is empty",
      ),
      // The last active poll at 3m30s; 60 s later, strictly: the poll at 5m.
      "Normal KEDAScaleTargetDeactivated: Deactivated apps/v1.Deployment default/jobs from 2 to 0",
    ]);
    expect(jobs.map((e) => e.time)).toEqual([0, 0, 30, 60, 90, 300]);
  });
});

describe("the HPA KEDA owns", () => {
  it("is made again when deleted (Owns(&HorizontalPodAutoscaler{})), as another object; the ScaledObject deleted, it goes too", async () => {
    const r = await run(
      [
        "manifest m = <<YAML",
        ...deployment("web", 2),
        "---",
        "apiVersion: keda.sh/v1alpha1",
        "kind: ScaledObject",
        "metadata: {name: web}",
        "spec:",
        "  scaleTargetRef: {name: web}",
        "  minReplicaCount: 1",
        "  triggers:",
        prometheus(),
        "YAML",
        "at 0s apply m",
        "at 30s kubectl get hpa keda-hpa-web -o jsonpath={.metadata.uid}",
        "at 1m kubectl delete hpa keda-hpa-web",
        "at 1m1s kubectl get hpa keda-hpa-web -o jsonpath={.metadata.uid}",
        "at 1m1s kubectl get hpa",
        "at 2m kubectl delete so web",
        "at 2m1s kubectl get hpa",
        "at 2m1s kubectl get deploy web",
        "run until 3m",
        "",
      ].join("\n"),
    );
    expect([r.status, r.failures]).toEqual(["passed", []]);
    expect(printed(r, 61)).toMatch(/^[0-9a-f-]{36}$/);
    expect(printed(r, 61)).not.toBe(printed(r, 30));
    // Not synced yet: a new HPA's first sync is 15 s after its creation.
    expect(printed(r, 61, 1)).toBe(
      [
        "NAME           REFERENCE        TARGETS             MINPODS   MAXPODS   REPLICAS   AGE",
        "keda-hpa-web   Deployment/web   <unknown>/5 (avg)   1         100       0          1s",
      ].join("\n"),
    );
    // The garbage collector takes the HPA with its owner; the target keeps its replicas
    // (restoreToOriginalReplicaCount is false by default).
    expect(printed(r, 121)).toBe("No resources found in default namespace.");
    expect(printed(r, 121, 1)).toBe(
      ["NAME   READY   UP-TO-DATE   AVAILABLE   AGE", "web    2/2     2            2           2m1s"].join(
        "\n",
      ),
    );
  });
});
