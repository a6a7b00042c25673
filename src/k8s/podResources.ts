/**
 * A pod's resource requests and limits as Kubernetes adds them up
 * (k8s.io/component-helpers/resource PodRequests/PodLimits, which the scheduler's
 * computePodResourceRequest, `kubectl describe node` and the cluster autoscaler all use):
 * the containers' requests summed, then raised to any init container's request (init
 * containers run one at a time, before the others), plus spec.overhead.
 *
 * Example: containers 100m and 200m, one init container of 500m → 500m; with init 250m → 300m.
 *
 * CPU is in millicores (MilliValue, rounded up), memory in bytes (Value, rounded up). A
 * quantity that does not parse counts as 0 here: admission has refused it already.
 */
import { isQuantityError, parseQuantity, Quantity, type QuantityFormat } from "./quantity.ts";
import type { Container, PodSpec, ResourceList } from "./types.ts";

export interface Resources {
  /** Millicores. */
  cpu: number;
  /** Bytes. */
  memory: number;
}

/**
 * pkg/scheduler/util DefaultMilliCPURequest and DefaultMemoryRequest: what the scheduler's
 * scoring (never its filtering) counts for a container that requests nothing, so that many
 * zero-request pods are not all put on one node.
 */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

const milliOf = (q: string | undefined): number => {
  if (q === undefined) return 0;
  const p = parseQuantity(q);
  return isQuantityError(p) ? 0 : p.milliValue();
};

const bytesOf = (q: string | undefined): number => {
  if (q === undefined) return 0;
  const p = parseQuantity(q);
  return isQuantityError(p) ? 0 : p.value();
};

/** A resource list's cpu (millicores) and memory (bytes). */
export function resourcesOf(list: ResourceList | undefined): Resources {
  return { cpu: milliOf(list?.cpu), memory: bytesOf(list?.memory) };
}

type Pick = (c: Container) => Resources;

/** Sum over containers, max with each init container, plus the overhead (PodRequests). */
function aggregate(spec: PodSpec, pick: Pick): Resources {
  const total = { cpu: 0, memory: 0 };
  for (const c of spec.containers ?? []) {
    const r = pick(c);
    total.cpu += r.cpu;
    total.memory += r.memory;
  }
  for (const c of spec.initContainers ?? []) {
    const r = pick(c);
    total.cpu = Math.max(total.cpu, r.cpu);
    total.memory = Math.max(total.memory, r.memory);
  }
  const overhead = resourcesOf(spec.overhead as ResourceList | undefined);
  total.cpu += overhead.cpu;
  total.memory += overhead.memory;
  return total;
}

/** What a container requests (admission has copied limits into missing requests: defaults.ts defaultPod). */
const containerRequests: Pick = (c) => resourcesOf(c.resources?.requests);

export function podRequests(pod: { spec: PodSpec }): Resources {
  return aggregate(pod.spec, containerRequests);
}

export function podLimits(pod: { spec: PodSpec }): Resources {
  return aggregate(pod.spec, (c) => resourcesOf(c.resources?.limits));
}

/**
 * The scheduler's non-zero requests (schedutil.GetNonzeroRequestForResource per container):
 * a container that requests no CPU counts 100m, no memory 200Mi. Scoring uses these, the fit
 * filter the plain requests. Example: one container with no requests → {cpu: 100, memory: 200Mi}.
 */
export function podNonZeroRequests(pod: { spec: PodSpec }): Resources {
  return aggregate(pod.spec, (c) => {
    const r = containerRequests(c);
    return {
      cpu: r.cpu === 0 ? DEFAULT_MILLI_CPU_REQUEST : r.cpu,
      memory: r.memory === 0 ? DEFAULT_MEMORY_REQUEST : r.memory,
    };
  });
}

/**
 * The format a sum of quantities prints in: Quantity.Add keeps the receiver's, which is the
 * first one added (`kubectl describe node` adds the pods' requests in order). DecimalSI when
 * there is none.
 */
export function firstFormat(quantities: readonly (string | undefined)[]): QuantityFormat {
  for (const q of quantities) {
    if (q === undefined) continue;
    const p = parseQuantity(q);
    if (!isQuantityError(p)) return p.format;
  }
  return "DecimalSI";
}

/** Millicores as a Quantity prints them ("0", "500m", "2"). */
export const cpuText = (milli: number): string => Quantity.fromMilli(milli).toString();

/** Bytes as a Quantity of the given format prints them ("0", "200Mi", "1G"). */
export const memoryText = (bytes: number, format: QuantityFormat = "BinarySI"): string =>
  Quantity.fromValue(bytes, format).toString();
