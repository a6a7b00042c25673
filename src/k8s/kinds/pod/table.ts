/** printPod (pkg/printers/internalversion/printers.go): READY, STATUS, RESTARTS, and IP/NODE when wide. */
import { age } from "../../printing/table.ts";
import type { ContainerStatus, Pod, Time } from "../../types.ts";
import type { TablePrinter } from "../descriptor.ts";

/**
 * printPod's STATUS: the phase, overridden by a container's waiting/terminated reason, and
 * "Terminating" once a deletionTimestamp is set. A scheduled Pending pod whose containers
 * have no status yet shows "ContainerCreating", as the kubelet reports it while it starts.
 */
function podStatus(pod: Pod): string {
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
    const statuses = pod.status?.containerStatuses ?? [];
    const ready = statuses.filter(
      (c) => c.ready && (c.state?.running !== undefined || c.state === undefined),
    ).length;
    const cells = [
      pod.metadata.name,
      `${ready}/${pod.spec.containers.length}`,
      podStatus(pod),
      restartsCell(statuses, now),
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
