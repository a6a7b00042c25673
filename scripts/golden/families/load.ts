/**
 * Every load form — CPU total (percent of request, millicores, cores), ramps, steps, per pod,
 * the warm-up spike `per pod at startup for D`, requests with and without a cost, memory per
 * pod on N pods for D, custom metric values, off — on one or two Deployments, with and
 * without an HPA, checked with unserved, utilization and pod-minutes.
 */
import { milliOf, op, randomApp, timing } from "../kit.ts";
import { deployment, hpaV2, randomStyle, toYaml, type MetricChoice } from "../manifests.ts";
import type { Random } from "../random.ts";
import { dur, ScenarioWriter } from "../script.ts";
import type { Family } from "./family.ts";

/** A CPU amount in one of its spellings, about `milli` millicores for a pod requesting `request`. */
function cpuAmount(r: Random, milli: number, request: number): string {
  switch (r.int(0, 3)) {
    case 0:
    case 1:
      return `${Math.round((milli * 100) / request)}%`;
    case 2:
      return `${milli}m`;
    default:
      return milli % 1000 === 0 ? String(milli / 1000) : (milli / 1000).toFixed(milli % 100 === 0 ? 1 : 2);
  }
}

function loadForm(r: Random, request: number, pods: number): string {
  const total = () => r.step(50, Math.max(100, request * pods * 3), 50);
  switch (r.int(0, 9)) {
    case 0:
      return `cpu ${cpuAmount(r, total(), request)}`;
    case 1:
      return `cpu ${cpuAmount(r, total(), request)} ramp to ${cpuAmount(r, total(), request)} over ${dur(r.step(60, 600, 30), r)}`;
    case 2: {
      const n = r.int(2, 5);
      const steps = Array.from({ length: n }, () => cpuAmount(r, total(), request));
      return `cpu steps ${steps.join(" ")} every ${dur(r.step(30, 180, 15), r)}`;
    }
    case 3:
      return `cpu ${cpuAmount(r, r.step(10, request * 2, 10), request)} per pod`;
    case 4:
      return `cpu ${r.pick(["800m", "500m", "1", "300%"])} per pod at startup for ${dur(r.step(15, 120, 15), r)}`;
    case 5: {
      const on = r.chance(0.5) ? ` on ${r.int(1, pods)} pods` : "";
      const lasting = r.chance(0.5) ? ` for ${dur(r.step(30, 300, 30), r)}` : "";
      return `memory ${r.pick(["20Mi", "40M", "64Mi", "100Mi", "1e7", "52428800", "0.1Gi"])} per pod${on}${lasting}`;
    }
    case 6:
      return `requests ${r.step(10, 500, 10)}/s`;
    case 7:
      return `requests ${r.step(10, 300, 10)}/s cost ${r.pick(["1m", "2m", "5m", "0.5m", "10m"])} per request`;
    case 8:
      return `metric ${r.pick(["http_requests", "queue_depth"])} ${r.pick(["10", "250", "500m", "1500"])}`;
    default:
      return "off";
  }
}

/** Seconds of a duration this generator wrote (`2m`, `90s`, `1m30s`, `1h`). */
function seconds(d: string): number {
  let total = 0;
  for (const [, n, unit] of d.matchAll(/(\d+)(h|ms|m|s)/g))
    total += Number(n) * { h: 3600, m: 60, s: 1, ms: 0.001 }[unit as "h" | "m" | "s" | "ms"];
  return total;
}

const loads: Family = {
  name: "load",
  count: 32,
  describe: "every load form, with unserved, utilization and pod-minutes expectations",
  make(r) {
    const w = new ScenarioWriter(r);
    const two = r.chance(0.35);
    const a = randomApp(r, {
      replicas: r.int(1, 4),
      cpu: r.pick(["100m", "200m", "250m", "50m"]),
      memory: true,
    });
    const b = two
      ? randomApp(r, { name: a.name === "api" ? "web" : "api", replicas: r.int(1, 3), memory: true })
      : undefined;
    const withHpa = r.chance(0.6);
    const style = randomStyle(r);
    if (r.chance(0.3)) w.set("pod.cpu-baseline", r.pick(["20m", "5", "0"]));
    if (r.chance(0.3)) w.set("pod.memory-baseline", r.pick(["10Mi", "32Mi", "1e6"]));
    if (r.chance(0.2)) w.set("memory.retain", r.pick(["true", "false"]));
    const objects = [deployment(a.spec)];
    const metrics: MetricChoice[] = [
      { type: "Resource", resource: "cpu", target: "Utilization", value: r.pick([50, 60, 70]) },
    ];
    if (r.chance(0.3))
      metrics.push({ type: "Resource", resource: "memory", target: "Utilization", value: 60 });
    if (r.chance(0.2))
      metrics.push({ type: "Pods", metric: "http_requests", target: "AverageValue", value: "100" });
    if (withHpa) objects.push(hpaV2("autoscaling/v2", a.name, a.name, r.int(1, 2), r.int(3, 10), metrics));
    if (b) objects.push(deployment(b.spec));
    w.title(`Load on ${a.name}${b ? ` and ${b.name}` : ""}${withHpa ? " under an HPA" : ""}`);
    w.manifest("app", toYaml(objects, style));
    w.at(0, "apply app");
    let t = r.step(15, 60, 15);
    const request = milliOf(a.cpu);
    const pods = a.spec.replicas ?? 1;
    const steps = r.int(2, 5);
    for (let i = 0; i < steps; i++) {
      const target = b
        ? r.chance(0.5)
          ? `deployment/${a.name} `
          : `deploy/${b.name} `
        : r.chance(0.2)
          ? `deployment/${a.name} `
          : "";
      // A step sequence must end inside the run: its last step counts as a statement's time.
      let reach = t;
      for (let k = r.chance(0.3) ? 2 : 1; k > 0; k--) {
        const form = loadForm(r, request, pods);
        w.at(t, `load ${target}${form}`);
        const steps = /^cpu steps (.*) every (\S+)$/.exec(form);
        if (steps) reach = Math.max(reach, t + (steps[1].split(" ").length - 1) * seconds(steps[2]));
      }
      t = reach + r.step(60, 300, 30);
    }
    const end = t + r.step(60, 300, 60);
    const tgt = b ? `deployment/${a.name} ` : "";
    w.at(
      r.step(30, t, 15),
      `expect ${tgt}unserved ${r.pick(["==", "<=", ">=", ">"])} ${r.pick(["0", "250m", "1.5", "10%", "100%", "50m"])}${timing(r, 30, end)}`,
    );
    w.at(
      0,
      `expect ${tgt}pod-minutes ${r.pick(["<=", ">=", "==", "<"])} ${r.int(2, 60)} from 0s to ${dur(end, r)}`,
    );
    if (withHpa) {
      w.at(
        r.step(30, t, 15),
        `expect hpa/${a.name} utilization ${op(r)}${r.step(0, 200, 10)}%${timing(r, 30, end)}`,
      );
      w.at(r.step(30, t, 15), `expect hpa/${a.name} desired ${op(r)}${r.int(1, 6)}${timing(r, 30, end)}`);
      if (metrics.length > 1 && metrics[1].type === "Resource")
        w.at(
          t - 30,
          `expect hpa/${a.name} metric memory ${r.pick([">=", "<="])} ${r.pick(["10Mi", "64Mi", "50%"])}`,
        );
    }
    if (b)
      w.at(
        r.step(30, t, 15),
        `expect pods deploy/${b.name} ready ${op(r)}${b.spec.replicas ?? 1}${timing(r, 30, end)}`,
      );
    if (r.chance(0.5))
      w.at(
        r.step(30, t, 15),
        r.pick(["kubectl top pod", "kubectl top pod --sum", "kubectl top pod --sort-by=memory"]),
      );
    if (withHpa && r.chance(0.5)) w.at(r.step(30, t, 15), `kubectl describe hpa ${a.name}`);
    w.endAt(end);
    return w;
  },
};

export const loadFamilies: Family[] = [loads];
