/**
 * The kubelet's new statuses for a pod, each a copy of the stored one with some fields set, as
 * `copyWith` makes it (the stored status's keys in their order, then the new ones in the order
 * given), built as one object literal when the stored status has the keys the kubelet's own
 * steps leave on it: the API server's `{phase}` before the first status, then the
 * acknowledged pod's five keys, then those and podIP once it runs. Object.assign copies key by
 * key through V8's generic path (Node 20: about 2 K instructions for a status, counted under
 * callgrind, three times per pod); a literal is an allocation and its stores. Any other status
 * (an init container's list, a reason or a nominated node another writer set) takes `copyWith`.
 */
import { copyWith } from "../../k8s/clone.ts";
import type { ContainerStatus, Pod, PodCondition, Time } from "../../k8s/types.ts";
import { keysAre } from "../writeCopies.ts";

type PodStatus = Pod["status"];

/** The keys of a status the API server made (its defaulting's `{phase: Pending}`). */
const CREATED = ["phase"] as const;
/** The keys of an acknowledged pod's status (`acknowledgedStatus`). */
const ACKNOWLEDGED = ["phase", "startTime", "hostIP", "conditions", "containerStatuses"] as const;
/** The keys of a started pod's status (`runningStatus`). */
const STARTED = [...ACKNOWLEDGED, "podIP"] as const;

/** `copyWith(status, {phase: "Pending", startTime, hostIP, conditions, containerStatuses})`. */
export function acknowledgedStatus(
  status: PodStatus,
  startTime: Time,
  hostIP: string,
  conditions: PodCondition[],
  containerStatuses: ContainerStatus[],
): PodStatus {
  if (keysAre(status, CREATED)) return { phase: "Pending", startTime, hostIP, conditions, containerStatuses };
  return copyWith(status, { phase: "Pending" as const, startTime, hostIP, conditions, containerStatuses });
}

/** `copyWith(status, {phase: "Running", podIP, containerStatuses, conditions})`. */
export function runningStatus(
  status: PodStatus,
  podIP: string,
  containerStatuses: ContainerStatus[],
  conditions: PodCondition[] | undefined,
): PodStatus {
  if (keysAre(status, ACKNOWLEDGED))
    return {
      phase: "Running",
      startTime: status.startTime,
      hostIP: status.hostIP,
      conditions,
      containerStatuses,
      podIP,
    };
  return copyWith(status, { phase: "Running" as const, podIP, containerStatuses, conditions });
}

/** `copyWith(status, {containerStatuses, conditions})`: a readiness round's or a stopping pod's. */
export function withContainerStatuses(
  status: PodStatus,
  containerStatuses: ContainerStatus[] | undefined,
  conditions: PodCondition[] | undefined,
): PodStatus {
  if (keysAre(status, STARTED))
    return {
      phase: status.phase,
      startTime: status.startTime,
      hostIP: status.hostIP,
      conditions,
      containerStatuses,
      podIP: status.podIP,
    };
  if (keysAre(status, ACKNOWLEDGED))
    return {
      phase: status.phase,
      startTime: status.startTime,
      hostIP: status.hostIP,
      conditions,
      containerStatuses,
    };
  return copyWith(status, { containerStatuses, conditions });
}
