/**
 * A JSON object as manifests carry it before their shape is checked: defaulting, validation
 * and conversion read raw documents through this, so a field holding a list, a string or null
 * where an object belongs is told apart from one that holds an object.
 */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
