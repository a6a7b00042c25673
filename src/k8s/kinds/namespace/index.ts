/**
 * v1 Namespace (cluster-scoped): stored, listed and printed; the namespace controller
 * (src/engine/controllers/namespace) empties a deleted one before it goes.
 *
 * Registry rules (pkg/registry/core/namespace/strategy.go, storage/storage.go):
 * - PrepareForCreate: status.phase Active, spec.finalizers ["kubernetes"]; every namespace
 *   carries the label `kubernetes.io/metadata.name: NAME` (the NamespaceDefaultLabelName
 *   feature, GA in 1.22), set on create and update whatever the client sent.
 * - PrepareForUpdate keeps spec.finalizers (only the finalize subresource changes them: here,
 *   an update that names spec.finalizers explicitly, which only the namespace controller sends).
 * - Delete marks the namespace Terminating (deletionTimestamp, phase Terminating) while it has
 *   finalizers; once the controller has emptied it and removed the `kubernetes` finalizer, the
 *   registry deletes it.
 * - The name is a DNS-1123 label (ValidateNamespaceName).
 */
import { defaultMeta } from "../../defaults.ts";
import { age } from "../../printing/table.ts";
import type { KubeObject } from "../../types.ts";
import { isDNS1123Label, validateObjectMeta } from "../../validateMeta.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { describeNamespace } from "./describe.ts";

/** The label every namespace carries with its own name (kubernetes.io/metadata.name). */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
/** The finalizer the namespace controller removes once the namespace is empty. */
export const KUBERNETES_FINALIZER = "kubernetes";

/** A Namespace as the API server stores it. */
export interface NamespaceObject {
  apiVersion: "v1";
  kind: "Namespace";
  metadata: KubeObject["metadata"];
  spec?: { finalizers?: string[] };
  status?: { phase?: "Active" | "Terminating" };
}

export const asNamespace = (o: KubeObject): NamespaceObject => o as unknown as NamespaceObject;

/** status.phase, as `kubectl get namespaces` prints it under STATUS. */
export const phaseOf = (o: KubeObject): string => asNamespace(o).status?.phase ?? "Active";

/** spec.finalizers of a namespace (the `kubernetes` one until the controller finalizes it). */
export const finalizersOf = (o: KubeObject): readonly string[] => asNamespace(o).spec?.finalizers ?? [];

export const NamespaceKind: KindDescriptor<KubeObject> = {
  kind: "Namespace",
  group: "",
  versions: ["v1"],
  namespaced: false,
  plural: "namespaces",
  singular: "namespace",
  shortNames: ["ns"],
  categories: [],
  prose: "a Namespace",
  simulated: false,
  strategy: {
    tracksGeneration: false,
    initialStatus: () => ({ phase: "Active" }),
    admit(raw, _apiVersion, old) {
      const meta = defaultMeta(raw.metadata);
      delete meta.namespace;
      const name = typeof meta.name === "string" ? meta.name : "";
      meta.labels = {
        ...((meta.labels as Record<string, string> | undefined) ?? {}),
        [NAMESPACE_NAME_LABEL]: name,
      };
      const given = (raw.spec as { finalizers?: unknown } | undefined)?.finalizers;
      const finalizers = old
        ? Array.isArray(given)
          ? (given as string[])
          : [...finalizersOf(old)]
        : [KUBERNETES_FINALIZER];
      const object = { ...raw, metadata: meta, spec: { ...((raw.spec as object) ?? {}), finalizers } };
      return { object, errors: validateObjectMeta(meta, isDNS1123Label) };
    },
    gracefulDeletion: (ns) => (finalizersOf(ns).length > 0 ? 0 : undefined),
    beginDeletion: (ns) =>
      ({ ...ns, status: { ...asNamespace(ns).status, phase: "Terminating" } }) as KubeObject,
    finalizers: finalizersOf,
  },
  // printNamespace: NAME, STATUS (the phase), AGE.
  table: {
    header: ["NAME", "STATUS", "AGE"],
    wide: [],
    cells: (ns, { now }) => [ns.metadata.name, phaseOf(ns), age(now, ns.metadata.creationTimestamp)],
  },
  describe: describeNamespace,
};
