/**
 * The Node adapter of the scenario API: a FileHost over the real file system, and
 * `runScenario({ path })`. Only adapters (the CLI, notebooks, vitest helpers) import this;
 * the rest of src/scenario stays free of Node APIs.
 */
import { runWith, type ScenarioOptions } from "./api.ts";
import { defaultServices } from "./defaultServices.ts";
import { nodeHost } from "./nodeHost.ts";
import { messages } from "./messages.ts";
import { unusableResult, type ScenarioResult } from "./result.ts";

export { nodeHost };

/**
 * `runScenario` for Node: `{ path }` reads the file (and files beside it) from disk; `{ text }`
 * runs text with the disk as its host. An unreadable path resolves to an "error" result.
 */
export async function runScenario(
  input: { path: string } | { text: string; file?: string },
  options: ScenarioOptions = {},
): Promise<ScenarioResult> {
  const host = options.host ?? nodeHost();
  if ("path" in input) {
    const text = host.readFile(input.path);
    if (text === undefined)
      return unusableResult(input.path, [
        {
          code: "RC4003",
          severity: "error",
          file: input.path,
          span: { offset: 0, length: 0, line: 1, col: 1, endLine: 1, endCol: 1 },
          message: messages.fileNotFound(input.path, host.whyUnreadable?.(input.path)?.message).message,
        },
      ]);
    return runWith(defaultServices, text, input.path, { ...options, host });
  }
  return runWith(defaultServices, input.text, input.file ?? "scenario.scn", { ...options, host });
}
