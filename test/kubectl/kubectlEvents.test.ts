// `kubectl events` (kubectl/pkg/cmd/events/events.go and event_printer.go): its own table
// (OBJECT as Kind/name, LAST SEEN as getInterval writes it), SortableEvents' order, --for,
// --types, -A, -o, and its errors.
import { describe, expect, it } from "vitest";
import { runKubectl } from "../../src/kubectl/run.ts";
import { FakeCluster } from "./fakeCluster.ts";
import { event } from "./fixtures.ts";

function cluster(): FakeCluster {
  const c = new FakeCluster();
  c.events.push(
    event(
      60,
      "Deployment",
      "web",
      "Normal",
      "ScalingReplicaSet",
      "Scaled up replica set web-6d4cf56db6 to 3 from 2",
      "deployment-controller",
    ),
    event(
      0,
      "ReplicaSet",
      "web-6d4cf56db6",
      "Normal",
      "SuccessfulCreate",
      "Created pod: web-6d4cf56db6-abcde",
      "replicaset-controller",
    ),
    event(
      0,
      "Deployment",
      "web",
      "Normal",
      "ScalingReplicaSet",
      "Scaled up replica set web-6d4cf56db6 to 2",
      "deployment-controller",
    ),
    // Twice: the correlator makes one Event of it, count 2, last seen at 30.
    ...[15, 30].map((t) =>
      event(
        t,
        "HorizontalPodAutoscaler",
        "web",
        "Warning",
        "FailedGetResourceMetric",
        "failed to get cpu utilization: no metrics",
        "horizontal-pod-autoscaler",
      ),
    ),
  );
  c.now = 150;
  return c;
}

describe("kubectl events", () => {
  it("sorts by last seen (ties in the API server's key order) and prints Kind/name and getInterval's LAST SEEN", () => {
    expect(runKubectl("events", cluster()).stdout).toBe(
      [
        "LAST SEEN            TYPE      REASON                    OBJECT                        MESSAGE",
        // Both at 0: "web-6d4cf56db6.…" before "web.…" in key order, and the sort keeps them so.
        "2m30s                Normal    SuccessfulCreate          ReplicaSet/web-6d4cf56db6     Created pod: web-6d4cf56db6-abcde",
        "2m30s                Normal    ScalingReplicaSet         Deployment/web                Scaled up replica set web-6d4cf56db6 to 2",
        "2m (x2 over 2m15s)   Warning   FailedGetResourceMetric   HorizontalPodAutoscaler/web   failed to get cpu utilization: no metrics",
        "90s                  Normal    ScalingReplicaSet         Deployment/web                Scaled up replica set web-6d4cf56db6 to 3 from 2",
        "",
      ].join("\n"),
    );
  });

  it("--for keeps one object's events (involvedObject.kind and .name), the type word resolved as kubectl resolves it", () => {
    const out = runKubectl("events --for deploy/web --no-headers", cluster()).stdout.trimEnd().split("\n");
    expect(out.map((l) => l.split(/\s{2,}/)[2])).toEqual(["ScalingReplicaSet", "ScalingReplicaSet"]);
    expect(out.every((l) => l.includes("Deployment/web"))).toBe(true);
  });

  it("--types filters by type, case-insensitively, comma-separated or repeated", () => {
    const warnings = runKubectl("events --types=warning --no-headers", cluster()).stdout;
    expect(warnings.trimEnd().split("\n")).toHaveLength(1);
    expect(warnings).toContain("FailedGetResourceMetric");
    expect(
      runKubectl("events --types Normal,Warning --no-headers", cluster()).stdout.trimEnd().split("\n"),
    ).toHaveLength(4);
    expect(
      runKubectl("events --types Normal --types Warning --no-headers", cluster())
        .stdout.trimEnd()
        .split("\n"),
    ).toHaveLength(4);
  });

  it("-A puts NAMESPACE first; -o yaml prints an EventList", () => {
    expect(runKubectl("events -A", cluster()).stdout.split("\n")[0]).toMatch(/^NAMESPACE +LAST SEEN +TYPE/);
    const yaml = runKubectl("events --types Warning -o yaml", cluster()).stdout;
    expect(yaml).toMatch(/^apiVersion: v1\nitems:\n- apiVersion: v1\n {2}count: 2\n/);
    expect(yaml.endsWith("kind: EventList\nmetadata: {}\n")).toBe(true);
  });

  it("says when there are none, on stderr", () => {
    const empty = new FakeCluster();
    expect(runKubectl("events", empty)).toMatchObject({
      exitCode: 0,
      stdout: "",
      stderr: "No events found in default namespace.\n",
    });
    expect(runKubectl("events -A", empty).stderr).toBe("No events found.\n");
    expect(runKubectl("events -n prod", empty).stderr).toBe("No events found in prod namespace.\n");
  });

  it("reports kubectl's errors for --for and --types", () => {
    expect(runKubectl("events --for pods", cluster()).stderr).toContain(
      "error: --for must be in resource/name form",
    );
    expect(runKubectl("events --for pod/a/b", cluster()).stderr).toContain(
      "error: arguments in resource/name form may not have more than one slash",
    );
    expect(runKubectl("events --for widgets/x", cluster()).stderr).toContain(
      'error: the server doesn\'t have a resource type "widgets"',
    );
    expect(runKubectl("events --types=Error", cluster()).stderr).toContain(
      "error: valid --types are Normal or Warning",
    );
  });

  it("is unknown to a kubectl before 1.26, where it was `kubectl alpha events`", () => {
    const r = runKubectl("events", cluster(), { version: 22 });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('unknown command "events" for "kubectl"');
    expect(runKubectl("events", cluster(), { version: 26 }).exitCode).toBe(0);
  });
});
