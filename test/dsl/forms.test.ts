// Every form of docs/language.md (and the issue-6 additions) parses to the AST
// of src/dsl/ast.ts. Units: seconds, millicores, bytes.
import { describe, expect, it } from "vitest";
import { parseScenario } from "../../src/dsl/index.ts";
import { onlyStatement, statementsOf, withoutSpans } from "./helpers.ts";

const cases: { name: string; text: string; ast: unknown }[] = [
  // Declarations
  { name: "title", text: 'scenario "HPA on CPU"', ast: { kind: "title", title: "HPA on CPU" } },
  {
    name: "manifest from a file",
    text: 'manifest hpa = file "manifests/hpa.yaml"',
    ast: { kind: "manifest", name: "hpa", source: { kind: "file", path: "manifests/hpa.yaml" } },
  },
  {
    name: "manifest heredoc",
    text: "manifest deploy = <<YAML\napiVersion: apps/v1\nkind: Deployment\nYAML",
    ast: {
      kind: "manifest",
      name: "deploy",
      source: {
        kind: "heredoc",
        text: "apiVersion: apps/v1\nkind: Deployment\n",
        bodyLine: 2,
        bodyOffset: 25,
      },
    },
  },
  {
    name: "set a duration",
    text: "set hpa.sync-period = 15s",
    ast: { kind: "set", key: "hpa.sync-period", value: 15, raw: "15s" },
  },
  {
    name: "set a duration in minutes",
    text: "set hpa.downscale-stabilization = 5m",
    ast: { kind: "set", key: "hpa.downscale-stabilization", value: 300, raw: "5m" },
  },
  {
    name: "set a number",
    text: "set hpa.tolerance = 0.1",
    ast: { kind: "set", key: "hpa.tolerance", value: 0.1, raw: "0.1" },
  },
  {
    name: "set a percentage",
    text: "set hpa.tolerance = 5%",
    ast: { kind: "set", key: "hpa.tolerance", value: 0.05, raw: "5%" },
  },
  { name: "set an integer", text: "set seed = 42", ast: { kind: "set", key: "seed", value: 42, raw: "42" } },
  {
    name: "set a boolean",
    text: "set memory.retain = true",
    ast: { kind: "set", key: "memory.retain", value: true, raw: "true" },
  },
  {
    name: "set without =",
    text: "set pod.startup 3s",
    ast: { kind: "set", key: "pod.startup", value: 3, raw: "3s" },
  },
  {
    name: "set bytes",
    text: "set pod.memory-baseline = 50Mi",
    ast: { kind: "set", key: "pod.memory-baseline", value: 52428800, raw: "50Mi" },
  },
  {
    name: "set millicores",
    text: "set pod.cpu-baseline = 20m",
    ast: { kind: "set", key: "pod.cpu-baseline", value: 20, raw: "20m" },
  },

  // Actions
  {
    name: "apply NAME",
    text: "apply deploy",
    ast: { kind: "apply", source: { kind: "name", name: "deploy" } },
  },
  {
    name: "apply a keyword-named manifest",
    text: "apply hpa",
    ast: { kind: "apply", source: { kind: "name", name: "hpa" } },
  },
  {
    name: "apply file",
    text: 'apply file "x.yaml"',
    ast: { kind: "apply", source: { kind: "file", path: "x.yaml" } },
  },
  {
    name: "apply heredoc",
    text: "apply <<EOF\nkind: Service\nEOF",
    ast: { kind: "apply", source: { kind: "heredoc", text: "kind: Service\n", bodyLine: 2, bodyOffset: 12 } },
  },
  {
    name: "kubectl create",
    text: "kubectl create deployment demo-rollout --image=busybox:v1 --replicas=3 -- sleep 3600",
    ast: {
      kind: "kubectl",
      args: "create deployment demo-rollout --image=busybox:v1 --replicas=3 -- sleep 3600",
    },
  },
  {
    name: "kubectl set image --record",
    text: "kubectl set image deployment/demo-rollout busybox=busybox:v2 --record=true",
    ast: { kind: "kubectl", args: "set image deployment/demo-rollout busybox=busybox:v2 --record=true" },
  },
  {
    name: "kubectl rollout undo",
    text: "kubectl rollout undo deployment/demo-rollout --to-revision=2",
    ast: { kind: "kubectl", args: "rollout undo deployment/demo-rollout --to-revision=2" },
  },
  {
    name: "kubectl jsonpath in quotes keeps ; and #",
    text: "kubectl get deployment demo-rollout -o jsonpath='{.spec;#x}'",
    ast: { kind: "kubectl", args: "get deployment demo-rollout -o jsonpath='{.spec;#x}'" },
  },
  {
    name: "kubectl autoscale",
    text: "kubectl autoscale deployment hpa-demo --cpu-percent=60 --min=1 --max=10",
    ast: { kind: "kubectl", args: "autoscale deployment hpa-demo --cpu-percent=60 --min=1 --max=10" },
  },
  {
    name: "load cpu percent",
    text: "load cpu 180%",
    ast: {
      kind: "load",
      load: { kind: "cpu", amount: { percentOfRequest: 180 } },
      cpuAmounts: [{ text: "180%", bare: false, percent: true }],
    },
  },
  {
    name: "load cpu millicores",
    text: "load cpu 500m",
    ast: {
      kind: "load",
      load: { kind: "cpu", amount: { milli: 500 } },
      cpuAmounts: [{ text: "500m", bare: false, percent: false }],
    },
  },
  {
    name: "load cpu cores",
    text: "load cpu 1.5",
    ast: {
      kind: "load",
      load: { kind: "cpu", amount: { milli: 1500 } },
      cpuAmounts: [{ text: "1.5", bare: true, percent: false }],
    },
  },
  {
    name: "load with a target",
    text: "load deployment/web cpu 2",
    ast: {
      kind: "load",
      target: { kind: "Deployment", name: "web" },
      load: { kind: "cpu", amount: { milli: 2000 } },
      cpuAmounts: [{ text: "2", bare: true, percent: false }],
    },
  },
  {
    name: "load cpu ramp",
    text: "load cpu 100% ramp to 400% over 5m",
    ast: {
      kind: "load",
      load: {
        kind: "cpu",
        amount: { percentOfRequest: 100 },
        rampTo: { percentOfRequest: 400 },
        rampOver: 300,
      },
      cpuAmounts: [
        { text: "100%", bare: false, percent: true },
        { text: "400%", bare: false, percent: true },
      ],
    },
  },
  {
    name: "load cpu steps",
    text: "load cpu steps 100% 300% 50% every 2m",
    ast: {
      kind: "load",
      load: {
        kind: "cpuSteps",
        amounts: [{ percentOfRequest: 100 }, { percentOfRequest: 300 }, { percentOfRequest: 50 }],
        every: 120,
      },
      cpuAmounts: [
        { text: "100%", bare: false, percent: true },
        { text: "300%", bare: false, percent: true },
        { text: "50%", bare: false, percent: true },
      ],
    },
  },
  {
    name: "load cpu per pod",
    text: "load cpu 200m per pod",
    ast: {
      kind: "load",
      load: { kind: "cpuPerPod", amount: { milli: 200 } },
      cpuAmounts: [{ text: "200m", bare: false, percent: false }],
    },
  },
  {
    name: "load cpu per pod at startup (a warm-up spike)",
    text: "load cpu 800m per pod at startup for 1m30s",
    ast: {
      kind: "load",
      load: { kind: "cpuPerPod", amount: { milli: 800 }, startupFor: 90 },
      cpuAmounts: [{ text: "800m", bare: false, percent: false }],
    },
  },
  {
    name: "load memory per pod",
    text: "load memory 100Mi per pod",
    ast: { kind: "load", load: { kind: "memoryPerPod", bytes: 104857600 } },
  },
  {
    name: "load memory on N pods for D",
    text: "load memory 40M per pod on 2 pods for 10m",
    ast: { kind: "load", load: { kind: "memoryPerPod", bytes: 40000000, onPods: 2, duration: 600 } },
  },
  {
    name: "load memory 1e6",
    text: "load memory 1e6 per pod",
    ast: { kind: "load", load: { kind: "memoryPerPod", bytes: 1000000 } },
  },
  {
    name: "load requests",
    text: "load requests 100/s",
    ast: { kind: "load", load: { kind: "requests", rps: 100 } },
  },
  {
    name: "load requests with a cost",
    text: "load requests 250/s cost 5m per request",
    ast: { kind: "load", load: { kind: "requests", rps: 250, costMilliPerRequest: 5 } },
  },
  {
    name: "load metric",
    text: "load metric http_requests_per_second 250",
    ast: { kind: "load", load: { kind: "metric", name: "http_requests_per_second", valueMilli: 250000 } },
  },
  {
    name: "load metric in milli-units",
    text: "load metric queue-depth 500m",
    ast: { kind: "load", load: { kind: "metric", name: "queue-depth", valueMilli: 500 } },
  },
  // Traffic from real data (language.md "Traffic from real data, and metrics that follow it")
  {
    name: "load requests from a file, scaled, with a cost",
    text: 'load requests file "traffic.csv" times 1.5 cost 5m per request',
    ast: {
      kind: "load",
      load: {
        kind: "requests",
        rps: { kind: "file", file: { path: "traffic.csv" } },
        costMilliPerRequest: 5,
        times: 1.5,
      },
    },
  },
  {
    name: "load cpu from a file",
    text: 'load deployment/web cpu file "cpu.csv"',
    ast: {
      kind: "load",
      target: { kind: "Deployment", name: "web" },
      load: { kind: "cpuFile", file: { path: "cpu.csv" } },
    },
  },
  {
    name: "load metric from a file",
    text: 'load metric queue file "queue.csv"',
    ast: {
      kind: "load",
      load: { kind: "metric", name: "queue", valueMilli: { kind: "file", file: { path: "queue.csv" } } },
    },
  },
  {
    name: "a Prometheus series picked by its labels, and a sum",
    text: 'load requests file "rate.json" series job="api" code="200" sum',
    ast: {
      kind: "load",
      load: {
        kind: "requests",
        rps: {
          kind: "file",
          file: {
            path: "rate.json",
            series: [
              { name: "job", value: "api" },
              { name: "code", value: "200" },
            ],
            sum: true,
          },
        },
      },
    },
  },
  {
    name: "a CSV column by its header",
    text: 'load requests file "grafana.csv" column "web"',
    ast: {
      kind: "load",
      load: { kind: "requests", rps: { kind: "file", file: { path: "grafana.csv", column: "web" } } },
    },
  },
  {
    name: "load requests steps",
    text: "load requests steps 100/s 300/s 50/s every 10m cost 2m per request",
    ast: {
      kind: "load",
      load: {
        kind: "requests",
        rps: { kind: "steps", values: [100, 300, 50], every: 600 },
        costMilliPerRequest: 2,
      },
    },
  },
  {
    name: "load metric steps",
    text: "load metric queue steps 1 5 500m every 1m",
    ast: {
      kind: "load",
      load: {
        kind: "metric",
        name: "queue",
        valueMilli: { kind: "steps", values: [1000, 5000, 500], every: 60 },
      },
    },
  },
  {
    name: "load metric total",
    text: "load metric http_requests_per_second total 800",
    ast: {
      kind: "load",
      load: { kind: "metric", name: "http_requests_per_second", valueMilli: 800000, total: true },
    },
  },
  { name: "load off", text: "load off", ast: { kind: "load", load: { kind: "off" } } },
  {
    name: "watch",
    text: "watch hpa/web",
    ast: { kind: "watch", target: { kind: "HorizontalPodAutoscaler", name: "web" } },
  },
  {
    name: "watch a bare kind",
    text: "watch hpa",
    ast: { kind: "watch", target: { kind: "HorizontalPodAutoscaler" } },
  },
  // Real clusters, "Explaining decisions": explain hpa/web [at T | from T1 to T2]
  {
    name: "explain at a time",
    text: "explain hpa/web at 20m",
    ast: {
      kind: "explain",
      target: { kind: "HorizontalPodAutoscaler", name: "web" },
      window: { kind: "at", t: 1200 },
    },
  },
  {
    name: "explain a stretch",
    text: "explain hpa/web from 10m to 15m30s",
    ast: {
      kind: "explain",
      target: { kind: "HorizontalPodAutoscaler", name: "web" },
      window: { kind: "fromTo", from: 600, to: 930 },
    },
  },
  {
    name: "explain a Deployment at the statement's time",
    text: "explain deployment/web",
    ast: { kind: "explain", target: { kind: "Deployment", name: "web" } },
  },
  {
    name: "explain the only HPA",
    text: "explain hpa at 1m",
    ast: { kind: "explain", target: { kind: "HorizontalPodAutoscaler" }, window: { kind: "at", t: 60 } },
  },
  { name: "explain with no target", text: "explain", ast: { kind: "explain" } },
  // Real clusters, "Faults"
  {
    name: "fault crash N pods for D",
    text: "fault crash deployment/web 2 pods for 5m",
    ast: {
      kind: "fault",
      fault: { kind: "crash", target: { kind: "Deployment", name: "web" }, pods: 2 },
      duration: 300,
    },
  },
  {
    name: "fault crash of the only Deployment, for good",
    text: "fault crash 1 pod",
    ast: { kind: "fault", fault: { kind: "crash", pods: 1 } },
  },
  {
    name: "fault crash image",
    text: "fault crash image web:2",
    ast: { kind: "fault", fault: { kind: "crashImage", image: "web:2" } },
  },
  {
    name: "fault pull image, for a while",
    text: "fault pull image nginx:1.161 for 5m",
    ast: { kind: "fault", fault: { kind: "pullImage", image: "nginx:1.161" }, duration: 300 },
  },
  {
    name: "fault unready",
    text: "fault unready deployment/web 1 pod for 2m",
    ast: {
      kind: "fault",
      fault: { kind: "unready", target: { kind: "Deployment", name: "web" }, pods: 1 },
      duration: 120,
    },
  },
  {
    name: "fault node down",
    text: "fault node pool-a-2 down for 10m",
    ast: { kind: "fault", fault: { kind: "nodeDown", node: "pool-a-2" }, duration: 600 },
  },
  {
    name: "fault metrics down",
    text: "fault metrics down for 5m",
    ast: { kind: "fault", fault: { kind: "metricsDown" }, duration: 300 },
  },
  {
    name: "fault scale-updates",
    text: "fault scale-updates for 1m",
    ast: { kind: "fault", fault: { kind: "scaleUpdates" }, duration: 60 },
  },
  {
    name: "fault scale-updates of one HPA's target",
    text: "fault scale-updates hpa/web for 1m",
    ast: {
      kind: "fault",
      fault: { kind: "scaleUpdates", target: { kind: "HorizontalPodAutoscaler", name: "web" } },
      duration: 60,
    },
  },
  { name: "run for", text: "run for 10m", ast: { kind: "run", mode: "for", t: 600 } },
  { name: "run until", text: "run until 1h", ast: { kind: "run", mode: "until", t: 3600 } },

  // Expectations
  ...(
    [
      ["replicas", "replicas"],
      ["pods", "pods"],
      ["ready", "ready"],
      ["available", "available"],
      ["updated", "updated"],
      ["unavailable", "unavailable"],
      ["revision", "revision"],
      ["current", "current"],
      ["desired", "desired"],
    ] as const
  ).map(([word, kind]) => ({
    name: `expect ${word}`,
    text: `expect ${word} 3`,
    ast: {
      kind: "expect",
      quantity: { kind },
      op: "==",
      value: { kind: "number", value: 3 },
      timing: { kind: "within", d: 0 },
      text: `expect ${word} 3`,
    },
  })),
  ...(["==", "!=", ">=", "<=", ">", "<"] as const).map((op) => ({
    name: `operator ${op}`,
    text: `expect replicas ${op} 2`,
    ast: {
      kind: "expect",
      quantity: { kind: "replicas" },
      op,
      value: { kind: "number", value: 2 },
      timing: { kind: "within", d: 0 },
      text: `expect replicas ${op} 2`,
    },
  })),
  {
    name: "expect with a target and timing",
    text: "expect deployment/web ready >= 2 within 1m30s",
    ast: {
      kind: "expect",
      target: { kind: "Deployment", name: "web" },
      quantity: { kind: "ready" },
      op: ">=",
      value: { kind: "number", value: 2 },
      timing: { kind: "within", d: 90 },
      text: "expect deployment/web ready >= 2 within 1m30s",
    },
  },
  {
    name: "expect hpa utilization",
    text: "expect hpa utilization <= 70% for 2m",
    ast: {
      kind: "expect",
      target: { kind: "HorizontalPodAutoscaler" },
      quantity: { kind: "utilization" },
      op: "<=",
      value: { kind: "number", value: 70, unit: "%" },
      timing: { kind: "for", d: 120 },
      text: "expect hpa utilization <= 70% for 2m",
    },
  },
  {
    name: "expect image with a container",
    text: "expect image busybox=busybox:v2",
    ast: {
      kind: "expect",
      quantity: { kind: "image", container: "busybox" },
      op: "==",
      value: { kind: "string", value: "busybox:v2" },
      timing: { kind: "within", d: 0 },
      text: "expect image busybox=busybox:v2",
    },
  },
  {
    name: "expect image without a container",
    text: "expect image nginx:1.15 at 5m",
    ast: {
      kind: "expect",
      quantity: { kind: "image" },
      op: "==",
      value: { kind: "string", value: "nginx:1.15" },
      timing: { kind: "at", t: 300 },
      text: "expect image nginx:1.15 at 5m",
    },
  },
  {
    name: "expect metric",
    text: "expect hpa metric http_requests >= 100",
    ast: {
      kind: "expect",
      target: { kind: "HorizontalPodAutoscaler" },
      quantity: { kind: "metric", name: "http_requests" },
      op: ">=",
      value: { kind: "number", value: 100 },
      timing: { kind: "within", d: 0 },
      text: "expect hpa metric http_requests >= 100",
    },
  },
  {
    name: "expect condition with a reason",
    text: "expect hpa condition ScalingLimited == True reason TooManyReplicas",
    ast: {
      kind: "expect",
      target: { kind: "HorizontalPodAutoscaler" },
      quantity: { kind: "condition", type: "ScalingLimited", reason: "TooManyReplicas" },
      op: "==",
      value: { kind: "bool", value: true },
      timing: { kind: "within", d: 0 },
      text: "expect hpa condition ScalingLimited == True reason TooManyReplicas",
    },
  },
  {
    name: "expect condition alone means True",
    text: "expect hpa condition AbleToScale",
    ast: {
      kind: "expect",
      target: { kind: "HorizontalPodAutoscaler" },
      quantity: { kind: "condition", type: "AbleToScale" },
      op: "==",
      value: { kind: "bool", value: true },
      timing: { kind: "within", d: 0 },
      text: "expect hpa condition AbleToScale",
    },
  },
  {
    name: "expect condition False",
    text: "expect hpa condition ScalingActive False",
    ast: {
      kind: "expect",
      target: { kind: "HorizontalPodAutoscaler" },
      quantity: { kind: "condition", type: "ScalingActive" },
      op: "==",
      value: { kind: "bool", value: false },
      timing: { kind: "within", d: 0 },
      text: "expect hpa condition ScalingActive False",
    },
  },
  {
    name: "expect rollout complete",
    text: "expect rollout deployment/demo-rollout complete within 5m",
    ast: {
      kind: "expect",
      target: { kind: "Deployment", name: "demo-rollout" },
      quantity: { kind: "rolloutComplete" },
      op: "==",
      timing: { kind: "within", d: 300 },
      text: "expect rollout deployment/demo-rollout complete within 5m",
    },
  },
  {
    name: "expect event",
    text: 'expect event "New size: 3" never',
    ast: {
      kind: "expect",
      quantity: { kind: "event", text: "New size: 3" },
      op: "==",
      timing: { kind: "never" },
      text: 'expect event "New size: 3" never',
    },
  },
  {
    name: "expect pods TARGET ready",
    text: "expect pods deployment/web ready == 3 always",
    ast: {
      kind: "expect",
      target: { kind: "Deployment", name: "web" },
      quantity: { kind: "ready" },
      op: "==",
      value: { kind: "number", value: 3 },
      timing: { kind: "always" },
      text: "expect pods deployment/web ready == 3 always",
    },
  },
  {
    name: "expect from … to …",
    text: "expect replicas 1 from 10m to 20m",
    ast: {
      kind: "expect",
      quantity: { kind: "replicas" },
      op: "==",
      value: { kind: "number", value: 1 },
      timing: { kind: "fromTo", from: 600, to: 1200 },
      text: "expect replicas 1 from 10m to 20m",
    },
  },
  // Issue 6
  {
    name: "flapping budget",
    text: "expect hpa scale-events <= 4 per 10m",
    ast: {
      kind: "expect",
      target: { kind: "HorizontalPodAutoscaler" },
      quantity: { kind: "scaleEvents", per: 600 },
      op: "<=",
      value: { kind: "number", value: 4 },
      timing: { kind: "always" },
      text: "expect hpa scale-events <= 4 per 10m",
    },
  },
  {
    name: "flapping budget, two words",
    text: "expect hpa scale events <= 3 per 10m always",
    ast: {
      kind: "expect",
      target: { kind: "HorizontalPodAutoscaler" },
      quantity: { kind: "scaleEvents", per: 600 },
      op: "<=",
      value: { kind: "number", value: 3 },
      timing: { kind: "always" },
      text: "expect hpa scale events <= 3 per 10m always",
    },
  },
  {
    name: "pod-minutes",
    text: "expect pod-minutes <= 120 from 0s to 1h",
    ast: {
      kind: "expect",
      quantity: { kind: "podMinutes" },
      op: "<=",
      value: { kind: "number", value: 120 },
      timing: { kind: "fromTo", from: 0, to: 3600 },
      text: "expect pod-minutes <= 120 from 0s to 1h",
    },
  },
  {
    name: "rollout duration",
    text: "expect rollout duration <= 2m",
    ast: {
      kind: "expect",
      quantity: { kind: "rolloutDuration" },
      op: "<=",
      value: { kind: "number", value: 120, unit: "s" },
      timing: { kind: "always" },
      text: "expect rollout duration <= 2m",
    },
  },
  {
    name: "unserved load",
    text: "expect unserved == 0 always",
    ast: {
      kind: "expect",
      quantity: { kind: "unserved" },
      op: "==",
      value: { kind: "number", value: 0, unit: "m" },
      timing: { kind: "always" },
      text: "expect unserved == 0 always",
    },
  },
  {
    name: "unserved in millicores",
    text: "expect unserved <= 250m",
    ast: {
      kind: "expect",
      quantity: { kind: "unserved" },
      op: "<=",
      value: { kind: "number", value: 250, unit: "m" },
      timing: { kind: "within", d: 0 },
      text: "expect unserved <= 250m",
    },
  },
  // Latency (language.md "Latency")
  {
    name: "latency p95",
    text: "expect latency p95 <= 200ms always",
    ast: {
      kind: "expect",
      quantity: { kind: "latency", statistic: 95 },
      op: "<=",
      value: { kind: "number", value: 0.2, unit: "s" },
      timing: { kind: "always" },
      text: "expect latency p95 <= 200ms always",
    },
  },
  {
    name: "latency p99.9 and mean",
    text: "expect deployment/web latency p99.9 < 1s",
    ast: {
      kind: "expect",
      target: { kind: "Deployment", name: "web" },
      quantity: { kind: "latency", statistic: 99.9 },
      op: "<",
      value: { kind: "number", value: 1, unit: "s" },
      timing: { kind: "within", d: 0 },
      text: "expect deployment/web latency p99.9 < 1s",
    },
  },
  {
    name: "dropped",
    text: "expect dropped == 0 from 10m to 20m",
    ast: {
      kind: "expect",
      quantity: { kind: "dropped" },
      op: "==",
      value: { kind: "number", value: 0 },
      timing: { kind: "fromTo", from: 600, to: 1200 },
      text: "expect dropped == 0 from 10m to 20m",
    },
  },
  {
    name: "dropped as a share of the offered requests",
    text: "expect dropped <= 1% always",
    ast: {
      kind: "expect",
      quantity: { kind: "dropped" },
      op: "<=",
      value: { kind: "number", value: 1, unit: "%" },
      timing: { kind: "always" },
      text: "expect dropped <= 1% always",
    },
  },
];

describe("every contract form parses to its AST (docs/language.md)", () => {
  it.each(cases)("$name", ({ text, ast }) => {
    expect(onlyStatement(text)).toEqual(ast);
  });
});

describe("time marks", () => {
  it("reads the one-line example users know", () => {
    const statements = withoutSpans(
      statementsOf("at 0s apply deploy; at 60s load cpu 180%; expect replicas 3 within 30s"),
    );
    expect(statements).toEqual([
      { kind: "apply", source: { kind: "name", name: "deploy" }, time: { kind: "at", t: 0 } },
      {
        kind: "load",
        load: { kind: "cpu", amount: { percentOfRequest: 180 } },
        cpuAmounts: [{ text: "180%", bare: false, percent: true }],
        time: { kind: "at", t: 60 },
      },
      {
        kind: "expect",
        quantity: { kind: "replicas" },
        op: "==",
        value: { kind: "number", value: 3 },
        timing: { kind: "within", d: 30 },
        text: "expect replicas 3 within 30s",
      },
    ]);
  });

  it("lets at and after stand alone on a line", () => {
    const statements = withoutSpans(statementsOf("at 1m\napply deploy\nafter 30s\n\nexpect ready 1"));
    expect(statements.map((s) => [s.kind, s.time])).toEqual([
      ["time", { kind: "at", t: 60 }],
      ["apply", undefined],
      ["time", { kind: "after", d: 30 }],
      ["expect", undefined],
    ]);
  });

  it.each([
    ["500ms", 0.5],
    ["15s", 15],
    ["5m", 300],
    ["2h", 7200],
    ["1d", 86400],
    ["1m30s", 90],
    ["1h30m15s", 5415],
    ["2.5s", 2.5],
  ])("after %s is %s seconds", (written, seconds) => {
    expect(onlyStatement(`after ${written}`)).toEqual({ kind: "time", time: { kind: "after", d: seconds } });
  });
});

describe("separators and comments", () => {
  it("ends statements at newlines and semicolons, ignoring blank ones", () => {
    const text = "\n\napply a;;apply b\r\n# a comment\napply c # trailing comment\n;\n";
    expect(
      statementsOf(text).map((s) =>
        s.kind === "apply" && s.source.kind === "name" ? s.source.name : s.kind,
      ),
    ).toEqual(["a", "b", "c"]);
  });

  it("ends a kubectl line at an unquoted ; but not at a quoted one", () => {
    const statements = withoutSpans(
      statementsOf(`kubectl get pods; kubectl annotate deploy/web note="a;b" ; expect pods 1`),
    );
    expect(statements.map((s) => (s.kind === "kubectl" ? s.args : s.kind))).toEqual([
      "get pods",
      'annotate deploy/web note="a;b"',
      "expect",
    ]);
  });

  it("treats # inside a word of a kubectl line as text, and # after a space as a comment", () => {
    const statements = statementsOf("kubectl label pod/x color=a#b # the comment");
    expect(statements[0]).toMatchObject({ kind: "kubectl", args: "label pod/x color=a#b" });
  });

  it("keeps kubectl's backslash escapes", () => {
    const statements = statementsOf("kubectl annotate deploy/web a=x\\;y");
    expect(statements[0]).toMatchObject({ kind: "kubectl", args: "annotate deploy/web a=x\\;y" });
  });
});

describe("heredocs", () => {
  it("keep their body verbatim: tabs, #, quotes and blank lines", () => {
    const body = 'spec:\n\tmetrics:  # not a comment\n  - name: "x\\y"\n\n    value: <<not-a-heredoc\n';
    const [statement] = statementsOf(`manifest m = <<YAML\n${body}YAML\napply m`);
    expect(statement).toMatchObject({
      kind: "manifest",
      source: { kind: "heredoc", text: body, bodyLine: 2 },
    });
  });

  it("end at a line holding only the tag, with surrounding spaces and CRLF", () => {
    const [statement] = statementsOf("apply <<EOF\r\na: 1\r\n  EOF  \r\nexpect pods 1");
    expect(statement).toMatchObject({ source: { kind: "heredoc", text: "a: 1\r\n" } });
  });

  it("report the body's first line and accept a comment after the tag", () => {
    const statements = statementsOf(
      "# header\n\nmanifest a = <<'YAML' # the deployment\nkind: Deployment\nYAML\nmanifest b = <<Y\nY",
    );
    expect(statements[0]).toMatchObject({
      source: { kind: "heredoc", text: "kind: Deployment\n", bodyLine: 4 },
    });
    expect(statements[1]).toMatchObject({ source: { kind: "heredoc", text: "", bodyLine: 7 } });
  });

  it("does not end at a longer line that starts with the tag", () => {
    const [statement] = statementsOf("apply <<YAML\nYAMLS: 1\nYAML");
    expect(statement).toMatchObject({ source: { kind: "heredoc", text: "YAMLS: 1\n" } });
  });
});

describe("strings", () => {
  it.each([
    ['"plain"', "plain"],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"back\\\\slash"', "back\\slash"],
    ['"tab\\tand\\nnewline"', "tab\tand\nnewline"],
    ['"# not a comment; nor a separator"', "# not a comment; nor a separator"],
    ['""', ""],
  ])("%s reads as %j", (written, value) => {
    expect(onlyStatement(`scenario ${written}`)).toEqual({ kind: "title", title: value });
  });
});

describe("names", () => {
  it("accept keywords and kind words as manifest names", () => {
    for (const name of ["deploy", "hpa", "load", "file", "svc", "replicas"]) {
      expect(onlyStatement(`apply ${name}`)).toEqual({ kind: "apply", source: { kind: "name", name } });
    }
  });

  it.each([
    ["deploy/web", "Deployment"],
    ["deployments/web", "Deployment"],
    ["deployment.apps/web", "Deployment"],
    ["horizontalpodautoscaler/web", "HorizontalPodAutoscaler"],
    ["rs/web-5d847fd86c", "ReplicaSet"],
    ["replicaset/web-5d847fd86c", "ReplicaSet"],
    ["pod/web-5d847fd86c-678pr", "Pod"],
    ["svc/web", "Service"],
  ])("%s is a %s", (ref, kind) => {
    expect(onlyStatement(`watch ${ref}`)).toEqual({
      kind: "watch",
      target: { kind, name: ref.split("/")[1] },
    });
  });
});

describe("spans", () => {
  it("point at the user's own text, 1-based", () => {
    const text = 'scenario "x"\n  at 10s expect deployment/web ready >= 2 within 30s';
    const result = parseScenario(text, "s.scn");
    const expectation = result.scenario!.statements[1];
    expect(expectation.span).toMatchObject({
      line: 2,
      col: 3,
      endLine: 2,
      endCol: text.split("\n")[1].length + 1,
    });
    expect(expectation.time?.span).toMatchObject({ line: 2, col: 3, length: 6 });
    if (expectation.kind !== "expect") throw new Error("not an expectation");
    expect(expectation.target?.span).toMatchObject({ line: 2, col: 17, length: 14 });
    expect(expectation.value?.span).toMatchObject({ line: 2, col: 41, length: 1 });
    expect(expectation.text).toBe("expect deployment/web ready >= 2 within 30s");
  });

  it("give a heredoc's span from <<TAG through the closing tag", () => {
    const text = "manifest m = <<YAML\na: 1\nYAML\n";
    const [m] = statementsOf(text);
    if (m.kind !== "manifest" || m.source.kind !== "heredoc") throw new Error("not a heredoc manifest");
    expect(m.source.span).toMatchObject({ line: 1, col: 14, endLine: 3, endCol: 5 });
    expect(m.nameSpan).toMatchObject({ line: 1, col: 10, length: 1 });
  });

  it("give kubectl's argument span", () => {
    const [k] = statementsOf("kubectl   get pods  ");
    if (k.kind !== "kubectl") throw new Error("not kubectl");
    expect(k.argsSpan).toMatchObject({ line: 1, col: 11, length: 8 });
  });
});

describe("the scenario", () => {
  it("carries file, source and title", () => {
    const text = 'scenario "Rolling update"\napply deploy';
    const { scenario } = parseScenario(text, "scenarios/roll.scn");
    expect(scenario).toMatchObject({ file: "scenarios/roll.scn", source: text, title: "Rolling update" });
  });

  it("is empty for an empty or comment-only file", () => {
    expect(parseScenario("", "e.scn")).toEqual({
      scenario: { file: "e.scn", source: "", statements: [] },
      statements: [],
      diagnostics: [],
    });
    expect(parseScenario("# nothing\n\n", "e.scn").scenario?.statements).toEqual([]);
  });
});
