/**
 * The build as `kubectl kustomize` prints it (resmap AsYaml): each object as sigs.k8s.io/yaml
 * writes it from its JSON — keys sorted at every level, lists not indented under their key,
 * strings quoted where YAML 1.1 would read them as something else — separated by `---`.
 */
import { stringify } from "yaml";
import { sortedKeys } from "../k8s/sortedKeys.ts";

/** The objects as YAML documents separated by `---` lines. */
export function renderBuild(objects: readonly Record<string, unknown>[]): string {
  return objects
    .map((o) =>
      stringify(sortedKeys(o), { version: "1.1", indentSeq: false, lineWidth: 0, minContentWidth: 0 }),
    )
    .join("---\n");
}
