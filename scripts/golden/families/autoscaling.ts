/**
 * Autoscaling: HPA manifests in autoscaling v1, v2beta1, v2beta2 and v2 (with and without
 * behavior: policies, stabilization windows, selectPolicy), `kubectl autoscale`, and CPU,
 * memory, ContainerResource, Pods, Object and External metrics under matching load.
 */
import { hpaReads, milliOf, op, randomApp, timing, type App } from "../kit.ts";
import {
  deployment,
  hpaV1,
  hpaV2,
  metricV2beta1,
  randomStyle,
  service,
  toYaml,
  type BehaviorSpec,
  type MetricChoice,
  type ScalingRulesSpec,
} from "../manifests.ts";
import type { Random } from "../random.ts";
import { dur, type ScenarioWriter, ScenarioWriter as Writer } from "../script.ts";
import type { Family } from "./family.ts";

type Version = "autoscaling/v1" | "autoscaling/v2beta1" | "autoscaling/v2beta2" | "autoscaling/v2";

const CUSTOM = ["http_requests", "queue_depth", "requests_per_second", "active_sessions", "jobs_waiting"];

/** One metric of the kinds `version` can spell, for `app`. */
function randomMetric(r: Random, version: Version, app: App): MetricChoice {
  const kinds = ["cpu", "cpu", "cpuValue", "memory", "memoryValue", "pods", "object", "external"];
  if (version !== "autoscaling/v2beta1") kinds.push("container");
  switch (r.pick(kinds)) {
    case "cpu":
      return { type: "Resource", resource: "cpu", target: "Utilization", value: r.pick([50, 60, 70, 80]) };
    case "cpuValue":
      return {
        type: "Resource",
        resource: "cpu",
        target: "AverageValue",
        value: r.pick(["50m", "80m", "100m", "200m"]),
      };
    case "memory":
      return { type: "Resource", resource: "memory", target: "Utilization", value: r.pick([50, 60, 75]) };
    case "memoryValue":
      return {
        type: "Resource",
        resource: "memory",
        target: "AverageValue",
        value: r.pick(["40Mi", "64Mi", "100Mi"]),
      };
    case "container":
      return {
        type: "ContainerResource",
        resource: "cpu",
        container: app.container,
        target: "Utilization",
        value: r.pick([50, 60]),
      };
    case "pods":
      return {
        type: "Pods",
        metric: r.pick(CUSTOM),
        target: "AverageValue",
        value: r.pick(["10", "100", "500m", "1k"]),
      };
    case "object": {
      const object = r.pick([
        { kind: "Deployment", name: app.name, apiVersion: "apps/v1" },
        { kind: "Service", name: app.name, apiVersion: "v1" },
        { kind: "Ingress", name: `${app.name}-ingress`, apiVersion: "networking.k8s.io/v1" },
      ]);
      return {
        type: "Object",
        metric: r.pick(CUSTOM),
        object,
        target: r.chance(0.7) ? "Value" : "AverageValue",
        value: r.pick(["100", "2k", "50", "10"]),
      };
    }
    default:
      return {
        type: "External",
        metric: r.pick(["pubsub_backlog", "sqs_messages_visible", "kafka_lag"]),
        ...(r.chance(0.4) ? { selector: { queue: app.name } } : {}),
        target: r.chance(0.5) ? "Value" : "AverageValue",
        value: r.pick(["30", "100", "1k"]),
      };
  }
}

/** The value of a custom metric's target, in plain units (`500m` → 0.5, `1k` → 1000). */
function plain(q: string): number {
  if (q.endsWith("m")) return Number(q.slice(0, -1)) / 1000;
  if (q.endsWith("k")) return Number(q.slice(0, -1)) * 1000;
  return Number(q);
}

const METRIC_VALUE_SPELLINGS = (v: number, r: Random): string =>
  Number.isInteger(v) && r.chance(0.8) ? String(v) : `${Math.round(v * 1000)}m`;

/** Load statements that drive `m` to about `factor` × its target (0: nothing). */
function loadFor(r: Random, m: MetricChoice, app: App, factor: number, pods: number): string[] {
  const request = milliOf(app.cpu);
  switch (m.type) {
    case "Resource":
    case "ContainerResource":
      if (m.resource === "cpu") {
        const perPod = m.target === "Utilization" ? (m.value * request) / 100 : milliOf(m.value as string);
        const total = Math.round(perPod * pods * factor);
        if (total === 0) return [r.chance(0.5) ? "load off" : "load cpu 0m"];
        switch (r.int(0, 5)) {
          case 0:
            return [`load cpu ${Math.round((total * 100) / request)}%`];
          case 1:
            return [`load cpu ${total}m`];
          case 2:
            return [`load requests ${Math.max(1, Math.round(total / 2))}/s cost 2m per request`];
          case 3:
            return [`load requests ${total}/s`];
          case 4:
            return [
              `load cpu ${Math.round((total * 50) / request)}% ramp to ${Math.round((total * 150) / request)}% over ${dur(r.step(60, 300, 30), r)}`,
            ];
          default:
            return [`load cpu ${Math.round(perPod * factor)}m per pod`];
        }
      } else {
        const mib = m.target === "Utilization" ? 0 : Math.round(plain(m.value.replace("Mi", "")));
        const req = 128;
        const per = Math.max(
          1,
          Math.round((m.target === "Utilization" ? (m.value * req) / 100 : mib) * factor),
        );
        if (factor === 0) return [`load memory 0 per pod`];
        const on = r.chance(0.4) ? ` on ${r.int(1, Math.max(1, pods))} pods` : "";
        const lasting = r.chance(0.3) ? ` for ${dur(r.step(60, 300, 30), r)}` : "";
        return [`load memory ${per}Mi per pod${on}${lasting}`];
      }
    case "Pods":
      return [`load metric ${m.metric} ${METRIC_VALUE_SPELLINGS(plain(m.value) * factor, r)}`];
    case "Object":
      return [
        `load metric ${m.metric} ${METRIC_VALUE_SPELLINGS(plain(m.value) * factor * (m.target === "AverageValue" ? pods : 1), r)}`,
      ];
    case "External":
      return [
        `load metric ${m.metric} ${METRIC_VALUE_SPELLINGS(plain(m.value) * factor * (m.target === "AverageValue" ? pods : 1), r)}`,
      ];
  }
}

function rules(r: Random, up: boolean): ScalingRulesSpec {
  const out: ScalingRulesSpec = {};
  if (r.chance(0.6)) out.stabilizationWindowSeconds = r.pick(up ? [0, 15, 60] : [0, 30, 60, 120, 300]);
  if (r.chance(0.3)) out.selectPolicy = r.pick(["Max", "Min", "Disabled"] as const);
  if (r.chance(0.7)) {
    out.policies = [];
    for (let i = r.int(1, 2); i > 0; i--)
      out.policies.push(
        r.chance(0.5)
          ? { type: "Pods", value: r.int(1, 4), periodSeconds: r.pick([15, 30, 60]) }
          : { type: "Percent", value: r.pick([10, 50, 100, 200]), periodSeconds: r.pick([15, 60]) },
      );
  }
  return out;
}

function randomBehavior(r: Random): BehaviorSpec {
  const b: BehaviorSpec = {};
  if (r.chance(0.6)) b.scaleUp = rules(r, true);
  if (r.chance(0.8) || !b.scaleUp) b.scaleDown = rules(r, false);
  return b;
}

function hpaSettings(r: Random, w: ScenarioWriter): void {
  const choices: [string, () => string][] = [
    ["hpa.sync-period", () => dur(r.pick([10, 15, 30]))],
    ["hpa.tolerance", () => r.pick(["0.05", "0.2", "10%", "0"])],
    ["hpa.downscale-stabilization", () => dur(r.pick([0, 60, 120, 180]))],
    ["hpa.cpu-initialization-period", () => dur(r.pick([30, 60, 180]))],
    ["hpa.initial-readiness-delay", () => dur(r.pick([10, 60]))],
    ["metrics.resolution", () => dur(r.pick([10, 30, 60]))],
    ["hpa.scale-up-limit-factor", () => String(r.pick([2, 3, 8]))],
    ["hpa.scale-up-limit-minimum", () => String(r.pick([1, 4, 6]))],
    ["metrics.custom-window", () => dur(r.pick([30, 120]))],
    ["pod.startup", () => dur(r.pick([1, 2, 5, 15]))],
  ];
  for (const [key, value] of r.sample(choices, r.int(0, 3))) w.set(key, value());
}

function hpaScenario(r: Random, version: Version): ScenarioWriter {
  const w = new Writer(r);
  const replicas = r.int(1, 3);
  const useMemory = r.chance(0.3);
  const app = randomApp(r, {
    replicas: r.chance(0.2) ? undefined : replicas,
    memory: true,
    cpu: r.pick(["100m", "100m", "200m", "50m"]),
  });
  const min = r.chance(0.2) ? undefined : r.int(1, 3);
  const max = r.int(Math.max(min ?? 1, 2), 12);
  const name = r.chance(0.8) ? app.name : `${app.name}-hpa`;
  let metrics: MetricChoice[];
  if (version === "autoscaling/v1") metrics = [];
  else {
    metrics = [randomMetric(r, version, app)];
    if (useMemory) metrics.push({ type: "Resource", resource: "memory", target: "Utilization", value: 60 });
    else if (r.chance(0.2)) metrics.push(randomMetric(r, version, app));
  }
  // Memory quantities in loadFor assume a 128Mi request.
  const main = app.spec.containers[0];
  main.requests = { ...main.requests, memory: "128Mi" };
  if (main.limits?.memory) main.limits = { ...main.limits, memory: "128Mi" };
  const style = randomStyle(r);
  const objects = [deployment(app.spec)];
  if (r.chance(0.3)) objects.push(service(app.name, app.name, r.chance(0.5) ? "NodePort" : undefined));
  const viaKubectl = version === "autoscaling/v1" && r.chance(0.4);
  const cpuPercent = r.chance(0.15) ? undefined : r.pick([10, 50, 60, 70, 80]);
  let behavior: BehaviorSpec | undefined;
  let hpaObject;
  if (version === "autoscaling/v1") {
    // v1 keeps other metrics and behavior in annotations (kept across the v1 ↔ v2 round trip).
    const annotations: Record<string, string> = {};
    if (r.chance(0.2))
      annotations["autoscaling.alpha.kubernetes.io/metrics"] = JSON.stringify([
        metricV2beta1({ type: "Pods", metric: "http_requests", target: "AverageValue", value: "100" }),
      ]);
    if (r.chance(0.15))
      annotations["autoscaling.alpha.kubernetes.io/behavior"] = JSON.stringify({
        scaleDown: {
          stabilizationWindowSeconds: 60,
          policies: [{ type: "Pods", value: 1, periodSeconds: 30 }],
        },
      });
    hpaObject = hpaV1(
      name,
      app.name,
      min,
      max,
      cpuPercent,
      Object.keys(annotations).length ? annotations : undefined,
    );
    metrics = [{ type: "Resource", resource: "cpu", target: "Utilization", value: cpuPercent ?? 80 }];
  } else {
    if (version !== "autoscaling/v2beta1" && r.chance(0.6)) behavior = randomBehavior(r);
    hpaObject = hpaV2(version, name, app.name, min, max, metrics, behavior);
  }
  const separate = r.chance(0.4);
  if (!viaKubectl && !separate) objects.push(hpaObject);
  w.title(
    `${viaKubectl ? "kubectl autoscale" : version} on ${metrics.map((m) => (m.type === "Resource" || m.type === "ContainerResource" ? m.resource : m.metric)).join(" + ")}${behavior ? " with behavior" : ""}`,
  );
  hpaSettings(r, w);
  w.manifest(app.name, toYaml(objects, style));
  if (separate && !viaKubectl) w.manifest("hpa", toYaml([hpaObject], style));
  w.at(0, `apply ${app.name}`);
  if (viaKubectl) {
    const flags = [
      ...(cpuPercent !== undefined ? [`--cpu-percent=${cpuPercent}`] : []),
      ...(min !== undefined ? [`--min=${min}`] : []),
      `--max=${max}`,
      ...(name !== app.name ? [`--name=${name}`] : []),
    ];
    w.at(
      r.step(0, 30, 5),
      `kubectl autoscale deployment ${app.name} ${r.sample(flags, flags.length).join(" ")}`,
    );
  } else if (separate) w.at(r.step(0, 20, 5), "apply hpa");

  // The load: up, maybe a second level, then down; long enough for the scale-down window.
  const pods = Math.max(min ?? 1, replicas);
  const t1 = r.step(30, 120, 15);
  const up = r.pick([0.5, 1.5, 2, 3, 5]);
  for (const m of metrics) for (const l of loadFor(r, m, app, up, pods)) w.at(t1, l);
  let t = t1 + r.step(120, 360, 30);
  if (r.chance(0.4)) {
    for (const m of metrics) for (const l of loadFor(r, m, app, r.pick([1, 2, 4]), pods)) w.at(t, l);
    t += r.step(120, 240, 30);
  }
  const off = t;
  if (r.chance(0.6)) w.at(off, "load off");
  else for (const m of metrics) for (const l of loadFor(r, m, app, 0, pods)) w.at(off, l);
  const end = off + r.step(180, 600, 60);

  const target = r.chance(0.5) ? "hpa " : `hpa/${name} `;
  const guess = () => Math.min(max, Math.max(min ?? 1, Math.ceil(pods * up)));
  w.at(t1, `expect ${target}desired ${op(r)}${guess()} within ${dur(r.step(30, 180, 15), r)}`);
  w.at(t1, `expect replicas ${op(r)}${guess()}${timing(r, t1, end)}`);
  if (r.chance(0.5)) w.at(t1, `expect ${target}current ${op(r)}${guess()}${timing(r, t1, end)}`);
  if (r.chance(0.6))
    w.at(t1, `expect ${target}scale-events <= ${r.int(1, 6)} per ${dur(r.pick([60, 300, 600]), r)}`);
  const first = metrics[0];
  if (first.type === "Resource" && first.target === "Utilization")
    w.at(t1 + 60, `expect ${target}utilization ${op(r)}${r.step(20, 300, 10)}%${timing(r, t1 + 60, end)}`);
  if (first.type === "Pods" || first.type === "Object" || first.type === "External")
    w.at(
      t1 + 60,
      `expect ${target}metric ${first.metric} ${r.pick([">=", "<=", ">", "<"])} ${first.value}${timing(r, t1 + 60, end)}`,
    );
  w.at(t1, `expect ${target}event "New size: ${guess()};" within ${dur(r.step(30, 240, 15), r)}`);
  w.at(
    t1,
    `expect ${target}condition ${r.pick([
      "AbleToScale",
      "ScalingActive",
      "ScalingLimited == False",
      "ScalingLimited reason TooManyReplicas",
      "AbleToScale reason ScaleDownStabilized",
      "ScalingActive reason ValidMetricFound",
      "AbleToScale == True reason ReadyForNewScale",
    ])}${timing(r, t1, end)}`,
  );
  w.at(off, `expect replicas ${op(r)}${min ?? 1} within ${dur(r.step(60, 600, 60), r)}`);
  if (r.chance(0.4))
    w.at(
      off,
      `expect pod-minutes ${r.pick(["<=", ">=", "<", ">"])} ${r.int(5, 80)} from ${dur(0)} to ${dur(end, r)}`,
    );
  for (const read of r.sample(hpaReads(name), r.int(1, 3))) w.at(t1 + r.step(30, t - t1, 15), read);
  if (r.chance(0.3)) w.at(t1, r.chance(0.5) ? `watch hpa/${name}` : `kubectl get hpa ${name} -w`);
  w.endAt(end);
  return w;
}

const v1: Family = {
  name: "hpa-v1",
  count: 24,
  describe: "autoscaling/v1 HPAs (and kubectl autoscale) on CPU",
  make: (r) => hpaScenario(r, "autoscaling/v1"),
};

const v2beta1: Family = {
  name: "hpa-v2beta1",
  count: 18,
  describe: "autoscaling/v2beta1 HPAs: targetAverageUtilization, targetAverageValue, metricName, targetValue",
  make: (r) => hpaScenario(r, "autoscaling/v2beta1"),
};

const v2beta2: Family = {
  name: "hpa-v2beta2",
  count: 18,
  describe: "autoscaling/v2beta2 HPAs, with and without behavior",
  make: (r) => hpaScenario(r, "autoscaling/v2beta2"),
};

const v2: Family = {
  name: "hpa-v2",
  count: 30,
  describe: "autoscaling/v2 HPAs: every metric source, behavior policies, windows and selectPolicy",
  make: (r) => hpaScenario(r, "autoscaling/v2"),
};

export const autoscalingFamilies: Family[] = [v1, v2beta1, v2beta2, v2];
