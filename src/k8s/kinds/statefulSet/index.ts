/**
 * apps/v1 StatefulSet: defaulted and validated as pkg/apis/apps (defaults.go
 * SetDefaults_StatefulSet, validation.go ValidateStatefulSet/ValidateStatefulSetUpdate),
 * generation tracked and status `{replicas: 0}` on create, maxUnavailable dropped without its
 * feature gate (pkg/registry/apps/statefulset/strategy.go), with a scale subresource (storage.go
 * scaleFromStatefulSet) that `kubectl scale` and the HPA use.
 */
import { defaultStatefulSet } from "../../defaults.ts";
import { BUILTIN_FIELDS } from "../../knownFields.ts";
import type { StatefulSet } from "../../types.ts";
import { validateStatefulSet } from "../../validateStatefulSet.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { specReplicasScale } from "../workloadScale.ts";
import { describeStatefulSet } from "./describe.ts";
import { statefulSetSummarizer, type StatefulSetSummary } from "./summary.ts";
import { statefulSetTable } from "./table.ts";

/** maxUnavailableInUse: the stored set already has a maxUnavailable (kept across updates). */
const maxUnavailableInUse = (old: StatefulSet | undefined): boolean =>
  old?.spec.updateStrategy?.rollingUpdate?.maxUnavailable !== undefined;

/**
 * dropStatefulSetDisabledFields (strategy.go, PrepareForCreate/PrepareForUpdate, before
 * validation): without the MaxUnavailableStatefulSet gate, rollingUpdate.maxUnavailable is
 * dropped — `kubectl apply` says nothing, and `kubectl get -o yaml` no longer shows it.
 */
function dropMaxUnavailable(object: Record<string, unknown>): void {
  const spec = object.spec as { updateStrategy?: { rollingUpdate?: Record<string, unknown> } } | undefined;
  const ru = spec?.updateStrategy?.rollingUpdate;
  if (ru && typeof ru === "object") delete ru.maxUnavailable;
}

export const StatefulSetKind: KindDescriptor<StatefulSet, StatefulSetSummary> = {
  kind: "StatefulSet",
  group: "apps",
  versions: ["v1"],
  namespaced: true,
  plural: "statefulsets",
  singular: "statefulset",
  shortNames: ["sts"],
  categories: ["all"],
  prose: "a StatefulSet",
  simulated: true,
  fields: BUILTIN_FIELDS.statefulSet,
  strategy: {
    tracksGeneration: true,
    initialStatus: () => ({ replicas: 0 }),
    admit(raw, _apiVersion, old, opts) {
      const object = defaultStatefulSet(raw);
      if (!opts.maxUnavailableStatefulSet && !maxUnavailableInUse(old)) dropMaxUnavailable(object);
      return { object, errors: validateStatefulSet(object, old as unknown as Record<string, unknown>) };
    },
  },
  scale: specReplicasScale(),
  language: { word: "statefulset", words: ["statefulset", "statefulsets", "sts"], bare: true },
  table: statefulSetTable,
  describe: describeStatefulSet,
  summary: statefulSetSummarizer,
};
