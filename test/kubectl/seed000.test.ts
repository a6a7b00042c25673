/**
 * Seed 000 (the rollout walk-through) end to end against the real engine: kubectl create,
 * set image --record twice, rollout history, undo --to-revision=1, undo --to-revision=2, with
 * the history the blog shows after each step (docs/kubernetes/deploy-semantics.md §8.2: a rollback moves the
 * old revision to max + 1 and it disappears from its old number).
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { admit } from "../../src/k8s/admission.ts";
import { formatInvalid } from "../../src/k8s/fieldErrors.ts";
import { runKubectl } from "../../src/kubectl/run.ts";

/** The seed was taken with kubectl 1.22 (its HPA TARGETS read `0%/10%`). */
const SEED_KUBECTL = { version: 22 };
const runKubectl1_22 = (line: string, sim: Simulation) => runKubectl(line, sim, SEED_KUBECTL);

const V2 = "kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true";
const V3 = "kubectl set image deployment/demo-rollout busybox=busybox:v3 --record=true";

function history(rows: [number, string][]): string {
  return `deployment.apps/demo-rollout\nREVISION  CHANGE-CAUSE\n${rows.map(([r, c]) => `${String(r).padEnd(10)}${c}\n`).join("")}\n`;
}

describe("seed 000: rolling update and rollback", () => {
  it("reproduces the blog's kubectl output at every step", () => {
    const sim = new Simulation({ admit: (raw, old) => admit(raw, old), formatInvalid });
    const k = (line: string, at?: number) => {
      if (at !== undefined) sim.runUntil(at);
      const r = runKubectl(line, sim, SEED_KUBECTL);
      // kubectl 1.22 deprecated --record (kubernetes PR #102873): pflag's notice on stderr (the
      // blog shows no output for these lines at all), and the change-cause is still recorded.
      expect(r.stderr).toBe(
        line.includes("--record")
          ? "Flag --record has been deprecated, --record will be removed in the future\n"
          : "",
      );
      expect(r.exitCode).toBe(0);
      return r.stdout;
    };

    expect(k("create deployment demo-rollout --image=busybox:v1 --replicas=3 -- sleep 3600", 0)).toBe(
      "deployment.apps/demo-rollout created\n",
    );
    const pods = k("get pods", 4).split("\n");
    expect(pods[0]).toMatch(/^NAME {3,}READY {3}STATUS {4}RESTARTS {3}AGE$/);
    expect(
      pods.slice(1, 4).every((l) => /^demo-rollout-[a-z0-9]+-[a-z0-9]{5}\s+1\/1\s+Running\s+0\s+4s$/.test(l)),
    ).toBe(true);

    expect(k("set image deployment/demo-rollout busybox=busybox:v2 --record=true", 10)).toBe(
      "deployment.apps/demo-rollout image updated\n",
    );
    expect(k("set image deployment/demo-rollout busybox=busybox:v3 --record=true", 60)).toBe(
      "deployment.apps/demo-rollout image updated\n",
    );
    expect(k("rollout status deployment demo-rollout", 120)).toBe(
      'deployment "demo-rollout" successfully rolled out\n',
    );
    expect(k("rollout history deployment demo-rollout")).toBe(
      history([
        [1, "<none>"],
        [2, V2],
        [3, V3],
      ]),
    );
    expect(k("get deployment demo-rollout -o jsonpath='{.spec.template.spec.containers}'")).toMatch(
      /^\[\{"command":\["sleep","3600"\],"image":"busybox:v3",.*"name":"busybox".*\}\]$/,
    );
    expect(k("describe deployment demo-rollout | grep -i image:")).toBe("    Image:      busybox:v3\n");

    expect(k("rollout undo deployment/demo-rollout --to-revision=1")).toBe(
      "deployment.apps/demo-rollout rolled back\n",
    );
    expect(k("describe deployment demo-rollout | grep -i image:", 180)).toBe("    Image:      busybox:v1\n");
    expect(k("rollout history deployment demo-rollout")).toBe(
      history([
        [2, V2],
        [3, V3],
        [4, "<none>"],
      ]),
    );

    expect(k("rollout undo deployment/demo-rollout --to-revision=2")).toBe(
      "deployment.apps/demo-rollout rolled back\n",
    );
    expect(k("describe deployment demo-rollout | grep -i image:", 240)).toBe("    Image:      busybox:v2\n");
    expect(k("rollout history deployment demo-rollout")).toBe(
      history([
        [3, V3],
        [4, "<none>"],
        [5, V2],
      ]),
    );
  });

  it("scale and autoscale as in the blog's second half", () => {
    const sim = new Simulation({ admit: (raw, old) => admit(raw, old), formatInvalid });
    runKubectl1_22("create deployment demo-rollout --image=busybox:v1 --replicas=3", sim);
    sim.runUntil(30);
    expect(runKubectl1_22("scale deployment demo-rollout --replicas=10", sim).stdout).toBe(
      "deployment.apps/demo-rollout scaled\n",
    );
    sim.runUntil(60);
    expect(runKubectl1_22("get deploy demo-rollout", sim).stdout).toBe(
      "NAME           READY   UP-TO-DATE   AVAILABLE   AGE\ndemo-rollout   10/10   10           10          60s\n",
    );
    expect(
      runKubectl1_22("autoscale deployment demo-rollout --min=3 --max=10 --cpu-percent=10", sim).stdout,
    ).toBe("horizontalpodautoscaler.autoscaling/demo-rollout autoscaled\n");
    sim.runUntil(120);
    // busybox has no CPU request, so the HPA never gets a utilization: TARGETS stays <unknown>.
    expect(runKubectl1_22("get hpa", sim).stdout.split("\n")[1]).toBe(
      "demo-rollout   Deployment/demo-rollout   <unknown>/10%   3         10        10         60s",
    );
  });
});
