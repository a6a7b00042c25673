/**
 * A new user's repositories and traffic, third pass (test/fixtures/repos/: a live cluster's
 * objects saved with `kubectl get -o yaml` and restored, and load-test and monitoring exports
 * from JMeter, Gatling, nginx, Datadog and Google Cloud Monitoring; written for these tests,
 * shaped like public ones), run as the README tells a user to, and what trying them found.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

const runFixture = async (file: string) =>
  runScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });

/** The text a kubectl line printed at `time` (seconds), the nth at that instant. */
const printed = (r: Awaited<ReturnType<typeof runScenario>>, time: number, nth = 0) =>
  r.output.filter((o) => o.time === time)[nth]?.text;

const CONFLICT =
  "the object has been modified; please apply your changes to the latest version and try again";

describe("a backup taken with `kubectl get -o yaml`, restored and applied again", () => {
  it("creates every item of the List in a new cluster; applied again, the file's resourceVersions are stale", async () => {
    const r = await runFixture("test/fixtures/repos/cluster-export/restore.scn");
    expect(r.diagnostics).toEqual([]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([[12, true]]);
    // resource.Helper.Create clears a manifest's resourceVersion before the POST (modify=true),
    // so the first apply creates each object at this cluster's versions.
    expect(printed(r, 0)).toBe(
      [
        "deployment.apps/web created",
        "service/web created",
        "horizontalpodautoscaler.autoscaling/web created",
      ].join("\n"),
    );
    // Found here: the second apply printed `configured` and replace `replaced`. The patch kubectl
    // computes carries the file's resourceVersion (it differs from the live one), and the
    // registry's Update refuses a stale one (OptimisticLockErrorMsg); Patcher.Patch retries the
    // Conflict with the same manifest and gets it again.
    const failed = r.failures.map((f) => [f.line, f.message.split("\n").length]);
    expect(failed).toEqual([
      [8, 18],
      [9, 3],
      [10, 3],
    ]);
    const apply = r.failures[0].message.split("\n");
    expect(apply.slice(6, 12)).toEqual([
      "Error from server (Conflict): error when applying patch:",
      '{"metadata":{"creationTimestamp":"2024-05-02T09:14:27Z","resourceVersion":"1811","uid":"0b6a3a1e-55a4-4a57-8e0d-2f9b1f0c7d11"}}',
      "to:",
      'Resource: "/v1, Resource=services", GroupVersionKind: "/v1, Kind=Service"',
      'Name: "web", Namespace: "default"',
      `for: "backup.yaml": Operation cannot be fulfilled on services "web": ${CONFLICT}`,
    ]);
    // replace.go: Helper.Replace sends the manifest's own resourceVersion as the precondition.
    expect(r.failures[1].message.split("\n")[0]).toBe(
      `Error from server (Conflict): error when replacing "backup.yaml": Operation cannot be fulfilled on deployments.apps "web": ${CONFLICT}`,
    );
    expect(r.failures[2].message.split("\n")[0]).toBe(
      'Error from server (AlreadyExists): error when creating "backup.yaml": deployments.apps "web" already exists',
    );
    // Nothing was written by the refused lines: the Deployment is still at generation 1.
    expect(printed(r, 60)?.split("\n").slice(0, 2)).toEqual([
      "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE",
      "deployment.apps/web   3/3     3            3           60s",
    ]);
  });
});
