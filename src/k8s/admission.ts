/**
 * Admission as the apiserver performs it for `kubectl apply`/`create`: convert the served
 * version to the internal form, apply defaults, validate. Nothing here mutates its input.
 *
 * `admit(raw)` for a create, `admit(raw, old)` for an update (adds the immutability checks,
 * e.g. spec.selector of Deployments and ReplicaSets).
 */
import { deepClone } from "./clone.ts";
import { defaultMeta } from "./defaults.ts";
import { invalid, required, type FieldError } from "./fieldErrors.ts";
import { builtinKinds } from "./kinds/builtin.ts";
import { DeploymentKind } from "./kinds/deployment/index.ts";
import { sameData } from "./kinds/pod/admittedSpecs.ts";
import { ReplicaSetKind } from "./kinds/replicaSet/index.ts";
import type { AdmitOptions as KindAdmitOptions } from "./kinds/descriptor.ts";
import { noMatchesMessage, type KindRegistry } from "./kinds/registry.ts";
import type { KubeObject } from "./types.ts";
import { isObj, type Obj } from "./jsonObject.ts";
import { isDNS1123Subdomain, validateObjectMeta } from "./validateMeta.ts";

export interface AdmitOptions extends KindAdmitOptions {
  /** The kinds the cluster serves (default: the built-in ones). */
  kinds?: KindRegistry;
}

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
  const served = (opts.kinds ?? builtinKinds).served(apiVersion, kind);
  if (!served) {
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
  const { object, errors } = served.strategy.admit(raw, apiVersion, old, opts);
  if (errors.length > 0) return { errors, sourceApiVersion: apiVersion };
  return { object: object as unknown as KubeObject, errors, sourceApiVersion: apiVersion };
}

/**
 * What `admit(raw, old)` gives an update of a Deployment or ReplicaSet whose spec is, but for
 * `spec.replicas`, a spec this admission accepted before (`admittedSpec`: the stored one), without
 * defaulting and validating that spec again: the defaulted, validated metadata (a copy of the
 * request's) and the spec (the admitted one with the request's replicas, sharing its other
 * parts). Undefined where that is not known to be the answer; the caller then runs `admit`. This
 * is every update a controller makes of these kinds but a rollout: the HPA's scale (through the
 * scale subresource) and the Deployment controller's scaling and annotating of its ReplicaSets.
 *
 * Why it is `admit`'s answer: both kinds are defaulted by defaults.ts (defaultDeployment,
 * defaultReplicaSet: defaultMeta on the metadata, `??=` on the spec's fields) and validated by
 * validateDeployment.ts as pkg/apis/apps/validation does (ValidateDeployment/ValidateReplicaSet:
 * ValidateObjectMeta, then the spec field by field, then, on an update, ValidateDeploymentUpdate's
 * and ValidateReplicaSetUpdate's immutable selector). Defaulting an admitted spec again changes
 * nothing, not even its keys' order (every `??=` finds its field); none of the spec's checks
 * but its own reads replicas, so an admitted spec with other replicas fails only that one (an
 * integer, at least 0: ValidateNonnegativeField); the selector is the stored one. Neither kind's
 * admission reads the feature gates. Kubernetes' own scale subresource validates the whole
 * object too (ScaleREST.Update runs the Deployment strategy's ValidateUpdate): here the result
 * of that validation is known, not skipped.
 */
export function admitKeptSpec(
  raw: KubeObject,
  old: KubeObject,
  admittedSpec: object,
  kinds: KindRegistry = builtinKinds,
): { metadata: Obj; spec: Obj } | undefined {
  const served = kinds.served(raw.apiVersion, raw.kind);
  if (served !== DeploymentKind && served !== ReplicaSetKind) return undefined;
  const spec = (raw as { spec?: unknown }).spec;
  const kept = (old as { spec?: unknown }).spec;
  if (kept !== admittedSpec || !isObj(spec) || !isObj(kept) || !isObj(raw.metadata)) return undefined;
  const replicas = spec.replicas;
  if (typeof replicas !== "number" || !Number.isInteger(replicas) || replicas < 0) return undefined;
  if (!sameButReplicas(spec, kept)) return undefined;
  const metadata = defaultMeta(deepClone(raw.metadata));
  if (validateObjectMeta(metadata, isDNS1123Subdomain).length > 0) return undefined;
  return { metadata, spec: replicas === kept.replicas ? kept : Object.assign({}, kept, { replicas }) };
}

/**
 * `spec` and `kept` hold the same keys in the same order, and the same data under each but
 * `replicas` (sameData: in order too), so that defaulting `spec` would give `kept`'s shape.
 */
function sameButReplicas(spec: Obj, kept: Obj): boolean {
  let n = 0;
  const keys = Object.keys(kept);
  for (const k in spec) {
    if (!Object.hasOwn(spec, k)) continue;
    if (keys[n++] !== k) return false;
    if (k !== "replicas" && !sameData(spec[k], kept[k])) return false;
  }
  return n === keys.length;
}
