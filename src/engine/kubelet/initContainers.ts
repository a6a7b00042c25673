/**
 * Init containers as the kubelet runs them (pkg/kubelet/kuberuntime/kuberuntime_manager.go
 * computePodActions → computeInitContainerActions, v1.28 with KEP-753's sidecars): one after
 * the other after the sandbox, each to completion before the next starts and before any app
 * container; an init container with restartPolicy Always (a native sidecar) is not waited for
 * to complete — the next one starts once it has started (its startupProbe, if any, succeeded),
 * and it keeps running beside the app containers.
 *
 * How long a regular init container runs is the one thing its spec cannot say in general. When
 * its command is a plain `sleep N` (or a shell script whose commands are simple ones, its
 * `sleep`s added up), that is its run time; anything else (a loop waiting for a service, a
 * migration) takes the `pod.init-duration` setting.
 */
import type { Container } from "../../k8s/types.ts";

/** isRestartableInitContainer (pkg/api/v1/pod/util.go): restartPolicy Always makes an init container a sidecar. */
export const isSidecar = (c: Container | undefined): boolean => c?.restartPolicy === "Always";

/** The shells whose `-c SCRIPT` is read for sleeps. */
const SHELLS = new Set(["sh", "bash", "ash", "dash", "zsh"]);

/** Shell words that make a script more than a sequence of simple commands (its run time is not the sum of its sleeps). */
const COMPOUND = /^(until|while|for|if|do|done|then|fi|case|esac)$/;

/** GNU/busybox sleep's NUMBER[SUFFIX], s (default), m, h or d. Examples: "5" → 5, "2.5" → 2.5, "1m" → 60, "x" → undefined. */
export function sleepArgument(arg: string): number | undefined {
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2] as "" | "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit;
}

/** `sleep A [B …]`: the sum of its arguments (coreutils sleep sleeps for their sum), if every one is a duration. */
function sleepCommand(argv: readonly string[]): number | undefined {
  if (argv.length < 2 || basename(argv[0]) !== "sleep") return undefined;
  let total = 0;
  for (const a of argv.slice(1)) {
    const s = sleepArgument(a);
    if (s === undefined) return undefined;
    total += s;
  }
  return total;
}

const basename = (path: string): string => path.slice(path.lastIndexOf("/") + 1);

/** Split a shell word list the simple way: whitespace, with '…' and "…" kept whole. */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/**
 * The run time of a `sh -c SCRIPT` whose commands are simple ones separated by `;`, `&&` or
 * new lines: its sleeps added up (the other commands take no time). Undefined for a script
 * with loops or conditionals, or with no sleep at all.
 */
function scriptSleep(script: string): number | undefined {
  let total = 0;
  let slept = false;
  for (const part of script.split(/;|&&|\n/)) {
    const argv = words(part.trim());
    if (argv.length === 0) continue;
    if (COMPOUND.test(argv[0]) || part.includes("||") || part.includes("|")) return undefined;
    if (basename(argv[0]) !== "sleep") continue;
    const s = sleepCommand(argv);
    if (s === undefined) return undefined;
    total += s;
    slept = true;
  }
  return slept ? total : undefined;
}

/**
 * How long a regular init container runs, read from its command and args (the container's argv:
 * command, then args; args alone replace the image's CMD), or undefined when they do not say.
 *
 * Examples: command ["sleep", "5"] → 5; ["sh", "-c", "sleep 5"] → 5; ["/bin/sh", "-c",
 * "echo x; sleep 2.5"] → 2.5; args ["sleep", "1m"] → 60; ["sh", "-c", "until nc -z db 5432; do
 * sleep 2; done"] → undefined; ["./migrate", "up"] → undefined.
 */
export function initRunTime(c: Container): number | undefined {
  return commandRunTime([...(c.command ?? []), ...(c.args ?? [])].map(String));
}

/**
 * How long an argv runs when it says so: a `sleep N`, or a shell's `-c` script of simple
 * commands and sleeps (as `initRunTime` reads a container's command); undefined otherwise.
 * A preStop hook's exec command is read the same way (kubelet/preStop.ts).
 */
export function commandRunTime(argv: readonly string[]): number | undefined {
  if (argv.length === 0) return undefined;
  const direct = sleepCommand(argv);
  if (direct !== undefined) return direct;
  const dash = argv.indexOf("-c");
  if (SHELLS.has(basename(argv[0])) && dash > 0 && dash + 1 < argv.length) return scriptSleep(argv[dash + 1]);
  return undefined;
}

/**
 * The exit code a Job's container ends with, read from its command: a shell script of simple
 * commands (as for its sleeps) that runs `exit N` exits N — the first `exit` ends the script —
 * and anything else exits 0. This is how a scenario makes a container fail with a given code
 * (for a pod failure policy's onExitCodes).
 * Examples: ["sh", "-c", "./migrate up; exit 42"] → 42; ["sh", "-c", "sleep 5"] → 0; ["./migrate"] → 0.
 */
export function scriptExitCode(c: Container): number {
  const argv = [...(c.command ?? []), ...(c.args ?? [])].map(String);
  const dash = argv.indexOf("-c");
  if (argv.length === 0 || !SHELLS.has(basename(argv[0])) || dash <= 0 || dash + 1 >= argv.length) return 0;
  for (const part of argv[dash + 1].split(/;|&&|\n/)) {
    const w = words(part.trim());
    if (w.length === 0) continue;
    if (COMPOUND.test(w[0]) || part.includes("|")) return 0;
    // A shell's exit status is 8 bits: `exit 256` is 0, as sh reports it.
    if (w[0] === "exit") return w.length > 1 && /^\d+$/.test(w[1]) ? Number(w[1]) % 256 : 0;
  }
  return 0;
}
