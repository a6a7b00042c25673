/** printPod (pkg/printers/internalversion/printers.go): READY, STATUS, RESTARTS, and IP/NODE when wide. */
import { age } from "../../printing/table.ts";
import type { ContainerStatus, Pod, Time } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";

/** isRestartableInitContainer (pkg/api/v1/pod/util.go): an init container with restartPolicy Always, a sidecar. */
const restartable = (pod: Pod, name: string): boolean =>
  pod.spec.initContainers?.some((c) => c.name === name && c.restartPolicy === "Always") ?? false;

interface PodCells {
  ready: number;
  status: string;
  /** The containers whose restarts RESTARTS counts. */
  counted: ContainerStatus[];
}

/**
 * printPod (kubectl 1.34): READY, STATUS and the containers RESTARTS counts.
 *
 * STATUS is the phase, overridden first by the init containers: the first one that has not
 * completed (exit code 0) — a started sidecar does not stop the walk — gives `Init:REASON` for
 * a terminated or waiting one (not PodInitializing), else `Init:I/N` (I completed of N); then,
 * once initialization is over, by an app container's waiting/terminated reason; "Terminating"
 * once a deletionTimestamp is set, unless the phase is Failed or Succeeded. A Pending pod whose
 * containers have no status yet shows "Pending", bound to a node or not: "ContainerCreating" is
 * the waiting reason of the kubelet's first status (a pod bound to a node no kubelet runs has none).
 *
 * READY counts ready running app containers and ready started sidecars, of the app containers
 * plus the sidecars. RESTARTS counts every container while the pod initializes, and the app
 * containers and sidecars after.
 */
function podCells(pod: Pod): PodCells {
  let reason: string = pod.status?.phase ?? "Pending";
  const inits = pod.status?.initContainerStatuses ?? [];
  const statuses = pod.status?.containerStatuses ?? [];
  let ready = 0;
  let initializing = false;
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i];
    const terminated = c.state?.terminated;
    if (terminated && terminated.exitCode === 0) continue;
    if (restartable(pod, c.name) && c.started) {
      if (c.ready) ready++;
      continue;
    }
    initializing = true;
    if (terminated)
      reason = terminated.reason ? `Init:${terminated.reason}` : `Init:ExitCode:${terminated.exitCode}`;
    else if (c.state?.waiting?.reason && c.state.waiting.reason !== "PodInitializing")
      reason = `Init:${c.state.waiting.reason}`;
    else reason = `Init:${i}/${pod.spec.initContainers?.length ?? 0}`;
    break;
  }
  const initialized = pod.status?.conditions?.some((c) => c.type === "Initialized" && c.status === "True");
  let counted = [...inits, ...statuses];
  if (!initializing || initialized) {
    counted = [...inits.filter((c) => restartable(pod, c.name)), ...statuses];
    let hasRunning = false;
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (c.state?.terminated?.reason) reason = c.state.terminated.reason;
      else if (c.ready && (c.state?.running !== undefined || c.state === undefined)) {
        hasRunning ||= c.state?.running !== undefined;
        ready++;
      }
    }
    if (reason === "Completed" && hasRunning) reason = "Running";
  }
  // A finished pod keeps its reason while it is deleted (kubernetes PR #122038, 1.31).
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp !== undefined && phase !== "Failed" && phase !== "Succeeded")
    reason = "Terminating";
  return { ready, status: reason, counted };
}

/**
 * printPod's RESTARTS (kubectl 1.28): the containers' restartCounts summed, and once there was
 * a restart, how long ago the latest one ended — the newest lastState.terminated.finishedAt —
 * as "3 (45s ago)".
 */
function restartsCell(statuses: readonly ContainerStatus[], now: Time): string {
  let restarts = 0;
  let last: Time | undefined;
  for (const c of statuses) {
    restarts += c.restartCount ?? 0;
    const finished = c.lastState?.terminated?.finishedAt;
    if (finished !== undefined && (last === undefined || finished > last)) last = finished;
  }
  return restarts !== 0 && last !== undefined ? `${restarts} (${age(now, last)} ago)` : String(restarts);
}

export const podTable: TablePrinter<Pod> = {
  header: ["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
  wide: ["IP", "NODE", "NOMINATED NODE", "READINESS GATES"],
  cells(pod, { now, wide }) {
    const { ready, status, counted } = podCells(pod);
    const sidecars = pod.spec.initContainers?.filter((c) => c.restartPolicy === "Always").length ?? 0;
    const cells = [
      pod.metadata.name,
      `${ready}/${pod.spec.containers.length + sidecars}`,
      status,
      restartsCell(counted, now),
      age(now, pod.metadata.creationTimestamp),
    ];
    if (wide)
      cells.push(
        pod.status?.podIP || "<none>",
        pod.spec.nodeName || "<none>",
        pod.status?.nominatedNodeName || "<none>",
        "<none>",
      );
    return cells;
  },
};
