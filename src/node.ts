/**
 * Replicast's API for Node (package.json's "node" export and "main"): everything of the
 * portable API (index.ts), with `runScenario` that also reads a scenario file from disk —
 * `runScenario({ path: "scenarios/hpa-cpu.scn" })` — and resolves the files a scenario names
 * (`apply file "…"`, `kubectl apply -f`) beside it. Deno and browsers get index.ts, whose
 * `runScenario` takes text and an optional FileHost.
 *
 * ```ts
 * import { parseScenario, runScenario } from "replicast";
 *
 * const result = await runScenario({ path: "scenarios/quickstart.scn" });
 * result.passed; // the object `replicast run --json` prints
 * ```
 */
export * from "./index.ts";
// An explicit export wins over the same name from `export *`: Node's runScenario replaces
// the portable one.
export { runScenario, nodeHost } from "./scenario/node.ts";
