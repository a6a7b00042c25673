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
 * cmdutil.AddSourceToErr: an error about an object read from a file names the file in the
 * server's message (`error when creating "web.yaml": deployments.apps "web" already exists`).
 * An Invalid error keeps its own wording: kubectl prints it from the status details.
 */
export const addSourceToErr = (verb: string, source: string, err: ApiError): ApiError =>
  source && err.reason !== "Invalid"
    ? { ...err, message: `error when ${verb} "${source}": ${err.message}` }
    : err;
