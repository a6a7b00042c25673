// The HPA's scale writes refused by the API server for a while, through the whole engine: a
// scenario runs on a Simulation whose API faults (src/engine/faults/api.ts) reject scale UPDATEs
// from 2m to 3m. What the HPA does is horizontal.go reconcileAutoscaler's failure branch:
// Warning FailedRescale "New size: N; reason: R; error: E", AbleToScale False
// FailedUpdateScale, status.desiredReplicas kept — and it scales as soon as the writes go
// through again. The refusal is the Conflict the API server returns for a stale write.
import { describe, expect, it } from "vitest";
import type { Simulation } from "../../src/engine/simulation.ts";
import { runWith } from "../../src/scenario/api.ts";
import { createSimulation, defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";

const CONFLICT =
  'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again';

// The walkthrough's php-apache, shortened: one pod requesting 200m, an HPA at 50 %, load at 2m.
const SCENARIO = `scenario "scale writes refused for a minute"
manifest web = <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        resources:
          requests:
            cpu: 200m
YAML
at 0s apply web
at 1m kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=10
at 2m load cpu 150%
expect hpa condition AbleToScale == False reason FailedUpdateScale within 1m
expect replicas 1 from 2m to 2m59s
at 2m50s kubectl describe hpa web
expect replicas 3 within 90s
expect hpa event "New size: 3; reason: cpu resource utilization (percentage of request) above target" within 90s
`;

function run(faulty: boolean) {
  const services = {
    ...defaultServices,
    createSimulation(settings: Parameters<typeof createSimulation>[0]) {
      const sim = createSimulation(settings) as Simulation & ReturnType<typeof createSimulation>;
      if (faulty)
        sim.faults.api.add({
          verb: "update",
          resource: "scale",
          from: 120,
          until: 180,
          error: { reason: "Conflict", message: CONFLICT },
        });
      return sim;
    },
  };
  return runWith(services, SCENARIO, "faults.scn", { host: memoryHost({}) });
}

describe("the API refusing the HPA's scale writes (engine-level fault)", () => {
  const r = run(true);
  const hpaEvents = r.trace!.events.filter((e) => e.involvedObject.kind === "HorizontalPodAutoscaler");

  it("holds the size while the writes fail, then scales as soon as they go through", () => {
    expect(r.expectations.map((e) => [e.text, e.passed, e.message])).toEqual([
      [
        "expect hpa condition AbleToScale == False reason FailedUpdateScale within 1m",
        true,
        expect.any(String),
      ],
      ["expect replicas 1 from 2m to 2m59s", true, expect.any(String)],
      ["expect replicas 3 within 90s", true, expect.any(String)],
      [
        'expect hpa event "New size: 3; reason: cpu resource utilization (percentage of request) above target" within 90s',
        true,
        expect.any(String),
      ],
    ]);
    expect(r.passed).toBe(true);
  });

  it("records FailedRescale for every refused write, with upstream's wording", () => {
    const refused = hpaEvents.filter((e) => e.reason === "FailedRescale");
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((e) => e.time >= 120 && e.time < 180 && e.type === "Warning")).toBe(true);
    expect(refused[0].message).toBe(
      `New size: 3; reason: cpu resource utilization (percentage of request) above target; error: ${CONFLICT}`,
    );
    const rescaled = hpaEvents.find((e) => e.reason === "SuccessfulRescale")!;
    expect(rescaled.time).toBeGreaterThanOrEqual(180);
  });

  it("shows the refusal in kubectl describe hpa, with desired replicas kept at 1", () => {
    const describe = r.output.find((o) => o.command === "kubectl describe hpa web")!.text;
    expect(describe).toMatch(/^Deployment pods: +1 current \/ 1 desired$/m);
    expect(describe).toMatch(
      /^ {2}AbleToScale +False +FailedUpdateScale +the HPA controller was unable to update the target scale: Operation cannot be fulfilled on deployments\.apps "web"/m,
    );
    expect(describe).toMatch(/Warning +FailedRescale .*New size: 3; reason: cpu resource utilization/);
  });

  it("without the fault the same scenario scales inside the window", () => {
    const clean = run(false);
    const first = clean.trace!.events.find((e) => e.reason === "SuccessfulRescale")!;
    expect(first.time).toBeLessThan(180);
    expect(clean.expectations.slice(0, 2).map((e) => e.passed)).toEqual([false, false]);
  });
});
