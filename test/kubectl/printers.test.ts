import { describe, expect, it } from "vitest";
import { formatHPAMetrics } from "../../src/k8s/kinds/hpa/targets.ts";
import { runKubectl } from "../../src/kubectl/run.ts";
import { formatWatchRow } from "../../src/kubectl/watch.ts";
import type { HorizontalPodAutoscaler } from "../../src/k8s/types.ts";
import { FakeCluster } from "./fakeCluster.ts";
import { cpuHPA, deployment, replicaSetFor, runningPod } from "./fixtures.ts";

const get = (cluster: FakeCluster, line: string) => runKubectl(line, cluster);

describe("kubectl get tables (printers.go, tabwriter min width 6 padding 3)", () => {
  it("pods, as seed 000 prints them 4s after create", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("demo-rollout", "busybox:v1", 3));
    const rs = c.put(replicaSetFor(d, "5d847fd86c", 3, 1));
    for (const s of ["678pr", "9mj4v", "xhvf7"]) c.put(runningPod(`demo-rollout-5d847fd86c-${s}`, rs, 0));
    c.now = 4;
    expect(get(c, "get pods").stdout).toBe(
      [
        "NAME                            READY   STATUS    RESTARTS   AGE",
        "demo-rollout-5d847fd86c-678pr   1/1     Running   0          4s",
        "demo-rollout-5d847fd86c-9mj4v   1/1     Running   0          4s",
        "demo-rollout-5d847fd86c-xhvf7   1/1     Running   0          4s",
        "",
      ].join("\n"),
    );
  });

  // printPod: a bound Pending pod without container statuses (the kubelet's first status, whose
  // waiting reason is ContainerCreating, not written yet) reads its phase.
  it("pod STATUS: Pending before the kubelet's first status, Terminating once deleted; READY counts ready running containers", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx", 2));
    const rs = c.put(replicaSetFor(d, "abc", 2, 1));
    c.put(runningPod("web-abc-1", rs, 0, { phase: "Pending" }));
    c.put(runningPod("web-abc-2", rs, 0, { deleting: 5 }));
    c.put(runningPod("web-abc-3", rs, 0, { ready: false }));
    c.now = 7;
    expect(get(c, "get pods -o wide").stdout).toBe(
      [
        "NAME        READY   STATUS        RESTARTS   AGE   IP           NODE     NOMINATED NODE   READINESS GATES",
        "web-abc-1   0/1     Pending       0          7s    10.244.1.5   node-1   <none>           <none>",
        "web-abc-2   1/1     Terminating   0          7s    10.244.1.5   node-1   <none>           <none>",
        "web-abc-3   0/1     Running       0          7s    10.244.1.5   node-1   <none>           <none>",
        "",
      ].join("\n"),
    );
  });

  it("deployments and replica sets, wide", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("nginx", "wanghao7/nginx:01", 3));
    c.put(replicaSetFor(d, "5bf94dbdbf", 3, 1));
    c.now = 600;
    expect(get(c, "get deploy").stdout).toBe(
      "NAME    READY   UP-TO-DATE   AVAILABLE   AGE\nnginx   3/3     3            3           10m\n",
    );
    expect(get(c, "get deploy -o wide").stdout).toBe(
      "NAME    READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES              SELECTOR\nnginx   3/3     3            3           10m   nginx        wanghao7/nginx:01   app=nginx\n",
    );
    expect(get(c, "get rs").stdout).toBe(
      "NAME               DESIRED   CURRENT   READY   AGE\nnginx-5bf94dbdbf   3         3         3       10m\n",
    );
  });

  it("get deploy,rs prints one table per type, names with their type", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("nginx", "nginx", 3));
    c.put(replicaSetFor(d, "5bf94dbdbf", 3, 1));
    c.now = 600;
    expect(get(c, "get deploy,rs").stdout).toBe(
      [
        "NAME                    READY   UP-TO-DATE   AVAILABLE   AGE",
        "deployment.apps/nginx   3/3     3            3           10m",
        "",
        "NAME                               DESIRED   CURRENT   READY   AGE",
        "replicaset.apps/nginx-5bf94dbdbf   3         3         3       10m",
        "",
      ].join("\n"),
    );
  });

  it("hpa, as seed 001 prints it 18s after autoscale (kubectl 1.22)", () => {
    const c = new FakeCluster();
    c.put(cpuHPA("hpa-demo", { target: 60, current: 0, min: 1, max: 10, replicas: 1 }));
    c.now = 18;
    expect(runKubectl("get hpa", c, { version: 22 }).stdout).toBe(
      "NAME       REFERENCE             TARGETS   MINPODS   MAXPODS   REPLICAS   AGE\nhpa-demo   Deployment/hpa-demo   0%/60%    1         10        1          18s\n",
    );
  });

  it("hpa scaled out (seed 000's second table; the blog's extra spaces after 160%/10% are not tabwriter's)", () => {
    const c = new FakeCluster();
    c.put(cpuHPA("hpa-demo", { target: 10, current: 160, min: 1, max: 10, replicas: 10 }));
    c.now = 3000;
    expect(runKubectl("get hpa", c, { version: 22 }).stdout.split("\n")[1]).toBe(
      "hpa-demo   Deployment/hpa-demo   160%/10%   1         10        10         50m",
    );
  });

  // formatHPAMetrics names the resource from Kubernetes 1.30 (PR #122804).
  it("hpa TARGETS name the resource in current kubectl: cpu: 0%/60%", () => {
    const c = new FakeCluster();
    c.put(cpuHPA("hpa-demo", { target: 60, current: 0, min: 1, max: 10, replicas: 1 }));
    c.now = 18;
    expect(get(c, "get hpa").stdout).toBe(
      "NAME       REFERENCE             TARGETS       MINPODS   MAXPODS   REPLICAS   AGE\nhpa-demo   Deployment/hpa-demo   cpu: 0%/60%   1         10        1          18s\n",
    );
    expect(runKubectl("get hpa", c, { version: 30 }).stdout).toContain("cpu: 0%/60%");
    expect(runKubectl("get hpa", c, { version: 29 }).stdout).toContain("   0%/60%   ");
  });

  it("hpa.autoscaling and hpa.v2.autoscaling name the HPA as hpa does", () => {
    const c = new FakeCluster();
    c.put(cpuHPA("hpa-demo", { target: 60, current: 0, min: 1, max: 10, replicas: 1 }));
    expect(get(c, "get hpa.autoscaling").stdout).toBe(get(c, "get hpa").stdout);
    expect(get(c, "get hpa.v2.autoscaling hpa-demo -o name").stdout).toBe(
      "horizontalpodautoscaler.autoscaling/hpa-demo\n",
    );
    expect(get(c, "get hpa.v2.autoscaling hpa-demo -o yaml").stdout).toContain(
      "apiVersion: autoscaling/v2\n",
    );
    // Another version's fields would need that version's conversion: refused, with the way out.
    expect(get(c, "get hpa.v1.autoscaling hpa-demo -o yaml").stderr).toBe(
      "error: printing a HorizontalPodAutoscaler as autoscaling/v1 (its fields differ from autoscaling/v2) is not supported by the Replicast simulator\n",
    );
  });

  // The API server stops serving autoscaling/v2beta1 in 1.25 and v2beta2 in 1.26, and serves
  // v2 from 1.23 (kubernetes.io Deprecated API Migration Guide); kubectl's builder.go mappingFor
  // then finds no mapping and names the resource part of the word.
  it("hpa.v2beta2.autoscaling is an unknown resource type where the server no longer serves it", () => {
    const c = new FakeCluster();
    c.put(cpuHPA("hpa-demo", { target: 60, current: 0, min: 1, max: 10, replicas: 1 }));
    for (const word of ["hpa.v2beta2.autoscaling", "hpa.v2beta1.autoscaling"])
      expect(get(c, `get ${word}`)).toMatchObject({
        exitCode: 1,
        stdout: "",
        stderr: 'error: the server doesn\'t have a resource type "hpa"\n',
      });
    expect(runKubectl("get hpa.v2beta2.autoscaling", c, { version: 25 }).stderr).not.toContain(
      "doesn't have a resource type",
    );
    expect(runKubectl("get hpa.v2beta1.autoscaling", c, { version: 25 }).stderr).toBe(
      'error: the server doesn\'t have a resource type "hpa"\n',
    );
    expect(runKubectl("get horizontalpodautoscalers.v2.autoscaling", c, { version: 22 }).stderr).toBe(
      'error: the server doesn\'t have a resource type "horizontalpodautoscalers"\n',
    );
  });

  it("empty lists and missing names", () => {
    const c = new FakeCluster();
    expect(get(c, "get pods")).toMatchObject({
      exitCode: 0,
      stdout: "",
      stderr: "No resources found in default namespace.\n",
    });
    expect(get(c, "get deploy nope")).toMatchObject({
      exitCode: 1,
      stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n',
    });
    expect(get(c, "get hpa nope").stderr).toBe(
      'Error from server (NotFound): horizontalpodautoscalers.autoscaling "nope" not found\n',
    );
    expect(get(c, "get po nope").stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it("-l selects by label, --show-labels adds LABELS, -o name prints type/name", () => {
    const c = new FakeCluster();
    c.put(deployment("a", "nginx", 1));
    c.put(deployment("b", "nginx", 1));
    c.now = 5;
    expect(get(c, "get deploy -l app=b").stdout).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nb      1/1     1            1           5s\n",
    );
    expect(get(c, "get deploy -l 'app in (a)' --show-labels").stdout).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   LABELS\na      1/1     1            1           5s    app=a\n",
    );
    expect(get(c, "get deploy -o name").stdout).toBe("deployment.apps/a\ndeployment.apps/b\n");
  });

  it("-L adds a column per label key, headed by its last path segment, empty where unset; LABELS stays last", () => {
    // cli-runtime printers/tableprinter.go: formatLabelHeaders, labelValues; -L is a string slice (comma-split).
    const c = new FakeCluster();
    const a = deployment("a", "nginx", 1);
    c.put({ ...a, metadata: { ...a.metadata, labels: { app: "a", "app.kubernetes.io/version": "1.2" } } });
    c.put(deployment("b", "nginx", 1));
    c.now = 5;
    expect(get(c, "get deploy -L app.kubernetes.io/version -L app").stdout).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   VERSION   APP\n" +
        "a      1/1     1            1           5s    1.2       a\n" +
        "b      1/1     1            1           5s              b\n",
    );
    expect(get(c, "get deploy b -L app,tier --show-labels").stdout).toBe(
      "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   APP   TIER   LABELS\nb      1/1     1            1           5s    b            app=b\n",
    );
  });

  it("-A adds a NAMESPACE column; --no-headers drops the header", () => {
    const c = new FakeCluster();
    c.put(deployment("web", "nginx", 1));
    c.now = 5;
    expect(get(c, "get deploy -A").stdout).toBe(
      "NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE\ndefault     web    1/1     1            1           5s\n",
    );
    expect(get(c, "get deploy --no-headers").stdout).toBe("web   1/1   1     1     5s\n");
    expect(get(new FakeCluster(), "get pods -A").stderr).toBe("No resources found\n");
  });

  it("a trailing grep filters lines; -c counts; no match exits 1", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx", 2));
    const rs = c.put(replicaSetFor(d, "abc", 2, 1));
    c.put(runningPod("web-abc-1", rs, 0));
    c.put(runningPod("web-abc-2", rs, 0, { phase: "Pending" }));
    expect(get(c, "get pods | grep -c Running")).toMatchObject({ exitCode: 0, stdout: "1\n" });
    expect(get(c, "get pods | grep -v NAME")).toMatchObject({
      exitCode: 0,
      stdout: expect.stringMatching(/^web-abc-1 .*\nweb-abc-2 .*\n$/),
    });
    expect(get(c, "get pods | grep -E 'abc-[2]'").stdout).toMatch(/^web-abc-2 /);
    expect(get(c, "get pods | grep nothing")).toMatchObject({ exitCode: 1, stdout: "", stderr: "" });
  });

  it("services and config maps", () => {
    const c = new FakeCluster();
    c.put({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "hpa-demo", creationTimestamp: 0 },
      spec: {
        type: "NodePort",
        clusterIP: "10.96.0.12",
        selector: { app: "nginx" },
        ports: [{ protocol: "TCP", port: 80, targetPort: 80, nodePort: 30002 }],
      },
    });
    c.put({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "increase-mem-config", creationTimestamp: 0 },
      data: { "increase-mem.sh": "#!/bin/sh\n" },
    });
    c.now = 90;
    expect(get(c, "get svc").stdout).toBe(
      "NAME       TYPE       CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE\nhpa-demo   NodePort   10.96.0.12   <none>        80:30002/TCP   90s\n",
    );
    expect(get(c, "get cm").stdout).toBe(
      "NAME                  DATA   AGE\nincrease-mem-config   1      90s\n",
    );
  });
});

describe("HPA TARGETS (formatHPAMetrics)", () => {
  const base = cpuHPA("h", { target: 60, max: 10, replicas: 1 });
  const withMetrics = (
    metrics: HorizontalPodAutoscaler["spec"]["metrics"],
    current?: HorizontalPodAutoscaler["status"]["currentMetrics"],
  ): HorizontalPodAutoscaler => ({
    ...base,
    spec: { ...base.spec, metrics },
    status: { ...base.status, ...(current ? { currentMetrics: current } : {}) },
  });
  const mem = {
    type: "Resource" as const,
    resource: { name: "memory", target: { type: "AverageValue" as const, averageValue: "50Mi" } },
  };
  const cpu = {
    type: "Resource" as const,
    resource: { name: "cpu", target: { type: "Utilization" as const, averageUtilization: 60 } },
  };
  const cases: { name: string; hpa: HorizontalPodAutoscaler; legacy: string; named: string }[] = [
    {
      name: "no metrics status yet",
      hpa: withMetrics([cpu]),
      legacy: "<unknown>/60%",
      named: "cpu: <unknown>/60%",
    },
    {
      name: "utilization and average value",
      hpa: withMetrics(
        [cpu, mem],
        [
          {
            type: "Resource",
            resource: { name: "cpu", current: { averageUtilization: 80, averageValue: "40m" } },
          },
          { type: "Resource", resource: { name: "memory", current: { averageValue: "40Mi" } } },
        ],
      ),
      legacy: "80%/60%, 40Mi/50Mi",
      named: "cpu: 80%/60%, memory: 40Mi/50Mi",
    },
    {
      name: "more than two metrics",
      hpa: withMetrics([
        cpu,
        mem,
        {
          type: "Pods",
          pods: { metric: { name: "qps" }, target: { type: "AverageValue", averageValue: "10" } },
        },
      ]),
      legacy: "<unknown>/60%, <unknown>/50Mi + 1 more...",
      named: "cpu: <unknown>/60%, memory: <unknown>/50Mi + 1 more...",
    },
    {
      name: "external average value",
      hpa: withMetrics(
        [
          {
            type: "External",
            external: { metric: { name: "queue" }, target: { type: "AverageValue", averageValue: "5" } },
          },
        ],
        [{ type: "External", external: { metric: { name: "queue" }, current: { averageValue: "3" } } }],
      ),
      legacy: "3/5 (avg)",
      named: "3/5 (avg)",
    },
    { name: "no metrics at all", hpa: withMetrics([]), legacy: "<none>", named: "<none>" },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(formatHPAMetrics(c.hpa, "legacy")).toBe(c.legacy);
      expect(formatHPAMetrics(c.hpa, "named")).toBe(c.named);
    });
  }
});

describe("kubectl get -w", () => {
  it("prints the table, then one aligned row per change (seed 001, hpa-mem)", () => {
    const c = new FakeCluster();
    const hpa = c.put(cpuHPA("hpa-mem", { target: 60, current: 0, min: 1, max: 10, replicas: 1 }));
    hpa.spec.metrics = [
      {
        type: "Resource",
        resource: { name: "memory", target: { type: "Utilization", averageUtilization: 60 } },
      },
    ];
    hpa.status.currentMetrics = [
      {
        type: "Resource",
        resource: { name: "memory", current: { averageUtilization: 0, averageValue: "0" } },
      },
    ];
    c.now = 175;
    const r = runKubectl("get hpa -w", c, { version: 22 });
    expect(r.watch).toMatchObject({ kind: "HorizontalPodAutoscaler" });
    expect(r.readOnly).toBe(true);
    const rows = [r.stdout];
    c.now = 241;
    hpa.status.currentMetrics[0].resource!.current.averageUtilization = 80;
    rows.push(
      formatWatchRow("HorizontalPodAutoscaler", hpa, c, {
        columnWidths: r.watch?.columnWidths,
        targetsStyle: r.watch?.targetsStyle,
      }),
    );
    c.now = 256;
    hpa.status.currentReplicas = 2;
    rows.push(
      formatWatchRow("HorizontalPodAutoscaler", hpa, c, {
        columnWidths: r.watch?.columnWidths,
        targetsStyle: r.watch?.targetsStyle,
      }),
    );
    expect(rows.join("")).toBe(
      [
        "NAME      REFERENCE            TARGETS   MINPODS   MAXPODS   REPLICAS   AGE",
        "hpa-mem   Deployment/hpa-mem   0%/60%    1         10        1          2m55s",
        "hpa-mem   Deployment/hpa-mem   80%/60%   1         10        1          4m1s",
        "hpa-mem   Deployment/hpa-mem   80%/60%   1         10        2          4m16s",
        "",
      ].join("\n"),
    );
  });

  it("without remembered widths a row aligns to the header", () => {
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx", 2));
    c.now = 3;
    expect(formatWatchRow("Deployment", d, c)).toBe("web    2/2     2            2           3s\n");
  });

  it("a row keeps the columns the watch's table was printed with: -A's NAMESPACE, -L, --show-labels", () => {
    // kubectl get -w prints every row with the printer the first table used (get.go watch loop).
    const c = new FakeCluster();
    const d = c.put(deployment("web", "nginx", 2));
    c.now = 3;
    const columns = { allNamespaces: true, labelColumns: ["app"], showLabels: true };
    const first = get(c, "get deploy -A -L app --show-labels -w");
    expect(first.stdout).toBe(
      "NAMESPACE   NAME   READY   UP-TO-DATE   AVAILABLE   AGE   APP   LABELS\n" +
        "default     web    2/2     2            2           3s    web   app=web\n",
    );
    expect(first.watch).toMatchObject(columns);
    c.now = 9;
    expect(formatWatchRow("Deployment", d, c, { ...columns, columnWidths: first.watch!.columnWidths })).toBe(
      "default     web    2/2     2            2           9s    web   app=web\n",
    );
  });
});

describe("-o yaml / -o json leave out what the API server's JSON leaves out", () => {
  // apps/v1 DeploymentStatus (k8s.io/api/apps/v1/types.go): the counters are `omitempty`, so
  // encoding/json drops a zero; kubectl prints what the server sent.
  it("a Deployment's zero counters are absent, the others kept", () => {
    const c = new FakeCluster();
    const d = deployment("web", "nginx", 2);
    d.status = { ...d.status, readyReplicas: 0, availableReplicas: 0, unavailableReplicas: 2 };
    c.put(d);
    const status = JSON.parse(get(c, "get deployment web -o json").stdout).status;
    expect(Object.keys(status).sort()).toEqual([
      "conditions",
      "observedGeneration",
      "replicas",
      "unavailableReplicas",
      "updatedReplicas",
    ]);
    expect(get(c, "get deployment web -o yaml").stdout).not.toContain("readyReplicas");
  });
});
