// `kubectl get pod -o yaml` of a pod the API server admitted: the DefaultTolerationSeconds
// admission plug-in (plugin/pkg/admission/defaulttolerationseconds admission.go Plugin.Admit)
// appended the not-ready and unreachable NoExecute tolerations of 300 s to its spec (Replicast
// adds them to the wire form, kubectl/serialize.ts), and Go's encoders print their keys sorted.
import { expect, it } from "vitest";
import { runKubectl } from "../../src/kubectl/run.ts";
import { FakeCluster } from "./fakeCluster.ts";

it("get pod -o yaml shows the two tolerations DefaultTolerationSeconds added", () => {
  const c = new FakeCluster();
  expect(runKubectl("run web --image=nginx:1.25", c).exitCode).toBe(0);
  expect(runKubectl("get pod web -o yaml", c).stdout).toContain(
    [
      "  terminationGracePeriodSeconds: 30",
      "  tolerations:",
      "  - effect: NoExecute",
      "    key: node.kubernetes.io/not-ready",
      "    operator: Exists",
      "    tolerationSeconds: 300",
      "  - effect: NoExecute",
      "    key: node.kubernetes.io/unreachable",
      "    operator: Exists",
      "    tolerationSeconds: 300",
      "status:",
    ].join("\n"),
  );
  expect(runKubectl("get pod web -o jsonpath={.spec.tolerations[*].key}", c).stdout).toBe(
    "node.kubernetes.io/not-ready node.kubernetes.io/unreachable",
  );
});
