/**
 * kustomize's build (`kubectl kustomize DIR`, `kubectl apply -k DIR`): pure TypeScript over a
 * file-reading interface, below kubectl and the scenario planner, which both call it.
 */
export { buildKustomization, replaceImage, splitImage } from "./build.ts";
export type { KustomizeBuild, KustomizeIO, KustomizeProblem } from "./build.ts";
export { kustomizeHash, sha256Hex } from "./hash.ts";
export { KUSTOMIZATION_FILE_NAMES, kustomizeMessages } from "./messages.ts";
export type { KustomizeMessage } from "./messages.ts";
export { renderBuild } from "./render.ts";
