/** How the trace summarises a Node: Ready or not, cordoned or not, and its pool. */
import type { Node } from "../../types.ts";
import type { Summarizer } from "../descriptor.ts";
import { isNodeReady, poolOf } from "./conditions.ts";

export interface NodeSummary {
  ready: boolean;
  /** spec.unschedulable: cordoned. */
  unschedulable: boolean;
  /** The pool (`nodes … named P`, the replicast.dev/pool label); undefined for a node of none. */
  pool: string | undefined;
  exists: boolean;
}

export const nodeSummarizer: Summarizer<Node, NodeSummary> = {
  summarize: (node, gone) => ({
    ready: !gone && isNodeReady(node),
    unschedulable: !gone && node.spec?.unschedulable === true,
    pool: poolOf(node),
    exists: !gone,
  }),
  quantities: {
    ready: { read: (s) => (s.ready ? 1 : 0) },
  },
};
