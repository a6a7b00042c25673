/**
 * Every expectation form and timing on one busy run; every setting; and unusable input
 * (syntax, meaning, manifests, kubectl lines), whose diagnostics are part of the record.
 */
import { SETTINGS } from "../../../src/k8s/settings.ts";
import { nextImage, OPS, randomApp, timing } from "../kit.ts";
import { deployment, hpaV2, randomStyle, toYaml } from "../manifests.ts";
import type { Random } from "../random.ts";
import { dur, ScenarioWriter } from "../script.ts";
import type { Family } from "./family.ts";

/** A Deployment under a CPU HPA, loaded, updated at 3m and unloaded at 8m: something to expect things of. */
function busyRun(
  r: Random,
  w: ScenarioWriter,
): { name: string; container: string; image: string; end: number } {
  const app = randomApp(r, { replicas: r.int(1, 3), cpu: "100m", memory: true });
  app.spec.strategy = { maxSurge: r.pick([1, "25%"]), maxUnavailable: r.pick([0, 1]) };
  if (r.chance(0.5)) app.spec.minReadySeconds = r.pick([5, 10]);
  const objects = [
    deployment(app.spec),
    hpaV2("autoscaling/v2", app.name, app.name, 1, r.int(4, 8), [
      { type: "Resource", resource: "cpu", target: "Utilization", value: r.pick([50, 60]) },
      ...(r.chance(0.4)
        ? [{ type: "Pods" as const, metric: "http_requests", target: "AverageValue" as const, value: "50" }]
        : []),
    ]),
  ];
  w.manifest(app.name, toYaml(objects, randomStyle(r)));
  w.at(0, `apply ${app.name}`);
  w.at(60, `load cpu ${r.step(100, 500, 50)}%`);
  if (r.chance(0.5)) w.at(60, `load metric http_requests ${r.pick([20, 80, 200])}`);
  w.at(180, `kubectl set image deployment/${app.name} ${app.container}=${nextImage(app)} --record`);
  w.at(480, "load off");
  return { name: app.name, container: app.container, image: nextImage(app), end: 900 };
}

const expectations: Family = {
  name: "expect",
  count: 20,
  describe: "every expectation quantity, comparison and timing",
  make(r) {
    const w = new ScenarioWriter(r);
    w.title("Expectations of every form");
    const { name, container, image, end } = busyRun(r, w);
    const at = () => r.step(0, 840, 15);
    const value = () => r.int(0, 6);
    const forms: (() => string)[] = [
      () => `expect replicas ${r.pick(OPS)} ${value()}`,
      () => `expect deployment/${name} pods ${r.pick(OPS)} ${value()}`,
      () => `expect deploy/${name} ready ${value()}`,
      () => `expect deployments/${name} available >= ${value()}`,
      () => `expect deployment.apps/${name} updated ${value()}`,
      () => `expect unavailable ${r.pick(OPS)} ${r.int(0, 2)}`,
      () => `expect revision ${r.int(1, 2)}`,
      () => `expect image ${image}`,
      () => `expect image ${container}=${image}`,
      () => `expect image != ${image}`,
      () => `expect hpa current ${r.pick(OPS)} ${value()}`,
      () => `expect hpa desired ${value()}`,
      () => `expect hpa/${name} replicas ${value()}`,
      () =>
        `expect horizontalpodautoscaler/${name} utilization ${r.pick(OPS)} ${r.step(0, 300, 10)}${r.pick(["%", ""])}`,
      () => `expect hpa metric cpu ${r.pick([">=", "<="])} ${r.step(0, 200, 10)}%`,
      () => `expect hpa metric http_requests ${r.pick([">=", "<", "=="])} ${r.pick(["50", "500m", "20"])}`,
      () => `expect hpa condition ${r.pick(["AbleToScale", "ScalingActive", "ScalingLimited"])}`,
      () =>
        `expect hpa condition ${r.pick(["AbleToScale", "ScalingActive", "ScalingLimited"])} == ${r.pick(["True", "False", "true", "false"])}`,
      () =>
        `expect hpa condition ScalingLimited ${r.pick(["True", "False"])} reason ${r.pick(["TooFewReplicas", "TooManyReplicas", "DesiredWithinRange"])}`,
      () =>
        `expect hpa condition AbleToScale reason ${r.pick(["ReadyForNewScale", "ScaleDownStabilized", "SucceededRescale"])}`,
      () => `expect rollout complete`,
      () => `expect rollout deployment/${name} complete`,
      () => `expect rollout duration ${r.pick(["<=", ">=", "<"])} ${dur(r.step(5, 120, 5), r)}`,
      () => `expect rollout deploy/${name} duration <= ${dur(r.step(5, 120, 5), r)}`,
      () =>
        `expect event "${r.pick(["New size", "Scaled up replica set", "Scaled down replica set", "Created pod", "SuccessfulRescale", "no such text"])}"`,
      () => `expect hpa event "${r.pick(["New size: 2", "above target", "below target"])}"`,
      () => `expect deployment/${name} event "Scaled"`,
      () => `expect pods deployment/${name} ready ${r.pick(OPS)} ${value()}`,
      () =>
        `expect hpa scale-events ${r.pick(["<=", "==", ">="])} ${r.int(0, 4)} per ${dur(r.pick([60, 300, 600]), r)}`,
      () => `expect hpa scale events <= ${r.int(1, 4)} per ${dur(r.pick([60, 600]), r)}`,
      () => `expect pod-minutes ${r.pick(OPS)} ${r.int(5, 60)}`,
      () => `expect unserved ${r.pick(OPS)} ${r.pick(["0", "100m", "0.5", "50%", "1"])}`,
    ];
    for (const form of r.sample(forms, r.int(10, 18))) {
      const t = at();
      w.at(t, form() + timing(r, t, end));
    }
    w.endAt(end);
    return w;
  },
};

/** A value for a setting, by its type (and, for a few, a range that keeps the run small). */
function settingValue(r: Random, key: string, type: string): string {
  switch (key) {
    case "seed":
      return String(r.int(0, 100000));
    case "cluster.nodes":
      return String(r.int(1, 6));
    case "hpa.tolerance":
      return r.pick(["0.01", "0.1", "0.25", "5%"]);
    case "pod.cpu-baseline":
      return r.pick(["0", "10m", "25m", "5"]);
    case "pod.memory-baseline":
      return r.pick(["0", "16Mi", "64Mi", "1e6"]);
    case "hpa.scale-up-limit-factor":
      return r.pick(["1.5", "2", "4", "8"]);
    case "hpa.scale-up-limit-minimum":
      return String(r.int(1, 8));
  }
  switch (type) {
    case "duration":
      return dur(r.pick([1, 5, 10, 15, 20, 30, 45, 60, 90, 120, 300]), r);
    case "boolean":
      return r.pick(["true", "false"]);
    default:
      return String(r.int(1, 5));
  }
}

/** The settings that shape the run; the limits.* ones have their own family (limits.ts). */
const RUN_SETTINGS = SETTINGS.filter((s) => !s.key.startsWith("limits."));

const settings: Family = {
  name: "settings",
  count: 16,
  describe: "every setting, several at once, on one busy run",
  make(r, index) {
    const w = new ScenarioWriter(r);
    // Each setting in turn first (so every key appears), then a random handful.
    const keys = [
      RUN_SETTINGS[index % RUN_SETTINGS.length].key,
      ...r.sample(
        RUN_SETTINGS.map((s) => s.key),
        r.int(1, 4),
      ),
    ];
    w.title(`Settings: ${[...new Set(keys)].join(", ")}`);
    for (const key of new Set(keys)) {
      const info = RUN_SETTINGS.find((s) => s.key === key)!;
      w.set(key, settingValue(r, key, info.type));
    }
    const { name, end } = busyRun(r, w);
    w.at(120, `kubectl get hpa ${name}`);
    w.at(300, `kubectl describe hpa ${name}`);
    w.at(200, `kubectl get pods -o wide`);
    w.at(60, `expect hpa desired >= 2 within 2m`);
    w.at(480, `expect replicas 1 within 7m`);
    w.at(0, `expect pod-minutes <= 40 from 0s to 15m`);
    w.endAt(end);
    return w;
  },
};

/** Unusable input: each case a small scenario with one mistake (or a few), as users make them. */
const errors: Family = {
  name: "errors",
  count: 16,
  describe: "unusable input: syntax, meaning, manifests, plans and kubectl lines",
  make(r, index) {
    const w = new ScenarioWriter(r);
    const app = randomApp(r, { replicas: r.int(1, 3) });
    const style = randomStyle(r);
    const good = () => toYaml([deployment(app.spec)], style);
    const n = app.name;
    const cases: (() => void)[] = [
      () => {
        w.manifest(n, good()).set("hpa.sync-perod", "15s");
        w.at(0, `apply ${n}`);
      },
      () => {
        w.manifest(n, good());
        w.at(0, `apply ${n}`).at(30, `expect replicas ${app.spec.replicas ?? 1} within 30`);
      },
      () => {
        w.manifest(n, good());
        w.at(0, `apply ${n}`).at(30, `expect replcas 3`);
      },
      () => {
        app.spec.strategy = { maxSurge: 0, maxUnavailable: "0%" };
        w.manifest(n, good());
        w.at(0, `apply ${n}`);
      },
      () => {
        const d = deployment(app.spec) as {
          spec: { template: { metadata: { labels: Record<string, string> } } };
        };
        d.spec.template.metadata.labels = { app: "other" };
        w.manifest(n, toYaml([d], style));
        w.at(0, `apply ${n}`);
      },
      () => {
        app.spec.containers[0].requests = { cpu: "100x" };
        w.manifest(n, good());
        w.at(0, `apply ${n}`);
      },
      () => {
        w.at(0, `apply ${n}`).at(10, `expect ready 1`);
      },
      () => {
        w.manifest(n, good());
        w.at(0, `apply ${n}`).at(10, `kubectl get pods --bogus`);
      },
      () => {
        w.manifest(n, good());
        w.at(0, `apply ${n}`).at(10, `kubectl rolout status deployment/${n}`);
      },
      () => {
        const other = randomApp(r, { name: n === "api" ? "web" : "api" });
        w.manifest("both", toYaml([deployment(app.spec), deployment(other.spec)], style));
        w.at(0, "apply both").at(30, "expect replicas 1").at(30, "load cpu 100%");
      },
      () => {
        w.manifest(n, good());
        w.at(0, `apply ${n}`).at(10, `load cpu fast`);
      },
      () => {
        w.manifest(n, good());
        w.at(0, `apply ${n}`).at(10, `expect hpa desired 2 within 1m`);
      },
      () => {
        w.manifest(
          n,
          good() +
            "---\n" +
            toYaml(
              [
                hpaV2("autoscaling/v2", n, n, 5, 2, [
                  { type: "Resource", resource: "cpu", target: "Utilization", value: 60 },
                ]),
              ],
              style,
            ),
        );
        w.at(0, `apply ${n}`);
      },
      () => {
        w.manifest(n, good());
        w.at(0, `apply ${n}`)
          .at(10, `watch deployment/nothing`)
          .at(20, `expect rollout deployment/missing complete`);
      },
      () => {
        w.manifest(n, good()).manifest(n, good());
        w.at(0, `apply ${n}`);
      },
      () => {
        w.manifest(n, good());
        w.at(0, `apply ${n}`)
          .at(10, `kubectl scale deployment ${n}`)
          .at(20, `kubectl autoscale deployment ${n} --min=3 --max=2`);
      },
    ];
    w.title(`Unusable input #${index + 1}`);
    cases[index % cases.length]();
    w.endAt(w.lastTime + 60);
    return w;
  },
};

/**
 * Manifests read from files: `manifest NAME = file "…"`, `apply file "…"`, `apply NAME` finding
 * NAME.yaml beside the scenario, `kubectl apply -f`, and an inline `apply <<YAML`.
 */
const files: Family = {
  name: "files",
  count: 10,
  describe:
    "manifests from files (manifest = file, apply file, NAME.yaml, kubectl apply -f) and inline apply",
  make(r, index) {
    const w = new ScenarioWriter(r);
    const dir = String(index + 1).padStart(3, "0");
    const app = randomApp(r, { replicas: r.int(1, 4) });
    const style = randomStyle(r);
    const v1 = toYaml([deployment(app.spec)], style);
    const next = {
      ...app.spec,
      containers: app.spec.containers.map((c, i) => (i === 0 ? { ...c, image: nextImage(app) } : c)),
    };
    const v2 = toYaml([deployment(next)], style);
    const hpa = toYaml(
      [
        hpaV2("autoscaling/v2", app.name, app.name, 1, r.int(2, 6), [
          { type: "Resource", resource: "cpu", target: "Utilization", value: 60 },
        ]),
      ],
      style,
    );
    w.title(`Manifests from files: ${app.name}`);
    w.file(`${app.name}.yaml`, v1).file("v2.yaml", v2).file("hpa.yml", hpa);
    switch (index % 4) {
      case 0:
        w.manifestFile(app.name, `${dir}/${app.name}.yaml`);
        w.at(0, `apply ${app.name}`);
        break;
      case 1:
        w.at(0, `apply file "${dir}/${app.name}.yaml"`);
        break;
      case 2:
        w.at(0, `kubectl apply -f ${dir}/${app.name}.yaml`);
        break;
      default:
        w.at(0, `apply <<YAML\n${v1}YAML`);
    }
    w.at(5, r.chance(0.5) ? `kubectl apply -f ${dir}/hpa.yml` : `apply file "${dir}/hpa.yml"`);
    w.at(60, r.chance(0.5) ? `kubectl apply -f ${dir}/v2.yaml --record` : `apply file "${dir}/v2.yaml"`);
    w.at(60, `load cpu ${r.step(50, 300, 10)}%`);
    if (r.chance(0.5)) w.at(90, `kubectl apply -f ${dir}/v2.yaml`);
    w.at(60, `expect rollout complete within 1m`);
    w.at(61, `expect image ${nextImage(app)}`);
    w.at(120, `kubectl rollout history deployment/${app.name}`);
    w.endAt(300);
    return w;
  },
};

/** A time that goes backwards can only be written by hand: the writer sorts by time. */
export const errorTexts: { name: string; text: string }[] = [
  {
    name: "time-backwards",
    text: "at 0s kubectl create deployment web --image=web:1\nat 1m expect ready 1\nat 30s expect ready 1\n",
  },
  {
    name: "unterminated-heredoc",
    text: "manifest web = <<YAML\napiVersion: apps/v1\nkind: Deployment\n\nat 0s apply web\n",
  },
  {
    name: "duplicate-run",
    text: "at 0s kubectl create deployment web --image=web:1\nrun for 1m\nrun for 2m\n",
  },
];

export const miscFamilies: Family[] = [expectations, settings, files, errors];
