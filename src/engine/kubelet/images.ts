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
 * A pull the registry cannot serve (`fault pull image`) fails: Warning Failed with the
 * runtime's error, the container waiting in ErrImagePull, and the image back-off
 * (IMAGE_BACKOFF) before the next pull; a sync inside it answers ImagePullBackOff.
 *
 * Images are per node (the runtime's image store): a pull on node-1 does not put the image on
 * node-2. A node whose manifest lists `status.images` has those from the start.
 */
import { defaultImagePullPolicy, imageTag } from "../../k8s/defaults.ts";
import { goDuration } from "../../k8s/duration.ts";
import type { Container } from "../../k8s/types.ts";

/**
 * The image manager's back-off (pkg/kubelet/kubelet.go NewMainKubelet: imageBackOff :=
 * flowcontrol.NewBackOff(backOffPeriod, MaxContainerBackOff)): 10 s doubling to 300 s, keyed by
 * the pod's uid and the image ("%s_%s", image_manager.go), started anew by each failed pull.
 */
export const IMAGE_BACKOFF = { initial: 10, max: 300 } as const;

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

/**
 * The name containerd resolves: distribution/reference ParseNormalizedNamed (via containerd's
 * CRI PullImage), then the kubelet's default tag. A first component without a dot or a colon
 * that is not "localhost" is no registry, so "docker.io/" goes in front, and a one-component
 * Docker Hub name is an official image under "library/". Examples: "nginx:1.161" →
 * "docker.io/library/nginx:1.161", "bitnami/nginx" → "docker.io/bitnami/nginx:latest",
 * "ghcr.io/org/app:2" → unchanged, "localhost:5000/app:1" → unchanged.
 */
export function normalizedImageName(image: string): string {
  const ref = imageRef(image);
  const slash = ref.indexOf("/");
  const first = slash < 0 ? "" : ref.slice(0, slash);
  const hasDomain = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  if (hasDomain) return ref;
  return slash < 0 ? `docker.io/library/${ref}` : `docker.io/${ref}`;
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
  /**
   * A pull of an image the registry does not have, as containerd 1.7's CRI plugin answers it
   * (pkg/cri/server/image_pull.go PullImage wraps the resolver's "not found" error: "failed to
   * pull and unpack image %q: failed to resolve reference %q: %s: not found") and gRPC carries
   * it (status code NotFound), after the kubelet's "Failed to pull image %q: %v"
   * (image_manager.go EnsureImageExists). The reason the container waits with, ErrImagePull,
   * has the same text without the kubelet's prefix as its message.
   */
  notFound: (image: string) => {
    const name = JSON.stringify(normalizedImageName(image));
    return `rpc error: code = NotFound desc = failed to pull and unpack image ${name}: failed to resolve reference ${name}: ${normalizedImageName(image)}: not found`;
  },
  failed: (image: string, error: string) => `Failed to pull image ${JSON.stringify(image)}: ${error}`,
  /** EnsureImageExists inside the image back-off: the BackOff event's and the waiting message. */
  backOff: (image: string) => `Back-off pulling image ${JSON.stringify(image)}`,
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
