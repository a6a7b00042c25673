/**
 * The Kubernetes object model: types, quantities, int-or-percent, selectors, the
 * pod-template-hash, printing of times and ages, manifest loading, and admission
 * (defaulting, HPA version conversion, validation) with Kubernetes' own wording.
 */
export * from "./types.ts";
export {
  Quantity,
  QuantityError,
  QuantityFormat,
  QuantityMessages,
  QUANTITY_REGEX,
  formatBytes,
  formatMilli,
  formatQuantity,
  isQuantityError,
  mustParseQuantity,
  parseQuantity,
} from "./quantity.ts";
export {
  IntOrStringError,
  getIntOrPercentValueSafely,
  getScaledValueFromIntOrPercent,
  isIntOrStringError,
  isPercent,
} from "./intstr.ts";
export {
  isEmptySelector,
  labelsMatch,
  labelsToString,
  selectorFromSet,
  selectorToString,
  type Labels,
} from "./labels.ts";
export {
  POD_TEMPLATE_HASH_LABEL,
  canonicalJSON,
  computeHash,
  fnv32a,
  safeEncodeString,
  templateEqualIgnoringHash,
} from "./hash.ts";
export { EPOCH_MS, toRFC3339, toRFC3339Micro } from "./time.ts";
export { humanDuration, shortHumanDuration } from "./duration.ts";
export {
  FieldErrorType,
  fieldErrorBody,
  fieldErrorString,
  formatInvalid,
  formatInvalidStatus,
  type FieldError,
} from "./fieldErrors.ts";
export {
  DEFAULT_NAMESPACE,
  DeploymentDefaults,
  PodDefaults,
  defaultDeployment,
  defaultImagePullPolicy,
  defaultPod,
  defaultPodSpec,
  defaultPodTemplate,
  defaultReplicaSet,
  defaultService,
  imageTag,
} from "./defaults.ts";
export {
  BEHAVIOR_SPECS_ANNOTATION,
  DEFAULT_CPU_UTILIZATION,
  HPA_VERSIONS,
  METRIC_SPECS_ANNOTATION,
  convertHPA,
  type HPAVersion,
} from "./hpaConversion.ts";
export { defaultHPABehavior } from "./hpaBehaviorDefaults.ts";
export { MAX_PERIOD_SECONDS, MAX_STABILIZATION_WINDOW_SECONDS } from "./validateHPA.ts";
export * from "./kinds/index.ts";
export { KubectlAnnotations } from "./annotations.ts";
export { admit, type AdmitOptions, type AdmitResult } from "./admission.ts";
export {
  loadManifests,
  writtenPath,
  type LoadOptions,
  type LoadResult,
  type LoadedObject,
} from "./manifest.ts";
export { MANIFEST_MESSAGE_CODES, manifestMessages } from "./messages.ts";
export { PositionIndex, splitFieldPath } from "./yamlPositions.ts";
export { findUnknownFields, type FieldSchema, type UnknownField } from "./knownFields.ts";
