/**
 * API errors as kubectl prints them (cmdutil.CheckErr / StandardErrorMessage):
 * - Invalid with field causes: `The Deployment "web" is invalid: spec.replicas: Invalid value: -1: …`
 *   (one cause on the same line; several as "* field: message" lines below);
 * - anything else: `Error from server (Reason): message`.
 */
import type { ApiError } from "../engine/cluster.ts";
import { groupResource, type KindDescriptor } from "../k8s/kinds/descriptor.ts";

export function formatApiError(err: ApiError, kind: string, name: string): string {
  if (err.reason === "Invalid" && err.causes?.length) {
    const prefix = `The ${kind} "${name}" is invalid: `;
    const causes = err.causes.map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    return causes.length === 1
      ? `${prefix}${causes[0]}`
      : `${prefix}\n${causes.map((c) => `* ${c}`).join("\n")}`;
  }
  return `Error from server (${err.reason}): ${err.message}`;
}

/** `Error from server (NotFound): deployments.apps "x" not found`. */
export const notFoundText = (kind: KindDescriptor, name: string) =>
  `Error from server (NotFound): ${groupResource(kind)} "${name}" not found`;

/**
 * A request for a custom resource the API server no longer serves in the version kubectl
 * mapped it to (its CRD deleted, or applied again without that version, after kubectl read
 * discovery): crdHandler hands it to the API server's NotFound handler
 * (apiextensions-apiserver customresource_handler.go ServeHTTP: no CRD, or
 * `!HasServedCRDVersion`, goes to r.delegate), whose plain-text 404 client-go words as
 * apimachinery errors.go NewGenericServerResponse does: `the server could not find the
 * requested resource (VERB RESOURCE.GROUP[ NAME])`, the verb the HTTP method in lower case,
 * the name the request's (none for a POST). A NotFound: --ignore-not-found drops it.
 */
export const resourceNotServed = (kind: KindDescriptor, verb: string, name?: string): ApiError => ({
  reason: "NotFound",
  message: `the server could not find the requested resource (${verb} ${groupResource(kind)}${name === undefined ? "" : ` ${name}`})`,
});

/**
 * cmdutil.AddSourceToErr: an error about an object read from a file names the file in the
 * server's message (`error when creating "web.yaml": deployments.apps "web" already exists`).
 * An Invalid error keeps its own wording: kubectl prints it from the status details.
 */
export const addSourceToErr = (verb: string, source: string, err: ApiError): ApiError =>
  source && err.reason !== "Invalid"
    ? { ...err, message: `error when ${verb} "${source}": ${err.message}` }
    : err;

/**
 * The storage layer's optimistic-concurrency refusal (apierrors.NewConflict with
 * registry/generic OptimisticLockErrorMsg): a write that names a resourceVersion other than the
 * live one. The API server here checks no preconditions (its writers take turns); kubectl's
 * writes of a manifest that carries one — `kubectl get -o yaml` saved and applied back — do.
 */
export const staleResourceVersion = (kind: KindDescriptor, name: string): ApiError => ({
  reason: "Conflict",
  message: `Operation cannot be fulfilled on ${groupResource(kind)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
});

/**
 * An apply patch that names a uid when no object exists (apiserver endpoints/handlers/patch.go
 * applyPatch: the object made from the patch has a uid the create-on-update would not keep).
 */
export const uidMismatch = (kind: KindDescriptor, name: string, uid: string): ApiError => ({
  reason: "Conflict",
  message: `Operation cannot be fulfilled on ${groupResource(kind)} "${name}": uid mismatch: the provided object specified uid ${uid}, and no existing object was found`,
});

/**
 * Whether a manifest names a resourceVersion the live object no longer has: what the API server
 * refuses as a Conflict in an update (replace's PUT) or in a patch that carries it (apply's
 * three-way patch takes it from the manifest as it differs from the live one).
 */
export const namesStaleVersion = (
  manifest: { metadata: { resourceVersion?: string } },
  live: {
    metadata: { resourceVersion?: string };
  },
): boolean => {
  const sent = manifest.metadata.resourceVersion;
  return typeof sent === "string" && sent !== "" && sent !== live.metadata.resourceVersion;
};
