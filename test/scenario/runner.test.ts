import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/scenario/index.ts";
import { runWith } from "../../src/scenario/api.ts";
import { defaultServices } from "../../src/scenario/defaultServices.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { WEB_DEPLOYMENT_YAML } from "../fixtures/manifests.ts";

const run = (text: string) => runScenario({ text, file: "r.scn" }, { host: memoryHost({}) });

describe("the runner against the real engine", () => {
  it("`watch` of an object that appears later prints its rows from then on", async () => {
    const r = await run(
      "watch deployment/web\nat 10s kubectl create deployment web --image=x\nat 30s kubectl scale deployment web --replicas=2",
    );
    const watch = r.output.filter((o) => o.line === 1);
    expect(watch[0].text).toBe("(waiting for deployment/web to appear)");
    // Available pod.startup (2 s) and the image pull (1 s) after each pod's creation: the
    // untagged image `x` is pulled for every pod (imagePullPolicy Always).
    expect(watch.slice(1).map((o) => [o.time, o.text.split(/\s+/).slice(0, 4).join(" ")])).toEqual([
      [10, "web 0/1 1 0"],
      [13, "web 1/1 1 1"],
      [30, "web 1/2 2 1"],
      [33, "web 2/2 2 2"],
    ]);
    expect(r.failures).toEqual([]);
  });

  it("a kubectl error is a failure with its line, and the run goes on", async () => {
    const r = await run(
      "kubectl create deployment web --image=x\nat 5s kubectl scale deployment nothere --replicas=2\nat 10s kubectl scale deployment web --replicas=3\nexpect replicas 3",
    );
    expect(r.failures).toEqual([
      {
        line: 2,
        time: 5,
        command: "kubectl scale deployment nothere --replicas=2",
        message: 'Error from server (NotFound): deployments.apps "nothere" not found',
      },
    ]);
    expect(r.expectations.map((e) => e.passed)).toEqual([true]);
    expect(r.passed).toBe(false);
  });

  it("reads print at their times, after everything due at that instant", async () => {
    const r = await run("kubectl create deployment web --image=x --replicas=2\nat 1m kubectl get deploy web");
    const get = r.output.find((o) => o.command === "kubectl get deploy web");
    expect(get?.time).toBe(60);
    expect(get?.text.split("\n")[1].split(/\s+/).slice(0, 4)).toEqual(["web", "2/2", "2", "2"]);
  });

  it("statements at one instant run in the order written (docs/language.md § Time)", async () => {
    // A read sees the writes written above it and what the controllers did about them at that
    // instant (here the ReplicaSet controller's two pods); a write written below it is not
    // seen, as on a real cluster where the second command has not been typed yet.
    const r = await run(
      "kubectl get deploy\nkubectl create deployment web --image=x --replicas=2\nkubectl get pods\nkubectl scale deployment web --replicas=3\nkubectl get deploy web",
    );
    const pods = r.output.find((o) => o.command === "kubectl get pods")!;
    expect(pods.time).toBe(0);
    expect(
      pods.text
        .split("\n")
        .slice(1)
        .map((l) => l.split(/\s+/).slice(1, 3).join(" ")),
    ).toEqual(["0/1 ContainerCreating", "0/1 ContainerCreating"]);
    // The first read, written before the create, finds nothing yet.
    expect(r.output.find((o) => o.command === "kubectl get deploy")!.text).toBe(
      "No resources found in default namespace.",
    );
    // The last one sees the scale written above it.
    expect(r.output.find((o) => o.command === "kubectl get deploy web")!.text).toMatch(
      /^NAME .*\nweb +0\/3 /,
    );
    // The report keeps the written order.
    expect(r.output.map((o) => o.command)).toEqual([
      "kubectl get deploy",
      "kubectl create deployment web --image=x --replicas=2",
      "kubectl get pods",
      "kubectl scale deployment web --replicas=3",
      "kubectl get deploy web",
    ]);
  });

  it("a get written before a set image at the same instant shows the old image, one written after it the new", async () => {
    const image = "kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}";
    const r = await run(
      `kubectl create deployment web --image=nginx:1\nat 1m ${image}\nkubectl set image deployment/web nginx=nginx:2\n${image}`,
    );
    expect(r.output.filter((o) => o.command === image).map((o) => [o.time, o.text])).toEqual([
      [60, "nginx:1"],
      [60, "nginx:2"],
    ]);
  });

  it("a collaborator that throws is reported against the statement, not as a crash", () => {
    const services = {
      ...defaultServices,
      runKubectl: () => {
        throw new Error("kaput");
      },
    };
    const r = runWith(services, "kubectl create deployment web --image=x", "t.scn", { host: memoryHost({}) });
    expect(r.failures).toEqual([
      {
        line: 1,
        time: 0,
        command: "kubectl create deployment web --image=x",
        message: "internal error while running this statement: kaput",
      },
    ]);
    expect(r.status).toBe("failed");
  });

  it("the run ends where the plan says", async () => {
    const r = await run("kubectl create deployment web --image=x\nrun until 90s");
    expect(r.duration).toBe(90);
    expect(r.trace?.end).toBe(90);
  });
});

describe("explain in a scenario", () => {
  it("prints the explanation into the report at its time, after that instant's events", async () => {
    const r = await run(
      [
        `apply <<YAML\n${WEB_DEPLOYMENT_YAML}YAML`,
        "kubectl autoscale deployment web --cpu-percent=50 --min=1 --max=4",
        "at 1m load cpu 200%",
        "explain hpa/web at 1m15s",
        "explain deployment/web from 0s to 20s",
      ].join("\n"),
    );
    const hpa = r.output.find((o) => o.command === "explain hpa/web at 1m15s")!;
    expect(hpa.time).toBe(75);
    expect(hpa.line).toBe(17);
    expect(hpa.text.split("\n")[0]).toBe("hpa/web → Deployment/web · at 1m15s · 1 decision");
    expect(hpa.text).toContain("scaled Deployment/web 1 → 4");
    // Placed after every event of its instant: the rescale it explains comes first.
    const rescale = r.events.findIndex((e) => e.time === 75 && e.reason === "SuccessfulRescale");
    expect(rescale).toBeGreaterThanOrEqual(0);
    expect(hpa.afterEvents).toBe(r.events.filter((e) => e.time <= 75).length);
    const dep = r.output.find((o) => o.command === "explain deployment/web from 0s to 20s")!;
    expect(dep.time).toBe(20);
    expect(dep.text).toMatch(
      /^deployment\/web · 0s–20s · \d+ decisions\n {2}0s {2}created ReplicaSet web-\w+ \(revision 1\) with 1 replica/,
    );
    expect(r.failures).toEqual([]);
  });
});

describe("kubectl get hpa prints a memory average as the controller stores it", () => {
  // computeStatusForResourceMetricGeneric (horizontal.go) stores the average as
  // resource.NewMilliQuantity(raw, resource.DecimalSI): 530Mi of working set prints as bytes,
  // 555745280, beside the 200Mi target as written (formatHPAMetrics).
  it("530Mi per pod against a 200Mi AverageValue target reads memory: 555745280/200Mi", async () => {
    const r = await run(`apply <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: cache
spec:
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers:
      - name: cache
        image: redis
        resources:
          requests: {memory: 256Mi}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: cache
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cache}
  minReplicas: 1
  maxReplicas: 1
  metrics:
  - type: Resource
    resource:
      name: memory
      target: {type: AverageValue, averageValue: 200Mi}
YAML
load memory 530Mi per pod
at 2m kubectl get hpa cache
`);
    const [table] = r.output.filter((o) => o.command === "kubectl get hpa cache").map((o) => o.text);
    expect(table.split("\n")[1]).toMatch(/^cache {3}Deployment\/cache {3}memory: 555745280\/200Mi {3}1 /);
  });
});
