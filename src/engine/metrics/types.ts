/**
 * What the HPA controller can read from the metrics APIs, as the simulated metrics pipeline
 * serves it (metrics.k8s.io from metrics-server; custom.metrics.k8s.io and
 * external.metrics.k8s.io from an adapter such as prometheus-adapter).
 * Values are in milli-units (millicores for CPU, milli-bytes are not used: memory in bytes
 * × 1000 is milli-bytes, exactly as Kubernetes' MilliValue() reads a quantity).
 */
import type { LabelSelector, Pod, Time } from "../../k8s/types.ts";

/** One metrics-server sample for a pod: the latest scrape. */
export interface PodResourceSample {
  pod: string;
  /** End of the sample's window. */
  timestamp: Time;
  /** Window length in seconds (CPU is the average over it; memory is the working set at its end). */
  window: number;
  /** Per container, in milli-units: cpu millicores, memory milli-bytes. */
  containers: Record<string, { cpu: number; memory: number }>;
}

/** A resource sample as resourceSampleViews gives it: a PodResourceSample but its pod. */
export interface ResourceSampleView {
  /** The sample's timestamp. */
  readonly t: Time;
  readonly window: number;
  readonly containers: PodResourceSample["containers"];
}

export interface CustomMetricSample {
  pod: string;
  valueMilli: number;
  timestamp: Time;
  window: number;
}

/** The metrics APIs as one HPA reads them: every query is about its own namespace (pods by name). */
export interface MetricsClient {
  /**
   * Latest resource sample of each pod that has one (metrics.k8s.io), or the API's error when
   * it cannot answer (metrics-server down: a 503 from the aggregator).
   */
  resourceSamples(podNames: readonly string[]): PodResourceSample[] | { error: string };
  /**
   * The same answer written into `views` by each pod's index in `podNames` (undefined for a
   * pod without a sample), instead of as a list of sample objects made for the call: an HPA
   * over thousands of pods asks at every sync that computes, and the list was most of what
   * such a sync allocated. A view is to be read before the next scrape, which changes it (pods
   * that share their values may be given the same view); its `containers` object is never
   * changed and may be kept. The number of pods with a sample, or the API's error. A client
   * without it is read through resourceSamples.
   */
  resourceSampleViews?(
    podNames: readonly string[],
    views: (ResourceSampleView | undefined)[],
  ): number | { error: string };
  /**
   * The same answer by runs of consecutive pods of `podNames` that share one view: the pods
   * from `ends[k - 1]` (0 for the first run) up to `ends[k]` have `views[k]`, or no sample
   * when it is undefined. Pods that share a sample mostly come one after another (a
   * workload's pods, created together), so an HPA that computes at every change of the load
   * reads a few runs, not each pod's sample by name. The views are read as
   * resourceSampleViews' are; the error as there. `pods`, when given, are the pods named, in
   * the same order (the client may carry what it found for the pods of the last list asked).
   */
  resourceSampleRuns?(
    podNames: readonly string[],
    pods?: readonly Pod[],
  ): { ends: ArrayLike<number>; views: readonly (ResourceSampleView | undefined)[] } | { error: string };
  /**
   * When the API answers, what its resource samples can be known by (MetricsServer
   * samplesState): while the generation stays, every sample kept its pod, containers' values
   * and window, and only its timestamp moved forward, never past `stampedUpTo`. Undefined when
   * the API does not answer, or for a client that cannot tell.
   */
  resourceSamplesState?(): { generation: number; stampedUpTo: Time } | undefined;
  /** custom.metrics.k8s.io per-pod values for a Pods metric. */
  podsMetric(metricName: string, podNames: readonly string[]): CustomMetricSample[];
  /** custom.metrics.k8s.io value of an object's metric; undefined when not served. */
  objectMetric(kind: string, name: string, metricName: string): number | undefined;
  /** external.metrics.k8s.io series values (milli) for a metric and selector; undefined when not served. */
  externalMetric(metricName: string, selector: LabelSelector | undefined): number[] | undefined;
}
