/**
 * scenarios/hpa-walkthrough/: the kubernetes.io "HorizontalPodAutoscaler Walkthrough"
 * (docs/tasks/run-application/horizontal-pod-autoscale-walkthrough) as a scenario. Each
 * command prints what the page prints, in the columns a current kubectl prints them: the
 * page's own samples were taken with an old kubectl (`TARGET`, `0% / 50%`,
 * `Deployment/php-apache/scale`), so the values compared here are the page's, the layout
 * kubectl's (printers.go printHorizontalPodAutoscaler, printDeployment).
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/node.ts";
import type { ScenarioResult } from "../../src/scenario/result.ts";

const path = "scenarios/hpa-walkthrough/hpa-walkthrough.scn";

const printed = (r: ScenarioResult, command: string, time?: number): string[] =>
  r.output.filter((o) => o.command === command && (time === undefined || o.time === time)).map((o) => o.text);

describe("the HorizontalPodAutoscaler Walkthrough (kubernetes.io)", async () => {
  const r = await runScenario({ path });

  it("runs, and every expectation holds", () => {
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(true);
  });

  it("applies the saved example as the page applies its URL", () => {
    expect(printed(r, "kubectl apply -f php-apache.yaml")).toEqual([
      "deployment.apps/php-apache created\nservice/php-apache created",
    ]);
  });

  it("autoscale: kubectl 1.34's deprecation notice for --cpu-percent, then the page's line", () => {
    expect(printed(r, "kubectl autoscale deployment php-apache --cpu-percent=50 --min=1 --max=10")).toEqual([
      "Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).\n" +
        "horizontalpodautoscaler.autoscaling/php-apache autoscaled",
    ]);
  });

  it("get hpa 18s later: 0% of a 50% target, 1 to 10, 1 replica, as on the page", () => {
    expect(printed(r, "kubectl get hpa")).toEqual([
      [
        "NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE",
        "php-apache   Deployment/php-apache   cpu: 0%/50%   1         10        1          18s",
      ].join("\n"),
    ]);
  });

  it("the watch: the load shows at AGE 3m with 1 replica (the page's row), then 7 replicas, then back to 1", () => {
    const rows = printed(r, "kubectl get hpa php-apache --watch").flatMap((t) => t.split("\n"));
    expect(rows[0]).toBe(
      "NAME         REFERENCE               TARGETS       MINPODS   MAXPODS   REPLICAS   AGE",
    );
    // The pod's 500m limit holds it at 250% of its request, where the page (no limit) saw 305%.
    expect(rows).toContain(
      "php-apache   Deployment/php-apache   cpu: 250%/50%   1         10        1          3m",
    );
    const replicas = rows.slice(1).map((l) => Number(l.split(/\s{2,}/)[5]));
    // 1 → 4 → 5 → 7 under the load, 1 once it stopped, 3 with the edited HPA's metrics.
    expect(replicas.filter((n, i) => n !== replicas[i - 1])).toEqual([1, 4, 5, 7, 1, 3]);
  });

  it("get deployment: 7/7 under the load at 19m, 1/1 at 27m after it stopped, as on the page", () => {
    expect(printed(r, "kubectl get deployment php-apache")).toEqual([
      "NAME         READY   UP-TO-DATE   AVAILABLE   AGE\nphp-apache   7/7     7            7           19m",
      "NAME         READY   UP-TO-DATE   AVAILABLE   AGE\nphp-apache   1/1     1            1           27m",
    ]);
  });

  it("the HPA in its autoscaling/v2 form, with the page's spec", () => {
    const [yaml] = printed(r, "kubectl get hpa php-apache -o yaml");
    expect(yaml).toMatch(/^apiVersion: autoscaling\/v2\nkind: HorizontalPodAutoscaler\n/);
    expect(yaml).toContain(
      [
        "spec:",
        "  maxReplicas: 10",
        "  metrics:",
        "  - resource:",
        "      name: cpu",
        "      target:",
        "        averageUtilization: 50",
        "        type: Utilization",
        "    type: Resource",
        "  minReplicas: 1",
        "  scaleTargetRef:",
        "    apiVersion: apps/v1",
        "    kind: Deployment",
        "    name: php-apache",
      ].join("\n"),
    );
    expect(yaml).toContain(
      "  currentMetrics:\n  - resource:\n      current:\n        averageUtilization: 0\n",
    );
  });

  it("the edited HPA with a Pods and an Object metric: three metrics in TARGETS, each in describe", () => {
    expect(printed(r, "kubectl get hpa php-apache")).toEqual([
      [
        "NAME         REFERENCE               TARGETS                          MINPODS   MAXPODS   REPLICAS   AGE",
        "php-apache   Deployment/php-apache   cpu: 0%/50%, 1k/1k + 1 more...   1         10        3          34m",
      ].join("\n"),
    ]);
    const [described] = printed(r, "kubectl describe hpa php-apache");
    expect(described).toContain('  "packets-per-second" on pods:                                1k / 1k\n');
    expect(described).toContain('  "requests-per-second" on Ingress/main-route (target value):  10k / 10k\n');
  });
});

describe("the page's commands a scenario cannot run say what to write instead", () => {
  const check = async (line: string) => {
    const r = await runScenario({ text: `${line}\n`, file: "walkthrough.scn" });
    expect(r.status).toBe("error");
    return r.diagnostics.filter((d) => d.severity === "error");
  };

  it("kubectl apply -f URL: one refusal naming the file to save", async () => {
    const errors = await check("kubectl apply -f https://k8s.io/examples/application/php-apache.yaml");
    expect(errors.map((d) => [d.message, d.hint])).toEqual([
      [
        '"https://k8s.io/examples/application/php-apache.yaml" is a URL, and the Replicast simulator downloads nothing',
        "save the file beside the scenario (e.g. `curl -LO https://k8s.io/examples/application/php-apache.yaml`) and write `kubectl apply -f php-apache.yaml`",
      ],
    ]);
  });

  it("what the refused line would have created is not reported missing as well", async () => {
    const r = await runScenario({
      text: "kubectl apply -f https://k8s.io/examples/application/php-apache.yaml\nexpect deployment/php-apache replicas 1\n",
      file: "walkthrough.scn",
    });
    expect(r.diagnostics.map((d) => d.span.line)).toEqual([1]);
  });

  it("kubectl run (the load generator): one refusal pointing at `load`", async () => {
    const errors = await check(
      'kubectl run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0].hint).toContain("load deployment/php-apache");
  });
});
