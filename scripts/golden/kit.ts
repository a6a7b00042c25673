/**
 * Pieces the corpus families share: workloads with plausible requests, images and names;
 * expectations with a random comparison and timing; kubectl reads to sprinkle over a run.
 */
import type { ContainerSpec, DeploymentSpec } from "./manifests.ts";
import type { Random } from "./random.ts";
import { dur } from "./script.ts";

export const APP_NAMES = [
  "web",
  "api",
  "shop",
  "checkout",
  "frontend",
  "worker",
  "cart",
  "search",
  "auth",
  "billing",
  "nginx",
  "demo",
] as const;

export const CPU_REQUESTS = ["100m", "100m", "100m", "50m", "200m", "250m", "500m", "0.1", "1"] as const;
export const MEMORY_REQUESTS = ["64Mi", "128Mi", "50Mi", "100Mi", "256Mi", "100M", "1Gi"] as const;

/** millicores of a CPU quantity the corpus writes (`100m`, `0.1`, `1`). */
export function milliOf(q: string): number {
  return q.endsWith("m") ? Number(q.slice(0, -1)) : Math.round(Number(q) * 1000);
}

export interface App {
  name: string;
  container: string;
  image: string;
  version: number;
  cpu: string;
  spec: DeploymentSpec;
}

export interface AppOptions {
  name?: string;
  replicas?: number | undefined;
  /** Include a memory request (always true for memory HPAs). */
  memory?: boolean;
  limits?: boolean;
  probe?: boolean;
  cpu?: string;
}

/** A Deployment of one container (sometimes a sidecar too) with a CPU request. */
export function randomApp(r: Random, o: AppOptions = {}): App {
  const name = o.name ?? r.pick(APP_NAMES);
  const container = r.chance(0.7) ? name : r.pick(["app", "server", "main"]);
  const version = r.int(1, 3);
  const image = r.chance(0.2) ? `nginx:1.${24 + version}` : `${name}:${version}`;
  const cpu = o.cpu ?? r.pick(CPU_REQUESTS);
  const requests: ContainerSpec["requests"] = { cpu };
  if (o.memory ?? r.chance(0.5)) requests.memory = r.pick(MEMORY_REQUESTS);
  const main: ContainerSpec = { name: container, image, requests };
  if (o.limits ?? r.chance(0.2))
    main.limits = { cpu, ...(requests.memory ? { memory: requests.memory } : {}) };
  if (r.chance(0.3)) main.port = r.pick([80, 8080, 3000]);
  if (o.probe ?? r.chance(0.2))
    main.readinessProbe = {
      initialDelaySeconds: r.pick([0, 5, 10, 15]),
      periodSeconds: r.pick([5, 10]),
      ...(r.chance(0.3) ? { successThreshold: r.int(1, 3) } : {}),
    };
  const containers = [main];
  if (r.chance(0.1))
    containers.push({ name: "sidecar", image: "envoy:1.28", requests: { cpu: r.pick(["10m", "50m"]) } });
  const replicas = "replicas" in o ? o.replicas : r.int(1, 6);
  return {
    name,
    container,
    image,
    version,
    cpu,
    spec: { name, replicas, containers },
  };
}

/** The next image of an app's main container. */
export function nextImage(app: App, step = 1): string {
  const v = app.version + step;
  return app.image.startsWith("nginx:") ? `nginx:1.${24 + v}` : `${app.name}:${v}`;
}

export const OPS = ["==", "!=", ">=", "<=", ">", "<"] as const;

/** A comparison for a count, usually one that names the value directly. */
export function op(r: Random): string {
  return r.chance(0.45) ? "" : `${r.pick(OPS)} `;
}

/** A timing for an expectation written at `t`, inside a run ending at `end`. */
export function timing(r: Random, t: number, end: number): string {
  const room = Math.max(0, end - t);
  switch (r.int(0, 7)) {
    case 0:
      return "";
    case 1:
    case 2:
      return ` within ${dur(r.step(0, Math.min(room, 600), 15), r)}`;
    case 3:
      return ` for ${dur(r.step(0, Math.min(room, 600), 15), r)}`;
    case 4:
      return " always";
    case 5:
      return " never";
    case 6: {
      const from = t + r.step(0, Math.max(0, room - 15), 15);
      return ` from ${dur(from, r)} to ${dur(from + r.step(Math.min(15, end - from), Math.max(0, end - from), 15), r)}`;
    }
    default:
      return ` at ${dur(t + r.step(0, room, 5), r)}`;
  }
}

/** Deployment-side quantities and a plausible value for each. */
export function deploymentExpectation(r: Random, replicas: number, target = ""): string {
  const q = r.pick(["replicas", "pods", "ready", "available", "updated", "unavailable"]);
  const value = q === "unavailable" ? r.int(0, 1) : Math.max(0, replicas + r.int(-1, 1));
  return `expect ${target}${q} ${op(r)}${value}`;
}

/** kubectl reads that make sense for any Deployment (`name`) and its pods (`app` label). */
export function deploymentReads(name: string, app: string): string[] {
  return [
    `kubectl get deploy ${name}`,
    `kubectl get deployments`,
    `kubectl get deployment ${name} -o wide`,
    `kubectl get rs`,
    `kubectl get rs -l app=${app} -o wide`,
    `kubectl get pods`,
    `kubectl get pods -l app=${app}`,
    `kubectl get po -o wide`,
    `kubectl get pods --show-labels`,
    `kubectl get pods --no-headers`,
    `kubectl get pods -o name`,
    `kubectl get deploy/${name} -o name`,
    `kubectl describe deploy ${name}`,
    `kubectl describe deployment ${name} | grep -i image:`,
    `kubectl rollout status deployment/${name}`,
    `kubectl rollout history deployment/${name}`,
    `kubectl get deploy ${name} -o jsonpath='{.status.replicas}'`,
    `kubectl get deploy ${name} -o jsonpath='{.spec.template.spec.containers[0].image}'`,
    `kubectl get deployment ${name} -o yaml`,
    `kubectl get deploy ${name} -o json`,
    `kubectl get events`,
    `kubectl get ev --sort-by=.lastTimestamp`,
    `kubectl get all`,
    `kubectl get pods --sort-by=.metadata.creationTimestamp`,
    `kubectl describe rs -l app=${app}`,
  ];
}

export function hpaReads(name: string): string[] {
  return [
    `kubectl get hpa`,
    `kubectl get hpa ${name}`,
    `kubectl get hpa ${name} -o wide`,
    `kubectl describe hpa ${name}`,
    `kubectl get hpa ${name} -o yaml`,
    `kubectl get horizontalpodautoscaler ${name} -o json`,
    `kubectl get hpa ${name} -o jsonpath='{.status.currentReplicas}'`,
    `kubectl top pod`,
    `kubectl top pod --sort-by=cpu`,
    `kubectl top pods --containers`,
    `kubectl top pod --sum --no-headers`,
  ];
}
