/**
 * The status the kubelet writes once it has stopped a deleted pod's containers
 * (pkg/kubelet/kubelet.go SyncTerminatingPod: after killPod, generateAPIPodStatus with
 * podIsTerminal true, before the status manager's final delete). Each container that was
 * running is Terminated: it either answered the SIGTERM within the grace period — the
 * application shut down cleanly, exit code 0, reason Completed — or was still running when the
 * period ended and the runtime sent SIGKILL: exit code 137 (128 + 9), reason Error. With every
 * app container Terminated the phase is terminal (kubelet_pods.go getPhase, podIsTerminal):
 * Succeeded when all exited 0, else Failed — whatever the restartPolicy, since a pod being
 * deleted is never restarted.
 *
 * Only a pod its finalizers keep stored ever shows this status; any other is removed by the
 * same delete, so the kubelet writes it only for those.
 */
import type { ContainerStateTerminated, ContainerStatus, PodStatus, Time } from "../../k8s/types.ts";

/** How a container the kubelet stopped ended: on its own after SIGTERM, or by SIGKILL at the deadline. */
export const STOPPED = {
  clean: { reason: "Completed", exitCode: 0 },
  killed: { reason: "Error", exitCode: 137 },
} as const;

/**
 * The status after the stop, or undefined when no container was running (nothing changes:
 * an evicted pod's containers, say, were stopped already). `killed`: whether a container (by
 * name) outlived its SIGTERM timeout — the grace period less its preStop hook (kubelet/preStop.ts).
 */
export function stoppedStatus(
  status: PodStatus,
  now: Time,
  killed: boolean | ((container: string) => boolean),
): PodStatus | undefined {
  let stopped = false;
  const stop = (cs: ContainerStatus): ContainerStatus => {
    const running = cs.state?.running;
    if (!running) return cs;
    stopped = true;
    const how = (typeof killed === "boolean" ? killed : killed(cs.name)) ? STOPPED.killed : STOPPED.clean;
    const terminated: ContainerStateTerminated = {
      exitCode: how.exitCode,
      reason: how.reason,
      startedAt: running.startedAt,
      finishedAt: now,
      ...(cs.containerID !== undefined ? { containerID: cs.containerID } : {}),
    };
    return { ...cs, ready: false, started: false, state: { terminated } };
  };
  const containerStatuses = status.containerStatuses?.map(stop);
  const initContainerStatuses = status.initContainerStatuses?.map(stop);
  if (!stopped) return undefined;
  const all = containerStatuses ?? [];
  const ended = all.length > 0 && all.every((cs) => cs.state?.terminated !== undefined);
  const succeeded = all.every((cs) => cs.state?.terminated?.exitCode === 0);
  return {
    ...status,
    ...(ended ? { phase: succeeded ? "Succeeded" : "Failed" } : {}),
    ...(initContainerStatuses ? { initContainerStatuses } : {}),
    ...(containerStatuses ? { containerStatuses } : {}),
  };
}
