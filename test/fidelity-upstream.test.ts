// `replicast fidelity FILE` on vectors in the shipped format for upstream cases whose fields the
// shipped files do not exercise — transcribed here from Kubernetes' tests, each named by its
// source: the scale UPDATE failing, a scale without a selector, scale events without
// behavior, no resource metrics at all, and the Progressing condition's times. Also the
// command's exit statuses and where it finds the shipped files.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_VECTOR_FILES } from "../src/cli/fidelity.ts";
import { main } from "../src/cli/main.ts";
import { defaultServices } from "../src/scenario/defaultServices.ts";
import { memoryIO } from "./cli/io.ts";

const LONG_AGO = 1e12;
const CONFIG = {
  tolerance: 0.1,
  cpuInitializationPeriodSec: 120,
  initialReadinessDelaySec: 10,
  downscaleStabilizationWindowSec: 300,
  scaleUpLimitFactor: 8,
  scaleUpLimitMinimum: 4,
};
/** horizontal_test.go's fixture: 3 ready pods, requests split in two containers, cpu levels split likewise. */
function controllerInputs(requestMilli: number, levels: number[], cpuTarget: number) {
  const names = levels.map((_, k) => `test-pod-${k}`);
  return {
    minReplicas: 1,
    specReplicas: 3,
    statusReplicas: 3,
    metrics: [
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: cpuTarget } },
      },
    ],
    behavior: null,
    pods: names.map((name) => ({
      name,
      phase: "Running",
      deleted: false,
      readyCondition: "True",
      startAgeSec: LONG_AGO,
      readyTransitionAgeSec: LONG_AGO,
      containers: [
        { name: "container1", requestMilli: requestMilli / 2 },
        { name: "container2", requestMilli: requestMilli / 2 },
      ],
    })),
    controllerConfig: CONFIG,
    recommendationHistory: null,
    resourceMetricSamples: names.map((podName, k) => ({
      podName,
      cpuMilliPerContainer: { container1: levels[k] / 2, container2: levels[k] / 2 },
      ageSec: 0,
      windowSec: 60,
    })),
  };
}

const VECTORS = [
  {
    id: "u1",
    source: "horizontal_test.go:TestConditionFailedUpdateScale",
    kind: "controller",
    inputs: {
      ...controllerInputs(100, [150, 150, 150], 100),
      maxReplicas: 5,
      faults: { updateScale: "error" },
    },
    expected: {
      desiredReplicas: 3,
      statusDesiredReplicas: 3,
      conditions: [
        ["AbleToScale", "False", "FailedUpdateScale"],
        ["ScalingActive", "True", "ValidMetricFound"],
        ["ScalingLimited", "False", "DesiredWithinRange"],
      ],
      scaleUpdated: false,
      eventReasons: ["FailedRescale"],
      event: {
        reason: "FailedRescale",
        message:
          "New size: 5; reason: cpu resource utilization (percentage of request) above target; error: something went wrong",
      },
    },
  },
  {
    id: "u2",
    source: "horizontal_test.go:TestConditionInvalidSelectorMissing",
    kind: "controller",
    inputs: { ...controllerInputs(100, [100, 200, 300], 10), maxReplicas: 100, scaleSelector: "" },
    expected: {
      desiredReplicas: 3,
      conditions: [
        ["AbleToScale", "True", "SucceededGetScale"],
        ["ScalingActive", "False", "InvalidSelector"],
      ],
      scaleUpdated: false,
      eventCount: 2,
      eventReasons: ["SelectorRequired", "FailedComputeMetricsReplicas"],
    },
  },
  {
    id: "u3",
    source:
      "horizontal_test.go:TestStoreScaleEvents / one outdated entry to be kept untouched without behavior",
    kind: "scaleEventStore",
    inputs: {
      replicaChange: 5,
      previousEvents: [{ replicaChange: 7, ageSec: 61, outdated: false }],
      rules: null,
    },
    expected: { replicasChangeInLast60sBefore: 0, eventsAfter: [{ replicaChange: 7, outdated: false }] },
  },
  {
    id: "u4",
    source: "horizontal_test.go:TestStoreScaleEvents / two entries, one of them to be replaced",
    kind: "scaleEventStore",
    inputs: {
      replicaChange: 5,
      previousEvents: [
        { replicaChange: 7, ageSec: 61, outdated: false },
        { replicaChange: 6, ageSec: 59, outdated: false },
      ],
      // generateScalingRules(10, 60, 0, 0, 0): a Pods policy only.
      rules: {
        stabilizationWindowSeconds: 0,
        selectPolicy: "Max",
        policies: [{ type: "Pods", value: 10, periodSeconds: 60 }],
      },
    },
    expected: {
      replicasChangeInLast60sBefore: 6,
      eventsAfter: [
        { replicaChange: 5, outdated: false },
        { replicaChange: 6, outdated: false },
      ],
    },
  },
  {
    id: "u5",
    source: "replica_calculator_test.go:TestReplicaCalcEmptyMetrics",
    kind: "replicaCalc",
    inputs: {
      metricSource: "Resource",
      resource: "cpu",
      targetType: "Utilization",
      container: null,
      targetAverageUtilization: 100,
      currentReplicas: 4,
      tolerance: { scaleDown: 0.1, scaleUp: 0.1 },
      pods: [0, 1, 2, 3].map((k) => ({
        name: `test-pod-${k}`,
        phase: "Running",
        deleted: false,
        readyCondition: "True",
        startAgeSec: LONG_AGO,
        readyTransitionAgeSec: LONG_AGO,
        requestMilli: 1000,
        usageMilli: null,
      })),
    },
    expected: {
      error: "unable to get metrics for resource cpu: no metrics returned from resource metrics API",
    },
  },
  {
    // progress.go: a timed-out rollout gets a new Progressing condition (status False), so both
    // times are set to now (deployment_util.go NewDeploymentCondition, SetDeploymentCondition).
    id: "u6",
    source:
      "pkg/controller/deployment/progress_test.go:TestSyncRolloutStatus/DeploymentTimedOut: update status if rollout exceeds Progress Deadline",
    kind: "syncRolloutStatus",
    inputs: {
      deployment: {
        name: "progress-test",
        strategy: "Recreate",
        progressDeadlineSeconds: 60,
        replicas: 3,
        status: { replicas: 2, updatedReplicas: 2, availableReplicas: 2, readyReplicas: 0 },
        conditions: [
          {
            type: "Progressing",
            status: "True",
            reason: "ReplicaSetUpdated",
            lastUpdateTime: "2017-02-15T18:49:00Z",
            lastTransitionTime: "2017-02-15T18:49:00Z",
          },
        ],
      },
      otherRSs: [],
      newRS: { name: "foo", specReplicas: 3, statusReplicas: 2, availableReplicas: 2 },
    },
    expected: {
      progressingCondition: {
        status: "False",
        reason: "ProgressDeadlineExceeded",
        message: 'ReplicaSet "foo" has timed out progressing.',
        lastTransitionTime: "refreshed",
        lastUpdateTime: "refreshed",
      },
    },
  },
];

async function fidelity(files: Record<string, string>, args: string[]) {
  const io = memoryIO(files);
  const code = await main(["fidelity", ...args], io, defaultServices);
  return { code, out: io.stdoutText, err: io.stderrText };
}

describe("replicast fidelity FILE", () => {
  it("passes the upstream cases transcribed with the structured fields", async () => {
    const r = await fidelity({ "upstream.json": JSON.stringify(VECTORS) }, ["upstream.json"]);
    expect(r.out).toBe(
      `upstream.json: ${VECTORS.length} passed, 0 failed\n${VECTORS.length} passed, 0 failed\n`,
    );
    expect(r.code).toBe(0);
  });

  it("exits 1 and names the vector and the field when one fails", async () => {
    const wrong = structuredClone(VECTORS[0]);
    wrong.expected.statusDesiredReplicas = 5;
    const r = await fidelity({ "v.json": JSON.stringify([wrong]) }, ["v.json"]);
    expect(r.out).toBe(
      "FAIL v.json u1 [controller] horizontal_test.go:TestConditionFailedUpdateScale\n" +
        "     statusDesiredReplicas: expected 5, got 3\n" +
        "v.json: 0 passed, 1 failed\n0 passed, 1 failed\n",
    );
    expect(r.code).toBe(1);
  });

  it("exits 2 for a file it cannot use, and still runs the others", async () => {
    const r = await fidelity({ "ok.json": JSON.stringify([VECTORS[2]]), "bad.json": "{" }, [
      "missing.json",
      "bad.json",
      "ok.json",
    ]);
    expect(r.err).toBe(
      "replicast fidelity: missing.json: cannot read the file\n" +
        "replicast fidelity: bad.json: not JSON: " +
        r.err.split("bad.json: not JSON: ")[1],
    );
    expect(r.out).toBe("ok.json: 1 passed, 0 failed\n1 passed, 0 failed, 2 files not run\n");
    expect(r.code).toBe(2);
  });

  it("finds the shipped vector files in the package's vectors/ folder, never test/", () => {
    expect(DEFAULT_VECTOR_FILES.map((f) => f.split("/").slice(-2).join("/"))).toEqual([
      "vectors/deploy-vectors.json",
      "vectors/hpa-vectors.json",
    ]);
    expect(DEFAULT_VECTOR_FILES.every((f) => existsSync(f))).toBe(true);
  });
});
