// What the kubelet copies from containerd into a pod's container statuses
// (kubelet_pods.go convertContainerStatus; containerd pkg/cri/server/container_status.go):
// `kubectl get pod -o yaml` and `describe pod` show a containerID per run, the image's repo
// digest and containerd's image name once the container exists, and nothing of the sort
// while its image cannot be pulled.
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const host = memoryHost({});
const text = (lines: string[]) => lines.join("\n");

async function podYaml(lines: string[], at: string): Promise<string> {
  const r = await runScenario(
    { text: text([...lines, `at ${at} kubectl get pods -o yaml`]), file: "ids.scn" },
    { host },
  );
  return r.output.find((o) => o.command === "kubectl get pods -o yaml")?.text ?? "";
}

describe("container ids in pod status", () => {
  it("a running container has containerd's image name, the repo digest and a containerd:// id", async () => {
    const yaml = await podYaml(["kubectl create deployment web --image=nginx:1.25"], "30s");
    expect(yaml).toMatch(/ {4}- containerID: containerd:\/\/[0-9a-f]{64}\n/);
    expect(yaml).toContain("      image: docker.io/library/nginx:1.25\n");
    expect(yaml).toMatch(/ {6}imageID: docker\.io\/library\/nginx@sha256:[0-9a-f]{64}\n/);
    // The spec keeps the image as written.
    expect(yaml).toContain("    - image: nginx:1.25\n");
  });

  it("a container whose image cannot be pulled has an empty imageID and no containerID", async () => {
    const yaml = await podYaml(
      ["fault pull image nginx:1.161", "kubectl create deployment web --image=nginx:1.161"],
      "1m",
    );
    expect(yaml).toMatch(/- image: nginx:1\.161\n {6}imageID: ""\n/);
    expect(yaml).not.toContain("containerID");
  });

  it("a restart is a new container with its own id; in CrashLoopBackOff the id is the last run's", async () => {
    const line = (what: string) =>
      `kubectl get pods -o jsonpath={.items[0].status.containerStatuses[0].${what}}`;
    const r = await runScenario(
      {
        text: text([
          "fault crash image nginx:1.25",
          "kubectl create deployment web --image=nginx:1.25",
          `at 2m ${line("containerID")}`,
          line("lastState.terminated.containerID"),
          line("restartCount"),
          `at 6m ${line("containerID")}`,
          line("restartCount"),
        ]),
        file: "ids.scn",
      },
      { host },
    );
    const [id2m, last2m, restarts2m, id6m, restarts6m] = r.output
      .filter((o) => o.command.includes("jsonpath"))
      .map((o) => o.text);
    expect(id2m).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    // Waiting to restart, the status names the container that last ran (kubelet_pods.go).
    expect(last2m).toBe(id2m);
    expect(Number(restarts6m)).toBeGreaterThan(Number(restarts2m));
    expect(id6m).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(id6m).not.toBe(id2m);
  });
});
