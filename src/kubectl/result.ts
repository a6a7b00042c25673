/**
 * What running one kubectl command gives back, and the options the caller can pass.
 */
import type { ListDir } from "./visitor.ts";
import type { TargetsStyle } from "../k8s/kinds/descriptor.ts";
import type { Cluster } from "../engine/cluster.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { CommandRegistry, OutputFormat } from "./command.ts";

/** The columns a `get -w` printed its table with: its rows keep them. */
export interface WatchColumns {
  wide?: boolean;
  showLabels?: boolean;
  /** `-L KEY`: a column per label key. */
  labelColumns?: readonly string[];
  /** `-A`: a NAMESPACE column first. */
  allNamespaces?: boolean;
  /** How the rows spell HPA TARGETS (the kubectl version the command was parsed for). */
  targetsStyle?: TargetsStyle;
  /** The kubectl minor version the rows print as (PrintOptions.printersMinor). */
  printersMinor?: number;
  /** `--output-watch-events`: each change as a metav1.WatchEvent (an EVENT column, `{type, object}`). */
  watchEvents?: boolean;
  /** `-o name|yaml|json|jsonpath|custom-columns`: each change printed by that printer, not as a row. */
  output?: Exclude<OutputFormat, { kind: "table" }>;
  /** `--no-headers`: a table or custom-columns watch never prints its header. */
  noHeaders?: boolean;
  /**
   * Whether the watch has printed anything yet, updated in place: YAML puts `---` before every
   * document but the first, and a header nothing printed yet comes with the first change.
   */
  printed?: { any: boolean };
  /**
   * What the watch asked the API server for: objects of one namespace (none: every namespace,
   * or a cluster-scoped kind), matching the label and field selectors. Other changes are not
   * delivered.
   */
  namespace?: string;
  selector?: string;
  fieldSelector?: string;
  /**
   * With a label or field selector: the objects whose last state the watch's filter passed,
   * by namespace/name, updated in place. The watch cache decides from the states before and
   * after a change whether it is ADDED, MODIFIED or DELETED for this watch (watch.ts).
   */
  passed?: Map<string, KubeObject>;
  /**
   * The apiVersion the watch reads a custom resource in: the version its request named, else
   * the group's preferred one (stored/crd.ts readApiVersion); the watch's changes carry it, as
   * the listing did. Undefined for any other kind, read as stored.
   */
  readVersion?: string;
  /** A trailing pipeline: the shell's commands read the watch's lines as they come (pipeline.ts streamPipeline). */
  lineFilter?: (text: string) => string;
}

export interface WatchRequest extends WatchColumns {
  kind: string;
  name?: string;
  /** Column widths of the table printed so far (kubectl's tabwriter remembers them across a watch). */
  columnWidths?: number[];
}

/** What a command wrote for each object it sent, in order (KubectlResult.perObject). */
export interface PerObjectOutput {
  objects: readonly {
    /** The object's group/version and kind as its file wrote them: the request's. */
    apiVersion: string;
    kind: string;
    /** kubectl's own warnings about the object (apply's missing last-applied annotation). */
    stderr: string;
    /** Its line (`deployment.apps/web created`); "" when its request failed. */
    stdout: string;
  }[];
  /** What the command wrote on stderr before its first request (delete's grace-period notices). */
  before?: string;
  /** What stderr wrote after every object: the errors, aggregated. */
  after: string;
  /** How many objects the command was given, and of them how many failed (refused by the server or before sending). */
  count: number;
  failed: number;
}

export interface KubectlResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** The command only read the cluster (get, describe, rollout status/history, dry runs). */
  readOnly: boolean;
  watch?: WatchRequest;
  /** `get events -w`, `kubectl events -w`: what the watch prints for the events recorded after it started. */
  eventWatch?: EventWatch;
  /**
   * What stderr starts with that reports no failure: a deprecated flag's notice, the API
   * server's `Warning:` lines (apiWarnings.ts). A `| grep` that selects nothing fails the line's
   * status, not kubectl: with only these on stderr, nothing went wrong.
   */
  notices?: string;
  /**
   * What the command wrote at the start of its stderr before its first request (`delete
   * --force`'s `warning: Immediate deletion…`, printed by delete.go Validate): the API server's
   * warnings, which come with the responses, follow it.
   */
  beforeRequests?: string;
  /**
   * A command that sends its objects one at a time and prints a line for each as its response
   * comes (`apply -f`): what it wrote for each object, for the API server's warnings to be
   * written just before the object's own line (warningOrder.ts), as kubectl's warning handler
   * writes each response's warnings to stderr when the response arrives.
   */
  perObject?: PerObjectOutput;
  /**
   * What a terminal shows when stderr came between stdout's lines: `out` both streams as
   * written up to the last object's line, `err` what stderr wrote after it (the errors kubectl
   * aggregates and prints last). Absent: everything on stderr came first.
   */
  written?: { out: string; err: string };
  /**
   * Replicast's own note about the command, printed after kubectl's output and not part of it
   * (no pipeline reads it): what a user of the real kubectl does instead (`apply -f` of a CRD and
   * its objects at once: apply the CRDs first).
   */
  note?: string;
  /** Names the command named that the API server did not find (its NotFound errors). */
  notFound?: string[];
  /**
   * A command that keeps running in (simulated) time, as `kubectl drain` does while it retries
   * evictions: what it prints next, `after` seconds from now, against the cluster then.
   */
  follow?: { after: number; run: (cluster: Cluster) => KubectlResult };
  /**
   * A command that watches one object until it is satisfied (`kubectl rollout status`): what it
   * prints at each change of the object, and whether that ends it. `timeout` seconds from now
   * it ends with `timeoutError` instead.
   */
  until?: WatchUntil;
}

/** One thing a watch printed, at the simulated time it printed it. */
export interface WatchedLines {
  time: number;
  /** How many events had been recorded when it printed (it comes after them). */
  afterEvents: number;
  text: string;
}

/**
 * A watch on events: the recorder keeps them, not the store, so their changes are read from
 * the whole record when the run has ended (each emission is one POST or PATCH of its Event,
 * seen by the watch at the time it was emitted).
 */
export interface EventWatch {
  lines(): WatchedLines[];
}

export interface WatchUntil {
  kind: string;
  namespace: string;
  name: string;
  timeout?: number;
  timeoutError: string;
  onChange(
    type: "ADDED" | "MODIFIED" | "DELETED",
    object: KubeObject,
  ): { result: KubectlResult; done: boolean };
}

export interface KubectlOptions {
  /** The name kubectl was called by; `--record` writes it into the change-cause. Default "kubectl". */
  binaryName?: string;
  /** Files for `apply -f` (the core has no file system; the scenario passes its manifests). */
  readFile?: (path: string) => string | undefined;
  /**
   * The kubectl minor version to behave as (`22` for 1.22; default the current one,
   * version.ts): HPA TARGETS spelling, `autoscale`'s flags. Read when runKubectl parses a line;
   * a command parsed before (runParsed) carries the version it was parsed for.
   */
  version?: number;
  /** A folder's entries for `apply -f DIR` (undefined: not a folder); without it every path is a file. */
  listDir?: ListDir;
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
