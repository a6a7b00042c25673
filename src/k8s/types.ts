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

export interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  resources?: ResourceRequirements;
  readinessProbe?: Probe;
  [other: string]: unknown;
}

export interface PodSpec {
  containers: Container[];
  initContainers?: Container[];
  terminationGracePeriodSeconds?: number;
  nodeName?: string;
  restartPolicy?: string;
  [other: string]: unknown;
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

// ---------------------------------------------------------------- v1 Pod

export type PodPhase = "Pending" | "Running" | "Succeeded" | "Failed" | "Unknown";

export interface PodCondition {
  type: "PodScheduled" | "Initialized" | "ContainersReady" | "Ready";
  status: ConditionStatus;
  lastTransitionTime: Time;
}

/** v1 ContainerStateTerminated: how a container's last run ended (exit code 137 for a SIGKILL, e.g. OOMKilled). */
export interface ContainerStateTerminated {
  exitCode: number;
  reason?: string;
  message?: string;
  startedAt?: Time;
  finishedAt?: Time;
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
  image: string;
  ready: boolean;
  started?: boolean;
  restartCount: number;
  state?: ContainerState;
  /** The previous run's end (status.containerStatuses[].lastState.terminated), once restarted. */
  lastState?: ContainerState;
}

export interface PodStatus {
  phase: PodPhase;
  conditions?: PodCondition[];
  startTime?: Time;
  hostIP?: string;
  podIP?: string;
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

// ---------------------------------------------------------------- the union

export type KubeObject = Deployment | ReplicaSet | Pod | Service | ConfigMap | HorizontalPodAutoscaler;
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
