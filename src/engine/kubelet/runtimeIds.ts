/**
 * What the container runtime (containerd 1.7's CRI plugin) reports of a container once it
 * exists, and the kubelet copies into its ContainerStatus (kubelet_pods.go
 * convertContainerStatus): `containerID` as `containerd://ID`, `imageID` as the image's repo
 * digest, and `image` as the image's first repo tag.
 *
 * - A container's ID is 32 random bytes in hex (containerd pkg/util GenerateID). Here it is
 *   drawn from the pod's uid, the container's name and its run, not from the run's seeded
 *   generator, so adding it moved no other random value: each run of each container has its
 *   own, and the same scenario gives the same ones.
 * - An image's digest is its manifest's sha256, the same on every node and for every pod: here
 *   a hash of the normalized reference. A reference that carries a digest keeps its own.
 * - containerd's ContainerStatus (pkg/cri/server/container_status.go) answers the image as its
 *   first repo tag, normalized (`nginx:1.25` → `docker.io/library/nginx:1.25`), and the repo
 *   digest as imageRef (`docker.io/library/nginx@sha256:…`). An image pulled by digest has no
 *   repo tag, so its status image is the image's config id (`sha256:…`).
 *
 * Before the container exists (ContainerCreating, ErrImagePull) the kubelet's status has the
 * image as written and an empty imageID, and no containerID.
 */
import { fnv32a, utf8 } from "../../k8s/hash.ts";
import { normalizedImageName } from "./images.ts";

/** 64 hex digits from `key`: eight FNV-1a words, each seeded with the one before. */
function hex64(key: string): string {
  const bytes = utf8(key);
  let out = "";
  let h = 0x811c9dc5;
  for (let i = 0; i < 8; i++) {
    h = fnv32a(bytes, h ^ Math.imul(i + 1, 0x9e3779b1));
    out += h.toString(16).padStart(8, "0");
  }
  return out;
}

/** `containerd://…`: the container of `run` (0 for the first, one more per restart). */
export function containerIdOf(podUid: string, container: string, run: number): string {
  return `containerd://${hex64(`${podUid}/${container}/${run}`)}`;
}

/** The repository part of a normalized reference: without its tag and digest. */
function repositoryOf(normalized: string): string {
  const at = normalized.indexOf("@");
  const name = at < 0 ? normalized : normalized.slice(0, at);
  const slash = name.lastIndexOf("/");
  const colon = name.lastIndexOf(":");
  return colon > slash ? name.slice(0, colon) : name;
}

/** The digest a reference carries (`…@sha256:…`), or undefined. */
function digestOf(image: string): string | undefined {
  const at = image.indexOf("@");
  return at < 0 ? undefined : image.slice(at + 1);
}

/** ContainerStatus.imageID: the repo digest, `docker.io/library/nginx@sha256:…`. */
export function imageIdOf(image: string): string {
  const normalized = normalizedImageName(image);
  return `${repositoryOf(normalized)}@${digestOf(image) ?? `sha256:${hex64(normalized)}`}`;
}

/**
 * ContainerStatus.image once the container exists: the first repo tag, or, for an image
 * pulled by digest, its config id (reference.ParseDockerRef drops the tag of
 * `nginx:1.25@sha256:…`, so such an image has no repo tag either).
 */
export function runtimeImageOf(image: string): string {
  const normalized = normalizedImageName(image);
  return digestOf(image) === undefined ? normalized : `sha256:${hex64(`config ${normalized}`)}`;
}
