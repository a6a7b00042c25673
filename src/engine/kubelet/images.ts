/**
 * The kubelet's image manager (pkg/kubelet/images/image_manager.go EnsureImageExists, v1.28):
 * before it creates a container, the kubelet makes sure the container's image is on the node,
 * as the container's imagePullPolicy says (shouldPullImage):
 * - Always: pull, whether or not the image is there (a restart pulls again);
 * - IfNotPresent: pull only when the node does not have the image;
 * - Never: use the image if the node has it, else fail with ErrImageNeverPull.
 * A container without a policy gets the API server's default (pkg/apis/core/v1/defaults.go
 * SetDefaults_Container): Always for an image tagged `latest` or untagged, else IfNotPresent.
 *
 * Images are per node (the runtime's image store): a pull on node-1 does not put the image on
 * node-2. A node whose manifest lists `status.images` has those from the start.
 */
import { defaultImagePullPolicy, imageTag } from "../../k8s/defaults.ts";
import { goDuration } from "../../k8s/duration.ts";
import type { Container } from "../../k8s/types.ts";

export type PullPolicy = "Always" | "IfNotPresent" | "Never";

/** What EnsureImageExists does for one container. */
export type ImageAction = "pull" | "present" | "never-pull";

/**
 * The image reference the runtime stores: applyDefaultImageTag adds `:latest` to an untagged
 * reference, so "nginx" and "nginx:latest" are one image. Examples: "nginx" → "nginx:latest",
 * "nginx:1.25" → "nginx:1.25", "app@sha256:ab" → "app@sha256:ab".
 */
export function imageRef(image: string): string {
  return imageTag(image) === "latest" && !/:latest$/.test(image) ? `${image}:latest` : image;
}

export function pullPolicyOf(c: Container): PullPolicy {
  const p = c.imagePullPolicy;
  return p === "Always" || p === "IfNotPresent" || p === "Never" ? p : defaultImagePullPolicy(c.image);
}

/**
 * shouldPullImage and the branch after it. Examples: (Always, present) → pull;
 * (IfNotPresent, absent) → pull; (IfNotPresent, present) → present; (Never, absent) → never-pull.
 */
export function imageAction(policy: PullPolicy, present: boolean): ImageAction {
  if (policy === "Always") return "pull";
  if (present) return "present";
  return policy === "Never" ? "never-pull" : "pull";
}

/** The events' messages, as image_manager.go words them in v1.28 (the image as written, %q). */
export const imageMessages = {
  present: (image: string) => `Container image ${JSON.stringify(image)} already present on machine`,
  pulling: (image: string) => `Pulling image ${JSON.stringify(image)}`,
  /**
   * "Successfully pulled image %q in %v (%v including waiting)": the pull's own time, then the
   * time since the kubelet asked for it. Pulls here never queue (see docs/kubernetes), so both
   * are the pull time: `pulled("nginx", 1)` → `Successfully pulled image "nginx" in 1s (1s
   * including waiting)`. Kubelets from 1.30 append ". Image size: N bytes."; the reference
   * version (1.28) does not, and an image's size is not something a scenario knows.
   */
  pulled: (image: string, seconds: number) =>
    `Successfully pulled image ${JSON.stringify(image)} in ${goDuration(seconds)} (${goDuration(seconds)} including waiting)`,
  neverPull: (image: string) =>
    `Container image ${JSON.stringify(image)} is not present with pull policy of Never`,
} as const;

/** Which images each node holds. */
export class NodeImages {
  private readonly byNode = new Map<string, Set<string>>();

  has(node: string, image: string): boolean {
    return this.byNode.get(node)?.has(imageRef(image)) ?? false;
  }

  add(node: string, image: string): void {
    let set = this.byNode.get(node);
    if (!set) this.byNode.set(node, (set = new Set()));
    set.add(imageRef(image));
  }
}
