/**
 * Admission as the apiserver performs it for `kubectl apply`/`create`: convert the served
 * version to the internal form, apply defaults, validate. Nothing here mutates its input.
 *
 * `admit(raw)` for a create, `admit(raw, old)` for an update (adds the immutability checks,
 * e.g. spec.selector of Deployments and ReplicaSets).
 */
import { invalid, required, type FieldError } from "./fieldErrors.ts";
import { builtinKinds } from "./kinds/builtin.ts";
import type { AdmitOptions as KindAdmitOptions } from "./kinds/descriptor.ts";
import { noMatchesMessage, type KindRegistry } from "./kinds/registry.ts";
import type { KubeObject } from "./types.ts";
import { isObj } from "./jsonObject.ts";

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
