/**
 * Rollouts: RollingUpdate with assorted maxSurge/maxUnavailable, Recreate, minReadySeconds,
 * readiness probes, progress deadlines, and the rollout commands (set image, pause/resume,
 * undo --to-revision, history, status, restart, scale).
 */
import {
  deploymentExpectation,
  deploymentReads,
  nextImage,
  op,
  randomApp,
  timing,
  type App,
} from "../kit.ts";
import { deployment, randomStyle, toYaml } from "../manifests.ts";
import type { Random } from "../random.ts";
import { dur, ScenarioWriter } from "../script.ts";
import type { Family } from "./family.ts";

const SURGE = [0, 1, 2, 3, "0%", "10%", "20%", "25%", "30%", "33%", "50%", "75%", "100%"] as const;

/** maxSurge/maxUnavailable that validation accepts (not both zero). */
function fenceposts(r: Random): { maxSurge?: number | string; maxUnavailable?: number | string } {
  for (;;) {
    const maxSurge = r.chance(0.15) ? undefined : r.pick(SURGE);
    const maxUnavailable = r.chance(0.15) ? undefined : r.pick(SURGE);
    const zero = (v: number | string | undefined) => v === 0 || v === "0%";
    if (zero(maxSurge) && zero(maxUnavailable)) continue;
    return { maxSurge, maxUnavailable };
  }
}

/** How an update of the pod template is made. */
function updateLine(r: Random, app: App, step: number, manifestName?: string): string {
  const image = nextImage(app, step);
  const choice = r.int(0, manifestName ? 4 : 3);
  switch (choice) {
    case 0:
      return `kubectl set image deployment/${app.name} ${app.container}=${image}`;
    case 1:
      return `kubectl set image deployment/${app.name} ${app.container}=${image} --record`;
    case 2:
      return `kubectl set image deploy ${app.name} '*=${image}' --record=true`;
    case 3:
      return `kubectl patch deployment ${app.name} -p '{"spec":{"template":{"spec":{"containers":[{"name":"${app.container}","image":"${image}"}]}}}}'`;
    default:
      return `apply ${manifestName}`;
  }
}

function pickReads(r: Random, app: App, k: number): string[] {
  return r.sample(deploymentReads(app.name, app.name), k);
}

const rollingUpdate: Family = {
  name: "rolling",
  count: 36,
  describe: "a RollingUpdate under assorted maxSurge/maxUnavailable, minReadySeconds and probes",
  make(r) {
    const w = new ScenarioWriter(r);
    const app = randomApp(r, { replicas: r.int(1, 10), probe: r.chance(0.3) });
    const f = fenceposts(r);
    app.spec.strategy = r.chance(0.15) ? {} : { ...(r.chance(0.5) ? { type: "RollingUpdate" } : {}), ...f };
    if (r.chance(0.4)) app.spec.minReadySeconds = r.pick([5, 10, 20, 30]);
    if (r.chance(0.2)) app.spec.revisionHistoryLimit = r.int(1, 4);
    if (r.chance(0.2)) app.spec.terminationGracePeriodSeconds = r.pick([5, 10, 30]);
    const style = randomStyle(r);
    const replicas = app.spec.replicas ?? 1;
    w.title(
      `Rolling update of ${app.name}: surge ${f.maxSurge ?? "25%"}, unavailable ${f.maxUnavailable ?? "25%"}`,
    );
    if (r.chance(0.4)) w.set("pod.startup", dur(r.pick([1, 2, 5, 10])));
    if (r.chance(0.3)) w.set("pod.shutdown", dur(r.pick([1, 3, 15, 40])));
    if (r.chance(0.3)) w.set("seed", String(r.int(1, 999)));
    w.manifest(app.name, toYaml([deployment(app.spec)], style));
    const v2 = {
      ...app.spec,
      containers: app.spec.containers.map((c, i) => (i === 0 ? { ...c, image: nextImage(app) } : c)),
    };
    const useV2 = r.chance(0.3);
    if (useV2) w.manifest(`${app.name}-v2`, toYaml([deployment(v2)], style));
    w.at(0, `apply ${app.name}`);
    w.at(0, `expect rollout complete within ${dur(r.step(30, 90, 15), r)}`);
    const t1 = r.step(30, 120, 5);
    w.at(t1, useV2 ? `apply ${app.name}-v2` : updateLine(r, app, 1));
    if (r.chance(0.5)) w.at(t1, `watch deployment/${app.name}`);
    // A second update while the first is under way: the rollover.
    const end = t1 + r.step(120, 420, 30);
    if (r.chance(0.3)) w.at(t1 + r.int(1, 8), updateLine(r, app, 2));
    for (const read of pickReads(r, app, r.int(1, 3))) w.at(t1 + r.step(0, end - t1 - 30, 5), read);
    w.at(t1, `expect rollout complete within ${dur(r.step(15, 180, 15), r)}`);
    if (r.chance(0.6))
      w.at(t1, `expect rollout duration ${r.pick(["<=", "<", ">="])} ${dur(r.step(10, 120, 5), r)}`);
    for (let i = r.int(1, 4); i > 0; i--) {
      const t = t1 + r.step(0, end - t1 - 30, 5);
      w.at(t, deploymentExpectation(r, replicas) + timing(r, t, end));
    }
    if (r.chance(0.5)) w.at(t1, `expect unavailable <= ${r.int(0, 2)} always`);
    if (r.chance(0.5)) w.at(t1, `expect pods <= ${replicas + r.int(0, 3)} always`);
    w.at(end - 30, `expect image ${r.chance(0.5) ? `${app.container}=` : ""}${nextImage(app, 1)}`);
    if (r.chance(0.5)) w.at(end - 30, `expect revision ${op(r)}${r.int(1, 3)}`);
    w.endAt(end);
    return w;
  },
};

const recreate: Family = {
  name: "recreate",
  count: 12,
  describe: "the Recreate strategy: old pods gone before new ones start",
  make(r) {
    const w = new ScenarioWriter(r);
    const app = randomApp(r, { replicas: r.int(1, 8) });
    app.spec.strategy = { type: "Recreate" };
    if (r.chance(0.4)) app.spec.terminationGracePeriodSeconds = r.pick([3, 10, 30]);
    if (r.chance(0.3)) app.spec.minReadySeconds = r.pick([5, 15]);
    const replicas = app.spec.replicas ?? 1;
    w.title(`Recreate ${app.name} (${replicas} replicas)`);
    if (r.chance(0.6)) w.set("pod.shutdown", dur(r.pick([2, 5, 20, 60])));
    if (r.chance(0.4)) w.set("pod.startup", dur(r.pick([3, 8])));
    w.manifest(app.name, toYaml([deployment(app.spec)], randomStyle(r)));
    w.at(0, `apply ${app.name}`);
    const t1 = r.step(30, 90, 5);
    const end = t1 + r.step(90, 300, 30);
    w.at(t1, updateLine(r, app, 1));
    if (r.chance(0.5)) w.at(t1, `watch deployment/${app.name}`);
    w.at(t1, `expect available 0 within ${dur(r.step(0, 30, 5), r)}`);
    w.at(t1, `expect event "Scaled down replica set ${app.name}-" within 5s`);
    w.at(t1, `expect pods ${op(r)}0 within ${dur(r.step(5, 90, 5), r)}`);
    w.at(t1, `expect rollout complete within ${dur(r.step(10, 120, 10), r)}`);
    if (r.chance(0.5)) w.at(t1, `expect updated ${replicas} within 2m`);
    for (const read of pickReads(r, app, r.int(1, 3))) w.at(t1 + r.step(0, 60, 1), read);
    w.at(end - 10, deploymentExpectation(r, replicas) + timing(r, end - 10, end));
    w.endAt(end);
    return w;
  },
};

const rolloutCommands: Family = {
  name: "rollout-ops",
  count: 28,
  describe: "kubectl rollout pause/resume/undo/history/status/restart, set image, scale",
  make(r) {
    const w = new ScenarioWriter(r);
    const app = randomApp(r, { replicas: r.int(1, 5), memory: false });
    const created = r.chance(0.5);
    const replicas = app.spec.replicas ?? 1;
    w.title(`Rollout commands on ${app.name}`);
    if (created) {
      // kubectl names the container after the image: busybox:v1 → busybox.
      app.container = app.image.split(":")[0];
      const port = r.chance(0.3) ? ` --port=${r.pick([80, 8080])}` : "";
      const cmd = r.chance(0.4) ? " -- sleep 3600" : "";
      w.at(
        0,
        `kubectl create deployment ${app.name} --image=${app.image} --replicas=${replicas}${port}${cmd}`,
      );
    } else {
      if (r.chance(0.3)) app.spec.revisionHistoryLimit = r.int(2, 5);
      w.manifest(app.name, toYaml([deployment(app.spec)], randomStyle(r)));
      w.at(0, `apply ${app.name}`);
    }
    let t = r.step(20, 40, 5);
    let version = 1;
    let revision = 1;
    const steps = r.int(3, 7);
    for (let i = 0; i < steps; i++) {
      const kind = r.pick([
        "image",
        "image",
        "pause",
        "undo",
        "restart",
        "scale",
        "history",
        "annotate",
        "status",
      ]);
      switch (kind) {
        case "image":
          w.at(t, updateLine(r, app, version++));
          revision++;
          break;
        case "pause": {
          w.at(t, `kubectl rollout pause deployment/${app.name}`);
          w.at(t + 5, updateLine(r, app, version++));
          w.at(t + 5, `expect updated ${op(r)}0 within 10s`);
          if (r.chance(0.5)) w.at(t + 10, `kubectl rollout status deployment ${app.name}`);
          if (r.chance(0.5)) w.at(t + 10, `kubectl get deploy ${app.name} -o jsonpath='{.spec.paused}'`);
          t += 15;
          w.at(t, `kubectl rollout resume deployment/${app.name}`);
          revision++;
          break;
        }
        case "undo":
          if (revision > 1 && r.chance(0.6)) {
            const to = r.int(1, revision - 1);
            w.at(t, `kubectl rollout undo deployment/${app.name} --to-revision=${to}`);
          } else w.at(t, `kubectl rollout undo deployment ${app.name}`);
          revision++;
          break;
        case "restart":
          w.at(t, `kubectl rollout restart deployment/${app.name}`);
          revision++;
          break;
        case "scale": {
          const n = r.int(0, 6);
          w.at(
            t,
            r.chance(0.3)
              ? `kubectl scale deployment ${app.name} --current-replicas=${r.int(1, 6)} --replicas=${n}`
              : `kubectl scale deployment/${app.name} --replicas=${n}`,
          );
          w.at(t, `expect replicas ${n} within 5s`);
          break;
        }
        case "history":
          w.at(t, `kubectl rollout history deployment/${app.name}`);
          if (revision > 1)
            w.at(t, `kubectl rollout history deployment ${app.name} --revision=${r.int(1, revision)}`);
          break;
        case "annotate":
          w.at(
            t,
            `kubectl annotate deployment ${app.name} kubernetes.io/change-cause="step ${i + 1}" --overwrite`,
          );
          break;
        default:
          w.at(t, `kubectl rollout status deployment/${app.name}`);
      }
      if (r.chance(0.4)) w.at(t, `expect revision ${op(r)}${revision} within 10s`);
      t += r.step(10, 60, 5);
    }
    w.at(t, `kubectl rollout history deployment/${app.name}`);
    w.at(t, `expect rollout complete within 1m`);
    if (r.chance(0.5)) w.at(t, `expect revision ${revision}`);
    for (const read of pickReads(r, app, r.int(0, 2))) w.at(t, read);
    w.endAt(t + r.step(30, 90, 15));
    return w;
  },
};

const progress: Family = {
  name: "progress",
  count: 10,
  describe: "progressDeadlineSeconds against pods that take long to become ready",
  make(r) {
    const w = new ScenarioWriter(r);
    const deadline = r.step(20, 120, 10);
    const slow = deadline + r.step(-10, 120, 10);
    const app = randomApp(r, { replicas: r.int(1, 5), probe: false });
    app.spec.progressDeadlineSeconds = deadline;
    // Validation wants progressDeadlineSeconds > minReadySeconds.
    if (r.chance(0.5)) app.spec.minReadySeconds = r.pick([0, 10, 30].filter((s) => s < deadline));
    app.spec.strategy = { maxSurge: r.pick([1, "25%", "50%"]), maxUnavailable: r.pick([0, 1]) };
    const style = randomStyle(r);
    w.title(`Progress deadline ${deadline}s, pods ready after ${slow}s`);
    w.manifest(app.name, toYaml([deployment(app.spec)], style));
    // The new version's pods pass their readiness probe only after `slow` seconds.
    const v2 = {
      ...app.spec,
      containers: app.spec.containers.map((c, i) =>
        i === 0
          ? {
              ...c,
              image: nextImage(app),
              readinessProbe: { initialDelaySeconds: Math.max(0, slow), periodSeconds: 10 },
            }
          : c,
      ),
    };
    w.manifest(`${app.name}-v2`, toYaml([deployment(v2)], style));
    w.at(0, `apply ${app.name}`);
    const t1 = r.step(30, 60, 5);
    w.at(t1, `apply ${app.name}-v2`);
    w.at(t1 + deadline + r.step(5, 30, 5), `kubectl rollout status deployment/${app.name}`);
    w.at(t1 + deadline + r.step(5, 30, 5), `kubectl describe deployment ${app.name}`);
    if (r.chance(0.5)) w.at(t1 + deadline + 15, `kubectl get deploy ${app.name} -o yaml`);
    w.at(t1, `expect rollout complete ${r.pick(["within 5m", "never", "within 1m"])}`);
    w.at(t1, `expect event "ProgressDeadlineExceeded" ${r.pick(["within 5m", "never"])}`);
    w.at(t1, `expect event "has timed out progressing" within ${dur(deadline + 60, r)}`);
    w.endAt(t1 + deadline + slow + 60);
    return w;
  },
};

export const rolloutFamilies: Family[] = [rollingUpdate, recreate, rolloutCommands, progress];
