/** How the trace summarises a ReplicaSet: its counts, images, revision and terminating pods. */
import { controllerOf } from "../../owners.ts";
import type { ReplicaSet } from "../../types.ts";
import type { Summarizer } from "../descriptor.ts";
import { field, images, revisionOf } from "../summaries.ts";

export interface ReplicaSetSummary {
  deployment: string | undefined;
  revision: number;
  /** spec.replicas */
  replicas: number;
  /** status.replicas */
  pods: number;
  ready: number;
  available: number;
  images: Record<string, string>;
  /** Pods of this RS currently terminating (deletionTimestamp set, not yet gone). */
  terminating: number;
  exists: boolean;
}

function replicaSetSummary(rs: ReplicaSet, terminating: number, gone = false): ReplicaSetSummary {
  const s = rs.status ?? { replicas: 0 };
  return {
    deployment: controllerOf(rs)?.name,
    revision: revisionOf(rs),
    replicas: gone ? 0 : rs.spec.replicas,
    pods: gone ? 0 : (s.replicas ?? 0),
    ready: gone ? 0 : (s.readyReplicas ?? 0),
    available: gone ? 0 : (s.availableReplicas ?? 0),
    images: images(rs.spec.template),
    terminating: gone ? 0 : terminating,
    exists: !gone,
  };
}

export const replicaSetSummarizer: Summarizer<ReplicaSet, ReplicaSetSummary> = {
  summarize: (rs, gone, ctx) =>
    replicaSetSummary(rs, ctx.terminatingDependents("ReplicaSet", rs.metadata.name), gone),
  quantities: {
    replicas: field("replicas"),
    pods: field("pods"),
    ready: field("ready"),
    available: field("available"),
    revision: field("revision"),
  },
};
