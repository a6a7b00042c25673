/**
 * What manifest loading says, in one catalogue with stable codes (RC5xxx: manifests).
 * Wording follows kubectl and the apiserver; hints say what to write instead.
 */
import { noMatchesMessage } from "./kinds/registry.ts";

export interface ManifestMessage {
  code: string;
  message: string;
  hint?: string;
}

export const manifestMessages = {
  /** The yaml package's own message for a syntax error. */
  yamlSyntax: (message: string): ManifestMessage => ({ code: "RC5001", message }),
  yamlWarning: (message: string): ManifestMessage => ({ code: "RC5002", message }),
  /** kubectl's RESTMapper error. */
  noMatches: (kind: string, apiVersion: string, served: string): ManifestMessage => ({
    code: "RC5003",
    message: noMatchesMessage(kind, apiVersion),
    hint: `supported kinds: ${served}`,
  }),
  /** kubectl apply (cli-runtime's mapper) for a kind no built-in kind nor applied CRD defines. */
  noMatchesNoCRD: (kind: string, apiVersion: string): ManifestMessage => ({
    code: "RC5003",
    message: noMatchesMessage(kind, apiVersion),
    hint: "ensure CRDs are installed first: apply the CustomResourceDefinition that defines the kind before its objects",
  }),
  /**
   * An add-on's kind (kinds/addons.ts) without its CRD: stored as if the add-on's CRD were
   * installed, and nothing acts on it, which the user should know (a Rollout runs no pods).
   */
  addonWithoutCRD: (kind: string, apiVersion: string, addon: string): ManifestMessage => ({
    code: "RC4101",
    message: `${kind} (${apiVersion}) is ${addon}'s, and no CustomResourceDefinition here defines it: stored as ${addon}'s CRD would store it, not simulated — the simulated cluster does not run ${addon}, so nothing acts on it`,
    hint: addonHint(kind, addon),
  }),
  /**
   * An add-on's kind without its CRD whose controller the simulated cluster runs (KEDA's
   * ScaledObject): stored as the add-on's CRD would store it, and acted on.
   */
  addonOperated: (kind: string, apiVersion: string, addon: string, does: string): ManifestMessage => ({
    code: "RC4125",
    message: `${kind} (${apiVersion}) is ${addon}'s, and no CustomResourceDefinition here defines it: stored as ${addon}'s CRD would store it; the simulated cluster runs ${addon}'s operator, which ${does}`,
    hint: "docs/autoscaling.md §5 says what is simulated of it and how a trigger's value is fed (`load metric NAME` for a prometheus trigger)",
  }),
  /** A KEDA trigger whose scaler the simulated cluster does not read (kinds/kedaTriggers.ts). */
  kedaTriggerNotRead: (type: string, index: number): ManifestMessage => ({
    code: "RC4126",
    message: `trigger "${type}" (spec.triggers[${index}]) is stored but reads no value: the simulated KEDA computes cpu, memory, prometheus and cron triggers only`,
    hint: `its External metric s${index}-${type} gets no value, so the HPA reports FailedGetExternalMetric and KEDA marks the ScaledObject Ready False (TriggerError); to simulate its load, use a prometheus trigger fed by \`load metric NAME\``,
  }),
  /**
   * A CustomResourceDefinition with `conversion.strategy: Webhook`: the simulated API server
   * calls no webhook, so an object read in another version than it was written in gets its
   * apiVersion set and nothing else, as `None` does (apiextensions-apiserver
   * conversion/nop_converter.go) — what the webhook would change is not simulated.
   */
  conversionWebhook: (crd: string): ManifestMessage => ({
    code: "RC4124",
    message: `CustomResourceDefinition ${crd} converts its objects with a webhook: not simulated — no conversion webhook runs here, so an object read in another version than it was written in only gets that version's apiVersion, as with \`strategy: None\``,
    hint: "read its objects in the version they were written in to see them as the API server stores them; what the webhook would change between versions is not shown",
  }),
  /** kubectl apply, for an object without metadata.name. */
  missingName: (): ManifestMessage => ({
    code: "RC5004",
    message: "resource name may not be empty",
    hint: "add `metadata.name` (the API server says: metadata.name: Required value: name or generateName is required)",
  }),
  /** kubectl's client-side validation: "error validating data: kind not set". */
  missingField: (field: "kind" | "apiVersion"): ManifestMessage => ({
    code: "RC5005",
    message: `error validating data: ${field} not set`,
    hint: field === "kind" ? "add e.g. `kind: Deployment`" : "add e.g. `apiVersion: apps/v1`",
  }),
  /** A document that is not a mapping (a list, a scalar). */
  notAnObject: (what: string): ManifestMessage => ({
    code: "RC5006",
    message: `json: cannot unmarshal ${what} into Go value of type map[string]interface {}`,
    hint: "each YAML document must be one Kubernetes object (a mapping with apiVersion, kind and metadata)",
  }),
  /**
   * A field the kind does not define (strict field validation's wording). kubectl refuses
   * such a manifest; Replicast warns and ignores the field, as `--validate=warn` does.
   */
  unknownField: (path: string, suggestion?: string): ManifestMessage => ({
    code: "RC5008",
    message: `unknown field ${JSON.stringify(path)}`,
    hint:
      suggestion === undefined
        ? "the field is ignored; kubectl apply would refuse it (strict decoding error)"
        : `did you mean \`${suggestion}\`? the field is ignored; kubectl apply would refuse it (strict decoding error)`,
  }),
  /** A `__proto__` key: a JavaScript prototype, never a Kubernetes field (src/k8s/safeKeys.ts). */
  protoKey: (path: string): ManifestMessage => ({
    code: "RC5009",
    message: `the key "__proto__" is not allowed (at ${path})`,
    hint: "no Kubernetes field, label or annotation key is called that (a qualified name starts with a letter or digit)",
  }),
  /** More errors in one file than are worth reading. */
  tooManyErrors: (shown: number, more: number): ManifestMessage => ({
    code: "RC5010",
    message: `${more} more error${more === 1 ? "" : "s"} in this file not shown (the first ${shown} are)`,
  }),
  /** One apiserver validation error, in kubectl's words. */
  invalid: (text: string): ManifestMessage => ({ code: "RC5007", message: text }),
} as const;

export const MANIFEST_MESSAGE_CODES = [
  "RC5001",
  "RC5002",
  "RC5003",
  "RC5004",
  "RC5005",
  "RC5006",
  "RC5007",
  "RC5008",
  "RC5009",
  "RC5010",
  "RC4101",
  "RC4124",
  "RC4125",
  "RC4126",
] as const;

/** What to write instead, where the simulation runs the add-on's job with a kind of its own. */
function addonHint(kind: string, addon: string): string {
  if (kind === "Rollout") return "to simulate its pods, model it with a Deployment of the same template";
  return `to simulate what ${addon} would do, model it with the kinds Replicast runs (a Deployment, an HPA…)`;
}
