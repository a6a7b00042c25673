/**
 * `kubectl run` (kubectl/pkg/cmd/run/run.go, generateversioned BasicPod): a bare Pod.
 */
import { describe, expect, it } from "vitest";
import type { Pod } from "../../src/k8s/types.ts";
import { parseKubectl } from "../../src/kubectl/parse.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { FakeCluster } from "./fakeCluster.ts";

const pod = (c: FakeCluster, name: string) => c.api.get("Pod", "default", name) as Pod;

describe("kubectl run", () => {
  it("creates the Pod BasicPod builds: label run=NAME, one container named NAME", () => {
    const c = new FakeCluster();
    expect(runKubectl("run nginx --image=nginx:1.25 --port=80", c)).toMatchObject({
      exitCode: 0,
      stdout: "pod/nginx created\n",
    });
    const p = pod(c, "nginx");
    expect(p.metadata.labels).toEqual({ run: "nginx" });
    expect(p.spec.restartPolicy).toBe("Always");
    // The API server's defaults (pull policy, protocol, termination message) come on top.
    expect(p.spec.containers).toMatchObject([
      { name: "nginx", image: "nginx:1.25", resources: {}, ports: [{ containerPort: 80 }] },
    ]);
  });
  it("the words after -- are args, or the command with --command; --labels replaces run=NAME", () => {
    const c = new FakeCluster();
    runKubectl("run a --image=busybox --restart=Never -- sleep 3600", c);
    runKubectl("run b --image=busybox -l app=b,tier=batch --command -- sh -c date", c);
    expect(pod(c, "a").spec.containers[0].args).toEqual(["sleep", "3600"]);
    expect(pod(c, "a").spec.restartPolicy).toBe("Never");
    expect(pod(c, "b").spec.containers[0].command).toEqual(["sh", "-c", "date"]);
    expect(pod(c, "b").metadata.labels).toEqual({ app: "b", tier: "batch" });
  });
  it("refuses what kubectl refuses, and the terminal forms with what to write instead", () => {
    expect(parseKubectl("kubectl run x").diagnostics[0].message).toBe(
      'error: required flag(s) "image" not set',
    );
    expect(parseKubectl("kubectl run x --image=i --restart=Sometimes").diagnostics[0].message).toBe(
      "error: invalid restart policy: Sometimes",
    );
    const d = parseKubectl("kubectl run -i --tty gen --rm --image=busybox -- wget -q -O- http://web")
      .diagnostics[0];
    expect(d.message).toContain("there is no terminal to attach to");
    expect(d.hint).toContain("load");
  });
});
