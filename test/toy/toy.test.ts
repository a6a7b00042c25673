/**
 * The worked example of docs/architecture.md ("Adding a kind"): a toy kind (kind/), its
 * controller (controller/) and a kubectl command (command/), each one folder, registered with
 * one run. Its controller runs in the loop, kubectl prints it (get, describe, -w), the
 * language targets it, and nothing of it leaks into another run.
 */
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/engine/simulation.ts";
import { admit } from "../../src/k8s/admission.ts";
import { builtinKinds } from "../../src/k8s/kinds/builtin.ts";
import type { KubeObject } from "../../src/k8s/types.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { builtinCommands } from "../../src/kubectl/commands/index.ts";
import { memoryHost } from "../../src/scenario/host.ts";
import { checkScenario, runScenario } from "../../src/scenario/index.ts";
import type { Extension } from "../../src/scenario/services.ts";
import { countCommand } from "./command/index.ts";
import { podCounterController } from "./controller/index.ts";
import { PodCounterKind } from "./kind/index.ts";

const toy: Extension = {
  kinds: [PodCounterKind],
  controllers: [podCounterController],
  commands: [countCommand],
};

const scenario = `
apply <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: nginx:1.25}]
---
apiVersion: toys.replicast.dev/v1
kind: PodCounter
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
YAML
watch podcounter/web
expect podcounter/web ready == 3 within 5s
at 30s kubectl get podcounters
at 30s kubectl describe pcnt web
at 30s kubectl count podcounters
at 40s kubectl scale deployment web --replicas=1
at 40s expect podcounter/web pods == 1 within 5s
`;

const run = () =>
  runScenario({ text: scenario, file: "toy.scn" }, { host: memoryHost({}), extensions: [toy] });
const outputOf = (r: Awaited<ReturnType<typeof run>>, command: string) =>
  r.output.filter((o) => o.command === command && !o.watch).map((o) => o.text);

describe("a toy kind, its controller and a kubectl command, registered with one run", () => {
  it("the language targets it and the controller keeps its status", async () => {
    const r = await run();
    expect(r.diagnostics).toEqual([]);
    expect(r.failures).toEqual([]);
    // The pods are Ready pod.startup (2 s) and the image pull (1 s: each node pulls nginx:1.25 once) after creation.
    expect(r.expectations.map((e) => [e.passed, e.message])).toEqual([
      [true, "podcounter/web ready was 3 at 3s"],
      [true, "podcounter/web pods was 1 at 40s"],
    ]);
    // The controller's decisions and events are in the trace like any other's.
    expect(
      r.trace?.decisions.some((d) => d.controller === "podcounter" && d.object === "PodCounter/web"),
    ).toBe(true);
    expect(r.events.some((e) => e.reason === "Counted" && e.object === "podcounter/web")).toBe(true);
  });

  it("kubectl get, describe and -w print it with its own columns; the toy command counts it", async () => {
    const r = await run();
    expect(outputOf(r, "kubectl get podcounters")).toEqual([
      "NAME   SELECTOR   PODS   READY   AGE\nweb    app=web    3      3       30s",
    ]);
    expect(outputOf(r, "kubectl describe pcnt web")).toEqual([
      [
        "Name:       web",
        "Namespace:  default",
        "Labels:     <none>",
        "Selector:   app=web",
        "Pods:       3 ready / 3 total",
        "Events:",
        "  Type    Reason   Age   From                   Message",
        "  ----    ------   ----  ----                   -------",
        "  Normal  Counted  30s   podcounter-controller  0 of 0 pods ready",
        "  Normal  Counted  30s   podcounter-controller  0 of 3 pods ready",
        "  Normal  Counted  27s   podcounter-controller  3 of 3 pods ready",
      ].join("\n"),
    ]);
    expect(outputOf(r, "kubectl count podcounters")).toEqual(["1"]);
    // `watch podcounter/web` is kubectl's own `get podcounters web -w`: the table, then a row per change.
    expect(r.output.filter((o) => o.command === "watch podcounter/web").map((o) => [o.time, o.text])).toEqual(
      [
        [0, "NAME   SELECTOR   PODS   READY   AGE\nweb    app=web    3      0       0s"],
        [3, "web    app=web    3      3       3s"],
        [40, "web    app=web    1      1       40s"],
      ],
    );
  });

  it("without the extension the same scenario is refused, as a cluster without the CRD refuses it", () => {
    const r = checkScenario({ text: scenario, file: "toy.scn" }, { host: memoryHost({}) });
    expect(r.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'no matches for kind "PodCounter" in version "toys.replicast.dev/v1"',
        "unknown kind `podcounter`",
      ]),
    );
  });

  it("registers per cluster: another simulation, and the built-in registries, never see it", () => {
    const a = new Simulation({ admit: (raw, old, kinds) => admit(raw, old, { kinds }) });
    a.kinds.register(PodCounterKind);
    a.registerController(podCounterController);
    const b = new Simulation();
    expect(a.kinds.get("PodCounter")).toBe(PodCounterKind);
    expect(b.kinds.get("PodCounter")).toBeUndefined();
    expect(builtinKinds.get("PodCounter")).toBeUndefined();
    expect(builtinCommands.find("count", undefined)).toBeUndefined();
    expect(() => builtinKinds.register(PodCounterKind)).toThrow(/frozen/);
    // The other cluster's kubectl does not know the resource either.
    expect(runKubectl("get podcounters", b).stderr).toBe(
      'error: the server doesn\'t have a resource type "podcounters"\n',
    );
  });

  it("admission is the kind's own: a PodCounter without a selector is Invalid", () => {
    const sim = new Simulation({ admit: (raw, old, kinds) => admit(raw, old, { kinds }) });
    sim.kinds.register(PodCounterKind);
    const made = sim.api.create({
      apiVersion: "toys.replicast.dev/v1",
      kind: "PodCounter",
      metadata: { name: "x" },
      spec: {},
    } as unknown as KubeObject);
    expect(made).toMatchObject({ reason: "Invalid", causes: [{ field: "spec.selector" }] });
  });
});
