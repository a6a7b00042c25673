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
import { normalizedImageName } from "./images.ts";

const FNV32_PRIME = 0x01000193;

/** The characters of lowercase hex digits, by value. */
const HEX_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/**
 * Scratch for hex64, reused (one call per container start): the key's code units, read eight
 * times, and the 64 digits' codes, made into one flat string. Reading a concatenated key
 * through `charCodeAt` eight times, and padding eight `toString(16)` words onto a growing
 * string, cost about four times as much per call warm.
 */
let keyUnits = new Int32Array(128);
const digits: number[] = new Array<number>(64).fill(0);

/**
 * 64 hex digits from `key`: eight FNV-1a words over its UTF-16 code units, each seeded from the
 * one before (the key is an id, not text anyone reads back: code units are as good as bytes).
 * Each word is written as eight digits, most significant first (`toString(16)` padded to 8).
 */
function hex64(key: string): string {
  const n = key.length;
  if (n > keyUnits.length) keyUnits = new Int32Array(n);
  const units = keyUnits;
  for (let j = 0; j < n; j++) units[j] = key.charCodeAt(j);
  // Int32 arithmetic: the same low 32 bits as the unsigned words, read back by `>>>`.
  let h = 0x811c9dc5 | 0;
  let o = 0;
  for (let i = 0; i < 8; i++) {
    h ^= Math.imul(i + 1, 0x9e3779b1);
    for (let j = 0; j < n; j++) h = Math.imul(h ^ units[j], FNV32_PRIME);
    for (let shift = 28; shift >= 0; shift -= 4) digits[o++] = HEX_CODES[(h >>> shift) & 15];
  }
  return String.fromCharCode.apply(null, digits);
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

/** An image's ids, worked out once per reference (a run names a handful of images). */
const imageIds = new Map<string, { imageID: string; image: string }>();

function idsOf(image: string): { imageID: string; image: string } {
  let ids = imageIds.get(image);
  if (ids === undefined) {
    const normalized = normalizedImageName(image);
    const digest = digestOf(image);
    ids = {
      imageID: `${repositoryOf(normalized)}@${digest ?? `sha256:${hex64(normalized)}`}`,
      image: digest === undefined ? normalized : `sha256:${hex64(`config ${normalized}`)}`,
    };
    // Bounded: a scenario that names endless images only loses the memo.
    if (imageIds.size > 1000) imageIds.clear();
    imageIds.set(image, ids);
  }
  return ids;
}

/** ContainerStatus.imageID: the repo digest, `docker.io/library/nginx@sha256:…`. */
export function imageIdOf(image: string): string {
  return idsOf(image).imageID;
}

/**
 * ContainerStatus.image once the container exists: the first repo tag, or, for an image
 * pulled by digest, its config id (reference.ParseDockerRef drops the tag of
 * `nginx:1.25@sha256:…`, so such an image has no repo tag either).
 */
export function runtimeImageOf(image: string): string {
  return idsOf(image).image;
}
