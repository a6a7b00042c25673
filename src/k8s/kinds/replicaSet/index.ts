/**
 * apps/v1 ReplicaSet: defaulted and validated as pkg/apis/apps, generation tracked
 * (pkg/registry/apps/replicaset/strategy.go), status `{replicas: 0}` on create.
 */
import { defaultReplicaSet } from "../../defaults.ts";
import type { ReplicaSet } from "../../types.ts";
import { validateReplicaSet } from "../../validateDeployment.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { specReplicasScale } from "../workloadScale.ts";
import { describeReplicaSet } from "./describe.ts";
import { replicaSetSummarizer, type ReplicaSetSummary } from "./summary.ts";
import { replicaSetTable } from "./table.ts";
import { BUILTIN_FIELDS } from "../../knownFields.ts";

export const ReplicaSetKind: KindDescriptor<ReplicaSet, ReplicaSetSummary> = {
  kind: "ReplicaSet",
  group: "apps",
  versions: ["v1"],
  namespaced: true,
  plural: "replicasets",
  singular: "replicaset",
  shortNames: ["rs"],
  categories: ["all"],
  prose: "a ReplicaSet",
  simulated: true,
  fields: BUILTIN_FIELDS.replicaSet,
  // apps/v1 ReplicaSetStatus: `replicas` is always written, the other counters are `omitempty`.
  omitEmpty: [
    "status.fullyLabeledReplicas",
    "status.readyReplicas",
    "status.availableReplicas",
    "status.observedGeneration",
    "status.conditions",
  ],
  strategy: {
    tracksGeneration: true,
    initialStatus: () => ({ replicas: 0 }),
    admit(raw, _apiVersion, old) {
      const object = defaultReplicaSet(raw);
      return { object, errors: validateReplicaSet(object, old as unknown as Record<string, unknown>) };
    },
  },
  scale: specReplicasScale(),
  language: { word: "rs", words: ["rs", "replicaset", "replicasets"], bare: true },
  table: replicaSetTable,
  describe: describeReplicaSet,
  summary: replicaSetSummarizer,
};
