/**
 * The `replicast` command: run, check and test scenarios. `main(argv, io, services)` runs
 * in-process and returns the exit status (tests call it directly); main.ts is the bin.
 * Exit statuses: 0 every expectation holds, 1 one fails, 2 unusable input, 70 an internal
 * error (a bug: input errors never get there).
 */
import { Command, CommanderError } from "commander";
import type { ScenarioServices } from "../scenario/services.ts";
import { checkCommand } from "./check.ts";
import { explainCommand, type ExplainFlags } from "./explain.ts";
import { fidelityCommand } from "./fidelity.ts";
import type { CliIO } from "./io.ts";
import { runCommand } from "./run.ts";
import { testCommand, type TestFlags } from "./test.ts";

export const VERSION = "0.1.0";

/** sysexits.h EX_SOFTWARE: an internal software error. */
export const EXIT_INTERNAL = 70;

const RUN_EXAMPLES = `
Examples:
  $ replicast run scenarios/quickstart.scn
  $ replicast run scenarios/hpa-cpu.scn --json > result.json
  $ replicast run scenarios/hpa-behavior.scn --chart hpa.svg
  $ replicast run scenarios/hpa-behavior.scn --chart why.png --chart-kind why

Exit status: 0 every expectation holds, 1 one fails, 2 the input cannot be used.`;

const EXPLAIN_EXAMPLES = `
Examples:
  $ replicast explain scenarios/hpa-behavior.scn hpa/app
  $ replicast explain scenarios/hpa-behavior.scn hpa/app --at 15m15s
  $ replicast explain scenarios/traps/surge-pods-count.scn deployment/web --from 10m --to 12m
  $ replicast explain scenarios/hpa-behavior.scn hpa/app --json > why.json
  $ replicast explain scenarios/hpa-behavior.scn hpa/app --chart why.png
  $ replicast explain scenarios/nodes/full-nodes.scn pod/web-7747cc5645-97r4r

Runs the scenario, then explains each decision of TARGET (hpa/NAME, deployment/NAME,
statefulset/NAME or pod/NAME) from what the controller recorded: a block for each change, a
line for each run of syncs that changed nothing, with the reason; for a pod, each scheduling
attempt with every node's verdict. --at T explains the decision in effect at T in full.
Exit status: 0 explained, 2 the scenario, the target or the times cannot be used.`;

const CHECK_EXAMPLES = `
Examples:
  $ replicast check scenarios/*.scn

Parses and plans (manifests, times, targets, kubectl lines) without running.
Exit status: 0 all usable, 2 otherwise.`;

const TEST_EXAMPLES = `
Examples:
  $ replicast test                 # every *.scn under the current folder
  $ replicast test scenarios/ regressions/flapping.scn
  $ replicast test scenarios --junit report.xml      # JUnit XML for CI
  $ replicast test scenarios --shard 2/4             # the 2nd of 4 CI jobs
  $ replicast test scenarios --filter traps/ --bail --reporter tap

Prints a line per scenario, then "N passed, N failed". Exit status: 1 when any fails.`;

const FIDELITY_EXAMPLES = `
Examples:
  $ replicast fidelity                            # the vectors shipped in the package
  $ replicast fidelity my-hpa-vectors.json        # vectors of your own, in the same format

Runs Kubernetes unit-test vectors (docs/fidelity.md) against the simulator's own code.
Exit status: 0 all pass, 1 a vector fails, 2 a file cannot be used.`;

export function buildProgram(
  io: CliIO,
  services: ScenarioServices,
  setExit: (code: number) => void,
  pending: Promise<unknown>[],
): Command {
  const program = new Command();
  program
    .name("replicast")
    .description(
      "A flight simulator for Kubernetes rollouts and autoscaling: run scenario scripts in virtual time.",
    )
    .version(VERSION, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .addHelpText(
      "after",
      `
Examples:
  $ replicast run scenarios/quickstart.scn
  $ replicast check scenarios/*.scn
  $ replicast test scenarios/
  $ replicast explain scenarios/hpa-behavior.scn hpa/app`,
    );

  program
    .command("run")
    .description("run a scenario and report its timeline and expectations")
    .argument("<file>", "the scenario (.scn)")
    .option("--json", "print the result as JSON")
    .option("--allow-outside", "allow files outside the scenario's folder")
    .option("--chart <file>", "write a chart of the run (.svg, .png, .html, .vl.json)")
    .option(
      "--chart-kind <kind>",
      "the chart --chart draws: dashboard (default), rollout, hpa, metric, load, requests, latency, or why (the HPA's layers)",
    )
    .option(
      "--no-aggregate",
      'print every repeated warning on its own line instead of once with "(x4 over 45s)", as kubectl counts them',
    )
    .addHelpText("after", RUN_EXAMPLES)
    .action(
      (
        file: string,
        opts: {
          json?: boolean;
          allowOutside?: boolean;
          chart?: string;
          chartKind?: string;
          aggregate?: boolean;
        },
      ) => {
        pending.push(runCommand(file, opts, io, services).then(setExit));
      },
    );

  program
    .command("explain")
    .description("run a scenario and explain why an HPA, a Deployment or a StatefulSet did (or didn't) scale")
    .argument("<file>", "the scenario (.scn)")
    .argument(
      "<target>",
      "hpa/NAME, deployment/NAME or statefulset/NAME (NAMESPACE/kind/NAME outside default)",
    )
    .option("--at <time>", "explain the decision in effect at this time, in full (e.g. 20m)")
    .option("--from <time>", "explain decisions from this time on")
    .option("--to <time>", "explain decisions up to this time")
    .option("--json", "print the explanation as JSON")
    .option("--allow-outside", "allow files outside the scenario's folder")
    .option("--chart <file>", "also write the HPA's layered chart (or the rollout chart) to FILE")
    .addHelpText("after", EXPLAIN_EXAMPLES)
    .action((file: string, target: string, opts: ExplainFlags) => {
      pending.push(explainCommand(file, target, opts, io, services).then(setExit));
    });

  program
    .command("check")
    .description("parse and plan scenarios without running them")
    .argument("<files...>", "scenarios (.scn)")
    .option("--allow-outside", "allow files outside the scenario's folder")
    .addHelpText("after", CHECK_EXAMPLES)
    .action((files: string[], opts: { allowOutside?: boolean }) =>
      setExit(checkCommand(files, opts, io, services)),
    );

  program
    .command("test")
    .description("run every scenario as a test")
    .argument("[paths...]", "folders and files (default: the current folder)")
    .option("--allow-outside", "allow files outside each scenario's folder")
    .option("--junit <file>", "also write a JUnit XML report to FILE")
    .option("--reporter <name>", "how results are printed: text or tap (TAP 13)", "text")
    .option("--filter <pattern>", "only scenarios whose path contains PATTERN (* matches anything)")
    .option("--bail", "stop at the first failing scenario")
    .option("--shard <i/n>", "run the i-th of n equal parts of the sorted suite (a CI matrix)")
    .option("-j, --jobs <n>", "worker threads (default: min(cores, scenarios); 1 runs in-process)")
    .option(
      "--timeout <duration>",
      "wall-clock budget per scenario; one that runs longer fails (default: 5m)",
    )
    .option(
      "--max-memory <MB>",
      "heap budget per worker thread; a scenario that needs more fails (default: 2048)",
    )
    .addHelpText("after", TEST_EXAMPLES)
    .action((paths: string[], opts: TestFlags) => {
      pending.push(testCommand(paths, opts, io, services).then(setExit));
    });

  program
    .command("fidelity")
    .description("check the simulator against vectors transcribed from Kubernetes' unit tests")
    .argument("[files...]", "vector files (default: the ones shipped with replicast)")
    .addHelpText("after", FIDELITY_EXAMPLES)
    .action((files: string[]) => {
      pending.push(fidelityCommand(files, io).then(setExit));
    });

  return program;
}

/** Run the command line (without the node and script words); resolves to the exit status. */
export async function main(argv: readonly string[], io: CliIO, services: ScenarioServices): Promise<number> {
  let code = 0;
  const pending: Promise<unknown>[] = [];
  try {
    const program = buildProgram(io, services, (c) => (code = c), pending);
    if (argv.length === 0) {
      program.outputHelp();
      return 2;
    }
    try {
      program.parse([...argv], { from: "user" });
    } catch (e) {
      if (e instanceof CommanderError) {
        // --help and --version "exit" with 0; usage errors are unusable input.
        return e.exitCode === 0 ? 0 : 2;
      }
      throw e;
    }
    await Promise.all(pending);
    return code;
  } catch (e) {
    io.stderr(internalError(e));
    return EXIT_INTERNAL;
  }
}

/** The one message a bug produces: what happened, and a request to report it (no stack trace). */
export function internalError(e: unknown): string {
  const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return `replicast: internal error: ${what}\nThis is a bug in replicast, not in your scenario. Please report it with the scenario that caused it: the same input reproduces it exactly.\n`;
}
