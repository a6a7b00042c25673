/**
 * A repository shaped like a KEDA user's (test/fixtures/repos/keda-platform): ScaledObjects
 * instead of HPAs, applied with `kubectl apply -R -f deploy/` into a namespace, a
 * TriggerAuthentication beside them, no KEDA CRDs (the cluster's Helm release brings them).
 * KEDA 2.16's behaviour: controllers/keda/scaledobject_controller.go, hpa.go,
 * pkg/scaling/executor/scale_scaledobjects.go, pkg/scalers/prometheus_scaler.go and
 * cron_scaler.go.
 */
import { describe, expect, it } from "vitest";
import { runScenario } from "../../../src/scenario/index.ts";
import { nodeHost } from "../../../src/scenario/nodeHost.ts";

type Result = Awaited<ReturnType<typeof runScenario>>;

const printed = (r: Result, time: number, nth = 0) => r.output.filter((o) => o.time === time)[nth]?.text;

describe("a KEDA platform repository: a consumer from zero, a lunch-rush cron, a kafka trigger", () => {
  it("runs KEDA's operator over the repository's ScaledObjects and passes", async () => {
    const file = "test/fixtures/repos/keda-platform/keda.scn";
    const r = await runScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });
    // Once per kind (RC4125), and the kafka trigger where it is written (RC4126).
    expect(r.diagnostics.map((d) => [d.code, d.file, d.span.line, d.span.col])).toEqual([
      ["RC4125", "test/fixtures/repos/keda-platform/deploy/orders-consumer/scaledobject.yaml", 4, 7],
      ["RC4125", "test/fixtures/repos/keda-platform/deploy/orders-consumer/triggerauthentication.yaml", 2, 7],
      ["RC4126", "test/fixtures/repos/keda-platform/deploy/reports/reports.yaml", 31, 13],
    ]);
    expect([r.status, r.passed, r.failures]).toEqual(["passed", true, []]);
    expect(r.expectations.map((e) => [e.line, e.passed])).toEqual([
      [14, true],
      [16, true],
      [19, true],
      [20, true],
    ]);
    expect(printed(r, 60)).toBe(
      [
        "NAME              SCALETARGETKIND      SCALETARGETNAME   MIN   MAX   READY   ACTIVE   FALLBACK   PAUSED    TRIGGERS     AUTHENTICATIONS     AGE",
        "orders-consumer   apps/v1.Deployment   orders-consumer   0     25    True    False    False      Unknown   prometheus   prometheus-bearer   60s",
        "reports           apps/v1.Deployment   reports           1     4     False   False    False      Unknown   kafka        <none>              60s",
        "storefront        apps/v1.Deployment   storefront        2     12    True    False    False      Unknown   cron,cpu     <none>              60s",
      ].join("\n"),
    );
    // advanced.horizontalPodAutoscalerConfig.name names the storefront's HPA; outside the
    // window the cron metric is 1 over 2 pods.
    expect(printed(r, 60, 1)).toBe(
      [
        "NAME                       REFERENCE                    TARGETS                     MINPODS   MAXPODS   REPLICAS   AGE",
        "keda-hpa-orders-consumer   Deployment/orders-consumer   <unknown>/20 (avg)          1         25        0          60s",
        "keda-hpa-reports           Deployment/reports           <unknown>/1 (avg)           1         4         1          60s",
        "storefront                 Deployment/storefront        500m/1 (avg), cpu: 0%/65%   2         12        2          60s",
      ].join("\n"),
    );
    // A named trigger is named in the activation event; 130 queued over 20 a pod: 7.
    const consumer = r.events
      .filter((e) => e.object === "scaledobject/orders-consumer" && e.namespace === "shop")
      .map((e) => `${e.time} ${e.reason}: ${e.message}`);
    expect(consumer).toEqual([
      "0 ScaledObjectReady: ScaledObject is ready for scaling",
      "10 KEDAScaleTargetDeactivated: Deactivated apps/v1.Deployment shop/orders-consumer from 1 to 0",
      "600 KEDAScaleTargetActivated: Scaled apps/v1.Deployment shop/orders-consumer from 0 to 1, triggered by queue-depth",
      "2100 KEDAScaleTargetDeactivated: Deactivated apps/v1.Deployment shop/orders-consumer from 1 to 0",
    ]);
    // 11:30 in Tokyo is 2h30m into the run: 2 -> 4 -> 8 (a behavior's default scale-up, +100% a 15 s).
    expect(printed(r, 10800, 1)).toBe(
      [
        "NAME         REFERENCE               TARGETS                  MINPODS   MAXPODS   REPLICAS   AGE",
        "storefront   Deployment/storefront   1/1 (avg), cpu: 0%/65%   2         12        8          3h",
      ].join("\n"),
    );
    expect(r.stored).toEqual([{ kind: "TriggerAuthentication", names: ["shop/prometheus-bearer"] }]);
  });
});
