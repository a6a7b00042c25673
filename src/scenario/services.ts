/**
 * What the scenario stage needs from the other parts (the DSL parser, manifest loading,
 * the kubectl subset, the simulation), as narrow ports. `defaultServices.ts` wires the
 * real ones; tests pass small fakes. Keeping the ports here means the plan, runner and
 * checks are tested without building a whole cluster.
 */
import type { Diagnostic, Span } from "../text/diagnostic.ts";
import type { ParseResult } from "../dsl/index.ts";
import type { Cluster } from "../engine/cluster.ts";
import type { Settings } from "../engine/settings.ts";
import type { Trace } from "../engine/trace.ts";
import type { Controller } from "../engine/controller.ts";
import type { FaultSpec, Injection } from "../engine/faults/inject.ts";
import type { AnyKind, KindRegistry } from "../k8s/kinds/registry.ts";
import type { WatchColumns } from "../kubectl/result.ts";
import type { ListDir } from "../kubectl/visitor.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { PoolSpec } from "../engine/nodes/template.ts";
import type { CommandFacts, CommandRegistry, KubectlCommand, ParsedCommand } from "../kubectl/command.ts";
import type { Kubeconfig } from "../kubectl/kubeconfig.ts";

export type { ParseResult };

/**
 * What a run adds to the built-in cluster: kinds (each a descriptor, src/k8s/kinds), the
 * controllers that act on them (src/engine/controller.ts), kubectl commands
 * (src/kubectl/command.ts). They are registered in that run's own registries only.
 */
export interface Extension {
  kinds?: readonly AnyKind[];
  controllers?: readonly Controller[];
  commands?: readonly KubectlCommand[];
}

/** The registries a scenario is read against: the built-in kinds and commands plus its extensions'. */
export interface Registries {
  kinds: KindRegistry;
  commands: CommandRegistry;
}

export interface ManifestResult {
  objects: KubeObject[];
  diagnostics: Diagnostic[];
  /**
   * Where each claim's fields were written (by the object's index; the other kinds have
   * none): check reports a LimitRange's refusal of a claim at its manifest's line.
   */
  claimPositions?: Map<number, ObjectPosition>;
}

/** Where a loaded object's fields were written: the file, and a field path's span there. */
export interface ObjectPosition {
  file: string;
  position(path: string): Span;
}

/** A kubectl line that cannot run: the message kubectl would print, and where in the line. */
export interface KubectlLineError {
  message: string;
  /** 1-based column of the offending word in the line, and its length. */
  col: number;
  length: number;
  hint?: string;
}

/** A kubectl line read once, before the run: what is wrong with it, and what it will do. */
export interface KubectlLine {
  errors: KubectlLineError[];
  /** Known once the command is (also when the line has errors). */
  facts?: CommandFacts;
  /** The parsed command, when the line has no errors: what the run executes. */
  command?: ParsedCommand;
}

/** What one kubectl command (or an apply) printed. */
export interface CommandOutput {
  /** What kubectl prints on stdout (tables, "deployment.apps/x created"). */
  stdout: string;
  /** What it prints on stderr ("Error from server (NotFound): …"); non-empty means the command failed. */
  stderr: string;
  /** `get … -w`: what to keep watching, and the column widths printed so far. */
  watch?: { kind: string; name?: string; columnWidths?: number[]; columns?: WatchColumns };
  /** `get events -w`, `kubectl events -w`: what the watch printed, read when the run has ended. */
  eventWatch?: { lines(): { time: number; afterEvents: number; text: string }[] };
  /** Replicast's note after the command's output (KubectlResult.note), not kubectl's. */
  note?: string;
  /** An object the command named does not exist (the API server's NotFound). */
  notFound?: boolean;
  /** A command that sent objects one by one (`apply`): how many, and how many of them failed. */
  objects?: { count: number; failed: number };
  /** The command is still running (`kubectl drain`): what it prints `after` seconds from now. */
  follow?: { after: number; next: () => CommandOutput };
  /** The command watches one object until satisfied (`rollout status`): see KubectlResult.until. */
  until?: {
    kind: string;
    namespace: string;
    name: string;
    timeout?: number;
    timeoutError: string;
    onChange(type: ObjectChange["type"], object: KubeObject): { out: CommandOutput; done: boolean };
  };
}

/** A change of an object in the store, as a watch delivers it. */
export interface ObjectChange {
  type: "ADDED" | "MODIFIED" | "DELETED";
  object: KubeObject;
}

/** The simulation as the runner drives it: a Cluster with a clock to schedule on. */
export interface SimulationPort extends Cluster {
  /** Run `fn` at simulated time t (after the engine's own work due at t is queued). */
  at(t: number, label: string, fn: () => void): void;
  /** Run a read at simulated time t, after everything else due at t has happened. */
  observeAt(t: number, label: string, fn: () => void): void;
  /** Run an action written after a read at the same instant: among the reads, in order, reacted to at once. */
  atAfterReads(t: number, label: string, fn: () => void): void;
  runUntil(t: number): void;
  trace(): Trace;
  /** Subscribe to every change of objects of these kinds (`kubectl get -w`); returns the unsubscribe. */
  watchObjects(kinds: readonly string[], fn: (change: ObjectChange) => void): () => void;
  /** Put a fault into the cluster from now on (the `fault` statement). */
  inject(fault: FaultSpec): Injection;
  /** `nodes N with …`: a pool of nodes that are there now; an error when it cannot be. */
  addNodes(pool: PoolSpec, count: number): { message: string } | undefined;
  /** `autoscale nodes P from A to B …`: the pool under the cluster autoscaler. */
  autoscaleNodes(pool: string, autoscaling: PoolAutoscalingInput): { message: string } | undefined;
}

/** `autoscale nodes` as the plan read it (durations in seconds; unset ones from the settings). */
export interface PoolAutoscalingInput {
  min: number;
  max: number;
  provision?: number;
  scaleDownUnneededTime?: number;
}

export interface ScenarioServices {
  parseScenario(text: string, file: string, opts?: { kinds?: KindRegistry }): ParseResult;
  loadManifests(
    text: string,
    opts: {
      file: string;
      lineOffset: number;
      offsetBase?: number;
      kinds?: KindRegistry;
      /**
       * `check`: the kubectl minor version whose API server's deprecations to report at each
       * object's apiVersion (RC4120, RC4121); none in a run, whose kubectl lines print them.
       */
      deprecationsAt?: number;
    },
  ): ManifestResult;
  /**
   * A kubectl line, parsed once: everything wrong with it, and what it will do. `version` is
   * the kubectl minor version the scenario sets (`set kubectl.version = 1.22`); `kubeconfig` the
   * one the line finds (`kubectl config set-context` changes it for the lines after).
   */
  readKubectl(
    line: string,
    registries?: Partial<Registries> & { version?: number; kubeconfig?: Kubeconfig },
  ): KubectlLine;
  /**
   * A simulated cluster with these settings, and the extensions' kinds and controllers
   * registered; with `capacity`, one whose Nodes have room for so much (Plan.capacity).
   */
  createSimulation(
    settings: Settings,
    extensions?: readonly Extension[],
    options?: { capacity?: boolean; unreadSeries?: readonly string[] },
  ): SimulationPort;
  /** Run a kubectl command the plan parsed (readKubectl). */
  runKubectl(
    command: ParsedCommand,
    cluster: Cluster,
    io: { readFile(path: string): string | undefined; listDir?: ListDir },
  ): CommandOutput;
  applyObjects(objects: readonly KubeObject[], cluster: Cluster, source: string): CommandOutput;
  /**
   * What a `kubectl get -w` prints for a change of an object: a table row aligned to the widths
   * printed so far (updated in place), or the object in the watch's -o format; `header` when
   * the watch printed nothing before (it goes first).
   */
  formatWatchRow(
    kind: string,
    object: KubeObject,
    cluster: Cluster,
    columnWidths: number[] | undefined,
    columns?: WatchColumns,
    type?: ObjectChange["type"],
  ): string | { text: string; header?: string };
}
