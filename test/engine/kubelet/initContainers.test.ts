// How long a regular init container runs, read from its command (src/engine/kubelet/initContainers.ts):
// the container's argv is command then args (args alone replace the image's CMD: the
// "Define a Command and Arguments for a Container" task page), GNU coreutils/busybox sleep
// takes NUMBER[smhd] and sleeps for the sum of its arguments, and a shell's -c script of
// simple commands takes as long as its sleeps.
import { describe, expect, it } from "vitest";
import { initRunTime, isSidecar, sleepArgument } from "../../../src/engine/kubelet/initContainers.ts";
import type { Container } from "../../../src/k8s/types.ts";

const c = (command?: string[], args?: string[]): Container => ({
  name: "init",
  image: "busybox:1.36",
  ...(command ? { command } : {}),
  ...(args ? { args } : {}),
});

describe("sleepArgument (coreutils sleep: NUMBER[SUFFIX], s m h d)", () => {
  it.each([
    ["5", 5],
    ["2.5", 2.5],
    [".5", 0.5],
    ["5s", 5],
    ["1m", 60],
    ["2h", 7200],
    ["1d", 86400],
    ["infinity", undefined],
    ["-1", undefined],
    ["5x", undefined],
    ["$DELAY", undefined],
  ])("%s → %s", (arg, expected) => {
    expect(sleepArgument(arg)).toBe(expected);
  });
});

describe("initRunTime: the run time a command says", () => {
  it.each([
    ["command sleep 5", c(["sleep", "5"]), 5],
    ["absolute path", c(["/bin/sleep", "30"]), 30],
    ["sleep sums its arguments", c(["sleep", "1m", "30"]), 90],
    ["args alone replace the image's CMD", c(undefined, ["sleep", "10"]), 10],
    ["command and args", c(["sleep"], ["7"]), 7],
    ['sh -c "sleep 5"', c(["sh", "-c", "sleep 5"]), 5],
    ["/bin/sh -c 'echo x; sleep 2.5'", c(["/bin/sh", "-c", "echo x; sleep 2.5"]), 2.5],
    ["bash -c with && and two sleeps", c(["bash", "-c", "sleep 1 && echo ok && sleep 2"]), 3],
    ["sh -c on new lines", c(["sh", "-c", "echo start\nsleep 4\necho done"]), 4],
    ["sh -ec (flags before -c)", c(["sh", "-e", "-c", "sleep 3"]), 3],
    ["a loop waits for something else", c(["sh", "-c", "until nc -z db 5432; do sleep 2; done"]), undefined],
    ["a pipeline", c(["sh", "-c", "curl -s http://config | tee /cfg; sleep 1"]), undefined],
    ["a script without sleep", c(["sh", "-c", "cp /src/* /dst/"]), undefined],
    ["a program", c(["./migrate", "up"]), undefined],
    ["no command (the image's own)", c(), undefined],
    ["sleep with a variable", c(["sh", "-c", "sleep $DELAY"]), undefined],
  ])("%s", (_, container, expected) => {
    expect(initRunTime(container)).toBe(expected);
  });
});

describe("isSidecar (pkg/api/v1/pod/util.go IsRestartableInitContainer)", () => {
  it("is an init container with restartPolicy Always", () => {
    expect(isSidecar({ name: "proxy", image: "envoy", restartPolicy: "Always" })).toBe(true);
    expect(isSidecar({ name: "init", image: "busybox" })).toBe(false);
    expect(isSidecar(undefined)).toBe(false);
  });
});
