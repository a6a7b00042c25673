/**
 * Why a pod is (or was) Pending: kube-scheduler's cycles for it, read from the decisions the
 * scheduler recorded (src/engine/scheduling/kubeScheduler.ts, one per attempt): what moved
 * the pod to the attempt (its creation, a node added or changed, a pod deleted or bound, the
 * 5-minute leftover flush), then every node with the plugin that refused it and the numbers it
 * compared — the pod's requests against what is free — or its score, and the outcome: bound,
 * nominated by preemption (with the victims), or the FailedScheduling message.
 *
 * Example block:
 *   0s  attempt 1 (created): unschedulable
 *       0/2 nodes are available: 2 Insufficient cpu. preemption: …
 *       node-1  NodeResourcesFit: Insufficient cpu (requests 400m cpu, 200m free of 1; 2 pods)
 */
import type { NodeOutcome } from "../engine/scheduling/framework.ts";
import type { Decision, Trace } from "../engine/trace.ts";
import { Quantity } from "../k8s/quantity.ts";
import type { Explained } from "./explain.ts";

export function podDecisions(trace: Trace, name: string): Decision[] {
  const object = `Pod/${name}`;
  return trace.decisions.filter((d) => d.controller === "scheduler" && d.object === object);
}

const cpu = (milli: number): string => Quantity.fromMilli(milli).toString();
const memory = (bytes: number): string => Quantity.fromValue(bytes, "BinarySI").toString();

/** The numbers behind a refusal, in the plugin's own terms. */
function numbers(n: NodeOutcome, requests: { cpu: number; memory: number }): string {
  const s = n.status!;
  if (s.plugin === "NodeResourcesFit") {
    const parts: string[] = [];
    for (const r of s.reasons) {
      if (r === "Insufficient cpu")
        parts.push(
          `requests ${cpu(requests.cpu)} cpu, ${cpu(Math.max(0, n.allocatable.cpu - n.requested.cpu))} free of ${cpu(n.allocatable.cpu)}`,
        );
      else if (r === "Insufficient memory")
        parts.push(
          `requests ${memory(requests.memory)} memory, ${memory(Math.max(0, n.allocatable.memory - n.requested.memory))} free of ${memory(n.allocatable.memory)}`,
        );
      else if (r === "Too many pods") parts.push(`${n.pods} pods of ${n.allocatable.pods}`);
    }
    return parts.length ? ` (${parts.join("; ")})` : "";
  }
  if (s.skew) {
    const k = s.skew;
    return ` (${k.topologyKey}=${k.domain}: ${k.matchNum} matching + ${k.selfMatch} − ${k.minMatch} in the emptiest domain = ${k.matchNum + k.selfMatch - k.minMatch} > maxSkew ${k.maxSkew})`;
  }
  return "";
}

function nodeLine(
  n: NodeOutcome,
  width: number,
  requests: { cpu: number; memory: number },
  chosen?: string,
): string {
  const name = n.node.padEnd(width);
  if (!n.status) {
    const score = n.score === undefined ? "" : `, score ${n.score}`;
    return `${name}  fits${score}${n.node === chosen ? " (chosen)" : ""}`;
  }
  const plugin = n.status.plugin ? `${n.status.plugin}: ` : "";
  return `${name}  ${plugin}${n.status.reasons.join(", ")}${numbers(n, requests)}`;
}

function lines(d: Decision): string[] {
  const i = d.inputs as {
    requests: { cpu: number; memory: number };
    nodes: NodeOutcome[];
    node?: string;
    message?: string;
    nominated?: string;
    victims?: string[];
  };
  const out: string[] = [];
  if (i.message) out.push(i.message);
  if (i.nominated)
    out.push(`preemption: nominated to ${i.nominated}, deleting ${(i.victims ?? []).join(", ")}`);
  if (!i.nodes.length) out.push("no node in the cluster");
  const width = Math.max(0, ...i.nodes.map((n) => n.node.length));
  for (const n of i.nodes) out.push(nodeLine(n, width, i.requests, i.node));
  return out;
}

export function podExplained(d: Decision): Explained {
  return {
    t: d.t,
    step: () => ({
      kind: "step",
      t: d.t,
      action: d.action,
      title: `attempt ${String(d.inputs.attempt)} (${String(d.inputs.trigger)}): ${d.summary}`,
      lines: lines(d),
      numbers: d.inputs,
    }),
  };
}
