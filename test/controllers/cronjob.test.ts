// The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go sync, cleanupFinishedJobs,
// syncCronJob; utils.go getJobFromTemplate2, getJobName), the API server's admission of a CronJob
// (pkg/apis/batch/v1/defaults.go SetDefaults_CronJob, pkg/apis/batch/validation/validation.go
// ValidateCronJobCreate), and kubectl's generators (create_job.go, create_cronjob.go) — run in a
// simulated cluster whose t = 0 is 2024-01-01T00:00:00Z (a Monday).
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { admit } from "../../src/k8s/admission.ts";
import { fieldErrorString } from "../../src/k8s/fieldErrors.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { CronJob } from "../../src/k8s/kinds/cronJob/types.ts";
import type { Job } from "../../src/k8s/kinds/job/types.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

type Obj = Record<string, unknown>;

/** A CronJob whose Job runs `sleep N` (the kubelet starts it 3 s after creation: pod start-up and pull). */
function cronJob(name: string, spec: Obj = {}, sleep = 30): Obj {
  return {
    apiVersion: "batch/v1",
    kind: "CronJob",
    metadata: { name },
    spec: {
      schedule: "*/5 * * * *",
      jobTemplate: {
        metadata: { labels: { team: "ops" } },
        spec: {
          template: {
            spec: {
              restartPolicy: "OnFailure",
              containers: [{ name: "backup", image: "busybox:1.36", command: ["sleep", String(sleep)] }],
            },
          },
        },
      },
      ...spec,
    },
  };
}

function cluster(...objects: Obj[]): Simulation {
  const s = new Simulation();
  const r = applyObjects(objects as unknown as KubeObject[], s, "cronjobs.yaml");
  expect(r.stderr).toBe("");
  return s;
}

const getCronJob = (s: Simulation, name: string): CronJob =>
  s.api.get("CronJob", "default", name) as unknown as CronJob;
const jobsOf = (s: Simulation, cj: string): Job[] =>
  (s.api.list("Job", "default") as unknown as Job[]).filter(
    (j) => j.metadata.ownerReferences?.[0]?.name === cj,
  );
const names = (jobs: Job[]): string[] => jobs.map((j) => j.metadata.name);
const cronJobEvents = (s: Simulation, name: string): string[] =>
  s.events
    .filter((e) => e.involvedObject.kind === "CronJob" && e.involvedObject.name === name)
    .map((e) => `${e.reason}: ${e.message}`);
const errorsOf = (m: Obj): string[] =>
  admit(m, undefined, { kinds: builtinKinds }).errors.map(fieldErrorString);

describe("admission of a CronJob", () => {
  it("defaults the policy, suspend and the history limits (SetDefaults_CronJob) and starts with an empty status", () => {
    const m = cronJob("backup");
    (m as { status?: Obj }).status = { lastScheduleTime: "2023-12-31T03:00:00Z" };
    const cj = getCronJob(cluster(m), "backup");
    expect(cj.spec).toMatchObject({
      concurrencyPolicy: "Allow",
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    });
    // strategy.go PrepareForCreate: the status sent is dropped.
    expect(cj.status).toEqual({});
  });

  it("refuses a schedule robfig/cron cannot read, with its message, at the manifest's field", () => {
    expect(errorsOf(cronJob("x", { schedule: "61 * * * *" }))).toEqual([
      'spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61',
    ]);
    expect(errorsOf(cronJob("x", { schedule: "" }))).toEqual(["spec.schedule: Required value"]);
  });

  it("refuses TZ and CRON_TZ in the schedule: spec.timeZone says where", () => {
    expect(errorsOf(cronJob("x", { schedule: "CRON_TZ=Europe/Paris 0 3 * * *" }))).toEqual([
      'spec.schedule: Invalid value: "CRON_TZ=Europe/Paris 0 3 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead',
    ]);
  });

  it("refuses an unknown or implicit time zone (validateTimeZone)", () => {
    expect(errorsOf(cronJob("x", { timeZone: "Mars/Olympus" }))).toEqual([
      'spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus',
    ]);
    expect(errorsOf(cronJob("x", { timeZone: "Local" }))).toEqual([
      'spec.timeZone: Invalid value: "Local": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones',
    ]);
    expect(errorsOf(cronJob("x", { timeZone: "Europe/Paris" }))).toEqual([]);
  });

  it("refuses a bad policy, negative limits, a job template's selector and restartPolicy, and a name over 52 characters", () => {
    const m = cronJob("a".repeat(53), {
      concurrencyPolicy: "Sometimes",
      successfulJobsHistoryLimit: -1,
      startingDeadlineSeconds: -5,
    });
    const template = (m.spec as Obj).jobTemplate as { spec: Obj & { template: { spec: Obj } } };
    template.spec.selector = { matchLabels: { app: "x" } };
    delete template.spec.template.spec.restartPolicy;
    expect(errorsOf(m)).toEqual([
      "spec.startingDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0",
      'spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"',
      'spec.jobTemplate.spec.template.spec.restartPolicy: Unsupported value: "Always": supported values: "OnFailure", "Never"',
      'spec.jobTemplate.spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: `selector` will be auto-generated',
      "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0",
      `metadata.name: Invalid value: "${"a".repeat(53)}": must be no more than 52 characters`,
    ]);
  });

  it("says so at apply, as kubectl prints the API server's refusal", () => {
    const s = new Simulation();
    const r = applyObjects(
      [cronJob("x", { schedule: "0 25 * * *" })] as unknown as KubeObject[],
      s,
      "cj.yaml",
    );
    expect(r.stderr).toContain(
      'The CronJob "x" is invalid: spec.schedule: Invalid value: "0 25 * * *": end of range (25) above maximum (23): 25',
    );
  });
});

describe("a CronJob that runs on its schedule", () => {
  it("creates <name>-<minutes since the epoch> at each activation, lists it while it runs, and notes its end", () => {
    const s = cluster(cronJob("backup"));
    s.runUntil(299);
    expect(jobsOf(s, "backup")).toEqual([]);
    s.runUntil(300);
    const [job] = jobsOf(s, "backup");
    // 2024-01-01T00:05:00Z is minute 28401125 since the Unix epoch.
    expect(job.metadata.name).toBe("backup-28401125");
    expect(job.metadata.labels).toMatchObject({ team: "ops" });
    expect(job.metadata.annotations).toEqual({
      "batch.kubernetes.io/cronjob-scheduled-timestamp": "2024-01-01T00:05:00Z",
    });
    expect(job.metadata.ownerReferences).toEqual([
      {
        apiVersion: "batch/v1",
        kind: "CronJob",
        name: "backup",
        uid: getCronJob(s, "backup").metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
    expect(getCronJob(s, "backup").status).toEqual({
      active: [
        {
          kind: "Job",
          namespace: "default",
          name: "backup-28401125",
          uid: job.metadata.uid,
          apiVersion: "batch/v1",
          // The version the create returned (getRef of the response): the Job has moved on since.
          resourceVersion: expect.stringMatching(/^\d+$/),
        },
      ],
      lastScheduleTime: 300,
    });
    expect(runKubectl("get cj", s).stdout).toBe(
      [
        "NAME     SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE",
        "backup   */5 * * * *   <none>     False     1        0s              5m",
        "",
      ].join("\n"),
    );
    // The pod starts at 303, sleeps 30 s, exits at 333; the Job completes at 334.
    s.runUntil(334);
    expect(getCronJob(s, "backup").status).toEqual({ lastScheduleTime: 300, lastSuccessfulTime: 334 });
    expect(cronJobEvents(s, "backup")).toEqual([
      "SuccessfulCreate: Created job backup-28401125",
      "SawCompletedJob: Saw completed job: backup-28401125, condition: Complete",
    ]);
  });

  it("keeps successfulJobsHistoryLimit finished Jobs, deleting the oldest (and its pods)", () => {
    const s = cluster(cronJob("backup", { successfulJobsHistoryLimit: 1 }));
    s.runUntil(1000);
    // Runs at 300, 600 and 900: the second run's end deletes the first, the third's the second.
    expect(names(jobsOf(s, "backup"))).toEqual(["backup-28401135"]);
    expect(cronJobEvents(s, "backup")).toContain("SuccessfulDelete: Deleted job backup-28401125");
    expect(cronJobEvents(s, "backup")).toContain("SuccessfulDelete: Deleted job backup-28401130");
    const pods = s.api.list("Pod", "default").map((p) => p.metadata.name);
    expect(pods.every((p) => p.startsWith("backup-28401135-"))).toBe(true);
  });
});

describe("concurrencyPolicy, when a Job is still running at the next activation", () => {
  // Each Job sleeps 400 s: the run of 300 is still active at 600.
  it("Allow starts the next one beside it", () => {
    const s = cluster(cronJob("report", {}, 400));
    s.runUntil(600);
    expect(names(jobsOf(s, "report"))).toEqual(["report-28401125", "report-28401130"]);
    expect(getCronJob(s, "report").status?.active?.map((r) => r.name)).toEqual([
      "report-28401125",
      "report-28401130",
    ]);
  });

  // The activation held back stays unmet: with no startingDeadlineSeconds it starts as soon as
  // the running Job ends (syncCronJob finds 600 due and not yet started), not at the next one.
  it("Forbid holds it back (JobAlreadyActive) until the running one ends", () => {
    const s = cluster(cronJob("report", { concurrencyPolicy: "Forbid" }, 400));
    s.runUntil(703);
    expect(names(jobsOf(s, "report"))).toEqual(["report-28401125"]);
    expect(cronJobEvents(s, "report")).toContain(
      "JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid",
    );
    // The first Job's pod exits at 703 and the Job completes at 704: the run of 600 starts then.
    s.runUntil(704);
    expect(names(jobsOf(s, "report"))).toEqual(["report-28401125", "report-28401130"]);
    expect(getCronJob(s, "report").status?.lastScheduleTime).toBe(600);
  });

  it("Forbid with startingDeadlineSeconds drops the held-back run once its deadline has passed", () => {
    const s = cluster(cronJob("report", { concurrencyPolicy: "Forbid", startingDeadlineSeconds: 60 }, 400));
    s.runUntil(899);
    expect(names(jobsOf(s, "report"))).toEqual(["report-28401125"]);
    s.runUntil(900);
    expect(names(jobsOf(s, "report"))).toEqual(["report-28401125", "report-28401135"]);
  });

  it("Replace deletes the running one and starts the next", () => {
    const s = cluster(cronJob("report", { concurrencyPolicy: "Replace" }, 400));
    s.runUntil(600);
    expect(names(jobsOf(s, "report"))).toEqual(["report-28401130"]);
    expect(cronJobEvents(s, "report")).toEqual([
      "SuccessfulCreate: Created job report-28401125",
      "SuccessfulDelete: Deleted job report-28401125",
      "SuccessfulCreate: Created job report-28401130",
    ]);
  });
});

describe("suspend, and activations missed", () => {
  it("a suspended CronJob starts nothing; resumed, it runs the latest missed activation at once", () => {
    const s = cluster(cronJob("backup", { suspend: true }));
    s.runUntil(1000);
    expect(jobsOf(s, "backup")).toEqual([]);
    expect(runKubectl(`patch cronjob backup -p '{"spec":{"suspend":false}}'`, s).stdout).toBe(
      "cronjob.batch/backup patched\n",
    );
    s.runUntil(1000);
    // Activations at 300, 600 and 900 were missed; only the latest, 900, runs.
    expect(names(jobsOf(s, "backup"))).toEqual(["backup-28401135"]);
    expect(getCronJob(s, "backup").status?.lastScheduleTime).toBe(900);
  });

  it("with startingDeadlineSeconds, a resumed CronJob waits for the next activation", () => {
    const s = cluster(cronJob("backup", { suspend: true, startingDeadlineSeconds: 60 }));
    s.runUntil(1000);
    runKubectl(`patch cronjob backup -p '{"spec":{"suspend":false}}'`, s);
    s.runUntil(1199);
    expect(jobsOf(s, "backup")).toEqual([]);
    s.runUntil(1200);
    expect(names(jobsOf(s, "backup"))).toEqual(["backup-28401140"]);
  });

  it("over 100 missed activations: TooManyMissedTimes, and the latest still runs", () => {
    const s = cluster(cronJob("tick", { suspend: true, schedule: "* * * * *" }));
    s.runUntil(7000);
    runKubectl(`patch cj tick -p '{"spec":{"suspend":false}}'`, s);
    s.runUntil(7000);
    expect(cronJobEvents(s, "tick")).toEqual([
      "TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew",
      "SuccessfulCreate: Created job tick-28401236",
    ]);
  });
});

describe("time zones", () => {
  it("fires at 03:00 in spec.timeZone, and stamps the Job with that zone's time", () => {
    const s = cluster(cronJob("nightly", { schedule: "0 3 * * *", timeZone: "Europe/Paris" }));
    // 03:00 in Paris on 2024-01-01 is 02:00Z: t = 7200.
    s.runUntil(7199);
    expect(jobsOf(s, "nightly")).toEqual([]);
    s.runUntil(7200);
    const [job] = jobsOf(s, "nightly");
    expect(job.metadata.name).toBe("nightly-28401240");
    expect(job.metadata.annotations?.["batch.kubernetes.io/cronjob-scheduled-timestamp"]).toBe(
      "2024-01-01T03:00:00+01:00",
    );
    expect(runKubectl("get cj", s).stdout.split("\n")[1]).toMatch(
      /^nightly\s+0 3 \* \* \*\s+Europe\/Paris\s+False/,
    );
  });
});

describe("Jobs the controller did not start, or that went away", () => {
  it("kubectl create job --from=cronjob/X runs the template now, marked manual; the controller reports it", () => {
    const s = cluster(cronJob("backup"));
    s.runUntil(60);
    expect(runKubectl("create job backup-now --from=cronjob/backup", s).stdout).toBe(
      "job.batch/backup-now created\n",
    );
    const job = s.api.get("Job", "default", "backup-now") as unknown as Job;
    expect(job.metadata.annotations).toEqual({ "cronjob.kubernetes.io/instantiate": "manual" });
    expect(job.metadata.labels).toMatchObject({ team: "ops" });
    // Not NewControllerRef: no blockOwnerDeletion (create_job.go).
    expect(job.metadata.ownerReferences).toEqual([
      {
        apiVersion: "batch/v1",
        kind: "CronJob",
        name: "backup",
        uid: getCronJob(s, "backup").metadata.uid,
        controller: true,
      },
    ]);
    s.runUntil(61);
    expect(cronJobEvents(s, "backup")).toContain(
      "UnexpectedJob: Saw a job that the controller did not create or forgot: backup-now",
    );
    expect(getCronJob(s, "backup").status?.active).toBeUndefined();
  });

  it("kubectl create job --from refuses what is not a CronJob, and a CronJob that is not there", () => {
    const s = cluster(cronJob("backup"));
    expect(runKubectl("create job x --from=cronjob/nope", s).stderr).toBe(
      'Error from server (NotFound): cronjobs.batch "nope" not found\n',
    );
    expect(runKubectl("create job x --image=busybox --from=cronjob/backup", s).stderr).toContain(
      "error: either --image or --from must be specified",
    );
  });

  it("a listed Job deleted by hand leaves status.active (MissingJob)", () => {
    const s = cluster(cronJob("report", {}, 400));
    s.runUntil(310);
    runKubectl("delete job report-28401125", s);
    s.runUntil(311);
    expect(cronJobEvents(s, "report")).toContain("MissingJob: Active job went missing: report-28401125");
    expect(getCronJob(s, "report").status?.active).toBeUndefined();
  });
});

describe("kubectl create cronjob", () => {
  it("makes a CronJob whose job template runs the image, restartPolicy OnFailure", () => {
    const s = new Simulation();
    const out = runKubectl(`create cronjob tick --image=busybox --schedule="*/10 * * * *" -- sleep 5`, s);
    expect(out.stdout).toBe("cronjob.batch/tick created\n");
    const cj = getCronJob(s, "tick");
    expect(cj.spec.schedule).toBe("*/10 * * * *");
    expect(cj.spec.jobTemplate.metadata).toEqual({ name: "tick" });
    expect(cj.spec.jobTemplate.spec.template.spec).toMatchObject({
      restartPolicy: "OnFailure",
      containers: [{ name: "tick", image: "busybox", command: ["sleep", "5"] }],
    });
    s.runUntil(600);
    expect(names(jobsOf(s, "tick"))).toEqual(["tick-28401130"]);
  });

  it("requires --image and --schedule, and the API server refuses a bad schedule", () => {
    const s = new Simulation();
    expect(runKubectl("create cronjob tick --image=busybox", s).stderr).toContain(
      'error: required flag(s) "schedule" not set',
    );
    expect(runKubectl(`create cj tick --image=busybox --schedule="@every 1d"`, s).stderr).toBe(
      'error: failed to create cronjob: CronJob.batch "tick" is invalid: spec.schedule: Invalid value: "@every 1d": failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"\n',
    );
  });
});
