/**
 * apps/v1 Deployment: defaulted and validated as pkg/apis/apps (defaults.go, validation.go),
 * generation tracked (pkg/registry/apps/deployment/strategy.go), status empty on create.
 */
import { defaultDeployment } from "../../defaults.ts";
import type { Deployment } from "../../types.ts";
import { validateDeployment } from "../../validateDeployment.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { specReplicasScale } from "../workloadScale.ts";
import { DeploymentAnnotations } from "./annotations.ts";
import { describeDeployment } from "./describe.ts";
import { deploymentSummarizer, type DeploymentSummary } from "./summary.ts";
import { deploymentTable } from "./table.ts";
import { BUILTIN_FIELDS } from "../../knownFields.ts";

export const DeploymentKind: KindDescriptor<Deployment, DeploymentSummary> = {
  kind: "Deployment",
  group: "apps",
  versions: ["v1"],
  namespaced: true,
  plural: "deployments",
  singular: "deployment",
  shortNames: ["deploy"],
  categories: ["all"],
  prose: "a Deployment",
  simulated: true,
  annotations: DeploymentAnnotations,
  fields: BUILTIN_FIELDS.deployment,
  // apps/v1 DeploymentStatus (k8s.io/api/apps/v1/types.go): every counter and the conditions
  // are `omitempty`; collisionCount is a pointer, printed when set, even at 0.
  omitEmpty: [
    "status.observedGeneration",
    "status.replicas",
    "status.updatedReplicas",
    "status.readyReplicas",
    "status.availableReplicas",
    "status.unavailableReplicas",
    "status.conditions",
  ],
  strategy: {
    tracksGeneration: true,
    initialStatus: () => ({}),
    admit(raw, _apiVersion, old) {
      const object = defaultDeployment(raw);
      return { object, errors: validateDeployment(object, old as unknown as Record<string, unknown>) };
    },
  },
  scale: specReplicasScale(),
  language: { word: "deployment", words: ["deployment", "deployments", "deploy"], bare: true },
  table: deploymentTable,
  describe: describeDeployment,
  summary: deploymentSummarizer,
};
