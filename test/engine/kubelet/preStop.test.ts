// killContainer's timing (pkg/kubelet/kuberuntime/kuberuntime_container.go): the preStop hook
// runs first, bounded by the grace period (executePreStopHook returns the whole seconds it
// waited); the rest of the period, at least minimumGracePeriodInSeconds (2), is StopContainer's
// SIGTERM timeout. Hook run times: exec read as an init container's command, the sleep action
// (pkg/kubelet/lifecycle/handlers.go runSleepHandler), httpGet and tcpSocket 0.
import { describe, expect, it } from "vitest";
import { containerStop, hookSeconds, preStopSeconds } from "../../../src/engine/kubelet/preStop.ts";

describe("hookSeconds: how long a preStop handler runs", () => {
  it.each([
    [{ exec: { command: ["sleep", "5"] } }, 5],
    [{ exec: { command: ["/bin/sh", "-c", "sleep 5 && kill -SIGTERM $(pidof vault)"] } }, 5],
    [{ exec: { command: ["sh", "-c", "nginx -s quit; sleep 2.5"] } }, 2.5],
    [{ sleep: { seconds: 10 } }, 10],
    [{ httpGet: { path: "/drain", port: 8080 } }, 0],
    [{ tcpSocket: { port: 8080 } }, 0],
    [{ exec: { command: ["/drain.sh"] } }, 0],
    [{ exec: { command: ["sh", "-c", "while pgrep app; do sleep 1; done"] } }, 0],
  ])("%j → %s s", (handler, expected) => {
    expect(hookSeconds(handler)).toBe(expected);
  });

  it("a container without a lifecycle has no hook time", () => {
    expect(preStopSeconds({ name: "app", image: "nginx" })).toBe(0);
    expect(
      preStopSeconds({ name: "app", image: "nginx", lifecycle: { preStop: { sleep: { seconds: 3 } } } }),
    ).toBe(3);
  });
});

describe("containerStop: killContainer's hook, then SIGTERM with what is left of the period", () => {
  it.each([
    // [hook, grace, shutdown, after, killed]
    [0, 30, 1, 1, false], // no hook: min(pod.shutdown, grace), as before
    [0, 30, 45, 30, true], // no hook, the application outlives the period: SIGKILL at 30 s
    [5, 30, 1, 6, false], // the hook's 5 s, then 1 s to stop
    [5, 30, 40, 30, true], // the hook left 25 s, the application needs 40: SIGKILL at 5 + 25
    [40, 30, 1, 31, false], // the hook is cut at 30 s; the 2-s minimum covers the 1-s stop
    [40, 30, 5, 32, true], // cut at 30 s, then SIGKILL at the 2-s minimum
    [29.5, 30, 5, 31.5, true], // whole seconds: 29 s counted, 1 s left, raised to 2
    [5, 0, 1, 0, true], // period 0: the hook does not run (gracePeriod > 0)
  ])(
    "hook %s s, grace %s s, shutdown %s s → stopped after %s s, killed %s",
    (hook, grace, shutdown, after, killed) => {
      expect(containerStop(hook, grace, shutdown)).toEqual({ after, killed });
    },
  );
});
