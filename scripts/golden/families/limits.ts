/**
 * The `limits.*` settings (src/scenario/limits.ts, src/scenario/budget.ts) on one small loaded
 * rollout under an HPA: each limit once where the scenario stays within it (the run is what it
 * would be without the setting) and once where the scenario passes it — refused before the run
 * with the setting that raises it, or, for what only the run can tell (a cluster passing
 * limits.pods, an HPA scaling past limits.pods-per-workload), stopped with the partial report.
 *
 * A family of its own rather than part of `settings`: a random value of a limit would refuse
 * that family's busy run, and its scenarios were generated before the limits existed.
 */
import type { LimitKey } from "../../../src/scenario/limits.ts";
import { nextImage, randomApp } from "../kit.ts";
import { deployment, hpaV2, randomStyle, toYaml } from "../manifests.ts";
import type { Random } from "../random.ts";
import { dur, ScenarioWriter } from "../script.ts";
import type { Family } from "./family.ts";

interface Run {
  name: string;
  replicas: number;
  max: number;
  end: number;
  write(w: ScenarioWriter): void;
}

/**
 * A Deployment of `replicas` (maxSurge 1, maxUnavailable 0) under a CPU HPA up to `max`, loaded
 * at 1m to twice what `max` pods serve at the target (so the HPA climbs to `max`), updated at
 * 3m, ending at 7m. `split` puts the HPA in a manifest of its own (two manifests, one document
 * each) instead of a second document beside the Deployment.
 */
function limitedRun(r: Random, split: boolean): Run {
  const replicas = r.int(2, 3);
  const max = r.int(4, 6);
  const app = randomApp(r, { replicas, cpu: "100m" });
  app.spec.strategy = { maxSurge: 1, maxUnavailable: 0 };
  const style = randomStyle(r);
  const dep = deployment(app.spec);
  const hpa = hpaV2("autoscaling/v2", app.name, app.name, 1, max, [
    { type: "Resource", resource: "cpu", target: "Utilization", value: 50 },
  ]);
  const write = (w: ScenarioWriter): void => {
    if (split) {
      w.manifest(app.name, toYaml([dep], style)).manifest(`${app.name}-hpa`, toYaml([hpa], style));
      w.at(0, `apply ${app.name}`).at(0, `apply ${app.name}-hpa`);
    } else {
      w.manifest(app.name, toYaml([dep, hpa], style));
      w.at(0, `apply ${app.name}`);
    }
    w.at(60, `load cpu ${max * 100}%`);
    w.at(60, `expect replicas ${max} within 3m`);
    w.at(120, `kubectl get hpa ${app.name}`);
    w.at(180, `kubectl set image deployment/${app.name} ${app.container}=${nextImage(app)}`);
    w.at(180, `expect rollout complete within 3m`);
  };
  return { name: app.name, replicas, max, end: 420, write };
}

interface LimitCase {
  key: LimitKey;
  /** Whether the scenario passes the limit (else it stays within it). */
  past: boolean;
  /** Two manifests of one document each, rather than one manifest of two. */
  split?: boolean;
  /** The limit's value for this run; may add statements that meet it. */
  value(run: Run, w: ScenarioWriter, r: Random): string;
}

const CASES: readonly LimitCase[] = [
  // The peak is max pods, one surge pod and the old pods still terminating: well under 2·max + 2.
  { key: "limits.pods", past: false, value: ({ max }) => String(2 * max + 2) },
  // The apply fits exactly; the HPA's first scale-up passes it and the run stops there.
  { key: "limits.pods", past: true, value: ({ replicas }) => String(replicas) },
  {
    key: "limits.pods-per-workload",
    past: false,
    value: ({ name, max }, w) => {
      w.at(30, `kubectl scale deployment/${name} --replicas=${max}`);
      return String(max); // the HPA never asks more than its maxReplicas
    },
  },
  {
    key: "limits.pods-per-workload",
    past: true,
    value: ({ name, max }, w) => {
      w.at(30, `kubectl scale deployment/${name} --replicas=${max + 1}`);
      return String(max);
    },
  },
  // The Deployment's own replicas are refused when the manifest is loaded.
  { key: "limits.pods-per-workload", past: true, value: ({ replicas }) => String(replicas - 1) },
  // Only the run sees the HPA scale the Deployment past it.
  { key: "limits.pods-per-workload", past: true, value: ({ replicas }) => String(replicas) },
  // The run ends at 7m: exactly the limit, then a minute past it.
  { key: "limits.duration", past: false, value: ({ end }, _, r) => dur(end, r) },
  { key: "limits.duration", past: true, value: ({ end }, _, r) => dur(end - 60, r) },
  {
    key: "limits.duration",
    past: true,
    value: ({ end }, w, r) => {
      // The run fits; this expectation's window ends at 5m + 7m.
      w.at(300, `expect replicas >= 1 within ${dur(end, r)}`);
      return dur(end, r);
    },
  },
  {
    key: "limits.min-period",
    past: false,
    value: (_, w, r) => (w.set("metrics.resolution", "500ms"), dur(0.5, r)),
  },
  {
    key: "limits.min-period",
    past: true,
    value: (_, w, r) => (w.set("hpa.sync-period", "15s"), dur(30, r)),
  },
  { key: "limits.statements", past: false, value: (_, __, r) => String(r.pick([100, 1000])) },
  { key: "limits.statements", past: true, value: () => "4" },
  { key: "limits.manifests", past: false, split: true, value: () => "2" },
  { key: "limits.manifests", past: true, split: true, value: () => "1" },
  { key: "limits.documents", past: false, value: () => "2" },
  { key: "limits.documents", past: true, value: () => "1" },
  { key: "limits.line-length", past: false, value: () => "200" },
  { key: "limits.line-length", past: true, value: () => "40" },
];

export const limits: Family = {
  name: "limits",
  count: CASES.length,
  describe: "a limits.* setting kept or passed on a small loaded rollout",
  make(r, index) {
    const c = CASES[index % CASES.length];
    const w = new ScenarioWriter(r);
    w.title(`Limits: ${c.key} ${c.past ? "passed" : "kept"}`);
    const run = limitedRun(r, c.split ?? false);
    w.set(c.key, c.value(run, w, r));
    run.write(w);
    w.endAt(run.end);
    return w;
  },
};
