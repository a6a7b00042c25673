/**
 * kubectl's patch semantics live in src/k8s/merge.ts, below both kubectl and the kustomize
 * build (whose patches are the same strategic merge and JSON patches).
 */
export * from "../k8s/merge.ts";
