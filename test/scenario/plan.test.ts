import { describe, expect, it } from "vitest";
import { checkWith } from "../../src/scenario/api.ts";
import { checkServices } from "../../src/scenario/checkServices.ts";
import { memoryHost, type FileHost } from "../../src/scenario/host.ts";
import type { Plan } from "../../src/scenario/plan.ts";
import type { ScenarioServices } from "../../src/scenario/services.ts";

// The check stage needs no simulation; the run-time services are never called here.
const services = checkServices as ScenarioServices;

const DEPLOY = (name: string, cpu = "100m") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: app
        image: app:1
        resources:
          requests: {cpu: ${cpu}}
`;
const HPA = (name: string, target: string) => `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: ${name}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}
  minReplicas: 1
  maxReplicas: 5
`;

function check(
  text: string,
  files: Record<string, string> = {},
  opts: { allowOutside?: boolean; host?: FileHost } = {},
) {
  return checkWith(services, text, "s/test.scn", {
    host: opts.host ?? memoryHost(files),
    allowOutside: opts.allowOutside,
  });
}

function plan(text: string, files: Record<string, string> = {}): Plan {
  const r = check(text, files);
  expect(
    r.diagnostics
      .filter((d) => d.severity === "error")
      .map((d) => `${d.span.line}:${d.span.col} ${d.message}`),
  ).toEqual([]);
  return r.plan!;
}

const errors = (text: string, files: Record<string, string> = {}, opts: { allowOutside?: boolean } = {}) =>
  check(text, files, opts).diagnostics.map((d) => ({
    code: d.code,
    at: `${d.span.line}:${d.span.col}`,
    message: d.message,
  }));

describe("time resolution (docs/language.md § Time)", () => {
  it("resolves at, after, bare statements and lines holding only a time", () => {
    const p = plan(
      [
        "at 10s kubectl create deployment web --image=nginx",
        "kubectl get pods",
        "after 5s load cpu 50%",
        "at 1m",
        "kubectl get deploy",
        "after 30s",
        "after 15s kubectl get hpa",
      ].join("\n"),
    );
    expect(p.actions.map((a) => [a.t, a.line])).toEqual([
      [10, 1],
      [10, 2],
      [15, 3],
      [60, 5],
      [105, 7],
    ]);
  });

  it("keeps the written order of statements at one instant", () => {
    const p = plan(
      "at 5s kubectl create deployment web --image=nginx; at 5s kubectl get pods; at 5s kubectl get deploy",
    );
    expect(p.actions.map((a) => (a.kind === "kubectl" ? a.command.commandLine : ""))).toEqual([
      "create deployment web --image=nginx",
      "get pods",
      "get deploy",
    ]);
  });
});

describe("the end of the run", () => {
  const cases: { name: string; text: string; end: number }[] = [
    {
      name: "one minute after the latest statement",
      text: "at 0s kubectl create deployment web --image=nginx\nat 2m kubectl get pods",
      end: 180,
    },
    {
      name: "one minute after the latest expectation window",
      text: "at 0s kubectl create deployment web --image=nginx\nat 1m expect replicas 1 within 30s",
      end: 150,
    },
    {
      name: "`from … to` windows count",
      text: "kubectl create deployment web --image=nginx\nexpect replicas 1 from 1m to 5m",
      end: 360,
    },
    {
      name: "timed loads count",
      text: "kubectl create deployment web --image=nginx\nat 1m load memory 10Mi per pod for 2m",
      end: 240,
    },
    { name: "run for D", text: "run for 10m\nkubectl create deployment web --image=nginx", end: 600 },
    { name: "run until T", text: "kubectl create deployment web --image=nginx\nrun until 90s", end: 90 },
  ];
  for (const c of cases) it(c.name, () => expect(plan(c.text).end).toBe(c.end));
});

describe("target resolution", () => {
  it("an omitted target is the only Deployment; a bare hpa is the HPA that targets it", () => {
    const p = plan(
      "apply web\napply hpa\nexpect replicas 1\nexpect hpa desired 1\nexpect utilization 0%\nload cpu 50%",
      { "s/web.yaml": DEPLOY("web"), "s/hpa.yaml": HPA("web-hpa", "web") },
    );
    expect(p.expectations.map((e) => e.target)).toEqual([
      { kind: "Deployment", name: "web" },
      { kind: "HorizontalPodAutoscaler", name: "web-hpa" },
      { kind: "HorizontalPodAutoscaler", name: "web-hpa" },
    ]);
    expect(p.expectations[0].requestMilli).toBe(100);
    expect(p.actions.at(-1)).toMatchObject({
      kind: "load",
      deployment: "web",
      spec: { kind: "cpu", amount: { percentOfRequest: 50 } },
    });
  });

  it("kubectl create deployment and kubectl autoscale count as objects the scenario creates", () => {
    const p = plan(
      "kubectl create deployment demo --image=busybox:v1\nkubectl autoscale deployment demo --min=1 --max=3 --cpu-percent=50\nexpect hpa current 1",
    );
    expect(p.expectations[0].target).toEqual({ kind: "HorizontalPodAutoscaler", name: "demo" });
  });

  it("ambiguity is an error that lists the choices, at the statement", () => {
    expect(
      errors(
        "kubectl create deployment a --image=x\nkubectl create deployment b --image=y\nexpect replicas 3",
      ),
    ).toEqual([
      {
        code: "RC4009",
        at: "3:1",
        message:
          "this expectation needs a target: this scenario has 2 Deployments (deployment/a, deployment/b)",
      },
    ]);
  });

  it("a bare hpa with two HPAs on the Deployment lists them, at the word `hpa`", () => {
    expect(
      errors("apply web\napply h1\napply h2\nexpect hpa desired 2", {
        "s/web.yaml": DEPLOY("web"),
        "s/h1.yaml": HPA("one", "web"),
        "s/h2.yaml": HPA("two", "web"),
      }),
    ).toEqual([
      {
        code: "RC4011",
        at: "4:8",
        message: "2 HorizontalPodAutoscalers target deployment/web (hpa/one, hpa/two)",
      },
    ]);
  });

  it("no HPA for the Deployment", () => {
    expect(errors("kubectl create deployment web --image=x\nexpect hpa desired 2")).toEqual([
      {
        code: "RC4010",
        at: "2:8",
        message: "no HorizontalPodAutoscaler in this scenario targets deployment/web",
      },
    ]);
  });

  it("no Deployment at all", () => {
    expect(errors("expect replicas 2")).toEqual([
      {
        code: "RC4008",
        at: "1:1",
        message: "this expectation needs a target, and this scenario creates no Deployment",
      },
    ]);
  });

  it("named targets are taken as written", () => {
    const p = plan(
      "kubectl create deployment a --image=x\nkubectl create deployment b --image=y\nexpect deployment/b replicas 1\nexpect hpa/b-hpa desired 1",
    );
    expect(p.expectations.map((e) => e.target)).toEqual([
      { kind: "Deployment", name: "b" },
      { kind: "HorizontalPodAutoscaler", name: "b-hpa" },
    ]);
  });
});

describe("manifests", () => {
  it("apply NAME prefers a declared manifest, else NAME.yaml, else NAME.yml beside the scenario", () => {
    const p = plan(`manifest web = <<YAML\n${DEPLOY("declared")}YAML\napply web\napply other`, {
      "s/web.yaml": DEPLOY("from-file"),
      "s/other.yml": DEPLOY("other"),
    });
    expect(p.actions.map((a) => (a.kind === "apply" ? a.objects.map((o) => o.metadata.name) : []))).toEqual([
      ["declared"],
      ["other"],
    ]);
  });

  it("refuses file paths that leave the scenario's folder", () => {
    const files = { "etc/x.yaml": DEPLOY("x") };
    expect(errors('apply file "../etc/x.yaml"', files)).toEqual([
      { code: "RC4004", at: "1:12", message: '"../etc/x.yaml" is outside the scenario\'s folder' },
    ]);
    expect(errors('manifest m = file "/etc/x.yaml"\napply m', files)).toEqual([
      { code: "RC4004", at: "1:19", message: '"/etc/x.yaml" is outside the scenario\'s folder' },
    ]);
    expect(errors('apply file "../etc/x.yaml"', files, { allowOutside: true })).toEqual([]);
  });

  it("a file inside a subfolder is fine", () => {
    const p = plan('apply file "manifests/web.yaml"', { "s/manifests/web.yaml": DEPLOY("web") });
    expect(p.deployments).toEqual(["web"]);
  });

  it("a missing file and an unknown name are errors at the reference", () => {
    expect(errors('apply file "gone.yaml"\napply nothere')).toEqual([
      { code: "RC4003", at: "1:12", message: 'cannot read file "gone.yaml"' },
      {
        code: "RC4002",
        at: "2:7",
        message:
          'no manifest named "nothere": it is not declared in this scenario and there is no nothere.yaml, nothere.yml beside it',
      },
    ]);
  });

  it("errors inside a heredoc point at the scenario's own lines", () => {
    const text = [
      "# header",
      "apply <<YAML",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: web",
      "spec:",
      "  replicas: -1",
      "YAML",
    ].join("\n");
    const diags = check(text).diagnostics;
    expect(diags.length).toBeGreaterThan(0);
    expect(diags.every((d) => d.file === "s/test.scn")).toBe(true);
    expect(diags.some((d) => d.span.line === 8)).toBe(true);
  });

  it("errors in a manifest file point into that file", () => {
    const diags = check('apply file "bad.yaml"', {
      "s/bad.yaml": "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: web}\nspec: {replicas: -1}\n",
    }).diagnostics;
    expect(diags.length).toBeGreaterThan(0);
    expect(diags.every((d) => d.file === "s/bad.yaml")).toBe(true);
  });
});

describe("kubectl lines are parsed before the run", () => {
  it("an unknown resource type is reported at its word", () => {
    expect(errors("at 10s kubectl get podz")).toEqual([
      { code: "RC4013", at: "1:20", message: 'the server doesn\'t have a resource type "podz"' },
    ]);
  });

  it("get -w becomes a watch; reads are marked", () => {
    const p = plan(
      "kubectl create deployment web --image=nginx\nkubectl get deploy web -w\nkubectl rollout history deployment web",
    );
    expect(p.actions[1]).toMatchObject({ kind: "kubectl", reads: true, watches: true });
    expect(p.actions[2]).toMatchObject({ kind: "kubectl", reads: true, watches: false });
    expect(p.actions[0]).toMatchObject({ kind: "kubectl", reads: false, watches: false });
  });
});

describe("settings and loads", () => {
  it("set KEY = VALUE overrides the default", () => {
    const p = plan("set hpa.sync-period = 30s\nset hpa.tolerance = 0.05");
    expect(p.settings["hpa.sync-period"]).toBe(30);
    expect(p.settings["hpa.tolerance"]).toBe(0.05);
    expect(p.settings["hpa.downscale-stabilization"]).toBe(300);
  });

  it("a load on a Service goes to the Deployment behind it", () => {
    const svc = "apiVersion: v1\nkind: Service\nmetadata: {name: front}\nspec:\n  selector: {app: web}\n";
    const p = plan(
      "apply web\napply svc\nkubectl create deployment other --image=x\nload service/front cpu 200m",
      { "s/web.yaml": DEPLOY("web"), "s/svc.yaml": svc },
    );
    expect(p.actions.at(-1)).toMatchObject({
      kind: "load",
      deployment: "web",
      spec: { kind: "cpu", amount: { milli: 200 } },
    });
  });
});

describe("more plan rules", () => {
  it("kubectl apply -f FILE counts as creating what the file holds", () => {
    const p = plan("kubectl apply -f web.yaml\nexpect replicas 1", { "s/web.yaml": DEPLOY("web") });
    expect(p.expectations[0].target).toEqual({ kind: "Deployment", name: "web" });
  });

  it("kubectl apply -f of a file outside the folder is refused before the run", () => {
    expect(errors("kubectl apply -f ../x.yaml", { "x.yaml": DEPLOY("x") })).toEqual([
      { code: "RC4004", at: "1:9", message: '"../x.yaml" is outside the scenario\'s folder' },
    ]);
  });

  it("a run that ends before a statement is an error at the run statement", () => {
    expect(errors("run for 1m\nkubectl create deployment web --image=x\nat 2m kubectl get pods")).toEqual([
      { code: "RC4017", at: "1:1", message: "the run ends at 1m, before the statement at 2m" },
    ]);
  });

  it("a named Deployment or HPA the scenario never creates is a warning, not an error", () => {
    const r = check(
      "kubectl create deployment web --image=x\nexpect deployment/wbe replicas 1\nexpect hpa/web desired 1",
    );
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.span.line, d.message])).toEqual([
      ["warning", "RC4012", 2, "deployment/wbe is not created by this scenario"],
      ["warning", "RC4012", 3, "hpa/web is not created by this scenario"],
    ]);
  });
});

describe("statements that would silently do nothing, or not what they seem, warn", () => {
  const NO_REQUEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: idle
spec:
  selector:
    matchLabels: {app: idle}
  template:
    metadata:
      labels: {app: idle}
    spec:
      containers:
      - name: app
        image: busybox
`;
  const warnings = (text: string, files: Record<string, string>) =>
    check(text, files)
      .diagnostics.filter((d) => d.severity === "warning")
      .map((d) => [d.code, `${d.span.line}:${d.span.col}`, d.message, d.hint]);

  it("load cpu N% on pods that request no CPU: a percentage of nothing", () => {
    expect(warnings("apply idle\nload cpu 180%", { "s/idle.yaml": NO_REQUEST })).toEqual([
      [
        "RC4022",
        "2:10",
        "`180%` is a percentage of one pod's CPU request, and the pods of deployment/idle request no CPU: this load is 0",
        "give the containers `resources.requests.cpu`, or write the CPU itself, e.g. `load cpu 900m`",
      ],
    ]);
  });

  it("a bare CPU amount counts cores, as Kubernetes quantities do: 180 is 180 cores", () => {
    expect(warnings("apply web\nload cpu 180\nload cpu 1.5", { "s/web.yaml": DEPLOY("web") })).toEqual([
      [
        "RC4023",
        "2:10",
        "`180` is 180 cores (180000m): a CPU amount without a unit counts cores, as Kubernetes quantities do",
        "write `180%` for a percentage of one pod's CPU request, or `180m` for millicores",
      ],
    ]);
  });

  it("unserved in % says what it is a percentage of", () => {
    expect(
      warnings("apply web\nload cpu 300%\nexpect unserved <= 10% from 1m to 2m", {
        "s/web.yaml": DEPLOY("web"),
      }),
    ).toEqual([
      [
        "RC4024",
        "3:20",
        "`unserved` in % is a share of one pod's CPU request (100m), not of the demand: `10%` bounds the unserved CPU at 10m",
        "write the millicores to say it plainly, e.g. `10m`",
      ],
    ]);
  });
});

describe("every problem at once", () => {
  it("reports syntax, kubectl and manifest errors together, the scenario's lines in order first", () => {
    const text = [
      "at 5s expect availble 3 within 10s",
      "at 3s kubectl get pods --bogus",
      'apply file "web.yaml"',
      "kubectl frobnicate",
    ].join("\n");
    const r = check(text, { "s/web.yaml": "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: web}\n" });
    expect(r.ok).toBe(false);
    expect(r.plan).toBeUndefined();
    expect(r.diagnostics.map((d) => `${d.file}:${d.span.line}:${d.span.col} ${d.code}`)).toEqual([
      "s/test.scn:1:14 RC3009", // unknown quantity (the parser)
      "s/test.scn:2:1 RC3003", // time goes backwards: line 1's `at 5s` still counts
      "s/test.scn:2:24 RC4013", // kubectl: unknown flag
      "s/test.scn:4:9 RC4013", // kubectl: unknown command
      // The manifest file the third line applies: selector Required; template labels not
      // matched, since LabelSelectorAsSelector(nil) is labels.Nothing() (apps validation.go
      // ValidatePodTemplateSpecForReplicaSet); containers Required.
      "s/web.yaml:1:1 RC5007",
      "s/web.yaml:1:1 RC5007",
      "s/web.yaml:1:1 RC5007",
    ]);
  });

  it("leaves out what may only follow from a manifest that failed to load", () => {
    const r = check('apply file "web.yaml"\nexpect replicas 3', {
      "s/web.yaml": "kind: Deployment\napiVersion: apps/v1\nmetadata: {name: web}\n",
    });
    const codes = r.diagnostics.map((d) => d.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c.startsWith("RC5"))).toBe(true);
    // Without the broken manifest, the same expectation is an error of its own.
    expect(errors("expect replicas 3").map((e) => e.code)).toEqual(["RC4008"]);
  });
});

describe("explain (language.md, Real clusters: explaining decisions)", () => {
  const files = { "s/web.yaml": DEPLOY("web"), "s/hpa.yaml": HPA("web-hpa", "web") };

  it("is printed at T, at the window's end, or at the statement's time; a bare or omitted target is the HPA", () => {
    const p = plan(
      "apply web\napply hpa\nexplain hpa/web-hpa at 20m\nat 1m explain from 2m to 5m\nat 3m explain deployment/web",
      files,
    );
    const explains = p.actions.filter((a) => a.kind === "explain");
    expect(explains.map((a) => [a.t, a.line, a.text])).toEqual([
      [180, 5, "explain deployment/web"],
      [300, 4, "explain from 2m to 5m"],
      [1200, 3, "explain hpa/web-hpa at 20m"],
    ]);
    expect(explains.map((a) => (a.kind === "explain" ? [a.explainKind, a.target, a.window] : []))).toEqual([
      ["deployment", { kind: "Deployment", name: "web" }, { at: 180 }],
      ["hpa", { kind: "HorizontalPodAutoscaler", name: "web-hpa" }, { from: 120, to: 300 }],
      ["hpa", { kind: "HorizontalPodAutoscaler", name: "web-hpa" }, { at: 1200 }],
    ]);
    // The run lasts past the latest explanation, as past any statement.
    expect(p.end).toBe(1260);
  });

  it("a kind it does not explain is an error naming the kinds it does", () => {
    expect(errors("apply web\nexplain rs/web-1", files)).toEqual([
      {
        code: "RC4021",
        at: "2:9",
        message:
          "`explain` cannot be about a ReplicaSet: it explains the decisions of hpa/NAME, deployment/NAME, statefulset/NAME, pod/NAME",
      },
    ]);
  });

  it("an HPA the scenario does not create is a warning, as for expectations", () => {
    expect(errors("apply web\nexplain hpa/nope", files)).toEqual([
      { code: "RC4012", at: "2:1", message: "hpa/nope is not created by this scenario" },
    ]);
  });

  it("with no HPA to mean, an omitted target says so", () => {
    expect(errors("apply web\nexplain", files).map((d) => d.code)).toEqual(["RC4010"]);
  });
});

describe("the cluster's 5,000 nodes (kubernetes.io: Considerations for large clusters)", () => {
  const nodes = (n: number, from = 1) =>
    Array.from(
      { length: n },
      (_, i) =>
        `apiVersion: v1\nkind: Node\nmetadata:\n  name: n${from + i}\nstatus:\n  allocatable: {cpu: "4", memory: 16Gi, pods: "110"}\n`,
    ).join("---\n");

  it("counts Node manifests: the apply that passes 5,000 is refused where it is written", () => {
    const files = { "s/a.yaml": nodes(3000), "s/b.yaml": nodes(2001, 3001) };
    expect(errors('apply file "a.yaml"\napply file "b.yaml"', files)).toEqual([
      {
        code: "RC4044",
        at: "2:12",
        message:
          "`apply` of Node manifests (with the nodes declared above) asks for 5001 nodes, more than one Kubernetes cluster supports (5000)",
      },
    ]);
  });

  it("a Node applied again is the same node, and exactly 5,000 is fine", () => {
    const files = { "s/a.yaml": nodes(3000), "s/b.yaml": nodes(2000, 1001) };
    expect(errors('apply file "a.yaml"\napply file "b.yaml"', files)).toEqual([]);
    expect(errors('apply file "a.yaml"\nnodes 2000 with cpu 1 memory 1Gi', files)).toEqual([]);
  });

  it("adds them to the pools of `nodes`, in either order, and through kubectl apply -f", () => {
    const files = { "s/a.yaml": nodes(10) };
    expect(errors('nodes 4995 with cpu 1 memory 1Gi\napply file "a.yaml"', files)).toEqual([
      {
        code: "RC4044",
        at: "2:12",
        message:
          "`apply` of Node manifests (with the nodes declared above) asks for 5005 nodes, more than one Kubernetes cluster supports (5000)",
      },
    ]);
    expect(errors('apply file "a.yaml"\nnodes 4995 with cpu 1 memory 1Gi', files)).toEqual([
      {
        code: "RC4044",
        at: "2:1",
        message:
          "`nodes` (with the pools and Node manifests above) asks for 5005 nodes, more than one Kubernetes cluster supports (5000)",
      },
    ]);
    expect(errors("nodes 4995 with cpu 1 memory 1Gi\nat 0s kubectl apply -f a.yaml", files)).toEqual([
      {
        code: "RC4044",
        at: "2:15",
        message:
          "`kubectl apply -f` of Node manifests (with the nodes declared above) asks for 5005 nodes, more than one Kubernetes cluster supports (5000)",
      },
    ]);
  });
});

describe("`nodes … zone Z`: a pool in a zone", () => {
  it("labels the pool's nodes with the zone, as a cloud node's kubelet does (GA and beta keys)", () => {
    const p = plan("nodes 2 with cpu 1 memory 1Gi named pool-b zone eu-west-1b");
    const action = p.actions.find((a) => a.kind === "nodes");
    expect(action && action.kind === "nodes" ? action.pool.labels : undefined).toEqual({
      "topology.kubernetes.io/zone": "eu-west-1b",
      "failure-domain.beta.kubernetes.io/zone": "eu-west-1b",
    });
  });

  it("refuses a zone that is not a label value, where it is written", () => {
    const zone = `z${"a".repeat(63)}`;
    const found = errors(`nodes 2 with cpu 1 memory 1Gi zone ${zone}`);
    expect(found.map((d) => [d.code, d.at])).toEqual([["RC3020", "1:36"]]);
    expect(found[0].message).toContain("must be no more than 63 characters");
  });
});
