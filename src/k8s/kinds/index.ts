/** The kind registry (a RESTMapper over kind descriptors) and the built-in kinds. */
export * from "./descriptor.ts";
export { KindRegistry, KindConflictError, noMatchesMessage, type AnyKind } from "./registry.ts";
export { builtinKinds } from "./builtin.ts";
export { DeploymentKind } from "./deployment/index.ts";
export { ReplicaSetKind } from "./replicaSet/index.ts";
export { PodKind } from "./pod/index.ts";
export { ServiceKind } from "./service/index.ts";
export { ConfigMapKind } from "./configMap/index.ts";
export { HorizontalPodAutoscalerKind } from "./hpa/index.ts";
export { NamespaceKind } from "./namespace/index.ts";
export { STORED_KINDS } from "./stored/catalog.ts";
export { CustomResourceDefinitionKind, kindOfCRD, registerCRD } from "./stored/crd.ts";
export { storedKind, type StoredKindSpec } from "./stored/storedKind.ts";
export type { DeploymentSummary } from "./deployment/summary.ts";
export type { ReplicaSetSummary } from "./replicaSet/summary.ts";
export type { PodSummary } from "./pod/summary.ts";
export type { HPAMetricSummary, HPASummary } from "./hpa/summary.ts";
export type { ConditionSummary } from "./summaries.ts";
