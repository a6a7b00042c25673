import { describe, expect, it } from "vitest";
import { KubectlAnnotations } from "../../src/k8s/annotations.ts";
import { applyObjects } from "../../src/kubectl/commands/apply.ts";
import { containerNameForImage } from "../../src/kubectl/commands/create.ts";
import { Simulation } from "../../src/engine/simulation.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import type { Deployment, HorizontalPodAutoscaler, KubeObject } from "../../src/k8s/types.ts";
import { FakeCluster } from "./fakeCluster.ts";
import { deployment, replicaSetFor } from "./fixtures.ts";

const k = (c: FakeCluster, line: string, opts = {}) => runKubectl(line, c, opts);
const dep = (c: FakeCluster, name: string) => c.api.get("Deployment", "default", name) as Deployment;

describe("kubectl create deployment (create_deployment.go)", () => {
  const names: [string, string][] = [
    ["busybox:v1", "busybox"],
    ["nginx", "nginx"],
    ["registry.k8s.io/hpa-example", "hpa-example"],
    ["localhost:5000/my_app:1.0", "my-app"],
    ["nginx@sha256:abc", "nginx"],
  ];
  for (const [image, name] of names)
    it(`container named after ${image}`, () => expect(containerNameForImage(image)).toBe(name));

  it("creates the Deployment seed 000 creates", () => {
    const c = new FakeCluster();
    expect(k(c, "create deployment demo-rollout --image=busybox:v1 --replicas=3 -- sleep 3600")).toEqual({
      exitCode: 0,
      stdout: "deployment.apps/demo-rollout created\n",
      stderr: "",
      readOnly: false,
    });
    const d = dep(c, "demo-rollout");
    expect(d.metadata.labels).toEqual({ app: "demo-rollout" });
    expect(d.spec.replicas).toBe(3);
    expect(d.spec.selector).toEqual({ matchLabels: { app: "demo-rollout" } });
    expect(d.spec.template.spec.containers[0]).toMatchObject({
      name: "busybox",
      image: "busybox:v1",
      command: ["sleep", "3600"],
    });
  });

  it("--port goes on the first container; replicas default to 1", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx --port=80");
    expect(dep(c, "web").spec.replicas).toBe(1);
    expect(dep(c, "web").spec.template.spec.containers[0].ports).toEqual([
      { containerPort: 80, protocol: "TCP" },
    ]);
  });

  it("an existing name fails as kubectl reports it", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    expect(k(c, "create deployment web --image=nginx")).toMatchObject({
      exitCode: 1,
      stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n',
    });
  });

  it("--dry-run=client -o yaml prints the object and creates nothing", () => {
    const c = new FakeCluster();
    const r = k(c, "create deployment web --image=nginx --dry-run=client -o yaml");
    expect(r.stdout).toContain("kind: Deployment\n");
    expect(r.stdout).toContain(
      "      containers:\n      - image: nginx\n        name: nginx\n        resources: {}\n",
    );
    expect(c.api.get("Deployment", "default", "web")).toBeUndefined();
  });
});

describe("kubectl set image --record (record_flags.go)", () => {
  it("updates the container and stores the command line as the change-cause", () => {
    const c = new FakeCluster();
    k(c, "create deployment demo-rollout --image=busybox:v1 --replicas=3 -- sleep 3600");
    expect(k(c, "set image deployment/demo-rollout busybox=busybox:v2 --record=true").stdout).toBe(
      "deployment.apps/demo-rollout image updated\n",
    );
    const d = dep(c, "demo-rollout");
    expect(d.spec.template.spec.containers[0].image).toBe("busybox:v2");
    expect(d.metadata.annotations?.["kubernetes.io/change-cause"]).toBe(
      "kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true",
    );
  });

  it("a bare --record is recorded as --record=true, shorthands by their long name, the binary by its base name", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    k(c, "set image deploy web nginx=nginx:1.17 --record -n default", {
      binaryName: "/usr/local/bin/kubectl",
    });
    expect(dep(c, "web").metadata.annotations?.["kubernetes.io/change-cause"]).toBe(
      "kubectl set image deploy web nginx=nginx:1.17 --record=true --namespace=default",
    );
  });

  it("without --record no change-cause is written", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    k(c, "set image deploy/web nginx=nginx:2");
    expect(dep(c, "web").metadata.annotations?.["kubernetes.io/change-cause"]).toBeUndefined();
  });

  it("an unknown container is an error; * updates all", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx --image=busybox");
    expect(k(c, "set image deploy/web redis=redis").stderr).toBe(
      'error: unable to find container named "redis"\n',
    );
    k(c, "set image deploy/web *=alpine");
    expect(dep(c, "web").spec.template.spec.containers.map((x) => x.image)).toEqual(["alpine", "alpine"]);
  });

  it("a missing deployment is NotFound", () => {
    expect(k(new FakeCluster(), "set image deploy/x a=b").stderr).toBe(
      'Error from server (NotFound): deployments.apps "x" not found\n',
    );
  });
});

describe("kubectl scale / autoscale / annotate / patch / delete", () => {
  it("scale writes spec.replicas; --current-replicas is a precondition", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx --replicas=3");
    expect(k(c, "scale deployment web --replicas=10").stdout).toBe("deployment.apps/web scaled\n");
    expect(dep(c, "web").spec.replicas).toBe(10);
    expect(k(c, "scale deploy web --replicas=2 --current-replicas=3").stderr).toBe(
      "error: Expected replicas to be 3, was 10\n",
    );
  });

  it("autoscale: min defaults to 1, cpu-percent to 80% (server defaults)", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    expect(k(c, "autoscale deployment web --max=5").stdout).toBe(
      "horizontalpodautoscaler.autoscaling/web autoscaled\n",
    );
    const h = c.api.get("HorizontalPodAutoscaler", "default", "web") as HorizontalPodAutoscaler;
    expect(h.spec.minReplicas).toBe(1);
    expect(h.spec.maxReplicas).toBe(5);
    expect(h.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "web" });
    expect(h.spec.metrics).toEqual([
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 80 } },
      },
    ]);
  });

  it("seed 001: autoscale --dry-run=client -o yaml prints the autoscaling/v1 object (kubectl 1.22)", () => {
    const c = new FakeCluster();
    k(c, "create deployment hpa-mem --image=busybox");
    expect(
      k(c, "autoscale deployment hpa-mem --min=1 --max=10 --dry-run=client -o yaml", { version: 22 }).stdout,
    ).toBe(
      [
        "apiVersion: autoscaling/v1",
        "kind: HorizontalPodAutoscaler",
        "metadata:",
        "  creationTimestamp: null",
        "  name: hpa-mem",
        "spec:",
        "  maxReplicas: 10",
        "  minReplicas: 1",
        "  scaleTargetRef:",
        "    apiVersion: apps/v1",
        "    kind: Deployment",
        "    name: hpa-mem",
        "status:",
        "  currentReplicas: 0",
        "  desiredReplicas: 0",
        "",
      ].join("\n"),
    );
    expect(c.api.get("HorizontalPodAutoscaler", "default", "hpa-mem")).toBeUndefined();
  });

  // autoscale.go from kubectl 1.34 (kubernetes PR #129373): createHorizontalPodAutoscalerV2,
  // parseResourceInput, Validate, and --cpu-percent's MarkDeprecated notice.
  it("kubectl 1.34 autoscale sends autoscaling/v2 with --cpu and --memory targets", () => {
    const c = new FakeCluster();
    k(c, "create deployment bar --image=nginx");
    expect(
      k(c, "autoscale deployment bar --min=3 --max=6 --cpu=500m --memory=200Mi --dry-run=client -o yaml")
        .stdout,
    ).toBe(
      [
        "apiVersion: autoscaling/v2",
        "kind: HorizontalPodAutoscaler",
        "metadata:",
        "  creationTimestamp: null",
        "  name: bar",
        "spec:",
        "  maxReplicas: 6",
        "  metrics:",
        "  - resource:",
        "      name: cpu",
        "      target:",
        "        averageValue: 500m",
        "        type: AverageValue",
        "    type: Resource",
        "  - resource:",
        "      name: memory",
        "      target:",
        "        averageValue: 200Mi",
        "        type: AverageValue",
        "    type: Resource",
        "  minReplicas: 3",
        "  scaleTargetRef:",
        "    apiVersion: apps/v1",
        "    kind: Deployment",
        "    name: bar",
        "status:",
        "  currentMetrics: null",
        "  desiredReplicas: 0",
        "",
      ].join("\n"),
    );
    // A bare number is millicores for --cpu and mebibytes for --memory; a % targets utilization.
    k(c, "autoscale deployment bar --max=6 --cpu=70% --memory=512");
    const h = c.api.get("HorizontalPodAutoscaler", "default", "bar") as HorizontalPodAutoscaler;
    expect(h.spec.metrics).toEqual([
      {
        type: "Resource",
        resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } },
      },
      {
        type: "Resource",
        resource: { name: "memory", target: { type: "AverageValue", averageValue: "512Mi" } },
      },
    ]);
    expect(h.spec.minReplicas).toBe(1);
  });

  it("kubectl 1.34 warns that --cpu-percent is deprecated, and refuses it beside --cpu", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    const r = k(c, "autoscale deployment web --cpu-percent=50 --min=1 --max=10");
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe(
      "Flag --cpu-percent has been deprecated, Use --cpu with percentage or resource quantity format (e.g., '70%' for utilization or '500m' for milliCPU).\n",
    );
    expect(r.stdout).toBe("horizontalpodautoscaler.autoscaling/web autoscaled\n");
    expect(k(c, "autoscale deployment web --cpu-percent=50 --cpu=60% --max=10 --name=x").stderr).toContain(
      "error: --cpu-percent and --cpu are mutually exclusive",
    );
    expect(k(c, "autoscale deployment web --cpu=fast --max=10 --name=y").stderr).toContain(
      "error: invalid resource cpu value: fast",
    );
    expect(k(c, "autoscale deployment web --memory=x% --max=10 --name=z").stderr).toContain(
      "error: invalid percentage value: x",
    );
  });

  it("kubectl 1.22 knows no --cpu flag and no deprecation", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    expect(k(c, "autoscale deployment web --cpu=50% --max=10", { version: 22 }).stderr).toContain(
      "error: unknown flag: --cpu",
    );
    const r = k(c, "autoscale deployment web --cpu-percent=50 --max=10", { version: 22 });
    expect(r).toMatchObject({
      exitCode: 0,
      stderr: "",
      stdout: "horizontalpodautoscaler.autoscaling/web autoscaled\n",
    });
  });

  it("autoscale with seed 001's flags and a custom name", () => {
    const c = new FakeCluster();
    k(c, "create deployment hpa-demo --image=nginx");
    k(c, "autoscale deployment hpa-demo --cpu-percent=60 --min=1 --max=10 --name=h");
    const h = c.api.get("HorizontalPodAutoscaler", "default", "h") as HorizontalPodAutoscaler;
    expect(h.spec.metrics?.[0].resource?.target.averageUtilization).toBe(60);
    expect(k(c, "autoscale deployment nope --max=3").stderr).toBe(
      'Error from server (NotFound): deployments.apps "nope" not found\n',
    );
  });

  it("annotate adds, refuses to overwrite without --overwrite, removes with key-", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    expect(k(c, "annotate deploy web team=a").stdout).toBe("deployment.apps/web annotated\n");
    expect(k(c, "annotate deploy web team=b").stderr).toBe(
      "error: --overwrite is false but found the following declared annotation(s): 'team' already has a value (a)\n",
    );
    k(c, "annotate deploy web team=b --overwrite");
    expect(dep(c, "web").metadata.annotations?.team).toBe("b");
    k(c, "annotate deploy web team-");
    expect(dep(c, "web").metadata.annotations?.team).toBeUndefined();
  });

  it("label: labeled / not labeled / unlabeled (label.go updateDataChangeMsg); overwrite refused without the flag", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    expect(k(c, "label deploy web tier=frontend").stdout).toBe("deployment.apps/web labeled\n");
    expect(k(c, "label deploy web tier=frontend").stdout).toBe("deployment.apps/web not labeled\n");
    expect(k(c, "label deploy web tier=backend").stderr).toBe(
      "error: 'tier' already has a value (frontend), and --overwrite is false\n",
    );
    expect(k(c, "label deploy web tier-").stdout).toBe("deployment.apps/web unlabeled\n");
    expect(dep(c, "web").metadata.labels).toEqual({ app: "web" });
    expect(k(c, "label deploy web").stderr).toBe(
      "error: at least one label update is required\nSee 'kubectl label -h' for help and examples\n",
    );
  });

  it("label -l SELECTOR / --all: every object selected, a line each in name order", () => {
    const c = new FakeCluster();
    k(c, "create deployment b --image=nginx");
    k(c, "create deployment a --image=nginx");
    k(c, "create deployment other --image=nginx");
    expect(k(c, "label deploy -l 'app in (a,b)' tier=fe").stdout).toBe(
      "deployment.apps/a labeled\ndeployment.apps/b labeled\n",
    );
    expect(k(c, "annotate deploy --all team=x").stdout).toBe(
      "deployment.apps/a annotated\ndeployment.apps/b annotated\ndeployment.apps/other annotated\n",
    );
    expect(k(c, "label deploy -l app=none tier=fe").stderr).toBe(
      "No resources found in default namespace.\n",
    );
    expect(k(c, "label deploy tier=fe").stderr).toContain(
      "resource(s) were provided, but no name was specified",
    );
  });

  it("patch: strategic (default) merges containers by name; merge; json; no change", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx --image=busybox");
    expect(
      k(
        c,
        `patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"busybox","image":"busybox:2"}]}}}}'`,
      ).stdout,
    ).toBe("deployment.apps/web patched\n");
    expect(dep(c, "web").spec.template.spec.containers.map((x) => x.image)).toEqual(["nginx", "busybox:2"]);
    k(c, `patch deploy web --type=merge -p '{"spec":{"replicas":4}}'`);
    expect(dep(c, "web").spec.replicas).toBe(4);
    k(c, `patch deploy web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`);
    expect(dep(c, "web").spec.replicas).toBe(2);
    expect(k(c, `patch deploy web -p '{"spec":{"replicas":2}}'`).stdout).toBe(
      "deployment.apps/web patched (no change)\n",
    );
  });

  it("delete prints one line per object; missing names are NotFound", () => {
    const c = new FakeCluster();
    k(c, "create deployment web --image=nginx");
    expect(k(c, "delete deployment web")).toMatchObject({
      exitCode: 0,
      stdout: 'deployment.apps "web" deleted\n',
    });
    expect(k(c, "delete deployment web")).toMatchObject({
      exitCode: 1,
      stderr: 'Error from server (NotFound): deployments.apps "web" not found\n',
    });
    expect(k(c, "delete deployment web --ignore-not-found")).toMatchObject({ exitCode: 0, stderr: "" });
  });
});

describe("kubectl apply (client-side apply)", () => {
  const manifest = (replicas?: number, image = "nginx:1"): KubeObject =>
    ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { app: "web" } },
      spec: {
        ...(replicas !== undefined ? { replicas } : {}),
        selector: { matchLabels: { app: "web" } },
        template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "nginx", image }] } },
      },
    }) as unknown as KubeObject;

  it("creates with last-applied-configuration, then configured / unchanged", () => {
    const c = new FakeCluster();
    expect(applyObjects([manifest(3)], c).stdout).toBe("deployment.apps/web created\n");
    expect(dep(c, "web").metadata.annotations?.[KubectlAnnotations.lastAppliedConfiguration]).toBe(
      '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx:1","name":"nginx"}]}}}}\n',
    );
    expect(applyObjects([manifest(3)], c).stdout).toBe("deployment.apps/web unchanged\n");
    expect(applyObjects([manifest(3, "nginx:2")], c).stdout).toBe("deployment.apps/web configured\n");
    expect(dep(c, "web").spec.template.spec.containers[0].image).toBe("nginx:2");
  });

  it("replicas in the manifest override the HPA's value; omitted replicas leave it", () => {
    const c = new FakeCluster();
    applyObjects([manifest(3)], c);
    c.put({ ...dep(c, "web"), spec: { ...dep(c, "web").spec, replicas: 10 } });
    expect(applyObjects([manifest(3)], c).stdout).toBe("deployment.apps/web configured\n");
    expect(dep(c, "web").spec.replicas).toBe(3);

    const c2 = new FakeCluster();
    applyObjects([manifest()], c2);
    c2.put({ ...dep(c2, "web"), spec: { ...dep(c2, "web").spec, replicas: 7 } });
    expect(applyObjects([manifest(undefined, "nginx:2")], c2).stdout).toBe(
      "deployment.apps/web configured\n",
    );
    expect(dep(c2, "web").spec.replicas).toBe(7);
  });

  it("apply -f reads the file through options.readFile, several documents", () => {
    const c = new FakeCluster();
    const yaml =
      "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  a: b\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n";
    const r = k(c, "apply -f all.yaml", { readFile: (p: string) => (p === "all.yaml" ? yaml : undefined) });
    expect(r.stdout).toBe("configmap/cfg created\nservice/svc created\n");
    expect(k(c, "apply -f missing.yaml", { readFile: () => undefined }).stderr).toBe(
      'error: the path "missing.yaml" does not exist\n',
    );
  });

  it("an autoscaling/v1 HPA is stored in the v2 form; re-applying it is unchanged, changing it configured", () => {
    const c = new FakeCluster();
    const v1 = (cpu: number) =>
      ({
        apiVersion: "autoscaling/v1",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: "web" },
        spec: {
          scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" },
          maxReplicas: 5,
          targetCPUUtilizationPercentage: cpu,
        },
      }) as unknown as KubeObject;
    expect(applyObjects([v1(50)], c).stdout).toBe("horizontalpodautoscaler.autoscaling/web created\n");
    const h = c.api.get("HorizontalPodAutoscaler", "default", "web") as HorizontalPodAutoscaler;
    expect(h.apiVersion).toBe("autoscaling/v2");
    expect(h.spec.metrics?.[0].resource?.target.averageUtilization).toBe(50);
    expect(applyObjects([v1(50)], c).stdout).toBe("horizontalpodautoscaler.autoscaling/web unchanged\n");
    expect(applyObjects([v1(70)], c).stdout).toBe("horizontalpodautoscaler.autoscaling/web configured\n");
    expect(
      (c.api.get("HorizontalPodAutoscaler", "default", "web") as HorizontalPodAutoscaler).spec.metrics?.[0]
        .resource?.target.averageUtilization,
    ).toBe(70);
  });

  it("a kind no CRD defines is reported (cli-runtime's mapper) and the others still apply", () => {
    const c = new FakeCluster();
    // A group of no known add-on (a known add-on's kind is served as its CRD would serve it).
    const widget = {
      apiVersion: "example.com/v1",
      kind: "Widget",
      metadata: { name: "s" },
    } as unknown as KubeObject;
    const r = applyObjects([widget, manifest(1)], c, "x.yaml");
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe("deployment.apps/web created\n");
    expect(r.stderr).toBe(
      'error: resource mapping not found for name: "s" namespace: "" from "x.yaml": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n',
    );
  });
});

describe("kubectl rollout (polymorphichelpers)", () => {
  function withHistory() {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx:3", 3));
    const v = (image: string) => ({
      ...d,
      spec: { ...d.spec, template: { ...d.spec.template, spec: { containers: [{ name: "nginx", image }] } } },
    });
    const rs1 = replicaSetFor(v("nginx:1"), "aaa", 0, 1);
    const rs2 = replicaSetFor(v("nginx:2"), "bbb", 0, 2);
    rs2.metadata.annotations!["kubernetes.io/change-cause"] =
      "kubectl set image deploy/web nginx=nginx:2 --record=true";
    c.put(rs1);
    c.put(rs2);
    c.put(replicaSetFor(d, "ccc", 3, 3));
    return c;
  }

  it("history: the REVISION table with 2 spaces of padding, then a blank line", () => {
    expect(k(withHistory(), "rollout history deployment web").stdout).toBe(
      "deployment.apps/web\nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deploy/web nginx=nginx:2 --record=true\n3         <none>\n\n",
    );
  });

  it("history --revision prints the pod template with raw tabs", () => {
    const out = k(withHistory(), "rollout history deployment/web --revision=2").stdout;
    expect(
      out.startsWith(
        "deployment.apps/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=bbb\n  Annotations:\tkubernetes.io/change-cause: kubectl set image deploy/web nginx=nginx:2 --record=true\n",
      ),
    ).toBe(true);
    expect(out).toContain("    Image:\tnginx:2\n");
    expect(k(withHistory(), "rollout history deployment/web --revision=9").stderr).toBe(
      "error: unable to find the specified revision\n",
    );
  });

  it("undo goes to the previous revision and takes its change-cause back", () => {
    const c = withHistory();
    expect(k(c, "rollout undo deployment/web").stdout).toBe("deployment.apps/web rolled back\n");
    const d = dep(c, "web");
    expect(d.spec.template.spec.containers[0].image).toBe("nginx:2");
    expect(d.spec.template.metadata.labels).toEqual({ app: "web" });
    expect(d.metadata.annotations?.["kubernetes.io/change-cause"]).toBe(
      "kubectl set image deploy/web nginx=nginx:2 --record=true",
    );
    expect(d.metadata.annotations?.["deployment.kubernetes.io/revision"]).toBe("1");
  });

  it("undo errors and the skipped case (deploy-semantics §8.2)", () => {
    expect(k(withHistory(), "rollout undo deploy/web --to-revision=7").stderr).toBe(
      "error: unable to find specified revision 7 in history\n",
    );
    expect(k(withHistory(), "rollout undo deploy/web --to-revision=3").stdout).toBe(
      "deployment.apps/web skipped rollback (current template already matches revision 3)\n",
    );
    const paused = withHistory();
    k(paused, "rollout pause deploy/web");
    expect(k(paused, "rollout undo deploy/web").stderr).toBe(
      "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and try again\n",
    );
    // rollback.go: a client dry run prints the revision's template (printTemplate) before the
    // paused check, and undo.go's printer adds " (dry run)"; a server dry run patches with
    // DryRun=All and prints rollbackSuccess.
    expect(k(paused, "rollout undo deploy/web --dry-run=client").stdout).toBe(
      [
        "deployment.apps/web Pod Template:",
        "  Labels:\tapp=web",
        "\tpod-template-hash=bbb",
        "  Containers:",
        "   nginx:",
        "    Image:\tnginx:2",
        "    Port:\t<none>",
        "    Host Port:\t<none>",
        "    Environment:\t<none>",
        "    Mounts:\t<none>",
        "  Volumes:\t<none>",
        " (dry run)",
        "",
      ].join("\n"),
    );
    k(paused, "rollout resume deploy/web");
    expect(k(paused, "rollout undo deploy/web --dry-run=server").stdout).toBe(
      "deployment.apps/web rolled back (server dry run)\n",
    );
    const lone = new FakeCluster();
    const d = lone.put(deployment("one", "nginx", 1));
    lone.put(replicaSetFor(d, "aaa", 1, 1));
    expect(k(lone, "rollout undo deploy/one").stderr).toBe(
      'error: no rollout history found for deployment "one"\n',
    );
  });

  it("pause / resume / restart", () => {
    const c = withHistory();
    expect(k(c, "rollout pause deployment/web").stdout).toBe("deployment.apps/web paused\n");
    expect(k(c, "rollout pause deployment/web").stdout).toBe("deployment.apps/web already paused\n");
    expect(k(c, "rollout restart deployment/web").stderr).toBe(
      'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n',
    );
    expect(k(c, "rollout resume deployment/web").stdout).toBe("deployment.apps/web resumed\n");
    expect(k(c, "rollout resume deployment/web").stdout).toBe("deployment.apps/web already resumed\n");
    c.now = 90;
    expect(k(c, "rollout restart deployment/web").stdout).toBe("deployment.apps/web restarted\n");
    expect(dep(c, "web").spec.template.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBe(
      "2024-01-01T00:01:30Z",
    );
  });

  it("restart of a TYPE alone restarts each of the namespace's (restart.go handleExplicitResources: ResourceTypeOrNameArgs(true, …))", () => {
    const c = new FakeCluster();
    for (const name of ["web", "api", "worker"]) {
      const d = deployment(name, "nginx", 1);
      d.metadata.labels = { tier: name === "worker" ? "batch" : "front" };
      c.put(d);
    }
    c.now = 90;
    // kubectl's own example: "Restart all deployments in the test-namespace namespace".
    expect(k(c, "rollout restart deployment")).toMatchObject({
      exitCode: 0,
      stdout:
        "deployment.apps/api restarted\ndeployment.apps/web restarted\ndeployment.apps/worker restarted\n",
    });
    expect(dep(c, "worker").spec.template.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBe(
      "2024-01-01T00:01:30Z",
    );
    c.now = 120;
    expect(k(c, "rollout restart deploy -l tier=batch").stdout).toBe("deployment.apps/worker restarted\n");
    expect(dep(c, "web").spec.template.metadata.annotations?.["kubectl.kubernetes.io/restartedAt"]).toBe(
      "2024-01-01T00:01:30Z",
    );
    // restartResources aggregates the refusals after the objects it restarted.
    expect(k(c, "rollout pause deployment/api").stdout).toBe("deployment.apps/api paused\n");
    expect(k(c, "rollout restart deployments")).toMatchObject({
      exitCode: 1,
      stdout: "deployment.apps/web restarted\ndeployment.apps/worker restarted\n",
      stderr: 'error: deployments.apps "api" can\'t restart paused deployment (run rollout resume first)\n',
    });
    // printNoResourcesFoundMessage, on stderr, and no failure.
    expect(k(c, "rollout restart deploy -l tier=none -n shop")).toMatchObject({
      exitCode: 0,
      stdout: "",
      stderr: 'No resources found matching: [deploy], label selector: tier=none in namespace "shop".\n',
    });
  });

  it("status: a missed progress deadline and a revision mismatch are errors (rollout_status.go)", () => {
    const c = withHistory();
    const d = dep(c, "web");
    d.metadata.annotations!["deployment.kubernetes.io/revision"] = "3";
    expect(k(c, "rollout status deploy/web --revision=2")).toMatchObject({
      exitCode: 1,
      stderr: "error: desired revision (2) is different from the running revision (3)\n",
    });
    c.put({
      ...d,
      status: {
        ...d.status,
        conditions: [
          {
            type: "Progressing",
            status: "False",
            reason: "ProgressDeadlineExceeded",
            message: 'ReplicaSet "web-ccc" has timed out progressing.',
            lastUpdateTime: 0,
            lastTransitionTime: 0,
          },
        ],
      },
    });
    expect(k(c, "rollout status deploy/web")).toMatchObject({
      exitCode: 1,
      stderr: 'error: deployment "web" exceeded its progress deadline\n',
    });
  });

  it("status reports the state at that instant", () => {
    const c = withHistory();
    expect(k(c, "rollout status deployment web").stdout).toBe('deployment "web" successfully rolled out\n');
    const d = dep(c, "web");
    c.put({ ...d, status: { ...d.status, updatedReplicas: 1 } });
    expect(k(c, "rollout status deployment web")).toMatchObject({
      exitCode: 0,
      readOnly: true,
      stdout:
        'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    });
  });
});

describe("kubectl get -o yaml / json", () => {
  it("prints the object as the API returns it: sorted keys, RFC 3339 times, namespace", () => {
    const c = new FakeCluster();
    c.now = 30;
    k(c, "create deployment web --image=nginx");
    const json = JSON.parse(k(c, "get deploy web -o json").stdout);
    expect(json.metadata.creationTimestamp).toBe("2024-01-01T00:00:30Z");
    expect(json.metadata.namespace).toBe("default");
    expect(Object.keys(json)).toEqual(["apiVersion", "kind", "metadata", "spec", "status"]);
    const yaml = k(c, "get deploy web -o yaml").stdout;
    expect(yaml.startsWith("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n")).toBe(true);
    expect(yaml).toContain('  creationTimestamp: "2024-01-01T00:00:30Z"\n');
    expect(k(c, "get deploy -o json").stdout).toContain('"kind": "List"');
  });
});

describe("kubectl get all (the `all` category)", () => {
  it("one table per kind that has objects, in discovery order, names prefixed with their kind", () => {
    const c = new FakeCluster();
    c.api.create(deployment("web", "nginx:1", 2));
    const d = c.api.get("Deployment", "default", "web")!;
    c.api.create(replicaSetFor(d, "6d4cf56db6", 2, 1));
    const out = k(c, "get all").stdout;
    expect(
      out
        .split("\n")
        .filter((l) => l.startsWith("NAME"))
        .map((l) => l.split(/\s+/)[1]),
    ).toEqual([
      "READY", // deployments
      "DESIRED", // replicasets
    ]);
    expect(out).toContain("\ndeployment.apps/web ");
    expect(out).toContain("\nreplicaset.apps/web-6d4cf56db6 ");
    expect(out.indexOf("deployment.apps/web")).toBeLessThan(out.indexOf("replicaset.apps/"));
    expect(k(c, "get all -l app=other").stderr).toBe("No resources found in default namespace.\n");
    expect(k(c, "get all web").stderr).toContain("names after `all` is not supported");
  });
});

describe("kubectl label against the running controllers", () => {
  it("a pod relabeled out of its ReplicaSet's selector is released, and the ReplicaSet makes another", () => {
    const sim = new Simulation();
    sim.at(0, "create", () => void runKubectl("create deployment web --image=nginx --replicas=2", sim));
    sim.runUntil(30);
    const first = sim.api.list("Pod", "default")[0].metadata.name;
    expect(runKubectl(`label pod ${first} app=debug --overwrite`, sim).stdout).toBe(`pod/${first} labeled\n`);
    sim.runUntil(60);
    const pods = sim.api.list("Pod", "default");
    expect(pods).toHaveLength(3);
    const released = pods.find((p) => p.metadata.name === first)!;
    expect(released.metadata.ownerReferences ?? []).toEqual([]);
    expect(pods.filter((p) => p.metadata.labels?.app === "web")).toHaveLength(2);
  });
});

describe("kubectl expose (expose.go generateService) and the API server's Service allocations", () => {
  it("a Service selecting the Deployment's pods, on --port; ClusterIP and NodePort allocated", () => {
    const sim = new Simulation();
    runKubectl("create deployment php-apache --image=registry.k8s.io/hpa-example --port=80", sim);
    expect(runKubectl("expose deployment php-apache --port=80", sim).stdout).toBe(
      "service/php-apache exposed\n",
    );
    const svc = sim.api.get("Service", "default", "php-apache")!;
    expect(svc.metadata.labels).toEqual({ app: "php-apache" });
    expect(svc.spec).toMatchObject({
      selector: { app: "php-apache" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      type: "ClusterIP",
      ipFamilies: ["IPv4"],
    });
    // In the service CIDR 10.96.0.0/12, never 10.96.0.1 (the kubernetes Service's).
    expect(svc.spec.clusterIP).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
    expect(svc.spec.clusterIP).not.toBe("10.96.0.1");
    expect(runKubectl("expose deployment php-apache --port=80", sim).stderr).toBe(
      'Error from server (AlreadyExists): services "php-apache" already exists\n',
    );
    runKubectl("expose deployment php-apache --name=np --port=8080 --target-port=80 --type=NodePort", sim);
    const np = sim.api.get("Service", "default", "np")!;
    const [port] = np.spec.ports as { port: number; targetPort: number; nodePort: number }[];
    expect(port).toMatchObject({ port: 8080, targetPort: 80 });
    expect(port.nodePort).toBeGreaterThanOrEqual(30000);
    expect(port.nodePort).toBeLessThanOrEqual(32767);
    expect(np.spec.clusterIP).not.toBe(svc.spec.clusterIP);
  });

  it("the same names get the same addresses in every run; allocating draws nothing from the seeded generator", () => {
    const run = (clusterIP?: string) => {
      const sim = new Simulation();
      runKubectl("create deployment web --image=nginx --port=80 --replicas=2", sim);
      sim.api.create({
        apiVersion: "v1",
        kind: "Service",
        metadata: { name: "web" },
        spec: { selector: { app: "web" }, ports: [{ port: 80 }], ...(clusterIP ? { clusterIP } : {}) },
      });
      sim.runUntil(5);
      return [
        sim.api.get("Service", "default", "web")!.spec.clusterIP,
        ...sim.api.list("Pod", "default").map((p) => p.metadata.name),
      ];
    };
    expect(run()).toEqual(run());
    // The pods are named the same whether the API server allocated the address or not.
    expect(run().slice(1)).toEqual(run("10.96.5.5").slice(1));
    expect(run("10.96.5.5")[0]).toBe("10.96.5.5");
  });

  it("without --port the containers' ports are used; none at all is kubectl's usage error", () => {
    const sim = new Simulation();
    runKubectl("create deployment web --image=nginx --port=8080", sim);
    runKubectl("expose deployment web", sim);
    expect(sim.api.get("Service", "default", "web")!.spec.ports).toEqual([
      { port: 8080, protocol: "TCP", targetPort: 8080 },
    ]);
    runKubectl("create deployment bare --image=nginx", sim);
    expect(runKubectl("expose deployment bare", sim).stderr).toBe(
      "error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples\n",
    );
  });
});
