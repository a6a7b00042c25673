/**
 * The Kubernetes objects Replicast models, shaped as the API shapes them (apps/v1, v1,
 * autoscaling/v2) so that `kubectl get -o yaml` and real manifests round-trip.
 *
 * Conventions:
 * - Times are simulated seconds since the run started (`Time`); printers turn them into
 *   RFC 3339 timestamps from a fixed epoch (see `src/k8s/time.ts`).
 * - Quantities stay as written (`"50m"`, `"1Gi"`); `src/k8s/quantity.ts` parses them.
 * - Fields the model does not use (ports, volumes, securityContext…) are kept through the
 *   open index signatures, so nothing a user wrote is lost.
 * - Objects read from the store are never mutated: writers clone, change, and write back.
 */

/** Simulated seconds since the start of the run. */
export type Time = number;

export type IntOrString = number | string;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  generateName?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: Time;
  deletionTimestamp?: Time;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [other: string]: unknown;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

/** Resource quantities as written in the manifest, e.g. `{ cpu: "50m", memory: "50Mi" }`. */
export type ResourceList = Record<string, string>;

export interface ResourceRequirements {
  requests?: ResourceList;
  limits?: ResourceList;
}

export interface Probe {
  initialDelaySeconds?: number;
  periodSeconds?: number;
  successThreshold?: number;
  failureThreshold?: number;
  timeoutSeconds?: number;
  [handler: string]: unknown;
}

/** A lifecycle hook's handler (core/v1 LifecycleHandler): one of exec, httpGet, tcpSocket, sleep. */
export interface LifecycleHandler {
  exec?: { command?: string[] };
  /** PodLifecycleSleepAction (beta and on by default from 1.30). */
  sleep?: { seconds?: number };
  [handler: string]: unknown;
}

export interface Lifecycle {
  postStart?: LifecycleHandler;
  preStop?: LifecycleHandler;
}

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  resources?: ResourceRequirements;
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  lifecycle?: Lifecycle;
  imagePullPolicy?: string;
  /** "Always" on an init container makes it a sidecar (SidecarContainers, KEP-753). */
  restartPolicy?: string;
  [other: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
  nodeName?: string;
  restartPolicy?: string;
  /** Labels a node must carry (the NodeAffinity filter plugin reads it with spec.affinity). */
  nodeSelector?: Record<string, string>;
  affinity?: Affinity;
  tolerations?: Toleration[];
  /** The PodTopologySpread plugin's constraints. */
  topologySpreadConstraints?: TopologySpreadConstraint[];
  [other: string]: unknown;
}

// ---------------------------------------------------------------- scheduling: taints, tolerations, node affinity

export type TaintEffect = "NoSchedule" | "PreferNoSchedule" | "NoExecute";

export interface Taint {
  key: string;
  value?: string;
  effect: TaintEffect;
  /** Set for NoExecute taints, when the taint was added. */
  timeAdded?: Time;
}

export interface Toleration {
  key?: string;
  /** "Equal" when absent. */
  operator?: "Exists" | "Equal";
  value?: string;
  /** Every effect when absent. */
  effect?: TaintEffect;
  tolerationSeconds?: number;
}

export interface NodeSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt";
  values?: string[];
}

/** Requirements ANDed; the terms of a NodeSelector are ORed. */
export interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

export interface Affinity {
  nodeAffinity?: {
    requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms: NodeSelectorTerm[] };
    preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; preference: NodeSelectorTerm }[];
  };
  podAffinity?: PodAffinity;
  podAntiAffinity?: PodAffinity;
  [other: string]: unknown;
}

/** A pod (anti-)affinity term: pods matching labelSelector in the namespaces, in the same topologyKey domain. */
export interface PodAffinityTerm {
  labelSelector?: LabelSelector;
  namespaces?: string[];
  namespaceSelector?: LabelSelector;
  topologyKey: string;
}

export interface PodAffinity {
  requiredDuringSchedulingIgnoredDuringExecution?: PodAffinityTerm[];
  preferredDuringSchedulingIgnoredDuringExecution?: { weight: number; podAffinityTerm: PodAffinityTerm }[];
}

export interface TopologySpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: "DoNotSchedule" | "ScheduleAnyway";
  labelSelector?: LabelSelector;
  minDomains?: number;
  nodeAffinityPolicy?: "Honor" | "Ignore";
  nodeTaintsPolicy?: "Honor" | "Ignore";
  matchLabelKeys?: string[];
}

export interface PodTemplateSpec {
  metadata: {
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [other: string]: unknown;
  };
  spec: PodSpec;
}

export type ConditionStatus = "True" | "False" | "Unknown";

// ---------------------------------------------------------------- apps/v1 Deployment

export interface RollingUpdateDeployment {
  maxSurge?: IntOrString;
  maxUnavailable?: IntOrString;
}

export interface DeploymentStrategy {
  type: "RollingUpdate" | "Recreate";
  rollingUpdate?: RollingUpdateDeployment;
}

/** After defaulting every field here is set (see docs/kubernetes/deploy-semantics.md §1). */
export interface DeploymentSpec {
  replicas: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  strategy: DeploymentStrategy;
  minReadySeconds: number;
  revisionHistoryLimit: number;
  progressDeadlineSeconds: number;
  paused?: boolean;
  [other: string]: unknown;
}

export interface DeploymentCondition {
  type: "Available" | "Progressing" | "ReplicaFailure";
  status: ConditionStatus;
  reason: string;
  message: string;
  lastUpdateTime: Time;
  lastTransitionTime: Time;
}

export interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  unavailableReplicas?: number;
  conditions?: DeploymentCondition[];
  collisionCount?: number;
}

export interface Deployment {
  apiVersion: "apps/v1";
  kind: "Deployment";
  metadata: ObjectMeta;
  spec: DeploymentSpec;
  status: DeploymentStatus;
}

// ---------------------------------------------------------------- apps/v1 ReplicaSet

export interface ReplicaSetSpec {
  replicas: number;
  minReadySeconds: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
}

export interface ReplicaSetCondition {
  type: "ReplicaFailure";
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: Time;
}

export interface ReplicaSetStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaSetCondition[];
}

export interface ReplicaSet {
  apiVersion: "apps/v1";
  kind: "ReplicaSet";
  metadata: ObjectMeta;
  spec: ReplicaSetSpec;
  status: ReplicaSetStatus;
}

// ---------------------------------------------------------------- apps/v1 StatefulSet

export interface RollingUpdateStatefulSetStrategy {
  /** Ordinals below the partition keep the current revision (default 0). */
  partition?: number;
  /** MaxUnavailableStatefulSet (alpha in 1.28): how many pods may be down during an update. */
  maxUnavailable?: IntOrString;
}

export interface StatefulSetUpdateStrategy {
  type: "RollingUpdate" | "OnDelete";
  rollingUpdate?: RollingUpdateStatefulSetStrategy;
}

/** A PersistentVolumeClaim template (spec.volumeClaimTemplates), kept as written. */
export interface PersistentVolumeClaimTemplate {
  metadata: {
    name: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [other: string]: unknown;
  };
  spec?: {
    accessModes?: string[];
    storageClassName?: string;
    resources?: { requests?: ResourceList; limits?: ResourceList };
    [other: string]: unknown;
  };
  [other: string]: unknown;
}

/** After defaulting every field here but `ordinals` and `maxUnavailable` is set (SetDefaults_StatefulSet). */
export interface StatefulSetSpec {
  replicas: number;
  selector: LabelSelector;
  template: PodTemplateSpec;
  serviceName: string;
  podManagementPolicy: "OrderedReady" | "Parallel";
  updateStrategy: StatefulSetUpdateStrategy;
  revisionHistoryLimit: number;
  minReadySeconds: number;
  volumeClaimTemplates?: PersistentVolumeClaimTemplate[];
  persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string; whenScaled?: string };
  /** StatefulSetStartOrdinal (beta in 1.27): the first ordinal. */
  ordinals?: { start?: number };
  [other: string]: unknown;
}

export interface StatefulSetCondition {
  type: string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastTransitionTime?: Time;
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  availableReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: StatefulSetCondition[];
}

export interface StatefulSet {
  apiVersion: "apps/v1";
  kind: "StatefulSet";
  metadata: ObjectMeta;
  spec: StatefulSetSpec;
  status: StatefulSetStatus;
}

/**
 * apps/v1 ControllerRevision: an immutable snapshot of a StatefulSet's (or DaemonSet's)
 * template, as a strategic-merge patch in `data`, numbered by `revision`.
 */
export interface ControllerRevision {
  apiVersion: "apps/v1";
  kind: "ControllerRevision";
  metadata: ObjectMeta;
  data?: unknown;
  revision: number;
  [other: string]: unknown;
}

// ---------------------------------------------------------------- v1 Pod

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

export interface PodCondition {
  /** DisruptionTarget: set by whoever is about to remove the pod (the kubelet's eviction manager here). */
  type: "PodScheduled" | "Initialized" | "ContainersReady" | "Ready" | "DisruptionTarget";
  status: ConditionStatus;
  lastTransitionTime: Time;
  /** The scheduler's "Unschedulable" on PodScheduled=False, with its FitError message. */
  reason?: string;
  message?: string;
}

/** v1 ContainerStateTerminated: how a container's last run ended (exit code 137 for a SIGKILL, e.g. OOMKilled). */
export interface ContainerStateTerminated {
  exitCode: number;
  reason?: string;
  message?: string;
  startedAt?: Time;
  finishedAt?: Time;
  /** The run that ended (`containerd://…`). */
  containerID?: string;
}

/** v1 ContainerState: at most one of running, waiting, terminated. */
export interface ContainerState {
  running?: { startedAt: Time };
  /** `CrashLoopBackOff` carries the kubelet's "back-off 20s restarting failed container=…" message. */
  waiting?: { reason: string; message?: string };
  terminated?: ContainerStateTerminated;
}

export interface ContainerStatus {
  name: string;
  /** As written until the container exists; then the runtime's name for it (kubelet/runtimeIds.ts). */
  image: string;
  /** The image's repo digest once the container exists, "" before (encoding/json writes it always). */
  imageID?: string;
  /** `containerd://…` of the current (or last) run, once one exists. */
  containerID?: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state?: ContainerState;
  /** The previous run's end (status.containerStatuses[].lastState.terminated), once restarted. */
  lastState?: ContainerState;
}

export interface PodStatus {
  phase: PodPhase;
  /** Why the pod is in its phase, when the kubelet says ("Evicted"), and its message. */
  reason?: string;
  message?: string;
  conditions?: PodCondition[];
  startTime?: Time;
  /** The node preemption made room on, set by the scheduler until the pod is bound there or elsewhere. */
  nominatedNodeName?: string;
  hostIP?: string;
  podIP?: string;
  initContainerStatuses?: ContainerStatus[];
  containerStatuses?: ContainerStatus[];
}

export interface Pod {
  apiVersion: "v1";
  kind: "Pod";
  metadata: ObjectMeta;
  spec: PodSpec;
  status: PodStatus;
}

// ---------------------------------------------------------------- v1 Service, ConfigMap

export interface Service {
  apiVersion: "v1";
  kind: "Service";
  metadata: ObjectMeta;
  spec: { selector?: Record<string, string>; type?: string; ports?: unknown[]; [other: string]: unknown };
  status?: Record<string, unknown>;
}

export interface ConfigMap {
  apiVersion: "v1";
  kind: "ConfigMap";
  metadata: ObjectMeta;
  data?: Record<string, string>;
  binaryData?: Record<string, string>;
  [other: string]: unknown;
}

// ---------------------------------------------------------------- autoscaling/v2 HPA
// Every served version (v1, v2beta1, v2beta2, v2) is converted to this one form.

export interface CrossVersionObjectReference {
  apiVersion?: string;
  kind: string;
  name: string;
}

export interface MetricTarget {
  type: "Utilization" | "Value" | "AverageValue";
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

export interface MetricIdentifier {
  name: string;
  selector?: LabelSelector;
}

export interface MetricSpec {
  type: "Resource" | "ContainerResource" | "Pods" | "Object" | "External";
  resource?: { name: string; target: MetricTarget };
  containerResource?: { name: string; container: string; target: MetricTarget };
  pods?: { metric: MetricIdentifier; target: MetricTarget };
  object?: { describedObject: CrossVersionObjectReference; metric: MetricIdentifier; target: MetricTarget };
  external?: { metric: MetricIdentifier; target: MetricTarget };
}

export interface HPAScalingPolicy {
  type: "Pods" | "Percent";
  value: number;
  periodSeconds: number;
}

export interface HPAScalingRules {
  stabilizationWindowSeconds?: number;
  selectPolicy?: "Max" | "Min" | "Disabled";
  policies?: HPAScalingPolicy[];
  /** HPAConfigurableTolerance: a quantity such as "0.05". */
  tolerance?: string;
}

export interface HorizontalPodAutoscalerBehavior {
  scaleUp?: HPAScalingRules;
  scaleDown?: HPAScalingRules;
}

export interface HorizontalPodAutoscalerSpec {
  scaleTargetRef: CrossVersionObjectReference;
  minReplicas?: number;
  maxReplicas: number;
  metrics?: MetricSpec[];
  behavior?: HorizontalPodAutoscalerBehavior;
}

export interface MetricValueStatus {
  value?: string;
  averageValue?: string;
  averageUtilization?: number;
}

export interface MetricStatus {
  type: MetricSpec["type"];
  resource?: { name: string; current: MetricValueStatus };
  containerResource?: { name: string; container: string; current: MetricValueStatus };
  pods?: { metric: MetricIdentifier; current: MetricValueStatus };
  object?: {
    describedObject: CrossVersionObjectReference;
    metric: MetricIdentifier;
    current: MetricValueStatus;
  };
  external?: { metric: MetricIdentifier; current: MetricValueStatus };
}

export interface HorizontalPodAutoscalerCondition {
  type: "AbleToScale" | "ScalingActive" | "ScalingLimited";
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: Time;
}

export interface HorizontalPodAutoscalerStatus {
  observedGeneration?: number;
  lastScaleTime?: Time;
  currentReplicas: number;
  desiredReplicas: number;
  currentMetrics?: MetricStatus[];
  conditions?: HorizontalPodAutoscalerCondition[];
}

export interface HorizontalPodAutoscaler {
  apiVersion: "autoscaling/v2";
  kind: "HorizontalPodAutoscaler";
  metadata: ObjectMeta;
  spec: HorizontalPodAutoscalerSpec;
  status: HorizontalPodAutoscalerStatus;
}

// ---------------------------------------------------------------- v1 Node

export interface NodeCondition {
  type: "Ready" | "MemoryPressure" | "DiskPressure" | "PIDPressure" | "NetworkUnavailable" | string;
  status: ConditionStatus;
  reason?: string;
  message?: string;
  lastHeartbeatTime?: Time;
  lastTransitionTime?: Time;
}

export interface NodeSystemInfo {
  machineID?: string;
  systemUUID?: string;
  bootID?: string;
  kernelVersion?: string;
  osImage?: string;
  containerRuntimeVersion?: string;
  kubeletVersion?: string;
  kubeProxyVersion?: string;
  operatingSystem?: string;
  architecture?: string;
}

export interface NodeSpec {
  /** Cordoned: the scheduler places no new pod here (the NodeUnschedulable filter plugin). */
  unschedulable?: boolean;
  taints?: Taint[];
  podCIDR?: string;
  podCIDRs?: string[];
  providerID?: string;
  [other: string]: unknown;
}

export interface NodeStatus {
  capacity?: ResourceList;
  allocatable?: ResourceList;
  conditions?: NodeCondition[];
  addresses?: { type: string; address: string }[];
  nodeInfo?: NodeSystemInfo;
  [other: string]: unknown;
}

/** A Node is cluster-scoped: it has no namespace. */
export interface Node {
  apiVersion: "v1";
  kind: "Node";
  metadata: ObjectMeta;
  spec: NodeSpec;
  status: NodeStatus;
}

// ---------------------------------------------------------------- policy/v1 PodDisruptionBudget

export interface PodDisruptionBudgetSpec {
  minAvailable?: IntOrString;
  maxUnavailable?: IntOrString;
  selector?: LabelSelector;
  /** "IfHealthyBudget" (the default behaviour) or "AlwaysAllow". */
  unhealthyPodEvictionPolicy?: string;
  [other: string]: unknown;
}

export interface PodDisruptionBudgetCondition {
  type: "DisruptionAllowed";
  status: ConditionStatus;
  reason: string;
  message: string;
  lastTransitionTime: Time;
  observedGeneration?: number;
}

export interface PodDisruptionBudgetStatus {
  observedGeneration?: number;
  /** Pods the eviction API has let go and that are not gone yet, with when. */
  disruptedPods?: Record<string, Time>;
  disruptionsAllowed: number;
  currentHealthy: number;
  desiredHealthy: number;
  expectedPods: number;
  conditions?: PodDisruptionBudgetCondition[];
}

export interface PodDisruptionBudget {
  apiVersion: "policy/v1";
  kind: "PodDisruptionBudget";
  metadata: ObjectMeta;
  spec: PodDisruptionBudgetSpec;
  status: PodDisruptionBudgetStatus;
}

// ---------------------------------------------------------------- the union

export type KubeObject =
  | Deployment
  | ReplicaSet
  | StatefulSet
  | ControllerRevision
  | Pod
  | Service
  | ConfigMap
  | HorizontalPodAutoscaler
  | Node
  | PodDisruptionBudget;
export type Kind = KubeObject["kind"];
export type ObjectOfKind<K extends Kind> = Extract<KubeObject, { kind: K }>;

/** A Kubernetes Event as the event recorder emits it (before aggregation). */
export interface KubeEvent {
  time: Time;
  type: "Normal" | "Warning";
  reason: string;
  message: string;
  /** The object the event is about; `namespace` is the event's own (absent for a cluster-scoped object). */
  involvedObject: { kind: string; namespace?: string; name: string; uid?: string };
  /** The component, as `kubectl describe` shows under From: "deployment-controller"… */
  source: string;
}

export type EventDraft = Omit<KubeEvent, "time">;
