// A Job's pod failure policy, per-index back-off limit and success policy (Kubernetes 1.34:
// pkg/controller/job/job_controller.go syncJob, pod_failure_policy.go matchPodFailurePolicy,
// indexed_job_utils.go calculateFailedIndexes and the job-index-failure-count annotation,
// success_policy.go matchSuccessPolicy; pkg/apis/batch/v1/defaults.go SetDefaults_Job and
// pkg/apis/batch/validation/validation.go validateJobSpec for admission), run in a simulated
// cluster, timed to the second. A container's exit code comes from its script's `exit N`
// (kubelet/initContainers.ts scriptExitCode).
import { describe, expect, it } from "vitest";
import { matchPodFailurePolicy, matchSuccessPolicy } from "../../src/engine/controllers/job/policies.ts";
import { scriptExitCode } from "../../src/engine/kubelet/initContainers.ts";
import type { Simulation } from "../../src/engine/simulation.ts";
import { admit } from "../../src/k8s/admission.ts";
import { fieldErrorString } from "../../src/k8s/fieldErrors.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { Job } from "../../src/k8s/kinds/job/types.ts";
import type { Container, Pod } from "../../src/k8s/types.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { cluster, getJob, jobEvents, jobOf, podsOf, type Obj } from "./jobCluster.ts";

const jobManifest = (name: string, spec: Obj = {}, podSpec: Obj = {}): Obj =>
  jobOf(
    { name: "main", image: "busybox:1.36", command: ["sh", "-c", "sleep 5; exit 42"] },
    name,
    spec,
    podSpec,
  );
const conditions = (j: Job): string[] =>
  (j.status?.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);

const failJob42 = {
  podFailurePolicy: { rules: [{ action: "FailJob", onExitCodes: { operator: "In", values: [42] } }] },
};

describe("a pod failure policy", () => {
  // The pod starts at 3 (pod.startup, image pull), `sleep 5; exit 42` ends it at 8 with exit
  // code 42 (restartPolicy Never: the pod is Failed); the pod event is synced at 9.
  it("fails the Job on a FailJob rule's exit code: FailureTarget, then Failed, reason PodFailurePolicy", () => {
    const s = cluster(jobManifest("x", { backoffLimit: 6, ...failJob42 }));
    s.runUntil(30);
    const j = getJob(s, "x");
    const [pod] = podsOf(s, "x");
    expect(pod.status.phase).toBe("Failed");
    expect(pod.status.containerStatuses?.[0].state?.terminated).toMatchObject({
      exitCode: 42,
      reason: "Error",
    });
    const message = `Container main for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`;
    expect(conditions(j)).toEqual([
      `FailureTarget=True PodFailurePolicy: ${message}`,
      `Failed=True PodFailurePolicy: ${message}`,
    ]);
    expect(j.status?.conditions?.[1].lastTransitionTime).toBe(9);
    // No replacement: the Job failed at its first failure, far below backoffLimit.
    expect(j.status).toMatchObject({ failed: 1, active: 0, uncountedTerminatedPods: {} });
    expect(podsOf(s, "x")).toHaveLength(1);
    expect(jobEvents(s, "x")).toEqual([
      `SuccessfulCreate: Created pod: ${pod.metadata.name}`,
      `PodFailurePolicy: ${message}`,
    ]);
    expect(runKubectl("get jobs", s).stdout.split("\n")[1]).toMatch(/^x\s+Failed\s+0\/1/);
  });

  it("does not count a failure an Ignore rule matches: the pod is replaced and backoffLimit 0 holds", () => {
    const s = cluster(
      jobManifest("x", {
        backoffLimit: 0,
        podFailurePolicy: { rules: [{ action: "Ignore", onExitCodes: { operator: "In", values: [42] } }] },
      }),
    );
    // Failures at 8, then after the back-off (10 s from 8: a pod at 18, failing at 26 once the
    // image is on the node, then 20 s later).
    s.runUntil(60);
    const j = getJob(s, "x");
    expect(conditions(j)).toEqual([]);
    expect(j.status?.failed).toBeUndefined();
    expect(podsOf(s, "x").length).toBeGreaterThanOrEqual(3);
    expect(podsOf(s, "x").filter((p) => p.status.phase === "Failed").length).toBeGreaterThanOrEqual(2);
  });

  it("counts a failure a Count rule matches, and one no rule matches, towards backoffLimit", () => {
    const s = cluster(
      jobManifest("x", {
        backoffLimit: 1,
        podFailurePolicy: {
          rules: [
            { action: "FailJob", onExitCodes: { operator: "In", values: [1, 2] } },
            { action: "Count", onExitCodes: { operator: "NotIn", values: [1, 2] } },
          ],
        },
      }),
    );
    s.runUntil(120);
    const j = getJob(s, "x");
    expect(conditions(j).at(-1)).toBe(
      "Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit",
    );
    expect(j.status?.failed).toBe(2);
  });

  it("waits for a terminating pod before replacing it: podReplacementPolicy defaults to Failed", () => {
    const j = getJob(cluster(jobManifest("x", failJob42)), "x");
    expect(j.spec.podReplacementPolicy).toBe("Failed");
    const plain = getJob(cluster(jobManifest("y")), "y");
    expect(plain.spec.podReplacementPolicy).toBe("TerminatingOrFailed");
  });

  it("matches rules in order, on exit codes of a named container or any, and on pod conditions", () => {
    const job = (rules: unknown[]): Job => ({ spec: { podFailurePolicy: { rules } } }) as unknown as Job;
    const pod = (codes: Record<string, number>, conditions: Obj[] = []): Pod =>
      ({
        metadata: { name: "p", namespace: "prod" },
        spec: { containers: [] },
        status: {
          phase: "Failed",
          conditions,
          containerStatuses: Object.entries(codes).map(([name, exitCode]) => ({
            name,
            state: { terminated: { exitCode } },
          })),
        },
      }) as unknown as Pod;
    const rules = [
      { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] },
      { action: "FailJob", onExitCodes: { containerName: "main", operator: "In", values: [42] } },
      { action: "Count", onExitCodes: { operator: "NotIn", values: [5] } },
    ];
    // A preempted or evicted pod (DisruptionTarget=True) is not counted, whatever its exit code.
    expect(
      matchPodFailurePolicy(job(rules), pod({ main: 42 }, [{ type: "DisruptionTarget", status: "True" }])),
    ).toEqual({
      countFailed: false,
      action: "Ignore",
    });
    expect(matchPodFailurePolicy(job(rules), pod({ side: 3, main: 42 })).failJobMessage).toBe(
      "Container main for pod prod/p failed with exit code 42 matching FailJob rule at index 1",
    );
    // containerName restricts the rule: 42 in another container falls through to Count.
    expect(matchPodFailurePolicy(job(rules), pod({ side: 42 })).action).toBe("Count");
    // Exit code 0 never matches, not even NotIn; no rule matching counts by default.
    expect(matchPodFailurePolicy(job(rules), pod({ main: 0, side: 5 }))).toEqual({ countFailed: true });
    expect(
      matchPodFailurePolicy(
        job([{ action: "FailJob", onPodConditions: [{ type: "DisruptionTarget", status: "True" }] }]),
        pod({}, [{ type: "DisruptionTarget", status: "True" }]),
      ).failJobMessage,
    ).toBe("Pod prod/p has condition DisruptionTarget matching FailJob rule at index 0");
  });

  it("reads a container's exit code from its script's exit", () => {
    const c = (...command: string[]): Container => ({ name: "c", image: "i", command }) as Container;
    expect(scriptExitCode(c("sh", "-c", "./migrate up; exit 42"))).toBe(42);
    expect(scriptExitCode(c("/bin/sh", "-c", "sleep 5 && exit 3; exit 4"))).toBe(3);
    expect(scriptExitCode(c("sh", "-c", "sleep 5"))).toBe(0);
    expect(scriptExitCode(c("sh", "-c", "exit 257"))).toBe(1);
    expect(scriptExitCode(c("./migrate", "exit", "42"))).toBe(0);
  });
});

describe("admission of a pod failure policy", () => {
  const errorsOf = (m: Obj): string[] =>
    admit(m, undefined, { kinds: builtinKinds }).errors.map(fieldErrorString);

  it("defaults a condition pattern's status to True", () => {
    const j = getJob(
      cluster(
        jobManifest("x", {
          podFailurePolicy: {
            rules: [{ action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }],
          },
        }),
      ),
      "x",
    );
    expect(j.spec.podFailurePolicy?.rules[0].onPodConditions).toEqual([
      { type: "DisruptionTarget", status: "True" },
    ]);
  });

  it("requires restartPolicy Never and podReplacementPolicy Failed", () => {
    expect(
      errorsOf(
        jobManifest(
          "x",
          { ...failJob42, podReplacementPolicy: "TerminatingOrFailed" },
          { restartPolicy: "OnFailure" },
        ),
      ),
    ).toEqual([
      'spec.podReplacementPolicy: Unsupported value: "TerminatingOrFailed": supported values: "Failed"',
      'spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified',
    ]);
  });

  it("refuses malformed rules with the API server's messages", () => {
    const rules = [
      { action: "FailJob" },
      { action: "FailIndex", onExitCodes: { operator: "In", values: [3, 0, 3, 1] } },
      {
        action: "Restart",
        onExitCodes: { operator: "Is", containerName: "other", values: [] },
        onPodConditions: [{ type: "DisruptionTarget", status: "Maybe" }],
      },
    ];
    expect(errorsOf(jobManifest("x", { podFailurePolicy: { rules } }))).toEqual([
      "spec.podFailurePolicy.rules[0]: Invalid value: specifying one of OnExitCodes and OnPodConditions is required",
      'spec.podFailurePolicy.rules[1].action: Invalid value: "FailIndex": requires the backoffLimitPerIndex to be set',
      "spec.podFailurePolicy.rules[1].onExitCodes.values[1]: Invalid value: 0: must not be 0 for the In operator",
      "spec.podFailurePolicy.rules[1].onExitCodes.values[2]: Duplicate value: 3",
      "spec.podFailurePolicy.rules[1].onExitCodes.values: Invalid value: []int32{3, 0, 3, 1}: must be ordered",
      'spec.podFailurePolicy.rules[2].action: Unsupported value: "Restart": supported values: "Count", "FailIndex", "FailJob", "Ignore"',
      'spec.podFailurePolicy.rules[2].onExitCodes.operator: Unsupported value: "Is": supported values: "In", "NotIn"',
      'spec.podFailurePolicy.rules[2].onExitCodes.containerName: Invalid value: "other": must be one of the container or initContainer names in the pod template',
      "spec.podFailurePolicy.rules[2].onExitCodes.values: Invalid value: []int32(nil): at least one value is required",
      'spec.podFailurePolicy.rules[2].onPodConditions[0].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
      "spec.podFailurePolicy.rules[2]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported",
    ]);
  });
});

describe("backoffLimitPerIndex", () => {
  const indexed = (spec: Obj, command = ["sleep", "20"]): Obj =>
    jobManifest(
      "idx",
      { completions: 3, parallelism: 3, completionMode: "Indexed", ...spec },
      { containers: [{ name: "main", image: "busybox:1.36", command }] },
    );
  const byIndex = (s: Simulation): string[] =>
    podsOf(s, "idx").map(
      (p) =>
        `${p.metadata.name.replace(/-\w{5}$/, "")} ${p.status.phase} count=${p.metadata.annotations?.["batch.kubernetes.io/job-index-failure-count"]}`,
    );

  it("replaces a failed index's pod after its own back-off, carrying the failure count on", () => {
    const s = cluster(indexed({ backoffLimitPerIndex: 1 }));
    // SetDefaults_Job: with a per-index limit, backoffLimit is math.MaxInt32.
    expect(getJob(s, "idx").spec.backoffLimit).toBe(2147483647);
    s.runUntil(5);
    // The crash hits the oldest pod, index 0's: it fails at 5 (exit code 1).
    s.inject({ kind: "crash", target: { kind: "Job", name: "idx" }, pods: 1 });
    s.runUntil(14.9);
    expect(byIndex(s)).toEqual(["idx-0 Failed count=0", "idx-1 Running count=0", "idx-2 Running count=0"]);
    // The failed pod keeps its tracking finalizer until its replacement exists.
    expect(podsOf(s, "idx")[0].metadata.finalizers).toEqual(["batch.kubernetes.io/job-tracking"]);
    expect(getJob(s, "idx").status?.failedIndexes).toBe("");
    s.runUntil(15);
    expect(byIndex(s)).toContain("idx-0 Pending count=1");
    s.runUntil(60);
    const j = getJob(s, "idx");
    expect(j.status).toMatchObject({ succeeded: 3, failed: 1, completedIndexes: "0-2", failedIndexes: "" });
    expect(conditions(j).at(-1)).toBe(
      "Complete=True CompletionsReached: Reached expected number of succeeded pods",
    );
  });

  it("fails an index for good on a FailIndex rule, and the Job with FailedIndexes once every index is done", () => {
    const s = cluster(
      indexed({
        backoffLimitPerIndex: 2,
        podFailurePolicy: { rules: [{ action: "FailIndex", onExitCodes: { operator: "In", values: [1] } }] },
      }),
    );
    s.runUntil(5);
    s.inject({ kind: "crash", target: { kind: "Job", name: "idx" }, pods: 1 });
    s.runUntil(30);
    expect(getJob(s, "idx").status?.failedIndexes).toBe("0");
    // No pod for index 0 again; indexes 1 and 2 end at 23, the Job fails at 24.
    expect(byIndex(s).filter((p) => p.startsWith("idx-0"))).toEqual(["idx-0 Failed count=0"]);
    const j = getJob(s, "idx");
    expect(conditions(j)).toEqual([
      "FailureTarget=True FailedIndexes: Job has failed indexes",
      "Failed=True FailedIndexes: Job has failed indexes",
    ]);
    expect(j.status).toMatchObject({ completedIndexes: "1,2", failedIndexes: "0", succeeded: 2, failed: 1 });
    expect(jobEvents(s, "idx").at(-1)).toBe("FailedIndexes: Job has failed indexes");
  });

  it("fails the Job at once when more indexes failed than maxFailedIndexes", () => {
    const s = cluster(
      indexed({ backoffLimitPerIndex: 0, maxFailedIndexes: 1 }, ["sh", "-c", "sleep 5; exit 3"]),
    );
    s.runUntil(20);
    const j = getJob(s, "idx");
    expect(conditions(j).at(-1)).toBe(
      "Failed=True MaxFailedIndexesExceeded: Job has exceeded the specified maximal number of failed indexes",
    );
    expect(j.status).toMatchObject({ failedIndexes: "0-2", failed: 3 });
  });

  it("is refused without Indexed mode, and maxFailedIndexes without it or above completions", () => {
    const errorsOf = (m: Obj): string[] =>
      admit(m, undefined, { kinds: builtinKinds }).errors.map(fieldErrorString);
    expect(errorsOf(jobManifest("x", { backoffLimitPerIndex: 1, maxFailedIndexes: 2 }))).toEqual([
      "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode",
      "spec.maxFailedIndexes: Invalid value: 2: requires indexed completion mode",
    ]);
    expect(errorsOf(indexed({ maxFailedIndexes: 4 }))).toEqual([
      "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified",
      "spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions",
    ]);
  });
});

describe("a success policy", () => {
  it("completes the Job once a rule's indexes succeeded, deleting the pods still running", () => {
    const s = cluster(
      jobManifest(
        "idx",
        {
          completions: 3,
          parallelism: 3,
          completionMode: "Indexed",
          successPolicy: { rules: [{ succeededIndexes: "1-2" }] },
        },
        { containers: [{ name: "main", image: "busybox:1.36", command: ["sleep", "20"] }] },
      ),
    );
    s.runUntil(5);
    // Index 0's pod fails at 5; its replacement comes at 15 and would run to 37. Indexes 1 and
    // 2 succeed at 23, synced at 24: the rule is met.
    s.inject({ kind: "crash", target: { kind: "Job", name: "idx" }, pods: 1 });
    s.runUntil(24);
    let j = getJob(s, "idx");
    expect(conditions(j)).toEqual(["SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0"]);
    const running = podsOf(s, "idx").find((p) => p.metadata.deletionTimestamp !== undefined)!;
    expect(running.metadata.name).toMatch(/^idx-0-/);
    expect(jobEvents(s, "idx")).toContain(`SuccessfulDelete: Deleted pod: ${running.metadata.name}`);
    s.runUntil(60);
    j = getJob(s, "idx");
    expect(conditions(j)).toEqual([
      "SuccessCriteriaMet=True SuccessPolicy: Matched rules at index 0",
      "Complete=True SuccessPolicy: Matched rules at index 0",
    ]);
    // The pod deleted then is counted neither way: trackJobStatusAndRemoveFinalizers takes its
    // finalizer off in the same sync, reading it as listed (running) under a met success.
    expect(j.status).toMatchObject({ completedIndexes: "1,2", succeeded: 2, failed: 1, active: 0 });
    expect(runKubectl("get jobs", s).stdout.split("\n")[1]).toMatch(/^idx\s+Complete\s+2\/3/);
  });

  it("matches the first rule met: all its indexes, succeededCount of them, or succeededCount at all", () => {
    const ok = (rules: unknown[], done: number[]) => matchSuccessPolicy(rules as never, 5, new Set(done));
    expect(ok([{ succeededIndexes: "0,2-4" }], [0, 2, 3])).toBeUndefined();
    expect(ok([{ succeededIndexes: "0,2-4" }], [0, 2, 3, 4])).toBe("Matched rules at index 0");
    expect(ok([{ succeededIndexes: "0,2-4", succeededCount: 2 }], [3, 4])).toBe("Matched rules at index 0");
    expect(ok([{ succeededIndexes: "9" }, { succeededCount: 2 }], [1, 3])).toBe("Matched rules at index 1");
    expect(ok([{ succeededCount: 1 }], [])).toBeUndefined();
  });

  it("is refused on a NonIndexed Job, and with counts or indexes out of range", () => {
    const errorsOf = (m: Obj): string[] =>
      admit(m, undefined, { kinds: builtinKinds }).errors.map(fieldErrorString);
    expect(errorsOf(jobManifest("x", { successPolicy: { rules: [{ succeededCount: 1 }] } }))[0]).toMatch(
      /^spec\.successPolicy: Invalid value: .*: requires indexed completion mode$/,
    );
    expect(
      errorsOf(
        jobManifest("x", {
          completionMode: "Indexed",
          completions: 3,
          successPolicy: {
            rules: [{}, { succeededIndexes: "2-1", succeededCount: 4 }, { succeededIndexes: "0,5" }],
          },
        }),
      ),
    ).toEqual([
      "spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified",
      'spec.successPolicy.rules[1].succeededIndexes: Invalid value: "2-1": error parsing succeededIndexes: non-increasing order, previous: 2, current: 1',
      "spec.successPolicy.rules[1].succeededCount: Invalid value: 4: must be less than or equal to 3 (the number of specified completions)",
      "spec.successPolicy.rules[1].succeededCount: Invalid value: 4: must be less than or equal to 0 (the number of indexes in the specified succeededIndexes field)",
      'spec.successPolicy.rules[2].succeededIndexes: Invalid value: "0,5": error parsing succeededIndexes: too large index: "5"',
    ]);
  });
});
