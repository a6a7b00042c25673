/**
 * The fidelity runner's core: every vector transcribed from Kubernetes' own unit tests is
 * dispatched by its `kind` to the runner that exercises the product code for that rule.
 * A vector of a kind nobody runs is a failure, never a skip: a fixture we cannot check is
 * a claim we cannot make.
 */
import { DEPLOY_KINDS, runDeployVector } from "./deploy.ts";
import { HPA_KINDS, runHpaVector } from "./hpa.ts";
import type { Vector } from "./vector.ts";

export type { Vector };

export interface VectorOutcome {
  source: string;
  kind: string;
  pass: boolean;
  message?: string;
}

export function runVector(v: Vector): VectorOutcome {
  const base = { source: v.source, kind: v.kind };
  try {
    if (DEPLOY_KINDS.has(v.kind)) return { ...base, ...runDeployVector(v) };
    if (HPA_KINDS.has(v.kind)) return { ...base, ...runHpaVector(v) };
    return { ...base, pass: false, message: `unknown vector kind "${v.kind}": no runner checks it` };
  } catch (e) {
    return { ...base, pass: false, message: `runner error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Parse a vector file's text; a malformed file is reported as one failing outcome. */
export function parseVectors(text: string, file: string): Vector[] | VectorOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { source: file, kind: "file", pass: false, message: `not JSON: ${(e as Error).message}` };
  }
  if (!Array.isArray(data))
    return { source: file, kind: "file", pass: false, message: "expected a JSON array of vectors" };
  for (const [i, v] of data.entries()) {
    if (
      typeof v !== "object" ||
      v === null ||
      typeof (v as Vector).kind !== "string" ||
      typeof (v as Vector).source !== "string"
    )
      return {
        source: `${file}[${i}]`,
        kind: "file",
        pass: false,
        message: "a vector needs string fields `source` and `kind`",
      };
  }
  return data as Vector[];
}
