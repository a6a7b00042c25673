/**
 * kubectl commands that go on in simulated time inside a scenario: `rollout status` watching
 * its object (rollout_status.go RunStatus), `kubectl wait` polling (wait.go RunWait), and a
 * command the run ends under, which fails its line instead of vanishing.
 */
import { describe, expect, it } from "vitest";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const run = (text: string) => runWith(defaultServices, text, "running.scn", { host: memoryHost({}) });
type Result = ReturnType<typeof run>;
const linesOf = (r: Result, command: string) =>
  r.output.filter((o) => o.command === command).map((o) => ({ time: o.time, text: o.text }));

describe("kubectl rollout status watches until the rollout is done", () => {
  const text = (status: string) => `at 0s kubectl create deployment web --image=nginx:1.25 --replicas=3
at 1m kubectl set image deployment/web nginx=nginx:1.26
${status}
`;
  it("prints the status when it runs, at each change after, and ends with 'successfully rolled out'", () => {
    const r = run(text("kubectl rollout status deployment/web"));
    const lines = linesOf(r, "kubectl rollout status deployment/web");
    expect(lines[0]).toEqual({
      time: 60,
      text: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
    });
    const last = lines[lines.length - 1];
    expect(last.text).toBe('deployment "web" successfully rolled out');
    expect(last.time).toBeGreaterThan(60);
    // Every line between is one of the viewer's waiting messages, in time order.
    for (const l of lines.slice(1, -1))
      expect(l.text).toMatch(/^Waiting for deployment "web" rollout to finish: /);
    expect(lines.map((l) => l.time)).toEqual([...lines.map((l) => l.time)].sort((a, b) => a - b));
    expect(r.failures).toEqual([]);
  });
  it("--watch=false prints once", () => {
    const r = run(text("kubectl rollout status deployment/web --watch=false"));
    expect(linesOf(r, "kubectl rollout status deployment/web --watch=false")).toHaveLength(1);
  });
  it("--timeout ends it with kubectl's error, and the line fails", () => {
    const r = run(text("kubectl rollout status deployment/web --timeout=2s"));
    const lines = linesOf(r, "kubectl rollout status deployment/web --timeout=2s");
    expect(lines[lines.length - 1]).toEqual({ time: 62, text: "error: timed out waiting for the condition" });
    expect(r.failures.map((f) => f.message)).toEqual(["error: timed out waiting for the condition"]);
  });
});

describe("a command the run ends under", () => {
  it("fails its line with RC4060's message (a wait with a negative timeout waits a week)", () => {
    const r = run(`at 0s kubectl create deployment web --image=nginx --replicas=1
kubectl wait --for=jsonpath={.status.replicas}=9 deployment/web --timeout=-1s
run for 2m`);
    expect(r.failures).toEqual([
      expect.objectContaining({
        command: "kubectl wait --for=jsonpath={.status.replicas}=9 deployment/web --timeout=-1s",
        message: "still running when the run ended at 2m: kubectl had not returned yet",
      }),
    ]);
  });
  it("a wait's timeout makes the run last long enough for it to finish", () => {
    const r = run(`at 0s kubectl create deployment web --image=nginx --replicas=1
kubectl wait --for=jsonpath={.status.replicas}=9 deployment/web --timeout=3m`);
    expect(r.failures.map((f) => [f.time, f.message])).toEqual([
      [180, "error: timed out waiting for the condition on deployments/web"],
    ]);
  });
});
