/**
 * How a pod's usage divides among its containers: by their requests of the resource, else
 * evenly. metrics-server reports usage per container (its samples) and the kubelet's OOM
 * check compares each container's share of the pod's working set with that container's limit.
 * Example: requests 100Mi and 300Mi → shares 0.25 and 0.75; no memory requests on two
 * containers → 0.5 each.
 */
import type { Pod } from "../../k8s/types.ts";
import { parseMilli } from "../controllers/hpa/quantity.ts";

export function containerShares(
  pod: Pod,
  resource: "cpu" | "memory",
): readonly (readonly [string, number])[] {
  let known = sharesOf.get(pod.spec.containers);
  if (!known) sharesOf.set(pod.spec.containers, (known = {}));
  return (known[resource] ??= shares(pod.spec.containers, resource));
}

/** One container's shares of its pod's CPU and memory usage. */
export interface ContainerSplit {
  name: string;
  cpu: number;
  memory: number;
}

/**
 * Both shares of every container, in the order of the memory shares (the containers' order),
 * a container without a CPU share at 0: what metrics-server splits a pod's sample by.
 * Worked out afresh, nothing kept per pod: metrics-server asks once per pod it sees Running
 * (metricsServer.ts runningPods), and every pod has a containers list of its own, so a cache
 * by list held a split and two shares lists per pod for as long as the pod lived.
 */
export function containerSplit(pod: Pod): readonly ContainerSplit[] {
  const containers = pod.spec.containers;
  // The pods of a workload come one after another with the same containers: the names and
  // raw CPU and memory requests (all the shares read) the last split was made from tell it.
  if (sameRequests(lastInputs, containers)) return lastSplit!;
  const cpu = shares(containers, "cpu");
  const split = interned(
    shares(containers, "memory").map(([name, memory]) => ({
      name,
      cpu: cpu.find(([c]) => c === name)?.[1] ?? 0,
      memory,
    })),
  );
  lastInputs = containers.flatMap((c) => [c.name, c.resources?.requests?.cpu, c.resources?.requests?.memory]);
  lastSplit = split;
  return split;
}

/** Each container's name, CPU and memory request (raw) the last split was made from, in order. */
let lastInputs: unknown[] = [];
let lastSplit: readonly ContainerSplit[] | undefined;

/** Whether a containers list has these names and CPU and memory requests (raw), in order. */
function sameRequests(inputs: readonly unknown[], containers: Pod["spec"]["containers"]): boolean {
  if (lastSplit === undefined || inputs.length !== containers.length * 3) return false;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i];
    if (
      inputs[3 * i] !== c.name ||
      inputs[3 * i + 1] !== c.resources?.requests?.cpu ||
      inputs[3 * i + 2] !== c.resources?.requests?.memory
    )
      return false;
  }
  return true;
}

/**
 * One frozen split per distinct content: the pods of a workload then share one (a scrape
 * compares the splits of consecutive pods, and the same object is equal without a look).
 * Bounded, as a hostile scenario may write many different pods.
 */
const internedSplits = new Map<string, readonly ContainerSplit[]>();
const INTERNED_LIMIT = 4096;

function interned(split: ContainerSplit[]): readonly ContainerSplit[] {
  // JSON of the names and the shares' exact values (JSON prints a number's shortest round trip).
  const key = JSON.stringify(split.map((c) => [c.name, c.cpu, c.memory]));
  const known = internedSplits.get(key);
  if (known) return known;
  if (internedSplits.size >= INTERNED_LIMIT) internedSplits.clear();
  const frozen = Object.freeze(split.map((c) => Object.freeze(c)));
  internedSplits.set(key, frozen);
  return frozen;
}

/**
 * Shares kept per containers list: a stored pod's spec is never changed in place, and every
 * scrape splits every running pod's usage again.
 */
const sharesOf = new WeakMap<
  Pod["spec"]["containers"],
  Partial<Record<"cpu" | "memory", readonly (readonly [string, number])[]>>
>();

function shares(containers: Pod["spec"]["containers"], resource: "cpu" | "memory"): [string, number][] {
  const reqs = containers.map((c) => [c.name, parseMilli(c.resources?.requests?.[resource]) ?? 0] as const);
  const total = reqs.reduce((a, [, r]) => a + r, 0);
  if (total === 0) return reqs.map(([n]) => [n, 1 / reqs.length]);
  return reqs.map(([n, r]) => [n, r / total]);
}
