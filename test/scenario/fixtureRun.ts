/** Running a repository fixture's scenario and reading what its kubectl lines printed. */
import { runScenario } from "../../src/scenario/index.ts";
import { nodeHost } from "../../src/scenario/nodeHost.ts";

export type Run = Awaited<ReturnType<typeof runScenario>>;

/** Runs a scenario file from disk, as `replicast run FILE` does (paths relative to the repo). */
export const runFixture = async (file: string): Promise<Run> =>
  runScenario({ text: nodeHost().readFile(file)!, file }, { host: nodeHost() });

/** The text a kubectl line printed at `time` (seconds), the nth at that instant. */
export const printedAt = (r: Run, time: number, nth = 0): string | undefined =>
  r.output.filter((o) => o.time === time)[nth]?.text;

/** What the statement on `line` printed (its first print; a watch's first table). */
export const printed = (r: Run, line: number): string | undefined =>
  r.output.find((o) => o.line === line && !o.watch)?.text;

/** The rows a watch (or a waiting rollout status) on `line` printed after its first output, with their times. */
export const watched = (r: Run, line: number): [number, string][] =>
  r.output.filter((o) => o.line === line && o.watch).map((o) => [o.time, o.text]);

/** Lines `from`..`to` of what the statement on `line` printed. */
export const lines = (r: Run, line: number, from?: number, to?: number): string[] | undefined =>
  printed(r, line)?.split("\n").slice(from, to);
