/**
 * The HPA controller's view of the scale subresource (autoscaling/v1 Scale), as
 * horizontal.go reaches it through `scaleNamespacer.Scales(ns).Get/Update`: a call that
 * returns the Scale or an API error, handled in the same sync (FailedGetScale,
 * FailedUpdateScale). The engine implements it over its API server (src/engine/scaleSubresource.ts,
 * where engine-level faults plug in); the fidelity runner implements it with a vector's faults.
 *
 * Example: GET of Deployment "web" in default (3 replicas, 2 running, selector app=web) →
 * `{ namespace: "default", target: {kind: "Deployment", name: "web"}, specReplicas: 3, statusReplicas: 2, selector: "app=web" }`;
 * UPDATE with specReplicas 5 → the Deployment's spec.replicas becomes 5, or an ApiError.
 */
import type { ApiError } from "../../cluster.ts";
import type { ReconcileContext } from "../../controller.ts";
import type { SelectorRequirement } from "../../../k8s/labelSelectorParse.ts";

/** The scaleTargetRef of an HPA (CrossVersionObjectReference). */
export interface ScaleTargetRef {
  apiVersion?: string;
  kind: string;
  name: string;
}

export interface Scale {
  /** The namespace of the target (an HPA scales a target in its own namespace). */
  namespace: string;
  target: ScaleTargetRef;
  /** scale.spec.replicas: the controller's currentReplicas. */
  specReplicas: number;
  /** scale.status.replicas. */
  statusReplicas: number;
  /** scale.status.selector, e.g. "app=web"; "" when the target reports none. */
  selector: string;
}

export interface ScaleClient {
  /** `Scales(namespace).Get(ref)`. */
  get(namespace: string, ref: ScaleTargetRef): Scale | ApiError;
  /** Write `scale.specReplicas` to the target; the Scale as stored, or why the API refused. */
  update(scale: Scale): Scale | ApiError;
}

/**
 * The HPAs' selectors as the controller last validated them (horizontal.go's hpaSelectors
 * BiMultimap), by HPA qualified name (`web`, `prod/web`): what AmbiguousSelector checks
 * against, among the HPAs of the same namespace. An HPA that has not yet
 * got past validateAndParseSelector is absent (upstream: registered with labels.Nothing()).
 */
export type HPASelectors = ReadonlyMap<string, readonly SelectorRequirement[]>;

/** What one HPA sync gets: the store snapshot, the scale client, the selectors registry. */
export interface HPAReconcileContext extends ReconcileContext {
  scales: ScaleClient;
  hpaSelectors: HPASelectors;
}
