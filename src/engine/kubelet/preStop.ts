/**
 * How the kubelet stops a container (pkg/kubelet/kuberuntime/kuberuntime_container.go
 * killContainer, v1.28–1.30): the preStop hook runs first, bounded by the grace period
 * (executePreStopHook waits for the hook or the period, whichever ends first, and returns the
 * whole seconds it waited); what is left of the period, but never less than
 * minimumGracePeriodInSeconds (2), is the runtime's StopContainer timeout — SIGTERM, then
 * SIGKILL when the timeout passes. The application answers SIGTERM after `pod.shutdown`.
 *
 * How long a hook runs is read from its spec once per stop (the hook is the container's own
 * spec, so there is no cache to keep): an exec hook whose command is a `sleep N` or a shell
 * script of simple commands and sleeps runs that long (read as an init container's command is,
 * kubelet/initContainers.ts); the `sleep` action (PodLifecycleSleepAction) runs its seconds
 * (handlers.go runSleepHandler); httpGet, tcpSocket and any other exec take no time — what a
 * request to the application or an arbitrary script costs is not in the spec.
 */
import type { Container, LifecycleHandler } from "../../k8s/types.ts";
import { commandRunTime } from "./initContainers.ts";

/** kuberuntime_container.go minimumGracePeriodInSeconds: the least time a container gets after SIGTERM. */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;

/**
 * Seconds a preStop handler runs. Examples: exec ["sleep", "5"] → 5; exec ["/bin/sh", "-c",
 * "sleep 5 && kill -TERM 1"] → 5; sleep {seconds: 10} → 10; httpGet → 0; exec ["/drain.sh"] → 0.
 */
export function hookSeconds(handler: LifecycleHandler | undefined): number {
  if (handler === undefined) return 0;
  if (handler.sleep !== undefined) return Math.max(0, Number(handler.sleep.seconds ?? 0) || 0);
  const command = handler.exec?.command;
  if (command !== undefined) return Math.max(0, commandRunTime(command.map(String)) ?? 0);
  return 0;
}

/** The container's preStop hook's run time in seconds (0 without one). */
export const preStopSeconds = (c: Container): number =>
  c.lifecycle?.preStop === undefined ? 0 : hookSeconds(c.lifecycle.preStop);

/** When a container has stopped after its kill, and whether the runtime's SIGKILL ended it. */
export interface ContainerStop {
  /** Seconds from the kill (the Killing event) to the container's exit. */
  after: number;
  /** The application was still running when the StopContainer timeout passed. */
  killed: boolean;
}

/**
 * killContainer's timing for a container whose hook runs `hook` seconds, with grace period
 * `grace` and an application that stops `shutdown` seconds after SIGTERM. The hook runs only
 * when the period is above 0; the SIGTERM timeout is the period less the hook's whole seconds,
 * at least 2 s once a hook has run. Without a hook the 2-s floor is not applied: it would only
 * change periods of 0 and 1 s (a `--grace-period=1` delete, a probe kill with
 * terminationGracePeriodSeconds 0), which keep min(pod.shutdown, period) as before.
 *
 * Examples (shutdown 1): hook 0, grace 30 → 1, clean; hook 5, grace 30 → 6, clean; hook 40,
 * grace 30 → 30 + 1 (the 2-s minimum), clean; with shutdown 5: hook 40, grace 30 → 32, killed;
 * hook 0, grace 30, shutdown 45 → 30, killed.
 */
export function containerStop(hook: number, grace: number, shutdown: number): ContainerStop {
  const period = Math.max(0, grace);
  const ran = hook > 0 && period > 0 ? Math.min(hook, period) : 0;
  let timeout = period - Math.trunc(ran);
  if (ran > 0 && timeout < MINIMUM_GRACE_PERIOD_SECONDS) timeout = MINIMUM_GRACE_PERIOD_SECONDS;
  const sigterm = Math.max(0, shutdown);
  return { after: ran + Math.min(sigterm, timeout), killed: sigterm >= timeout };
}
