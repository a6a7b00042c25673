/**
 * `kubectl get` tables: the columns and cells of each kind as the server-side table printers
 * produce them (pkg/printers/internalversion/printers.go: printPod, printDeployment,
 * printReplicaSet, printHorizontalPodAutoscaler, printService, printConfigMap), laid out by
 * the tabwriter with kubectl get's settings (min width 6, padding 3).
 */
import { humanDuration } from "../../k8s/duration.ts";
import { labelsToString, selectorToString } from "../../k8s/labels.ts";
import type {
  Container,
  Deployment,
  HorizontalPodAutoscaler,
  Kind,
  KubeObject,
  Pod,
  ReplicaSet,
  Service,
  ConfigMap,
  Time,
} from "../../k8s/types.ts";
import { formatHPAMetrics } from "./hpaTargets.ts";
import type { TargetsStyle } from "./hpaTargets.ts";

export interface TableOptions {
  now: Time;
  wide?: boolean;
  showLabels?: boolean;
  targetsStyle?: TargetsStyle;
}

export interface TableColumns {
  header: string[];
  wide: string[];
}

export const COLUMNS: Record<Kind, TableColumns> = {
  Pod: {
    header: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
    wide: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
  },
  Deployment: {
    header: ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  },
  ReplicaSet: {
    header: ["NAME", "DESIRED", "CURRENT", "READY", "AGE"],
    wide: ["CONTAINERS", "IMAGES", "SELECTOR"],
  },
  HorizontalPodAutoscaler: {
    header: ["NAME", "REFERENCE", "TARGETS", "MINPODS", "MAXPODS", "REPLICAS", "AGE"],
    wide: [],
  },
  Service: { header: ["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], wide: ["SELECTOR"] },
  ConfigMap: { header: ["NAME", "DATA", "AGE"], wide: [] },
};

export function headerCells(kind: Kind, opts: Pick<TableOptions, "wide" | "showLabels">): string[] {
  const c = COLUMNS[kind];
  return [...c.header, ...(opts.wide ? c.wide : []), ...(opts.showLabels ? ["LABELS"] : [])];
}

/** translateTimestampSince: "<unknown>" for a zero time, else HumanDuration(now − t). */
export function age(now: Time, t: Time | undefined): string {
  return t === undefined ? "<unknown>" : humanDuration(now - t);
}

/** layoutContainerCells: names and images joined by ",". */
function containerCells(containers: readonly Container[]): [string, string] {
  return [containers.map((c) => c.name).join(","), containers.map((c) => c.image).join(",")];
}

export function rowCells(obj: KubeObject, opts: TableOptions): string[] {
  const cells = baseCells(obj, opts);
  if (opts.showLabels) cells.push(labelsToString(obj.metadata.labels) || "<none>");
  return cells;
}

function baseCells(obj: KubeObject, opts: TableOptions): string[] {
  const { now, wide } = opts;
  const name = obj.metadata.name;
  const created = obj.metadata.creationTimestamp;
  switch (obj.kind) {
    case "Pod":
      return podCells(obj, now, !!wide);
    case "Deployment": {
      const d: Deployment = obj;
      const cells = [
        name,
        `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 0}`,
        String(d.status?.updatedReplicas ?? 0),
        String(d.status?.availableReplicas ?? 0),
        age(now, created),
      ];
      if (wide)
        cells.push(...containerCells(d.spec.template.spec.containers), selectorToString(d.spec.selector));
      return cells;
    }
    case "ReplicaSet": {
      const rs: ReplicaSet = obj;
      const cells = [
        name,
        String(rs.spec.replicas ?? 0),
        String(rs.status?.replicas ?? 0),
        String(rs.status?.readyReplicas ?? 0),
        age(now, created),
      ];
      if (wide)
        cells.push(...containerCells(rs.spec.template.spec.containers), selectorToString(rs.spec.selector));
      return cells;
    }
    case "HorizontalPodAutoscaler": {
      const h: HorizontalPodAutoscaler = obj;
      return [
        name,
        `${h.spec.scaleTargetRef.kind}/${h.spec.scaleTargetRef.name}`,
        formatHPAMetrics(h, opts.targetsStyle),
        h.spec.minReplicas === undefined ? "<unset>" : String(h.spec.minReplicas),
        String(h.spec.maxReplicas),
        String(h.status?.currentReplicas ?? 0),
        age(now, created),
      ];
    }
    case "Service":
      return serviceCells(obj, now, !!wide);
    case "ConfigMap": {
      const cm: ConfigMap = obj;
      return [
        name,
        String(Object.keys(cm.data ?? {}).length + Object.keys(cm.binaryData ?? {}).length),
        age(now, created),
      ];
    }
  }
}

/**
 * printPod's STATUS: the phase, overridden by a container's waiting/terminated reason, and
 * "Terminating" once a deletionTimestamp is set. A scheduled Pending pod whose containers
 * have no status yet shows "ContainerCreating", as the kubelet reports it while it starts.
 */
export function podStatus(pod: Pod): string {
  let reason: string = pod.status?.phase ?? "Pending";
  const statuses = pod.status?.containerStatuses ?? [];
  let hasRunning = false;
  for (let i = statuses.length - 1; i >= 0; i--) {
    const c = statuses[i];
    if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
    else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
    else if (c.ready && c.state?.running) hasRunning = true;
  }
  if (reason === "Completed" && hasRunning) reason = "Running";
  if (reason === "Pending" && statuses.length === 0 && pod.spec.nodeName) reason = "ContainerCreating";
  if (pod.metadata.deletionTimestamp !== undefined) reason = "Terminating";
  return reason;
}

function podCells(pod: Pod, now: Time, wide: boolean): string[] {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter(
    (c) => c.ready && (c.state?.running !== undefined || c.state === undefined),
  ).length;
  const restarts = statuses.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  const cells = [
    pod.metadata.name,
    `${ready}/${pod.spec.containers.length}`,
    podStatus(pod),
    String(restarts),
    age(now, pod.metadata.creationTimestamp),
  ];
  if (wide) cells.push(pod.status?.podIP || "<none>", pod.spec.nodeName || "<none>", "<none>", "<none>");
  return cells;
}

interface ServicePort {
  port?: number;
  nodePort?: number;
  protocol?: string;
}

/** printService: TYPE, CLUSTER-IP, EXTERNAL-IP and PORT(S) ("80:30002/TCP" for a NodePort). */
function serviceCells(svc: Service, now: Time, wide: boolean): string[] {
  const type = svc.spec.type ?? "ClusterIP";
  const clusterIP = (svc.spec.clusterIP as string | undefined) || "<none>";
  const external = type === "LoadBalancer" ? "<pending>" : "<none>";
  const ports =
    ((svc.spec.ports ?? []) as ServicePort[])
      .map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ""}/${p.protocol ?? "TCP"}`)
      .join(",") || "<none>";
  const cells = [
    svc.metadata.name,
    type,
    clusterIP,
    external,
    ports,
    age(now, svc.metadata.creationTimestamp),
  ];
  if (wide) cells.push(svc.spec.selector ? labelsToString(svc.spec.selector) : "<none>");
  return cells;
}
