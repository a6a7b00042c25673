/**
 * How the trace summarises a Pod. Its `available` changes with time alone under
 * minReadySeconds (Ready for longer than minReadySeconds, strictly), so the summariser asks to
 * be asked again then; the recorder does so at the next instant the loop settles after it.
 * Example: Ready at 10, minReadySeconds 5 → available from the first settle after 15.
 */
import { controllerOf } from "../../owners.ts";
import type { Pod } from "../../types.ts";
import type { Summarizer } from "../descriptor.ts";

export interface PodSummary {
  replicaSet: string | undefined;
  phase: string;
  ready: boolean;
  available: boolean;
  terminating: boolean;
  node: string | undefined;
  exists: boolean;
}

export const podSummarizer: Summarizer<Pod, PodSummary> = {
  summarize(pod, gone, ctx) {
    const rsName = controllerOf(pod)?.name;
    const terminating = pod.metadata.deletionTimestamp !== undefined;
    const readyCond = pod.status.conditions?.find((c) => c.type === "Ready");
    const ready = !gone && readyCond?.status === "True";
    let available = false;
    if (ready && readyCond) {
      const minReady = rsName
        ? (ctx.objects.get("ReplicaSet", pod.metadata.namespace ?? "", rsName)?.spec.minReadySeconds ?? 0)
        : 0;
      const after = readyCond.lastTransitionTime + minReady;
      // replicaset/replica_set_utils.go via podutil.IsPodAvailable: available once
      // lastTransitionTime + minReadySeconds is strictly before now.
      available = minReady <= 0 || after < ctx.now;
      if (!available && !terminating) ctx.recheckAfter(after);
    }
    return {
      replicaSet: rsName,
      phase: pod.status.phase,
      ready,
      available,
      terminating: !gone && terminating,
      node: pod.spec.nodeName,
      exists: !gone,
    };
  },
  quantities: {
    ready: { read: (s) => (s.ready ? 1 : 0) },
    available: { read: (s) => (s.available ? 1 : 0) },
  },
};
