/**
 * The catalogue of simulation settings (`set KEY = VALUE` in a scenario): the simulated
 * control plane's configuration — kube-controller-manager's HPA flags, metrics-server's
 * resolution, the kubelet's timing. Defaults are Kubernetes' own (docs/kubernetes/hpa-semantics.md
 * §1). The catalogue is the one place a setting is declared: the language checks keys against
 * it (with a did-you-mean), the docs list it, and the engine reads the typed `Settings`
 * (src/engine/settings.ts) built from it.
 */

/** `version`: a Kubernetes minor version written `1.N`, stored as N (`1.22` → 22). */
export type SettingType = "duration" | "number" | "integer" | "boolean" | "version";

export interface SettingInfo {
  key: string;
  type: SettingType;
  /** Default in the setting's unit: seconds for durations, the minor version for versions. */
  default: number | boolean;
  doc: string;
}

export const SETTINGS = [
  {
    key: "hpa.sync-period",
    type: "duration",
    default: 15,
    doc: "How often each HPA is reconciled (--horizontal-pod-autoscaler-sync-period).",
  },
  {
    key: "hpa.tolerance",
    type: "number",
    default: 0.1,
    doc: "Usage ratio band within which the HPA does not scale (--horizontal-pod-autoscaler-tolerance).",
  },
  {
    key: "hpa.downscale-stabilization",
    type: "duration",
    default: 300,
    doc: "Scale-down stabilization window (--horizontal-pod-autoscaler-downscale-stabilization).",
  },
  {
    key: "hpa.cpu-initialization-period",
    type: "duration",
    default: 300,
    doc: "CPU samples of pods younger than this are set aside unless the pod is ready and a full window has passed (--horizontal-pod-autoscaler-cpu-initialization-period).",
  },
  {
    key: "hpa.initial-readiness-delay",
    type: "duration",
    default: 30,
    doc: "Readiness changes within this time after start count as initial readiness (--horizontal-pod-autoscaler-initial-readiness-delay).",
  },
  {
    key: "hpa.scale-up-limit-factor",
    type: "number",
    default: 2,
    doc: "Legacy scale-up cap factor: max(factor × current, minimum). Kubernetes' constant; tests of the upstream suite use 8.",
  },
  { key: "hpa.scale-up-limit-minimum", type: "number", default: 4, doc: "Legacy scale-up cap minimum." },
  {
    key: "metrics.resolution",
    type: "duration",
    default: 15,
    doc: "metrics-server scrape interval; a CPU sample is the average usage over this window.",
  },
  {
    key: "metrics.custom-window",
    type: "duration",
    default: 60,
    doc: "Window reported with custom-metrics samples (the HPA's metrics client assumes 1m when the adapter reports none).",
  },
  {
    key: "metrics.custom-scrape-interval",
    type: "duration",
    default: 60,
    doc: "How often Prometheus scrapes the pods' custom metrics (its global scrape_interval defaults to 1m).",
  },
  {
    key: "metrics.custom-rate-window",
    type: "duration",
    default: 300,
    doc: "The range of rate() in the adapter's query for a request counter (prometheus-adapter's --rate-interval defaults to 5m).",
  },
  {
    key: "latency.timeout",
    type: "duration",
    default: 60,
    doc: "Clients give up after this: latency is never above it, and requests beyond the pods' capacity wait it out and are dropped (ingress-nginx's proxy-read-timeout defaults to 60s).",
  },
  {
    key: "pod.startup",
    type: "duration",
    default: 2,
    doc: "Time from pod creation to the kubelet creating its containers (scheduling, sandbox); an image pull adds `image.pull-time`.",
  },
  {
    key: "image.pull-time",
    type: "duration",
    default: 1,
    doc: "How long the kubelet takes to pull an image (imagePullPolicy Always, or IfNotPresent on a node without the image); the container starts after it (a property of the registry and the network, not a Kubernetes setting).",
  },
  {
    key: "pod.init-duration",
    type: "duration",
    default: 1,
    doc: "How long a regular init container runs when its command does not say (a `sleep N`, or a shell script of simple commands and sleeps, is read from the spec): a short setup step such as copying a configuration or a schema migration against a database that is up (a property of the application, not a Kubernetes setting).",
  },
  {
    key: "job.runtime",
    type: "duration",
    default: 10,
    doc: "How long a Job's pod runs before its containers exit 0 when their command does not say (a `sleep N`, or a shell script of simple commands and sleeps, is read from the spec, as for an init container): a short batch step such as a migration or a seeder (a property of the application, not a Kubernetes setting).",
  },
  {
    key: "app.startup-time",
    type: "duration",
    default: 0,
    doc: "How long a container's application takes, after each start, before it answers its probes: until then its startup, liveness and readiness probes fail (a JVM warming up, a cache loading; 0: it answers at once, and no probe ever fails).",
  },
  {
    key: "pod.shutdown",
    type: "duration",
    default: 1,
    doc: "How long a container's application takes to stop after SIGTERM; never beyond terminationGracePeriodSeconds less the time its preStop hook ran (at least 2 s after a hook: kubelet's killContainer, minimumGracePeriodInSeconds). A `lifecycle.preStop` hook runs first, cut at the grace period: an `exec` whose command is a `sleep N` or a shell script of simple commands and sleeps runs that long (read as an init container's command is), the `sleep: {seconds: N}` action runs N s; `httpGet`, `tcpSocket` and any other `exec` take 0 s (what they cost is not in the spec). The pod is removed when its slowest container has stopped.",
  },
  {
    key: "fault.crash-after",
    type: "duration",
    default: 1,
    doc: "How long a container runs after each start before it exits again while a `fault crash` lasts (an application that fails at start-up, e.g. on a bad configuration).",
  },
  {
    key: "pod.cpu-baseline",
    type: "number",
    default: 0,
    doc: "Millicores every running pod uses with no load (0: usage is exactly the load).",
  },
  {
    key: "pod.memory-baseline",
    type: "number",
    default: 0,
    doc: "Bytes of memory every running pod uses with no load.",
  },
  {
    key: "memory.retain",
    type: "boolean",
    default: false,
    doc: "Memory, once used, is never given back to the OS (seed 001: the memory HPA that never scales down).",
  },
  {
    key: "scheduler.pod-initial-backoff",
    type: "duration",
    default: 1,
    doc: "Backoff after a pod's first failed scheduling attempt, doubled per attempt (kube-scheduler's podInitialBackoffSeconds).",
  },
  {
    key: "scheduler.pod-max-backoff",
    type: "duration",
    default: 10,
    doc: "The longest backoff between scheduling attempts of a pod (kube-scheduler's podMaxBackoffSeconds).",
  },
  {
    key: "storage.provision-time",
    type: "duration",
    default: 2,
    doc: "How long a StorageClass's provisioner takes from the claim to the volume it creates (local-path-provisioner, kind's default, runs a helper pod that makes the volume's directory; docs/storage.md).",
  },
  {
    key: "storage.resize-time",
    type: "duration",
    default: 5,
    doc: "How long a CSI driver's ControllerExpandVolume takes to grow a claim's volume, from the external resizer's `Resizing` to the volume's new capacity (a cloud disk's resize returns in seconds; docs/storage.md).",
  },
  {
    key: "nodes.provision-time",
    type: "duration",
    default: 120,
    doc: "How long the cloud takes from the autoscaler's request to the new node registering Ready (a property of the cloud, not a cluster-autoscaler flag; `autoscale nodes … provision D` sets it per pool).",
  },
  {
    key: "autoscaler.scan-interval",
    type: "duration",
    default: 10,
    doc: "How often the cluster autoscaler looks at the cluster (--scan-interval).",
  },
  {
    key: "autoscaler.scale-down-utilization-threshold",
    type: "number",
    default: 0.5,
    doc: "A node whose pods request less than this share of its allocatable CPU and memory may be removed (--scale-down-utilization-threshold).",
  },
  {
    key: "autoscaler.scale-down-unneeded-time",
    type: "duration",
    default: 600,
    doc: "How long a node must be unneeded before it is removed (--scale-down-unneeded-time).",
  },
  {
    key: "autoscaler.scale-down-delay-after-add",
    type: "duration",
    default: 600,
    doc: "No scale-down for this long after a scale-up (--scale-down-delay-after-add).",
  },
  {
    key: "autoscaler.scale-down-delay-after-delete",
    type: "duration",
    default: 10,
    doc: "No scale-down for this long after a node is removed (--scale-down-delay-after-delete; its default is the scan interval).",
  },
  {
    key: "autoscaler.scale-down-delay-after-failure",
    type: "duration",
    default: 180,
    doc: "No scale-down for this long after a scale-down failed, e.g. a drain a PodDisruptionBudget kept refusing (--scale-down-delay-after-failure).",
  },
  {
    key: "autoscaler.scale-down-enabled",
    type: "boolean",
    default: true,
    doc: "Whether the cluster autoscaler removes nodes at all (--scale-down-enabled).",
  },
  {
    key: "podgc.terminated-pod-threshold",
    type: "integer",
    default: 12500,
    doc: "The pod garbage collector deletes the oldest terminated (Succeeded or Failed) pods beyond this many, evicted ones first; 0 keeps them all (--terminated-pod-gc-threshold).",
  },
  {
    key: "nodelifecycle.node-eviction-rate",
    type: "number",
    default: 0.1,
    doc: "Nodes per second the node lifecycle controller taints NoExecute (not-ready, unreachable) in a zone that is healthy or wholly down, one at a time (--node-eviction-rate).",
  },
  {
    key: "nodelifecycle.secondary-node-eviction-rate",
    type: "number",
    default: 0.01,
    doc: "The same rate in a zone partly down (--unhealthy-zone-threshold of its nodes not Ready), for a zone of more than --large-cluster-size-threshold nodes; a smaller zone partly down taints none (--secondary-node-eviction-rate).",
  },
  {
    key: "nodelifecycle.unhealthy-zone-threshold",
    type: "number",
    default: 0.55,
    doc: "The share of a zone's nodes not Ready (and at least 3 of them) from which the zone is partly disrupted and taints at the secondary rate (--unhealthy-zone-threshold).",
  },
  {
    key: "nodelifecycle.large-cluster-size-threshold",
    type: "integer",
    default: 50,
    doc: "A zone partly down taints at the secondary rate only when it has more nodes than this, else not at all (--large-cluster-size-threshold).",
  },
  {
    key: "cluster.nodes",
    type: "integer",
    default: 3,
    doc: "Without declared nodes: the number of nodes pods are spread over, with unlimited room (used by the scale-down ranking).",
  },
  {
    key: "kubectl.version",
    type: "version",
    default: 34,
    doc: "The kubectl (and API server) whose output a run prints: `1.22` prints HPA TARGETS as `0%/50%` and knows no `kubectl autoscale --cpu`; from `1.30` TARGETS read `cpu: 0%/50%`, from `1.34` `--cpu`/`--memory` exist and `--cpu-percent` is deprecated (src/kubectl/version.ts). The API server's deprecation warnings follow it: `Warning: v1 Endpoints is deprecated` from `1.33`, autoscaling/v2beta1 from `1.22`, v2beta2 from `1.23` (src/k8s/deprecations.ts).",
  },
  {
    key: "gate.max-unavailable-statefulset",
    type: "boolean",
    default: false,
    doc: "Feature gate MaxUnavailableStatefulSet (alpha in 1.28, off): a StatefulSet's rolling update takes down up to rollingUpdate.maxUnavailable pods at once instead of one.",
  },
  { key: "seed", type: "integer", default: 1, doc: "Seed for all randomness (pod name suffixes, hashes)." },
  // Limits (src/scenario/limits.ts): sizes no real scenario meets, refused before the run
  // (or, for what only the run can tell, stopping it with the partial report).
  {
    key: "limits.pods",
    type: "integer",
    default: 20000,
    doc: "Most pods in the cluster at once; a run that would pass it stops there, not passed.",
  },
  {
    key: "limits.pods-per-workload",
    type: "integer",
    default: 10000,
    doc: "Most replicas one Deployment or ReplicaSet may have: larger replicas in a manifest or a kubectl line are refused; a scale past it during the run stops the run.",
  },
  {
    key: "limits.duration",
    type: "duration",
    default: 31_622_400,
    doc: "Longest simulated run (366 days): a run, a statement or an expectation window past it is refused.",
  },
  {
    key: "limits.min-period",
    type: "duration",
    default: 1,
    doc: "Smallest hpa.sync-period, metrics.resolution, metrics.custom-window, metrics.custom-scrape-interval and autoscaler.scan-interval.",
  },
  { key: "limits.statements", type: "integer", default: 100000, doc: "Most statements in a scenario." },
  {
    key: "limits.manifests",
    type: "integer",
    default: 10000,
    doc: "Most manifest sources (heredocs, files, declared manifests) a scenario loads.",
  },
  {
    key: "limits.documents",
    type: "integer",
    default: 10000,
    doc: "Most YAML documents in all of a scenario's manifests together.",
  },
  {
    key: "limits.line-length",
    type: "integer",
    default: 1048576,
    doc: "Longest line of a scenario, in characters (1 MiB).",
  },
] as const satisfies readonly SettingInfo[];

export type SettingKey = (typeof SETTINGS)[number]["key"];

export const isSettingKey = (key: string): key is SettingKey => SETTINGS.some((s) => s.key === key);

export function settingInfo(key: string): SettingInfo | undefined {
  return SETTINGS.find((s) => s.key === key);
}
