/**
 * What running one kubectl command gives back, and the options the caller can pass.
 */
import type { ListDir } from "./visitor.ts";
import type { TargetsStyle } from "../k8s/kinds/descriptor.ts";
import type { CommandRegistry } from "./command.ts";

export interface WatchRequest {
  kind: string;
  name?: string;
  /** Column widths of the table printed so far (kubectl's tabwriter remembers them across a watch). */
  columnWidths?: number[];
  wide?: boolean;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The command only read the cluster (get, describe, rollout status/history, dry runs). */
  readOnly: boolean;
  watch?: WatchRequest;
  /** Names the command named that the API server did not find (its NotFound errors). */
  notFound?: string[];
}

export interface KubectlOptions {
  /** The name kubectl was called by; `--record` writes it into the change-cause. Default "kubectl". */
  binaryName?: string;
  /** Files for `apply -f` (the core has no file system; the scenario passes its manifests). */
  readFile?: (path: string) => string | undefined;
  /** A folder's entries for `apply -f DIR` (undefined: not a folder); without it every path is a file. */
  listDir?: ListDir;
  /** HPA TARGETS spelling: "legacy" (kubectl ≤ 1.2x, the seeds) or "named" ("cpu: 0%/60%", current kubectl). */
  targetsStyle?: TargetsStyle;
  /** The commands there are (default: the built-in ones); a run with more commands passes its registry. */
  commands?: CommandRegistry;
}

export const ok = (stdout: string, readOnly = false, stderr = ""): KubectlResult => ({
  exitCode: 0,
  stdout,
  stderr,
  readOnly,
});
export const fail = (stderr: string, readOnly = false, stdout = ""): KubectlResult => ({
  exitCode: 1,
  stdout,
  stderr: stderr.endsWith("\n") ? stderr : stderr + "\n",
  readOnly,
});
