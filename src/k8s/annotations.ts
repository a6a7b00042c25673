/**
 * Annotations kubectl writes on objects of any kind (k8s.io/api/core/v1
 * annotation_key_constants.go LastAppliedConfigAnnotation; kubectl's record flags and
 * objectrestarter.go). A kind's own annotations live in its folder under kinds/.
 */
export const KubectlAnnotations = {
  /** `kubectl apply`'s record of the applied manifest (the three-way merge's "original"). */
  lastAppliedConfiguration: "kubectl.kubernetes.io/last-applied-configuration",
  /** `--record`'s command line, shown by `kubectl rollout history`. */
  changeCause: "kubernetes.io/change-cause",
  /** `kubectl rollout restart`'s stamp on the pod template. */
  restartedAt: "kubectl.kubernetes.io/restartedAt",
} as const;
