/**
 * The cluster autoscaler's status ConfigMap, kube-system/cluster-autoscaler-status, as
 * cluster-autoscaler v1.28 writes it at the end of every RunOnce (core/static_autoscaler.go's
 * deferred WriteStatusConfigMap; FAQ "How can I check what is going on in CA?"): one key,
 * `status`, holding the readable text of clusterstate.GetStatus, and the annotation
 * cluster-autoscaler.kubernetes.io/last-updated.
 *
 * The conditions (clusterstate/clusterstate.go, build*Status*; clusterstate/api/types.go):
 * - Health: Healthy or Unhealthy, with the readiness counts
 *   ("ready=3 unready=0 notStarted=0 longNotStarted=0 registered=3 longUnregistered=0", a node
 *   group's followed by "cloudProviderTarget=3 (minSize=1, maxSize=6)");
 * - ScaleUp: InProgress while a node group waits for machines it asked for, else NoActivity
 *   ("ready=3 cloudProviderTarget=4" per group, "ready=3 registered=3" cluster-wide);
 * - ScaleDown: CandidatesPresent or NoCandidates ("candidates=1").
 * Each has a LastProbeTime and a LastTransitionTime that stays while the status does
 * (updateLastTransition). The text is clusterstate/api/utils.go GetReadableString; the times
 * are Go's time.Time String() with the monotonic reading the autoscaler's clock carries
 * ("2024-01-01 00:10:00 +0000 UTC m=+600.000000000", seconds since the autoscaler started),
 * as in the status quoted in kubernetes/autoscaler#6316. Backoff (a failed scale-up) and
 * long-unregistered nodes do not happen here, so they never show.
 */
import { EPOCH_MS } from "../../k8s/time.ts";
import type { Time } from "../../k8s/types.ts";

/** utils.StatusConfigMapName and the namespace CA runs in (--namespace). */
export const STATUS_CONFIGMAP = { namespace: "kube-system", name: "cluster-autoscaler-status" } as const;
/** utils.ConfigMapLastUpdatedKey */
export const LAST_UPDATED_ANNOTATION = "cluster-autoscaler.kubernetes.io/last-updated";
/** clusterstate.MaxNodeStartupTime: an unready node younger than this is still starting. */
export const MAX_NODE_STARTUP_TIME = 15 * 60;
/** --ok-total-unready-count and --max-total-unready-percentage. */
export const OK_TOTAL_UNREADY_COUNT = 3;
export const MAX_TOTAL_UNREADY_PERCENTAGE = 45;

/** clusterstate.Readiness, as counts. */
export interface Readiness {
  ready: number;
  unready: number;
  notStarted: number;
  registered: number;
}

export const emptyReadiness = (): Readiness => ({ ready: 0, unready: 0, notStarted: 0, registered: 0 });

/** updateReadinessStats for one node: Ready, else still starting (younger than 15 min), else unready. */
export function countNode(r: Readiness, ready: boolean, created: Time, now: Time): void {
  r.registered += 1;
  if (ready) r.ready += 1;
  else if (created + MAX_NODE_STARTUP_TIME > now) r.notStarted += 1;
  else r.unready += 1;
}

/** IsClusterHealthy: too many unready nodes, over both the count and the percentage, stop CA. */
export function isClusterHealthy(r: Readiness): boolean {
  return !(
    r.unready > OK_TOTAL_UNREADY_COUNT && r.unready > (MAX_TOTAL_UNREADY_PERCENTAGE / 100) * r.registered
  );
}

/**
 * IsNodeGroupHealthy: the group is unhealthy when more of the nodes it should have (its target
 * less the machines still coming up) are missing than the unready allowances tolerate.
 */
export function isNodeGroupHealthy(r: Readiness, target: number, upcoming: number): boolean {
  const unjustified = Math.max(0, target - upcoming - r.ready);
  return !(
    unjustified > OK_TOTAL_UNREADY_COUNT &&
    unjustified > (MAX_TOTAL_UNREADY_PERCENTAGE / 100) * (r.ready + r.unready + r.notStarted)
  );
}

export interface StatusCondition {
  type: "Health" | "ScaleUp" | "ScaleDown";
  status: string;
  message: string;
  /** Undefined for Go's zero time (scale-down never evaluated yet). */
  lastProbeTime: Time | undefined;
  lastTransitionTime: Time | undefined;
}

export interface NodeGroupStatus {
  id: string;
  conditions: StatusCondition[];
}

export interface AutoscalerStatus {
  clusterWide: StatusCondition[];
  nodeGroups: NodeGroupStatus[];
}

/** What one RunOnce knows of a node group. */
export interface NodeGroupState {
  id: string;
  min: number;
  max: number;
  /** The cloud provider's target size. */
  target: number;
  /** Machines asked for and not registered yet. */
  upcoming: number;
  readiness: Readiness;
  /** Its unneeded nodes (UpdateScaleDownCandidates). */
  candidates: number;
}

export interface StatusInput {
  now: Time;
  readiness: Readiness;
  groups: readonly NodeGroupState[];
  /** When the scale-down candidates were last updated (lastScaleDownUpdateTime); undefined before the first time. */
  scaleDownProbe: Time | undefined;
}

const condition = (
  type: StatusCondition["type"],
  status: string,
  message: string,
  probe: Time | undefined,
): StatusCondition => ({ type, status, message, lastProbeTime: probe, lastTransitionTime: probe });

const health = (r: Readiness) =>
  `ready=${r.ready} unready=${r.unready} notStarted=${r.notStarted} longNotStarted=0 registered=${r.registered} longUnregistered=0`;

const scaleDown = (candidates: number, probe: Time | undefined) =>
  condition(
    "ScaleDown",
    candidates > 0 ? "CandidatesPresent" : "NoCandidates",
    `candidates=${candidates}`,
    probe,
  );

/** GetStatus: the node groups' conditions, then the cluster-wide ones, transitions carried from `previous`. */
export function buildStatus(input: StatusInput, previous?: AutoscalerStatus): AutoscalerStatus {
  const { now } = input;
  const nodeGroups = input.groups.map((g): NodeGroupStatus => ({
    id: g.id,
    conditions: [
      condition(
        "Health",
        isNodeGroupHealthy(g.readiness, g.target, g.upcoming) ? "Healthy" : "Unhealthy",
        `${health(g.readiness)} cloudProviderTarget=${g.target} (minSize=${g.min}, maxSize=${g.max})`,
        now,
      ),
      condition(
        "ScaleUp",
        g.upcoming > 0 ? "InProgress" : "NoActivity",
        `ready=${g.readiness.ready} cloudProviderTarget=${g.target}`,
        now,
      ),
      scaleDown(g.candidates, input.scaleDownProbe),
    ],
  }));
  const inProgress = input.groups.some((g) => g.upcoming > 0);
  const clusterWide = [
    condition(
      "Health",
      isClusterHealthy(input.readiness) ? "Healthy" : "Unhealthy",
      health(input.readiness),
      now,
    ),
    condition(
      "ScaleUp",
      inProgress ? "InProgress" : "NoActivity",
      `ready=${input.readiness.ready} registered=${input.readiness.registered}`,
      now,
    ),
    scaleDown(
      input.groups.reduce((n, g) => n + g.candidates, 0),
      input.scaleDownProbe,
    ),
  ];
  const status = { clusterWide, nodeGroups };
  if (previous) {
    carryTransitions(previous.clusterWide, clusterWide);
    for (const g of nodeGroups)
      carryTransitions(previous.nodeGroups.find((p) => p.id === g.id)?.conditions ?? [], g.conditions);
  }
  return status;
}

/** updateLastTransitionSingleList: a condition whose status did not change keeps its transition time. */
function carryTransitions(old: readonly StatusCondition[], now: StatusCondition[]): void {
  for (const c of now) {
    const before = old.find((o) => o.type === c.type);
    if (before && before.status === c.status) c.lastTransitionTime = before.lastTransitionTime;
  }
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Whole nanoseconds of a simulated time (floating-point noise rounded away). */
const nanos = (t: Time): number => Math.round(t * 1e9);

/**
 * Go's time.Format("2006-01-02 15:04:05.999999999 -0700 MST") in UTC: the fraction without
 * trailing zeros, none when whole. Example: 600 → "2024-01-01 00:10:00 +0000 UTC".
 */
export function goTime(t: Time): string {
  const ns = nanos(t);
  const whole = Math.floor(ns / 1e9);
  const d = new Date(EPOCH_MS + whole * 1000);
  const frac = String(ns - whole * 1e9)
    .padStart(9, "0")
    .replace(/0+$/, "");
  const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
  const clock = `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
  return `${date} ${clock}${frac ? `.${frac}` : ""} +0000 UTC`;
}

/**
 * time.Time.String() of a reading of the process's clock: the wall time and the monotonic
 * reading since the process started (" m=+600.000000000", always nine decimals); Go's zero
 * time, which has no monotonic reading, for undefined.
 */
export function goTimeWithMonotonic(t: Time | undefined, processStart: Time): string {
  if (t === undefined) return "0001-01-01 00:00:00 +0000 UTC";
  const ns = nanos(t) - nanos(processStart);
  const sign = ns < 0 ? "-" : "+";
  const abs = Math.abs(ns);
  const seconds = Math.floor(abs / 1e9);
  return `${goTime(t)} m=${sign}${seconds}.${String(abs - seconds * 1e9).padStart(9, "0")}`;
}

/** getConditionsString: Health, ScaleUp, ScaleDown, each with its probe and transition times. */
function conditionsText(conditions: readonly StatusCondition[], prefix: string, start: Time): string {
  const byType = (type: StatusCondition["type"]) => conditions.find((c) => c.type === type);
  const line = (c: StatusCondition) =>
    `${prefix}${`${c.type}:`.padEnd(12)} ${c.status}${c.message ? ` (${c.message})` : ""}\n` +
    `${prefix}${" ".repeat(13)}LastProbeTime:      ${goTimeWithMonotonic(c.lastProbeTime, start)}\n` +
    `${prefix}${" ".repeat(13)}LastTransitionTime: ${goTimeWithMonotonic(c.lastTransitionTime, start)}\n`;
  const h = byType("Health");
  const up = byType("ScaleUp");
  const down = byType("ScaleDown");
  return (
    (h ? line(h) : `${prefix}${"Health:".padEnd(12)} <unknown>`) +
    (up ? line(up) : "") +
    (down ? line(down) : "")
  );
}

/** ClusterAutoscalerStatus.GetReadableString. */
export function readableStatus(status: AutoscalerStatus, processStart: Time): string {
  let out = "Cluster-wide:\n" + conditionsText(status.clusterWide, "  ", processStart);
  if (status.nodeGroups.length === 0) return out;
  out += "\nNodeGroups:\n";
  for (const g of status.nodeGroups)
    out += `  Name:        ${g.id}\n` + conditionsText(g.conditions, "  ", processStart) + "\n";
  return out;
}

/** WriteStatusConfigMap's data and annotation for a message written at `now`. */
export function statusConfigMapContent(
  now: Time,
  message: string,
): { data: { status: string }; lastUpdated: string } {
  const at = goTime(now);
  return { data: { status: `Cluster-autoscaler status at ${at}:\n${message}` }, lastUpdated: at };
}
