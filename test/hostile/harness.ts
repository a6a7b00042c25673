/**
 * Runs the hostile corpus (corpus.ts) through the built bin: each case in its own folder, on
 * a pool of case hosts (host.mjs, child processes with a capped heap), each case with a
 * wall-clock limit after which its host is killed and replaced. The verdict of a case lists
 * what went wrong: killed (a hang or a crash), an exit status other than 0, 1 or 2 (or the
 * case's own), a stack trace, an "internal error", or the case's own check.
 */
import { fork, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setUpCase, type HostileCase, type RunOutput } from "./corpus.ts";

export interface CaseResult extends RunOutput {
  name: string;
  /** What is wrong with it; empty when it ended as it must. */
  problems: string[];
}

export interface CorpusOptions {
  /** The built bin (dist/bin/replicast.js). */
  bin: string;
  /** Case hosts running at once. */
  concurrency?: number;
  /** Wall-clock limit per case, ms: past it the case is a hang (generous: the machine may be shared). */
  limitMs?: number;
  /** CPU-time limit per case, ms: "ends within seconds". */
  cpuLimitMs?: number;
  /** Heap cap of a case host, MB: a case that balloons crashes its host instead of the machine. */
  heapMb?: number;
  /** A fresh host for every case (an audit that must not count one case's leak against the next). */
  isolate?: boolean;
  onResult?(r: CaseResult): void;
}

const HOST = new URL("./host.mjs", import.meta.url).pathname;

/** A stack frame as V8 prints it: `    at fn (file.js:1:2)` or `    at file.js:1:2`. */
const STACK_FRAME = /^\s+at (?:.+ \()?\S+:\d+:\d+\)?$/m;

/** Every case must end within this much CPU time. */
export const CPU_LIMIT_MS = 10_000;

export function verdict(c: HostileCase, r: RunOutput, cpuLimitMs = CPU_LIMIT_MS): string[] {
  const problems: string[] = [];
  if (r.killed) return [r.killed];
  if (r.cpuMs !== undefined && r.cpuMs > cpuLimitMs)
    problems.push(`took ${(r.cpuMs / 1000).toFixed(1)} s of CPU, more than ${cpuLimitMs / 1000} s`);
  const allowed = c.exit ?? [0, 1, 2];
  if (r.code === undefined || !allowed.includes(r.code))
    problems.push(`exit ${String(r.code)}, expected ${allowed.join(" or ")}`);
  const text = r.stdout + r.stderr;
  if (STACK_FRAME.test(text)) problems.push("printed a stack trace");
  if (/internal error/i.test(text)) problems.push(`internal error: ${firstLine(text, /internal error.*/i)}`);
  const own = c.check?.(r);
  if (own) problems.push(own);
  return problems;
}

const firstLine = (text: string, re: RegExp): string => (re.exec(text)?.[0] ?? "").slice(0, 300);

interface Host {
  child: ChildProcess;
  ready: Promise<void>;
  stderr: string;
}

function startHost(bin: string, heapMb: number): Host {
  const child = fork(HOST, [bin], {
    execArgv: [`--max-old-space-size=${heapMb}`],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  const host: Host = { child, stderr: "", ready: Promise.resolve() };
  child.stderr?.on("data", (d: Buffer) => {
    host.stderr = (host.stderr + d.toString("utf8")).slice(-2000);
  });
  host.ready = new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) =>
      reject(new Error(`case host exited (${code}) before it was ready: ${host.stderr}`)),
    );
  });
  return host;
}

/** Run every case; results in the cases' order. */
export async function runCorpus(cases: readonly HostileCase[], opts: CorpusOptions): Promise<CaseResult[]> {
  const root = mkdtempSync(join(tmpdir(), "replicast-hostile-"));
  const limitMs = opts.limitMs ?? 60_000;
  const heapMb = opts.heapMb ?? 1536;
  const results: CaseResult[] = new Array(cases.length);
  let next = 0;
  let id = 0;

  const lane = async (): Promise<void> => {
    let host: Host | undefined;
    while (next < cases.length) {
      const i = next++;
      const c = cases[i];
      const dir = join(root, String(i));
      let out: RunOutput;
      try {
        setUpCase(c, dir);
        host ??= startHost(opts.bin, heapMb);
        await host.ready;
        out = await runOn(host, { id: id++, dir, argv: c.argv }, limitMs);
      } catch (e) {
        out = { code: undefined, stdout: "", stderr: "", ms: 0, killed: `harness: ${(e as Error).message}` };
      }
      if (out.killed || opts.isolate) {
        host?.child.kill("SIGKILL");
        host = undefined;
      }
      const r: CaseResult = { name: c.name, ...out, problems: verdict(c, out, opts.cpuLimitMs) };
      results[i] = r;
      opts.onResult?.(r);
      rmSync(dir, { recursive: true, force: true });
    }
    if (host) {
      host.child.kill("SIGKILL");
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 2) }, lane));
  rmSync(root, { recursive: true, force: true });
  return results;
}

function runOn(
  host: Host,
  req: { id: number; dir: string; argv: string[] },
  limitMs: number,
): Promise<RunOutput> {
  return new Promise((resolve) => {
    const started = performance.now();
    const finish = (r: RunOutput): void => {
      clearTimeout(timer);
      host.child.off("message", onMessage);
      host.child.off("exit", onExit);
      resolve(r);
    };
    const onMessage = (m: {
      id: number;
      code: number;
      ms: number;
      cpuMs: number;
      stdout: string;
      stderr: string;
    }): void => {
      if (m.id !== req.id) return;
      finish({ code: m.code, stdout: m.stdout, stderr: m.stderr, ms: m.ms, cpuMs: m.cpuMs });
    };
    const onExit = (code: number | null, signal: string | null): void =>
      finish({
        code: undefined,
        stdout: "",
        stderr: host.stderr,
        ms: performance.now() - started,
        killed: `crash: the host exited (${signal ?? code}): ${host.stderr.trim().split("\n").slice(-3).join(" | ")}`,
      });
    const timer = setTimeout(
      () =>
        finish({
          code: undefined,
          stdout: "",
          stderr: "",
          ms: performance.now() - started,
          killed: `timeout: no answer within ${limitMs / 1000} s`,
        }),
      limitMs,
    );
    host.child.on("message", onMessage);
    host.child.once("exit", onExit);
    host.child.send(req);
  });
}
