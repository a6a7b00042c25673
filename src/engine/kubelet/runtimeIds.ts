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

/** The characters of lowercase hex digits, by value. */
const HEX_CODES = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];

/**
 * Scratch for the hashes, reused (one call per container start): the key's code units, read
 * eight times, and the digits' codes, made into one flat string. Reading a concatenated key
 * through `charCodeAt` eight times, and padding eight `toString(16)` words onto a growing
 * string, cost about four times as much per call warm.
 */
let keyUnits = new Int32Array(128);
const digits: number[] = new Array<number>(64).fill(0);
/** A container id's codes: `containerd://`, then the 64 digits (`containerIdOf`). */
const CONTAINERD = "containerd://";
const idCodes: number[] = new Array<number>(CONTAINERD.length + 64).fill(0);
for (let i = 0; i < CONTAINERD.length; i++) idCodes[i] = CONTAINERD.charCodeAt(i);

/** `s`'s code units into `units` from `at`; returns the position after them. */
function copyUnits(units: Int32Array, at: number, s: string): number {
  for (let j = 0; j < s.length; j++) units[at + j] = s.charCodeAt(j);
  return at + s.length;
}

/**
 * The 64 hex digits of the key in `units[0..n)` into `codes` from `at`: eight FNV-1a words over
 * its UTF-16 code units, each seeded from the one before (the key is an id, not text anyone
 * reads back: code units are as good as bytes). Each word is written as eight digits, most
 * significant first (`toString(16)` padded to 8). The inner loop takes four units a round: the
 * same steps in the same order, with a quarter of the loop's own checks (about a fifth of a
 * container start's id, counted under callgrind).
 */
function hexDigits(units: Int32Array, n: number, codes: number[], at: number): void {
  // FNV-1a's 32-bit prime, and the digits' table, as locals: the bundle (scripts/bundle-bin.mjs)
  // makes a module's constants variables that its lazy initializer assigns, which optimized
  // code loads and checks at each use (here five times a unit and once a digit).
  const prime = 0x01000193;
  const hexCodes = HEX_CODES;
  const whole = n - (n & 3);
  // Int32 arithmetic: the same low 32 bits as the unsigned words, read back by `>>>`.
  let h = 0x811c9dc5 | 0;
  let o = at;
  for (let i = 0; i < 8; i++) {
    h ^= Math.imul(i + 1, 0x9e3779b1);
    let j = 0;
    for (; j < whole; j += 4) {
      h = Math.imul(h ^ units[j], prime);
      h = Math.imul(h ^ units[j + 1], prime);
      h = Math.imul(h ^ units[j + 2], prime);
      h = Math.imul(h ^ units[j + 3], prime);
    }
    for (; j < n; j++) h = Math.imul(h ^ units[j], prime);
    for (let shift = 28; shift >= 0; shift -= 4) codes[o++] = hexCodes[(h >>> shift) & 15];
  }
}

/** 64 hex digits from `key` (`hexDigits`). */
function hex64(key: string): string {
  const n = key.length;
  if (n > keyUnits.length) keyUnits = new Int32Array(n);
  copyUnits(keyUnits, 0, key);
  hexDigits(keyUnits, n, digits, 0);
  return String.fromCharCode.apply(null, digits);
}

/**
 * `containerd://…`: the container of `run` (0 for the first, one more per restart). The key
 * `UID/NAME/RUN` is read into the scratch part by part, not made as a string first, and the
 * prefix is in the codes the id is made of: one string, where a concatenated key was
 * flattened before it was read and the id was the prefix joined to the digits.
 */
export function containerIdOf(podUid: string, container: string, run: number): string {
  const runText = String(run);
  const n = podUid.length + container.length + runText.length + 2;
  if (n > keyUnits.length) keyUnits = new Int32Array(n);
  const units = keyUnits;
  let at = copyUnits(units, 0, podUid);
  units[at++] = SLASH;
  at = copyUnits(units, at, container);
  units[at++] = SLASH;
  copyUnits(units, at, runText);
  hexDigits(units, n, idCodes, CONTAINERD.length);
  return String.fromCharCode.apply(null, idCodes);
}

const SLASH = 47;

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
