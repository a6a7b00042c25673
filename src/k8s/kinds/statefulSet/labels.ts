/**
 * The labels and annotations the StatefulSet controller and kubectl write (k8s.io/api/apps/v1
 * types.go: StatefulSetRevisionLabel, StatefulSetPodNameLabel, PodIndexLabel; pkg/controller/history
 * ControllerRevisionHashLabel), each defined here once.
 */
export const StatefulSetLabels = {
  /** StatefulSetRevisionLabel: the ControllerRevision a pod was made from. */
  revision: "controller-revision-hash",
  /** StatefulSetPodNameLabel: the pod's own name, for per-pod Services. */
  podName: "statefulset.kubernetes.io/pod-name",
  /** PodIndexLabel (beta and on in 1.28, KEP-4017): the pod's ordinal. */
  podIndex: "apps.kubernetes.io/pod-index",
  /** history.ControllerRevisionHashLabel: the hash in a ControllerRevision's name. */
  revisionHash: "controller.kubernetes.io/hash",
} as const;
