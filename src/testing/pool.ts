/**
 * A pool of worker threads running scenarios (worker.ts): min(cores, scenarios) threads by
 * default, each given the next file as soon as it is free. Node only (the CLI's adapter).
 *
 * Each scenario has a budget: its worker's heap is capped (`resourceLimits`), and a worker
 * still busy with one scenario well after its --timeout (a run stuck where the run's own
 * deadline checks do not reach) is terminated. Either way that scenario fails with its file
 * and the reason, a fresh thread takes the slot, and the other scenarios finish.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { ScenarioExecutor } from "./executor.ts";
import { unreadableOutcome, type TestOutcome } from "./outcome.ts";
import type { WorkerRequest } from "./worker.ts";

/** The threads a suite of `n` scenarios gets: one per core, never more than there are scenarios. */
export const poolSize = (n: number, cores = availableParallelism()): number =>
  Math.max(1, Math.min(cores, n));

const fromSource = import.meta.url.endsWith(".ts");

/**
 * The worker's module beside this one: worker.js from dist; worker.ts when running from
 * source, with tsx's loader imported into the thread (on Node 20 a worker does not inherit
 * the loader `tsx` registered in the main thread).
 */
const newWorker = (maxMemoryMb: number | undefined): Worker => {
  const resourceLimits = maxMemoryMb === undefined ? undefined : { maxOldGenerationSizeMb: maxMemoryMb };
  return fromSource
    ? new Worker(
        `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL("./worker.ts", import.meta.url).href)}); });`,
        { eval: true, resourceLimits },
      )
    : new Worker(new URL("./worker.js", import.meta.url), { resourceLimits });
};

/** How long past its --timeout a busy worker gets (its own deadline should have stopped it). */
const GRACE_MS = 5000;

export interface PoolOptions {
  allowOutside?: boolean;
  /** Wall-clock budget per scenario, ms. */
  timeoutMs?: number;
  /** Heap cap per worker thread, MB. */
  maxMemoryMb?: number;
}

interface Slot {
  worker: Worker;
  busy?: { id: number; file: string; resolve(o: TestOutcome): void; timer?: ReturnType<typeof setTimeout> };
}

export function workerPool(size: number, opts: PoolOptions = {}): ScenarioExecutor {
  const slots: Slot[] = [];
  const waiting: { file: string; resolve(o: TestOutcome): void }[] = [];
  let nextId = 0;

  const replace = (slot: Slot): void => {
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1, spawn());
  };

  const spawn = (): Slot => {
    const slot: Slot = { worker: newWorker(opts.maxMemoryMb) };
    slot.worker.on("message", (m: { id: number; outcome: TestOutcome }) => {
      const job = slot.busy;
      if (job?.timer) clearTimeout(job.timer);
      slot.busy = undefined;
      if (job && job.id === m.id) job.resolve(m.outcome);
      dispatch();
    });
    slot.worker.on("error", (e: Error & { code?: string }) => {
      // Out of memory: the scenario's budget, not a bug. Otherwise a crash is a bug in the
      // simulator: the scenario fails with the error and a fresh thread takes the slot. A
      // thread that cannot even start is not replaced; when none is left, every waiting
      // scenario fails with the same error.
      const job = slot.busy;
      if (job?.timer) clearTimeout(job.timer);
      slot.busy = undefined;
      const fail = (file: string): TestOutcome =>
        unreadableOutcome(
          file,
          e.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? `replicast: ${file}: the scenario needed more than --max-memory ${opts.maxMemoryMb ?? "(the default)"} MB; its worker was stopped`
            : `replicast: internal error in ${file}: ${e.name}: ${e.message}`,
        );
      if (job) {
        replace(slot);
        job.resolve(fail(job.file));
      } else {
        slots.splice(slots.indexOf(slot), 1);
        if (slots.length === 0) for (const w of waiting.splice(0)) w.resolve(fail(w.file));
      }
      dispatch();
    });
    return slot;
  };

  const dispatch = (): void => {
    for (const slot of slots) {
      if (slot.busy || waiting.length === 0) continue;
      const job = waiting.shift()!;
      const id = nextId++;
      slot.busy = { id, ...job };
      if (opts.timeoutMs !== undefined) {
        const limit = opts.timeoutMs;
        slot.busy.timer = setTimeout(() => {
          if (slot.busy?.id !== id) return;
          slot.busy = undefined;
          void slot.worker.terminate();
          replace(slot);
          job.resolve(
            unreadableOutcome(
              job.file,
              `replicast: ${job.file}: the scenario did not finish within --timeout ${limit / 1000}s; its worker was stopped`,
            ),
          );
          dispatch();
        }, limit + GRACE_MS);
      }
      const req: WorkerRequest = {
        id,
        file: job.file,
        allowOutside: opts.allowOutside,
        timeoutMs: opts.timeoutMs,
      };
      slot.worker.postMessage(req);
    }
  };

  for (let i = 0; i < size; i++) slots.push(spawn());
  return {
    concurrency: size,
    run(file) {
      return new Promise<TestOutcome>((resolve) => {
        waiting.push({ file, resolve });
        dispatch();
      });
    },
    async close() {
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
