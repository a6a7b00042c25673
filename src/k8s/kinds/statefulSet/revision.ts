/**
 * What a StatefulSet's ControllerRevision holds, read by both the StatefulSet controller and
 * kubectl (one definition): stateful_set_utils.go getPatch and ApplyRevision, and kubectl's
 * polymorphichelpers history.go (statefulSetHistory, applyRevision).
 *
 * A revision's data is the patch that restores the pod template:
 * `{"spec":{"template":{"$patch":"replace", …the template…}}}`.
 */
import type { ControllerRevision, ObjectMeta, PodTemplateSpec, StatefulSet } from "../../types.ts";

/**
 * getPatch: the template to restore, marked `$patch: replace`, as the only field of spec (the
 * DaemonSet controller's getPatch, update.go, is the same).
 */
export function revisionData(set: { spec: { template: PodTemplateSpec } }): {
  spec: { template: Record<string, unknown> };
} {
  const t = structuredClone(set.spec.template) as unknown as Record<string, unknown>;
  const metadata = { creationTimestamp: null, ...((t.metadata as Record<string, unknown>) ?? {}) };
  return { spec: { template: { ...t, metadata, $patch: "replace" } } };
}

/** The pod template a revision restores (its data without the patch directive). */
export function revisionTemplate(revision: ControllerRevision): PodTemplateSpec {
  const data = revision.data as { spec?: { template?: Record<string, unknown> } } | undefined;
  const saved = { ...(data?.spec?.template ?? {}) };
  delete saved.$patch;
  const metadata = { ...((saved.metadata as Record<string, unknown>) ?? {}) };
  delete metadata.creationTimestamp;
  return structuredClone({ ...saved, metadata }) as unknown as PodTemplateSpec;
}

/** ApplyRevision: the set with the revision's template restored. */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  return { ...set, spec: { ...set.spec, template: revisionTemplate(revision) } };
}

/**
 * statefulSetHistory (kubectl history.go, controlledHistory): the ControllerRevisions in the
 * set's namespace that its selector picks and that it controls.
 */
export function revisionsOf(
  set: { metadata: ObjectMeta },
  all: readonly ControllerRevision[],
): ControllerRevision[] {
  const ns = set.metadata.namespace ?? "default";
  return all.filter(
    (cr) =>
      (cr.metadata.namespace ?? "default") === ns &&
      (cr.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === set.metadata.uid),
  );
}
