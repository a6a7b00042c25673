/**
 * `kubectl get TYPE NAME… --subresource=status|scale` (KEP-2590: alpha in kubectl 1.24, beta
 * 1.27; get.go supportedSubresources, cli-runtime resource/builder.go WithSubresource). The
 * API server answers a GET of `/status` with the whole object, printed with the main
 * resource's columns (its StatusStore's TableConvertor); a GET of `/scale` with an
 * autoscaling/v1 Scale, printed as NAME, DESIREDREPLICAS (spec.replicas) and
 * AVAILABLEREPLICAS (status.replicas) (pkg/printers/internalversion/printers.go
 * scaleColumnDefinitions; apiextensions-apiserver's helpers.go for a custom resource). A kind
 * without the subresource answers NotFound: the API server's "the server could not find the
 * requested resource", or for a custom resource its handler's NotFound for the object
 * (customresource_handler.go ServeHTTP). A custom resource's subresources are those of the
 * version read (crd.ts scaleFor).
 * Example: `kubectl get deployment web --subresource=scale` →
 *   NAME   DESIREDREPLICAS   AVAILABLEREPLICAS
 *   web    3                 3
 */
import type { Cluster } from "../../engine/cluster.ts";
import type { AnyKind } from "../../k8s/kinds/index.ts";
import { definitionOf, readApiVersion, resetsStatus, scaleFor } from "../../k8s/kinds/stored/crd.ts";
import { GET_TABWRITER, tabwrite } from "../../text/tabwriter.ts";
import { notFoundText } from "../apiErrors.ts";
import type { ParsedCommand } from "../command.ts";
import { fail, ok, type KubectlResult } from "../result.ts";
import { namespaceFor } from "./common.ts";

/** get.go supportedSubresources. */
export const SUPPORTED_SUBRESOURCES = ["status", "scale"];

/**
 * The built-in kinds whose registry serves /status (pkg/registry/…/storage: a StatusREST beside
 * the main store). ConfigMaps, Secrets, RBAC, Endpoints and the like have none.
 */
const WITH_STATUS = new Set([
  "Deployment",
  "ReplicaSet",
  "StatefulSet",
  "DaemonSet",
  "Pod",
  "Service",
  "Node",
  "Namespace",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "ResourceQuota",
  "Job",
  "CronJob",
  "HorizontalPodAutoscaler",
  "PodDisruptionBudget",
  "Ingress",
  "APIService",
  "CustomResourceDefinition",
]);

const NO_SUCH_PATH = "Error from server (NotFound): the server could not find the requested resource";

/** The kind's answer when it has no such subresource. */
const noSubresource = (kind: AnyKind, name: string): string =>
  definitionOf(kind) ? notFoundText(kind, name) : NO_SUCH_PATH;

/** Whether the kind serves /status (a custom resource's: its CRD's version declares it). */
function hasStatus(kind: AnyKind): boolean {
  return definitionOf(kind) ? resetsStatus(kind) : WITH_STATUS.has(kind.kind);
}

/**
 * `--subresource=status`: undefined when the kind serves it (get prints the objects as ever),
 * else its NotFound for each name. `--subresource=scale`: the Scale table.
 */
export function runGetSubresource(cmd: ParsedCommand, cluster: Cluster): KubectlResult | undefined {
  const kind = cmd.resource as AnyKind;
  const sub = cmd.flags.subresource;
  if (sub === "status") {
    if (hasStatus(kind)) return undefined;
    return fail(cmd.names.map((n) => noSubresource(kind, n)).join("\n"), true);
  }
  const scale = scaleFor(kind, readApiVersion(kind, cmd.apiVersion) ?? cmd.apiVersion);
  const errors: string[] = [];
  let rows = "";
  for (const name of cmd.names) {
    if (scale === undefined) {
      errors.push(noSubresource(kind, name));
      continue;
    }
    const object = cluster.api.get(cluster.kinds.key(kind), namespaceFor(cmd, kind), name);
    if (object === undefined) {
      // A built-in ScaleREST names the subresource; a custom resource's store answers for it.
      errors.push(
        definitionOf(kind)
          ? notFoundText(kind, name)
          : `Error from server (NotFound): ${kind.plural}/scale${kind.group ? "." + kind.group : ""} "${name}" not found`,
      );
      continue;
    }
    const refused = scale.refusal?.(object);
    if (refused) {
      errors.push(`Error from server (${refused.reason}): ${refused.message}`);
      continue;
    }
    rows += `${name}\t${scale.specReplicas(object)}\t${scale.statusReplicas(object)}\n`;
  }
  const header = cmd.flags["no-headers"] === true ? "" : "NAME\tDESIREDREPLICAS\tAVAILABLEREPLICAS\n";
  const stdout = rows === "" ? "" : tabwrite(header + rows, GET_TABWRITER);
  return errors.length ? fail(errors.join("\n"), true, stdout) : ok(stdout, true);
}
