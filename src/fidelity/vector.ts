/**
 * A test vector as the vector files hold it, what a runner says of it, and the two rules every
 * runner follows (the vector files' "Structured fields" convention, docs/fidelity.md):
 *
 * 1. Only fields decide. `notes` and `source` are for people: no runner is given them.
 * 2. Strict about fields. An `inputs` or `expected` field a runner does not know fails the
 *    vector (a field it ignored could change the verdict), and every `expected` field is
 *    compared with what the product computed: a runner declares, per kind, the expected
 *    fields it can compute, and `compareExpected` checks the vector's against that list.
 *
 * Example: a `controller` vector whose expected holds `{desiredReplicas: 3, eventCount: 0,
 * statusUpdated: false}` passes only if the sync's status says 3, it recorded no event and
 * it issued no status write; `{desiredReplicas: 3, scaleWrites: 0}` fails with
 * `expected field "scaleWrites" is not known to the controller runner`.
 */

export interface Vector {
  id?: string;
  source: string;
  kind: string;
  inputs: unknown;
  expected: unknown;
  notes?: string;
}

/** The part of a vector a runner sees: never `notes`, never `source`. */
export interface VectorData {
  kind: string;
  inputs: unknown;
  expected: unknown;
}

export type Outcome = { pass: boolean; message?: string };

/** A vector the runner cannot judge as written (an unknown field, a value outside the format). */
export class VectorFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VectorFormatError";
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * The object at `where`, checked to hold only `known` keys (throws VectorFormatError).
 * `null`/`undefined` pass through when `optional`.
 */
export function fields(x: unknown, where: string, known: readonly string[]): Json {
  if (!isObject(x)) throw new VectorFormatError(`${where} must be an object, got ${JSON.stringify(x)}`);
  for (const k of Object.keys(x))
    if (!known.includes(k))
      throw new VectorFormatError(
        `${where} field "${k}" is not known to this runner (known: ${known.join(", ")})`,
      );
  return x;
}

/** Like `fields`, for a value that may be null or absent. */
export function optionalFields(x: unknown, where: string, known: readonly string[]): Json {
  return x === null || x === undefined ? x : fields(x, where, known);
}

/** Each element of a list checked with `fields`. */
export function listOf(x: unknown, where: string, known: readonly string[]): Json[] {
  if (!Array.isArray(x)) throw new VectorFormatError(`${where} must be a list, got ${JSON.stringify(x)}`);
  return x.map((e, i) => fields(e, `${where}[${i}]`, known));
}

/** A value that must be one of `allowed` (a field with a fixed vocabulary). */
export function oneOf<T extends string | number | boolean | null>(
  x: unknown,
  where: string,
  allowed: readonly T[],
): T {
  if (!allowed.includes(x as T))
    throw new VectorFormatError(
      `${where} is ${JSON.stringify(x)}; this runner knows ${allowed.map((a) => JSON.stringify(a)).join(", ")}`,
    );
  return x as T;
}

/** JSON with object keys sorted, so that key order never decides equality. */
export function canonicalJson(x: unknown): string {
  return JSON.stringify(x, (_k, v: unknown) =>
    isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * What a runner computed for one vector: for each expected field it knows, the product's value
 * (or a function that says whether the vector's value holds, for fields that are a condition
 * rather than a value, e.g. an error text that must contain the expected words).
 */
export type Actual = Record<string, unknown | { matches: (expected: unknown) => boolean; shown: unknown }>;

/** A field compared by a predicate instead of equality; `shown` is what a failure prints. */
export const matcher = (matches: (expected: unknown) => boolean, shown: unknown) => ({
  matches,
  shown,
  [MATCHER]: true,
});
const MATCHER = Symbol("matcher");
const isMatcher = (x: unknown): x is { matches: (e: unknown) => boolean; shown: unknown } =>
  isObject(x) && MATCHER in x;

/**
 * Compare every field of `expected` with `actual`. A field of `expected` that is not in
 * `known` fails (never skipped); so does one the runner could not compute for this vector
 * (absent from `actual`).
 */
export function compareExpected(
  kind: string,
  expected: unknown,
  known: readonly string[],
  actual: Actual,
): Outcome {
  const e = fields(expected, "expected", known);
  const problems: string[] = [];
  for (const key of Object.keys(e)) {
    if (!(key in actual)) {
      problems.push(`expected field "${key}" cannot be checked by the ${kind} runner for these inputs`);
      continue;
    }
    const a = actual[key];
    if (isMatcher(a)) {
      if (!a.matches(e[key]))
        problems.push(`${key}: expected ${JSON.stringify(e[key])}, got ${JSON.stringify(a.shown)}`);
    } else if (canonicalJson(a) !== canonicalJson(e[key]))
      problems.push(`${key}: expected ${JSON.stringify(e[key])}, got ${JSON.stringify(a)}`);
  }
  return problems.length === 0 ? { pass: true } : { pass: false, message: problems.join("; ") };
}

/** One kind's runner: the fields it knows, and the run that computes the actual values. */
export interface KindRunner {
  /** Top-level `inputs` fields this kind reads (others fail the vector). */
  inputs: readonly string[];
  /** `expected` fields this kind compares (others fail the vector). */
  expected: readonly string[];
  /**
   * The product's value for each expected field. `expected` is given only for the rare vector
   * whose expectations list the calls to make (revisionAnnotations' steps); a runner echoes
   * an expected value only where it is a call's argument, never a call's result.
   */
  run(inputs: Json, expected: Json): Actual;
}

/** Run one vector's data through its kind's runner: strict fields, every expected field compared. */
export function runKind(runner: KindRunner, v: VectorData): Outcome {
  try {
    const inputs = fields(v.inputs, "inputs", runner.inputs);
    // Unknown expected fields fail before anything runs.
    fields(v.expected, "expected", runner.expected);
    return compareExpected(v.kind, v.expected, runner.expected, runner.run(inputs, v.expected));
  } catch (e) {
    if (e instanceof VectorFormatError) return { pass: false, message: e.message };
    throw e;
  }
}
