/**
 * What the CLI needs of its surroundings, injected so the commands run in-process in tests
 * (`main(argv, io)` returns the exit code; nothing calls process.exit but the bin).
 */
import type { FileHost } from "../scenario/host.ts";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Colours and progress only on terminals. */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  host: FileHost;
  /** Every `*.scn` file under the given files and folders, sorted; missing paths are reported in `missing`. */
  findScenarios(paths: readonly string[]): { files: string[]; missing: string[] };
  /** Wall-clock milliseconds (progress appears only for runs that take a while). */
  clock(): number;
  /** The host is the real disk, so `replicast test` may run scenarios on worker threads (which read it themselves). */
  workers?: boolean;
}
