/**
 * autoscaling HorizontalPodAutoscaler, served in v2, v1, v2beta2 and v2beta1 (the removed betas
 * too, because the blog walk-throughs use them) and kept in the v2 form (hpaConversion.ts);
 * generation tracked, status `{currentReplicas: 0, desiredReplicas: 0}` on create
 * (pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go).
 */
import { defaultMeta } from "../../defaults.ts";
import {
  BEHAVIOR_SPECS_ANNOTATION,
  convertHPA,
  METRIC_SPECS_ANNOTATION,
  type HPAVersion,
} from "../../hpaConversion.ts";
import type { HorizontalPodAutoscaler } from "../../types.ts";
import { validateHPA } from "../../validateHPA.ts";
import type { KindDescriptor } from "../descriptor.ts";
import { describeHPA } from "./describe.ts";
import { hpaSummarizer, type HPASummary } from "./summary.ts";
import { hpaTable } from "./table.ts";
import { BUILTIN_FIELDS } from "../../knownFields.ts";

export const HorizontalPodAutoscalerKind: KindDescriptor<HorizontalPodAutoscaler, HPASummary> = {
  kind: "HorizontalPodAutoscaler",
  group: "autoscaling",
  versions: ["v2", "v1", "v2beta2", "v2beta1"],
  namespaced: true,
  plural: "horizontalpodautoscalers",
  singular: "horizontalpodautoscaler",
  shortNames: ["hpa"],
  categories: ["all"],
  prose: "an HPA",
  simulated: true,
  /** autoscaling/v1's annotations that carry the v2 fields it lacks (autoscaling/v1/conversion.go). */
  annotations: { metricSpecs: METRIC_SPECS_ANNOTATION, behaviorSpecs: BEHAVIOR_SPECS_ANNOTATION },
  fields: BUILTIN_FIELDS.hpa,
  strategy: {
    tracksGeneration: true,
    initialStatus: () => ({ currentReplicas: 0, desiredReplicas: 0 }),
    admit(raw, apiVersion, _old, opts) {
      const object = convertHPA(raw, apiVersion as HPAVersion);
      object.metadata = defaultMeta(object.metadata);
      return { object, errors: validateHPA(object, opts) };
    },
  },
  language: {
    word: "hpa",
    words: ["hpa", "hpas", "horizontalpodautoscaler", "horizontalpodautoscalers"],
    bare: true,
  },
  table: hpaTable,
  describe: describeHPA,
  summary: hpaSummarizer,
};
