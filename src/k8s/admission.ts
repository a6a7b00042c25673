/**
 * Admission as the apiserver performs it for `kubectl apply`/`create`: convert the served
 * version to the internal form, apply defaults, validate. Nothing here mutates its input.
 *
 * `admit(raw)` for a create, `admit(raw, old)` for an update (adds the immutability checks,
 * e.g. spec.selector of Deployments and ReplicaSets).
 */
import {
  defaultConfigMap,
  defaultDeployment,
  defaultMeta,
  defaultPod,
  defaultReplicaSet,
  defaultService,
} from "./defaults.ts";
import { forbidden, invalid, required, type FieldError } from "./fieldErrors.ts";
import { convertHPA, type HPAVersion } from "./hpaConversion.ts";
import { isServed, noMatchesMessage } from "./kinds.ts";
import type { KubeObject } from "./types.ts";
import { validateDeployment, validateReplicaSet } from "./validateDeployment.ts";
import { validateHPA, type HPAValidationOptions } from "./validateHPA.ts";
import { isDNS1035Label, isDNS1123Subdomain, validateObjectMeta } from "./validateMeta.ts";
import { validatePodSpec } from "./validatePod.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export type AdmitOptions = HPAValidationOptions;

export interface AdmitResult {
  /** The stored form (internal version, defaulted); absent when there are errors. */
  object?: KubeObject;
  errors: FieldError[];
  /** The apiVersion the object was written in (an HPA may arrive as autoscaling/v1). */
  sourceApiVersion?: string;
}

/**
 * Default, convert and validate one object. Errors use Kubernetes' field paths and wording;
 * `formatInvalid(kind, name, errors)` turns them into kubectl's message.
 * Example: a Deployment with `replicas: -1` →
 * errors [{field: "spec.replicas", type: "Invalid", detail: "must be greater than or equal to 0", …}].
 */
export function admit(raw: unknown, old?: KubeObject, opts: AdmitOptions = {}): AdmitResult {
  if (!isObj(raw)) return { errors: [invalid("", raw, "must be an object")] };
  const apiVersion = typeof raw.apiVersion === "string" ? raw.apiVersion : "";
  const kind = typeof raw.kind === "string" ? raw.kind : "";
  if (kind === "") return { errors: [required("kind", "")] };
  if (apiVersion === "") return { errors: [required("apiVersion", "")] };
  if (!isServed(apiVersion, kind)) {
    return {
      errors: [
        {
          field: "kind",
          type: "Unsupported",
          message: noMatchesMessage(kind, apiVersion),
          detail: noMatchesMessage(kind, apiVersion),
          value: kind,
        },
      ],
    };
  }
  const oldObj = old as unknown as Obj | undefined;
  let object: Obj;
  let errors: FieldError[];
  switch (kind) {
    case "Deployment":
      object = defaultDeployment(raw);
      errors = validateDeployment(object, oldObj);
      break;
    case "ReplicaSet":
      object = defaultReplicaSet(raw);
      errors = validateReplicaSet(object, oldObj);
      break;
    case "Pod":
      object = defaultPod(raw);
      errors = [
        ...validateObjectMeta(object.metadata, isDNS1123Subdomain),
        ...validatePodSpec(object.spec, "spec"),
      ];
      if (oldObj !== undefined) for (const e of validatePodUpdate(object, oldObj)) errors.push(e);
      break;
    case "Service":
      object = defaultService(raw);
      errors = validateObjectMeta(object.metadata, isDNS1035Label);
      break;
    case "ConfigMap":
      object = defaultConfigMap(raw);
      errors = validateObjectMeta(object.metadata, isDNS1123Subdomain);
      break;
    case "HorizontalPodAutoscaler":
      object = convertHPA(raw, apiVersion as HPAVersion);
      object.metadata = defaultMeta(object.metadata);
      errors = validateHPA(object, opts);
      break;
    default:
      return { errors: [invalid("kind", kind, noMatchesMessage(kind, apiVersion))] };
  }
  if (errors.length > 0) return { errors, sourceApiVersion: apiVersion };
  return { object: object as unknown as KubeObject, errors, sourceApiVersion: apiVersion };
}

/**
 * ValidatePodUpdate, reduced to what a simulator can hit: only a container's image (and a few
 * fields Replicast does not model) may change in a running pod.
 */
function validatePodUpdate(next: Obj, prev: Obj): FieldError[] {
  const strip = (spec: unknown): string => {
    if (!isObj(spec)) return "";
    const copy: Obj = { ...spec, nodeName: undefined };
    if (Array.isArray(copy.containers))
      copy.containers = copy.containers.map((c) => (isObj(c) ? { ...c, image: undefined } : c));
    return JSON.stringify(copy);
  };
  if (strip(next.spec) === strip(prev.spec)) return [];
  return [
    forbidden(
      "spec",
      "pod updates may not change fields other than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations), `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
    ),
  ];
}
