/**
 * The build as `kubectl kustomize` prints it (resmap AsYaml): each object as sigs.k8s.io/yaml
 * writes it from its JSON — keys sorted at every level, lists not indented under their key,
 * strings quoted where YAML 1.1 would read them as something else — separated by `---`.
 */
import { stringify } from "yaml";

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== "object") return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) {
    const x = (v as Record<string, unknown>)[k];
    if (x !== undefined)
      Object.defineProperty(out, k, {
        value: sortKeys(x),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

/** The objects as YAML documents separated by `---` lines. */
export function renderBuild(objects: readonly Record<string, unknown>[]): string {
  return objects
    .map((o) =>
      stringify(sortKeys(o), { version: "1.1", indentSeq: false, lineWidth: 0, minContentWidth: 0 }),
    )
    .join("---\n");
}
