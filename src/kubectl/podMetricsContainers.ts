/**
 * The containers of a PodMetrics as metrics-server serves them: every container the kubelet's
 * resource metrics report for the pod (metrics-server pkg/storage/pod.go `GetMetrics`: one
 * ContainerMetrics per container point of the last scrape), native sidecars (init containers
 * with restartPolicy Always, KEP-753) included, since cAdvisor measures each running container
 * alike. Replicast's workload model gives a pod's usage to its app containers: the `load`
 * statements describe what the application serves. A sidecar takes none of it and is reported
 * at 0 CPU and 0 memory while it runs — present in `kubectl top pod --containers`, the pod's
 * totals and what the HPA reads unchanged.
 */
import type { PodResourceSample } from "../engine/metrics/types.ts";
import type { Pod } from "../k8s/types.ts";
import { dict, hasOwn } from "../k8s/safeKeys.ts";

const IDLE = Object.freeze({ cpu: 0, memory: 0 });

/** The sample's containers, the pod's running sidecars first (the pod spec's order: init containers come first). */
export function podMetricsContainers(
  pod: Pod | undefined,
  sample: PodResourceSample,
): PodResourceSample["containers"] {
  const inits = pod?.spec.initContainers;
  if (inits === undefined || !inits.some((c) => c.restartPolicy === "Always")) return sample.containers;
  const containers: PodResourceSample["containers"] = dict();
  for (const c of inits) {
    if (c.restartPolicy !== "Always" || hasOwn(sample.containers, c.name)) continue;
    const running = pod?.status.initContainerStatuses?.find((s) => s.name === c.name)?.state?.running;
    if (running !== undefined) containers[c.name] = IDLE;
  }
  return Object.assign(containers, sample.containers);
}
