/**
 * What the scenario stage needs from the other parts (the DSL parser, manifest loading,
 * the kubectl subset, the simulation), as narrow ports. `defaultServices.ts` wires the
 * real ones; tests pass small fakes. Keeping the ports here means the plan, runner and
 * checks are tested without building a whole cluster.
 */
import type { Diagnostic } from "../text/diagnostic.ts";
import type { ParseResult } from "../dsl/index.ts";
import type { Cluster } from "../engine/cluster.ts";
import type { Settings } from "../engine/settings.ts";
import type { Trace } from "../engine/trace.ts";
import type { Controller } from "../engine/controller.ts";
import type { AnyKind, KindRegistry } from "../k8s/kinds/registry.ts";
import type { ListDir } from "../kubectl/visitor.ts";
import type { KubeObject } from "../k8s/types.ts";
import type { CommandFacts, CommandRegistry, KubectlCommand, ParsedCommand } from "../kubectl/command.ts";

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
  watch?: { kind: string; name?: string; columnWidths?: number[] };
  /** An object the command named does not exist (the API server's NotFound). */
  notFound?: boolean;
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
  runUntil(t: number): void;
  trace(): Trace;
  /** Subscribe to every change of objects of these kinds (`kubectl get -w`); returns the unsubscribe. */
  watchObjects(kinds: readonly string[], fn: (change: ObjectChange) => void): () => void;
}

export interface ScenarioServices {
  parseScenario(text: string, file: string, opts?: { kinds?: KindRegistry }): ParseResult;
  loadManifests(
    text: string,
    opts: { file: string; lineOffset: number; offsetBase?: number; kinds?: KindRegistry },
  ): ManifestResult;
  /** A kubectl line, parsed once: everything wrong with it, and what it will do. */
  readKubectl(line: string, registries?: Partial<Registries>): KubectlLine;
  /** A simulated cluster with these settings, and the extensions' kinds and controllers registered. */
  createSimulation(settings: Settings, extensions?: readonly Extension[]): SimulationPort;
  /** Run a kubectl command the plan parsed (readKubectl). */
  runKubectl(
    command: ParsedCommand,
    cluster: Cluster,
    io: { readFile(path: string): string | undefined; listDir?: ListDir },
  ): CommandOutput;
  applyObjects(objects: readonly KubeObject[], cluster: Cluster, source: string): CommandOutput;
  /** One `kubectl get -w` row for an object, aligned to the widths printed so far (updated in place). */
  formatWatchRow(
    kind: string,
    object: KubeObject,
    cluster: Cluster,
    columnWidths: number[] | undefined,
  ): string;
}
