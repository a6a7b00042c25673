/**
 * The fidelity runner's core: every vector transcribed from Kubernetes' own unit tests is
 * dispatched by its `kind` to the runner that exercises the product code for that rule.
 * A runner sees the vector's `kind`, `inputs` and `expected` only — `notes` and `source` are
 * for people and never reach it. A vector of a kind nobody runs is a failure, never a skip:
 * a fixture we cannot check is a claim we cannot make.
 */
import { DEPLOY_KINDS, runDeployVector } from "./deploy.ts";
import { HPA_KINDS, runHpaVector } from "./hpa.ts";
import type { Vector } from "./vector.ts";

export type { Vector };

export interface VectorOutcome {
  /** The vector's id when it has one, else its index in the file (`#12`). */
  id: string;
  source: string;
  kind: string;
  pass: boolean;
  message?: string;
}

/** Every kind some runner checks. */
export const VECTOR_KINDS: ReadonlySet<string> = new Set([...DEPLOY_KINDS, ...HPA_KINDS]);

export function runVector(v: Vector, index = 0): Omit<VectorOutcome, "id"> & { id: string } {
  const base = { id: v.id ?? `#${index}`, source: v.source, kind: v.kind };
  const data = { kind: v.kind, inputs: v.inputs, expected: v.expected };
  try {
    if (DEPLOY_KINDS.has(v.kind)) return { ...base, ...runDeployVector(data) };
    if (HPA_KINDS.has(v.kind)) return { ...base, ...runHpaVector(data) };
    return { ...base, pass: false, message: `unknown vector kind "${v.kind}": no runner checks it` };
  } catch (e) {
    return { ...base, pass: false, message: `runner error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** A vector file that cannot be read as vectors: why. */
export interface FileProblem {
  file: string;
  message: string;
}

const VECTOR_FIELDS = ["id", "source", "kind", "inputs", "expected", "notes"];

/**
 * Parse a vector file's text: a JSON array of `{id?, source, kind, inputs, expected, notes?}`.
 * A file that is not that (bad JSON, not an array, a vector without its fields or with one
 * the format does not have) is reported as a whole: no vector of it runs.
 */
export function parseVectors(text: string, file: string): Vector[] | FileProblem {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { file, message: `not JSON: ${(e as Error).message}` };
  }
  if (!Array.isArray(data)) return { file, message: "expected a JSON array of vectors" };
  for (const [i, v] of data.entries()) {
    const where = `vector ${i}`;
    if (typeof v !== "object" || v === null || Array.isArray(v))
      return { file, message: `${where} is not an object` };
    const unknown = Object.keys(v).filter((k) => !VECTOR_FIELDS.includes(k));
    if (unknown.length > 0)
      return { file, message: `${where} has field "${unknown[0]}", which the vector format does not have` };
    for (const k of ["source", "kind"] as const)
      if (typeof (v as Vector)[k] !== "string")
        return { file, message: `${where} needs a string field \`${k}\`` };
    for (const k of ["inputs", "expected"] as const)
      if (!(k in v)) return { file, message: `${where} needs a field \`${k}\`` };
  }
  return data as Vector[];
}

/** Run every vector of one parsed file, in file order. */
export const runVectors = (vectors: readonly Vector[]): VectorOutcome[] =>
  vectors.map((v, i) => runVector(v, i));
